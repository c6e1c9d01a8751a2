"""The review queue: verdict revisions and content changes waiting for a reviewer, in one list, oldest first."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from answers.models import Annotation
from config import presence
from config.people import display_name
from config.proposals.models import Proposal


@dataclass
class Item:
    """One thing waiting for review, as the queue lists it."""

    obj: object
    kind: str
    title: str
    context: str
    url: str
    author: str
    waiting_since: datetime
    looking: list = field(default_factory=list)

    @property
    def waiting(self):
        """Return how long the item has waited, to the largest unit: “3 hours”."""
        if timezone.now() - self.waiting_since < timedelta(minutes=1):
            return _("less than a minute")
        return timesince(self.waiting_since, timezone.now(), depth=1)


def revision_item(annotation):
    claim = annotation.claim
    based = _(" (revises %(revision)s)") % {"revision": annotation.based_on.revision} if annotation.based_on else ""
    return Item(
        obj=annotation,
        kind=_("Verdict, revision %(revision)s%(based)s") % {"revision": annotation.revision, "based": based},
        title=Truncator(claim.exact).chars(140),
        context=f"{annotation.verdict} · {claim.answer.author} · {Truncator(claim.answer.question.text).chars(80)}",
        url=reverse("admin:answers_annotation_review", args=[annotation.pk]),
        author=display_name(annotation.created_by),
        waiting_since=annotation.submitted_at,
    )


def proposal_item(proposal):
    changes = ", ".join(proposal.changes) if proposal.kind == Proposal.Kind.CHANGE else ""
    return Item(
        obj=proposal,
        kind=f"{proposal.get_kind_display().capitalize()} · {proposal.content_type.name}",
        title=Truncator(proposal.target_label).chars(140),
        context=_("Changes: %(fields)s") % {"fields": changes} if changes else "",
        url=reverse("admin:proposals_proposal_change", args=[proposal.pk]),
        author=display_name(proposal.created_by) if proposal.created_by else _("an import"),
        waiting_since=proposal.created_at,
    )


def waiting_for(user):
    """Return the items `user` may decide on, everyone's but their own, oldest first, with who is looking."""
    items = []
    if Annotation.user_can_review(user):
        revisions = Annotation.objects.awaiting_review_by(user).select_related(
            "claim__answer__author", "claim__answer__question", "verdict", "created_by", "based_on"
        )
        items += [revision_item(annotation) for annotation in revisions]
    if Proposal.user_can_review(user):
        proposals = Proposal.objects.awaiting_review_by(user).select_related("content_type", "created_by")
        items += [proposal_item(proposal) for proposal in proposals]
    items.sort(key=lambda item: (item.waiting_since, item.url))
    return items


def with_lookers(items, user):
    """Fill in, for each of `items`, who other than `user` is looking at it now."""
    looking = presence.looking_at([item.obj for item in items], user)
    for item in items:
        item.looking = looking[item.obj]
    return items


DESK_ROWS = 20  # per section; the full lists are in the revision list's filters
RECENT_REJECTIONS = timedelta(days=30)


def desk_for(user):
    """Return the editor's desk: their drafts, their work waiting for review, and what came back to them."""
    revisions = Annotation.objects.select_related("claim", "verdict", "returned_by", "reviewed_by")
    proposals = Proposal.objects.by(user).select_related("content_type", "reviewed_by")
    return {
        "drafts": list(revisions.drafts_by(user).filter(returned_at__isnull=True).order_by("-created_at")[:DESK_ROWS]),
        "waiting": list(revisions.submitted().filter(created_by=user).order_by("submitted_at")[:DESK_ROWS]),
        "waiting_proposals": list(proposals.pending().order_by("created_at")[:DESK_ROWS]),
        "returned": list(revisions.returned_to(user).order_by("-returned_at")[:DESK_ROWS]),
        "rejected": list(revisions.rejected_for(user).order_by("-reviewed_at")[:DESK_ROWS]),
        "returned_proposals": [
            _with_again_url(proposal)
            for proposal in proposals.filter(
                status=Proposal.Status.RETURNED, reviewed_at__gte=timezone.now() - RECENT_REJECTIONS
            ).order_by("-reviewed_at")[:DESK_ROWS]
        ],
        "rejected_proposals": list(
            proposals.filter(
                status=Proposal.Status.REJECTED, reviewed_at__gte=timezone.now() - RECENT_REJECTIONS
            ).order_by("-reviewed_at")[:DESK_ROWS]
        ),
    }


def _with_again_url(proposal):
    """Set on a returned proposal the page its author proposes it again from: the object's form, filled in with
    the returned change, or the object's withdrawal form, or its page (with Request publication)."""
    opts = proposal.target_model()._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    if proposal.kind == Proposal.Kind.WITHDRAW:
        url = reverse(f"{base}_withdraw", args=[proposal.object_id]) + f"?from_proposal={proposal.pk}"
    elif proposal.kind == Proposal.Kind.CHANGE:
        url = reverse(f"{base}_change", args=[proposal.object_id]) + f"?from_proposal={proposal.pk}"
    else:
        url = reverse(f"{base}_change", args=[proposal.object_id])
    proposal.again_url = url
    return proposal
