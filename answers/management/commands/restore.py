"""Restore the whole database from a backup: ``manage.py restore PATH --yes``.

Everything in the database is replaced by the backup's content. Without --yes, it asks first.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from config.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's content with a backup written by manage.py backup."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A backup written by manage.py backup.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to restore into.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing the database's content.")

    def handle(self, *args, path, database, yes, verbosity, **options):
        connection = connections[database]
        name = connection.settings_dict["NAME"]
        if not yes and input(f"Replace everything in {name} with {path}? Type 'yes' to go on: ").strip() != "yes":
            raise CommandError("Nothing was restored.")
        connection.close()
        try:
            restore(connection.settings_dict, connection.vendor, str(path))
        except BackupError as error:
            raise CommandError(str(error)) from None
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Restored {name} from {path}."))
