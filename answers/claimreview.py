"""The schema.org ClaimReview of a claim's published verdict, for the JSON-LD on its public page.

It follows schema.org's ClaimReview and Google's fact-check properties. The answers' authors are machine
personas: neither a Person nor an Organization, they are typed as the software they are
(`SoftwareApplication`, named as the answer names them); see the README's "ClaimReview" section.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from config.views import absolute_url

BEST_RATING = 5
WORST_RATING = 1


def publisher_url():
    """The web address of the organisation that publishes the verdicts: FACTLINE_PUBLISHER_URL, or the home page."""
    return settings.FACTLINE_PUBLISHER_URL or absolute_url(reverse("answers:home"))


def publisher():
    """The organisation that publishes the verdicts (FACTLINE_PUBLISHER_NAME and _URL), as schema.org has it."""
    return {"@type": "Organization", "name": settings.FACTLINE_PUBLISHER_NAME, "url": publisher_url()}


def timestamp(moment):
    """An ISO 8601 date and time in the site's time zone, to the second."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def claim_review(claim, revisions):
    """Return the schema.org ClaimReview of a claim, as a dict for JSON-LD, or None when it has none.

    `revisions` are the claim's public revisions in order, each with its verdict, evidence and sources
    fetched. Only a published verdict that rates truth is a ClaimReview: "Opinion" rates nothing. The
    claim reviewed is the wording the published revision reviewed, never words that changed after it;
    the review was first published with the claim's first revision and last modified by the current one.
    """
    published = next((revision for revision in revisions if revision.is_published), None)
    if published is None or published.verdict.rating_value is None:
        return None
    url = absolute_url(claim.get_absolute_url())
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"{url}#claim-review",
        "url": url,
        "claimReviewed": published.claim_text,
        "reviewRating": rating(published),
        "author": publisher(),
        "datePublished": timestamp(revisions[0].reviewed_at),
        "dateModified": timestamp(published.reviewed_at),
        "itemReviewed": item_reviewed(claim.answer),
        "citation": citations(published),
    }


def rating(published):
    verdict = published.verdict
    return {
        "@type": "Rating",
        "alternateName": verdict.label,
        "name": verdict.label,
        "ratingValue": verdict.rating_value,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "ratingExplanation": published.rationale,
    }


def item_reviewed(answer):
    """The claim as it appeared: in a machine author's answer on its question's page."""
    author = {
        "@type": "SoftwareApplication",
        "name": answer.author.name,
        "url": absolute_url(answer.author.get_absolute_url()),
    }
    appearance = {
        "@type": "CreativeWork",
        "url": absolute_url(answer.question.get_absolute_url()) + f"#answer-{answer.position}",
        "name": answer.question.text,
        "author": author,
    }
    claim = {"@type": "Claim", "author": author, "appearance": appearance}
    if answer.posted_on:  # counted back from the page's "a year ago": as precise as the page is
        claim["datePublished"] = answer.posted_on.isoformat()
    return claim


def citations(published):
    """The evidence: the sources the revision cites, then the timeline events it rests on."""
    sources = [{"@type": "CreativeWork", "name": source.title, "url": source.url} for source in published.sources.all()]
    events = [
        {"@type": "WebPage", "name": event.name, "url": absolute_url(event.get_absolute_url())}
        for event in published.evidence.all()
    ]
    return sources + events
