"""What the public lists read: one row per claim readers may see, with its place, its published review and its
status (on the lists, no longer in its answer, or withdrawn). A draft claim, or one in a draft or withdrawn
answer or question, has none.

The public lists filter, order and count claims by their published verdict, review date, question and
author. Found through joins and a correlated subquery per claim, those reads grow with the number of
claims; kept here, in one row per claim under indexes that match each filter and ordering, one indexed
read finds a page. Drafts are left out: an import's thousands of new claims would each write a row into
every one of those indexes, for no reader. The rows are derived data: refresh_listings() writes them from
the claims, answers, questions and revisions, inside the transaction of every write that changes those
(signals.py), so they are never stale; `manage.py refresh_listings` rebuilds them all, and the tests check
after each test that they agree with what they are derived from.

Tallies are the counts the pages show (claims, reviewed claims, per verdict, per author and question),
kept up to date by the same writes instead of counted per request.
"""

import datetime
from collections import Counter, namedtuple

from django.db import connection, models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from answers.models.annotations import Annotation
from answers.models.claims import Claim
from answers.models.content import Answer, Author, Question, Verdict
from config.bulk import among, insert_values
from config.cache import public_content_changed
from config.proposals.models import State

BATCH = 2000
SORT_LENGTH = 100
# The review order of a claim without a published review: before every review, so "newest first" ends with them.
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class Listing(models.TextChoices):
    LISTED = "listed", _("on the public lists")
    ORPHANED = "orphaned", _("no longer in the answer")
    WITHDRAWN = "withdrawn", _("withdrawn")
    HIDDEN = "hidden", _("not public")


# The order of claims on a page: by question, then as they stand in its answers.
PAGE_ORDER = ("question_sort", "question_id", "answer_position", "start", "claim_id")


def _ordered_index(name, *fields, condition=None):
    return models.Index(fields=list(fields), name=name, condition=condition)


class ClaimListingQuerySet(models.QuerySet):
    def listed(self):
        """Return the listings of claims on the public lists."""
        return self.filter(status=Listing.LISTED)

    def on_record(self):
        """Return the listings readers may ask for: listed, orphaned and withdrawn claims."""
        return self.exclude(status=Listing.HIDDEN)


