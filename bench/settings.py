"""Settings for the page benchmark: the site's own settings, with a bare view beside its pages.

The environment decides the rest, as in production (bench.pages sets it): debug off, the database, the cache.
Static files are collected under .bench/, so that a benchmark never touches the site's own staticfiles/.
"""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = BASE_DIR / ".bench" / "static"
