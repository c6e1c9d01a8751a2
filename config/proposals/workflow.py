"""The review of proposals: propose a change, a publication or a withdrawal; approve, reject or withdraw it.

The admin, the importer and the tests call these functions alike. Each refusal raises ProposalError
with a message for the person who tried, saying what happened and what to do instead.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from config.bulk import insert_with_history
from config.history import save_with_history
from config.proposals import notices
from config.proposals.models import Kind, Proposal, State, Status, to_json
from config.text import refusal


class ProposalError(Exception):
    """A workflow step that was refused; `code` says which rule refused it."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


def _proposal(target, kind, user, note="", **fields):
    return Proposal(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        target_label=str(target)[:300],
        kind=kind,
        note=note.strip(),
        created_by=user,
        **fields,
    )


def _new(target, kind, user, note="", **fields):
    proposal = _proposal(target, kind, user, note, **fields)
    save_with_history(proposal, user, f"Proposed: {proposal.get_kind_display()}")
    notices.proposal_made(proposal, user)
    return proposal


def change_version(target, changes, base=None):
    """Return the version a change is made against: the object's (`base`, if the editor saw an older one),
    and that of each draft the change would publish with it (an answer's new author)."""
    parts = [target.version() if base is None else base]
    fields = {field.name: field for field in type(target).reviewed_fields()}
    for name in sorted(set(changes) & set(type(target).drafts_published_with_change)):
        related = fields[name].related_model._default_manager.filter(pk=changes[name]).first()
        parts.append(f"{name}:{related.version() if related is not None else 'gone'}")
    return "+".join(parts)


def _check_references(target, changes):
    """Refuse a change that points a published object at a draft, which readers must not see unreviewed."""
    fields = {field.name: field for field in type(target).reviewed_fields()}
    for name, value in changes.items():
        field = fields[name]
        if not field.many_to_one or value is None or name in type(target).drafts_published_with_change:
            continue
        related = field.related_model._default_manager.filter(pk=value).first()
        if related is not None and getattr(related, "state", State.PUBLISHED) == State.DRAFT:
            raise ProposalError(
                f"{field.verbose_name.capitalize()} “{related}” is not published yet: it has to be reviewed and "
                "published before published content can point at it.",
                "unpublished-reference",
            )


def propose_change(target, user, changes, note="", base_version=None):
    """Keep `changes` ({field name: new value}) to a published object as a proposal for another person.

    `base_version` is the version the editor saw (the object's current one by default): approval is
    refused if the object changed since. The same person's earlier pending change to the object is
    replaced (or kept, if it proposed exactly this).
    """
    if not target.was_published:
        raise ValueError(f"{target!r} is a draft: drafts are edited directly, not through proposals.")
    fields = {field.name: field for field in type(target).reviewed_fields()}
    if not changes or set(changes) - set(fields):
        raise ValueError(f"Nothing to propose, or fields a proposal cannot change: {sorted(changes)}")
    _check_references(target, changes)
    base_version = change_version(target, changes, base=base_version)
    with transaction.atomic():
        for earlier in Proposal.objects.pending().for_object(target).filter(kind=Kind.CHANGE, created_by=user):
            if earlier.changes == to_json(changes) and earlier.base_version == base_version:
                return earlier
            _close(earlier, Status.WITHDRAWN, user, "Replaced by a newer proposal")
        return _new(
            target,
            Kind.CHANGE,
            user,
            note,
            changes=to_json(changes),
            before={name: target.field_value(fields[name]) for name in changes},
            base_version=base_version,
        )


def request_publication(target, user, note=""):
    """Ask a reviewer to publish `target` with everything that belongs to it (its publication unit).

    A pending request of the same user for the same object is replaced: it asked to publish an older version.
    """
    return request_publications([(target, note)], user)[0]