class ClaimListing(models.Model):
    claim = models.OneToOneField(
        Claim, verbose_name=_("claim"), primary_key=True, related_name="listing", on_delete=models.CASCADE
    )
    status = models.CharField(_("status"), max_length=10, choices=Listing)
    question = models.ForeignKey(
        Question, verbose_name=_("question"), related_name="+", on_delete=models.CASCADE, db_index=False
    )
    answer = models.ForeignKey(Answer, verbose_name=_("answer"), related_name="+", on_delete=models.CASCADE)
    author = models.ForeignKey(
        Author, verbose_name=_("author"), related_name="+", on_delete=models.CASCADE, db_index=False
    )
    answer_position = models.PositiveSmallIntegerField(_("answer's position"))
    start = models.PositiveIntegerField(_("start"))
    question_sort = models.CharField(_("question, for ordering"), max_length=SORT_LENGTH)
    text_sort = models.CharField(_("quote, for ordering"), max_length=SORT_LENGTH)
    published_revision = models.ForeignKey(
        Annotation,
        verbose_name=_("published revision"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        db_index=False,
    )
    verdict = models.ForeignKey(
        Verdict, verbose_name=_("published verdict"), related_name="+", on_delete=models.PROTECT, null=True
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True)
    review_order = models.DateTimeField(_("review date, for ordering"))
    wording_changed = models.BooleanField(_("wording changed since review"))
    under_review = models.BooleanField(_("update under review"))
    search_text = models.TextField(_("searched text"), help_text=_("The quote and the published rationale."))

    objects = ClaimListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim listing")
        verbose_name_plural = _("claim listings")
        ordering = ["claim_id"]
        indexes = [
            _ordered_index("listing_page_order", "status", *PAGE_ORDER),
            _ordered_index("listing_review_order", "status", "review_order", "claim_id"),
            _ordered_index("listing_text_order", "status", "text_sort", "claim_id"),
            _ordered_index("listing_verdict_order", "status", "verdict", *PAGE_ORDER),
            _ordered_index("listing_verdict_review_order", "status", "verdict", "review_order", "claim_id"),
            _ordered_index("listing_author_order", "author", "status", *PAGE_ORDER),
            _ordered_index("listing_question_order", "question", "status", "answer_position", "start"),
            # The JSON API's claims, in the order of their ids: all of them, or by verdict or by author.
            _ordered_index("listing_id_order", "status", "claim_id"),
            _ordered_index("listing_verdict_id_order", "status", "verdict", "claim_id"),
            _ordered_index("listing_author_id_order", "author", "status", "claim_id"),
            _ordered_index("listing_revision", "published_revision", condition=Q(published_revision__isnull=False)),
            _ordered_index("listing_unreviewed", "status", *PAGE_ORDER, condition=Q(published_revision__isnull=True)),
            _ordered_index("listing_under_review", "status", *PAGE_ORDER, condition=Q(under_review=True)),
            _ordered_index("listing_wording_changed", "status", *PAGE_ORDER, condition=Q(wording_changed=True)),
        ]

    def __str__(self):
        return f"{self.claim_id}: {self.get_status_display()}"

    @property
    def current_verdict(self):
        """Return the published verdict if it was given for the claim's present words, else None."""
        return None if self.wording_changed else self.verdict

    @property
    def quote(self):
        """Return the words readers see: those the published verdict reviewed, if they changed since."""
        return self.published_revision.claim_text if self.wording_changed else self.claim.exact


class Tally(models.Model):
    """A count a public page shows, kept by the writes that change it (see tally_keys)."""

    key = models.CharField(_("key"), max_length=100, primary_key=True)
    count = models.BigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")

    def __str__(self):
        return f"{self.key}: {self.count}"

    @classmethod
    def read(cls, *keys):
        """Return {key: count} for `keys`, in one query; a key nothing counted yet is 0."""
        counts = dict(cls.objects.filter(key__in=keys).values_list("key", "count"))
        return {key: counts.get(key, 0) for key in keys}


# The claim-list filters whose lists a tally counts, when the list is narrowed by one of them alone.
TALLIED_FILTERS = ("verdict", "author", "question", "event")


def list_tally(name=None, value=None):
    """Return the key of the tally that counts the claim list narrowed by the filter `name` = `value` alone
    (the whole list when no filter is given), or None when no tally counts that list.

    The claim list and every page that links to it with a number (the home page) read their counts here,
    so a number and the list it links to count the same claims.
    """
    if name is None:
        return "claims"
    if name == "status" and value == "reviewed":
        return "reviewed"
    if name in TALLIED_FILTERS:
        return f"{name}:{getattr(value, 'pk', value)}"
    return None


def tally_keys(listing, cited):
    """Return the tallies a listing counts in; `cited` maps revisions to the events they cite as evidence.

    Only listed claims count anywhere: in all claims, their question, answer and author, the author's
    count for the verdict readers see (0 when none is or the words changed), and, once reviewed, the
    reviewed claims, the verdict and each event the published revision cites.
    """
    if listing.status != Listing.LISTED:
        return []
    author = f"author:{listing.author_id}"
    current = 0 if listing.wording_changed or listing.verdict_id is None else listing.verdict_id
    keys = [list_tally(), list_tally("question", listing.question_id), f"answer:{listing.answer_id}", author]
    keys.append(f"{author}:verdict:{current}")
    if listing.verdict_id is not None:
        keys += [list_tally("status", "reviewed"), list_tally("verdict", listing.verdict_id)]
        keys += [list_tally("event", event) for event in cited.get(listing.published_revision_id, ())]
    return keys


def citations(revision_ids):
    """Return {revision id: [event ids]} for the revisions in `revision_ids` that cite events."""
    cited = {}
    evidence = Annotation.evidence.through.objects.filter(annotation__in=revision_ids)
    for revision, event in evidence.values_list("annotation_id", "event_id"):
        cited.setdefault(revision, []).append(event)
    return cited


# What a listing derives from: its claim's, answer's and question's columns, read as plain rows.
ListedClaim = namedtuple(
    "ListedClaim",
    ["pk", "state", "orphaned", "start", "exact", "answer_id", "question_id", "author_id", "position"]
    + ["answer_state", "question_state", "question_text"],
)
READ_FOR_LISTING = ("pk", "state", "orphaned", "start", "exact", "answer_id", "answer__question_id")
READ_FOR_LISTING += ("answer__author_id", "answer__position", "answer__state", "answer__question__state")
READ_FOR_LISTING += ("answer__question__text",)


def status_of(claim):
    """Return the Listing status of `claim` (a ListedClaim)."""
    if claim.answer_state != State.PUBLISHED or claim.question_state != State.PUBLISHED:
        return Listing.HIDDEN
    if claim.state == State.WITHDRAWN:
        return Listing.WITHDRAWN
    if claim.state != State.PUBLISHED:
        return Listing.HIDDEN
    return Listing.ORPHANED if claim.orphaned else Listing.LISTED


STORED_FIELDS = [field.attname for field in ClaimListing._meta.concrete_fields if not field.primary_key]
# A ClaimListing's values, without a model object: tens of thousands are derived at once, and most match.
ListingRow = namedtuple("ListingRow", [ClaimListing._meta.pk.attname, *STORED_FIELDS])


def listing_of(claim, published, under_review):
    """Return the listing of `claim` (a ListedClaim), given its published revision or None, as a ListingRow."""
    return ListingRow(
        claim_id=claim.pk,
        status=status_of(claim),
        question_id=claim.question_id,
        answer_id=claim.answer_id,
        author_id=claim.author_id,
        answer_position=claim.position,
        start=claim.start,
        question_sort=claim.question_text[:SORT_LENGTH],
        text_sort=claim.exact[:SORT_LENGTH],
        published_revision_id=published.pk if published else None,
        verdict_id=published.verdict_id if published else None,
        reviewed_at=published.reviewed_at if published else None,
        review_order=published.reviewed_at if published else NEVER,
        wording_changed=published is not None and published.claim_text != claim.exact,
        under_review=under_review,
        search_text=f"{claim.exact}\n{published.rationale}" if published else claim.exact,
    )


@transaction.atomic
def refresh_listings(claims=None):
    """Write the listings of `claims` (claim objects, primary keys or a QuerySet; all by default) and the
    tallies they count in, where they changed. Return the number of listings written."""
    if claims is None:
        claims = Claim.objects.all()
    if isinstance(claims, models.QuerySet):
        ids = list(claims.order_by().values_list("pk", flat=True))
    else:
        ids = [getattr(claim, "pk", claim) for claim in claims]
    written = 0
    for start in range(0, len(ids), BATCH):
        written += _refresh_batch(ids[start : start + BATCH])
    if written:
        # Bulk writes send no signals: the cached pages that showed the old listings are retired here.
        public_content_changed()
    return written


def _derived(ids):
    """Yield (what the listing of each claim in `ids` should be, its stored listing or None)."""
    claims = map(ListedClaim._make, Claim.objects.filter(among("pk", ids)).order_by().values_list(*READ_FOR_LISTING))
    published = {
        revision.claim_id: revision
        for revision in Annotation.objects.published()
        .filter(among("claim", ids))
        .order_by()
        .only("pk", "claim_id", "verdict_id", "reviewed_at", "claim_text", "rationale")
    }
    under_review = set(Annotation.objects.submitted().filter(among("claim", ids)).values_list("claim_id", flat=True))
    stored = {listing.claim_id: listing for listing in ClaimListing.objects.filter(among("claim", ids))}
    for claim in claims:
        yield listing_of(claim, published.get(claim.pk), claim.pk in under_review), stored.get(claim.pk)


def _same(listing, other):
    if listing.status == Listing.HIDDEN:
        return other is None  # a claim readers cannot see has no listing
    return other is not None and all(getattr(listing, name) == getattr(other, name) for name in STORED_FIELDS)


def _refresh_batch(ids):
    changed = [(listing, before) for listing, before in _derived(ids) if not _same(listing, before)]
    cited = citations([row.published_revision_id for pair in changed for row in pair if row and row.verdict_id])
    created, updated, hidden, tallies = [], [], [], Counter()
    for listing, before in changed:
        tallies.update(tally_keys(listing, cited))
        if before is not None:
            tallies.subtract(tally_keys(before, cited))
        if listing.status == Listing.HIDDEN:
            hidden.append(listing.claim_id)
        elif before is None:
            created.append(listing)
        else:
            updated.append(listing)
    insert_values(ClaimListing, ListingRow._fields, created)
    ClaimListing.objects.bulk_update([ClaimListing(**listing._asdict()) for listing in updated], STORED_FIELDS)
    ClaimListing.objects.filter(claim__in=hidden).delete()
    add_to_tallies(tallies)
    return len(changed)


def add_to_tallies(changes):
    """Add each of `changes` ({key: number}) to its tally, creating the tallies that do not exist yet."""
    rows = [(key, number) for key, number in sorted(changes.items()) if number]
    if not rows:
        return
    table, key, count = (connection.ops.quote_name(name) for name in (Tally._meta.db_table, "key", "count"))
    # One statement per tally, atomic under concurrent writers on both databases: no read-modify-write.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({key}, {count}) VALUES (%s, %s) "
            f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
            rows,
        )


