"""Deployment checks (`check --deploy`) for the settings Factline adds."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOOPBACK = ("localhost", "127.0.0.1", "::1")
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Warn when absolute links have no canonical origin, or one without TLS."""
    if urlsplit(settings.FACTLINE_SITE_URL).hostname in (None, *LOOPBACK):
        return [
            Warning(
                "FACTLINE_SITE_URL is not set and DJANGO_ALLOWED_HOSTS names no public host to take it from.",
                hint="Set FACTLINE_SITE_URL to the site's origin, e.g. https://factline.example.org.",
                id="factline.W001",
            )
        ]
    if not settings.FACTLINE_SITE_URL.startswith("https://"):
        return [
            Warning(
                f"FACTLINE_SITE_URL ({settings.FACTLINE_SITE_URL}) does not use https.",
                hint="Links in ClaimReview data and feeds should point readers at the secure site.",
                id="factline.W002",
            )
        ]
    return []


@register(Tags.security, Tags.caches, deploy=True)
def check_login_throttling_cache(app_configs, **kwargs):
    """Warn when failed logins are counted in a cache that app servers do not share."""
    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        return [
            Warning(
                "Failed logins are counted in a cache the app servers do not share (local memory) or that keeps "
                "nothing (dummy): each process would allow its own failures, and a restart forgets them.",
                hint="Set CACHE_URL (or REDIS_URL) to the Redis the app servers share.",
                id="factline.W003",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_page_cache(app_configs, **kwargs):
    """Warn when whole pages are cached in each process: a publication would reach only one app server."""
    if settings.FACTLINE_PAGE_CACHE and settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        return [
            Warning(
                "Public pages are cached in a cache the app servers do not share: a publication starts a new "
                "generation of cached pages in one process only, and the others keep showing what it replaced.",
                hint="Set CACHE_URL (or REDIS_URL) to the Redis the app servers share, or FACTLINE_PAGE_CACHE=0.",
                id="factline.W004",
            )
        ]
    return []


@register(deploy=True)
def check_notification_email(app_configs, **kwargs):
    """Warn when notification emails would come from no real address, or be sent inside web requests."""
    problems = []
    if settings.DEFAULT_FROM_EMAIL.rstrip(">").endswith("@localhost"):
        problems.append(
            Warning(
                f"Notification emails would come from {settings.DEFAULT_FROM_EMAIL}, an address mail servers refuse "
                "or file as spam.",
                hint="Set DEFAULT_FROM_EMAIL, e.g. Factline <factline@example.org>, and EMAIL_HOST for SMTP.",
                id="factline.W005",
            )
        )
    if settings.TASKS["default"]["BACKEND"] != settings.FACTLINE_TASK_BACKENDS["database"]:
        problems.append(
            Warning(
                "Tasks run inside the web request that queues them: a slow mail server would hold up editors.",
                hint="Leave FACTLINE_TASK_BACKEND unset (database) and run `python manage.py db_worker`.",
                id="factline.W006",
            )
        )
    return problems
