from config.pages.models import Page
from config.sitemaps import CanonicalSitemap, last_change


class ExplanatoryPageSitemap(CanonicalSitemap):
    """The published explanatory pages, changed last when their approved text was."""

    def items(self):
        return Page.objects.live().annotate(changed=last_change(Page)).order_by("position", "pk")

    def lastmod(self, page):
        return page.changed
