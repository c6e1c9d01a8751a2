"""The claim tools: create, split, merge and move claims by their words; live content changes only through review."""

import re

import pytest

from answers import claim_tools, review
from answers.claim_tools import ClaimToolError
from answers.importer import import_documents
from answers.models import Answer, Claim, Tally
from config.proposals import workflow
from config.proposals.models import Proposal, State
from tests.conftest import approve_pending, published_revision

pytestmark = pytest.mark.django_db

BODY = "The Treaty of Kars was signed in 1922. It was signed by Turkey and three Soviet republics."
FIRST, SECOND = "The Treaty of Kars was signed in 1922.", "It was signed by Turkey and three Soviet republics."
TWO_PARAGRAPHS = """Who signed the Treaty of Kars?

account_box
Algo Rhythmia
a year ago

The Treaty of Kars was signed in 1922. It was signed by Turkey.

Three Soviet republics signed it too.
"""


def claims_of(answer):
    return list(Claim.objects.filter(answer=answer).order_by("start"))


def second_claim(claim):
    return Claim.objects.get(answer=claim.answer, number=2)


def question_page(client, answer):
    return client.get(answer.question.get_absolute_url()).content.decode()


def claim_links(html):
    return re.findall(r'<a class="claim[^"]*" href="/claims/(\d+)/"', html)


def approve_all(editor, reviewer):
    """Approve the editor's pending proposals, oldest first, skipping those an earlier approval already decided."""
    for proposal in Proposal.objects.pending().filter(created_by=editor).order_by("created_at", "pk"):
        proposal.refresh_from_db()
        if proposal.is_pending:
            workflow.approve(proposal, reviewer)


@pytest.fixture
def draft_answer(db, write_document):
    """Return the answer of an imported document nobody published yet, in two paragraphs."""
    import_documents([write_document("kars.txt", TWO_PARAGRAPHS)])
    return Answer.objects.get()


def test_a_selection_becomes_a_claim_of_whole_words(draft_answer, editor):
    body = draft_answer.body
    Claim.objects.filter(answer=draft_answer, number=3).delete()
    start = body.index("hree Soviet")  # starts mid-word
    outcome = claim_tools.create_claim(draft_answer, start, start + 10, editor)
    assert outcome.claims[0].exact == "Three Soviet"


def test_a_selection_over_another_claims_words_is_refused(claim, editor):
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.create_claim(claim.answer, 4, 20, editor)
    assert refused.value.code == "overlap"
    assert "claim 1" in refused.value.message


def test_an_empty_selection_is_refused(draft_answer, editor):
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.create_claim(draft_answer, 5, 5, editor)
    assert refused.value.code == "empty"


def test_a_selection_outside_the_text_is_refused(draft_answer, editor):
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.create_claim(draft_answer, 10, len(draft_answer.body) + 5, editor)
    assert refused.value.code == "range"


def test_a_selection_across_paragraphs_is_refused(draft_answer, editor):
    Claim.objects.filter(answer=draft_answer).delete()
    body = draft_answer.body
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.create_claim(draft_answer, body.index("Turkey"), body.index("Soviet"), editor)
    assert refused.value.code == "paragraphs"


def test_on_a_draft_answer_a_split_applies_at_once(draft_answer, editor):
    first = claims_of(draft_answer)[0]
    claim_tools.split(first, draft_answer.body.index("was signed"), editor)
    assert [c.exact for c in claims_of(draft_answer)][:2] == ["The Treaty of Kars", "was signed in 1922."]
    assert not Proposal.objects.filter(kind=Proposal.Kind.CHANGE).exists()


def test_on_a_draft_answer_a_merge_removes_the_absorbed_draft(draft_answer, editor):
    first, second, _ = claims_of(draft_answer)
    claim_tools.merge(first, second, editor)
    assert [c.exact for c in claims_of(draft_answer)] == [
        "The Treaty of Kars was signed in 1922. It was signed by Turkey.",
        "Three Soviet republics signed it too.",
    ]


def test_claims_in_different_paragraphs_are_not_merged(draft_answer, editor):
    _, second, third = claims_of(draft_answer)
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.merge(second, third, editor)
    assert refused.value.code == "paragraphs"


