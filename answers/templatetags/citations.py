"""What the answers app says about a timeline event, for the events app's templates.

The events app knows nothing of answers; its event page asks for the claims that cite an event by
loading this library (``{% load citations %}``) and calling ``{% citing_claims event %}``.
"""

from django import template

from answers.models import Annotation

register = template.Library()


@register.inclusion_tag("answers/citing_claims.html")
def citing_claims(event):
    """Render the published verdicts that cite `event` as evidence, with their claims."""
    return {"citing": Annotation.objects.citing(event)}
