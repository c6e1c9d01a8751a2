"""The timeline in the read-only JSON API: published events, with their published participants and sources."""

from django.db.models import Prefetch
from rest_framework import serializers

from config.api import SlugViewSet
from config.views import absolute_url
from events.filters import EventFilter
from events.models import Event, Participant, Source


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["name", "slug", "kind"]


class WebSourceSerializer(serializers.Serializer):
    """A cited web page: an event's source, or a verdict's."""

    title = serializers.CharField()
    url = serializers.URLField()


class EventSummarySerializer(serializers.ModelSerializer):
    """An event as a claim's evidence names it."""

    url = serializers.SerializerMethodField(help_text="The event's page.")
    dates = serializers.CharField(source="date_display", help_text="The dates as the site shows them.")

    class Meta:
        model = Event
        fields = ["name", "slug", "url", "dates", "start_date", "start_precision", "end_date", "end_precision"]

    def get_url(self, event) -> str:
        return absolute_url(event.get_absolute_url())


class EventSerializer(EventSummarySerializer):
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField())
    participants = ParticipantSerializer(many=True)
    sources = WebSourceSerializer(many=True)

    class Meta(EventSummarySerializer.Meta):
        fields = [*EventSummarySerializer.Meta.fields, "category", "summary", "aliases", "participants", "sources"]


class EventApiFilter(EventFilter):
    """The timeline's filters; the API lists events in cursor order, so without the ordering."""

    ordering = None


class EventViewSet(SlugViewSet):
    """Published timeline events, by slug; filtered as the timeline is (start, end, category, participant, q)."""

    serializer_class = EventSerializer
    filterset_class = EventApiFilter

    def get_queryset(self):
        return Event.objects.live().prefetch_related(
            Prefetch("participants", queryset=Participant.objects.live()),
            Prefetch("sources", queryset=Source.objects.live()),
        )
