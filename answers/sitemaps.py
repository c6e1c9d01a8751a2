"""The sitemap's sections of public lists, questions, claims and authors: what readers may reach, and when it changed.

A page changed last when its own reviewed content did (its newest history row: publication and every
approved change write one) or when a verdict it shows was reviewed. Claims are those on the public lists,
in the order of their listings' page index; questions and authors are those published.
"""

from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property

from answers.models import Author, Claim, ClaimListing, Question
from answers.models.listings import NEVER, PAGE_ORDER
from config.sitemaps import CanonicalSitemap, last_change, latest_change, newest
from events.models import Event

# Any number: it stands for each claim's in the claim page address reversed once.
PLACEHOLDER = "4294967296"


def latest_review(**filters):
    """Return when the newest verdict shown on the public lists (of claims matching `filters`) was reviewed."""
    latest = ClaimListing.objects.listed().filter(**filters).aggregate(latest=Max("review_order"))["latest"]
    return latest if latest not in (None, NEVER) else None


def newest_review(field):
    """Return the review date of the newest verdict shown on the public lists for the object `field` names."""
    listings = ClaimListing.objects.listed().filter(published_revision__isnull=False, **{field: OuterRef("pk")})
    # The latest of the object's listings, found through its index; ordered by review instead, SQLite reads them all.
    return Subquery(listings.order_by().values(field).annotate(latest=Max("review_order")).values("latest"))


class PageSitemap(CanonicalSitemap):
    """The home page and the lists of questions, claims, events and authors."""

    def items(self):
        lists = ["answers:question-list", "answers:claim-list", "events:event-list", "answers:author-list"]
        return ["answers:home", *lists]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        if not hasattr(self, "changes"):
            review, questions = latest_review(), latest_change(Question, Question.objects.live().values("pk"))
            self.changes = {
                "answers:home": newest(review, questions),
                "answers:question-list": questions,
                "answers:claim-list": review,
                "events:event-list": latest_change(Event, Event.objects.live().values("pk")),
                "answers:author-list": newest(review, latest_change(Author, Author.objects.live().values("pk"))),
            }
        return self.changes[name]

    def get_latest_lastmod(self):
        return newest(*(self.lastmod(name) for name in self.items()))


class PublishedSitemap(CanonicalSitemap):
    """Published questions or authors: changed last when they did, or when a verdict on their claims was reviewed."""

    model = field = None  # the model, and the claim listing's field that points to it
    ordering = ("pk",)

    def items(self):
        return (
            self.model.objects.live()
            .annotate(changed=last_change(self.model), reviewed=newest_review(self.field))
            .order_by(*self.ordering)
            .only("slug")
        )

    def lastmod(self, obj):
        return newest(obj.changed, obj.reviewed)

    def get_latest_lastmod(self):
        live = self.model.objects.live()
        return newest(latest_change(self.model, live.values("pk")), latest_review(**{f"{self.field}__in": live}))


class QuestionSitemap(PublishedSitemap):
    model, field, ordering = Question, "question", ("captured_on", "pk")


class AuthorSitemap(PublishedSitemap):
    model, field = Author, "author"


class ClaimSitemap(CanonicalSitemap):
    def items(self):
        return (
            ClaimListing.objects.listed()
            .annotate(changed=last_change(Claim, "claim_id"))
            .order_by(*PAGE_ORDER)
            .values_list("claim_id", "reviewed_at", "changed", named=True)
        )

    def location(self, listing):
        return self.claim_path.replace(PLACEHOLDER, str(listing.claim_id))

    @cached_property
    def claim_path(self):
        # Reversed once a page: reversing each of its ten thousand claims would take most of the page's time.
        return reverse("answers:claim-detail", args=[int(PLACEHOLDER)])

    def lastmod(self, listing):
        return newest(listing.changed, listing.reviewed_at)

    def get_latest_lastmod(self):
        listed = ClaimListing.objects.listed().values("claim_id")
        return newest(latest_change(Claim, listed), latest_review())
