"""The whole-page cache: what is kept, what retires it, the headers pages carry, and who never gets a cached page."""

import os
import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import http_date

from answers import review
from answers.models import Claim, Question, Verdict
from config import cache as page_cache
from config.proposals import workflow
from events.models import Event
from tests.conftest import approve_pending, submitted_revision

# Each write commits, as in production: the cache learns of a change only when it commits.
pytestmark = pytest.mark.django_db(transaction=True)

CLAIM = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.FACTLINE_PAGE_CACHE = True
    settings.FACTLINE_PAGE_MAX_AGE = 60


@pytest.fixture
def claim(loaded_fixtures):
    return Claim.objects.get(exact=CLAIM)


def generation():
    return page_cache.current_generation().number


def directives(response):
    return {directive.strip() for directive in response["Cache-Control"].split(",")}


def test_a_public_page_is_kept_and_served_from_the_cache(client, loaded_fixtures):
    first = client.get("/claims/")
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    # A write that sends no signal, so the cache cannot know: the page is still the one kept.
    Verdict.objects.filter(slug="fabricated").update(label="Made up entirely")
    second = client.get("/claims/")
    assert (second.status_code, second["X-Cache"]) == (200, "hit")
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert "Made up entirely" not in second.content.decode()


def test_bulk_writers_retire_the_cached_pages_with_public_content_changed(client, loaded_fixtures):
    client.get("/claims/")
    with transaction.atomic():
        Verdict.objects.filter(slug="fabricated").update(label="Made up entirely")
        page_cache.public_content_changed()
    response = client.get("/claims/")
    assert response["X-Cache"] == "miss"
    assert "Made up entirely" in response.content.decode()


def test_approving_a_revision_changes_the_cached_claim_page_on_the_next_request(client, claim, editor, reviewer):
    url = claim.get_absolute_url()
    with transaction.atomic():
        revision = submitted_revision(claim, editor, verdict="fabricated", rationale="Written for the cache test.")
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    assert "Written for the cache test." not in client.get(url).content.decode()

    with transaction.atomic():
        review.approve(revision, reviewer)
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "Written for the cache test." in response.content.decode()


def test_an_approved_change_to_published_content_changes_the_cached_page(client, loaded_fixtures, editor, reviewer):
    question = Question.objects.get(slug=Claim.objects.get(exact=CLAIM).answer.question.slug)
    url = question.get_absolute_url()
    with transaction.atomic():
        proposal = workflow.propose_change(question, editor, {"text": "A question reworded for the cache test?"})
    assert client.get(url)["X-Cache"] == "miss"
    assert "A question reworded for the cache test?" not in client.get(url).content.decode()  # only proposed
    with transaction.atomic():
        workflow.approve(proposal, reviewer)
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "A question reworded for the cache test?" in response.content.decode()


def test_a_timeline_change_changes_the_cached_timeline(client, loaded_fixtures, editor, reviewer):
    event = Event.objects.get(slug="treaty-of-kars")
    client.get("/events/")
    with transaction.atomic():
        workflow.propose_change(event, editor, {"name": "Treaty of Kars, renamed for the cache test"})
        approve_pending(event, reviewer)
    response = client.get("/events/")
    assert response["X-Cache"] == "miss"
    assert "Treaty of Kars, renamed for the cache test" in response.content.decode()


def test_a_change_that_rolls_back_keeps_the_cached_pages(loaded_fixtures):
    before = generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        Event.objects.get(slug="treaty-of-kars").save()
        raise RuntimeError("rolled back")
    assert generation() == before


def test_a_change_rolled_back_to_a_savepoint_counts_only_if_another_commits(loaded_fixtures):
    before = generation()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            Event.objects.get(slug="treaty-of-kars").save()
            raise RuntimeError("rolled back to the savepoint")
        Event.objects.get(slug="treaty-of-lausanne").save()
    assert generation() == before + 1


def test_many_writes_in_one_transaction_start_one_generation(claim, editor):
    before = generation()
    with transaction.atomic():
        submitted_revision(claim, editor)  # a draft, its evidence and sources, its submission
        Event.objects.get(slug="treaty-of-kars").save()
    assert generation() == before + 1


def test_the_timeline_check_is_not_public_and_starts_no_generation(claim):
    from answers.models.checks import recheck

    before = generation()
    recheck([claim], index=True)
    assert generation() == before


