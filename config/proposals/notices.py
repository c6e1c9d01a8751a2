"""Tell reviewers of proposals waiting for them and proposers of the decisions on theirs (config/notifications)."""

from django.urls import reverse

from config.notifications.models import Kind as NotificationKind
from config.notifications.notify import no_longer_waiting, reviewers, tell_author, tell_reviewers
from config.proposals import REVIEW_PERMISSION
from config.proposals.models import Kind

# What a proposal is, said to the reviewers and to its author.
WAITING = {
    Kind.PUBLISH: "the publication of “{}”",
    Kind.CHANGE: "a change to “{}”",
    Kind.WITHDRAW: "the withdrawal of “{}”",
}
YOURS = {
    Kind.PUBLISH: "your request to publish “{}”",
    Kind.CHANGE: "your change to “{}”",
    Kind.WITHDRAW: "your request to withdraw “{}”",
}


def proposal_made(proposal, user, people=None):
    """Tell the reviewers (`people`, if they were found already), but `user` (None for an import), that
    `proposal` waits for review."""
    detail = f"Note: {proposal.note}" if proposal.note else ""
    what = WAITING[proposal.kind].format(proposal.target_label)
    return tell_reviewers(REVIEW_PERMISSION, user, what, _path(proposal), detail, people=people)


def proposals_made(proposals, user):
    """proposal_made() for many proposals: the reviewers are found once."""
    people = list(reviewers(REVIEW_PERMISSION))
    for proposal in proposals:
        proposal_made(proposal, user, people)


def proposal_approved(proposal, reviewer):
    """Tell the proposal's author that `reviewer` approved it."""
    return _tell(proposal, reviewer, NotificationKind.APPROVED, "Readers see it now.")


def proposal_rejected(proposal, reviewer):
    """Tell the proposal's author that `reviewer` rejected it; readers see no change."""
    return _tell(proposal, reviewer, NotificationKind.REJECTED, "Nothing changed for readers.")


def proposal_returned(proposal, reviewer):
    """Tell the proposal's author that `reviewer` asks for changes; they propose again from their desk."""
    return _tell(
        proposal, reviewer, NotificationKind.RETURNED, "Nothing changed for readers. Change it and propose it again."
    )


def proposal_withdrawn(proposal):
    """Take back the reviewers' notices of `proposal` not sent yet: its author withdrew it."""
    no_longer_waiting(_path(proposal))


def _path(proposal):
    return reverse("admin:proposals_proposal_change", args=[proposal.pk])


def _tell(proposal, reviewer, kind, next_step):
    no_longer_waiting(_path(proposal))
    if proposal.created_by is None:
        return []
    what = YOURS[proposal.kind].format(proposal.target_label)
    return tell_author(proposal.created_by, reviewer, kind, what, _path(proposal), proposal.review_comment, next_step)
