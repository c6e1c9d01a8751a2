"""The orders the public lists offer: plain-English labels, no two alike, and every value works."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from answers.filters import ClaimFilter, QuestionFilter
from events.filters import EventFilter

pytestmark = pytest.mark.django_db

LISTS = {
    "answers:claim-list": ClaimFilter,
    "answers:question-list": QuestionFilter,
    "events:event-list": EventFilter,
}


def ordering_options(content):
    """Return the (value, label) options of the page's ordering select, in order."""
    select = re.search(r'<select name="ordering"[^>]*>(.*?)</select>', content, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "answers:claim-list",
            [
                ("", "Place in the answers"),
                ("-reviewed", "Newest review first"),
                ("reviewed", "Oldest review first"),
                ("text", "Claim text, A to Z"),
                ("-text", "Claim text, Z to A"),
            ],
        ),
        (
            "answers:question-list",
            [("", "Question, A to Z"), ("-captured", "Newest capture first"), ("captured", "Oldest capture first")],
        ),
        (
            "events:event-list",
            [("", "Earliest first"), ("-date", "Latest first"), ("name", "Name, A to Z"), ("-name", "Name, Z to A")],
        ),
    ],
)
def test_each_list_offers_its_orders_in_plain_english_once_each(client, name, expected):
    assert ordering_options(client.get(reverse(name)).content.decode()) == expected


@pytest.mark.parametrize(
    "name, value", [(name, value) for name, filterset in LISTS.items() for value in ["", *filterset.ORDERINGS]]
)
def test_every_ordering_value_lists_every_item_without_a_form_error(client, loaded_fixtures, name, value):
    plain = client.get(reverse(name)).context["paginator"]
    response = client.get(reverse(name), {"ordering": value})
    assert response.status_code == 200 and not response.context["filter"].form.errors
    assert response.context["paginator"].count == plain.count > 0


def test_the_default_orders_are_still_accepted_by_name_for_old_links(client, loaded_fixtures):
    claims = client.get(reverse("answers:claim-list"), {"ordering": "question"}).context["page_obj"].object_list
    assert list(claims) == list(client.get(reverse("answers:claim-list")).context["page_obj"].object_list)
    events = client.get(reverse("events:event-list"), {"ordering": "date"}).context["page_obj"].object_list
    assert list(events) == list(client.get(reverse("events:event-list")).context["page_obj"].object_list)


def test_events_read_latest_first_and_by_name_either_way(client, loaded_fixtures):
    def names(ordering):
        page = client.get(reverse("events:event-list"), {"ordering": ordering}).context["page_obj"]
        return [(event.start_date, event.name) for event in page.object_list]

    earliest = names("")
    assert earliest == sorted(earliest)
    assert [date for date, _ in names("-date")] == sorted((date for date, _ in earliest), reverse=True)
    assert [name for _, name in names("-name")] == sorted((name for _, name in earliest), reverse=True)


def test_an_unknown_ordering_is_a_form_error_not_a_failure(client, loaded_fixtures):
    for name in LISTS:
        response = client.get(reverse(name), {"ordering": "date,name"})
        assert response.status_code == 200 and "ordering" in response.context["filter"].form.errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL ranks searches; SQLite lists them in order")
def test_a_ranked_search_offers_best_match_first_as_its_default_order(client, loaded_fixtures):
    options = ordering_options(client.get(reverse("answers:claim-list"), {"q": "treaty"}).content.decode())
    assert options[0] == ("", "Best match first")


def test_the_api_s_claim_search_has_no_ordering_to_label_and_answers(client, loaded_fixtures):
    response = client.get(reverse("api:claim-list"), {"q": "treaty"})
    assert response.status_code == 200 and response.json()["results"]
