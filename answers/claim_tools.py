"""The claim tools: create, split, merge and adjust an answer's claims by their place in its text.

The admin's answer page calls these with offsets the editor picked by selecting words; nothing here trusts
them. Each operation locks the answer and its claims, snaps the offsets to whole words, and refuses (with
ClaimToolError) an empty or out-of-range selection, one across paragraphs, or words another claim holds.

What readers see changes only through review. A claim that was never published is changed directly and
(again) offered for publication; a published claim changes only through a proposal that another person
approves. So on a published answer:
- create: a new draft claim and a request to publish it;
- split: the claim keeps its number, URL and revisions on the first part (a proposal shortens it), and the
  second part is a new draft claim, published once approved (with the shortening, if that still waits);
- merge: the first claim keeps its number, URL and revisions and a proposal extends it over the second; the
  second is withdrawn through a proposal, approved together with the extension, and its URL says why;
- move_boundary: a proposal moves the claim's start and end.

Verdicts stay with the words they were given for: a published revision records the words it reviewed, so
after a split, merge or move readers see the verdict with those words, marked "wording changed since
review", until an editor publishes a new revision for the new words. On a merge the absorbed claim's
verdicts stay on its withdrawn page; neither verdict is carried over to the merged words.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from answers import anchoring
from answers.documents import configured_limits
from answers.models import Answer, Claim, save_with_history
from config.history import current_version
from config.people import display_name
from config.proposals import workflow
from config.proposals.models import Kind, Proposal, State
from config.proposals.workflow import ProposalError, propose_change, propose_withdrawal, request_publication

SPAN_FIELDS = ("start", "end", "exact", "prefix", "suffix")
WORD_JOINERS = "'’-_"


class ClaimToolError(Exception):
    """A claim tool that was refused; `code` says which rule refused it."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


class Outcome:
    """What an operation did: the claims it changed or made, the proposals waiting for review, a summary."""

    def __init__(self, message, claims=(), proposals=()):
        self.message, self.claims, self.proposals = message, list(claims), [p for p in proposals if p]

    def __str__(self):
        return self.message


def layout_version(answer):
    """Return a token that changes whenever the answer's text, its claims or their pending proposals change.

    The admin page sends the token it was drawn from; an operation refuses offsets from an outdated page.
    """
    claims = Claim.history.filter(answer_id=answer.pk).order_by("-history_id").values_list("history_id", flat=True)
    proposals = Proposal.objects.for_objects(answer.claims.all()).order_by("-pk")
    newest_proposal = proposals.values_list("pk", flat=True).first()
    return f"{current_version(answer)}:{claims.first() or 0}:{newest_proposal or 0}"


def _is_word(character):
    return character.isalnum() or character in WORD_JOINERS


def snap_to_words(body, start, end):
    """Return (start, end) widened to whole words and trimmed of surrounding white space."""
    while 0 < start < len(body) and _is_word(body[start - 1]) and _is_word(body[start]):
        start -= 1
    while 0 < end < len(body) and _is_word(body[end - 1]) and _is_word(body[end]):
        end += 1
    return anchoring._trim(body, start, end)


def _span(answer, start, end):
    """Return the checked, snapped span of a selection in the answer's text."""
    body = answer.body
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end <= len(body):
        raise ClaimToolError(
            _("The selection is outside the answer's text; reload the page and select again."), "range"
        )
    start, end = snap_to_words(body, start, end) if start < end else (start, end)
    if not any(character.isalnum() for character in body[start:end]):
        raise ClaimToolError(_("Select at least one word of the answer's text."), "empty")
    if "\n\n" in body[start:end]:
        raise ClaimToolError(_("A claim stays within one paragraph: select words of one paragraph only."), "paragraphs")
    limit = configured_limits().claim_characters
    if end - start > limit:
        raise ClaimToolError(
            _("A claim may hold at most %(limit)s characters; the selection has %(length)s.")
            % {"limit": f"{limit:,}", "length": f"{end - start:,}"},
            "too-long",
        )
    return start, end


def _lock(answer, seen):
    """Lock the answer and its claims for the operation; refuse offsets read from an outdated page."""
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    list(answer.claims.select_for_update().values_list("pk"))
    if seen is not None and seen != layout_version(answer):
        raise ClaimToolError(
            _(
                "The answer's text or its claims changed after you opened the page, so the words you selected may "
                "have moved. Nothing was changed: look at the page again and repeat your selection."
            ),
            "stale",
        )
    return answer


