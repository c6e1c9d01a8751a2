"""Stored timeline cross-checks of claims: hints for editors, recomputed when a claim or the timeline changes.

A claim is checked when its words change. When an event changes, only the claims that may name it are
checked again: those whose stored check names it, and those whose indexed words hold every word of one of
its old or new names (ClaimWord). Results are read and written in bulk, so the queries of a save do not
grow with the number of claims.
"""

import hashlib
import itertools
import logging
from pathlib import Path

from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from answers import crosscheck, mentions
from answers.mentions import name_words, normalise
from answers.models.claims import Claim
from config.bulk import among, insert_rows, insert_values
from events.models import TIMELINE_COLUMNS, Event, TimelineVersion

logger = logging.getLogger(__name__)

# Claims read and written per batch: a statement per batch, whatever the number of claims in it.
BATCH = 2000
MAX_WORD = 100


class ClaimCheck(models.Model):
    class Result(models.TextChoices):
        CONFLICT = crosscheck.CONFLICT, _("date conflict")
        UNKNOWN_EVENT = crosscheck.UNKNOWN_EVENT, _("unknown event")
        CONSISTENT = crosscheck.CONSISTENT, _("consistent")
        NO_EVENT = crosscheck.NO_EVENT, _("dates, no timeline event")
        NO_DATES = crosscheck.NO_DATES, _("no dates")

    claim = models.OneToOneField(
        Claim, verbose_name=_("claim"), related_name="timeline_check", on_delete=models.CASCADE
    )
    result = models.CharField(_("timeline check"), max_length=20, choices=Result)
    explanation = models.TextField(_("explanation"))
    events = models.ManyToManyField(Event, verbose_name=_("events named"), related_name="claim_checks", blank=True)
    checked_at = models.DateTimeField(_("checked at"), auto_now=True)

    class Meta:
        verbose_name = _("timeline check")
        verbose_name_plural = _("timeline checks")

    def __str__(self):
        return f"{self.get_result_display()}: {self.explanation}"


def timeline():
    """Return the curated events as crosscheck.TimelineEvent values."""
    return [
        crosscheck.TimelineEvent(
            key=event.pk,
            name=event.name,
            names=tuple(event.alias_list),
            start=event.start_date,
            start_precision=event.start_precision,
            end=event.end_date,
            end_precision=event.end_precision,
        )
        for event in Event.objects.order_by("pk").only("pk", "name", "aliases", *TIMELINE_COLUMNS[2:])
    ]


def _code_version():
    """Return a digest of the code that prepares and reads a timeline: a timeline prepared by other code (before a
    deploy, or by a server not yet updated) is never read, since names folded another way would not match."""
    digest = hashlib.sha256()
    for module in (crosscheck, mentions):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


PREPARED_BY = _code_version()
PREPARED_SECONDS = 7 * 24 * 3600
_prepared = (None, None)  # this process's (version, prepared timeline)


def prepared_timeline():
    """Return the timeline as a crosscheck.Timeline, its names folded into a tree once per version.

    A version is prepared once: kept in this process, and in the cache, where other processes and
    servers find it. The version is read from the database (TimelineVersion, moved on by triggers when
    an event changes), so a change made anywhere is seen on the next check. Nothing prepared for one
    version is read for another: versions are never reused.
    """
    global _prepared
    version = TimelineVersion.current()
    if version is None:
        return crosscheck.Timeline(timeline())
    kept_version, kept = _prepared
    if kept_version == version:
        return kept
    key = f"factline:timeline:{PREPARED_BY}:{version}"
    prepared = _from_cache(key)
    if prepared is None:
        prepared = crosscheck.Timeline(timeline())
        # Read again: an event changed by a transaction that committed while the events were read would
        # leave a version that does not match them. That timeline serves this call only.
        if TimelineVersion.current() != version:
            return prepared
        _to_cache(key, prepared)
    _prepared = (version, prepared)
    return prepared


def _from_cache(key):
    try:
        return cache.get(key)
    except Exception:
        logger.exception("Could not read the prepared timeline from the cache; preparing it here.")
        return None


def _to_cache(key, prepared):
    try:
        cache.set(key, prepared, timeout=PREPARED_SECONDS)
    except Exception:
        logger.exception("Could not keep the prepared timeline in the cache; other processes prepare their own.")


class ClaimWord(models.Model):
    """A word of a claim's text, folded as the timeline check folds names: finds the claims an event may concern."""

    claim = models.ForeignKey(Claim, verbose_name=_("claim"), related_name="words", on_delete=models.CASCADE)
    word = models.CharField(_("word"), max_length=MAX_WORD)

    class Meta:
        verbose_name = _("claim word")
        verbose_name_plural = _("claim words")
        constraints = [models.UniqueConstraint(fields=["word", "claim"], name="claim_word_once")]

    def __str__(self):
        return self.word


def batches(items, size):
    """Yield tuples of up to `size` items of `items`, in order."""
    iterator = iter(items)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


