"""The local settings `make run` keeps between runs: a secret key and the demo accounts' passwords.

They live in a git-ignored file (`.local/run.env`, mode 0600) of `NAME=value` lines that the Makefile
reads into the environment, so that sessions survive the development server's reloads and the demo
passwords stay the same from one run to the next. Imports nothing from Django: it runs before settings.

    python -m config.localenv ensure .local/run.env           # create what is missing, keep the rest
    python -m config.localenv reset-passwords .local/run.env  # new demo passwords, same secret key
"""

import os
import secrets
import sys
from pathlib import Path

SECRET_KEY = "DJANGO_SECRET_KEY"
DEMO_ACCOUNTS = ("editor", "reviewer", "admin")


def password_variable(username):
    """Return the name of the variable that holds the demo password of `username`."""
    return f"FACTLINE_DEMO_PASSWORD_{username.upper()}"


def read(path):
    """Return the file's settings as {name: value} ({} if there is no file)."""
    path = Path(path)
    if not path.exists():
        return {}
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, equals, value = line.partition("=")
        if equals and not name.lstrip().startswith("#"):
            values[name.strip()] = value.strip()
    return values


def write(path, values):
    """Write the settings to `path`, readable by its owner only."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lines = ["# Local settings of `make run` (git-ignored). `make reset-demo-passwords` gives new passwords."]
    lines += [f"{name}={value}" for name, value in values.items()]
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    path.chmod(0o600)  # a file made before with looser rights is tightened too


def ensure(path):
    """Create the secret key and the demo passwords that are missing from `path`; keep those it has."""
    values = read(path)
    wanted = {SECRET_KEY: lambda: secrets.token_urlsafe(50)}
    wanted |= {password_variable(name): lambda: secrets.token_urlsafe(12) for name in DEMO_ACCOUNTS}
    values |= {name: make() for name, make in wanted.items() if not values.get(name)}
    write(path, values)
    return values


def reset_passwords(path):
    """Give every demo account a new password in `path`, keeping the secret key (and so the sessions)."""
    values = read(path)
    values |= {password_variable(name): secrets.token_urlsafe(12) for name in DEMO_ACCOUNTS}
    write(path, values)
    return ensure(path)  # a file that had no secret key yet gets one


COMMANDS = {"ensure": ensure, "reset-passwords": reset_passwords}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in COMMANDS:
        sys.exit(f"usage: python -m config.localenv {{{'|'.join(COMMANDS)}}} PATH")
    COMMANDS[sys.argv[1]](sys.argv[2])
