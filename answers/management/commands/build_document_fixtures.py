"""Write fixtures/documents.json: what ``import_documents`` makes of ``fixtures/documents/``.

The fixture is generated, never edited by hand; a test proves it equals a fresh import, so the two
cannot drift. Run it on a database that does not hold the documents yet (``make fixtures`` does).
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from answers.importer import ImportFailed, collect_paths, import_documents
from answers.models import Answer, Author, Claim, Question
from config.text import printable

DOCUMENTS = Path(settings.BASE_DIR) / "fixtures" / "documents"
OUTPUT = Path(settings.BASE_DIR) / "fixtures" / "documents.json"
# The day the seed documents were captured; their relative "posted" labels count back from it.
CAPTURED_ON = datetime.date(2026, 11, 24)


def document_fixture(folder=DOCUMENTS, captured_on=CAPTURED_ON):
    """Return, as fixture JSON, what importing `folder` creates; the database is left as it was."""
    names = [path.name for path in collect_paths([folder])]
    if Question.objects.filter(document__in=names).exists():
        raise CommandError("The database already holds these documents; run this on an empty database.")
    with transaction.atomic():
        import_documents([folder], captured_on=captured_on)
        questions = Question.objects.filter(document__in=names).order_by("slug")
        answers = Answer.objects.filter(question__in=questions).order_by("question__slug", "position")
        authors = Author.objects.filter(answers__in=answers).distinct().order_by("name")
        claims = Claim.objects.filter(answer__in=answers).order_by(
            "answer__question__slug", "answer__position", "number"
        )
        text = serializers.serialize(
            "json",
            [*questions, *authors, *answers, *claims],
            indent=2,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        transaction.set_rollback(True)
    return text + "\n"


class Command(BaseCommand):
    help = "Regenerate fixtures/documents.json from the documents in fixtures/documents/."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=OUTPUT, help=f"Where to write (default {OUTPUT}).")

    def handle(self, *args, output, verbosity, **options):
        try:
            text = document_fixture()
        except ImportFailed as error:
            raise CommandError(printable(str(error), newlines=False)) from None
        output.write_text(text, encoding="utf-8")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
