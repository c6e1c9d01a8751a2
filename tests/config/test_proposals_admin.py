"""Proposals through the admin: saving published content proposes, reviewers decide, nobody deletes."""

import pytest
from django.urls import reverse

from answers.models import Claim
from config.proposals import workflow
from config.proposals.models import Proposal
from events.models import Event, Participant, Source
from tests.conftest import admin_form

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def event(loaded_events):
    return Event.objects.get(slug="treaty-of-kars")


def test_saving_a_published_event_proposes_the_change_and_says_so(client, editor, event):
    client.force_login(editor)
    url = reverse("admin:events_event_change", args=[event.pk])
    page = client.get(url).content.decode()
    assert 'value="Submit for review"' in page and "What you save here is a proposal" in page
    participants = list(event.participants.values_list("pk", flat=True))[:1]
    data = admin_form(client, url, name="Treaty of Kars (1921)", participants=[str(pk) for pk in participants])
    response = client.post(url, data, follow=True)
    assert any("was submitted for review" in message for message in messages_of(response))
    proposal = Proposal.objects.pending().get()
    assert proposal.changes == {"name": "Treaty of Kars (1921)", "participants": participants}
    assert Event.objects.get(pk=event.pk).name == "Treaty of Kars"
    assert "Waiting for review: change, proposed by alice" in client.get(url).content.decode()


def test_saving_without_a_change_proposes_nothing(client, editor, event):
    client.force_login(editor)
    url = reverse("admin:events_event_change", args=[event.pk])
    response = client.post(url, admin_form(client, url), follow=True)
    assert "Nothing was changed, so there is nothing to review." in messages_of(response)
    assert not Proposal.objects.exists()


def test_a_new_event_is_a_draft_until_a_reviewer_publishes_it(client, editor, reviewer, event):
    client.force_login(editor)
    data = {
        "name": "An event added in a test",
        "slug": "added-in-a-test",
        "category": "treaty",
        "summary": "Only in this test.",
        "start_date": "1920-12-01",
        "start_precision": "month",
        "end_date": "",
        "end_precision": "",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:events_event_add"), data, follow=True)
    assert any("readers see it once another person approves its publication" in m for m in messages_of(response))
    new = Event.objects.get(slug="added-in-a-test")
    assert new.state == "draft" and client.get(new.get_absolute_url()).status_code == 404
    request = Proposal.objects.pending().get()
    client.force_login(reviewer)
    review = client.get(reverse("admin:proposals_proposal_change", args=[request.pk])).content.decode()
    assert "Approve and publish" in review
    client.post(reverse("admin:proposals_proposal_change", args=[request.pk]), {"decision": "approve"})
    assert client.get(new.get_absolute_url()).status_code == 200


def test_the_review_page_shows_a_word_level_diff_and_an_answers_claims_that_would_move(
    client, loaded_fixtures, editor, reviewer
):
    from answers.models import Answer

    answer = Answer.objects.get(position=1)
    body = answer.body.replace("fought between 1919 and 1922", "fought between 1919 and 1923").replace(
        "Despite these tensions", "An inserted sentence. Despite these tensions"
    )
    proposal = workflow.propose_change(answer, editor, {"body": body})
    client.force_login(reviewer)
    content = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk])).content.decode()
    assert "<del>1922</del><ins>1923</ins>" in content
    assert "<ins>An inserted sentence. </ins>" in content or "<ins>An inserted sentence.</ins>" in content
    assert "One claim&#x27;s words would change" in content or "One claim's words would change" in content
    assert "“The Turkish War of Independence, fought between 1919 and 1922" in content
    assert "One new claim, published with the text" in content
    assert "would move, with the same words" in content


def test_a_reviewer_cannot_approve_their_own_proposal_in_the_admin(client, make_user, event):
    chief = make_user("chief", is_superuser=True)
    proposal = workflow.propose_change(event, chief, {"name": "Mine"})
    client.force_login(chief)
    url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    assert "You made this proposal, so another person has to review it." in client.get(url).content.decode()
    response = client.post(url, {"decision": "approve"}, follow=True)
    assert any("nobody reviews their own work" in message for message in messages_of(response))
    assert Event.objects.get(pk=event.pk).name == "Treaty of Kars"


def test_a_stale_proposal_is_refused_as_a_conflict_in_the_admin(client, editor, other_editor, reviewer, event):
    first = workflow.propose_change(event, editor, {"name": "First"})
    stale = workflow.propose_change(event, other_editor, {"name": "Second"})
    workflow.approve(first, reviewer)
    client.force_login(reviewer)
    url = reverse("admin:proposals_proposal_change", args=[stale.pk])
    page = client.get(url).content.decode()
    assert "so it will be refused" in page and 'value="Approve" disabled' in page
    response = client.post(url, {"decision": "approve"}, follow=True)
    assert any(message.startswith("Conflict:") for message in messages_of(response))
    assert Event.objects.get(pk=event.pk).name == "First"


def test_the_review_queue_lists_proposals_beside_revisions(client, editor, reviewer, event):
    proposal = workflow.propose_change(event, editor, {"name": "Renamed"})
    client.force_login(reviewer)
    queue = client.get(reverse("admin:answers_annotation_queue"))
    assert [item.obj for item in queue.context["page_obj"]] == [proposal]
    assert reverse("admin:proposals_proposal_change", args=[proposal.pk]) in queue.content.decode()


