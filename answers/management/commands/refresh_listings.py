"""Rebuild what the public lists read (claim listings and tallies) from the claims and their reviews.

``manage.py refresh_listings [--check]``. Every write through Factline keeps them up to date; run this
after changing the database by other means (a restore, SQL typed by hand). With ``--check`` nothing is
written: the command says which listings and tallies differ from the record, and fails if any do.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from answers.models import Tally, refresh_listings
from answers.models.listings import recount_tallies, stale_listings
from config.cache import public_content_changed


class Command(BaseCommand):
    help = "Rebuild the claim listings and tallies the public pages read, or check them with --check."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only report listings and tallies that differ.")

    def handle(self, *args, check, verbosity, **options):
        if check:
            claims, tallies = stale_listings()
            if claims or tallies:
                raise CommandError(
                    f"{len(claims)} claim listings and {len(tallies)} tallies differ from the record "
                    f"(claims {claims[:10]}, tallies {tallies[:10]}); run manage.py refresh_listings."
                )
            if verbosity >= 1:
                self.stdout.write(self.style.SUCCESS("Every claim listing and tally agrees with the record."))
            return
        with transaction.atomic():
            written = refresh_listings()
            recount_tallies()
            public_content_changed()
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Wrote {written} claim listings; {Tally.objects.count()} tallies recounted.")
            )