def test_logging_in_starts_no_generation_but_renaming_a_user_does(editor, client):
    before = generation()
    client.post("/admin/login/", {"username": "alice", "password": "a-long-test-password"})
    assert "_auth_user_id" in client.session
    assert generation() == before
    editor.first_name = "Alice"
    editor.save()
    assert generation() == before + 1


def test_each_generation_is_new_and_starts_later_than_the_previous(loaded_fixtures):
    first = page_cache._start_generation()
    second = page_cache._start_generation()
    assert second.number > first.number and second.started > first.started
    assert page_cache.current_generation() == second


def test_a_lost_counter_starts_again_above_every_number_given_out(loaded_fixtures):
    given = page_cache._start_generation()
    cache.delete(page_cache.COUNTER_KEY)
    assert page_cache._start_generation().number > given.number


def test_a_conditional_get_is_answered_304_from_the_cache_and_without_it(client, settings, loaded_fixtures):
    for cached in (True, False):
        settings.FACTLINE_PAGE_CACHE = cached
        page = client.get("/questions/")
        assert page["ETag"] and page["Last-Modified"]
        again = client.get("/questions/", HTTP_IF_NONE_MATCH=page["ETag"])
        assert (again.status_code, again.content) == (304, b"")
        assert again["ETag"] == page["ETag"]
        since = client.get("/questions/", HTTP_IF_MODIFIED_SINCE=page["Last-Modified"])
        assert since.status_code == 304
        assert client.get("/questions/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_after_a_change_the_old_validators_get_the_new_page(client, loaded_fixtures):
    page = client.get("/questions/")
    with transaction.atomic():
        page_cache.public_content_changed()
    since = client.get("/questions/", HTTP_IF_MODIFIED_SINCE=page["Last-Modified"])
    assert since.status_code == 200  # Last-Modified moved on, by a second at least
    assert since["Last-Modified"] != page["Last-Modified"]


def test_the_etag_is_a_hash_of_the_page_and_last_modified_the_generation(client, loaded_fixtures):
    response = client.get("/")
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    assert response["Last-Modified"] == http_date(page_cache.current_generation().started)


def test_public_pages_may_be_kept_briefly_by_a_cdn_and_are_revalidated_by_browsers(client, settings, loaded_fixtures):
    settings.FACTLINE_PAGE_MAX_AGE = 120
    response = client.get("/events/")
    assert directives(response) == {"public", "max-age=0", "s-maxage=120"}
    assert "Cookie" in response["Vary"]


def test_the_query_string_is_keyed_in_one_order(client, loaded_fixtures):
    assert client.get("/claims/?verdict=fabricated&ordering=-reviewed")["X-Cache"] == "miss"
    assert client.get("/claims/?ordering=-reviewed&verdict=fabricated")["X-Cache"] == "hit"
    assert client.get("/claims/?ordering=reviewed&verdict=fabricated")["X-Cache"] == "miss"


def test_a_head_request_is_answered_from_the_cache(client, loaded_fixtures):
    client.get("/questions/")
    assert client.head("/questions/")["X-Cache"] == "hit"


def test_only_whole_pages_are_kept_not_errors_or_redirects(client, loaded_fixtures):
    for url in ("/no-such-page/", "/claims/999999/", "/questions"):
        first, second = client.get(url), client.get(url)
        assert first.status_code in (301, 404) and second.status_code == first.status_code
        assert "X-Cache" not in second


def test_posts_are_never_served_from_the_cache(client, loaded_fixtures):
    client.get("/claims/")
    assert "X-Cache" not in client.post("/claims/")


def test_a_logged_in_persons_page_never_reaches_anonymous_readers(client, loaded_fixtures, editor):
    staff = type(client)()
    staff.force_login(editor)
    theirs = staff.get("/claims/")
    assert "Admin (alice)" in theirs.content.decode() and 'href="/admin/"' in theirs.content.decode()
    assert "X-Cache" not in theirs
    assert "no-store" in theirs["Cache-Control"] and "private" in theirs["Cache-Control"]

    anonymous = client.get("/claims/")
    assert anonymous["X-Cache"] == "miss"
    content = anonymous.content.decode()
    assert "alice" not in content and 'href="/admin/"' not in content
    assert client.get("/claims/")["X-Cache"] == "hit"


def test_a_logged_in_person_never_gets_the_anonymous_page(client, loaded_fixtures, editor):
    assert client.get("/claims/")["X-Cache"] == "miss"
    assert client.get("/claims/")["X-Cache"] == "hit"
    client.force_login(editor)
    response = client.get("/claims/")
    assert "X-Cache" not in response
    assert "Admin (alice)" in response.content.decode()


def test_admin_pages_are_never_cached(client, editor):
    for _ in range(2):
        response = client.get("/admin/login/")
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert "X-Cache" not in response and "no-store" in response["Cache-Control"]


def test_a_page_that_sets_a_cookie_or_varies_by_more_is_not_kept():
    request = RequestFactory().get("/")
    assert page_cache.is_storable(request, HttpResponse("page"))
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "x")
    assert not page_cache.is_storable(request, with_cookie)
    assert not page_cache.is_storable(request, HttpResponse("page", headers={"Vary": "Accept-Language"}))
    assert page_cache.is_storable(request, HttpResponse("page", headers={"Vary": "Cookie"}))
    assert not page_cache.is_storable(RequestFactory().head("/"), HttpResponse("page"))


