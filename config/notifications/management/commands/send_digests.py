"""Send the daily digests: one email per person who chose them, with everything since their last one.

Run it once a day (cron, a systemd timer or the platform's scheduler): `python manage.py send_digests`.
"""

from django.core.management.base import BaseCommand, CommandError

from config.notifications.notify import send_digests


class Command(BaseCommand):
    help = "Email each person who chose the daily digest everything they were not told since their last one."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the digests to send; send none.")

    def handle(self, *args, dry_run, verbosity, **options):
        sent, failed = send_digests(dry_run=dry_run)
        if verbosity:
            verb = "Would send" if dry_run else "Sent"
            self.stdout.write(self.style.SUCCESS(f"{verb} {sent} digest{'s' if sent != 1 else ''}."))
        if failed:
            raise CommandError(
                f"{failed} digest{'s' if failed != 1 else ''} could not be sent (see the log); they stay waiting "
                "for the next run."
            )