def _usable(claim, answer):
    """Return the claim as locked, refusing one that the tools cannot change."""
    claim = Claim.objects.select_related("answer").get(pk=claim.pk)
    if claim.answer_id != answer.pk:
        raise ClaimToolError(_("That claim belongs to another answer."), "other-answer")
    if claim.is_withdrawn:
        raise ClaimToolError(
            _("Claim %(number)s is withdrawn; ask to publish it again before changing its words.")
            % {"number": claim.number},
            "withdrawn",
        )
    pending = Proposal.objects.pending().for_object(claim).exclude(kind=Kind.PUBLISH).first()
    if pending is not None:
        raise ClaimToolError(
            _(
                "Claim %(number)s has a change waiting for review (%(proposal)s); wait for the decision, or take "
                "the proposal back, before changing it again."
            )
            % {"number": claim.number, "proposal": pending},
            "pending",
        )
    claim.answer = answer
    return claim


def _refuse_overlap(answer, start, end, ignore=()):
    ignore = {claim.pk for claim in ignore}
    for other, (other_start, other_end) in answer.planned_claim_spans().items():
        if other.pk not in ignore and other_start < end and other_end > start:
            raise ClaimToolError(
                _(
                    "These words overlap claim %(number)s (“%(quote)s”): claims may not overlap. Select words no "
                    "claim holds, or merge the two claims."
                )
                % {"number": other.number, "quote": other},
                "overlap",
            )


def _span_changes(claim, body, start, end):
    moved = Claim(answer=claim.answer, start=start, end=end)
    moved.place(body, start, end)
    return {name: getattr(moved, name) for name in SPAN_FIELDS}


def _reshape(claim, body, start, end, user, reason):
    """Give the claim new words: directly for a claim never published, through a proposal otherwise."""
    if claim.was_published:
        try:
            return propose_change(claim, user, _span_changes(claim, body, start, end), note=reason)
        except ProposalError as error:
            raise ClaimToolError(error.message, error.code) from error
    claim.place(body, start, end)
    save_with_history(claim, user, reason)
    return _offer(claim, user)


def _offer(claim, user):
    """Ask a reviewer to publish a draft claim (with its answer or question, when those are drafts too)."""
    if claim.publication_unit().is_live:
        return None
    return request_publication(claim, user)


def _new_claim(answer, start, end, user, reason):
    claim = Claim(answer=answer, number=answer.next_claim_number())
    claim.place(answer.body, start, end)
    save_with_history(claim, user, reason)
    return claim, _offer(claim, user)


def create_claim(answer, start, end, user, seen=None):
    """Make a claim of the words body[start:end] (snapped to whole words)."""
    with transaction.atomic():
        answer = _lock(answer, seen)
        start, end = _span(answer, start, end)
        _refuse_overlap(answer, start, end)
        claim, proposal = _new_claim(answer, start, end, user, "Created with the claim tools")
    return Outcome(
        _("Claim %(number)s was created: “%(quote)s”.") % {"number": claim.number, "quote": claim},
        [claim],
        [proposal],
    )


def split(claim, at, user, seen=None):
    """Split a claim in two at offset `at`: the claim keeps the first part, a new claim takes the second."""
    with transaction.atomic():
        answer = _lock(claim.answer, seen)
        claim = _usable(claim, answer)
        if claim.orphaned:
            raise ClaimToolError(
                _("An orphaned claim is not in the text; place it again before splitting it."), "orphaned"
            )
        body = answer.body
        if not isinstance(at, int) or not claim.start < at < claim.end:
            raise ClaimToolError(_("Choose a point inside the claim's words to split it."), "range")
        at = snap_to_words(body, at, at)[0]
        first, second = anchoring._trim(body, claim.start, at), anchoring._trim(body, at, claim.end)
        if not all(any(character.isalnum() for character in body[s:e]) for s, e in (first, second)):
            raise ClaimToolError(_("Split between words, so that both parts keep at least one word."), "empty")
        words = body[second[0] : second[1]]
        reason = f"Split: “{words if len(words) <= 60 else words[:59] + '…'}” becomes a claim of its own"
        shortened = _reshape(claim, body, *first, user, reason)
        new, published = _new_claim(answer, *second, user, f"Split from claim {claim.number}")
    return Outcome(
        _("Claim %(number)s was split: claim %(new)s now holds “%(quote)s”.")
        % {"number": claim.number, "new": new.number, "quote": new},
        [claim, new],
        [shortened, published],
    )


