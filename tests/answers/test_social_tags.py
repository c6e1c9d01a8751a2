"""What public pages say about themselves in their head: canonical address, OpenGraph tags and feeds."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from answers.models import Claim
from answers.views import QuestionDetailView
from tests.answers.test_public_pages import FABRICATED, public_urls, seed_question

pytestmark = pytest.mark.django_db

ORIGIN = "https://factline.example.org"
SITE_FEEDS = ["/feeds/verdicts.atom", "/feeds/verdicts.rss", "/feeds/corrections.atom", "/feeds/corrections.rss"]


@pytest.fixture(autouse=True)
def canonical_origin(settings):
    settings.FACTLINE_SITE_URL = ORIGIN


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.canonical, self.og, self.feeds = [], {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.feeds.append((attrs["type"], attrs["href"]))
        elif tag == "meta" and attrs.get("property", "").startswith("og:"):
            assert attrs["property"] not in self.og, attrs["property"]
            self.og[attrs["property"]] = attrs["content"]


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def test_every_public_page_has_a_canonical_address_opengraph_tags_and_the_site_feeds(client, loaded_fixtures):
    for url in public_urls():
        tags = head(client, url)
        assert tags.canonical == [ORIGIN + url], url
        assert set(tags.og) == {"og:title", "og:description", "og:url", "og:type", "og:site_name"}, url
        assert tags.og["og:url"] == ORIGIN + url and tags.og["og:site_name"] == "Factline"
        assert all(tags.og.values()), url
        assert [href for _, href in tags.feeds[:4]] == SITE_FEEDS, url
    for mime, href in head(client, "/").feeds:
        response = client.get(href)
        assert response.status_code == 200 and response["Content-Type"].startswith(mime)


def test_a_claim_page_is_shared_with_its_words_and_verdict(client, loaded_fixtures):
    tags = head(client, Claim.objects.get(exact=FABRICATED).get_absolute_url())
    assert tags.og["og:title"] == FABRICATED and tags.og["og:type"] == "article"
    assert tags.og["og:description"].startswith("Fabricated: ")


def test_question_author_and_verdict_pages_announce_their_own_feeds(client, loaded_fixtures):
    question = seed_question()
    assert head(client, question.get_absolute_url()).feeds[4:] == [
        ("application/atom+xml", f"/feeds/questions/{question.slug}/verdicts.atom"),
        ("application/rss+xml", f"/feeds/questions/{question.slug}/verdicts.rss"),
        ("application/atom+xml", f"/feeds/questions/{question.slug}/corrections.atom"),
        ("application/rss+xml", f"/feeds/questions/{question.slug}/corrections.rss"),
    ]
    assert head(client, "/authors/mira-talkstone/").feeds[4][1] == "/feeds/authors/mira-talkstone/verdicts.atom"
    by_verdict = head(client, reverse("answers:claim-list") + "?verdict=fabricated&ordering=-reviewed")
    assert by_verdict.feeds[4][1] == "/feeds/verdicts/fabricated/verdicts.atom"
    assert by_verdict.canonical == [ORIGIN + reverse("answers:claim-list")]
    assert len(head(client, reverse("answers:claim-list") + "?verdict=nonsense").feeds) == 4


def test_a_numbered_page_keeps_its_page_in_the_canonical_address_and_a_filtered_list_does_not(
    client, loaded_fixtures, monkeypatch
):
    monkeypatch.setattr(QuestionDetailView, "answers_per_page", 1)
    url = seed_question().get_absolute_url()
    assert head(client, url + "?page=2").canonical == [f"{ORIGIN}{url}?page=2"]
    assert head(client, url + "?page=1").canonical == [ORIGIN + url]
    assert head(client, url + "?page=2&utm_source=x").canonical == [f"{ORIGIN}{url}?page=2"]
    assert head(client, url + "?page=99").canonical == [f"{ORIGIN}{url}?page=2"]  # the page shown
    questions = reverse("answers:question-list")
    assert head(client, questions + "?q=turkey&page=1").canonical == [ORIGIN + questions]
    listing = reverse("answers:claim-list")
    cursor = client.get(listing).context["page_obj"].next_cursor
    assert head(client, f"{listing}?after={cursor}").canonical == [ORIGIN + listing]


def test_error_pages_claim_no_canonical_address(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode() and "og:title" not in response.content.decode()
