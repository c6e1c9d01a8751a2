"""Serve the site for `make run`, and end the server's banner with where to log in and as whom."""

import os

from django.core.management import get_commands, load_command_class

from answers.management.commands.create_demo_accounts import ACCOUNTS
from config.localenv import password_variable

# Whichever runserver is installed (WhiteNoise's wraps staticfiles', which wraps Django's).
RunserverCommand = type(load_command_class(get_commands()["runserver"], "runserver"))


class Command(RunserverCommand):
    help = "Run the development server, ending its banner with the site's address and the demo accounts."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--passwords-file", default="", help="Where the demo passwords are kept, to say so in the banner."
        )

    def handle(self, *args, passwords_file, **options):
        self.passwords_file = passwords_file
        return super().handle(*args, **options)

    def on_bind(self, server_port):
        super().on_bind(server_port)
        host = f"[{self.addr}]" if self._raw_ipv6 else ("0.0.0.0" if self.addr == "0" else self.addr)
        url = f"{self.protocol}://{host}:{server_port}/"
        lines = ["", self.style.SUCCESS(f"Factline is at {url} and its admin at {url}admin/"), "Demo accounts:"]
        for username, _group, _superuser, names in ACCOUNTS:
            password = os.environ.get(password_variable(username), "(see above)")
            lines.append(f"  {username:<9} {password:<18} {' '.join(names)}")
        if self.passwords_file:
            lines.append(
                f"The passwords are kept in {self.passwords_file}; `make reset-demo-passwords` gives new ones."
            )
        self.stdout.write("\n".join(lines))
