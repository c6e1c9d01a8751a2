"""The Web Annotation Protocol, read-only: each MUST for GET, HEAD and OPTIONS, paging, Prefer and Accept."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answers import webannotations
from answers.models import Annotation, Claim, Question
from tests.answers.test_public_pages import grow_tenfold, seed_question
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db

SITE = reverse("answers:annotation-container")
JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
LDP = "http://www.w3.org/ns/ldp#"
MINIMAL = 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"'
IRIS = 'return=representation; include="http://www.w3.org/ns/oa#PreferContainedIRIs"'
WRITING = ("post", "put", "patch", "delete")
FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


def links(response):
    """Return {(target, rel)} of the response's Link header."""
    return set(re.findall(r'<([^>]+)>\s*;\s*rel="([^"]+)"', response.get("Link", "")))


def methods(response):
    return {method.strip() for method in response["Allow"].split(",")}


def varies(response):
    return {header.strip().lower() for header in response.get("Vary", "").split(",")}


def annotation_url():
    return reverse("answers:annotation-detail", args=[Annotation.objects.published().first().pk])


def question_container():
    return reverse("answers:question-annotations", args=[seed_question().slug])


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(webannotations, "PAGE_SIZE", 5)


@pytest.mark.parametrize("url", [SITE, "question"])
def test_a_container_answers_get_with_the_protocols_headers(client, loaded_fixtures, url):
    url = question_container() if url == "question" else url
    assert url.endswith("/")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == JSON_LD
    assert {"GET", "HEAD", "OPTIONS"} <= methods(response) and not methods(response) & {"POST", "PUT", "DELETE"}
    assert {"accept", "prefer"} <= varies(response)
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    assert {
        (LDP + "BasicContainer", "type"),
        (LDP + "Resource", "type"),
        ("http://www.w3.org/TR/annotation-protocol/", LDP + "constrainedBy"),
    } <= links(response)
    document = json.loads(response.content)
    assert response["Content-Location"] == document["id"] == f"https://localhost{url}?iris=0"
    assert {"BasicContainer", "AnnotationCollection"} <= set(document["type"])
    assert document["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert document["first"]["type"] == "AnnotationPage" and document["total"] > 0


def test_an_annotation_answers_get_with_the_protocols_headers(client, loaded_fixtures):
    response = client.get(annotation_url())
    assert response.status_code == 200
    assert response["Content-Type"] == JSON_LD
    assert methods(response) == {"GET", "HEAD", "OPTIONS"}
    assert "accept" in varies(response) and response["ETag"]
    assert (LDP + "Resource", "type") in links(response)
    assert response["Content-Location"] == json.loads(response.content)["id"] == "https://localhost" + annotation_url()


@pytest.mark.parametrize("target", ["site", "question", "annotation", "page"])
def test_head_and_options_answer_200_with_the_headers_of_get(client, loaded_fixtures, target):
    url = {"site": SITE, "question": question_container(), "annotation": annotation_url(), "page": SITE + "?page=0"}
    get, head = client.get(url[target]), client.head(url[target])
    assert head.status_code == 200 and head.content == b""
    for header in ("Content-Type", "ETag", "Allow", "Vary", "Link", "Content-Location"):
        assert head.get(header) == get.get(header), header
    assert int(head["Content-Length"]) == len(get.content)
    options = client.options(url[target])
    assert options.status_code == 200
    assert methods(options) == {"GET", "HEAD", "OPTIONS"} and options["Link"] == get["Link"]
    assert "Prefer" in options["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("method", WRITING)
@pytest.mark.parametrize("target", ["site", "question", "annotation", "page"])
def test_writing_methods_are_answered_405_with_allow(client, loaded_fixtures, target, method):
    url = {"site": SITE, "question": question_container(), "annotation": annotation_url(), "page": SITE + "?page=0"}
    before = Annotation.objects.count()
    body = json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "target": "x:y"})
    response = getattr(client, method)(url[target], body, content_type=JSON_LD)
    assert response.status_code == 405
    assert methods(response) == {"GET", "HEAD", "OPTIONS"}
    assert Annotation.objects.count() == before


def test_writing_is_refused_to_a_logged_in_editor_too(client, loaded_fixtures, editor):
    client.force_login(editor)
    assert client.post(SITE, "{}", content_type=JSON_LD).status_code == 405
    assert client.delete(annotation_url()).status_code == 405


def test_pages_link_first_to_last_and_back_and_say_where_they_start(client, loaded_fixtures, small_pages):
    container = json.loads(client.get(SITE).content)
    total = container["total"]
    assert total == Claim.objects.public().filter(annotations__status="published").count() > 10
    assert container["last"] == f"https://localhost{SITE}?iris=0&page={(total - 1) // 5}"
    assert "prev" not in container["first"] and container["first"]["startIndex"] == 0
    page, seen, previous = json.loads(client.get(container["first"]["id"]).content), [], None
    while True:
        assert page["partOf"]["id"] == container["id"] and page["partOf"]["total"] == total
        assert page["startIndex"] == len(seen)
        assert page.get("prev") == previous
        assert client.get(page["id"])["Content-Location"] == page["id"]
        seen += [item["id"] for item in page["items"]]
        if "next" not in page:
            break
        previous, page = page["id"], json.loads(client.get(page["next"]).content)
    assert page["id"] == container["last"] and len(seen) == len(set(seen)) == total
    assert container["first"]["items"] == json.loads(client.get(container["first"]["id"]).content)["items"]


