"""The whole-page cache of public pages, and the headers that let browsers and CDNs keep them.

Pages are kept in the configured cache (the Redis every app server shares, in production) under a key
that holds the cache's *generation*: a counter that every committed change to what readers can see moves
on (`public_content_changed`). Pages of an older generation are never read again and expire, so there
are no URL keys to hunt down, and a page stored while a change was being made cannot outlive it: the new
generation starts only after the change commits.

Model signals move it on for every model of `answers`, `events` and `proposals` that readers see, and for
users (pages name editors and reviewers). Writes that send no signals (QuerySet.update(), bulk_create(),
bulk_update(), raw SQL) must call `public_content_changed()` themselves.
"""

import hashlib
import logging
import math
import time
from typing import NamedTuple
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import (
    add_never_cache_headers,
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag
from simple_history.models import HistoricalChanges

logger = logging.getLogger(__name__)

COUNTER_KEY = "factline:pages:counter"
GENERATION_KEY = "factline:pages:generation"
PUBLIC_APPS = ("answers", "events", "pages", "proposals")
# Models no public page reads: the timeline check's results and word index are for editors. Their writes
# come in bulk, and a signal receiver would cost Django its fast delete of them.
UNSEEN_BY_READERS = {"answers.claimcheck", "answers.claimword"}
# Headers a cached page may vary by: the session cookie decides whether the cache is used at all.
CACHEABLE_VARY = {"cookie"}


class CacheKeepsNothing(Exception):
    """The configured cache keeps no values (dummy://): there are no generations and no cached pages."""


class Generation(NamedTuple):
    """The cache's current generation: its number, part of every page key, and when it started."""

    number: int
    started: int  # whole seconds since the epoch; the Last-Modified of every page of this generation


def current_generation():
    """Return the current Generation, starting one if the cache has none; None if the cache cannot be used."""
    try:
        generation = cache.get(GENERATION_KEY)
        return Generation(*generation) if generation else _start_generation()
    except CacheKeepsNothing:
        return None
    except Exception:
        logger.exception("The page cache is unreachable; pages are served without it.")
        return None


def public_content_changed(using=None):
    """Retire every cached page once the current transaction commits (at once outside a transaction).

    Model signals call this for saves, deletes and many-to-many changes; call it after any other write
    that changes what readers see (QuerySet.update(), bulk_create(), bulk_update(), raw SQL). Several
    calls in one transaction start one new generation; none if the transaction rolls back.
    """
    connection = transaction.get_connection(using)
    # Django drops the callbacks of a transaction or savepoint that rolls back, so this list holds ours
    # exactly when a commit will start a new generation.
    if any(callback is _start_generation_after_commit for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_start_generation_after_commit, using=using)


def _start_generation_after_commit():
    try:
        _start_generation()
    except CacheKeepsNothing:
        pass
    except Exception:
        # The change is committed; the person who made it gets their page. Readers may see the previous
        # version until pages expire (FACTLINE_PAGE_CACHE_SECONDS).
        logger.exception("Could not start a new page cache generation; cached pages may be stale.")


def _start_generation():
    """Start a new generation and return it.

    The counter makes each number unique, even when two servers start one at the same moment. If the
    cache lost the counter, it starts again from the time in microseconds: above any number it gave out,
    since no generation starts in less than a microsecond.
    Each generation starts at least a second after the previous one, so Last-Modified always moves on
    (If-Modified-Since counts whole seconds); a burst of commits outside transactions runs it ahead of
    the clock until the clock catches up.
    """
    previous = cache.get(GENERATION_KEY)
    try:
        number = cache.incr(COUNTER_KEY)
    except ValueError:
        cache.add(COUNTER_KEY, time.time_ns() // 1_000, timeout=None)
        try:
            number = cache.incr(COUNTER_KEY)
        except ValueError:
            raise CacheKeepsNothing from None
    started = math.ceil(time.time())
    if previous:
        started = max(started, Generation(*previous).started + 1)
    generation = Generation(number, started)
    cache.set(GENERATION_KEY, tuple(generation), timeout=None)
    return generation


def _saved(sender, using, **kwargs):
    public_content_changed(using)


def _deleted(sender, using, **kwargs):
    public_content_changed(using)


def _related_changed(sender, action, using, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        public_content_changed(using)


def _user_saved(sender, using, update_fields=None, **kwargs):
    # Logging in saves the user's last_login, which no page shows.
    if update_fields is None or set(update_fields) != {"last_login"}:
        public_content_changed(using)


def _migrated(sender, using, **kwargs):
    # Migrating is a release step: the new code's pages replace the old code's.
    public_content_changed(using)


def public_models():
    """Return the models whose rows public pages show (history models aside: they only grow)."""
    return [
        model
        for label in PUBLIC_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges) and model._meta.label_lower not in UNSEEN_BY_READERS
    ]


def connect_signals(release_sender):
    """Start a new generation on every change readers may see, and on `migrate` (sent by `release_sender`)."""
    for model in public_models():
        post_save.connect(_saved, sender=model, dispatch_uid=f"factline-pages-saved-{model._meta.label_lower}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"factline-pages-deleted-{model._meta.label_lower}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _related_changed, sender=through, dispatch_uid=f"factline-pages-related-{through._meta.label_lower}"
            )
    post_save.connect(_user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="factline-pages-user-saved")
    post_migrate.connect(_migrated, sender=release_sender, dispatch_uid="factline-pages-migrated")


def page_key(request, generation):
    """Return the cache key of the page `request` asks for in `generation`: its URL, query in a set order."""
    query = urlencode(sorted(request.GET.lists(), key=lambda item: item[0]), doseq=True)
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"factline:page:{generation.number}:{hashlib.sha256(url.encode()).hexdigest()}"


class PageCacheMiddleware:
    """Serve anonymous public pages from the cache; give every page its caching headers.

    Anonymous means the request has no session cookie: pages are never looked up, or stored, for a
    request that may belong to someone logged in, so nothing of theirs can reach another reader. Admin
    pages and every response to a logged-in user are `private, no-store`. Public pages get an ETag (a
    hash of the page), Last-Modified (when the generation started), `Cache-Control: public, max-age=0,
    s-maxage=…` and `Vary: Cookie`, and a conditional GET that matches is answered 304, cached or not. Responses
    say `X-Cache: hit` or `miss`.

    It stands above the session, CSRF and message middleware so that it sees every cookie they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_admin(request):
            response = self.get_response(request)
            add_never_cache_headers(response)
            return response
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)

        generation = current_generation()
        key = None
        if settings.FACTLINE_PAGE_CACHE and generation and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            key = page_key(request, generation)
            response = self._cached(key)
            if response is not None:
                return get_conditional_response(
                    request, etag=response["ETag"], last_modified=generation.started, response=response
                )

        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            return response
        if not is_public_page(response):
            return response

        patch_vary_headers(response, ["Cookie"])
        if not response.has_header("Cache-Control"):
            # A CDN may keep the page briefly; a browser asks again each time (a 304 while it is unchanged), so
            # a reader who saw a page before an approval sees the approved version on their next visit.
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.FACTLINE_PAGE_MAX_AGE)
        if not response.has_header("ETag"):
            response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        if generation and not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(generation.started)
        if key is not None:
            response["X-Cache"] = "miss"
            if is_storable(request, response):
                self._store(key, response)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=generation.started if generation else None,
            response=response,
        )

    @staticmethod
    def _cached(key):
        try:
            entry = cache.get(key)
        except Exception:
            logger.exception("Could not read a page from the cache.")
            return None
        if entry is None:
            return None
        content, headers = entry
        response = HttpResponse(content, headers=headers)
        response["X-Cache"] = "hit"
        return response

    @staticmethod
    def _store(key, response):
        headers = {name: value for name, value in response.items() if name != "X-Cache"}
        try:
            cache.set(key, (response.content, headers), timeout=settings.FACTLINE_PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not store a page in the cache.")


def is_admin(request):
    """Say whether `request` asks for an admin page."""
    try:
        return request.path.startswith(reverse("admin:index"))
    except NoReverseMatch:  # a URLconf without the admin
        return False


def is_public_page(response):
    """Say whether `response` is a whole page anyone may be given: 200, not streamed, not marked private."""
    if response.status_code != 200 or response.streaming:
        return False
    directives = {
        directive.split("=", 1)[0].strip().lower() for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not directives & {"private", "no-store", "no-cache"}


def is_storable(request, response):
    """Say whether the page for `request` may be given to every anonymous reader: a plain GET that sets no
    cookie, and varies by nothing but the cookie that keeps logged-in people away from the cache."""
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    return request.method == "GET" and not response.cookies and vary <= CACHEABLE_VARY
