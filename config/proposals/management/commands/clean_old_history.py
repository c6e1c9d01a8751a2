"""Refuse to prune history: ``clean_old_history`` (django-simple-history's) deletes history rows.

Factline's history is the record of who changed what and who reviewed it; it is kept whole, and the
database refuses to delete its rows anyway. This command takes the place of the library's.
"""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Refuses to run: Factline keeps its history whole (the database refuses to delete history rows too)."

    def add_arguments(self, parser):
        # Accept whatever the library's command accepts, so that every use gets the same refusal.
        parser.add_argument("args", nargs="*")
        parser.add_argument("--auto", action="store_true")
        parser.add_argument("--days", type=int)
        parser.add_argument("--dry", action="store_true")

    def handle(self, *args, **options):
        raise CommandError(
            "History is never pruned: it is the record of who changed what and who reviewed it. "
            "Back the database up (manage.py backup) instead of deleting history to save space."
        )
