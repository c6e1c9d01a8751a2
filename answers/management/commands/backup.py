"""Back the whole database up: ``manage.py backup PATH`` (``make backup`` writes one with the date in its name).

Every object, history row and review record, with the schema and the triggers that guard them; restore
it with ``manage.py restore PATH``.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from config.backups import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup of the database (SQLite's backup API, or pg_dump) that manage.py restore can restore."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The file to write; it is replaced if it exists.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up.")

    def handle(self, *args, path, database, verbosity, **options):
        connection = connections[database]
        try:
            backup(connection.settings_dict, connection.vendor, str(path))
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({path.stat().st_size:,} bytes)."))
