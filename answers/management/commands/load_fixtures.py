"""Load Factline's fixtures into a database, adding what is missing and leaving what is there alone."""

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from answers.models import save_with_history
from answers.models.checks import recheck
from answers.signals import checks_paused

FIXTURES = ["verdicts.json", "events.json", "documents.json", "demo.json"]
REASON = "Loaded from the fixtures"


class Command(BaseCommand):
    help = (
        "Load the verdict, event, document and demo fixtures. Objects already in the database (matched by natural "
        "key) are left as they are, so editors' changes survive; each new object gets a first history row."
    )

    @transaction.atomic
    def handle(self, *args, verbosity, **options):
        added, kept = [], 0
        # Saving a fixture object is raw and records no history, except a row per many-to-many it sets;
        # switch that off and record one row per new object afterwards.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            for name in FIXTURES:
                with open(settings.BASE_DIR / "fixtures" / name, encoding="utf-8") as fixture:
                    for deserialized in serializers.deserialize("json", fixture, handle_forward_references=False):
                        instance = deserialized.object
                        if instance.pk is not None and type(instance).objects.filter(pk=instance.pk).exists():
                            kept += 1
                            continue
                        deserialized.save()
                        added.append(instance)
        with checks_paused():
            for instance in added:
                instance.refresh_from_db()
                save_with_history(instance, reason=REASON)
        recheck()
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Loaded {len(added)} new objects; {kept} already present were left as they are.")
            )