def merge(first, second, user, seen=None):
    """Merge two neighbouring claims: the earlier one takes the words of both, the later one is withdrawn."""
    with transaction.atomic():
        answer = _lock(first.answer, seen)
        first, second = sorted([_usable(first, answer), _usable(second, answer)], key=lambda claim: claim.start)
        if first.pk == second.pk:
            raise ClaimToolError(_("Choose two different claims to merge."), "same")
        if first.orphaned or second.orphaned:
            raise ClaimToolError(_("An orphaned claim is not in the text, so it cannot be merged."), "orphaned")
        between = [
            other
            for other, (start, end) in answer.planned_claim_spans().items()
            if other.pk not in (first.pk, second.pk) and start < second.start and end > first.end
        ]
        if between or first.end > second.start:
            raise ClaimToolError(
                _("Only neighbouring claims can be merged; another claim stands between them."), "apart"
            )
        start, end = first.start, second.end
        if "\n\n" in answer.body[start:end]:
            raise ClaimToolError(_("These claims are in different paragraphs; a claim stays within one."), "paragraphs")
        proposals = []
        note = f"Merged into claim {first.number}"
        if second.was_published:
            try:
                proposals.append(propose_withdrawal(second, user, note))
            except ProposalError as error:
                raise ClaimToolError(error.message, error.code) from error
        elif second.annotations.exists():
            raise ClaimToolError(
                _(
                    "Claim %(number)s has assessment revisions of its own, which a merge would lose. Move its "
                    "boundary instead, or merge once it is published (it is then withdrawn, keeping them)."
                )
                % {"number": second.number},
                "has-revisions",
            )
        else:
            waiting = Proposal.objects.pending().for_object(second).select_related("created_by")
            others = waiting.exclude(created_by=user).first()
            if others is not None:
                raise ClaimToolError(
                    _(
                        "Claim %(number)s is waiting for review: %(person)s asked to publish it. A merge would "
                        "delete it; wait for the reviewer's decision, or ask them to take the request back."
                    )
                    % {
                        "number": second.number,
                        "person": display_name(others.created_by) if others.created_by else _("an import"),
                    },
                    "others-request",
                )
            for proposal in waiting:
                workflow.withdraw(proposal, user)
            second.delete()  # never public: its history records the deletion
        proposals.append(_reshape(first, answer.body, start, end, user, f"Merged with claim {second.number}"))
    return Outcome(
        _("Claims %(first)s and %(second)s were merged into claim %(first)s.")
        % {"first": first.number, "second": second.number},
        [first, second],
        proposals,
    )


def move_boundary(claim, start, end, user, seen=None):
    """Give a claim the words body[start:end] (snapped to whole words): move its start, its end or both."""
    with transaction.atomic():
        answer = _lock(claim.answer, seen)
        claim = _usable(claim, answer)
        start, end = _span(answer, start, end)
        if (start, end) == (claim.start, claim.end) and not claim.orphaned:
            raise ClaimToolError(_("Claim %(number)s already holds these words.") % {"number": claim.number}, "same")
        _refuse_overlap(answer, start, end, ignore=[claim])
        proposal = _reshape(claim, answer.body, start, end, user, "Boundaries moved with the claim tools")
    return Outcome(
        _("Claim %(number)s now holds “%(quote)s”.") % {"number": claim.number, "quote": answer.body[start:end]},
        [claim],
        [proposal],
    )


def review_state(claim, pending):
    """Return a short phrase for where the claim stands in review (`pending`: its pending proposals)."""
    kinds = {proposal.kind for proposal in pending}
    if Kind.WITHDRAW in kinds:
        return _("withdrawal waiting for review")
    if Kind.CHANGE in kinds:
        return _("new words waiting for review")
    if claim.state == State.DRAFT:
        return _("not yet published")
    return _("published")
