"""The public page of a timeline event."""

import re

import lxml.html
import pytest
from django.urls import reverse

from config.people import display_name
from config.proposals import workflow
from events.models import Event

pytestmark = pytest.mark.django_db


def also_called(client, slug):
    content = client.get(reverse("events:event-detail", args=[slug])).content.decode()
    found = re.search(r"Also called: ([^<]*)</p>", content)
    return found.group(1).split("; ") if found else None


def test_also_called_does_not_repeat_the_event_s_own_name(client, loaded_fixtures):
    names = also_called(client, "world-war-i")
    assert "World War I" not in names and "First World War" in names


def test_also_called_disappears_when_every_alias_is_the_event_s_own_name(client, loaded_fixtures):
    assert also_called(client, "truman-doctrine") is None


def corrections_log(client, slug):
    """Return the text of each entry of an event page's corrections log, or None where the page has none."""
    page = lxml.html.fromstring(client.get(reverse("events:event-detail", args=[slug])).content)
    log = page.get_element_by_id("corrections-log", None)
    return None if log is None else [" ".join(entry.text_content().split()) for entry in log.xpath("./ol/li")]


def test_an_approved_change_to_an_event_is_listed_on_its_page_with_who_proposed_and_who_approved_it(
    client, loaded_fixtures, editor, reviewer
):
    event = Event.objects.get(slug="treaty-of-kars")
    proposal = workflow.propose_change(
        event, editor, {"summary": event.summary + " Ratified in Erivan on 11 September 1922."}, note="Ratification."
    )
    assert corrections_log(client, "treaty-of-kars") is None  # waiting for review: readers see nothing yet
    workflow.approve(proposal, reviewer)
    proposal.refresh_from_db()
    [entry] = corrections_log(client, "treaty-of-kars")
    assert "changed: summary." in entry and "Ratification." in entry
    assert f"Proposed by {display_name(editor)}, approved by {display_name(reviewer)}." in entry
    assert proposal.reviewed_at.strftime("%-d %B %Y") in entry


def test_a_rejected_change_is_not_a_correction(client, loaded_fixtures, editor, reviewer):
    event = Event.objects.get(slug="treaty-of-kars")
    workflow.reject(workflow.propose_change(event, editor, {"name": "Treaty of Kars (1922)"}), reviewer, "1921.")
    assert corrections_log(client, "treaty-of-kars") is None


def test_each_correction_lists_the_fields_it_changed_latest_first(client, loaded_fixtures, editor, reviewer):
    event = Event.objects.get(slug="treaty-of-kars")
    workflow.approve(workflow.propose_change(event, editor, {"name": "Treaty of Kars (1921)"}), reviewer)
    event.refresh_from_db()
    workflow.approve(workflow.propose_change(event, editor, {"aliases": "Kars treaty"}), reviewer)
    entries = corrections_log(client, "treaty-of-kars")
    assert [entry.split("changed: ")[1].split(".")[0] for entry in entries] == ["aliases", "name"]
