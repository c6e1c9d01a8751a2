"""The home page's numbers: each equals what the list it links to shows, after every kind of edit."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from answers.models import Claim
from config.proposals import workflow
from tests.answers.test_admin import admin_url, answer_form
from tests.conftest import ROOT, approve_pending, import_published, published_revision

pytestmark = pytest.mark.django_db

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


class CountLinks(HTMLParser):
    """The links of a page that hold a count, as (href, N): <a href=…>…<span class="count">N</span>…</a>, or
    <a class="count" href=…>N…</a> beside a verdict's badge."""

    def __init__(self):
        super().__init__()
        self.found, self.href, self.in_count = [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.href = attrs.get("href")
            self.in_count = "count" in (attrs.get("class") or "").split()
        elif tag == "span" and "count" in (attrs.get("class") or "").split() and self.href:
            self.in_count = True

    def handle_data(self, data):
        if self.in_count:
            self.found.append((self.href, int(data.strip().replace(",", ""))))
            self.in_count = False

    def handle_endtag(self, tag):
        if tag == "a":
            self.href = None


class ListedItems(HTMLParser):
    """The items of a public list page (claim cards or questions), and the address of its next page."""

    LISTS = {"claim-cards", "question-list"}

    def __init__(self):
        super().__init__()
        self.items, self.next, self.depth = 0, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and set((attrs.get("class") or "").split()) & self.LISTS:
            self.depth = 1
        elif tag == "ul" and self.depth:
            self.depth += 1
        elif tag == "li" and self.depth == 1:
            self.items += 1
        elif tag == "a" and attrs.get("rel") == "next":
            self.next = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "ul" and self.depth:
            self.depth -= 1


def home_count_links(client):
    parser = CountLinks()
    parser.feed(client.get(reverse("answers:home")).content.decode())
    return parser.found


def items_listed(client, href):
    """Count the items the list at `href` shows, on all its pages."""
    total, path = 0, href.split("?")[0]
    while href:
        response = client.get(href)
        assert response.status_code == 200, href
        parser = ListedItems()
        parser.feed(response.content.decode())
        total += parser.items
        href = path + parser.next if parser.next and parser.next.startswith("?") else parser.next
    return total


def assert_home_agrees_with_its_lists(client):
    links = home_count_links(client)
    assert len(links) >= 10, links  # questions, claims, reviewed and each verdict of the vocabulary
    assert {href: items_listed(client, href) for href, _ in links} == dict(links)


def test_every_number_on_the_home_page_is_the_length_of_the_list_it_links_to(client, loaded_fixtures):
    assert_home_agrees_with_its_lists(client)


def test_the_home_page_counts_agree_with_the_lists_after_an_edit_orphans_a_reviewed_claim(
    client, loaded_fixtures, editor, reviewer
):
    claim = Claim.objects.get(exact=FABRICATED)
    answer = claim.answer
    client.force_login(editor)
    body = answer.body.replace(claim.exact, "That claim was removed.")
    client.post(admin_url(type(answer), "change", answer.pk), answer_form(answer, body=body))
    approve_pending(answer, reviewer)
    client.logout()
    claim.refresh_from_db()
    assert claim.orphaned
    assert (reverse("answers:claim-list") + "?verdict=fabricated", 0) in home_count_links(client)
    assert_home_agrees_with_its_lists(client)


def test_the_home_page_counts_agree_with_the_lists_after_an_approval_supersedes_a_verdict(
    client, loaded_fixtures, editor, reviewer
):
    published_revision(Claim.objects.get(exact=FABRICATED), editor, reviewer, "inaccurate", "No such war was fought.")
    assert (reverse("answers:claim-list") + "?verdict=fabricated", 0) in home_count_links(client)
    assert_home_agrees_with_its_lists(client)


def test_the_home_page_counts_agree_with_the_lists_after_a_claim_is_withdrawn(
    client, loaded_fixtures, editor, reviewer
):
    claim = Claim.objects.get(exact=FABRICATED)
    workflow.approve(workflow.propose_withdrawal(claim, editor, "Not a claim of the answer."), reviewer)
    assert (reverse("answers:claim-list") + "?verdict=fabricated", 0) in home_count_links(client)
    assert_home_agrees_with_its_lists(client)


def test_the_home_page_counts_agree_with_the_lists_after_a_new_publication(client, loaded_fixtures, editor, reviewer):
    before = dict(home_count_links(client))
    import_published([ROOT / "tests" / "answers" / "documents" / "kars.txt"])
    published_revision(Claim.objects.filter(answer__question__document="kars.txt").first(), editor, reviewer)
    after = dict(home_count_links(client))
    inaccurate = reverse("answers:claim-list") + "?verdict=inaccurate"
    assert after[inaccurate] == before[inaccurate] + 1
    assert_home_agrees_with_its_lists(client)