# Words too common to tell claims apart, left out of the index; numbers and single letters too. A name is found
# by its other words. (Each word left out is a row fewer for most claims: an import writes tens a claim.)
COMMON_WORDS = frozenset(
    ("a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been")
    + ("before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "during", "each")
    + ("for", "from", "had", "has", "have", "he", "her", "his", "however", "if", "in", "into", "is", "it", "its")
    + ("many", "more", "most", "much", "not", "of", "on", "one", "only", "or", "other", "over", "she", "so")
    + ("some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those")
    + ("through", "to", "under", "until", "up", "very", "was", "we", "were", "when", "where", "which", "while")
    + ("who", "will", "with", "would")
)


def indexed(word):
    """Tell whether `word` (folded) is indexed: not a common word, a number or a single letter, and no longer
    than a word column."""
    return 1 < len(word) <= MAX_WORD and word not in COMMON_WORDS and not word.isdigit()


def words_of(text):
    """Return the indexed words of `text`, folded as names are."""
    return {word for word in normalise(text)[0].split() if indexed(word)}


def index_words(claims):
    """Store the words of each of `claims` (a batch of claim objects), replacing what was stored for them."""
    ClaimWord.objects.filter(among("claim", [claim.pk for claim in claims])).delete()
    # Tens of rows per claim and nothing to run per row: written as plain rows, without a model object each.
    # Answers repeat each other's sentences: each text's words are found once a batch.
    words = {}
    for claim in claims:
        if claim.exact not in words:
            words[claim.exact] = sorted(words_of(claim.exact))
    insert_rows(ClaimWord, ["claim_id", "word"], [(claim.pk, word) for claim in claims for word in words[claim.exact]])


def naming(names):
    """Return a Q for the claims whose indexed words hold every word of one of `names`."""
    condition = models.Q(pk__in=[])
    for name in names:
        words = sorted({word for word in name_words(name) if indexed(word)})
        if not words and name_words(name):
            return models.Q(pk__isnull=False)  # a name of common words and numbers only: any claim may hold it
        if words:
            holding = (
                ClaimWord.objects.filter(word__in=words)
                .values("claim")
                .annotate(found=models.Count("word"))
                .filter(found=len(words))
                .values("claim")
            )
            condition |= models.Q(pk__in=holding)
    return condition


def claims_concerned(event_pk, names):
    """Return the claims a change to an event may concern: those its stored checks name, or that hold a name."""
    return Claim.objects.filter(models.Q(timeline_check__events=event_pk) | naming(names)).distinct()


@transaction.atomic(savepoint=False)  # part of the save or import that calls it: no savepoint of its own
def recheck(claims=None, index=False):
    """Check the given claims (a QuerySet or claim objects; all by default) and store what changed.

    With `index`, their words are indexed again too, as they must be whenever their text may have changed.
    Return the number of claims checked.
    """
    events = prepared_timeline()
    claims = Claim.objects.all() if claims is None else claims
    if isinstance(claims, models.QuerySet):
        claims = claims.select_related(None).only("pk", "exact").order_by("pk").iterator(chunk_size=BATCH)
    checked = 0
    for batch in batches(claims, BATCH):
        checked += len(batch)
        if index:
            index_words(batch)
        _store(batch, events)
    return checked


def _store(claims, events):
    """Check a batch of claims and write the results that differ from the stored ones, in bulk.

    Each text is checked once a batch: the same words give the same result against the same timeline, and
    answers repeat each other's sentences.
    """
    outcomes, keys, through = {}, [claim.pk for claim in claims], ClaimCheck.events.through
    stored = {check.claim_id: check for check in ClaimCheck.objects.filter(among("claim", keys))}
    named = {}
    for claim, event in through.objects.filter(among("claimcheck__claim", keys)).values_list(
        "claimcheck__claim_id", "event_id"
    ):
        named.setdefault(claim, set()).add(event)
    updated, created, now = [], [], timezone.now()
    for claim in claims:
        outcome = outcomes.get(claim.exact)
        if outcome is None:
            outcome = outcomes[claim.exact] = crosscheck.check(claim.exact, events)
        check = stored.get(claim.pk)
        if check is None:
            created.append((claim.pk, outcome))
        elif (check.result, check.explanation, named.get(claim.pk, set())) != (
            outcome.result,
            outcome.explanation,
            set(outcome.events),
        ):
            check.result, check.explanation, check.checked_at = outcome.result, outcome.explanation, now
            updated.append((check, outcome))
    ClaimCheck.objects.bulk_update([check for check, _ in updated], ["result", "explanation", "checked_at"])
    through.objects.filter(claimcheck__in=[check.pk for check, _ in updated]).delete()
    keys = insert_values(
        ClaimCheck,
        ["claim", "result", "explanation", "checked_at"],
        [(claim, outcome.result, outcome.explanation, now) for claim, outcome in created],
        returning=True,
    )
    changed = [(check.pk, outcome) for check, outcome in updated] + list(
        zip(keys, (o for _, o in created), strict=True)
    )
    insert_rows(
        through, ["claimcheck_id", "event_id"], [(key, event) for key, outcome in changed for event in outcome.events]
    )
