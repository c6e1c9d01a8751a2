"""Create or refresh the local demo accounts (editor, reviewer, admin) with new generated passwords."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

ACCOUNTS = [
    ("editor", "Editors", False),
    ("reviewer", "Reviewers", False),
    ("admin", None, True),
]


class Command(BaseCommand):
    help = "Create the demo accounts editor, reviewer and admin, give them fresh passwords and print them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even though DEBUG is off (not recommended)."
        )

    def handle(self, *args, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo accounts are for local development; DEBUG is off, so nothing was done.")
        User = get_user_model()
        lines = []
        for username, group_name, is_superuser in ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = is_superuser
            # Notifications are printed to the console in debug mode: each account has an address to send to.
            user.email = user.email or f"{username}@example.com"
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            lines.append(f"  {username:<9} {password}")
        self.stdout.write(self.style.SUCCESS("Demo accounts (log in at /admin/; new passwords on every run):"))
        self.stdout.write("\n".join(lines))
