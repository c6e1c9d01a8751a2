import pytest
from django.db import IntegrityError, connection, transaction

from answers import review
from answers.models import Annotation, AnnotationSource, FrozenRevisionError, Verdict
from tests.conftest import draft_revision, published_revision, submitted_revision

pytestmark = pytest.mark.django_db


def test_a_revision_goes_from_draft_to_submitted_to_published(claim, editor, reviewer):
    draft = draft_revision(claim, editor)
    assert (draft.status, draft.revision, draft.based_on) == ("draft", 1, None)
    submitted = review.submit(draft, editor)
    assert submitted.status == "submitted" and submitted.submitted_at
    approved = review.approve(submitted, reviewer, comment="Checked.")
    assert (approved.status, approved.reviewed_by, approved.review_comment) == ("published", reviewer, "Checked.")
    assert claim.annotations.published().get() == approved


def test_a_rejected_revision_keeps_the_reviewers_comment(claim, editor, reviewer):
    rejected = review.reject(submitted_revision(claim, editor), reviewer, "  Cite the treaty text.  ")
    assert (rejected.status, rejected.review_comment, rejected.reviewed_by) == (
        "rejected",
        "Cite the treaty text.",
        reviewer,
    )
    assert not claim.annotations.published().exists()


def test_a_new_revision_copies_the_published_one(claim, editor, other_editor, reviewer):
    first = published_revision(claim, editor, reviewer)
    draft = review.start_revision(claim, other_editor)
    assert (draft.revision, draft.based_on, draft.verdict, draft.rationale) == (
        2,
        first,
        first.verdict,
        first.rationale,
    )


def test_starting_a_revision_copies_evidence_and_sources(claim, editor, other_editor, reviewer, loaded_events):
    draft = draft_revision(claim, editor)
    draft.evidence.set(loaded_events.filter(slug="treaty-of-kars"))
    AnnotationSource.objects.create(annotation=draft, title="Treaty of Kars", url="https://example.org/kars")
    review.approve(review.submit(draft, editor), reviewer)
    copy = review.start_revision(claim, other_editor)
    assert [event.slug for event in copy.evidence.all()] == ["treaty-of-kars"]
    assert [(s.title, s.url) for s in copy.sources.all()] == [("Treaty of Kars", "https://example.org/kars")]


def test_starting_again_continues_the_editors_draft(claim, editor):
    assert review.start_revision(claim, editor) == review.start_revision(claim, editor)
    assert claim.annotations.count() == 1


def test_approving_supersedes_the_previous_published_revision(claim, editor, other_editor, reviewer):
    first = published_revision(claim, editor, reviewer)
    second = published_revision(
        claim, other_editor, reviewer, verdict="mostly-accurate", rationale="Signed 1921; ratified 1922."
    )
    first.refresh_from_db()
    assert (first.status, second.status, second.based_on) == ("superseded", "published", first)
    assert list(claim.annotations.public().order_by("revision")) == [first, second]


def test_submitting_needs_a_verdict_and_a_rationale(claim, editor):
    draft = review.start_revision(claim, editor)
    with pytest.raises(review.ReviewError, match="Add a verdict and a rationale before submitting.") as refused:
        review.submit(draft, editor)
    assert refused.value.code == "incomplete"


def test_only_the_author_submits_a_draft(claim, editor, other_editor):
    with pytest.raises(review.ReviewError) as refused:
        review.submit(draft_revision(claim, editor), other_editor)
    assert refused.value.code == "not-author"


@pytest.mark.parametrize("step", ["submit", "approve", "reject"])
def test_decided_revisions_cannot_move_again(claim, editor, reviewer, other_reviewer, step):
    decided = published_revision(claim, editor, reviewer)
    with pytest.raises(review.ReviewError) as refused:
        if step == "submit":
            review.submit(decided, editor)
        elif step == "approve":
            review.approve(decided, other_reviewer)
        else:
            review.reject(decided, other_reviewer, "Too late.")
    assert refused.value.code in ("not-draft", "not-submitted")