def test_a_split_of_a_published_claim_changes_nothing_readers_see_until_approved(client, claim, editor):
    claim_tools.split(claim, BODY.index("was signed in"), editor)
    claim.refresh_from_db()
    assert claim.exact == FIRST
    assert Claim.objects.get(number=3).state == State.DRAFT
    assert len(claim_links(question_page(client, claim.answer))) == 2


def test_an_approved_split_keeps_the_claim_and_its_verdict_on_the_first_part(
    client, claim, editor, other_editor, reviewer
):
    revision = published_revision(claim, other_editor, reviewer)
    claim_tools.split(claim, BODY.index("was signed in"), editor)
    new = Claim.objects.get(number=3)
    approve_pending(new, reviewer)  # publishing the second part approves the shortened first part with it
    claim = Claim.objects.with_published_revision().get(pk=claim.pk)
    assert (claim.exact, new.exact) == ("The Treaty of Kars", "was signed in 1922.")
    assert claim.published_revision == revision
    assert claim.wording_changed
    html = question_page(client, claim.answer)
    assert claim_links(html) == [str(claim.pk), str(new.pk), str(second_claim(claim).pk)]
    assert Tally.read(f"question:{claim.answer.question_id}")[f"question:{claim.answer.question_id}"] == 3


def test_an_approved_merge_withdraws_the_absorbed_claim_and_keeps_its_url(client, claim, editor, reviewer):
    second = second_claim(claim)
    claim_tools.merge(claim, second, editor)
    proposal = Proposal.objects.pending().for_object(claim).get()
    workflow.approve(proposal, reviewer)  # the withdrawal of the second claim is approved with it
    claim.refresh_from_db()
    second.refresh_from_db()
    assert claim.exact == BODY
    assert second.is_withdrawn and second.withdrawal_reason == "Merged into claim 1"
    assert claim_links(question_page(client, claim.answer)) == [str(claim.pk)]
    assert client.get(second.get_absolute_url()).status_code == 200


def test_a_moved_boundary_reaches_readers_once_approved(client, claim, editor, reviewer):
    second = second_claim(claim)
    end = BODY.index(" and three")
    claim_tools.move_boundary(second, second.start, end, editor)
    assert second_claim(claim).exact == SECOND
    approve_all(editor, reviewer)
    assert second_claim(claim).exact == "It was signed by Turkey"


def test_a_claim_created_on_a_published_answer_is_published_by_a_reviewer(client, claim, editor, reviewer):
    second = second_claim(claim)
    claim_tools.move_boundary(second, second.start, BODY.index(" and three"), editor)
    approve_all(editor, reviewer)
    outcome = claim_tools.create_claim(claim.answer, BODY.index("three"), len(BODY), editor)
    new = outcome.claims[0]
    assert new.state == State.DRAFT
    assert str(new.pk) not in claim_links(question_page(client, claim.answer))
    approve_all(editor, reviewer)
    assert claim_links(question_page(client, claim.answer))[-1] == str(new.pk)


def test_a_withdrawn_claim_is_not_changed(claim, editor, reviewer):
    workflow.approve(workflow.propose_withdrawal(claim, editor, "Duplicate"), reviewer)
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.split(claim, 10, editor)
    assert refused.value.code == "withdrawn"


def test_a_claim_with_a_change_waiting_for_review_is_not_changed_again(claim, editor, other_editor):
    claim_tools.move_boundary(claim, 0, BODY.index(" was signed"), editor)
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.split(claim, 4, other_editor)
    assert refused.value.code == "pending"


def test_offsets_from_a_page_drawn_before_a_change_are_refused(claim, editor, other_editor):
    seen = claim_tools.layout_version(claim.answer)
    claim_tools.move_boundary(claim, 0, BODY.index(" was signed"), other_editor)
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.split(second_claim(claim), BODY.index("by Turkey"), editor, seen=seen)
    assert refused.value.code == "stale"