def test_an_editor_sees_the_reviewers_comment_on_their_proposal(client, editor, reviewer, event):
    workflow.reject(workflow.propose_change(event, editor, {"name": "Renamed"}), reviewer, "Keep the common name.")
    client.force_login(editor)
    page = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert "Your proposal (change) was rejected" in page and "Keep the common name." in page


# Every new action of the review of content, for every kind of user.
ACTIONS = ["propose a change", "propose a withdrawal", "delete published content", "view a proposal"]
ACTIONS += ["approve a proposal", "reject a proposal", "take back another's proposal"]
EXPECTED = {
    "anonymous": dict.fromkeys(ACTIONS, False),
    "editor": {**dict.fromkeys(ACTIONS, False), "propose a change": True, "propose a withdrawal": True}
    | {"view a proposal": True},
    "reviewer": {**dict.fromkeys(ACTIONS, False), "view a proposal": True, "approve a proposal": True}
    | {"reject a proposal": True},
    "superuser": {
        **dict.fromkeys(ACTIONS, True),
        "delete published content": False,
        "take back another's proposal": False,
    },
}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix_of_reviewed_content(client, make_user, other_editor, event, who, action):
    users = {
        "editor": lambda: make_user("matrix-editor", "Editors"),
        "reviewer": lambda: make_user("matrix-reviewer", "Reviewers"),
        "superuser": lambda: make_user("matrix-superuser", is_superuser=True),
    }
    user = users[who]() if who in users else None
    proposal = workflow.propose_change(event, other_editor, {"name": "Proposed by someone else"})
    review_url = reverse("admin:proposals_proposal_change", args=[proposal.pk])
    change_url = reverse("admin:events_event_change", args=[event.pk])
    form = None
    if user is not None:
        client.force_login(make_user("matrix-helper", is_superuser=True))
        form = admin_form(client, change_url, name="Changed in the matrix")
        client.logout()
        client.force_login(user)
    if action == "propose a change":
        response = client.post(change_url, form or {"name": "Changed in the matrix"})
        done = Proposal.objects.pending().filter(changes__name="Changed in the matrix").exists()
    elif action == "propose a withdrawal":
        response = client.post(reverse("admin:events_event_withdraw", args=[event.pk]), {"reason": "Matrix."})
        done = Proposal.objects.pending().filter(kind="withdraw").exists()
    elif action == "delete published content":
        response = client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})
        done = not Event.objects.filter(pk=event.pk).exists()
    elif action == "view a proposal":
        response = client.get(review_url)
        done = response.status_code == 200
    else:
        decision = {"approve a proposal": "approve", "reject a proposal": "reject"}.get(action, "withdraw")
        response = client.post(review_url, {"decision": decision, "comment": "Matrix."})
        done = Proposal.objects.get(pk=proposal.pk).status != "pending"
    if who == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    elif not EXPECTED[who][action] and not action.startswith(("approve", "reject", "take back")):
        assert response.status_code == 403
    assert done == EXPECTED[who][action]
    assert Event.objects.filter(pk=event.pk).exists()
    assert Participant.objects.exists()


def test_a_retired_event_leaves_the_timeline_and_keeps_its_page(client, loaded_fixtures, editor, reviewer):
    kars = Event.objects.get(slug="treaty-of-kars")
    workflow.approve(workflow.propose_withdrawal(kars, editor, "Merged into another event."), reviewer)
    assert kars.name not in client.get(reverse("events:event-list")).content.decode()
    page = client.get(kars.get_absolute_url()).content.decode()
    assert "Retired from the timeline on" in page and "Merged into another event." in page
    claim = Claim.objects.filter(annotations__status="published", annotations__evidence=kars).first()
    assert kars.get_absolute_url() in client.get(claim.get_absolute_url()).content.decode()


def test_a_published_events_sources_cannot_be_changed_through_its_form(client, editor, event):
    source = event.sources.first()
    client.force_login(editor)
    url = reverse("admin:events_event_change", args=[event.pk])
    data = admin_form(client, url)
    data.update(
        {
            "sources-TOTAL_FORMS": ["1"],
            "sources-INITIAL_FORMS": ["1"],
            "sources-0-id": [str(source.pk)],
            "sources-0-event": [str(event.pk)],
            "sources-0-title": ["Slipped in"],
            "sources-0-url": ["https://example.org/slipped-in"],
        }
    )
    client.post(url, data, follow=True)
    assert Source.objects.get(pk=source.pk).title != "Slipped in"
    assert not Proposal.objects.filter(changes__title="Slipped in").exists()


def test_only_editors_and_superusers_request_a_publication(client, editor, reviewer):
    draft = Participant.objects.create(name="Draft participant", slug="draft-participant")
    url = reverse("admin:events_participant_publish", args=[draft.pk])
    client.force_login(reviewer)
    assert client.post(url).status_code == 403
    client.force_login(editor)
    assert client.post(url).status_code == 302
    assert Proposal.objects.pending().get().kind == "publish"
    assert client.get(url).status_code == 405