def test_a_draft_cannot_be_approved(claim, editor, reviewer):
    with pytest.raises(review.ReviewError) as refused:
        review.approve(draft_revision(claim, editor), reviewer)
    assert refused.value.code == "not-submitted"


def test_rejecting_needs_a_comment(claim, editor, reviewer):
    submitted = submitted_revision(claim, editor)
    with pytest.raises(review.ReviewError) as refused:
        review.reject(submitted, reviewer, "   ")
    assert refused.value.code == "comment"
    assert Annotation.objects.get(pk=submitted.pk).status == "submitted"


def test_editors_cannot_approve(claim, editor, other_editor):
    with pytest.raises(review.ReviewError) as refused:
        review.approve(submitted_revision(claim, editor), other_editor)
    assert refused.value.code == "permission"


@pytest.mark.parametrize("account", [{"is_staff": False}, {"is_active": False}])
def test_a_reviewer_must_be_active_staff_in_the_functions_as_in_the_admin(claim, editor, reviewer, account):
    for name, value in account.items():
        setattr(reviewer, name, value)
    reviewer.save()
    with pytest.raises(review.ReviewError) as refused:
        review.approve(submitted_revision(claim, editor), reviewer)
    assert refused.value.code == "permission"


def test_nobody_approves_their_own_revision_not_even_a_superuser(claim, make_user):
    chief = make_user("chief", is_superuser=True)
    submitted = submitted_revision(claim, chief)
    with pytest.raises(review.ReviewError) as refused:
        review.approve(submitted, chief)
    assert refused.value.code == "own-revision"


def test_the_database_refuses_a_self_reviewed_revision(claim, editor):
    verdict = Verdict.objects.get(slug="accurate")
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.create(
            claim=claim, revision=1, verdict=verdict, created_by=editor, reviewed_by=editor, status="rejected"
        )


def test_the_database_refuses_a_second_published_revision(claim, editor, reviewer):
    published_revision(claim, editor, reviewer)
    verdict = Verdict.objects.get(slug="accurate")
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.create(
            claim=claim, revision=2, verdict=verdict, created_by=editor, reviewed_by=reviewer, status="published"
        )


def test_approving_a_revision_of_a_superseded_base_is_a_conflict(claim, editor, other_editor, reviewer):
    base = published_revision(claim, editor, reviewer)
    stale = draft_revision(claim, other_editor, rationale="Stale edit.")
    newer = review.start_revision(claim, editor)
    newer.rationale = "Newer edit."
    newer.save()
    review.approve(review.submit(newer, editor), reviewer)
    stale = review.submit(stale, other_editor)
    with pytest.raises(review.ReviewError) as refused:
        review.approve(stale, reviewer)
    assert refused.value.code == "conflict"
    assert (
        f"was started from revision {base.revision}, but revision 3 has been published since" in refused.value.message
    )
    assert "Reject it with a comment asking the editor to start a new revision from revision 3" in refused.value.message
    assert claim.annotations.published().get().rationale == "Newer edit."


def test_a_fresh_revision_conflicts_with_one_published_meanwhile(claim, editor, other_editor, reviewer):
    fresh = draft_revision(claim, editor)
    published_revision(claim, other_editor, reviewer)
    with pytest.raises(review.ReviewError, match="was started before any was published"):
        review.approve(review.submit(fresh, editor), reviewer)


def test_frozen_revisions_cannot_change_through_the_model(claim, editor, loaded_events):
    submitted = submitted_revision(claim, editor)
    submitted.rationale = "Changed after submission."
    attempts = [
        submitted.save,
        lambda: Annotation.objects.filter(pk=submitted.pk).update(rationale="Sneaky."),
        lambda: submitted.evidence.add(loaded_events.first()),
        lambda: loaded_events.first().annotations.add(submitted),
        lambda: AnnotationSource.objects.create(annotation=submitted, title="Late", url="https://example.org/"),
    ]
    for attempt in attempts:
        with pytest.raises(FrozenRevisionError), transaction.atomic():
            attempt()
    assert Annotation.objects.get(pk=submitted.pk).rationale == "It was signed on 13 October 1921."
    assert not submitted.evidence.exists() and not submitted.sources.exists()


