"""Finding events by name, alias or summary: accents and case aside, the most relevant first."""

import pytest
from django.urls import reverse

from events.models import Event

pytestmark = pytest.mark.django_db


def picked(client, term):
    """Return the names the evidence picker offers for `term`, in its order."""
    query = {"term": term, "app_label": "answers", "model_name": "annotation", "field_name": "evidence"}
    response = client.get(reverse("admin:autocomplete"), query)
    assert response.status_code == 200
    return [result["text"].rsplit(" (", 1)[0] for result in response.json()["results"]]


def test_a_name_match_comes_before_a_match_in_a_summary(admin_client, loaded_events):
    offered = picked(admin_client, "Treaty of Moscow")
    assert offered[0] == "Treaty of Moscow (1921)"
    assert "Soviet aid to the Turkish National Movement" in offered[1:]


def test_a_name_match_comes_before_an_alias_match(loaded_events):
    names = [event.name for event in Event.objects.search("Soviet treaty")]
    by_name = [name for name in names if "soviet" in name.lower() and "treaty" in name.lower()]
    assert by_name and names[: len(by_name)] == by_name


def test_an_alias_finds_its_event(admin_client, loaded_events):
    assert picked(admin_client, "Treaty of Brotherhood") == ["Treaty of Moscow (1921)"]


def test_searching_without_accents_finds_what_searching_with_them_finds(admin_client, loaded_events):
    with_accents = picked(admin_client, "Atatürk")
    assert with_accents and picked(admin_client, "Ataturk") == with_accents == picked(admin_client, "ATATURK")


def test_searching_with_accents_finds_text_written_without_them(loaded_events):
    assert list(Event.objects.search("Tréaty of Möscow")) == list(Event.objects.search("treaty of moscow"))


def test_words_typed_so_far_already_match(admin_client, loaded_events):
    assert "Treaty of Moscow (1921)" in picked(admin_client, "Treaty of Mosc")


def test_every_word_must_match(loaded_events):
    assert not Event.objects.search("Moscow Zanzibar").exists()


def test_the_event_list_search_finds_events_by_alias(admin_client, loaded_events):
    response = admin_client.get(reverse("admin:events_event_changelist"), {"q": "Brotherhood"})
    assert [event.slug for event in response.context["cl"].result_list] == ["treaty-of-moscow-1921"]
