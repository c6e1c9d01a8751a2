"""Settings for the test suite: production settings with test-only values where tests need them."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-key-not-a-secret-" + "x" * 40)

# Under pytest-xdist each worker flushes the cache before every test: give each its own Redis database, so one
# worker's flush never empties another's cache mid-test. Servers the tests start inherit the address.
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    from urllib.parse import urlsplit, urlunsplit

    for _variable in ("REDIS_URL", "CACHE_URL"):
        if (_url := urlsplit(os.environ.get(_variable, ""))).scheme in ("redis", "rediss"):
            os.environ[_variable] = urlunsplit(_url._replace(path=f"/{int(worker.removeprefix('gw')) + 1}"))

from config.settings import *  # noqa: E402, F403

if DATABASES["default"]["ENGINE"] == "config.db.sqlite3":  # noqa: F405
    # A file, not memory: concurrency tests need connections that wait for each other's locks as in production.
    import tempfile

    # Durability is not tested here: skip waiting for the disk, as the in-memory database did.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"factline-test-{os.getpid()}.sqlite3")
    }

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A lock nobody will release (a connection left in a transaction by a stuck thread) fails the test that
    # waits for it, with the statement, instead of holding the run; the concurrency tests wait seconds at most.
    # A statement that runs for a minute is cancelled the same way: no test's statement takes a second. Both
    # come before the test's own timeout (pyproject.toml), so the failure names the statement.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c lock_timeout=60s -c statement_timeout=90s"  # noqa: F405

# The test client and the browser tests talk plain HTTP to a local server.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files from the app folders, as in development: the suite runs without collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Tests write inside a transaction that never commits, so the page cache would never see their changes:
# it is off, but for the tests that turn it on (tests/config/test_cache.py) and servers started with
# FACTLINE_PAGE_CACHE=1 (tests/config/test_servers.py).
if "FACTLINE_PAGE_CACHE" not in os.environ:
    FACTLINE_PAGE_CACHE = False

# Tasks run as soon as they are queued, so a test sees the email in mail.outbox once the transaction commits;
# tests/config/test_notifications.py also runs them through the database queue and its worker.
TASKS = {"default": {"BACKEND": FACTLINE_TASK_BACKENDS["immediate"]}}  # noqa: F405
