"""Leave work waiting for a reviewer, as the demo editor: ``manage.py add_demo_work`` (``make run`` does).

Imports the documents in fixtures/pending/ (a question waiting to be published) and proposes a change to
a published answer of the seed, each once: what a reviewer has decided on is not proposed again. Run it
after ``load_fixtures``; it needs the demo editor that the demo fixture holds.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from answers.importer import import_documents
from answers.management.commands.build_document_fixtures import CAPTURED_ON
from answers.models import Answer, Question
from config.proposals.models import Proposal
from config.proposals.workflow import propose_change

PENDING = Path(settings.BASE_DIR) / "fixtures" / "pending"
DEMO_EDITOR = "editor"
DEMO_ANSWER = ("turkish-war-of-independence-and-turkey-russia.txt", 2)
DEMO_NOTE = "The page shows the last sentence as a paragraph of its own; the capture joined it to the one before."


class Command(BaseCommand):
    help = "Import a question for a reviewer to publish and propose a change to a published answer, as the demo editor."

    @transaction.atomic
    def handle(self, *args, verbosity, **options):
        editor = get_user_model().objects.filter(username=DEMO_EDITOR).first()
        if editor is None:
            self.stderr.write(f"There is no user {DEMO_EDITOR!r}: run load_fixtures first.")
            raise SystemExit(1)
        lines = []
        pending = [
            path for path in sorted(PENDING.glob("*.txt")) if not Question.objects.filter(document=path.name).exists()
        ]
        if pending:
            import_documents(pending, captured_on=CAPTURED_ON, user=editor)
            lines.append(f"{len(pending)} imported question(s) wait for a reviewer to publish them.")
        answer = Answer.objects.live().filter(question__document=DEMO_ANSWER[0], position=DEMO_ANSWER[1]).first()
        if answer is not None and not Proposal.objects.for_object(answer).by(editor).exists():
            last_paragraph = answer.body.rsplit("\n\n", 1)[-1]
            if " It is likely" in last_paragraph:
                split = last_paragraph.replace(" It is likely", "\n\nIt is likely")
                propose_change(answer, editor, {"body": answer.body.replace(last_paragraph, split)}, note=DEMO_NOTE)
                lines.append(f"A change to {answer} waits for review.")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS("Demo work: " + (" ".join(lines) or "nothing new to add.")))