def request_publications(requests, user):
    """request_publication() for many objects at once ((target, note) pairs): an import's new questions.

    The earlier requests they replace are found, the requests written and the reviewers told, in a few
    statements for all of them.
    """
    units = {}
    for target, note in requests:
        unit = target.publication_unit()
        if unit.is_live:
            raise ValueError(f"{unit!r} is published already.")
        units[type(unit), unit.pk] = unit, note
    if not units:
        return []
    with transaction.atomic():
        for model in {model for model, _ in units}:
            earlier = Proposal.objects.pending().filter(
                kind=Kind.PUBLISH,
                created_by=user,
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=[pk for kind, pk in units if kind is model],
            )
            for proposal in earlier:
                _close(proposal, Status.WITHDRAWN, user, "Replaced by a newer request")
        proposals = [
            _proposal(unit, Kind.PUBLISH, user, note, base_version=unit.unit_version()) for unit, note in units.values()
        ]
        insert_with_history(Proposal, proposals, user, f"Proposed: {Kind.PUBLISH.label}")
        notices.proposals_made(proposals, user)
        return proposals


def propose_withdrawal(target, user, reason):
    """Ask a reviewer to take a published object off the public pages; readers will see `reason`.

    The same person's earlier pending withdrawal of the object is replaced (or kept, if it says the same).
    """
    if not target.is_live:
        raise ProposalError(f"“{target}” is not published, so there is nothing to withdraw.", "not-live")
    if not reason or not reason.strip():
        raise ProposalError("Say why it should be withdrawn: readers will see the reason.", "reason")
    if (problem := refusal(reason, "the reason")) is not None:
        raise ProposalError(problem, "reason")
    with transaction.atomic():
        for earlier in Proposal.objects.pending().for_object(target).filter(kind=Kind.WITHDRAW, created_by=user):
            if earlier.note == reason.strip() and earlier.base_version == target.version():
                return earlier
            _close(earlier, Status.WITHDRAWN, user, "Replaced by a newer proposal")
        return _new(target, Kind.WITHDRAW, user, reason, base_version=target.version())


def withdraw(proposal, user):
    """Take back one's own pending proposal."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.created_by_id is None or proposal.created_by_id != user.pk:
            raise ProposalError("Only the person who made a proposal can take it back.", "not-author")
        _check_pending(proposal)
        _close(proposal, Status.WITHDRAWN, user, "Withdrawn by its author")
        notices.proposal_withdrawn(proposal)
        return proposal


def approve(proposal, reviewer, comment=""):
    """Apply a pending proposal to its object, in one transaction, and record both people."""
    if (problem := refusal(comment, "the comment")) is not None:
        raise ProposalError(problem, "comment")
    try:
        with transaction.atomic():
            # Lock the object first: decisions on proposals for one object run one after the other.
            model = proposal.content_type.model_class()
            if (unlocked := model._default_manager.filter(pk=proposal.object_id).first()) is not None:
                unlocked.lock_before_deciding()
            target = model._default_manager.select_for_update().filter(pk=proposal.object_id).first()
            proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
            _check_reviewable(proposal, reviewer)
            if target is None:
                raise ProposalError(f"“{proposal.target_label}” no longer exists. Reject this proposal.", "gone")
            if proposal.kind == Kind.PUBLISH:
                _check_publisher(proposal, target, reviewer)
            if not is_current(proposal, target):
                raise ProposalError(_conflict_message(proposal, target), "conflict")
            if proposal.kind == Kind.CHANGE:
                _check_references(target, proposal.changes)
            for companion in target.proposals_approved_with(proposal):
                approve(companion, reviewer, comment)
            now = timezone.now()
            author = proposal.created_by or reviewer
            proposer = proposal.created_by or "an import"
            reason = f"Proposal {proposal.pk} ({proposal.get_kind_display()}) by {proposer}, approved by {reviewer}"
            if proposal.kind == Kind.CHANGE:
                target.apply_changes(proposal.changes, author, reason)
            elif proposal.kind == Kind.PUBLISH:
                target.publish(author, reason, when=now)
            else:
                target.withdraw(author, reason, note=proposal.note, when=now)
            proposal.reviewed_by, proposal.reviewed_at, proposal.review_comment = reviewer, now, comment.strip()
            _close(proposal, Status.APPROVED, reviewer, "Approved")
            notices.proposal_approved(proposal, reviewer)
            return proposal
    except ValidationError as error:
        problems = "; ".join(message.rstrip(".") for message in error.messages)
        raise ProposalError(
            f"The change no longer fits “{proposal.target_label}”: {problems}. Reject it, with this reason.", "invalid"
        ) from error
    except IntegrityError as error:
        raise ProposalError(
            "The database refused this change (another change to the same object may have been approved at the "
            "same moment). Reload the review queue.",
            "conflict",
        ) from error


def reject(proposal, reviewer, comment):
    """Reject a pending proposal with a comment saying why; nothing changes for readers."""
    missing = "Say why you reject this proposal: the comment is what the editor will act on."
    closing = (Status.REJECTED, "Rejected", notices.proposal_rejected)
    return _close_with_comment(proposal, reviewer, comment, missing, *closing)


def request_changes(proposal, reviewer, comment):
    """Send a pending proposal back to its author with a comment saying what to change; nothing changes for
    readers. The proposal is closed as returned; its author proposes again, starting from it (see the desk)."""
    missing = "Say what to change: the comment is what the editor will act on."
    closing = (Status.RETURNED, "Changes requested", notices.proposal_returned)
    return _close_with_comment(proposal, reviewer, comment, missing, *closing)


def _close_with_comment(proposal, reviewer, comment, missing, status, reason, notice):
    """Close a pending proposal as `status` with the reviewer's required comment (`missing` says so when there
    is none), record `reason` in its history, and tell its author with `notice`."""
    if not comment or not comment.strip():
        raise ProposalError(missing, "comment")
    if (problem := refusal(comment, "the comment")) is not None:
        raise ProposalError(problem, "comment")
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        _check_reviewable(proposal, reviewer)
        proposal.reviewed_by, proposal.reviewed_at = reviewer, timezone.now()
        proposal.review_comment = comment.strip()
        _close(proposal, status, reviewer, reason)
        notice(proposal, reviewer)
        return proposal


def is_current(proposal, target):
    """Tell whether the object (and any draft the change would publish) is still at the proposal's version."""
    if proposal.kind == Kind.PUBLISH:
        return target.unit_version() == proposal.base_version
    if proposal.kind == Kind.CHANGE:
        return change_version(target, proposal.changes) == proposal.base_version
    return target.version() == proposal.base_version


