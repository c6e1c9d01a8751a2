"""The review queue, the review page, the claim page while a revision waits, and the editor's desk."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.urls import reverse
from django.utils import timezone

from answers import review
from config import presence
from config.proposals import workflow
from config.proposals.models import Proposal
from tests.answers.test_review_admin import messages_of
from tests.conftest import draft_revision, published_revision, submitted_revision

pytestmark = pytest.mark.django_db


def test_the_queue_says_who_wrote_each_item_and_how_long_it_has_waited(client, claim, make_user, reviewer):
    ayse = make_user("ayse", "Editors", first_name="Ayşe", last_name="Demir")
    draft = draft_revision(claim, ayse)
    with patch("django.utils.timezone.now", return_value=timezone.now() - timedelta(hours=3, minutes=5)):
        review.submit(draft, ayse)
    client.force_login(reviewer)
    content = client.get(reverse("admin:answers_annotation_queue")).content.decode()
    assert "<td>Ayşe Demir</td>" in content
    assert "waiting 3\xa0hours" in content


def test_the_queue_lists_revisions_and_proposals_together_oldest_first(client, claim, editor, reviewer):
    submitted = submitted_revision(claim, editor)
    client.force_login(reviewer)
    items = list(client.get(reverse("admin:answers_annotation_queue")).context["page_obj"])
    assert [type(item.obj).__name__ for item in items] == ["Proposal", "Annotation"]
    assert items[1].obj == submitted


def test_the_queue_shows_who_else_is_looking_at_an_item(client, claim, editor, reviewer, other_reviewer):
    submitted = submitted_revision(claim, editor)
    presence.look_at(submitted, other_reviewer)
    client.force_login(reviewer)
    items = client.get(reverse("admin:answers_annotation_queue")).context["page_obj"]
    assert [item.looking for item in items if item.obj == submitted] == [[other_reviewer.username]]


def test_opening_the_review_page_marks_the_reviewer_as_looking(client, claim, editor, reviewer, other_reviewer):
    submitted = submitted_revision(claim, editor)
    client.force_login(reviewer)
    client.get(reverse("admin:answers_annotation_review", args=[submitted.pk]))
    assert presence.looking_at([submitted], other_reviewer) == {submitted: [reviewer.username]}


def test_the_queue_is_paginated(client, claim, editor, reviewer, monkeypatch):
    monkeypatch.setattr("answers.admin.annotations.QUEUE_PAGE_SIZE", 1)
    submitted_revision(claim, editor)
    client.force_login(reviewer)
    second = client.get(reverse("admin:answers_annotation_queue"), {"page": 2})
    assert "Page 2 of 2" in second.content.decode()
    assert len(second.context["page_obj"].object_list) == 1


def test_an_empty_queue_says_so(client, reviewer):
    client.force_login(reviewer)
    assert "Nothing waits for your review." in client.get(reverse("admin:answers_annotation_queue")).content.decode()


def test_an_editor_opening_the_queue_is_refused(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:answers_annotation_queue")).status_code == 403


def test_appending_a_sentence_shows_only_that_sentence_inserted(client, claim, editor, other_editor, reviewer):
    published_revision(claim, editor, reviewer, rationale="It was signed on 13 October 1921.")
    draft_revision(claim, other_editor, rationale="It was signed on 13 October 1921. Ratified in 1922.")
    revision = review.submit(claim.annotations.drafts().get(), other_editor)
    client.force_login(reviewer)
    changes = client.get(reverse("admin:answers_annotation_review", args=[revision.pk])).context["changes"]
    rationale = {str(label): html for label, html, _changed in changes}["rationale"]
    assert rationale == "It was signed on 13 October 1921.<ins> Ratified in 1922.</ins>"


def test_the_review_page_links_evidence_and_sources(client, claim, editor, reviewer, loaded_events):
    revision = submitted_revision(
        claim, editor, evidence=["treaty-of-kars"], sources=[("The treaty", "https://example.org/kars")]
    )
    client.force_login(reviewer)
    content = client.get(reverse("admin:answers_annotation_review", args=[revision.pk])).content.decode()
    assert '<ins><a href="https://example.org/kars" rel="noopener noreferrer">The treaty</a></ins>' in content
    assert 'href="/events/treaty-of-kars/"' in content


def test_the_review_page_shows_the_timeline_check_and_a_public_preview(client, claim, editor, reviewer):
    revision = submitted_revision(claim, editor, rationale="Signed on 13 October 1921.")
    client.force_login(reviewer)
    page = client.get(reverse("admin:answers_annotation_review", args=[revision.pk]))
    content = page.content.decode()
    assert "Timeline check" in content and "Readers would see" in content
    assert f"Written by {editor.username}, reviewed by {reviewer.username}" in content


def test_a_conflict_disables_approve_and_says_why_at_the_top(client, claim, editor, other_editor, reviewer):
    stale = draft_revision(claim, other_editor, rationale="Stale.")
    published_revision(claim, editor, reviewer)
    review.submit(stale, other_editor)
    client.force_login(reviewer)
    content = client.get(reverse("admin:answers_annotation_review", args=[stale.pk])).content.decode()
    main = content[content.index('id="content-main"') :]
    assert main.index("Approve is disabled.") < main.index("What would change")
    assert 'value="Approve and publish" disabled' in content


def test_a_reviewer_requests_changes_in_the_admin(client, claim, editor, reviewer):
    revision = submitted_revision(claim, editor)
    client.force_login(reviewer)
    url = reverse("admin:answers_annotation_review", args=[revision.pk])
    response = client.post(url, {"decision": "request-changes", "comment": "Give the date."}, follow=True)
    assert "Revision 1 went back to its editor as a draft, with your comment." in messages_of(response)
    revision.refresh_from_db()
    assert (revision.status, revision.return_comment) == ("draft", "Give the date.")


def test_requesting_changes_without_a_comment_is_a_message(client, claim, editor, reviewer):
    revision = submitted_revision(claim, editor)
    client.force_login(reviewer)
    url = reverse("admin:answers_annotation_review", args=[revision.pk])
    response = client.post(url, {"decision": "request-changes", "comment": ""}, follow=True)
    assert "Say what to change" in messages_of(response)[0]


def test_an_editor_withdraws_their_submission_in_the_admin(client, claim, editor):
    revision = submitted_revision(claim, editor)
    client.force_login(editor)
    response = client.post(reverse("admin:answers_annotation_withdraw_submission", args=[revision.pk]), follow=True)
    assert "Revision 1 is back in your drafts: change it, then submit it again." in messages_of(response)
    assert "Save and submit for review" in response.content.decode()


def test_another_editor_cannot_withdraw_a_submission(client, claim, editor, other_editor):
    revision = submitted_revision(claim, editor)
    client.force_login(other_editor)
    response = client.post(reverse("admin:answers_annotation_withdraw_submission", args=[revision.pk]), follow=True)
    assert "Only the editor who submitted a revision can withdraw it." in messages_of(response)
    revision.refresh_from_db()
    assert revision.status == "submitted"


def test_the_claim_page_offers_the_waiting_revision_not_a_new_one(client, claim, editor, other_editor):
    submitted_revision(claim, editor)
    client.force_login(other_editor)
    content = client.get(reverse("admin:answers_claim_change", args=[claim.pk])).content.decode()
    assert "Open revision 1 (under review)" in content
    assert "Write the first assessment" not in content


def test_the_claim_page_offers_its_author_to_withdraw_the_waiting_revision(client, claim, editor):
    submitted_revision(claim, editor)
    client.force_login(editor)
    content = client.get(reverse("admin:answers_claim_change", args=[claim.pk])).content.decode()
    assert "Open your revision 1 (under review)" in content and "Withdraw revision 1 from review" in content


def test_starting_a_parallel_revision_in_the_admin_is_a_message(client, claim, editor, other_editor):
    submitted_revision(claim, editor)
    client.force_login(other_editor)
    response = client.post(reverse("admin:answers_claim_revise", args=[claim.pk]), follow=True)
    assert any("is waiting for review" in message for message in messages_of(response))
    assert claim.annotations.count() == 1


def test_the_desk_shows_what_came_back_with_the_reviewers_comment(client, claim, editor, reviewer):
    review.request_changes(submitted_revision(claim, editor), reviewer, "Give the exact date.")
    client.force_login(editor)
    content = client.get(reverse("admin:index")).content.decode()
    assert "Came back to you" in content
    assert f"Changes requested by {reviewer.username}:</strong> Give the exact date." in content


def test_the_desk_lists_waiting_work(client, claim, editor):
    submitted_revision(claim, editor)
    client.force_login(editor)
    desk = client.get(reverse("admin:index")).context["desk"]
    assert [revision.revision for revision in desk["waiting"]] == [1]
    assert desk["drafts"] == [] and desk["returned"] == []


def test_a_rejection_leaves_the_desk_once_revised(client, claim, editor, reviewer):
    rejected = review.reject(submitted_revision(claim, editor), reviewer, "Why?")
    client.force_login(editor)
    assert client.get(reverse("admin:index")).context["desk"]["rejected"] == [rejected]
    response = client.post(
        reverse("admin:answers_claim_revise", args=[claim.pk]), {"start_from": rejected.pk}, follow=True
    )
    draft = claim.annotations.drafts().get()
    assert draft.rationale == rejected.rationale
    assert f"Your revision 1 was rejected by {reviewer.username}:</strong> Why?" in response.content.decode()
    assert client.get(reverse("admin:index")).context["desk"]["rejected"] == []


@pytest.mark.parametrize("start_from", ["abc", "1e3", "²", "999999"])
def test_starting_again_from_no_revision_of_the_claim_is_refused_with_a_message(client, claim, editor, start_from):
    client.force_login(editor)
    response = client.post(
        reverse("admin:answers_claim_revise", args=[claim.pk]), {"start_from": start_from}, follow=True
    )
    assert response.status_code == 200
    assert "That revision is not one of this claim" in response.content.decode()
    assert not claim.annotations.drafts().exists()


def test_opening_a_proposal_marks_the_reviewer_as_looking(client, claim, reviewer, other_reviewer):
    proposal = Proposal.objects.pending().get()
    client.force_login(reviewer)
    client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk]))
    client.force_login(other_reviewer)
    content = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk])).content.decode()
    assert f"Also looking at it now: {reviewer.username}" in content


def test_a_rejected_revision_offers_its_author_to_start_again_from_it(client, claim, editor, reviewer):
    rejected = review.reject(submitted_revision(claim, editor), reviewer, "Why?")
    client.force_login(editor)
    content = client.get(reverse("admin:answers_annotation_change", args=[rejected.pk])).content.decode()
    assert "Start a new revision from this" in content and "Why?" in content


def test_the_desk_shows_a_rejected_proposal_with_its_comment(client, claim, editor, reviewer, loaded_events):
    event = loaded_events.get(slug="treaty-of-kars")
    workflow.reject(workflow.propose_change(event, editor, {"name": "Renamed"}), reviewer, "Keep the common name.")
    client.force_login(editor)
    content = client.get(reverse("admin:index")).content.decode()
    assert f"Rejected by {reviewer.username}:</strong> Keep the common name." in content
