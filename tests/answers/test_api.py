"""The JSON API's claims, questions, authors and verdicts: public ones only, filtered and paged by cursor."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from answers.models import Author, ClaimListing, Listing, Question, Verdict, refresh_listings
from bench.data import Builder
from config.api import CursorPagination
from tests.conftest import submitted_revision

pytestmark = pytest.mark.django_db

CLAIMS = reverse("api:claim-list")


@contextmanager
def bench_claims(size):
    """Add `size` synthetic claims (bench/data.py) with their listings; take them away again on leaving."""
    with transaction.atomic():
        Builder(size, log=lambda line: None).build()
        refresh_listings()
        yield
        transaction.set_rollback(True)


def walk(client, url, **params):
    """Return every object of a list, following its next links from the first page; and the number of pages."""
    results, pages, response = [], 0, client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        pages += 1
        if not body["next"]:
            return results, pages
        response = client.get(body["next"])


def test_the_claims_are_those_on_the_claim_list_each_with_its_published_verdict(client, loaded_fixtures):
    claims, _ = walk(client, CLAIMS)
    listed = ClaimListing.objects.listed()
    assert sorted(claim["id"] for claim in claims) == sorted(listed.values_list("claim_id", flat=True))
    reviewed = next(claim for claim in claims if claim["verdict"])
    listing = listed.get(claim_id=reviewed["id"])
    revision = listing.published_revision
    assert reviewed["url"] == f"{settings.FACTLINE_SITE_URL}/claims/{listing.claim_id}/"
    assert reviewed["verdict"] == {
        "slug": listing.verdict.slug,
        "label": listing.verdict.label,
        "rating_value": listing.verdict.rating_value,
    }
    assert (reviewed["text_reviewed"], reviewed["rationale"]) == (revision.claim_text, revision.rationale)
    assert reviewed["question"]["slug"] == listing.question.slug
    assert reviewed["answer"]["author"]["name"] == listing.author.name
    assert [event["slug"] for event in reviewed["evidence"]] == [event.slug for event in revision.evidence.all()]


def test_a_claim_not_yet_reviewed_has_no_verdict(client, claim):
    found = client.get(reverse("api:claim-detail", args=[claim.pk])).json()
    assert (found["text"], found["verdict"], found["rationale"], found["evidence"]) == (claim.exact, None, None, [])


def test_a_claim_is_found_by_its_id_and_a_hidden_one_is_not(client, loaded_fixtures):
    listing = ClaimListing.objects.listed().first()
    assert client.get(reverse("api:claim-detail", args=[listing.claim_id])).json()["id"] == listing.claim_id
    assert client.get(reverse("api:claim-detail", args=[10**9])).status_code == 404


def test_the_claim_filters_of_the_claim_list_narrow_the_claims(client, loaded_fixtures):
    verdict = Verdict.objects.get(slug="inaccurate")
    claims, _ = walk(client, CLAIMS, verdict="inaccurate")
    assert claims and {claim["verdict"]["slug"] for claim in claims} == {"inaccurate"}
    assert len(claims) == ClaimListing.objects.listed().filter(verdict=verdict).count()
    author = Author.objects.live().first()
    claims, _ = walk(client, CLAIMS, author=author.name, status="reviewed")
    assert claims and all(claim["answer"]["author"]["slug"] == author.slug and claim["verdict"] for claim in claims)


def test_claims_no_longer_in_their_answer_are_listed_only_when_asked_for(client, claim, editor, reviewer):
    claim.orphan()
    claim.save()
    refresh_listings([claim])
    assert claim.pk not in [found["id"] for found in walk(client, CLAIMS)[0]]
    orphaned, _ = walk(client, CLAIMS, status="orphaned")
    assert [(found["id"], found["status"]) for found in orphaned] == [(claim.pk, Listing.ORPHANED)]


@pytest.mark.parametrize(
    "query",
    [
        {"verdict": "no-such-verdict"},
        {"author": "Nobody At All"},
        {"reviewed_after": "2021-13-45"},
        {"reviewed_after": "2024-02-01", "reviewed_before": "2024-01-01"},
        {"status": "lost"},
        {"q": "x" * 201},
    ],
)
def test_a_bad_filter_value_is_a_400_that_names_the_field(client, loaded_fixtures, query):
    response = client.get(CLAIMS, query)
    assert response.status_code == 400
    assert set(response.json()) == {list(query)[-1]}


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(CursorPagination, "page_size", 5)


def test_cursor_pages_walk_every_claim_once_linked_on_the_sites_origin(client, loaded_fixtures, small_pages, settings):
    settings.FACTLINE_SITE_URL = "https://factline.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "factline.example.org", "other.example.org"]
    first = client.get(CLAIMS, HTTP_HOST="other.example.org").json()
    assert first["next"].startswith("https://factline.example.org/api/v1/claims/?cursor=")
    assert first["results"][0]["url"].startswith("https://factline.example.org/claims/")
    claims, pages = walk(client, CLAIMS)
    assert pages > 1 and len(claims) == len({claim["id"] for claim in claims})


def test_a_cursor_keeps_the_filters_it_was_made_with(client, loaded_fixtures, small_pages):
    first = client.get(CLAIMS, {"status": "reviewed"}).json()
    assert "status=reviewed" in first["next"]


@pytest.mark.parametrize("cursor", ["garbage", "cD1hYmM=", "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "cD0lMDA=", "é"])
def test_a_cursor_no_page_wrote_is_not_found(client, loaded_fixtures, cursor):
    # Not base64; p=abc; p=a number too large for the database; p=NUL; not ASCII.
    client.raise_request_exception = False
    assert client.get(CLAIMS, {"cursor": cursor}).status_code == 404


def test_the_questions_authors_and_verdicts_are_the_published_ones(client, loaded_fixtures, editor):
    Author.objects.create(name="A Draft Author", slug="a-draft-author")
    for name, queryset, key in (
        ("api:question-list", Question.objects.live(), "slug"),
        ("api:author-list", Author.objects.live(), "slug"),
        ("api:verdict-list", Verdict.objects.live(), "slug"),
    ):
        found, _ = walk(client, reverse(name))
        assert sorted(item[key] for item in found) == sorted(queryset.values_list(key, flat=True)), name
    assert client.get(reverse("api:author-detail", args=["a-draft-author"])).status_code == 404


def test_a_verdict_that_does_not_rate_truth_has_no_rating_value(client, loaded_fixtures):
    verdicts = {verdict["slug"]: verdict for verdict in walk(client, reverse("api:verdict-list"))[0]}
    assert verdicts["opinion"]["rating_value"] is None and verdicts["accurate"]["rating_value"] == 5


def test_a_question_lists_its_published_answers(client, loaded_fixtures):
    question = Question.objects.live().first()
    found = client.get(reverse("api:question-detail", args=[question.slug])).json()
    assert [answer["position"] for answer in found["answers"]] == list(
        question.answers.live().order_by("position").values_list("position", flat=True)
    )


def test_questions_are_filtered_as_the_question_list_is(client, loaded_fixtures):
    assert walk(client, reverse("api:question-list"), q="zzzz-not-a-word")[0] == []
    assert client.get(reverse("api:question-list"), {"author": "Nobody At All"}).status_code == 400


def claim_page_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CLAIMS, {"status": "reviewed"})
    assert response.status_code == 200 and len(response.json()["results"]) == 50
    return len(queries)


def test_a_page_of_claims_takes_the_same_queries_whatever_the_number_of_claims(client, loaded_fixtures):
    counts = []
    for size in (100, 1000):
        with bench_claims(size):
            counts.append(claim_page_queries(client))
    # The page, then the evidence and the sources of its published revisions.
    assert counts == [3, 3]


def test_anonymous_readers_and_staff_get_the_same_claims(client, claim, editor):
    submitted_revision(claim, editor, rationale="SUBMITTED-ONLY rationale.")
    anonymous = client.get(CLAIMS).content
    client.force_login(editor)
    assert client.get(CLAIMS).content == anonymous
    assert b"SUBMITTED-ONLY" not in anonymous
