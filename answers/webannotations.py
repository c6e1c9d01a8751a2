"""Published revisions as W3C Web Annotations, and the pages and collections of the containers holding them.

Each public revision (published or superseded) is an Annotation with its own IRI. A container holds the
published revision of each claim on the public lists: the whole site's, in the order they were published,
or one question's, in the order of its answers. Containers are read in pages of PAGE_SIZE by an offset
into the ordered index of claim listings, so a page costs the same number of queries wherever it is.
"""

import datetime

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import reverse

from answers.claimreview import publisher_url
from answers.models import Annotation, Claim, ClaimListing, Tally
from answers.models.listings import NEVER
from config.views import absolute_url
from events.models import Event

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
PAGE_SIZE = 100


def timestamp(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def iri(revision_pk):
    return absolute_url(reverse("answers:annotation-detail", args=[revision_pk]))


def public_revisions(with_successor=False):
    """Return the revisions that are Annotations: the public revisions of claims readers ever saw.

    Each comes with what its Annotation shows: claim, answer, question, author of the revision, the
    public revision it replaced (`replaces`) and, `with_successor`, the one that replaced it and when.
    """
    public = Annotation.objects.public()
    earlier = public.filter(claim=OuterRef("claim"), revision__lt=OuterRef("revision")).order_by("-revision")
    revisions = (
        public.filter(
            claim__published_at__isnull=False,
            claim__answer__published_at__isnull=False,
            claim__answer__question__published_at__isnull=False,
        )
        .select_related("claim__answer__question", "created_by")
        .prefetch_related(
            Prefetch("evidence", queryset=Event.objects.on_record().order_by("start_date", "pk")), "sources"
        )
        .annotate(replaces=Subquery(earlier.values("pk")[:1]))
    )
    if with_successor:
        later = public.filter(claim=OuterRef("claim"), revision__gt=OuterRef("revision")).order_by("revision")
        revisions = revisions.annotate(
            replaced_by=Subquery(later.values("pk")[:1]), replaced_at=Subquery(later.values("reviewed_at")[:1])
        )
    return revisions


def reviewed_anchors(revisions):
    """Return {revision pk: (exact, prefix, suffix, start, end)} for revisions about words the claim no longer has.

    Their anchor is the claim's as it stood when the revision was reviewed, from the claim's history (one
    query); None when the history does not hold those words (the quote alone then says what was reviewed).
    """
    changed = [revision for revision in revisions if revision.claim_text != revision.claim.exact]
    if not changed:
        return {}
    fields = ("id", "exact", "prefix", "suffix", "start", "end", "history_date")
    history = list(
        Claim.history.filter(id__in={revision.claim_id for revision in changed})
        .order_by("-history_date", "-history_id")
        .values_list(*fields)
    )
    anchors = {}
    for revision in changed:
        matching = [row for row in history if row[0] == revision.claim_id and row[1] == revision.claim_text]
        before = [row for row in matching if row[6] <= revision.reviewed_at]
        anchors[revision.pk] = tuple((before or matching)[0][1:6]) if matching else None
    return anchors


def selectors(exact, prefix, suffix, start, end):
    quote = {"type": "TextQuoteSelector", "exact": exact}
    quote.update({name: text for name, text in (("prefix", prefix), ("suffix", suffix)) if text})
    return [quote, {"type": "TextPositionSelector", "start": start, "end": end}]


def target(revision, anchors):
    """Return the target: the claim's words in the answer, by quote and by position.

    For a revision about words the claim has no longer, the anchor is the one they had when it was
    reviewed, and the target says so with a TimeState: the selectors apply to the answer as it was then.
    """
    claim = revision.claim
    answer = claim.answer
    source = absolute_url(answer.question.get_absolute_url()) + f"#answer-{answer.position}"
    if revision.pk not in anchors:
        return {"type": "SpecificResource", "source": source, "selector": selectors(*current_anchor(claim))}
    anchor = anchors[revision.pk]
    selector = selectors(*anchor) if anchor else {"type": "TextQuoteSelector", "exact": revision.claim_text}
    state = {"type": "TimeState", "sourceDate": timestamp(revision.reviewed_at)}
    return {"type": "SpecificResource", "source": source, "state": state, "selector": selector}


def current_anchor(claim):
    return claim.exact, claim.prefix, claim.suffix, claim.start, claim.end


def factline():
    """The organisation that publishes the verdicts (FACTLINE_PUBLISHER_NAME and _URL), as an Agent."""
    home = publisher_url()
    return {"id": home, "type": "Organization", "name": settings.FACTLINE_PUBLISHER_NAME, "homepage": home}


def annotation(revision, anchors):
    """Return the Annotation of a public revision (from public_revisions()), as a dict for JSON-LD.

    Its creator is the editor who wrote it, named as the claim's public page names them; Factline, which
    reviewed and published it, is its generator. It was created when it was published; a superseded
    revision was last modified when a newer one replaced it, and says which.
    """
    text = {"type": "TextualBody", "format": "text/plain", "language": "en"}
    body = [{**text, "purpose": "assessing", "value": revision.verdict_label}]
    if revision.rationale:
        body.append({**text, "purpose": "commenting", "value": revision.rationale})
    links = [absolute_url(event.get_absolute_url()) for event in revision.evidence.all()]
    links += [source.url for source in revision.sources.all()]
    body += [{"type": "SpecificResource", "purpose": "linking", "source": link} for link in links]
    user = revision.created_by
    document = {
        "@context": CONTEXT,
        "id": iri(revision.pk),
        "type": "Annotation",
        "motivation": "assessing",
        "created": timestamp(revision.reviewed_at),
        "modified": timestamp(getattr(revision, "replaced_at", None) or revision.reviewed_at),
        "creator": {"type": "Person", "name": user.get_full_name() or user.get_username()},
        "generator": factline(),
        "body": body,
        "target": target(revision, anchors),
    }
    if revision.replaces:
        document["dcterms:replaces"] = iri(revision.replaces)
    if getattr(revision, "replaced_by", None):
        document["dcterms:isReplacedBy"] = iri(revision.replaced_by)
    return document


class Container:
    """The published revisions of the claims on the public lists (`listings`), in the order `ordering` names."""

    def __init__(self, path, label, listings, ordering, total=None):
        self.path, self.label, self.listings, self.ordering = path, label, listings, ordering
        self._total = total

    @classmethod
    def site(cls):
        # Listings without a published review are ordered before every review (NEVER): leaving them out by
        # that bound lets the index on (status, review_order, claim) alone find a page.
        listings = ClaimListing.objects.listed().filter(review_order__gt=NEVER)
        total = Tally.read("reviewed")["reviewed"]
        return cls(
            reverse("answers:annotation-container"),
            "Factline: every published verdict",
            listings,
            ("review_order", "claim_id"),
            total,
        )

    @classmethod
    def of_question(cls, question):
        listings = ClaimListing.objects.listed().filter(question=question, published_revision__isnull=False)
        label = f"Factline: published verdicts on the answers to “{question.text}”"
        path = reverse("answers:question-annotations", args=[question.slug])
        return cls(path, label, listings, ("answer_position", "start", "claim_id"))

    @property
    def total(self):
        if self._total is None:
            self._total = self.listings.count()
        return self._total

    @property
    def last_page(self):
        return max(0, (self.total - 1) // PAGE_SIZE)

    def iri(self, iris, page=None):
        query = f"?iris={int(iris)}" + (f"&page={page}" if page is not None else "")
        return absolute_url(self.path + query)

    def collection(self, iris, minimal):
        """Return the container's AnnotationCollection: with its first page unless `minimal`."""
        return {
            "@context": [CONTEXT, LDP_CONTEXT],
            "id": self.iri(iris),
            "type": ["BasicContainer", "AnnotationCollection"],
            "label": self.label,
            "total": self.total,
            "first": self.iri(iris, 0) if minimal else self.page(iris, 0, embedded=True),
            "last": self.iri(iris, self.last_page),
        }

    def page(self, iris, number, embedded=False):
        """Return page `number` (from 0, at most last_page) as an AnnotationPage; items are IRIs if `iris`."""
        start = number * PAGE_SIZE
        claims = list(
            self.listings.order_by(*self.ordering).values_list("claim_id", flat=True)[start : start + PAGE_SIZE]
        )
        if iris:
            found = dict(Annotation.objects.published().filter(claim__in=claims).values_list("claim_id", "pk"))
            items = [iri(found[claim]) for claim in claims if claim in found]
        else:
            found = {
                revision.claim_id: revision for revision in public_revisions().published().filter(claim__in=claims)
            }
            anchors = reviewed_anchors(found.values())
            items = [annotation(found[claim], anchors) for claim in claims if claim in found]
        document = {} if embedded else {"@context": CONTEXT}
        document.update(id=self.iri(iris, number), type="AnnotationPage")
        if not embedded:
            document["partOf"] = {
                "id": self.iri(iris),
                "label": self.label,
                "total": self.total,
                "first": self.iri(iris, 0),
                "last": self.iri(iris, self.last_page),
            }
        document["startIndex"] = start
        if number > 0:
            document["prev"] = self.iri(iris, number - 1)
        if number < self.last_page:
            document["next"] = self.iri(iris, number + 1)
        document["items"] = items
        return document
