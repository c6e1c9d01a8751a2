"""What a public page says about itself in its head: canonical address, OpenGraph tags and its feeds.

base.html renders the defaults with ``{% social_tags %}``; a page overrides ``{% block social %}`` and
names its own title, description, OpenGraph type and the question, author or verdict whose feeds it
announces besides the site's (``{% social_tags title=question.text type="article" feeds_for=question %}``).
"""

from django import template

from answers.feeds import feed_links
from config.views import absolute_url

register = template.Library()

DESCRIPTION = (
    "Machine-written answers about history, checked claim by claim against a curated timeline "
    "and reviewed by a second person."
)


@register.inclusion_tag("includes/social.html", takes_context=True)
def social_tags(context, title="Factline", description=DESCRIPTION, type="website", feeds_for=None):
    """Render the canonical link, OpenGraph tags and feed links of the page being rendered.

    The canonical address is the page's path on the canonical origin, without its query: a filtered list's
    is the whole list's, and a list paged by cursor (the claims) is its first page's. The numbered page
    shown, past the first, keeps its `page`, unless the list is filtered.
    """
    request = context.get("request")
    if request is None:  # the 500 page is rendered without one
        return {"description": description}
    canonical = request.path
    page = getattr(context.get("page_obj"), "number", None)
    filtered = "filter" in context and any(value for name, value in request.GET.items() if name != "page")
    if isinstance(page, int) and page > 1 and not filtered:
        canonical += f"?page={page}"
    return {
        "title": title,
        "description": description,
        "type": type,
        "canonical": absolute_url(canonical),
        "feeds": feed_links(feeds_for),
    }
