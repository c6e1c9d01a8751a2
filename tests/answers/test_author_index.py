"""The author index: published authors, their answers and the verdicts on their claims, at a constant cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from answers.models import Author, Tally, Verdict
from config.proposals.models import State

pytestmark = pytest.mark.django_db

URL = "/authors/"


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_authors(count):
    now = timezone.now()
    for number in range(count):
        Author.objects.create(
            name=f"Extra Author {number:03}", slug=f"extra-author-{number:03}", state=State.PUBLISHED, published_at=now
        )


def test_the_index_is_at_authors_and_named_in_the_navigation(client, loaded_fixtures):
    assert reverse("answers:author-list") == URL
    home = client.get(reverse("answers:home")).content.decode()
    assert f'<a href="{URL}"' in home.split("</header>")[0]


def test_the_index_lists_each_author_with_answers_claims_and_verdicts(client, loaded_fixtures):
    page = client.get(URL).content.decode()
    for author in Author.objects.live():
        answers = author.answers.visible().count()
        claims = Tally.read(f"author:{author.pk}")[f"author:{author.pk}"]
        assert f'href="{author.get_absolute_url()}"' in page
        assert f"{answers} answer{'s' if answers != 1 else ''}, {claims} claim" in page, author.name
    accurate = Verdict.objects.get(slug="accurate")
    assert f"?author=mira-talkstone&amp;verdict={accurate.slug}" in page


def test_the_tallies_agree_with_the_authors_own_pages(client, loaded_fixtures):
    authors = client.get(URL).context["authors"]
    for author in authors:
        own = client.get(author.get_absolute_url()).context
        assert author.verdict_counts == own["verdict_counts"], author.name
        assert author.claim_total == own["claim_total"], author.name


def test_an_unpublished_author_is_not_listed(client, loaded_fixtures):
    Author.objects.create(name="Draft Author", slug="draft-author")
    assert "Draft Author" not in client.get(URL).content.decode()


def test_with_no_authors_the_index_says_so(client, db):
    assert "No authors have been published yet." in client.get(URL).content.decode()


def test_the_index_runs_as_many_queries_whatever_the_number_of_authors(client, loaded_fixtures):
    before = queries(client, URL)
    add_authors(60)
    assert queries(client, URL) == before
    assert queries(client, URL + "?page=3") == before


def test_a_long_index_is_paged(client, loaded_fixtures):
    add_authors(30)
    first, second = client.get(URL), client.get(URL + "?page=2")
    assert len(first.context["authors"]) == 25 and len(second.context["authors"]) == 7
    assert 'rel="next"' in first.content.decode()


def test_the_sitemap_lists_the_index(client, loaded_fixtures):
    pages = client.get(reverse("sitemap-section", args=["pages"])).content.decode()
    assert re.search(r"<loc>[^<]*/authors/</loc>", pages)
