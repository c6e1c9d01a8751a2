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
    model = Event
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return Event.objects.prefetch_related("participants", "sources")

    def get_context_data(self, **kwargs):
        # The published assessments that cite this event, through the reverse relation the answers app
        # adds (events never imports answers). Only published revisions: nothing under review leaks.
        citing = (
            self.object.annotations.filter(status="published", claim__orphaned=False)
            .select_related("verdict", "claim__answer__author", "claim__answer__question")
            .order_by("claim__answer__question__text", "claim__answer__position", "claim__start")
        )
        return super().get_context_data(citing=citing, **kwargs)