def _close(proposal, status, user, reason):
    proposal.status, proposal.closed_at = status, timezone.now()
    save_with_history(proposal, user, reason)
    return proposal


def _check_pending(proposal):
    if not proposal.is_pending:
        raise ProposalError(
            f"This proposal is {proposal.get_status_display()}, not waiting for review; someone may have decided "
            "on it already.",
            "not-pending",
        )


def _check_reviewable(proposal, reviewer):
    if not Proposal.user_can_review(reviewer):
        raise ProposalError("Only reviewers can decide on proposed changes.", "permission")
    if proposal.created_by_id == reviewer.pk:
        raise ProposalError(
            "You made this proposal, so another reviewer has to check it: nobody reviews their own work.",
            "own-proposal",
        )
    _check_pending(proposal)


def _check_publisher(proposal, target, reviewer):
    if reviewer.pk in target.unit_editors():
        raise ProposalError(
            f"You imported or last changed “{target}”, so another reviewer has to publish it: nobody reviews their "
            "own work.",
            "own-proposal",
        )


def _conflict_message(proposal, target):
    latest = target.history.order_by("-history_id").select_related("history_user").first()
    who = getattr(latest, "history_user", None) or "an import or a command"
    when = date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT") if latest else "since"
    if proposal.kind == Kind.PUBLISH:
        return (
            f"Conflict: “{target}” changed after its publication was requested, so you would publish something "
            "nobody asked to publish. Reject this request and ask the editor to request publication again."
        )
    if target.state == State.WITHDRAWN and proposal.kind != Kind.WITHDRAW:
        return f"Conflict: “{target}” was withdrawn after this proposal was made. Reject it."
    if proposal.base_version.split("+")[0] == target.version():
        return (
            "Conflict: a draft this change would publish with it changed after the proposal was made, so you would "
            "publish something you have not reviewed. Reject it and ask the editor to propose the change again."
        )
    return (
        f"Conflict: “{target}” was changed by {who} at {when}, after this proposal was made. Approving it would "
        "silently undo that change. Reject it with a comment asking the editor to propose the change again on "
        "the current version."
    )
