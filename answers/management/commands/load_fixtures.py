"""Load Factline's fixtures and give every loaded object a first history row."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from answers.models import Answer, Author, Claim, Question, Verdict, save_with_history
from events.models import Event, Participant, Source

FIXTURES = ["verdicts.json", "events.json", "documents.json"]
MODELS = [Verdict, Participant, Event, Source, Question, Author, Answer, Claim]
REASON = "Loaded from the fixtures"


class Command(BaseCommand):
    help = (
        "Load the verdict, event and document fixtures (again, if already loaded: natural keys prevent "
        "duplicates) and record a history row for every object that has none yet."
    )

    @transaction.atomic
    def handle(self, *args, verbosity, **options):
        # loaddata would record a row for every many-to-many it sets, on every run; record one per object instead.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", *(settings.BASE_DIR / "fixtures" / name for name in FIXTURES), verbosity=verbosity)
        recorded = 0
        for model in MODELS:
            for instance in model.objects.exclude(pk__in=model.history.values("id")):
                save_with_history(instance, reason=REASON)
                recorded += 1
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Recorded a first history row for {recorded} objects."))
