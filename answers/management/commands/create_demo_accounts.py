"""Create or refresh the local demo accounts (editor, reviewer, admin), named for their roles."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from config.localenv import password_variable

# username, group, superuser, (first name, last name): the names tell editor and reviewer apart.
ACCOUNTS = [
    ("editor", "Editors", False, ("Demo", "Editor")),
    ("reviewer", "Reviewers", False, ("Demo", "Reviewer")),
    ("admin", None, True, ("Demo", "Admin")),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts editor, reviewer and admin and set their passwords: those in the environment "
        "(FACTLINE_DEMO_PASSWORD_EDITOR, …, which `make run` keeps in .local/run.env), else new ones, printed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even though DEBUG is off (not recommended)."
        )

    def handle(self, *args, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo accounts are for local development; DEBUG is off, so nothing was done.")
        User = get_user_model()
        lines, generated = [], False
        for username, group_name, is_superuser, (first_name, last_name) in ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = is_superuser
            # Notifications are printed to the console in debug mode: each account has an address to send to.
            user.email = user.email or f"{username}@example.com"
            user.first_name, user.last_name = first_name, last_name
            password = os.environ.get(password_variable(username), "")
            if not password:
                password, generated = secrets.token_urlsafe(12), True
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            lines.append(f"  {username:<9} {password:<18} {user.get_full_name()}")
        if generated:
            heading = "Demo accounts (log in at /admin/; new passwords, as none were given):"
        else:
            heading = "Demo accounts (log in at /admin/; passwords from the environment):"
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(heading))
            self.stdout.write("\n".join(lines))
