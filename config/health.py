"""The health check a load balancer asks each app server: can it reach the database and the cache?"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def health_check(request):
    """Answer 200 "ok" when the database answers a query and the cache keeps a value; 503 naming what failed.

    Nothing is written to the database; the cache keeps a value of its own for a few seconds.
    """
    failures = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer.")
        failures.append("database: unreachable")
    token = secrets.token_hex(8)
    key = f"factline:healthz:{token}"
    try:
        cache.set(key, token, timeout=10)
        kept = cache.get(key) == token
        cache.delete(key)
    except Exception:
        logger.exception("Health check: the cache does not answer.")
        failures.append("cache: unreachable")
    else:
        if not kept:
            failures.append("cache: does not keep values")
    if failures:
        return HttpResponse("\n".join(failures) + "\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
