"""The sitemap's section of timeline events: the published ones, changed last when their newest history row says."""

from config.sitemaps import CanonicalSitemap, last_change, latest_change
from events.models import Event


class EventSitemap(CanonicalSitemap):
    def items(self):
        return (
            Event.objects.live().annotate(changed=last_change(Event)).order_by("start_date", "name", "pk").only("slug")
        )

    def lastmod(self, event):
        return event.changed

    def get_latest_lastmod(self):
        return latest_change(Event, Event.objects.live().values("pk"))
