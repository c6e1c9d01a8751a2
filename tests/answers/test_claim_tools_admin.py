"""The claim tools on an answer's admin page: the text with its claims, and the form the selection fills."""

import pytest
from django.urls import reverse

from answers import claim_tools
from answers.models import Claim
from config.proposals.models import Proposal
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db


def change_url(answer):
    return reverse("admin:answers_answer_change", args=[answer.pk])


def tools_url(answer):
    return reverse("admin:answers_answer_claim_tools", args=[answer.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_answer_page_shows_each_claim_with_its_verdict_label_and_review_state(
    client, claim, editor, other_editor, reviewer
):
    published_revision(claim, other_editor, reviewer)
    client.force_login(editor)
    html = client.get(change_url(claim.answer)).content.decode()
    assert f'data-claim="{claim.pk}"' in html
    assert "1 · Inaccurate · published" in html
    assert "2 · no verdict yet · published" in html
    assert 'src="/static/js/claim-tools.js"' in html


def test_splitting_from_the_answer_page_proposes_the_change_and_says_so(client, claim, editor):
    client.force_login(editor)
    answer = claim.answer
    data = {"operation": "split", "claim": claim.pk, "at": 19, "seen": claim_tools.layout_version(answer)}
    response = client.post(tools_url(answer), data, follow=True)
    assert any("Claim 1 was split" in message for message in messages_of(response))
    assert any("once another person approves" in message for message in messages_of(response))
    assert Proposal.objects.pending().for_object(claim).filter(kind=Proposal.Kind.CHANGE).exists()


def test_a_refused_selection_is_a_message_on_the_answer_page(client, claim, editor):
    client.force_login(editor)
    response = client.post(tools_url(claim.answer), {"operation": "create", "start": 4, "end": 20}, follow=True)
    assert response.status_code == 200
    assert any("overlap claim 1" in message for message in messages_of(response))


def test_offsets_that_are_not_numbers_are_a_message_not_an_error(client, claim, editor):
    client.force_login(editor)
    response = client.post(tools_url(claim.answer), {"operation": "create", "start": "x", "end": ""}, follow=True)
    assert any("outside the answer's text" in message for message in messages_of(response))


def test_a_reviewer_who_is_not_an_editor_is_told_the_tools_are_for_editors(client, claim, reviewer):
    client.force_login(reviewer)
    response = client.post(tools_url(claim.answer), {"operation": "create", "start": 0, "end": 3}, follow=True)
    assert response.status_code == 200
    assert Claim.objects.count() == 2


def test_the_review_page_of_a_merge_says_the_withdrawal_is_approved_with_it(client, claim, editor, reviewer):
    claim_tools.merge(claim, Claim.objects.get(number=2), editor)
    proposal = Proposal.objects.pending().for_object(claim).get()
    client.force_login(reviewer)
    html = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk])).content.decode()
    assert "Approving this also approves, first:" in html
    assert "Merged into claim 1" in html
