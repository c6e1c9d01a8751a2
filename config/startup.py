"""What the WSGI and ASGI applications check before they serve anything."""

import importlib
import os
import sys
import threading

# gunicorn's exit status for an application that failed to load: its master stops, instead of starting
# worker after worker that would fail the same way.
APPLICATION_NOT_LOADED = 4


def refuse_to_serve_without_a_secret_key():
    """Stop with one line on stderr when production has no DJANGO_SECRET_KEY.

    Without a key every page that signs something (sessions, CSRF) would answer 500; commands that sign
    nothing never come here and keep working.
    """
    # The settings module itself: django.conf.settings refuses to hand out an empty key at all.
    settings = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    if not settings.SECRET_KEY:
        print(
            "Factline will not start: set DJANGO_SECRET_KEY to a long random value (debug mode makes one).",
            file=sys.stderr,
            flush=True,
        )
        if threading.current_thread() is not threading.main_thread():
            # runserver's autoreloader loads the application in a thread, which SystemExit would end alone.
            os._exit(APPLICATION_NOT_LOADED)
        raise SystemExit(APPLICATION_NOT_LOADED)
