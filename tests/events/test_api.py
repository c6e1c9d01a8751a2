"""The timeline in the JSON API: published events, filtered as the timeline is."""

import pytest
from django.urls import reverse

from events.models import Event, Source
from tests.conftest import draft_event

pytestmark = pytest.mark.django_db

EVENTS = reverse("api:event-list")


def slugs(client, **params):
    response = client.get(EVENTS, params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["next"] is None  # one page holds the curated timeline
    return {event["slug"] for event in body["results"]}


def test_the_events_are_the_published_ones_with_their_published_sources(client, loaded_events):
    kars = Event.objects.get(slug="treaty-of-kars")
    Source.objects.create(event=kars, title="A draft source", url="https://draft.test/")
    draft_event(name="A draft event")
    assert slugs(client) == set(Event.objects.live().values_list("slug", flat=True))
    found = client.get(reverse("api:event-detail", args=["treaty-of-kars"])).json()
    assert found["dates"] == kars.date_display and found["start_date"] == kars.start_date.isoformat()
    assert "A draft source" not in {source["title"] for source in found["sources"]}
    assert client.get(reverse("api:event-detail", args=["a-draft-event"])).status_code == 404


def test_the_events_are_filtered_as_the_timeline_is(client, loaded_events):
    kars = Event.objects.get(slug="treaty-of-kars")
    assert "treaty-of-kars" in slugs(client, start="1921", end="1921", category="treaty")
    assert "treaty-of-kars" not in slugs(client, start="1922")
    participant = kars.participants.live().first()
    assert slugs(client, participant=participant.name) == set(participant.events.live().values_list("slug", flat=True))


@pytest.mark.parametrize("query", [{"start": "1921-02-30"}, {"start": "1923", "end": "1921"}, {"category": "x"}])
def test_a_bad_timeline_filter_is_a_400_that_names_the_field(client, loaded_events, query):
    response = client.get(EVENTS, query)
    assert response.status_code == 400 and set(response.json()) == {list(query)[-1]}
