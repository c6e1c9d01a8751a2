"""The maker-checker workflow: start, submit, withdraw, approve, return and reject annotation revisions.

Every function here is used by the admin and the tests alike. Each refusal raises ReviewError with a
message for the person who tried, saying what happened and what to do instead.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.utils import bulk_create_with_history

from answers import notices
from answers.models import Annotation, AnnotationSource, Claim, save_with_history
from config.people import display_name
from config.proposals.models import State
from config.text import refusal

CHANGES_REQUESTED = "Changes requested"  # the history reason of a revision sent back to its editor


def as_returned(annotation):
    """Return the history record of `annotation` as a reviewer last sent it back, or None if none did."""
    if annotation.returned_at is None:
        return None
    records = annotation.history.filter(history_change_reason=CHANGES_REQUESTED).select_related("verdict")
    return records.order_by("-history_date", "-history_id").first()


class ReviewError(Exception):
    """A workflow step that was refused; `code` says which rule refused it."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


def start_revision(claim, user, start_from=None):
    """Return the user's draft for `claim`, or a new draft that copies the claim's published revision.

    `start_from`, the user's own rejected revision of the claim, is copied instead: the editor starts again
    from the work the reviewer commented on. The new draft still revises the published revision.
    """
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim.pk)
        draft = claim.annotations.drafts_by(user).order_by("-revision").first()
        if draft is not None:
            return draft
        waiting = claim.annotations.submitted().select_related("created_by").first()
        if waiting is not None:
            raise ReviewError(_waiting_message(waiting, user), "under-review")
        published = claim.annotations.published().first()
        if start_from is not None and (
            start_from.claim_id != claim.pk
            or start_from.created_by_id != user.pk
            or start_from.status != Annotation.Status.REJECTED
        ):
            raise ReviewError("Start again only from a rejected revision of your own for this claim.", "not-yours")
        copied = start_from or published
        draft = Annotation(claim=claim, revision=claim.next_revision_number(), created_by=user, based_on=published)
        if copied is not None:
            draft.verdict, draft.rationale = copied.verdict, copied.rationale
        if start_from is not None:
            reason = f"Started again from rejected revision {start_from.revision}"
        else:
            reason = f"Started from revision {published.revision}" if published else "Started"
        save_with_history(draft, user, reason)
        if copied is not None:
            draft.evidence.set(copied.evidence.all())
            # Copied sources are changes like any other: each gets its history row.
            bulk_create_with_history(
                [
                    AnnotationSource(annotation=draft, title=source.title, url=source.url)
                    for source in copied.sources.all()
                ],
                AnnotationSource,
                default_user=user,
                default_change_reason=f"Copied from revision {copied.revision}",
            )
        return draft


def _waiting_message(waiting, user):
    if waiting.created_by_id == user.pk:
        return (
            f"Your revision {waiting.revision} of this claim is waiting for review. Open it, or withdraw it to "
            "change it, rather than starting another."
        )
    return (
        f"Revision {waiting.revision} of this claim, by {display_name(waiting.created_by)}, is waiting for review. "
        "Wait for the reviewer's decision: a revision started now would conflict with it."
    )


def submit(annotation, user):
    """Send the user's own draft for review."""
    with transaction.atomic():
        annotation = _locked(annotation)
        if annotation.created_by_id != user.pk:
            raise ReviewError("Only the editor who wrote a draft can submit it.", "not-author")
        if annotation.status != Annotation.Status.DRAFT:
            raise ReviewError(
                f"Revision {annotation.revision} is already {annotation.get_status_display()}; only drafts can be "
                "submitted.",
                "not-draft",
            )
        missing = [
            name
            for name, value in (("a verdict", annotation.verdict_id), ("a rationale", annotation.rationale.strip()))
            if not value
        ]
        if missing:
            raise ReviewError(f"Add {' and '.join(missing)} before submitting.", "incomplete")
        retired = [event.name for event in annotation.evidence.exclude(state=State.PUBLISHED)]
        if retired:
            raise ReviewError(
                f"Cite only events readers can see: {', '.join(retired)} is not published.", "unpublished-evidence"
            )
        if annotation.verdict.state != State.PUBLISHED:
            raise ReviewError(
                f"The verdict “{annotation.verdict}” is not in use; choose another.", "unpublished-verdict"
            )
        annotation.status = Annotation.Status.SUBMITTED
        annotation.submitted_at = timezone.now()
        # The verdict is about these words; if the claim's words change later, readers are told.
        annotation.claim_text = annotation.claim.exact
        save_with_history(annotation, user, "Submitted for review")
        notices.revision_submitted(annotation, user)
        return annotation


