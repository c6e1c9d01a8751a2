"""Requests that once produced server errors: odd ids, NUL characters, history reverts."""

import pytest
from django.urls import reverse

from answers.models import Answer, Claim
from config.admin import current_version
from config.proposals.models import Proposal
from events.models import Event
from tests.conftest import approve_pending

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/answers/claim/abc/history/",
        "/admin/answers/claim/1.5/history/1/",
        "/admin/answers/claim/1/history/abc/",
        "/admin/events/event/x/history/",
    ],
)
def test_history_pages_with_ids_that_are_not_ids_are_not_found(admin_client, loaded_fixtures, url):
    assert admin_client.get(url).status_code == 404


def test_old_versions_can_be_viewed_but_not_reverted_to(admin_client, loaded_fixtures):
    claim = Claim.objects.order_by("pk").first()
    version = claim.history.first()
    url = reverse("admin:answers_claim_simple_history", args=[claim.pk, version.history_id])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Revert" not in page.content.decode()
    response = admin_client.post(url, {"answer": claim.answer_id, "exact": "Reverted text."})
    assert response.status_code == 405
    claim.refresh_from_db()
    assert claim.exact != "Reverted text."


@pytest.mark.parametrize(
    "query", [{"q": "Kars\x00"}, {"o": "\x00"}, {"answer__author__id__exact": "1\x00"}], ids=["q", "o", "filter"]
)
def test_nul_characters_are_a_bad_request(admin_client, query):
    assert admin_client.get(reverse("admin:answers_claim_changelist"), query).status_code == 400


def test_nul_characters_in_form_data_are_a_bad_request(admin_client):
    response = admin_client.post(reverse("admin:answers_verdict_add"), {"label": "Bad\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "field, url_name", [("answer", "admin:answers_claim_add"), ("question", "admin:answers_answer_add")]
)
def test_ids_that_are_not_ids_in_autocomplete_fields_are_form_errors(admin_client, loaded_fixtures, field, url_name):
    response = admin_client.post(reverse(url_name), {field: "abc", "exact": "x", "body": "x", "position": "9"})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors


def test_an_answer_sent_with_crlf_line_endings_is_stored_with_lf(admin_client, loaded_fixtures, make_user):
    answer = Answer.objects.get(position=1)
    data = {
        "question": answer.question_id,
        "position": answer.position,
        "author": answer.author_id,
        "posted_label": "about a year ago",
        "posted_on": answer.posted_on.isoformat(),
        "body": answer.body.replace("\n", "\r\n"),
        "claims-TOTAL_FORMS": "0",
        "claims-INITIAL_FORMS": "0",
        "seen_version": current_version(answer),
    }
    starts = list(answer.claims.order_by("pk").values_list("start", flat=True))
    admin_client.post(reverse("admin:answers_answer_change", args=[answer.pk]), data, follow=True)
    # The text is the same once its line endings are LF: only the posted label is proposed.
    assert Proposal.objects.for_object(answer).get().changes == {"posted_label": "about a year ago"}
    approve_pending(answer, make_user("rita", "Reviewers"))
    answer.refresh_from_db()
    assert "\r" not in answer.body and answer.posted_label == "about a year ago"
    assert list(answer.claims.order_by("pk").values_list("start", flat=True)) == starts


def test_dates_outside_the_supported_years_are_form_errors(admin_client):
    data = {
        "name": "Too early",
        "slug": "too-early",
        "category": "war",
        "summary": "Nothing.",
        "start_date": "0005-06-01",
        "start_precision": "decade",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    response = admin_client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 200
    assert "Dates start in the year 10." in str(response.context["adminform"].form.errors)
    assert not Event.objects.filter(slug="too-early").exists()
