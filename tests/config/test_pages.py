"""Explanatory pages: shipped in the fixtures, shown as approved, changed only through another person's review."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from config.pages.models import Page
from config.proposals import workflow
from config.proposals.models import Proposal
from tests.conftest import ROOT, admin_form

pytestmark = pytest.mark.django_db

SLUGS = ["about", "methodology", "verdicts", "corrections"]


@pytest.fixture
def pages(db):
    call_command("loaddata", ROOT / "fixtures" / "pages.json", verbosity=0)
    return Page.objects.all()


@pytest.fixture
def methodology(pages):
    return Page.objects.get(slug="methodology")


def refused(write):
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


def test_the_fixture_ships_the_four_pages_published(pages):
    assert list(pages.live().values_list("slug", flat=True)) == SLUGS


def test_each_page_renders_its_approved_text_at_its_address(client, pages):
    for page in pages.exclude(slug="verdicts"):
        response = client.get(page.get_absolute_url())
        assert response.status_code == 200, page.slug
        assert f"<h1>{page.title}</h1>" in response.content.decode()
    assert Page.objects.get(slug="about").get_absolute_url() == "/about/"


def test_the_methodology_says_how_claims_are_split_checked_and_reviewed(client, methodology):
    text = client.get(methodology.get_absolute_url()).content.decode()
    for words in ["one claim per sentence", "timeline", "second person", "Nobody can approve their own work"]:
        assert words in text, words


def test_the_about_page_at_its_long_address_redirects_to_its_own(client, pages):
    response = client.get(reverse("pages:page-detail", args=["about"]))
    assert (response.status_code, response["Location"]) == (301, "/about/")


def test_an_editors_change_is_a_proposal_and_readers_keep_the_approved_text(client, editor, methodology):
    client.force_login(editor)
    url = reverse("admin:pages_page_change", args=[methodology.pk])
    form = client.get(url).content.decode()
    assert "readers keep seeing this version until another person approves it" in form
    assert "your change is kept as a proposal" in form and 'value="Submit for review"' in form
    response = client.post(url, admin_form(client, url, body="A rewritten methodology."), follow=True)
    assert any("was submitted for review" in str(message) for message in response.context["messages"])
    assert Proposal.objects.pending().get().changes == {"body": "A rewritten methodology."}
    client.logout()
    page = client.get(methodology.get_absolute_url()).content.decode()
    assert "A rewritten methodology." not in page and "one claim per sentence" in page


def test_the_change_reaches_readers_once_another_person_approves_it(client, editor, reviewer, methodology):
    proposal = workflow.propose_change(methodology, editor, {"body": "A rewritten methodology."})
    workflow.approve(proposal, reviewer)
    assert "A rewritten methodology." in client.get(methodology.get_absolute_url()).content.decode()
    assert methodology.history.latest().history_user == editor


def test_the_editor_cannot_approve_their_own_change(make_user, methodology):
    editor = make_user("erin", "Reviewers")
    proposal = workflow.propose_change(methodology, editor, {"title": "How we check"})
    with pytest.raises(workflow.ProposalError, match="another reviewer has to check it"):
        workflow.approve(proposal, editor)
    assert Page.objects.get(pk=methodology.pk).title == "Methodology"


def test_the_database_refuses_a_direct_change_of_a_published_pages_text(methodology):
    table = Page._meta.db_table
    assert refused(lambda: Page.objects.filter(pk=methodology.pk).update(body="Rewritten in place."))
    assert refused(
        lambda: connection.cursor().execute(f"UPDATE {table} SET title = %s WHERE id = %s", ["Gone", methodology.pk])
    )
    assert Page.objects.get(pk=methodology.pk).body == methodology.body


def test_the_database_refuses_a_change_other_than_the_one_proposed(editor, methodology):
    workflow.propose_change(methodology, editor, {"body": "What was proposed."})
    assert refused(lambda: Page.objects.filter(pk=methodology.pk).update(body="Something else."))


def test_the_database_refuses_withdrawing_or_deleting_a_published_page_without_review(methodology):
    assert refused(lambda: methodology.withdraw(reason="Unreviewed", note="Gone"))
    assert refused(lambda: Page.objects.filter(pk=methodology.pk).delete())
    assert Page.objects.live().filter(pk=methodology.pk).exists()


def test_a_withdrawal_through_review_keeps_the_address_with_its_reason(client, editor, reviewer, methodology):
    proposal = workflow.propose_withdrawal(methodology, editor, "Replaced by the About page.")
    workflow.approve(proposal, reviewer)
    response = client.get(methodology.get_absolute_url())
    assert response.status_code == 200
    assert "This page was withdrawn" in response.content.decode()
    assert "Replaced by the About page." in response.content.decode()


def test_a_draft_page_is_not_public(client, pages):
    draft = Page.objects.create(slug="draft-page", title="Draft", body="Not yet.")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_loading_the_fixture_again_changes_nothing(pages):
    before = list(Page.objects.values())
    call_command("loaddata", ROOT / "fixtures" / "pages.json", verbosity=0)
    assert list(Page.objects.values()) == before


def test_the_admin_keeps_a_published_pages_address(client, editor, methodology):
    client.force_login(editor)
    form = client.get(reverse("admin:pages_page_change", args=[methodology.pk])).content.decode()
    assert 'name="slug"' not in form


def test_the_reviewer_sees_the_changed_page_as_readers_will(client, editor, reviewer, methodology):
    proposal = workflow.propose_change(methodology, editor, {"body": "## A new heading\n\nNew text."})
    client.force_login(reviewer)
    page = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk])).content.decode()
    assert "<h2>A new heading</h2>" in page and "<p>New text.</p>" in page