def test_published_revisions_cannot_be_deleted(claim, editor, reviewer):
    revision = published_revision(claim, editor, reviewer)
    with pytest.raises(FrozenRevisionError), transaction.atomic():
        revision.delete()
    with pytest.raises(FrozenRevisionError), transaction.atomic():
        Annotation.objects.all().delete()
    assert Annotation.objects.filter(pk=revision.pk).exists()


def test_history_rows_name_the_acting_user(claim, editor, reviewer):
    revision = published_revision(claim, editor, reviewer)
    rows = list(revision.history.order_by("history_id").values_list("status", "history_user__username"))
    assert rows[0] == ("draft", "alice")
    assert rows[-2:] == [("submitted", "alice"), ("published", "rita")]
    assert revision.history.first().history_change_reason == "Approved and published"


def test_requesting_changes_returns_the_revision_to_its_editor_as_a_draft(claim, editor, reviewer):
    returned = review.request_changes(submitted_revision(claim, editor), reviewer, "  Cite the treaty text.  ")
    assert (returned.status, returned.returned_by, returned.return_comment) == (
        "draft",
        reviewer,
        "Cite the treaty text.",
    )
    assert returned.is_draft_of(editor) and returned.reviewed_by is None


def test_requesting_changes_needs_a_comment(claim, editor, reviewer):
    with pytest.raises(review.ReviewError, match="Say what to change") as refused:
        review.request_changes(submitted_revision(claim, editor), reviewer, " ")
    assert refused.value.code == "comment"


def test_nobody_requests_changes_to_their_own_revision(claim, make_user):
    chief = make_user("chief", is_superuser=True)
    with pytest.raises(review.ReviewError) as refused:
        review.request_changes(submitted_revision(claim, chief), chief, "Again.")
    assert refused.value.code == "own-revision"


def test_an_editor_cannot_request_changes(claim, editor, other_editor):
    with pytest.raises(review.ReviewError) as refused:
        review.request_changes(submitted_revision(claim, editor), other_editor, "Again.")
    assert refused.value.code == "permission"


def test_only_a_submitted_revision_can_be_returned(claim, editor, reviewer):
    with pytest.raises(review.ReviewError) as refused:
        review.request_changes(draft_revision(claim, editor), reviewer, "Again.")
    assert refused.value.code == "not-submitted"


def test_a_returned_revision_is_revised_and_resubmitted_then_approved(claim, editor, reviewer):
    returned = review.request_changes(submitted_revision(claim, editor), reviewer, "Give the exact date.")
    returned.rationale = "Signed on 13 October 1921."
    returned.save()
    approved = review.approve(review.submit(returned, editor), reviewer)
    assert (approved.status, approved.rationale, approved.return_comment) == (
        "published",
        "Signed on 13 October 1921.",
        "Give the exact date.",
    )


def test_returning_and_withdrawing_are_recorded_in_history(claim, editor, reviewer):
    revision = review.request_changes(submitted_revision(claim, editor), reviewer, "Give the exact date.")
    review.withdraw_submission(review.submit(revision, editor), editor)
    reasons = list(revision.history.order_by("history_id").values_list("history_change_reason", "history_user"))
    assert reasons[-4:] == [
        ("Submitted for review", editor.pk),
        ("Changes requested", reviewer.pk),
        ("Submitted for review", editor.pk),
        ("Withdrawn from review by its editor", editor.pk),
    ]


def test_an_editor_withdraws_their_submission_as_a_draft(claim, editor):
    withdrawn = review.withdraw_submission(submitted_revision(claim, editor), editor)
    assert withdrawn.is_draft_of(editor) and withdrawn.returned_by is None


