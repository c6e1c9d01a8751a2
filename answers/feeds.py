"""Atom and RSS feeds of published verdicts and of corrections: the site's, or a question's, author's or verdict's.

The verdicts feed says what readers see now, newest review first: each listed claim's published revision.
A correction publishes a new revision, which enters the feed at the top as the revision it superseded
leaves it (feed readers keep what they fetched; a new subscriber is never shown a verdict that no longer
stands as if it did). The corrections feed is the log of corrections: every public revision that
superseded another, corrected again later or not, titled with the change ("Misleading → Inaccurate").
A verdict's corrections are those to or from it. Items are revisions of claims on the public lists,
never drafts, submissions or rejections; each links to its claim's page, with the revision's entry in
the claim's history as its unique id. Links use the canonical origin (FACTLINE_SITE_URL), never the
Host a request names.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime

from answers.claimreview import publisher_url
from answers.models import Annotation, Author, ClaimListing, Question, Verdict
from config.views import absolute_url

ITEMS = 50
FORMATS = {"atom": Atom1Feed, "rss": Rss201rev2Feed}
FORMAT_NAMES = {"atom": "Atom", "rss": "RSS"}
# What a feed may be narrowed to, found by the slug in its URL; each name is also the claim listing's field for it.
SCOPES = {"question": Question, "author": Author, "verdict": Verdict}


class ReviewFeed(Feed):
    """A feed of published revisions, for the whole site or narrowed to one question, author or verdict."""

    kind = None  # "verdicts" or "corrections": the feed's URL name, after its scope
    title_text = None

    def __init__(self, scope=None, format="atom"):
        self.scope, self.format, self.feed_type = scope, format, FORMATS[format]

    def get_object(self, request, slug=None):
        # A missing slug raises DoesNotExist, which Feed answers with a 404.
        return SCOPES[self.scope].objects.on_record().get(slug=slug) if self.scope else None

    def url_name(self):
        return f"answers:{self.scope + '-' if self.scope else ''}{self.kind}-{self.format}"

    def title(self, obj):
        return f"Factline: {self.title_text}{scope_words(self.kind, self.scope, obj)}"

    def link(self, obj):
        return absolute_url(page_url(self.scope, obj))

    def path(self, obj):
        return reverse(self.url_name(), kwargs={"slug": obj.slug} if obj else None)

    def feed_url(self, obj):
        return absolute_url(self.path(obj))

    def feed_guid(self, obj):
        return self.feed_url(obj)

    def description(self, obj):
        return self.title(obj)

    def author_name(self):
        return settings.FACTLINE_PUBLISHER_NAME

    def author_link(self):
        return publisher_url()

    def revisions(self):
        """Return the revisions with what an item shows of them: their claim's answer, and the revision corrected."""
        return Annotation.objects.select_related("claim__answer__question", "claim__answer__author", "based_on")

    def item_title(self, revision):
        # Plain text, as Atom defines titles and feed readers read RSS ones; Django's default escapes them as HTML.
        return f"{verdict_change(revision)}: “{Truncator(revision.claim_text).chars(120)}”"

    def item_link(self, revision):
        return absolute_url(revision.claim.get_absolute_url())

    def item_guid(self, revision):
        return f"{self.item_link(revision)}#revision-{revision.revision}"

    def item_guid_is_permalink(self, revision):
        return True

    def item_description(self, revision):
        # Atom summaries and RSS descriptions are read as HTML: every text is escaped here.
        answer = revision.claim.answer
        html = format_html("<p>“{}”: {}.</p><p>{}</p>", revision.claim_text, revision.verdict_label, revision.rationale)
        if revision.based_on is not None:
            before = revision.based_on
            html += format_html("<p>Before the correction: {}. {}</p>", before.verdict_label, before.rationale)
        return html + format_html(
            "<p>From {}'s answer to “{}”. Reviewed on {}.</p>",
            answer.author.name,
            answer.question.text,
            date_format(localtime(revision.reviewed_at), "j F Y"),
        )

    def item_pubdate(self, revision):
        return revision.reviewed_at

    def item_updateddate(self, revision):
        return revision.reviewed_at

    def item_categories(self, revision):
        return [revision.verdict_label]


class VerdictFeed(ReviewFeed):
    kind = "verdicts"
    title_text = "new verdicts"

    def items(self, obj):
        listings = ClaimListing.objects.listed().filter(published_revision__isnull=False)
        order = "-review_order"
        if obj is not None:
            listings = listings.filter(**{self.scope: obj})
        if self.scope in ("question", "author"):
            # The same order, by a column no index holds: a question's or author's listings are then found by
            # their own index and sorted, where the review-order index would be walked through everyone's.
            order = "-reviewed_at"
        newest = listings.order_by(order, "-claim_id").values("published_revision")[:ITEMS]
        return self.revisions().filter(pk__in=newest).order_by("-reviewed_at", "-claim_id")


class CorrectionFeed(ReviewFeed):
    kind = "corrections"
    title_text = "corrections"

    def items(self, obj):
        listed = ClaimListing.objects.listed().filter(claim=OuterRef("claim_id"))
        corrections = Annotation.objects.public().filter(based_on__isnull=False)
        if self.scope == "verdict":
            corrections = corrections.filter(Q(verdict=obj) | Q(based_on__verdict=obj))
        elif obj is not None:
            listed = listed.filter(**{self.scope: obj})
        # Read from the revisions: joined to the listings instead, the databases read every listed claim.
        newest = corrections.filter(Exists(listed)).order_by("-reviewed_at", "-pk").values("pk")[:ITEMS]
        return self.revisions().filter(pk__in=newest).order_by("-reviewed_at", "-pk")


FEEDS = {"verdicts": VerdictFeed, "corrections": CorrectionFeed}


def verdict_change(revision):
    """Return the verdict a revision published, and the one it corrected: "Misleading → Inaccurate"."""
    before = revision.based_on
    if before is None:
        return revision.verdict_label
    if before.verdict_label == revision.verdict_label:
        return f"{revision.verdict_label}, corrected"
    return f"{before.verdict_label} → {revision.verdict_label}"


def scope_words(kind, scope, obj):
    """Return what narrows a feed, as its title says it: " on “question”", " on Mira Talkstone's claims"."""
    if scope == "question":
        return f" on “{Truncator(obj.text).chars(100)}”"
    if scope == "author":
        return f" on {obj.name}'s claims"
    if scope == "verdict":
        return f" {'to or from' if kind == 'corrections' else 'rated'} {obj.label}"
    return ""


def page_url(scope, obj):
    """Return the public page a feed belongs to: the home page, or the question's, author's or verdict's."""
    if scope == "verdict":
        return f"{reverse('answers:claim-list')}?verdict={obj.slug}"
    return obj.get_absolute_url() if obj is not None else reverse("answers:home")


def feed_links(obj=None):
    """Return [(title, path, MIME type)] of the site's feeds, and those of `obj` (a question, author or verdict)."""
    subjects = [(None, None)] + ([(obj._meta.model_name, obj)] if obj is not None else [])
    return [
        (f"{feed.title(subject)} ({FORMAT_NAMES[format]})", feed.path(subject), generator.content_type.split(";")[0])
        for scope, subject in subjects
        for feed_class in FEEDS.values()
        for format, generator in FORMATS.items()
        for feed in [feed_class(scope, format)]
    ]
