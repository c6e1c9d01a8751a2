"""Make the corrections of the record a database lacks: ``manage.py correct_the_record`` (``make run`` does).

Each correction (answers/corrections.py) goes through the review workflow, written by the demo editor and
approved by the demo reviewer; what the database already has is left alone, so it runs once per change.
A database loaded from the fixtures has them all. With ``--write-fixtures`` it writes, instead, what the
corrections make of the fixtures' state before them into fixtures/demo.json and fixtures/events.json.
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from answers.corrections import DEMO_EDITOR, DEMO_REVIEWER, correct_the_record, corrected_fixtures, demo_people


class Command(BaseCommand):
    help = "Make the corrections of the record the database lacks, through the review workflow, as the demo editor."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write-fixtures",
            action="store_true",
            help="Write the corrections into fixtures/demo.json and events.json; the database is left as it was.",
        )

    def handle(self, *args, write_fixtures, verbosity, **options):
        if write_fixtures:
            for name, entries in corrected_fixtures().items():
                text = json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
                (settings.BASE_DIR / "fixtures" / name).write_text(text, encoding="utf-8")
            if verbosity >= 1:
                self.stdout.write(self.style.SUCCESS("Wrote the corrections into fixtures/demo.json and events.json."))
            return
        usernames = get_user_model().objects.filter(username__in=[DEMO_EDITOR, DEMO_REVIEWER]).count()
        if usernames < 2:
            raise CommandError(
                f"The demo users {DEMO_EDITOR!r} and {DEMO_REVIEWER!r} are missing: run load_fixtures first."
            )
        done = correct_the_record(*demo_people())
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS("Corrections of the record: " + (" ".join(done) or "none missing.")))
