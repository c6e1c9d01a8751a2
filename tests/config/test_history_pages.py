"""History pages: a reason on every row, and texts cut between words."""

import pytest
from django.urls import reverse

from answers.models import Claim, refresh_listings
from config.history import save_with_history
from config.text import excerpts, shorten
from events.models import Event

LONG = "The Treaty of Moscow was signed on 16 March 1921 between Soviet Russia and the Ankara government " * 3


def history_page(client, obj):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def event_form(**fields):
    return {
        "name": "Treaty of Kars",
        "slug": "treaty-of-kars-test",
        "category": "treaty",
        "summary": "Signed in Kars.",
        "start_date": "1921-10-13",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        **fields,
    }


def test_shortened_text_ends_between_words():
    shortened = shorten(LONG, 80)
    assert len(shortened) <= 80 and shortened.endswith("…")
    assert LONG.startswith(shortened[:-1]) and LONG[len(shortened) - 1] == " "


def test_short_text_is_left_whole():
    assert shorten("Signed in Kars.", 80) == "Signed in Kars."


def test_excerpts_keep_the_changed_words_and_whole_words_around_them():
    old, new = excerpts(LONG, LONG.replace("Ankara government", "Ankara government of Turkey", 1))
    assert "of Turkey" in new and "of Turkey" not in old
    words = set(LONG.split()) | {"of", "Turkey", "…"}
    assert set(old.split()) <= words and set(new.split()) <= words


@pytest.mark.django_db
def test_a_claims_long_quote_is_cut_between_words_on_its_history_page(admin_client, claim):
    Claim.objects.filter(pk=claim.pk).update(exact=LONG)  # str() is all this test reads
    refresh_listings([claim])
    claim.refresh_from_db()
    assert shorten(LONG, 80) in history_page(admin_client, claim)
    assert str(claim) == shorten(LONG, 80)


@pytest.mark.django_db
def test_a_change_recorded_without_a_reason_says_what_changed(admin_client, loaded_events):
    event = Event.objects.get(slug="treaty-of-moscow-1921")
    event.summary += " Edited."
    event._change_reason = None
    event.save()
    page = history_page(admin_client, event)
    assert "Changed summary" in page
    assert "None" not in page


@pytest.mark.django_db
def test_a_long_changed_text_is_shown_around_the_change_between_words(admin_client, loaded_events):
    event = Event.objects.get(slug="treaty-of-moscow-1921")
    old_summary = event.summary
    event.summary = old_summary.replace("It fixed", "It also fixed")
    save_with_history(event, reason="Said what else it fixed")
    page = history_page(admin_client, event)
    assert "Said what else it fixed" in page
    assert "It also fixed" in page and "chars]" not in page


@pytest.mark.django_db
def test_adding_in_the_admin_records_a_reason(admin_client, loaded_events):
    admin_client.post(reverse("admin:events_event_add"), event_form())
    event = Event.objects.get(slug="treaty-of-kars-test")
    assert event.history.first().history_change_reason == "Added in the admin"


@pytest.mark.django_db
def test_editing_a_draft_in_the_admin_records_which_fields_changed(admin_client, loaded_events):
    admin_client.post(reverse("admin:events_event_add"), event_form())
    event = Event.objects.get(slug="treaty-of-kars-test")
    url = reverse("admin:events_event_change", args=[event.pk])
    opened = admin_client.get(url).context["adminform"].form
    seen = {name: opened.fields[name].initial for name in ("seen_version", "seen_rows")}
    response = admin_client.post(
        url, event_form(summary="Signed in Kars by Turkey and three Soviet republics.", **seen)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert event.history.first().history_change_reason == "Edited in the admin: summary"
