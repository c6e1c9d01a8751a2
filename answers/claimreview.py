"""The schema.org ClaimReview of a claim's published verdict, for the JSON-LD on its public page."""

from django.urls import reverse

from config.views import absolute_url


def claim_review(claim, published):
    """Return the schema.org ClaimReview of a claim's published revision, as a dict for JSON-LD.

    The claim reviewed is the wording the revision reviewed, never words that changed after it.
    """
    if published is None:
        return None
    verdict = published.verdict
    rating = {"@type": "Rating", "alternateName": verdict.label, "name": verdict.label}
    if verdict.rating_value is not None:
        rating.update(ratingValue=verdict.rating_value, bestRating=5, worstRating=1)
    answer = claim.answer
    appearance = {
        "@type": "CreativeWork",
        "url": absolute_url(answer.question.get_absolute_url()) + f"#answer-{answer.position}",
        "name": answer.question.text,
    }
    item = {"@type": "Claim", "author": {"@type": "Person", "name": answer.author.name}, "appearance": appearance}
    if answer.posted_on:
        item["datePublished"] = answer.posted_on.isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute_url(claim.get_absolute_url()),
        "claimReviewed": published.claim_text,
        "datePublished": published.reviewed_at.date().isoformat(),
        "author": {
            "@type": "Organization",
            "name": "Factline",
            "url": absolute_url(reverse("answers:home")),
        },
        "reviewRating": rating,
        "reviewBody": published.rationale,
        "itemReviewed": item,
    }
