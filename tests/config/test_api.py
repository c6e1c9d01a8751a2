"""The JSON API as a whole: versioned, read-only, described by OpenAPI, the same for everyone."""

import base64

import pytest
from django.urls import reverse

from answers.models import ClaimListing

pytestmark = pytest.mark.django_db

LISTS = ["api:claim-list", "api:question-list", "api:author-list", "api:event-list", "api:verdict-list"]


def test_the_root_names_every_endpoint_and_the_openapi_document(client, settings):
    root = client.get("/api/v1/").json()
    assert set(root) == {"schema", "claims", "questions", "authors", "events", "verdicts"}
    assert root["claims"] == settings.FACTLINE_SITE_URL + "/api/v1/claims/"


def test_the_openapi_document_describes_every_endpoint_with_its_filters_and_cursor(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) >= {
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/questions/",
        "/api/v1/questions/{slug}/",
        "/api/v1/authors/",
        "/api/v1/events/",
        "/api/v1/verdicts/",
    }
    claims = {parameter["name"] for parameter in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert claims == {
        "cursor",
        "q",
        "verdict",
        "author",
        "question",
        "event",
        "status",
        "reviewed_after",
        "reviewed_before",
    }
    events = {parameter["name"] for parameter in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert events == {"cursor", "q", "start", "end", "category", "participant"}
    assert all(set(operations) == {"get"} for operations in schema["paths"].values())


@pytest.mark.parametrize("url_name", LISTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_endpoint_accepts_a_write(admin_client, loaded_fixtures, url_name, method):
    assert getattr(admin_client, method)(reverse(url_name), {}, content_type="application/json").status_code == 405


def test_a_claim_cannot_be_changed_or_deleted_through_the_api(admin_client, loaded_fixtures):
    listing = ClaimListing.objects.listed().first()
    url = reverse("api:claim-detail", args=[listing.claim_id])
    assert admin_client.put(url, {"text": "x"}, content_type="application/json").status_code == 405
    assert admin_client.delete(url).status_code == 405


def test_http_basic_credentials_are_not_a_way_to_log_in(client, loaded_fixtures, admin_user):
    credentials = base64.b64encode(b"admin:wrong-password").decode()
    response = client.get(reverse("api:claim-list"), HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 200  # not 401: the API reads no credentials at all


@pytest.mark.parametrize("url_name", LISTS)
def test_every_list_answers_json_to_a_browser(client, loaded_fixtures, url_name):
    response = client.get(reverse(url_name), HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "Accept" not in response.get("Vary", "")


def test_anonymous_api_pages_are_kept_by_the_page_cache(client, loaded_fixtures, settings):
    settings.FACTLINE_PAGE_CACHE = True
    assert client.get(reverse("api:claim-list"))["X-Cache"] == "miss"
    assert client.get(reverse("api:claim-list"))["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "query",
    [
        "q=%ED%A0%80",
        "q=%FF%FE",
        "verdict=" + "x" * 5000,
        "question=%25%30%30",
        "event=%E2%80%AE",
        "reviewed_after=99999-01-01",
        "start=0&end=99999",
        "cursor=cD0xJm89OTk5OTk5OTk5OTk5OTk5OTk5",
        "cursor=cj0yJnA9MQ==",
        "cursor=" + "A" * 4000,
        "status=orphaned&status=withdrawn",
        "id=1&pk=2&page=last&after=x",
    ],
)
def test_odd_query_strings_are_never_a_server_error(client, loaded_fixtures, query):
    client.raise_request_exception = False
    for url_name in LISTS:
        assert client.get(f"{reverse(url_name)}?{query}").status_code in (200, 400, 404)
    for url_name in ("answers:claim-export-csv", "answers:claim-export-jsonl"):
        response = client.get(f"{reverse(url_name)}?{query}")
        assert response.status_code in (200, 400)
        if response.streaming:
            b"".join(response.streaming_content)
