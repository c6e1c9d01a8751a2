"""The admin claim list: verdict, review state and timeline-check columns, their filters, and the anchor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from answers import review
from answers.models import Annotation, Claim, ReviewState, Verdict, refresh_listings
from tests.conftest import import_published

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:answers_claim_changelist"


def listed(client, **query):
    response = client.get(reverse(CHANGELIST), query)
    assert response.status_code == 200
    return response


def listed_ids(client, **query):
    return {claim.pk for claim in listed(client, **query).context["cl"].result_list}


FOUR_CLAIMS = (
    "Who signed the Treaty of Kars?\n\naccount_box\nAlgo Rhythmia\na year ago\n\n"
    "The treaty was signed in 1921. It was signed in Kars. Turkey signed it. Three Soviet republics signed it.\n"
)


@pytest.fixture
def unassessed(loaded_fixtures, write_document):
    """Return four new claims that nobody has assessed yet."""
    import_published([write_document("kars.txt", FOUR_CLAIMS)])
    claims = list(Claim.objects.filter(annotations__isnull=True).order_by("pk"))
    assert len(claims) == 4
    return claims


def unassessed_claim():
    return Claim.objects.filter(annotations__isnull=True).order_by("pk").first()


def draft_of(claim, editor, rationale="The dates are right."):
    draft = review.start_revision(claim, editor)
    draft.verdict, draft.rationale = Verdict.objects.get(slug="accurate"), rationale
    draft.save()
    return draft


@pytest.fixture
def states(unassessed, editor, reviewer):
    """One claim in each review state, by state."""
    free = unassessed
    published = Claim.objects.filter(annotations__status=Annotation.Status.PUBLISHED).order_by("pk")
    drafted = free[0]
    draft_of(drafted, editor)
    submitted = free[1]
    review.submit(draft_of(submitted, editor), editor)
    rejected = free[2]
    review.reject(review.submit(draft_of(rejected, editor), editor), reviewer, "Which dates?")
    reworded = published[0]
    Claim.objects.filter(pk=reworded.pk).update(exact=reworded.exact + " ")
    refresh_listings([reworded])
    return {
        ReviewState.NEEDS_VERDICT: free[3],
        ReviewState.DRAFT: drafted,
        ReviewState.UNDER_REVIEW: submitted,
        ReviewState.RETURNED: rejected,
        ReviewState.WORDING_CHANGED: reworded,
        ReviewState.PUBLISHED: published[1],
    }


@pytest.mark.parametrize("state", ReviewState.values)
def test_the_review_state_filter_lists_the_claims_in_that_state(admin_client, states, state):
    ids = listed_ids(admin_client, review=state)
    assert states[state].pk in ids
    assert not ids & {claim.pk for other, claim in states.items() if other != state}


def test_each_claim_shows_its_review_state(admin_client, states):
    shown = {claim.pk: claim.review_state for claim in listed(admin_client).context["cl"].result_list}
    assert {state: shown[claim.pk] for state, claim in states.items()} == {state: state for state in states}


def test_the_verdict_filter_lists_the_claims_published_with_that_verdict(admin_client, loaded_fixtures):
    inaccurate = set(
        Annotation.objects.published().filter(verdict__slug="inaccurate").values_list("claim_id", flat=True)
    )
    assert inaccurate and listed_ids(admin_client, verdict="inaccurate") == inaccurate


def test_the_verdict_filter_finds_claims_without_a_published_verdict(admin_client, unassessed):
    assert unassessed_claim().pk in listed_ids(admin_client, verdict="none")
    published = set(Annotation.objects.published().values_list("claim_id", flat=True))
    assert not listed_ids(admin_client, verdict="none") & published


def test_the_list_shows_the_published_verdict_and_the_timeline_check(admin_client, loaded_fixtures):
    revision = Annotation.objects.published().select_related("verdict", "claim__timeline_check").first()
    response = listed(admin_client, q=revision.claim.exact[:40])
    text = response.content.decode()
    assert revision.verdict.label in text
    assert revision.claim.timeline_check.get_result_display() in text


def test_only_orphaned_claims_are_marked_orphaned(admin_client, loaded_fixtures):
    claim = Claim.objects.order_by("pk").first()
    claim.orphan()
    claim.save()
    refresh_listings([claim])
    response = listed(admin_client)
    rows = response.content.decode().split("<tr")
    marked = [row for row in rows if "Orphaned</strong>" in row]
    assert len(marked) == 1 and f"/admin/answers/claim/{claim.pk}/change/" in marked[0]
    assert "icon-yes.svg" not in response.content.decode() and "icon-no.svg" not in response.content.decode()


def test_the_anchor_filter_lists_orphaned_claims(admin_client, loaded_fixtures):
    claim = Claim.objects.order_by("pk").first()
    claim.orphan()
    claim.save()
    refresh_listings([claim])
    assert listed_ids(admin_client, anchor="orphaned") == {claim.pk}
    assert claim.pk not in listed_ids(admin_client, anchor="anchored")


def test_the_list_takes_as_many_queries_however_many_claims_it_shows(admin_client, states):
    def count_queries(**query):
        listed(admin_client, **query)  # warm the session and the content types
        with CaptureQueriesContext(connection) as queries:
            response = listed(admin_client, **query)
        return len(queries), len(response.context["cl"].result_list)

    few, shown_few = count_queries(review=ReviewState.DRAFT)
    many, shown_many = count_queries()
    assert shown_many > shown_few
    assert few == many


def test_a_claims_page_says_whether_it_stands_in_the_text(admin_client, loaded_fixtures):
    claim = Claim.objects.order_by("pk").first()
    url = reverse("admin:answers_claim_change", args=[claim.pk])
    assert "In the answer&#x27;s text." in admin_client.get(url).content.decode()
    claim.orphan()
    claim.save()
    refresh_listings([claim])
    assert "Orphaned</strong>" in admin_client.get(url).content.decode()


def test_a_draft_sent_back_with_a_request_for_changes_counts_as_returned(admin_client, unassessed, editor, reviewer):
    claim = unassessed[0]
    review.request_changes(review.submit(draft_of(claim, editor), editor), reviewer, "Give the day as well.")
    assert claim.pk in listed_ids(admin_client, review=ReviewState.RETURNED)
    assert claim.pk not in listed_ids(admin_client, review=ReviewState.DRAFT)
