"""Public pages of the timeline."""

from django.views.generic import DetailView
from django_filters.views import FilterView

from events.filters import EventFilter
from events.models import Event


class EventListView(FilterView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    paginate_by = 100

    def get_queryset(self):
        return Event.objects.order_by("start_date", "name")


class EventDetailView(DetailView):
    """An event with its participants and sources; its template asks the answers app for what cites it."""

    model = Event
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return Event.objects.prefetch_related("participants", "sources")