def test_an_empty_container_has_one_empty_page(client, db):
    container = json.loads(client.get(SITE).content)
    assert container["total"] == 0 and container["first"]["items"] == []
    assert container["last"] == container["first"]["id"]
    assert client.get(SITE + "?page=1").status_code == 404


@pytest.mark.parametrize(
    "query, status",
    [
        ("?page=-1", 400),
        ("?page=x", 400),
        ("?page=1.5", 400),
        ("?page=" + "9" * 5000, 400),
        ("?page=%EF%BC%91", 400),  # a full-width digit
        ("?page=999999", 404),
        ("?iris=2", 400),
        ("?iris=&page=0", 400),
        ("?iris=1&page=1&page=0", 200),
        ("?iris=1&unknown=1", 200),
    ],
)
def test_a_page_that_does_not_exist_is_a_client_error(client, loaded_fixtures, query, status):
    assert client.get(SITE + query).status_code == status
    assert client.get(question_container() + query).status_code == status


HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=80)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url=st.sampled_from([SITE, "/annotations/1", "/annotations/999999999999999999999", "/questions/x/annotations/"]),
    params=st.lists(st.tuples(st.sampled_from(["page", "iris", "q"]), st.text(max_size=12)), max_size=4),
    prefer=HEADER_TEXT,
    accept=HEADER_TEXT,
    etag=HEADER_TEXT,
)
def test_no_query_string_or_header_is_a_server_error(client, loaded_fixtures, url, params, prefer, accept, etag):
    headers = {"Prefer": prefer, "Accept": accept, "If-None-Match": etag}
    assert client.get(url, params, headers=headers).status_code < 500


def test_a_container_of_an_unknown_question_does_not_exist(client, loaded_fixtures):
    assert client.get(reverse("answers:question-annotations", args=["no-such-question"])).status_code == 404


def test_prefer_minimal_container_links_the_first_and_last_pages_only(client, loaded_fixtures):
    response = client.get(SITE, headers={"Prefer": MINIMAL})
    document = json.loads(response.content)
    assert document["first"] == f"https://localhost{SITE}?iris=0&page=0" and isinstance(document["last"], str)
    assert "items" not in json.dumps(document) and document["total"] > 0
    assert response["Preference-Applied"] == "return=representation"
    assert response["ETag"] != client.get(SITE)["ETag"]


def test_prefer_contained_iris_lists_the_annotations_iris(client, loaded_fixtures):
    response = client.get(SITE, headers={"Prefer": IRIS})
    document = json.loads(response.content)
    assert response["Content-Location"] == document["id"] == f"https://localhost{SITE}?iris=1"
    assert all(
        isinstance(item, str) and item.startswith("https://localhost/annotations/")
        for item in document["first"]["items"]
    )
    descriptions = json.loads(client.get(SITE).content)["first"]["items"]
    assert document["first"]["items"] == [item["id"] for item in descriptions]
    both = IRIS[:-1] + ' http://www.w3.org/ns/oa#PreferContainedDescriptions"'
    assert isinstance(json.loads(client.get(SITE, headers={"Prefer": both}).content)["first"]["items"][0], dict)
    minimal_iris = MINIMAL[:-1] + ' http://www.w3.org/ns/oa#PreferContainedIRIs"'
    minimal = json.loads(client.get(SITE, headers={"Prefer": minimal_iris}).content)
    assert minimal["first"] == f"https://localhost{SITE}?iris=1&page=0"


@pytest.mark.parametrize(
    "prefer",
    [
        "",
        "respond-async",
        "return=minimal",
        'return=representation; include="',
        "return=representation;;include=x",
        '\x7f;="',
    ],
)
def test_other_or_malformed_preferences_get_the_default(client, loaded_fixtures, prefer):
    response = client.get(SITE, headers={"Prefer": prefer})
    assert response.status_code == 200
    assert isinstance(json.loads(response.content)["first"]["items"][0], dict)
    assert not response.has_header("Preference-Applied")


@pytest.mark.parametrize(
    "accept, content_type",
    [
        (None, JSON_LD),
        ("*/*", JSON_LD),
        (JSON_LD, JSON_LD),
        ("application/ld+json", JSON_LD),
        ('application/ld+json; profile="http://www.w3.org/ns/ldp.jsonld"', JSON_LD),
        ("application/json", "application/json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", JSON_LD),
        ("application/ld+json;q=0, application/json", "application/json"),
    ],
)
def test_content_negotiation_serves_json_ld_with_the_profile_or_plain_json(
    client, loaded_fixtures, accept, content_type
):
    headers = {"Accept": accept} if accept is not None else {}
    for url in (SITE, annotation_url(), SITE + "?page=0"):
        response = client.get(url, headers=headers)
        assert response.status_code == 200 and response["Content-Type"] == content_type, url
        assert json.loads(response.content)["id"]


