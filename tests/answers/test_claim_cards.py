"""Claim cards on the public lists: the verdict with the first sentence of its rationale."""

import html
import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from answers.models import Claim
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


def summaries(content):
    found = re.findall(r'<p class="rationale-summary">(.*?)</p>', content, re.S)
    return [html.unescape(" ".join(strip_tags(line).split())) for line in found]


def test_a_claim_card_shows_the_first_sentence_of_the_published_rationale(client, loaded_fixtures, editor, reviewer):
    claim = Claim.objects.get(exact=FABRICATED)
    published_revision(claim, editor, reviewer, "inaccurate", "No war was fought c. 1941. The two stayed at peace.")
    content = client.get(reverse("answers:claim-list"), {"verdict": "inaccurate"}).content.decode()
    assert "No war was fought c. 1941." in summaries(content)
    assert "The two stayed at peace." not in content


def test_every_reviewed_claim_card_has_a_rationale_line(client, loaded_fixtures):
    content = client.get(reverse("answers:claim-list"), {"status": "reviewed"}).content.decode()
    assert len(summaries(content)) == content.count('class="claim-card-text"') == 25
    assert all(summary and len(summary) <= 160 for summary in summaries(content))


def test_the_home_page_and_an_event_page_show_rationale_lines_on_their_cards(client, loaded_fixtures):
    assert summaries(client.get(reverse("answers:home")).content.decode())
    assert summaries(client.get(reverse("events:event-detail", args=["treaty-of-moscow-1921"])).content.decode())


def test_a_claim_not_yet_reviewed_has_no_rationale_line(client, claim):
    content = client.get(reverse("answers:claim-list")).content.decode()
    assert content.count('class="claim-card-text"') == Claim.objects.count() and not summaries(content)
