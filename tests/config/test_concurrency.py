"""Two people at once: one wins, the other is told why; nobody gets a server error (SQLite and PostgreSQL)."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from answers import review
from answers.importer import import_documents
from answers.models import Annotation
from config.history import save_with_history
from config.proposals import workflow
from config.proposals.models import Proposal
from events.models import Event, Participant, Source
from tests.conftest import SEED_DOCUMENT, admin_form, at_once, draft_event, draft_revision

pytestmark = pytest.mark.django_db(transaction=True)

STALE = "after you opened it. Your changes were not saved"


def logged_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_two_editors_saving_one_draft_at_once(editor, other_editor):
    draft = Participant(name="Draft", slug="draft", description="Before.")
    save_with_history(draft, editor, "Made for the test")
    url = reverse("admin:events_participant_change", args=[draft.pk])
    first, second = logged_in(editor), logged_in(other_editor)
    forms = [admin_form(first, url, description="By alice."), admin_form(second, url, description="By bob.")]
    responses = at_once(lambda: first.post(url, forms[0]), lambda: second.post(url, forms[1]))
    assert sorted(response.status_code for response in responses) == [200, 302]
    loser = next(response for response in responses if response.status_code == 200)
    assert STALE in loser.content.decode()
    winner = "By alice." if responses[0].status_code == 302 else "By bob."
    assert Participant.objects.get(pk=draft.pk).description == winner


def test_two_reviewers_approving_conflicting_revisions_at_once(claim, editor, other_editor, reviewer, other_reviewer):
    # Both drafts were started before either was submitted; a revision is never started beside a waiting one.
    drafts = draft_revision(claim, editor, rationale="First."), draft_revision(claim, other_editor, rationale="Second.")
    first, second = review.submit(drafts[0], editor), review.submit(drafts[1], other_editor)
    outcomes = at_once(lambda: review.approve(first, reviewer), lambda: review.approve(second, other_reviewer))
    assert sum(isinstance(outcome, Annotation) for outcome in outcomes) == 1
    loser = next(outcome for outcome in outcomes if not isinstance(outcome, Annotation))
    # The loser waited for the winner and then saw its revision: an explained conflict.
    assert isinstance(loser, review.ReviewError) and loser.code == "conflict"
    assert "was started before any was published, but revision" in loser.message
    assert claim.annotations.published().count() == 1
    assert claim.annotations.submitted().count() == 1


def test_two_reviewers_approving_conflicting_proposals_at_once(
    loaded_events, editor, other_editor, reviewer, other_reviewer
):
    event = Event.objects.get(slug="treaty-of-kars")
    first = workflow.propose_change(event, editor, {"name": "First"})
    second = workflow.propose_change(event, other_editor, {"name": "Second"})
    outcomes = at_once(lambda: workflow.approve(first, reviewer), lambda: workflow.approve(second, other_reviewer))
    assert sorted(getattr(outcome, "code", "approved") for outcome in outcomes) == ["approved", "conflict"]
    assert Proposal.objects.filter(status="approved").count() == 1


def test_logging_in_while_an_import_writes(db, make_user, tmp_path, monkeypatch):
    import answers.importer

    make_user("ayse")
    copies = []
    for number in range(3):
        path = tmp_path / f"copy-{number}.txt"
        path.write_text(SEED_DOCUMENT.read_text().replace("Russia?", f"Russia ({number})?", 1), encoding="utf-8")
        copies.append(path)
    writing, slow = [], answers.importer.import_document

    def import_slowly(*args, **kwargs):
        slow(*args, **kwargs)
        writing.append(time.monotonic())
        time.sleep(0.5)  # the import's write transaction stays open

    monkeypatch.setattr(answers.importer, "import_document", import_slowly)

    def log_in():
        deadline = time.monotonic() + 20
        while not writing and time.monotonic() < deadline:
            time.sleep(0.01)
        client = Client(raise_request_exception=False)
        return client.post(reverse("admin:login"), {"username": "ayse", "password": "a-long-test-password"})

    imported, response = at_once(lambda: import_documents(copies), log_in)
    assert imported.documents == 3
    assert response.status_code == 302, response.content.decode()[:500]


def test_an_inline_row_changed_since_the_form_was_opened_is_refused(loaded_events, editor, other_editor):
    draft = draft_event(summary="For the test.")
    source = Source.objects.create(event=draft, title="First title", url="https://example.org/first")
    url = reverse("admin:events_event_change", args=[draft.pk])
    alice, bob = logged_in(editor), logged_in(other_editor)
    opened_by_bob = admin_form(bob, url, summary="Bob's summary.")
    assert alice.post(url, admin_form(alice, url, **{"sources-0-title": "Alice's title"})).status_code == 302
    assert Source.objects.get(pk=source.pk).title == "Alice's title"
    response = bob.post(url, opened_by_bob)
    assert response.status_code == 200
    assert f"This event was changed by {editor.username} at" in response.content.decode()
    assert Event.objects.get(pk=draft.pk).summary == "For the test."
    assert Source.objects.get(pk=source.pk).title == "Alice's title"


def test_two_editors_claiming_the_same_words_at_once(editor, other_editor, write_document):
    from answers import claim_tools
    from answers.models import Answer, Claim

    document = "Q?\naccount_box\nA\nnow\n\nThe Treaty of Kars was signed in 1921.\n"
    import_documents([write_document("kars.txt", document)])
    answer = Answer.objects.get()
    Claim.objects.filter(answer=answer).delete()  # drafts, never public
    outcomes = at_once(
        lambda: claim_tools.create_claim(answer, 0, 18, editor),
        lambda: claim_tools.create_claim(answer, 4, 29, other_editor),
    )
    assert sum(isinstance(outcome, claim_tools.Outcome) for outcome in outcomes) == 1
    loser = next(outcome for outcome in outcomes if not isinstance(outcome, claim_tools.Outcome))
    assert isinstance(loser, claim_tools.ClaimToolError) and loser.code == "overlap"
    assert answer.claims.count() == 1


@pytest.mark.parametrize("other", ["withdraw", "request-changes"])
def test_an_approval_racing_a_withdrawal_or_a_request_for_changes(claim, editor, reviewer, other_reviewer, other):
    submitted = review.submit(draft_revision(claim, editor), editor)
    if other == "withdraw":
        rival = lambda: review.withdraw_submission(submitted, editor)  # noqa: E731
    else:
        rival = lambda: review.request_changes(submitted, other_reviewer, "Cite the treaty.")  # noqa: E731
    outcomes = at_once(lambda: review.approve(submitted, reviewer), rival)
    assert [type(outcome) for outcome in outcomes].count(Annotation) == 1, outcomes
    loser = next(outcome for outcome in outcomes if not isinstance(outcome, Annotation))
    assert isinstance(loser, review.ReviewError), repr(loser)
    submitted.refresh_from_db()
    assert submitted.status in ("published", "draft")


def test_approving_a_split_while_another_editor_uses_the_claim_tools_on_its_answer(
    claim, editor, other_editor, reviewer
):
    from answers import claim_tools
    from answers.models import Claim

    body = claim.answer.body
    claim_tools.split(claim, body.index("was signed in"), editor)
    new = Claim.objects.get(answer=claim.answer, number=3)
    publication = Proposal.objects.pending().for_object(new).get()
    second = Claim.objects.get(answer=claim.answer, number=2)
    outcomes = at_once(
        lambda: workflow.approve(publication, reviewer),
        lambda: claim_tools.move_boundary(second, second.start, body.index(" and three"), other_editor),
    )
    assert isinstance(outcomes[0], Proposal), repr(outcomes[0])
    assert isinstance(outcomes[1], (claim_tools.Outcome, claim_tools.ClaimToolError)), repr(outcomes[1])