def test_extending_a_claim_over_the_next_is_refused_when_a_reviewer_approves_it(client, claim, editor, reviewer):
    # The claim's own form proposes offsets directly; approving them would hide the second claim from readers.
    proposal = workflow.propose_change(claim, editor, {"start": 0, "end": len(BODY), "exact": BODY})
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(proposal, reviewer)
    assert "overlap claim 2" in refused.value.message
    links = claim_links(question_page(client, claim.answer))
    assert len(links) == Tally.read(f"question:{claim.answer.question_id}")[f"question:{claim.answer.question_id}"]


def test_a_claims_form_refuses_words_that_overlap_another_claim(claim):
    claim.start, claim.end, claim.exact = 0, len(BODY), BODY
    with pytest.raises(Exception) as refused:
        claim.full_clean()
    assert "overlap claim 2" in str(refused.value)


def test_moving_a_boundary_into_the_next_claim_is_refused(claim, editor):
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.move_boundary(claim, 0, BODY.index(" by Turkey"), editor)
    assert refused.value.code == "overlap"
    assert "claim 2" in refused.value.message


def test_claims_with_another_between_them_are_not_merged(draft_answer, editor):
    first, _, third = claims_of(draft_answer)
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.merge(first, third, editor)
    assert refused.value.code == "apart"


def test_the_parts_of_a_split_may_also_be_approved_one_after_the_other(claim, editor, reviewer):
    claim_tools.split(claim, BODY.index("was signed in"), editor)
    workflow.approve(Proposal.objects.pending().for_object(claim).get(), reviewer)
    new = Claim.objects.get(number=3)
    assert Proposal.objects.pending().for_object(new).exists()
    approve_pending(new, reviewer)
    assert Claim.objects.get(number=3).is_live


def test_a_merge_whose_withdrawal_was_rejected_cannot_be_approved(claim, editor, reviewer):
    second = second_claim(claim)
    claim_tools.merge(claim, second, editor)
    workflow.reject(Proposal.objects.pending().for_object(second).get(), reviewer, "Keep the second claim.")
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(Proposal.objects.pending().for_object(claim).get(), reviewer)
    assert "overlap claim 2" in refused.value.message
    claim.refresh_from_db()
    assert claim.exact == FIRST


def test_a_draft_claim_with_revisions_of_its_own_is_not_merged_away(draft_answer, editor):
    first, second, _ = claims_of(draft_answer)
    review.start_revision(second, editor)
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.merge(first, second, editor)
    assert refused.value.code == "has-revisions"


def test_a_claim_another_editor_asked_to_publish_is_not_merged_away(claim, editor, other_editor, reviewer):
    second = second_claim(claim)
    claim_tools.move_boundary(second, second.start, BODY.index(" and three"), editor)
    approve_all(editor, reviewer)
    new = claim_tools.create_claim(claim.answer, BODY.index("three"), len(BODY), other_editor).claims[0]
    with pytest.raises(ClaimToolError) as refused:
        claim_tools.merge(second_claim(claim), new, editor)
    assert refused.value.code == "others-request"
    assert "bob asked to publish it" in refused.value.message
    assert Claim.objects.filter(pk=new.pk).exists()
    assert Proposal.objects.pending().for_object(new).get().created_by == other_editor


def test_a_claim_moved_to_other_words_is_not_approved_with_the_claim_that_takes_its_place(
    claim, editor, other_editor, reviewer
):
    claim_tools.move_boundary(claim, 0, BODY.index(" was signed in"), other_editor)
    approve_all(other_editor, reviewer)  # "was signed in 1922." is now in no claim
    second = second_claim(claim)
    claim_tools.move_boundary(second, BODY.index("was signed in"), BODY.index(" It was"), editor)
    new = claim_tools.create_claim(claim.answer, BODY.index("It was"), len(BODY), editor).claims[0]
    # Approving the new claim does not also approve moving claim 2 elsewhere: that is reviewed on its own.
    with pytest.raises(workflow.ProposalError) as refused:
        approve_pending(new, reviewer)
    assert "overlap claim 2" in refused.value.message
    assert Proposal.objects.pending().for_object(second).exists()
    assert second_claim(claim).exact == SECOND
