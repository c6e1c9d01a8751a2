"""Proposals: the only way a change reaches published content, always through a second person."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from config.history import save_with_history
from config.proposals import workflow
from config.proposals.models import Proposal
from events.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    participant = Participant.objects.create(name="Soviet Russia", slug="soviet-russia", description="Before.")
    participant.publish(reason="Published for the test")
    return participant


def refreshed(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_a_change_to_published_content_waits_for_another_person(participant, editor, reviewer):
    proposal = workflow.propose_change(participant, editor, {"description": "After."}, note="Sharper.")
    assert refreshed(participant).description == "Before."
    assert (proposal.status, proposal.before, proposal.changes) == (
        "pending",
        {"description": "Before."},
        {"description": "After."},
    )
    workflow.approve(proposal, reviewer, "Fine.")
    assert refreshed(participant).description == "After."
    row = participant.history.first()
    # Both people are in the object's history: the editor as its author, the reviewer in the reason.
    assert row.history_user == editor
    assert row.history_change_reason == f"Proposal {proposal.pk} (change) by alice, approved by rita"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reviewed_by, proposal.review_comment) == ("approved", reviewer, "Fine.")


def test_nobody_approves_their_own_proposal_not_even_a_superuser(participant, make_user):
    chief = make_user("chief", is_superuser=True)
    proposal = workflow.propose_change(participant, chief, {"description": "Mine."})
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(proposal, chief)
    assert refused.value.code == "own-proposal"
    assert refreshed(participant).description == "Before."


def test_the_database_refuses_a_self_approved_proposal(participant, editor):
    proposal = workflow.propose_change(participant, editor, {"description": "Mine."})
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(
            status="approved", reviewed_by=editor, reviewed_at=timezone.now(), closed_at=timezone.now()
        )
    assert Proposal.objects.get(pk=proposal.pk).status == "pending"


def test_the_database_refuses_a_decision_without_a_reviewer(participant, editor):
    proposal = workflow.propose_change(participant, editor, {"description": "Mine."})
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(status="approved", closed_at=timezone.now())


def test_a_proposal_made_before_another_change_was_approved_is_a_conflict(participant, editor, other_editor, reviewer):
    first = workflow.propose_change(participant, editor, {"description": "First."})
    second = workflow.propose_change(participant, other_editor, {"description": "Second."})
    workflow.approve(first, reviewer)
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(second, reviewer)
    assert refused.value.code == "conflict"
    assert "was changed by alice" in refused.value.message and "propose the change again" in refused.value.message
    assert refreshed(participant).description == "First."
    assert Proposal.objects.get(pk=second.pk).status == "pending"


def test_rejecting_needs_a_comment_and_changes_nothing(participant, editor, reviewer):
    proposal = workflow.propose_change(participant, editor, {"description": "After."})
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.reject(proposal, reviewer, "  ")
    assert refused.value.code == "comment"
    workflow.reject(proposal, reviewer, "Cite a source.")
    assert refreshed(participant).description == "Before."
    assert Proposal.objects.get(pk=proposal.pk).review_comment == "Cite a source."


def test_only_the_author_takes_back_a_pending_proposal(participant, editor, other_editor):
    proposal = workflow.propose_change(participant, editor, {"description": "After."})
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.withdraw(proposal, other_editor)
    assert refused.value.code == "not-author"
    workflow.withdraw(proposal, editor)
    assert Proposal.objects.get(pk=proposal.pk).status == "withdrawn"


def test_a_newer_proposal_replaces_the_same_editors_pending_one(participant, editor):
    first = workflow.propose_change(participant, editor, {"description": "First try."})
    again = workflow.propose_change(participant, editor, {"description": "First try."})
    second = workflow.propose_change(participant, editor, {"description": "Second try."})
    assert again == first
    assert Proposal.objects.get(pk=first.pk).status == "withdrawn"
    assert list(Proposal.objects.pending()) == [second]


@pytest.mark.parametrize("step", ["approve", "reject"])
def test_a_decided_proposal_cannot_be_decided_again(participant, editor, reviewer, other_reviewer, step):
    proposal = workflow.approve(workflow.propose_change(participant, editor, {"description": "After."}), reviewer)
    with pytest.raises(workflow.ProposalError) as refused:
        if step == "approve":
            workflow.approve(proposal, other_reviewer)
        else:
            workflow.reject(proposal, other_reviewer, "Too late.")
    assert refused.value.code == "not-pending"


def test_editors_cannot_approve(participant, editor, other_editor):
    proposal = workflow.propose_change(participant, editor, {"description": "After."})
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(proposal, other_editor)
    assert refused.value.code == "permission"


def test_a_change_that_no_longer_fits_is_refused_with_the_reason(participant, editor, reviewer):
    Participant.objects.create(name="Other", slug="taken")
    proposal = workflow.propose_change(participant, editor, {"slug": "taken"})
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(proposal, reviewer)
    assert refused.value.code == "invalid" and "Slug already exists. Reject it" in refused.value.message
    assert refreshed(participant).slug == "soviet-russia"


def test_withdrawing_published_content_is_a_reviewed_step_with_a_reason(participant, editor, reviewer):
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.propose_withdrawal(participant, editor, "")
    assert refused.value.code == "reason"
    proposal = workflow.propose_withdrawal(participant, editor, "A duplicate of another participant.")
    assert refreshed(participant).is_live
    workflow.approve(proposal, reviewer)
    withdrawn = refreshed(participant)
    assert (withdrawn.state, withdrawn.withdrawal_reason) == ("withdrawn", "A duplicate of another participant.")
    assert withdrawn.withdrawn_at and withdrawn.published_at


def test_a_draft_is_published_only_by_someone_other_than_who_made_it(editor, reviewer, make_user):
    draft = Participant(name="Draft", slug="draft")
    save_with_history(draft, reviewer, "Made by the reviewer")
    request = workflow.request_publication(draft, editor)
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(request, reviewer)
    assert refused.value.code == "own-proposal"
    workflow.approve(request, make_user("ravi", "Reviewers"))
    assert refreshed(draft).is_live


def test_a_draft_changed_after_its_publication_was_requested_is_a_conflict(editor, reviewer):
    draft = Participant.objects.create(name="Draft", slug="draft")
    request = workflow.request_publication(draft, editor)
    draft.description = "Changed after the request."
    draft.save()
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(request, reviewer)
    assert refused.value.code == "conflict"
    assert not refreshed(draft).is_live
