"""The Atom and RSS feeds of published verdicts and of corrections."""

import feedparser
import pytest
from django.urls import reverse

from answers.feeds import FEEDS, FORMATS, ITEMS, SCOPES
from answers.models import Author, Claim, Question, Verdict
from tests.answers.test_public_pages import FABRICATED, grow_tenfold, queries, seed_question
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db

ORIGIN = "https://factline.example.org"
MISLEADING = "During the war, the Soviet Union initially supported"


@pytest.fixture(autouse=True)
def canonical_origin(settings):
    settings.FACTLINE_SITE_URL = ORIGIN


def feed_urls():
    """Every feed: the site's, and those of every question, author and verdict on record."""
    urls = [reverse(f"answers:{kind}-{format}") for kind in FEEDS for format in FORMATS]
    for scope, model in SCOPES.items():
        for obj in model.objects.on_record():
            urls += [
                reverse(f"answers:{scope}-{kind}-{format}", args=[obj.slug]) for kind in FEEDS for format in FORMATS
            ]
    return urls


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def entry(feed, claim, revision):
    guid = f"{ORIGIN}{claim.get_absolute_url()}#revision-{revision}"
    return next((item for item in feed.entries if item.id == guid), None)


def test_every_feed_parses_cleanly_as_atom_or_rss(client, loaded_fixtures):
    urls = feed_urls()
    assert len(urls) == 4 * (1 + Question.objects.count() + Author.objects.count() + Verdict.objects.count())
    for url in urls:
        response = client.get(url)
        feed = parse(client, url)
        assert feed.version == ("atom10" if url.endswith(".atom") else "rss20"), url
        assert response["Content-Type"].startswith(
            "application/atom+xml" if url.endswith(".atom") else "application/rss+xml"
        )
        assert feed.feed.title.startswith("Factline: ") and feed.feed.link.startswith(ORIGIN + "/")
        assert len({item.id for item in feed.entries}) == len(feed.entries), url


def test_the_verdicts_feed_holds_each_claims_published_verdict_newest_first(client, loaded_fixtures):
    feed = parse(client, reverse("answers:verdicts-atom"))
    assert len(feed.entries) == Claim.objects.count() == 34
    dates = [item.published_parsed for item in feed.entries]
    assert dates == sorted(dates, reverse=True)
    fabricated = Claim.objects.get(exact=FABRICATED)
    item = entry(feed, fabricated, 1)
    assert item.title == f"Fabricated: “{FABRICATED}”"
    assert item.link == ORIGIN + fabricated.get_absolute_url()
    assert "Algo Rhythmia" in item.summary and [tag.term for tag in item.tags] == ["Fabricated"]
    assert feed.feed.updated_parsed == max(dates)


def test_a_correction_enters_both_feeds_and_the_superseded_verdict_leaves_the_verdicts_feed(
    client, loaded_fixtures, editor, reviewer
):
    claim = Claim.objects.get(exact__startswith=MISLEADING)
    assert claim.annotations.published().get().verdict.slug == "misleading"
    published_revision(claim, editor, reviewer, "inaccurate", "Corrected: the Treaty of Moscow came first.")
    verdicts = parse(client, reverse("answers:verdicts-rss"))
    assert verdicts.entries[0].id == f"{ORIGIN}{claim.get_absolute_url()}#revision-2"
    assert verdicts.entries[0].title.startswith("Misleading → Inaccurate: “During the war")
    assert entry(verdicts, claim, 1) is None
    corrections = parse(client, reverse("answers:corrections-atom"))
    item = corrections.entries[0]
    assert entry(corrections, claim, 2) == item
    assert item.title.startswith("Misleading → Inaccurate: “During the war, the Soviet Union")
    assert (
        "Corrected: the Treaty of Moscow came first." in item.summary
        and "Before the correction: Misleading" in item.summary
    )
    assert corrections.feed.updated_parsed == item.updated_parsed

    published_revision(claim, editor, reviewer, "inaccurate", "Corrected again, the verdict kept.")
    corrections = parse(client, reverse("answers:corrections-atom"))
    assert [item.title.split(":")[0] for item in corrections.entries[:2]] == [
        "Inaccurate, corrected",
        "Misleading → Inaccurate",
    ]
    assert entry(corrections, claim, 2) is not None  # a correction corrected later stays in the log


