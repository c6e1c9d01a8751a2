"""A reviewer may send a proposal back to its author with a comment; the author changes it and proposes again.

The database tests run on SQLite (make test) and on PostgreSQL (make test-postgres).
"""

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from answers.review_queue import desk_for
from config.proposals import workflow
from config.proposals.models import Proposal
from events.models import Event
from tests.conftest import admin_form

pytestmark = pytest.mark.django_db

TABLE = Proposal._meta.db_table


@pytest.fixture
def event(loaded_events):
    return Event.objects.get(slug="treaty-of-kars")


@pytest.fixture
def proposal(event, editor):
    return workflow.propose_change(event, editor, {"name": "Treaty of Kars (1921)"}, note="The year helps.")


def refused(sql, *params):
    """Run raw `sql` in a savepoint and tell whether the database refused it."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except IntegrityError:
        return True
    return False


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_requesting_changes_closes_the_proposal_as_returned_with_the_comment(proposal, event, reviewer):
    workflow.request_changes(proposal, reviewer, "  Say which treaty: there were two.  ")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reviewed_by, proposal.review_comment) == (
        "returned",
        reviewer,
        "Say which treaty: there were two.",
    )
    assert proposal.closed_at is not None
    assert Event.objects.get(pk=event.pk).name == "Treaty of Kars"
    assert proposal.history.first().history_change_reason == "Changes requested"
    assert proposal.get_status_display() == "changes requested"


@pytest.mark.parametrize("comment", ["", "   "])
def test_changes_cannot_be_requested_without_saying_what_to_change(proposal, reviewer, comment):
    with pytest.raises(workflow.ProposalError) as refusal:
        workflow.request_changes(proposal, reviewer, comment)
    assert refusal.value.code == "comment"
    assert Proposal.objects.get(pk=proposal.pk).is_pending


def test_nobody_requests_changes_to_their_own_proposal(event, reviewer):
    own = workflow.propose_change(event, reviewer, {"name": "Mine."})
    with pytest.raises(workflow.ProposalError) as refusal:
        workflow.request_changes(own, reviewer, "Mine.")
    assert refusal.value.code == "own-proposal"
    assert Proposal.objects.get(pk=own.pk).is_pending


def test_only_reviewers_request_changes(proposal, make_user):
    with pytest.raises(workflow.ProposalError) as refusal:
        workflow.request_changes(proposal, make_user("edna", "Editors"), "Not mine to say.")
    assert refusal.value.code == "permission"
    assert Proposal.objects.get(pk=proposal.pk).is_pending


def test_a_decided_proposal_cannot_be_returned(proposal, reviewer, other_reviewer):
    workflow.reject(proposal, reviewer, "No.")
    with pytest.raises(workflow.ProposalError) as refusal:
        workflow.request_changes(proposal, other_reviewer, "Change it.")
    assert refusal.value.code == "not-pending"
    assert Proposal.objects.get(pk=proposal.pk).status == "rejected"


def test_the_database_returns_a_pending_proposal_only_with_a_reviewer_other_than_its_author(proposal, editor, reviewer):
    now = timezone.now()
    update = f"UPDATE {TABLE} SET status = %s, reviewed_by_id = %s, reviewed_at = %s, closed_at = %s WHERE id = %s"
    assert refused(update, "returned", None, None, now, proposal.pk)
    assert refused(update, "returned", editor.pk, now, now, proposal.pk)
    assert refused(update, "sent back", reviewer.pk, now, now, proposal.pk)
    assert not refused(update, "returned", reviewer.pk, now, now, proposal.pk)
    assert Proposal.objects.get(pk=proposal.pk).status == "returned"


def test_the_database_keeps_a_returned_proposal_final_and_never_creates_one_returned(proposal, editor, reviewer):
    workflow.request_changes(proposal, reviewer, "Say which treaty.")
    for status in ["pending", "approved", "rejected", "withdrawn"]:
        assert refused(f"UPDATE {TABLE} SET status = %s WHERE id = %s", status, proposal.pk)
    assert refused(f"UPDATE {TABLE} SET review_comment = %s WHERE id = %s", "Rewritten.", proposal.pk)
    assert refused(f"DELETE FROM {TABLE} WHERE id = %s", proposal.pk)
    forged = Proposal(content_type=proposal.content_type, object_id=proposal.object_id, target_label="x")
    forged.kind, forged.status, forged.created_by = "change", "returned", editor
    forged.reviewed_by, forged.reviewed_at, forged.closed_at = reviewer, timezone.now(), timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.bulk_create([forged])
    assert Proposal.objects.get(pk=proposal.pk).status == "returned"


def test_the_proposer_is_told_of_the_request_for_changes_after_it_commits(
    proposal, editor, reviewer, django_capture_on_commit_callbacks
):
    editor.email, reviewer.email = "alice@example.com", "rita@example.com"
    editor.save(), reviewer.save()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(proposal, reviewer, "Say which treaty.")
        assert mail.outbox == []
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert mail.outbox[0].subject.startswith("Returned for changes: your change to “Treaty of Kars (13 October 1921)”")
    assert "Their comment: Say which treaty." in mail.outbox[0].body


def test_a_reviewer_requests_changes_from_the_proposal_review_page(client, proposal, reviewer):
    client.force_login(reviewer)
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    assert 'value="Request changes"' in client.get(url).content.decode()
    client.post(url, {"decision": "request-changes", "comment": ""})
    assert Proposal.objects.get(pk=proposal.pk).is_pending
    response = client.post(url, {"decision": "request-changes", "comment": "Say which treaty."}, follow=True)
    assert "Sent back to the editor with your comment. Nothing changed for readers." in messages_of(response)
    assert Proposal.objects.get(pk=proposal.pk).status == "returned"


def test_the_desk_lists_a_returned_proposal_with_the_comment_and_a_way_to_propose_it_again(
    client, proposal, editor, reviewer, event
):
    workflow.request_changes(proposal, reviewer, "Say which treaty.")
    assert desk_for(editor)["returned_proposals"] == [proposal]
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    again = reverse("admin:events_event_change", args=[event.pk]) + f"?from_proposal={proposal.pk}"
    assert "Changes requested by rita:</strong> Say which treaty." in page
    assert f'href="{again}">Change and propose again</a>' in page


def test_proposing_again_starts_from_the_returned_change_and_makes_a_new_proposal(
    client, proposal, editor, reviewer, event
):
    workflow.request_changes(proposal, reviewer, "Say which treaty.")
    client.force_login(editor)
    url = reverse("admin:events_event_change", args=[event.pk])
    response = client.get(f"{url}?from_proposal={proposal.pk}")
    assert 'value="Treaty of Kars (1921)"' in response.content.decode()
    assert any("rita asked: “Say which treaty.”" in message for message in messages_of(response))
    data = admin_form(client, f"{url}?from_proposal={proposal.pk}")
    data["name"] = ["Treaty of Kars (October 1921)"]
    client.post(url, data)
    again = Proposal.objects.pending().get()
    assert again.pk != proposal.pk and again.changes == {"name": "Treaty of Kars (October 1921)"}
    assert Proposal.objects.get(pk=proposal.pk).status == "returned"


def test_the_form_starts_from_the_object_as_it_is_if_it_changed_since(
    client, proposal, editor, reviewer, other_reviewer, make_user, event
):
    workflow.request_changes(proposal, reviewer, "Say which treaty.")
    workflow.approve(workflow.propose_change(event, make_user("edna", "Editors"), {"name": "Kars, 1921"}), reviewer)
    client.force_login(editor)
    url = reverse("admin:events_event_change", args=[event.pk])
    response = client.get(f"{url}?from_proposal={proposal.pk}")
    assert 'value="Kars, 1921"' in response.content.decode()
    assert "Treaty of Kars (1921)" not in response.content.decode()
    assert any("changed after your proposal was returned" in message for message in messages_of(response))


def test_only_the_proposer_starts_from_their_returned_change(client, proposal, reviewer, make_user, event):
    workflow.request_changes(proposal, reviewer, "Say which treaty.")
    client.force_login(make_user("edna", "Editors"))
    url = reverse("admin:events_event_change", args=[event.pk])
    response = client.get(f"{url}?from_proposal={proposal.pk}")
    assert "Treaty of Kars (1921)" not in response.content.decode()
    assert any("no returned proposal of yours" in message for message in messages_of(response))


def test_a_returned_withdrawal_is_asked_again_from_the_withdrawal_form(client, editor, reviewer, event):
    withdrawal = workflow.propose_withdrawal(event, editor, "A duplicate entry.")
    workflow.request_changes(withdrawal, reviewer, "Name the entry it duplicates.")
    [returned] = desk_for(editor)["returned_proposals"]
    assert (
        returned.again_url
        == reverse("admin:events_event_withdraw", args=[event.pk]) + f"?from_proposal={withdrawal.pk}"
    )
    client.force_login(editor)
    assert "A duplicate entry.</textarea>" in client.get(returned.again_url).content.decode()
