"""Claim listings and tallies: what the public lists read, kept in step with the record by every write."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from answers import review
from answers.filters import ClaimFilter
from answers.models import Claim, ClaimListing, Question, Tally
from answers.models.listings import PAGE_ORDER
from answers.views import ClaimListView
from tests.conftest import approve_pending, published_revision, submitted_revision

pytestmark = pytest.mark.django_db

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


def listing(claim):
    return ClaimListing.objects.select_related("verdict").get(claim=claim)


def home_counts(client):
    response = client.get(reverse("answers:home"))
    return response.context["counts"], {
        verdict.slug: verdict.published_count for verdict in response.context["verdicts"]
    }


def test_an_approval_updates_the_listing_and_the_counts_in_its_own_transaction(
    client, loaded_fixtures, editor, reviewer
):
    claim = Claim.objects.get(exact=FABRICATED)
    before = listing(claim)
    revision = submitted_revision(claim, editor, "inaccurate", "No such war was fought.")
    assert listing(claim).under_review and listing(claim).verdict.slug == "fabricated"
    approved = review.approve(revision, reviewer)
    after = listing(claim)
    assert (after.verdict.slug, after.published_revision, after.reviewed_at) == (
        "inaccurate",
        approved,
        approved.reviewed_at,
    )
    assert not after.under_review and after.reviewed_at > before.reviewed_at
    counts, verdicts = home_counts(client)
    assert (verdicts["fabricated"], verdicts["inaccurate"], counts["reviewed"]) == (0, 4, 34)
    newest = client.get(reverse("answers:claim-list"), {"ordering": "-reviewed"}).context["page_obj"].object_list[0]
    assert newest.claim == claim and "No such war was fought." in newest.search_text


def test_a_withdrawn_question_takes_its_claims_off_the_lists_and_out_of_the_counts(
    client, loaded_fixtures, editor, reviewer
):
    from config.proposals import workflow

    question = Question.objects.get()
    workflow.approve(workflow.propose_withdrawal(question, editor, "Captured from the wrong page."), reviewer)
    assert not ClaimListing.objects.exists()  # readers can see none of its claims
    counts, verdicts = home_counts(client)
    assert counts["claims"] == counts["reviewed"] == 0 and not any(verdicts.values())
    assert client.get(reverse("answers:claim-list")).context["page_obj"].object_list == []
    assert Tally.read("claims", f"question:{question.pk}") == {"claims": 0, f"question:{question.pk}": 0}


def test_changed_words_count_as_not_reviewed_for_their_author(client, loaded_fixtures, editor, reviewer):
    claim = Claim.objects.get(exact=FABRICATED)
    author = claim.answer.author
    before = client.get(author.get_absolute_url()).context["verdict_counts"]
    claim.exact = claim.exact.replace("1941-1945", "1941–1945")  # as a re-anchoring in a new text would
    claim.save()
    assert listing(claim).wording_changed and listing(claim).current_verdict is None
    after = dict(client.get(author.get_absolute_url()).context["verdict_counts"])
    assert after[None] == dict(before).get(None, 0) + 1
    wording = client.get(reverse("answers:claim-list"), {"status": "wording-changed"}).context["page_obj"]
    assert [row.claim for row in wording.object_list] == [claim]
    assert FABRICATED in client.get(reverse("answers:claim-list"), {"status": "wording-changed"}).content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"verdict": None},
        {"published_revision": None, "verdict": None, "reviewed_at": None},
        {"reviewed_at": "2020-01-01T00:00:00Z"},
    ],
)
def test_the_database_refuses_a_listing_that_shows_another_review(loaded_fixtures, change):
    claim = Claim.objects.get(exact=FABRICATED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimListing.objects.filter(claim=claim).update(**change)
    row = ClaimListing.objects.filter(claim=claim).values()[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimListing.objects.filter(claim=claim).delete()
        ClaimListing.objects.create(**{**row, "verdict_id": None})
    assert listing(claim).verdict.slug == "fabricated"


def test_the_command_finds_and_mends_listings_changed_behind_its_back(loaded_fixtures):
    claim = Claim.objects.get(exact=FABRICATED)
    # Someone with a database login rewrites what the lists count and search (the review itself is guarded).
    ClaimListing.objects.filter(claim=claim).update(search_text="nothing", under_review=True)
    Tally.objects.filter(key="claims").update(count=1_000_000)
    with pytest.raises(CommandError, match=r"1 claim listings and 1 tallies differ"):
        call_command("refresh_listings", "--check", verbosity=0)
    out = io.StringIO()
    call_command("refresh_listings", stdout=out)
    assert "Wrote 1 claim listings" in out.getvalue()
    call_command("refresh_listings", "--check", verbosity=0)
    assert not listing(claim).under_review and FABRICATED in listing(claim).search_text


def test_a_new_migration_lists_every_claim(loaded_fixtures):
    from answers.signals import list_unlisted_claims

    ClaimListing.objects.all().delete()
    Tally.objects.all().delete()
    list_unlisted_claims(using="default")
    assert ClaimListing.objects.count() == Claim.objects.count() == 34
    assert Tally.read("claims")["claims"] == 34


def test_a_deleted_draft_claim_leaves_the_counts(loaded_fixtures, editor):
    question = Question.objects.get()
    answer = question.answers.get(position=1)
    draft = Claim(answer=answer, number=answer.next_claim_number())
    draft.place(answer.body, 0, 10)
    draft.save()
    assert not ClaimListing.objects.filter(claim_id=draft.pk).exists()  # readers cannot see a draft
    draft.delete()
    assert not ClaimListing.objects.filter(claim_id=draft.pk).exists()


def test_the_list_filters_render_no_table_as_options(client, loaded_fixtures):
    content = client.get(reverse("answers:claim-list")).content.decode()
    # Verdict and status choices with their "any" choice, and the orderings (the default is the first): only.
    assert content.count("<option") == len(["any"]) * 2 + 7 + 6 + 5
    for name in ("author", "question", "event"):
        assert f'<input type="text" name="{name}"' in content
    assert "Mira Talkstone" not in content.split('<form method="get"')[1].split("</form>")[0]


def test_a_list_is_counted_up_to_a_bound(client, loaded_fixtures, monkeypatch):
    monkeypatch.setattr(ClaimListView, "count_limit", 10)
    # A filter no tally counts: the list counts its matches, up to the bound.
    content = client.get(reverse("answers:claim-list"), {"reviewed_after": "1900-01-01"}).content.decode()
    assert "More than 10 claims" in content
    assert "34 claims" in client.get(reverse("answers:claim-list")).content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL ranks matches; SQLite lists them in page order"
)
def test_a_search_lists_the_best_matches_first_on_postgresql(client, loaded_fixtures, editor, reviewer):
    claim = Claim.objects.get(exact=FABRICATED)
    published_revision(claim, editor, reviewer, "fabricated", "Kars Kars Kars: no war, and Kars stayed Turkish.")
    first = client.get(reverse("answers:claim-list"), {"q": "kars"}).context["page_obj"].object_list[0]
    assert first.claim == claim


def walk(client, params, start, link):
    """Follow `link` ("next_cursor" or "previous_cursor") from the page `start` asks for; return claim ids in order."""
    url, pages = reverse("answers:claim-list"), []
    response = client.get(url, {**params, **start})
    while True:
        page = response.context["page_obj"]
        pages.append([row.claim_id for row in page.object_list])
        more = page.has_next if link == "next_cursor" else page.has_previous
        if not more:
            break
        response = client.get(url, {**params, ("after" if link == "next_cursor" else "before"): getattr(page, link)})
    return pages if link == "next_cursor" else list(reversed(pages))


@pytest.mark.parametrize("ordering", ["", "question", "-reviewed", "reviewed", "text", "-text"])
def test_pages_forward_and_backward_hold_every_claim_once_in_order(client, loaded_fixtures, monkeypatch, ordering):
    monkeypatch.setattr(ClaimListView, "paginate_by", 10)
    names = ClaimFilter.ORDERINGS.get(ordering, (None, PAGE_ORDER))[1]
    expected = list(ClaimListing.objects.listed().order_by(*names).values_list("claim_id", flat=True))
    params = {"ordering": ordering} if ordering else {}
    forward = walk(client, params, {}, "next_cursor")
    backward = walk(client, params, {"page": "last"}, "previous_cursor")
    assert [len(page) for page in forward] == [10, 10, 10, 4]
    assert sum(forward, []) == expected == list(dict.fromkeys(sum(backward, [])))
    assert backward[-1] == expected[-10:]


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "W10", "WzEsMiwzXQ", "eyJhIjoxfQ", "WyJ4IiwieCIsIngiLCJ4IiwieCJd", "WyJhIiwxLDEsMSxudWxsXQ", "%00"],
)
def test_a_cursor_no_page_wrote_is_a_page_that_does_not_exist(client, loaded_fixtures, cursor):
    for name in ("after", "before"):
        response = client.get(reverse("answers:claim-list"), {name: cursor})
        assert response.status_code in (404, 400)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL ranks matches; SQLite lists them in page order"
)
def test_a_search_matching_more_than_can_be_ranked_cheaply_is_listed_in_page_order(
    client, loaded_fixtures, monkeypatch
):
    monkeypatch.setattr(ClaimListView, "count_limit", 5)
    response = client.get(reverse("answers:claim-list"), {"q": "turkey"})
    assert response.context["unranked"]
    assert "add words to narrow the search" in response.content.decode()
    listed = [row.claim_id for row in response.context["page_obj"].object_list]
    in_page_order = ClaimListing.objects.filter(claim__in=listed).order_by(*PAGE_ORDER)
    assert listed == list(in_page_order.values_list("claim_id", flat=True))
    assert not client.get(reverse("answers:claim-list"), {"q": "brest litovsk"}).context["unranked"]


def test_imported_drafts_get_a_listing_only_when_a_reviewer_publishes_them(
    client, loaded_fixtures, seed_document, write_document, reviewer
):
    from answers.importer import import_documents

    import_documents([write_document("again.txt", seed_document.read_text(encoding="utf-8"))])
    question = Question.objects.get(document="again.txt")
    drafts = Claim.objects.filter(answer__question=question)
    assert drafts.count() == 34 and not ClaimListing.objects.filter(claim__in=drafts).exists()
    claims_before = Tally.read("claims")["claims"]
    approve_pending(question, reviewer)
    assert set(ClaimListing.objects.filter(claim__in=drafts).values_list("status", flat=True)) == {"listed"}
    assert Tally.read("claims")["claims"] == claims_before + 34
    listed = client.get(reverse("answers:claim-list"), {"question": question.slug}).context["page_obj"]
    assert listed.object_list and all(card.question_id == question.pk for card in listed.object_list)