def test_feeds_narrow_to_a_question_an_author_or_a_verdict(client, loaded_fixtures, editor, reviewer):
    claim = Claim.objects.get(exact__startswith=MISLEADING)
    author = claim.answer.author.slug
    other = Author.objects.exclude(slug=author).get().slug

    def ids(name, slug):
        return {item.id for item in parse(client, reverse(f"answers:{name}", args=[slug])).entries}

    scopes = [
        ("author-corrections-atom", author),
        ("author-corrections-atom", other),
        ("question-corrections-rss", seed_question().slug),
        ("verdict-corrections-atom", "misleading"),
        ("verdict-corrections-atom", "inaccurate"),
        ("verdict-corrections-atom", "fabricated"),
    ]
    # The seed's own corrections are in the feeds already; the new one joins exactly the feeds it belongs to.
    before = {scope: ids(*scope) for scope in scopes}
    published_revision(claim, editor, reviewer, "inaccurate", "Corrected.")
    correction = f"{ORIGIN}{claim.get_absolute_url()}#revision-2"
    gained = [ids(*scope) - before[scope] for scope in scopes]
    assert gained == [{correction}, set(), {correction}, {correction}, {correction}, set()]
    fabricated = Claim.objects.get(exact=FABRICATED)
    assert ids("verdict-verdicts-atom", "fabricated") == {f"{ORIGIN}{fabricated.get_absolute_url()}#revision-1"}
    mira = ids("author-verdicts-rss", "mira-talkstone")
    assert len(mira) == 23 and mira.isdisjoint(ids("author-verdicts-rss", "algo-rhythmia"))


@pytest.mark.parametrize("scope", SCOPES)
def test_a_feed_of_an_unknown_slug_is_not_found(client, loaded_fixtures, scope):
    for kind in FEEDS:
        assert client.get(reverse(f"answers:{scope}-{kind}-atom", args=["no-such-thing"])).status_code == 404


def test_feed_links_are_on_the_canonical_origin_whatever_host_the_request_names(client, loaded_fixtures, settings):
    settings.ALLOWED_HOSTS = ["other.example.net"]
    feed = parse(client, reverse("answers:verdicts-atom"), HTTP_HOST="other.example.net")
    content = client.get(reverse("answers:verdicts-rss"), HTTP_HOST="other.example.net").content.decode()
    assert "other.example.net" not in content
    links = [feed.feed.link, *(link.href for link in feed.feed.links), *(item.link for item in feed.entries)]
    assert all(link.startswith(ORIGIN + "/") for link in links)


def test_feed_text_is_plain_text_in_titles_and_escaped_html_in_summaries(client, loaded_fixtures, editor, reviewer):
    claim = Claim.objects.get(exact=FABRICATED)
    published_revision(claim, editor, reviewer, "fabricated", "It never <script>alert('x')</script> happened & more.")
    for url in (reverse("answers:corrections-atom"), reverse("answers:corrections-rss")):
        item = parse(client, url).entries[0]
        assert item.title == f"Fabricated, corrected: “{FABRICATED}”"
        assert "<script" not in item.summary and "&lt;script&gt;" in item.summary and "&amp; more." in item.summary


def test_feeds_hold_at_most_a_page_of_items_in_as_many_queries_with_ten_times_the_data(
    client, loaded_fixtures, write_document, editor, reviewer
):
    urls = [
        reverse("answers:verdicts-atom"),
        reverse("answers:corrections-rss"),
        reverse("answers:question-verdicts-atom", args=[seed_question().slug]),
        reverse("answers:author-corrections-atom", args=["algo-rhythmia"]),
        reverse("answers:verdict-verdicts-rss", args=["fabricated"]),
        reverse("answers:verdict-corrections-atom", args=["fabricated"]),
    ]
    before = [queries(client, url) for url in urls]
    assert before == [1, 1, 2, 2, 2, 2]
    grow_tenfold(write_document, editor, reviewer)
    assert [queries(client, url) for url in urls] == before
    assert len(parse(client, urls[0]).entries) == ITEMS
    assert len(parse(client, urls[5]).entries) == 9


def test_feeds_are_served_from_the_page_cache_as_feeds(client, loaded_fixtures, settings):
    settings.FACTLINE_PAGE_CACHE = True
    url = reverse("answers:verdicts-atom")
    first, second = client.get(url), client.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second["Content-Type"] == first["Content-Type"] and second.content == first.content
