"""Who is looking at an item under review right now, kept in the shared cache for a few minutes.

A reviewer's visit to a review page marks them as looking at it; the queue and the page show the others.
Nothing is stored in the database: presence is a courtesy, not a lock, and it fades by itself.
"""

import time

from django.core.cache import cache

from config.people import display_name

LOOKING_SECONDS = 5 * 60


def _key(obj):
    return f"presence:{obj._meta.label_lower}:{obj.pk}"


def _current(lookers):
    now = time.time()
    return {pk: (name, seen) for pk, (name, seen) in (lookers or {}).items() if now - seen < LOOKING_SECONDS}


def look_at(obj, user):
    """Mark `user` as looking at `obj` now; return the names of the others looking at it."""
    key = _key(obj)
    lookers = _current(cache.get(key))
    others = sorted(name for pk, (name, _seen) in lookers.items() if pk != user.pk)
    lookers[user.pk] = (display_name(user), time.time())
    cache.set(key, lookers, LOOKING_SECONDS)
    return others


def looking_at(objects, user):
    """Return {obj: names of the people other than `user` looking at it} for `objects`."""
    stored = cache.get_many([_key(obj) for obj in objects])
    return {
        obj: sorted(name for pk, (name, _seen) in _current(stored.get(_key(obj))).items() if pk != user.pk)
        for obj in objects
    }