def test_a_page_marked_private_is_not_kept():
    assert not page_cache.is_public_page(HttpResponse("page", headers={"Cache-Control": "private"}))
    assert not page_cache.is_public_page(HttpResponse("page", headers={"Cache-Control": "max-age=0, no-store"}))
    assert page_cache.is_public_page(HttpResponse("page", headers={"Cache-Control": "public, max-age=5"}))


def test_pages_are_served_when_the_cache_is_unreachable(client, loaded_fixtures, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(page_cache.cache, "get", unreachable)
    monkeypatch.setattr(page_cache.cache, "set", unreachable)
    response = client.get("/claims/")
    assert response.status_code == 200
    assert "X-Cache" not in response and response["ETag"]


def test_a_change_is_committed_when_the_cache_cannot_be_told(claim, editor, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(page_cache.cache, "incr", unreachable)
    with transaction.atomic():
        revision = submitted_revision(claim, editor)
    assert revision.status == "submitted"


def test_pages_are_served_with_a_cache_that_keeps_nothing(client, settings, loaded_fixtures):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    from django.core.cache import caches

    caches.close_all()
    for _ in range(2):
        response = client.get("/claims/")
        assert response.status_code == 200 and "X-Cache" not in response


@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis: run under .ci/with-redis (make test-postgres)"
)
def test_pages_and_the_generation_live_in_redis(client, loaded_fixtures):
    import redis

    client.get("/claims/")
    keys = redis.Redis.from_url(os.environ["REDIS_URL"]).keys("*")
    names = {key.decode() for key in keys}
    assert {cache.make_key(page_cache.GENERATION_KEY), cache.make_key(page_cache.COUNTER_KEY)} <= names
    page = cache.make_key(f"factline:page:{generation()}:")
    assert any(name.startswith(page) for name in names)


def test_the_verdict_colours_are_a_versioned_style_sheet(client, loaded_fixtures):
    page = client.get("/").content.decode()
    link = re.search(r'<link rel="stylesheet" href="(/verdicts\.css\?v=[0-9a-f]{16})">', page).group(1)
    sheet = client.get(link)
    assert sheet["Content-Type"] == "text/css; charset=utf-8"
    assert directives(sheet) == {"public", "max-age=31536000", "immutable"}
    verdict = Verdict.objects.get(slug="fabricated")
    assert f".verdict-colour-{verdict.pk}{{--verdict:{verdict.colour}}}" in sheet.content.decode()

    with transaction.atomic():
        verdict.colour = "#123456"
        verdict.save()
    new_link = re.search(r'href="(/verdicts\.css\?v=[0-9a-f]{16})"', client.get("/").content.decode()).group(1)
    assert new_link != link
    assert f".verdict-colour-{verdict.pk}{{--verdict:#123456}}" in client.get(new_link).content.decode()
    # The old version's URL gets the colours of today, kept only briefly.
    assert directives(client.get(link)) == {"public", "max-age=0", "s-maxage=60"}


def test_a_colour_that_is_not_a_colour_never_reaches_the_style_sheet(client, loaded_fixtures):
    Verdict.objects.filter(slug="fabricated").update(colour="red}a{x")  # as long as a colour may be
    sheet = client.get("/verdicts.css").content.decode()
    assert "}a{" not in sheet and sheet.count("--verdict") == Verdict.objects.count() - 1
