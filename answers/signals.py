"""Keep the stored timeline checks current: recheck a claim when its text changes, all claims when the timeline does."""

import contextlib
import contextvars

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from answers.models import Claim
from answers.models.checks import recheck
from events.models import Event

_paused = contextvars.ContextVar("checks_paused", default=False)


@contextlib.contextmanager
def checks_paused():
    """Skip automatic rechecks inside the block, for bulk loads that recheck once at the end."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@receiver(post_save, sender=Claim)
def recheck_claim(sender, instance, raw, **kwargs):
    if not raw and not _paused.get():
        recheck([instance])


@receiver(post_save, sender=Event)
@receiver(post_delete, sender=Event)
def recheck_after_timeline_change(sender, raw=False, **kwargs):
    if not raw and not _paused.get():
        # After the commit, so that the recheck sees the whole change (an event and its sources).
        transaction.on_commit(recheck)