def approve(annotation, reviewer, comment=""):
    """Publish a submitted revision, superseding the claim's published one, in one transaction."""
    if (problem := refusal(comment, "the comment")) is not None:
        raise ReviewError(problem, "comment")
    try:
        with transaction.atomic():
            # Lock the claim: approvals of revisions of one claim run one after the other.
            claim = Claim.objects.select_for_update().get(pk=annotation.claim_id)
            annotation = _locked(annotation)
            _check_reviewable(annotation, reviewer)
            annotation.claim = claim
            if (problem := conflict(annotation)) is not None:
                raise ReviewError(problem, "conflict")
            published = claim.annotations.published().first()
            now = timezone.now()
            if published is not None:
                published.status = Annotation.Status.SUPERSEDED
                save_with_history(published, reviewer, f"Superseded by revision {annotation.revision}")
            annotation.status = Annotation.Status.PUBLISHED
            annotation.reviewed_by, annotation.reviewed_at, annotation.review_comment = reviewer, now, comment.strip()
            annotation.verdict_label = annotation.verdict.label
            save_with_history(annotation, reviewer, "Approved and published")
            notices.revision_approved(annotation, reviewer)
            return annotation
    except IntegrityError as error:
        # Only reachable where row locks are not available (SQLite): the database's own rule caught the race.
        raise ReviewError(
            "Another revision of this claim was published at the same moment. Reload the review queue.", "conflict"
        ) from error


def reject(annotation, reviewer, comment):
    """Reject a submitted revision with a comment saying why."""
    if not comment or not comment.strip():
        raise ReviewError("Say why you reject this revision: the comment is what the editor will act on.", "comment")
    if (problem := refusal(comment, "the comment")) is not None:
        raise ReviewError(problem, "comment")
    with transaction.atomic():
        annotation = _locked(annotation)
        _check_reviewable(annotation, reviewer)
        annotation.status = Annotation.Status.REJECTED
        annotation.reviewed_by, annotation.reviewed_at = reviewer, timezone.now()
        annotation.review_comment = comment.strip()
        save_with_history(annotation, reviewer, "Rejected")
        notices.revision_rejected(annotation, reviewer)
        return annotation


def request_changes(annotation, reviewer, comment):
    """Send a submitted revision back to its editor as a draft, with a comment saying what to change."""
    if not comment or not comment.strip():
        raise ReviewError(
            "Say what to change: the comment is what the editor will act on before submitting again.", "comment"
        )
    if (problem := refusal(comment, "the comment")) is not None:
        raise ReviewError(problem, "comment")
    with transaction.atomic():
        annotation = _locked(annotation)
        _check_reviewable(annotation, reviewer)
        annotation.status = Annotation.Status.DRAFT
        annotation.returned_by, annotation.returned_at = reviewer, timezone.now()
        annotation.return_comment = comment.strip()
        save_with_history(annotation, reviewer, CHANGES_REQUESTED)
        notices.revision_returned(annotation, reviewer)
        return annotation


def withdraw_submission(annotation, user):
    """Take the user's own submitted revision back from review, as a draft they can change again."""
    with transaction.atomic():
        annotation = _locked(annotation)
        if annotation.created_by_id != user.pk:
            raise ReviewError("Only the editor who submitted a revision can withdraw it.", "not-author")
        if annotation.status != Annotation.Status.SUBMITTED:
            raise ReviewError(
                f"Revision {annotation.revision} is {annotation.get_status_display()}, not waiting for review, so "
                "there is nothing to withdraw.",
                "not-submitted",
            )
        annotation.status = Annotation.Status.DRAFT
        save_with_history(annotation, user, "Withdrawn from review by its editor")
        notices.revision_withdrawn(annotation)
        return annotation


def conflict(annotation):
    """Return why approving `annotation` would overwrite a change made since it was started, or None."""
    claim = annotation.claim
    published = claim.annotations.published().select_related("reviewed_by").first()
    if not annotation.is_based_on(published):
        return _conflict_message(annotation, published)
    if annotation.status == Annotation.Status.SUBMITTED and annotation.claim_text != claim.exact:
        return (
            f"Conflict: the claim's words changed after revision {annotation.revision} was submitted "
            f"(it reviewed “{annotation.claim_text}”; the claim now reads “{claim.exact}”). Request changes so "
            "that the editor assesses the new words."
        )
    return None


def _locked(annotation):
    # Lock the revision's row only: approve() locks the claim first, and a lock taken on both rows in one
    # statement, in whatever order PostgreSQL takes them, would deadlock with it.
    return Annotation.objects.select_for_update(of=("self",)).select_related("claim").get(pk=annotation.pk)


def _check_reviewable(annotation, reviewer):
    if not Annotation.user_can_review(reviewer):
        raise ReviewError("Only reviewers can decide on submitted revisions.", "permission")
    if annotation.created_by_id == reviewer.pk:
        raise ReviewError(
            "You wrote this revision, so another reviewer has to check it: nobody reviews their own work.",
            "own-revision",
        )
    if annotation.status != Annotation.Status.SUBMITTED:
        raise ReviewError(
            f"Revision {annotation.revision} is {annotation.get_status_display()}, not waiting for review; "
            "someone may have decided on it already.",
            "not-submitted",
        )


def _conflict_message(annotation, published):
    if published is None:
        return (
            f"Revision {annotation.revision} revises revision {annotation.based_on.revision}, which is no longer "
            "published. Reject it and ask the editor to start a new revision."
        )
    when = date_format(timezone.localtime(published.reviewed_at), "DATETIME_FORMAT")
    started = f"from revision {annotation.based_on.revision}" if annotation.based_on_id else "before any was published"
    return (
        f"Conflict: revision {annotation.revision} was started {started}, but revision {published.revision} has "
        f"been published since (approved by {display_name(published.reviewed_by)} on {when}). Approving it would "
        f"silently undo that change. Reject it with a comment asking the editor to start a new revision from revision "
        f"{published.revision}."
    )
