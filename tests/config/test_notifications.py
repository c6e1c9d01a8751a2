"""Email notifications: who is told what, only after the change commits, never the person who did it."""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from answers import review
from config.notifications.models import Delivery, Notification, NotificationSettings
from config.proposals import workflow
from events.models import Participant
from tests.conftest import draft_revision, submitted_revision

pytestmark = pytest.mark.django_db


class FailingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server is down.")


@pytest.fixture
def editor(make_user):
    return make_user("alice", "Editors", email="alice@example.com")


@pytest.fixture
def reviewer(make_user):
    return make_user("rita", "Reviewers", email="rita@example.com")


@pytest.fixture
def other_reviewer(make_user):
    return make_user("ravi", "Reviewers", email="ravi@example.com")


@pytest.fixture
def participant():
    participant = Participant.objects.create(name="Soviet Russia", slug="soviet-russia", description="Before.")
    participant.publish(reason="Published for the test")
    return participant


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def choose(user, delivery):
    NotificationSettings.objects.update_or_create(user=user, defaults={"delivery": delivery})


def test_reviewers_are_told_of_a_submitted_revision_once_it_commits(
    claim, editor, reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        revision = submitted_revision(claim, editor)
        assert mail.outbox == []
    assert recipients() == ["ravi@example.com", "rita@example.com"]
    message = mail.outbox[0]
    assert message.subject.startswith(f"Waiting for your review: revision {revision.revision} of the verdict on “")
    assert "alice submitted revision" in message.body
    assert settings.FACTLINE_SITE_URL + reverse("admin:answers_annotation_review", args=[revision.pk]) in message.body


def test_a_reviewer_who_also_edits_is_not_told_of_their_own_submission(
    claim, make_user, reviewer, django_capture_on_commit_callbacks
):
    both = make_user("erin", "Editors", email="erin@example.com")
    both.groups.add(reviewer.groups.get())
    with django_capture_on_commit_callbacks(execute=True):
        submitted_revision(claim, both)
    assert recipients() == ["rita@example.com"]


def test_only_active_reviewers_with_an_address_are_told(
    claim, editor, make_user, reviewer, django_capture_on_commit_callbacks
):
    make_user("nomail", "Reviewers")
    make_user("gone", "Reviewers", email="gone@example.com", is_active=False)
    make_user("bob", "Editors", email="bob@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        submitted_revision(claim, editor)
    assert recipients() == ["rita@example.com"]


def test_the_editor_is_told_of_the_approval_and_the_reviewer_is_not(
    claim, editor, reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    revision = submitted_revision(claim, editor)
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(revision, reviewer, "Well sourced.")
    assert recipients() == ["alice@example.com"]
    assert mail.outbox[0].subject.startswith("Approved: your revision 1 of the verdict on “")
    assert "rita approved your revision 1" in mail.outbox[0].body
    assert "Their comment: Well sourced." in mail.outbox[0].body


def test_the_editor_is_told_of_a_rejection_with_the_reviewers_comment(
    claim, editor, reviewer, django_capture_on_commit_callbacks
):
    revision = submitted_revision(claim, editor)
    with django_capture_on_commit_callbacks(execute=True):
        review.reject(revision, reviewer, "The treaty was signed in Kars, not Moscow.")
    assert recipients() == ["alice@example.com"]
    assert mail.outbox[0].subject.startswith("Rejected: your revision 1")
    assert "Their comment: The treaty was signed in Kars, not Moscow." in mail.outbox[0].body


def test_returned_work_is_told_to_its_editor(claim, editor, reviewer, django_capture_on_commit_callbacks):
    revision = submitted_revision(claim, editor)
    with django_capture_on_commit_callbacks(execute=True):
        review.request_changes(revision, reviewer, "Cite the treaty's text.")
    assert recipients() == ["alice@example.com"]
    assert mail.outbox[0].subject.startswith("Returned for changes: your revision 1")
    assert "Their comment: Cite the treaty's text." in mail.outbox[0].body


def test_a_withdrawn_submission_tells_nobody(claim, editor, reviewer, django_capture_on_commit_callbacks):
    revision = submitted_revision(claim, editor)
    with django_capture_on_commit_callbacks(execute=True):
        review.withdraw_submission(revision, editor)
    assert mail.outbox == []


def test_nothing_is_sent_when_the_change_rolls_back(claim, editor, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        submitted_revision(claim, editor)
        raise RuntimeError("Something later in the request failed.")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_reviewers_are_told_of_a_proposed_change_and_the_proposer_of_the_decision(
    participant, editor, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = workflow.propose_change(participant, editor, {"description": "After."}, note="Sharper.")
    assert recipients() == ["rita@example.com"]
    assert mail.outbox[0].subject == "Waiting for your review: a change to “Soviet Russia”"
    assert "Note: Sharper." in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reject(proposal, reviewer, "Keep the old wording.")
    assert recipients() == ["alice@example.com"]
    assert mail.outbox[0].subject == "Rejected: your change to “Soviet Russia”"


def test_a_reviewer_is_not_told_of_their_own_proposal_nor_of_its_approval(
    participant, reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = workflow.propose_change(participant, reviewer, {"description": "After."})
    assert recipients() == ["ravi@example.com"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(proposal, other_reviewer)
    assert recipients() == ["rita@example.com"]
    assert mail.outbox[0].subject == "Approved: your change to “Soviet Russia”"


def test_what_one_change_causes_arrives_as_one_email(participant, editor, reviewer, django_capture_on_commit_callbacks):
    other = Participant.objects.create(name="Ottoman Empire", slug="ottoman-empire", description="Before.")
    other.publish(reason="Published for the test")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        workflow.propose_change(participant, editor, {"description": "After."})
        workflow.propose_change(other, editor, {"description": "After."})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "2 updates on Factline: 2 waiting for review"
    assert "“Soviet Russia”" in mail.outbox[0].body and "“Ottoman Empire”" in mail.outbox[0].body


def test_a_person_who_turned_emails_off_gets_none(claim, editor, reviewer, django_capture_on_commit_callbacks):
    choose(reviewer, Delivery.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        submitted_revision(claim, editor)
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_the_daily_digest_collects_everything_since_the_last_one_in_one_email(
    participant, claim, editor, reviewer, django_capture_on_commit_callbacks
):
    choose(reviewer, Delivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        submitted_revision(claim, editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.propose_change(participant, editor, {"description": "After."})
    assert mail.outbox == []
    call_command("send_digests", verbosity=0)
    assert recipients() == ["rita@example.com"]
    assert mail.outbox[0].subject == "Your Factline digest: 2 updates (2 waiting for review)"
    assert "1. Waiting for your review: revision 1" in mail.outbox[0].body
    assert "2. Waiting for your review: a change to “Soviet Russia”" in mail.outbox[0].body
    assert not Notification.objects.unsent().exists()
    assert NotificationSettings.objects.get(user=reviewer).last_digest_at is not None
    call_command("send_digests", verbosity=0)
    assert len(mail.outbox) == 1


def test_the_digest_command_sends_nothing_on_a_dry_run(claim, editor, reviewer, django_capture_on_commit_callbacks):
    choose(reviewer, Delivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        submitted_revision(claim, editor)
    call_command("send_digests", "--dry-run", verbosity=0)
    assert mail.outbox == []
    assert Notification.objects.for_digest().count() == 1


@override_settings(EMAIL_BACKEND="tests.config.test_notifications.FailingBackend")
def test_a_mail_server_that_is_down_does_not_break_the_request(
    client, claim, editor, reviewer, django_capture_on_commit_callbacks
):
    revision = submitted_revision(claim, editor)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:answers_annotation_review", args=[revision.pk]), {"decision": "approve", "comment": ""}
        )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == "published"
    # Still unsent: the digest command or a later attempt can send it.
    assert Notification.objects.unsent().filter(recipient=editor).count() == 1


def test_a_task_queue_that_cannot_take_the_task_does_not_break_the_request(
    client, claim, editor, reviewer, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(recipient_ids):
        raise ConnectionError("The task queue is unreachable.")

    monkeypatch.setattr("config.notifications.notify.enqueue_sending", refuse)
    revision = submitted_revision(claim, editor)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:answers_annotation_review", args=[revision.pk]), {"decision": "approve", "comment": ""}
        )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == "published"


def test_the_database_queue_sends_once_its_worker_runs(
    claim, editor, reviewer, django_capture_on_commit_callbacks, monkeypatch
):
    # The worker closes stale connections between tasks; here that would be the test's own transaction.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    with override_settings(TASKS={"default": {"BACKEND": settings.FACTLINE_TASK_BACKENDS["database"]}}):
        with django_capture_on_commit_callbacks(execute=True):
            submitted_revision(claim, editor)
        assert mail.outbox == []
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert recipients() == ["rita@example.com"]


def test_each_person_chooses_their_own_delivery_in_the_admin(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:notifications_settings"))
    assert b"alice@example.com" in page.content
    assert b'value="daily"' in page.content
    response = client.post(reverse("admin:notifications_settings"), {"delivery": "daily"}, follow=True)
    assert NotificationSettings.delivery_for(editor) == Delivery.DAILY
    assert b"one email a day" in response.content


def test_the_header_links_to_the_email_settings(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index"))
    assert reverse("admin:notifications_settings").encode() in page.content


def test_the_settings_page_says_when_there_is_no_address_to_send_to(client, make_user):
    client.force_login(make_user("noaddress", "Editors"))
    page = client.get(reverse("admin:notifications_settings"))
    assert b"no email address" in page.content


def test_draft_revisions_tell_nobody(claim, editor, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft_revision(claim, editor)
    assert mail.outbox == []


def test_an_administrator_sees_the_email_tasks_queue(admin_client):
    assert admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).status_code == 200


def test_the_demo_accounts_have_example_addresses_to_be_emailed_at(settings):
    settings.DEBUG = True
    call_command("create_demo_accounts", stdout=io.StringIO())
    addresses = get_user_model().objects.order_by("username").values_list("email", flat=True)
    assert list(addresses) == ["admin@example.com", "editor@example.com", "reviewer@example.com"]


def test_a_digest_that_cannot_be_sent_waits_for_the_next_run(
    claim, editor, reviewer, django_capture_on_commit_callbacks, settings
):
    choose(reviewer, Delivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        submitted_revision(claim, editor)
    settings.EMAIL_BACKEND = "tests.config.test_notifications.FailingBackend"
    with pytest.raises(CommandError, match="1 digest could not be sent"):
        call_command("send_digests", verbosity=0)
    assert Notification.objects.for_digest().count() == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_digests", verbosity=0)
    assert recipients() == ["rita@example.com"]


def test_a_digest_leaves_out_work_withdrawn_or_decided_since_it_was_submitted(
    participant, claim, editor, reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    choose(reviewer, Delivery.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        review.withdraw_submission(submitted_revision(claim, editor), editor)
        workflow.withdraw(workflow.propose_change(participant, editor, {"description": "After."}), editor)
        decided = workflow.propose_change(participant, editor, {"description": "Later."})
        workflow.approve(decided, other_reviewer)
        waiting = workflow.propose_change(participant, editor, {"description": "Latest."})
    mail.outbox.clear()
    call_command("send_digests", verbosity=0)
    assert recipients() == ["rita@example.com"]
    assert mail.outbox[0].subject == "Your Factline digest: 1 update (1 waiting for review)"
    assert reverse("admin:proposals_proposal_change", args=[waiting.pk]) in mail.outbox[0].body
