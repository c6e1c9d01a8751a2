"""The sitemap index, its sections and robots.txt."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from answers.models import Claim, Question
from config.sitemaps import CanonicalSitemap
from tests.answers.test_public_pages import FABRICATED, grow_tenfold, public_urls, queries
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db

ORIGIN = "https://factline.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def canonical_origin(settings):
    settings.FACTLINE_SITE_URL = ORIGIN


def read(client, url, **headers):
    response = client.get(url.removeprefix(ORIGIN), **headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def sitemap(client, **headers):
    """Return {URL: lastmod} of every URL of every page the sitemap index lists, and the index's pages."""
    index = read(client, reverse("sitemap"), **headers)
    pages = [element.text for element in index.findall("s:sitemap/s:loc", NS)]
    urls = {}
    for page in pages:
        for element in read(client, page, **headers).findall("s:url", NS):
            location = element.find("s:loc", NS).text
            assert location not in urls, f"{location} is listed twice"
            urls[location] = element.find("s:lastmod", NS).text
    return urls, pages


def test_the_sitemap_lists_every_public_page_and_nothing_else(client, loaded_fixtures):
    urls, pages = sitemap(client)
    assert set(urls) == {ORIGIN + url for url in public_urls()}
    assert pages == [
        f"{ORIGIN}/sitemap-{section}.xml" for section in ("pages", "questions", "claims", "authors", "events", "about")
    ]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod) for lastmod in urls.values())


def test_sections_are_paged_and_a_page_that_does_not_exist_is_not_found(client, loaded_fixtures, monkeypatch):
    monkeypatch.setattr(CanonicalSitemap, "limit", 10)
    urls, pages = sitemap(client)
    assert set(urls) == {ORIGIN + url for url in public_urls()}
    claims = reverse("sitemap-section", args=["claims"])
    assert [page.removeprefix(ORIGIN) for page in pages if "claims" in page] == [
        claims,
        *(f"{claims}?p={number}" for number in (2, 3, 4)),
    ]
    for query in ("?p=5", "?p=0", "?p=-1", "?p=abc", "?p=1.5", "?p=99999999999999999999999"):
        assert client.get(claims + query).status_code == 404, query
    assert client.get(reverse("sitemap-section", args=["drafts"])).status_code == 404


def test_a_claim_and_its_question_change_when_a_correction_is_reviewed(
    client, loaded_fixtures, editor, reviewer, monkeypatch
):
    claim = Claim.objects.get(exact=FABRICATED)
    later = timezone.now().replace(year=2031)  # a date no other change has
    monkeypatch.setattr(timezone, "now", lambda: later)
    published_revision(claim, editor, reviewer, "fabricated", "Corrected.")
    urls, _ = sitemap(client)
    assert urls[ORIGIN + claim.get_absolute_url()].startswith("2031-")
    assert urls[ORIGIN + claim.answer.question.get_absolute_url()].startswith("2031-")
    assert urls[ORIGIN + claim.answer.author.get_absolute_url()].startswith("2031-")
    index = read(client, reverse("sitemap"))
    lastmods = [element.text for element in index.findall("s:sitemap/s:lastmod", NS)]
    assert sum(lastmod.startswith("2031-") for lastmod in lastmods) == 4  # all but the timeline


def test_sitemap_addresses_are_on_the_canonical_origin_whatever_host_the_request_names(
    client, loaded_fixtures, settings
):
    settings.ALLOWED_HOSTS = ["other.example.net"]
    urls, pages = sitemap(client, HTTP_HOST="other.example.net")
    assert all(url.startswith(ORIGIN + "/") for url in [*urls, *pages])


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Allow: /" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines


def test_the_sitemap_runs_as_many_queries_with_ten_times_the_data(
    client, loaded_fixtures, write_document, editor, reviewer
):
    urls = [reverse("sitemap"), *(reverse("sitemap-section", args=[section]) for section in ("pages", "questions"))]
    urls += [reverse("sitemap-section", args=[section]) for section in ("claims", "authors", "events", "about")]
    before = [queries(client, url) for url in urls]
    grow_tenfold(write_document, editor, reviewer)
    assert Question.objects.count() == 11
    assert [queries(client, url) for url in urls] == before
    assert before == [16, 4, 2, 2, 2, 2, 2]
