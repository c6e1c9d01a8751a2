"""Settings for the test suite: production settings with test-only values where tests need them."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-key-not-a-secret-" + "x" * 40)

from config.settings import *  # noqa: E402, F403

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