def forget_listings(claim_ids):
    """Take deleted claims out of the tallies they counted in (their listings go with them)."""
    changes, listings = Counter(), list(ClaimListing.objects.filter(claim__in=claim_ids))
    cited = citations([listing.published_revision_id for listing in listings if listing.verdict_id])
    for listing in listings:
        changes.subtract(tally_keys(listing, cited))
    add_to_tallies(changes)


def stale_listings():
    """Return (claim ids whose listing differs from what it derives from, tallies that differ from a recount).

    Both empty when the read model agrees with the record; the tests check it after every test.
    """
    ids = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    wrong = [
        listing.claim_id
        for start in range(0, len(ids), BATCH)
        for listing, before in _derived(ids[start : start + BATCH])
        if not _same(listing, before)
    ]
    recount = _recount()
    kept = {key: count for key, count in Tally.objects.values_list("key", "count") if count}
    tallies = sorted(key for key in {*recount, *kept} if recount.get(key, 0) != kept.get(key, 0))
    return wrong, tallies


def _recount():
    recount, listed = Counter(), ClaimListing.objects.listed()
    cited = citations(listed.filter(published_revision__isnull=False).values("published_revision"))
    for listing in listed.iterator(chunk_size=BATCH):
        recount.update(tally_keys(listing, cited))
    return recount


def recount_tallies():
    """Count every tally again from the listings, replacing what was kept."""
    Tally.objects.all().delete()
    Tally.objects.bulk_create([Tally(key=key, count=count) for key, count in _recount().items()])
