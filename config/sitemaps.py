"""The sitemap index, its sections, and robots.txt, on the site's canonical origin; imports nothing from the apps.

django.contrib.sitemaps builds each address from the Sites framework or the request's Host; here every
address is on FACTLINE_SITE_URL, whatever Host a request named. The index lists each section's pages
(paged by the section's `limit`), and each page lists its URLs with when they last changed.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max, OuterRef, Subquery
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from config.views import absolute_url

# Well under the protocol's 50,000: a page of the sitemap is made in a fraction of a second.
PAGE_LIMIT = 10_000


class CanonicalSitemap(Sitemap):
    """A sitemap section whose URLs are on the canonical origin, and whose newest change one query finds."""

    limit = PAGE_LIMIT

    def get_urls(self, page=1, site=None, protocol=None):
        origin = urlsplit(settings.FACTLINE_SITE_URL)
        return self._urls(page, origin.scheme, origin.netloc)

    def get_latest_lastmod(self):
        """Return when the newest of the section's pages last changed (Django's default reads every item)."""
        return None


def last_change(model, ref="pk"):
    """Return the time of the newest history row of the object `ref` names: when it last changed, as an expression."""
    rows = model.history.filter(id=OuterRef(ref)).order_by("-history_date").values("history_date")
    return Subquery(rows[:1])


def latest_change(model, ids):
    """Return when the newest change to the objects of `model` in `ids` (a values() query) was made, or None."""
    return model.history.filter(id__in=ids).aggregate(latest=Max("history_date"))["latest"]


def newest(*times):
    """Return the latest of `times`, those that are None aside; None if all are."""
    return max((time for time in times if time is not None), default=None)


@x_robots_tag
def sitemap_index(request, sitemaps):
    """List every page of every section, with the section's newest change."""
    entries = []
    for section, sitemap_class in sitemaps.items():
        site = sitemap_class()
        url = absolute_url(reverse("sitemap-section", kwargs={"section": section}))
        lastmod = site.get_latest_lastmod()
        entries += [
            SitemapIndexItem(url if page == 1 else f"{url}?p={page}", lastmod) for page in site.paginator.page_range
        ]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


def robots_txt(request):
    """Let robots read every public page, keep them out of the admin, and point them to the sitemap."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Allow: /",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
