"""Tell reviewers of revisions waiting for them and editors of the decisions on theirs (config/notifications)."""

from django.urls import reverse

from answers.roles import REVIEW_PERMISSION
from config.notifications.models import Kind
from config.notifications.notify import no_longer_waiting, quoted, tell_author, tell_reviewers


def revision_submitted(annotation, editor):
    """Tell the reviewers, but `editor`, that `annotation` waits for review."""
    detail = f"Proposed verdict: {annotation.verdict}." if annotation.verdict_id else ""
    return tell_reviewers(REVIEW_PERMISSION, editor, _what(annotation), _review_path(annotation), detail)


def revision_withdrawn(annotation):
    """Take back the reviewers' notices of `annotation` not sent yet: its editor withdrew it from review."""
    no_longer_waiting(_review_path(annotation))


def revision_approved(annotation, reviewer):
    """Tell the revision's editor that `reviewer` approved and published it."""
    return _tell(annotation, reviewer, Kind.APPROVED, "Readers see it now.")


def revision_returned(annotation, reviewer):
    """Tell the revision's editor that `reviewer` sent it back to them with a request for changes."""
    return _tell(annotation, reviewer, Kind.RETURNED, "Revise it and submit it again.", annotation.return_comment)


def revision_rejected(annotation, reviewer):
    """Tell the revision's editor that `reviewer` rejected it."""
    return _tell(annotation, reviewer, Kind.REJECTED, "To try again, start a new revision from the claim's page.")


def _what(annotation, owner=""):
    return f"{owner}revision {annotation.revision} of the verdict on {quoted(annotation.claim.exact)}"


def _review_path(annotation):
    return reverse("admin:answers_annotation_review", args=[annotation.pk])


def _tell(annotation, reviewer, kind, next_step, comment=None):
    no_longer_waiting(_review_path(annotation))
    return tell_author(
        annotation.created_by,
        reviewer,
        kind,
        _what(annotation, "your "),
        reverse("admin:answers_annotation_change", args=[annotation.pk]),
        annotation.review_comment if comment is None else comment,
        next_step,
    )
