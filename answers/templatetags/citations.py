"""What the answers app says about a timeline event, for the events app's templates.

The events app knows nothing of answers; its event page asks for the claims that cite an event by
loading this library (``{% load citations %}``) and calling ``{% citing_claims event %}``.
"""

from django import template

from answers.models import Annotation, ClaimListing, Tally
from answers.models.listings import PAGE_ORDER
from config.pagination import BoundedCount

register = template.Library()
SHOWN = 10


@register.inclusion_tag("answers/citing_claims.html")
def citing_claims(event):
    """Render the first claims whose published verdict cites `event` as evidence, and how many there are."""
    revisions = Annotation.evidence.through.objects.filter(event=event).values("annotation")
    citing = ClaimListing.objects.listed().filter(published_revision__in=revisions)
    return {
        "event": event,
        "citing": citing.select_related("claim", "question", "author", "verdict", "published_revision").order_by(
            *PAGE_ORDER
        )[:SHOWN],
        "count": BoundedCount(Tally.read(f"event:{event.pk}")[f"event:{event.pk}"], limit=None),
    }
