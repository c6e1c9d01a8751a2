"""Django settings for Factline, read from the environment.

Every setting that differs between a laptop and production comes from an environment variable with a
safe local default; see the README's "Configuration" section for the list.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    """Return the environment variable `name` read as a boolean."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}.")


def env_list(name, default=""):
    """Return the comma-separated environment variable `name` as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


REDIS_TIMEOUT = 5  # seconds


def cache_from_url(url):
    """Return a CACHES entry for a redis://, rediss://, locmem:// or dummy:// URL."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        # A Redis that stops answering fails a cache call within seconds (the page cache then serves without it)
        # instead of holding the request, or the test, that made it.
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": url[9:]}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss://, unix://, locmem:// or dummy://, not {url!r}."
    )


def site_url(value, debug, allowed_hosts):
    """Return the site's canonical origin: `value` checked, or the default for debug mode or production.

    Production without a value takes https:// and the first host name in ALLOWED_HOSTS; where there is
    none (only wildcards), the origin is empty and `check --deploy` says so.
    """
    if not value:
        if debug:
            return "http://127.0.0.1:8000"
        hosts = [host for host in allowed_hosts if host != "*" and not host.startswith(".")]
        return f"https://{hosts[0]}" if hosts else ""
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"FACTLINE_SITE_URL must be an origin such as https://factline.example.org "
            f"(a scheme and a host, no path), not {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc}".lower()


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Without DJANGO_SECRET_KEY, debug mode makes a key per process (no secret in the repository), and
# production has none: the WSGI and ASGI applications (gunicorn, runserver) refuse to start with one
# line naming the variable (config/startup.py) and `check --deploy` reports it, while commands that
# sign nothing (migrate, makemigrations, check, collectstatic, load_fixtures) still run.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or (secrets.token_urlsafe(50) if DEBUG else "")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Where absolute links (ClaimReview JSON-LD, feeds) point: never the request's Host header, which a
# client chooses.
FACTLINE_SITE_URL = site_url(os.environ.get("FACTLINE_SITE_URL", "").strip(), DEBUG, ALLOWED_HOSTS)
# Who publishes the verdicts: the author of every ClaimReview, Web Annotation and feed. Its URL defaults to
# the site's home page.
FACTLINE_PUBLISHER_NAME = os.environ.get("FACTLINE_PUBLISHER_NAME", "").strip() or "Factline"
FACTLINE_PUBLISHER_URL = os.environ.get("FACTLINE_PUBLISHER_URL", "").strip()

INSTALLED_APPS = [
    "config.apps.FactlineAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Before simple_history: its history-pruning commands are replaced by refusals (config/proposals/management).
    "config.proposals",
    "config.notifications",
    "config.pages",
    "simple_history",
    "events",
    "answers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session, CSRF and message middleware: it must see every cookie they set (config/cache.py).
    "config.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Inside the page cache, so that cached pages keep the Link header it adds.
    "answers.annotation_service.AnnotationServiceMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait their turn instead of failing with "database is locked": readers never block
    # writers (WAL), a write transaction takes the lock when it begins (IMMEDIATE), and waits up to 20 s.
    DATABASES["default"]["ENGINE"] = "config.db.sqlite3"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

_cache_url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://factline"
CACHES = {"default": cache_from_url(_cache_url)}

# Whole anonymous public pages are kept in that cache until a change readers can see commits
# (config/cache.py), at most FACTLINE_PAGE_CACHE_SECONDS; a CDN may keep them FACTLINE_PAGE_MAX_AGE
# seconds (s-maxage), while browsers ask again each time.
FACTLINE_PAGE_CACHE = env_bool("FACTLINE_PAGE_CACHE", default=True)
FACTLINE_PAGE_CACHE_SECONDS = int(os.environ.get("FACTLINE_PAGE_CACHE_SECONDS", "3600"))
FACTLINE_PAGE_MAX_AGE = int(os.environ.get("FACTLINE_PAGE_MAX_AGE", "60"))

AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out username or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Production hardening; each can be turned off from the environment, e.g. behind a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer's health check may come over plain HTTP; it is answered, not redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The header a trusted proxy writes the client's address into, read only behind a proxy, and how many
# proxies append to it: the address the outermost one saw is that many entries from the right.
CLIENT_IP_HEADER = "HTTP_" + os.environ.get("DJANGO_CLIENT_IP_HEADER", "X-Forwarded-For").upper().replace("-", "_")
CLIENT_IP_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))

# Login throttling (django-axes): after FACTLINE_LOGIN_FAILURES failed logins for one username, or
# from one address, further attempts are refused for FACTLINE_LOGIN_COOLOFF_MINUTES, counted in the
# shared cache. Each refused attempt starts the cool-off again, so the time on the page holds.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("FACTLINE_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("FACTLINE_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip_address"
AXES_VERBOSE = False  # no banner on every command; failures and lockouts are still logged
AXES_ENABLE_ADMIN = False  # the cache handler keeps no records for axes' own admin pages to list
# A per-process cache is fine for one process; config/checks.py says so with --deploy instead.
SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# Only the site's own scripts, styles and images, and no inline <style>: the policy is the same for every
# request, so a cached page carries no per-request nonce. JSON data blocks are not scripts that run and
# need none. The one style attribute allowed is django-simple-history's history paginator
# ("border-top: 0"), by its hash.
# The read-only JSON API (config/api.py): JSON only, the same public data for everyone. No authentication
# class: a session would show a logged-in editor nothing more, and HTTP Basic would let passwords be tried
# past the login throttle.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Factline API",
    "DESCRIPTION": "Read-only access to Factline's reviewed work: claims with their published verdicts, "
    "questions, authors, timeline events and the verdict vocabulary. Nothing unreviewed is served.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "ENUM_NAME_OVERRIDES": {"PrecisionEnum": "events.models.Precision"},
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_HASHES, "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the site never uses, turned off for its pages and anything they embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# How much one imported document (and one answer edited in the admin) may hold; see answers.documents.Limits.
FACTLINE_IMPORT_LIMITS = {
    name: int(os.environ[variable])
    for name, variable in {
        "document_bytes": "FACTLINE_MAX_DOCUMENT_BYTES",
        "line_characters": "FACTLINE_MAX_LINE_CHARACTERS",
        "answers": "FACTLINE_MAX_ANSWERS",
        "claims_per_answer": "FACTLINE_MAX_CLAIMS_PER_ANSWER",
        "claim_characters": "FACTLINE_MAX_CLAIM_CHARACTERS",
    }.items()
    if os.environ.get(variable, "").strip()
}

# Email (config/notifications): printed to the console in debug mode; in production sent over SMTP as
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS/EMAIL_USE_SSL say.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS, usually port 587) or EMAIL_USE_SSL (port 465), not both.")
# A mail server that does not answer fails the sending task after this many seconds; it never holds a request.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "").strip() or "Factline <factline@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks): emails are sent by a task queued after the change commits. Production keeps
# the queue in the database and runs `manage.py db_worker` beside the web servers; debug mode (make run) runs
# each task in the web process as soon as it is queued, so the console shows the email with no second process.
FACTLINE_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = os.environ.get("FACTLINE_TASK_BACKEND", "").strip() or ("immediate" if DEBUG else "database")
if _task_backend not in FACTLINE_TASK_BACKENDS:
    raise ImproperlyConfigured(f"FACTLINE_TASK_BACKEND must be database or immediate, not {_task_backend!r}.")
TASKS = {"default": {"BACKEND": FACTLINE_TASK_BACKENDS[_task_backend]}}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# History is kept, never rewritten: old versions can be viewed in the admin but not reverted to.
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
