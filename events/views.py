"""Public pages of the timeline."""

from django.db.models import Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from config.proposals.models import Proposal
from config.views import OldSlugRedirectMixin
from events.filters import EventFilter
from events.models import Event, Participant, Source


class EventListView(FilterView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    paginate_by = 100

    def get_queryset(self):
        return Event.objects.live()

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queryset.order_by(*self.filterset.ordering_names()), page_size)


class EventDetailView(OldSlugRedirectMixin, DetailView):
    """An event with its published participants and sources; its template asks the answers app for what cites it.

    A retired event keeps its page, which says so; a slug it had before redirects to it.
    """

    model = Event
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return Event.objects.on_record().prefetch_related(
            Prefetch("participants", queryset=Participant.objects.live()),
            Prefetch("sources", queryset=Source.objects.live()),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, corrections=Proposal.objects.corrections_of(self.object))