@pytest.mark.parametrize("accept", ["text/html", "text/turtle", "application/json;q=0", "image/*, text/plain"])
def test_a_client_that_accepts_no_json_is_answered_406(client, loaded_fixtures, accept):
    for url in (SITE, annotation_url()):
        response = client.get(url, headers={"Accept": accept})
        assert response.status_code == 406 and "accept" in varies(response)


def test_each_representation_has_its_own_etag_and_a_matching_conditional_get_is_304(client, loaded_fixtures):
    for url in (SITE, question_container(), annotation_url(), SITE + "?iris=1&page=0"):
        response = client.get(url)
        assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304
        assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200
        assert client.get(url, headers={"Accept": "application/json"})["ETag"] != response["ETag"]
    assert client.get(SITE, headers={"Prefer": IRIS})["ETag"] != client.get(SITE)["ETag"]


def test_a_new_publication_changes_the_etag(client, loaded_fixtures, editor, reviewer):
    before = client.get(SITE)["ETag"]
    claim = Claim.objects.get(exact=FABRICATED)
    published_revision(claim, editor, reviewer, "accurate", "Newly reviewed.")
    response = client.get(SITE, headers={"If-None-Match": before})
    assert response.status_code == 200 and response["ETag"] != before


def test_responses_that_vary_by_accept_or_prefer_are_never_served_from_the_page_cache(
    client, loaded_fixtures, settings
):
    settings.FACTLINE_PAGE_CACHE = True
    first = client.get(SITE, headers={"Prefer": MINIMAL})
    assert first["X-Cache"] == "miss"
    again = client.get(SITE)
    assert again["X-Cache"] == "miss" and "items" in json.loads(again.content)["first"]
    assert client.get(SITE, headers={"Accept": "application/json"})["Content-Type"] == "application/json"
    assert client.get(annotation_url())["X-Cache"] == "miss"


def test_annotations_are_readable_from_other_sites(client, loaded_fixtures):
    response = client.get(SITE)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert {"ETag", "Link", "Allow", "Content-Location"} <= {
        header.strip() for header in response["Access-Control-Expose-Headers"].split(",")
    }


def test_every_public_page_advertises_its_annotation_container(client, loaded_fixtures, settings):
    settings.FACTLINE_PAGE_CACHE = True
    from tests.answers.test_public_pages import public_urls

    service = "http://www.w3.org/ns/oa#annotationService"
    for url in public_urls():
        response = client.get(url)
        question = Question.objects.filter(slug=url.split("/")[2]).first() if url.startswith("/questions/") else None
        container = reverse("answers:question-annotations", args=[question.slug]) if question else SITE
        expected = f"https://localhost{container}"
        assert (expected, service) in links(response), url
        assert f'<link rel="{service}" href="{expected}">' in response.content.decode(), url
    cached = client.get(reverse("answers:home"))
    assert cached["X-Cache"] == "hit" and (f"https://localhost{SITE}", service) in links(cached)
    assert "annotationService" not in client.get(reverse("admin:login")).get("Link", "")


def test_a_page_not_found_advertises_the_site_container_not_a_missing_one(client, loaded_fixtures):
    response = client.get(reverse("answers:question-detail", args=["no-such-question"]))
    assert response.status_code == 404
    service = "http://www.w3.org/ns/oa#annotationService"
    assert links(response) == {(f"https://localhost{SITE}", service)}
    assert f'<link rel="{service}" href="https://localhost{SITE}">' in response.content.decode()


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, headers=headers).status_code == 200, url
    return len(captured)


def test_the_protocol_runs_as_many_queries_with_ten_times_the_data(
    client, loaded_fixtures, write_document, editor, reviewer, small_pages
):
    superseded = Claim.objects.get(exact=FABRICATED)

    def requests():
        container = json.loads(client.get(SITE).content)
        return {
            "site": (SITE, {}),
            "site, minimal": (SITE, {"Prefer": MINIMAL}),
            "site, iris": (SITE, {"Prefer": IRIS}),
            "site, last page": (container["last"], {}),
            "site, second page": (container["first"]["next"], {}),
            "site, iris page": (SITE + "?iris=1&page=1", {}),
            "question": (question_container(), {}),
            "question, last page": (json.loads(client.get(question_container()).content)["last"], {}),
            "annotation": (annotation_url(), {}),
        }

    before = {name: queries(client, url, **headers) for name, (url, headers) in requests().items()}
    grow_tenfold(write_document, editor, reviewer)
    assert Claim.objects.count() == 680
    long_question = Question.objects.get(document="long.txt")
    after = {name: queries(client, url, **headers) for name, (url, headers) in requests().items()}
    assert after == before
    assert max(after.values()) <= 6
    long = reverse("answers:question-annotations", args=[long_question.slug])
    assert queries(client, long) == before["question"]
    superseded_revision = superseded.annotations.filter(status="superseded").first()
    assert queries(client, reverse("answers:annotation-detail", args=[superseded_revision.pk])) == before["annotation"]