def test_only_the_author_withdraws_a_submission(claim, editor, other_editor):
    with pytest.raises(review.ReviewError, match="Only the editor who submitted") as refused:
        review.withdraw_submission(submitted_revision(claim, editor), other_editor)
    assert refused.value.code == "not-author"


def test_a_decided_revision_cannot_be_withdrawn(claim, editor, reviewer):
    with pytest.raises(review.ReviewError, match="nothing to withdraw") as refused:
        review.withdraw_submission(published_revision(claim, editor, reviewer), editor)
    assert refused.value.code == "not-submitted"


def test_no_revision_starts_beside_one_waiting_for_review(claim, editor, other_editor):
    submitted_revision(claim, editor)
    with pytest.raises(review.ReviewError, match="by alice, is waiting for review") as refused:
        review.start_revision(claim, other_editor)
    assert refused.value.code == "under-review"
    assert claim.annotations.count() == 1


def test_an_editor_is_told_to_open_or_withdraw_their_waiting_revision(claim, editor):
    submitted_revision(claim, editor)
    with pytest.raises(review.ReviewError, match="Open it, or withdraw it to change it"):
        review.start_revision(claim, editor)


def test_a_new_revision_starts_from_the_editors_rejected_work(claim, editor, other_editor, reviewer, loaded_events):
    published = published_revision(claim, other_editor, reviewer, verdict="accurate", rationale="Published.")
    rejected = review.reject(
        submitted_revision(claim, editor, rationale="Rejected work.", evidence=["treaty-of-kars"]), reviewer, "Why?"
    )
    draft = review.start_revision(claim, editor, start_from=rejected)
    assert (draft.verdict.slug, draft.rationale, draft.based_on) == ("inaccurate", "Rejected work.", published)
    assert [event.slug for event in draft.evidence.all()] == ["treaty-of-kars"]


def test_a_new_revision_starts_only_from_ones_own_rejected_work(claim, editor, other_editor, reviewer):
    rejected = review.reject(submitted_revision(claim, editor), reviewer, "Why?")
    with pytest.raises(review.ReviewError) as refused:
        review.start_revision(claim, other_editor, start_from=rejected)
    assert refused.value.code == "not-yours"


def test_a_claim_reworded_after_submission_is_a_conflict(claim, editor, reviewer):
    submitted = submitted_revision(claim, editor)
    claim.exact = "The Treaty of Kars was signed in 1921."  # as a re-anchoring in a new text would
    claim.save()
    submitted.refresh_from_db()
    assert "the claim's words changed after revision 1 was submitted" in review.conflict(submitted)


def test_the_database_refuses_a_request_for_changes_by_the_revisions_author(claim, editor):
    submitted = submitted_revision(claim, editor)
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.filter(pk=submitted.pk).update(
            status="draft", returned_by=editor, returned_at=submitted.submitted_at, return_comment="Mine."
        )


def test_the_database_refuses_rewriting_a_request_for_changes(claim, editor, reviewer):
    returned = review.request_changes(submitted_revision(claim, editor), reviewer, "Give the date.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.filter(pk=returned.pk).update(return_comment="Something else.")


def test_the_database_refuses_sending_a_revision_back_with_other_content(claim, editor, reviewer):
    submitted = submitted_revision(claim, editor)
    sent_back = "UPDATE answers_annotation SET status = 'draft', rationale = 'Words nobody reviewed.'"
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            sent_back + ", returned_by_id = %s, returned_at = %s, return_comment = 'Fine.' WHERE id = %s",
            [reviewer.pk, submitted.submitted_at, submitted.pk],
        )
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sent_back + " WHERE id = %s", [submitted.pk])


def test_the_database_refuses_reopening_a_decided_revision_as_a_draft(claim, editor, reviewer):
    rejected = review.reject(submitted_revision(claim, editor), reviewer, "No.")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE answers_annotation SET status = 'draft' WHERE id = %s", [rejected.pk])
