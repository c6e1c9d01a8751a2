"""Import question-and-answer documents: ``manage.py import_documents PATH... [--dry-run]``."""

import argparse
import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from answers.importer import ImportFailed, import_documents
from config.text import printable


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Import documents (files, or folders of .txt files) as questions, answers and claims. "
        "All documents are imported in one transaction: a bad one stops the run and nothing is written. "
        "New questions are drafts until a reviewer publishes them; changes to published ones are proposed "
        "for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Document files or folders of .txt files.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument(
            "--captured-on",
            type=iso_date,
            metavar="YYYY-MM-DD",
            help="When the pages were captured; relative posted dates count back from it. "
            "Default: the date stored for a known document, today for a new one.",
        )
        parser.add_argument("--user", metavar="USERNAME", help="Record this user in the history of every change.")

    def handle(self, *args, paths, dry_run, captured_on, user, verbosity, **options):
        if user is not None:
            try:
                user = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"--user: there is no user called {user!r}") from None
        try:
            report = import_documents(paths, captured_on=captured_on, user=user, dry_run=dry_run)
        except ImportFailed as error:
            for line in error.lines():
                self.stderr.write(printable(line, newlines=False))
            raise SystemExit(1) from None
        if verbosity >= 1:
            for message in report.messages:
                self.stdout.write(printable(message, newlines=False))
            summary = report.summary(dry_run=dry_run)
            if dry_run:
                summary += " Dry run: nothing was written."
            self.stdout.write(self.style.SUCCESS(summary))
