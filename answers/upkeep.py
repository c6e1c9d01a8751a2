"""What writing claims sets going: their timeline checks, their indexed words and their public listings.

Done at once for each save; inside `gathered()`, noted and done in bulk when it ends, once for everything
written meanwhile: an import of a thousand documents checks and lists its claims in a few statements per
two thousand claims, not a few per claim.
"""

import contextlib
import contextvars

from answers.models.checks import BATCH, batches, recheck
from answers.models.claims import Claim
from answers.models.listings import refresh_listings
from config.bulk import among

_gathering = contextvars.ContextVar("upkeep", default=None)


class Upkeep:
    """The claims to check (and index) and the claims, answers and questions whose listings to refresh."""

    def __init__(self):
        self.to_check, self.to_index = {}, {}  # claim pk: the claim as last saved
        self.claims, self.answers, self.questions = set(), set(), set()

    def finish(self):
        # A claim written in a savepoint that rolled back is gone: only those still there are checked and listed.
        kept = set()
        for keys in batches(sorted({*self.to_check, *self.claims}), BATCH):
            kept.update(Claim.objects.filter(among("pk", keys)).values_list("pk", flat=True))
        recheck([claim for pk, claim in self.to_index.items() if pk in kept], index=True)
        recheck([claim for pk, claim in self.to_check.items() if pk in kept and pk not in self.to_index])
        claims = self.claims & kept
        for answers in batches(sorted(self.answers), BATCH):
            claims.update(Claim.objects.filter(among("answer", answers)).values_list("pk", flat=True))
        for questions in batches(sorted(self.questions), BATCH):
            claims.update(Claim.objects.filter(among("answer__question", questions)).values_list("pk", flat=True))
        refresh_listings(sorted(claims))


@contextlib.contextmanager
def gathered():
    """Gather the upkeep of every claim written inside, and do it when the block ends without an error.

    Use it inside the transaction that writes the claims, so that the upkeep commits with them.
    Inside another gathered() block, each block does the upkeep of what was written inside it, when it ends.
    """
    upkeep = Upkeep()
    token = _gathering.set(upkeep)
    try:
        yield
    finally:
        _gathering.reset(token)
    upkeep.finish()


def check(claims, index=False):
    """Check `claims` (claim objects) against the timeline; with `index`, index their words again too."""
    upkeep = _gathering.get()
    if upkeep is None:
        recheck(claims, index=index)
        return
    for claim in claims:
        upkeep.to_check[claim.pk] = claim
        if index:
            upkeep.to_index[claim.pk] = claim


def refresh(claims=(), answers=(), questions=()):
    """Refresh the listings of `claims` (primary keys) and of the claims of `answers` and `questions` (keys)."""
    upkeep = _gathering.get()
    if upkeep is None:
        if claims:
            refresh_listings(list(claims))
        if answers:
            refresh_listings(Claim.objects.filter(answer__in=answers))
        if questions:
            refresh_listings(Claim.objects.filter(answer__question__in=questions))
        return
    upkeep.claims.update(claims)
    upkeep.answers.update(answers)
    upkeep.questions.update(questions)
