"""Tell reviewers of revisions waiting for them and editors of the decisions on theirs (config/notifications)."""

from django.urls import reverse

from answers.roles import REVIEW_PERMISSION
from config.notifications.models import Kind
from config.notifications.notify import quoted, tell_author, tell_reviewers


def revision_submitted(annotation, editor):
    """Tell the reviewers, but `editor`, that `annotation` waits for review."""
    detail = f"Proposed verdict: {annotation.verdict}." if annotation.verdict_id else ""
    return tell_reviewers(
        REVIEW_PERMISSION,
        editor,
        _what(annotation),
        reverse("admin:answers_annotation_review", args=[annotation.pk]),
        detail,
    )


def revision_approved(annotation, reviewer):
    """Tell the revision's editor that `reviewer` approved and published it."""
    return _tell(annotation, reviewer, Kind.APPROVED, "Readers see it now.")


def revision_returned(annotation, reviewer):
    """Tell the revision's editor that `reviewer` asks for changes; call it from "request changes", in its
    transaction, once `annotation.review_comment` holds the reviewer's comment."""
    return _tell(annotation, reviewer, Kind.RETURNED, "Revise it and submit it again.")


def revision_rejected(annotation, reviewer):
    """Tell the revision's editor that `reviewer` rejected it."""
    return _tell(annotation, reviewer, Kind.REJECTED, "To try again, start a new revision from the claim's page.")


def _what(annotation, owner=""):
    return f"{owner}revision {annotation.revision} of the verdict on {quoted(annotation.claim.exact)}"


def _tell(annotation, reviewer, kind, next_step):
    return tell_author(
        annotation.created_by,
        reviewer,
        kind,
        _what(annotation, "your "),
        reverse("admin:answers_annotation_change", args=[annotation.pk]),
        annotation.review_comment,
        next_step,
    )
