import datetime
import json
import re
from collections import defaultdict
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from answers.corrections import (
    LAUSANNE,
    REASSESSMENTS,
    corrected_fixtures,
    fixture_entries,
    state_before,
)
from answers.management.commands.load_fixtures import FIXTURES, load
from answers.models import Annotation, Claim
from config.proposals.models import Proposal
from events.models import Event
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Texts(HTMLParser):
    """Collect the text of each element by its id and, for each class name, of every element that has it."""

    def __init__(self, html):
        super().__init__()
        self.by_id, self.by_class, self.open = {}, defaultdict(list), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs, slots = dict(attrs), []
        if attrs.get("id"):
            self.by_id[attrs["id"]] = ""
            slots.append((self.by_id, attrs["id"]))
        for name in (attrs.get("class") or "").split():
            self.by_class[name].append("")
            slots.append((self.by_class[name], len(self.by_class[name]) - 1))
        self.open.append((tag, slots))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for _tag, slots in self.open:
            for texts, key in slots:
                texts[key] += data

    def text(self, element_id):
        return " ".join(self.by_id[element_id].split())

    def texts(self, class_name):
        return [" ".join(text.split()) for text in self.by_class[class_name]]


def claim_of(reassessment):
    return Claim.objects.get_by_natural_key(*reassessment.natural_key)


def test_the_fixtures_hold_what_the_corrections_make_through_the_workflow():
    assert corrected_fixtures() == {name: fixture_entries(name) for name in ("demo.json", "events.json")}, (
        "run `manage.py correct_the_record --write-fixtures` to write the corrections into the fixtures"
    )


@pytest.mark.parametrize("reassessment", REASSESSMENTS, ids=lambda reassessment: str(reassessment.claim))
def test_a_corrected_claim_shows_its_new_verdict_above_a_log_of_both_revisions(loaded_fixtures, client, reassessment):
    page = Texts(client.get(claim_of(reassessment).get_absolute_url()).content.decode())
    corrected = Annotation.objects.get(claim=claim_of(reassessment), revision=reassessment.revises + 1)
    assert corrected.verdict.label in " ".join(page.texts("verdict-line"))
    assert reassessment.rationale in " ".join(page.texts("assessment"))
    log = page.text("revision-2"), page.text("revision-1")
    assert log[0].startswith(f"Revision 2 · {corrected.verdict.label} · current")
    assert log[1].startswith("Revision 1 · Misleading · superseded")
    assert "reviewed by Demo Reviewer on 25 November 2026" in log[0]


def test_the_lausanne_page_names_only_the_signatories_of_24_july_1923_as_signing_that_day(loaded_fixtures, client):
    page = Texts(client.get(Event.objects.get(slug=LAUSANNE.slug).get_absolute_url()).content.decode())
    summary = " ".join(page.texts("summary"))
    signing = next(sentence for sentence in re.split(r"(?<=\.) ", summary) if "signed in Lausanne" in sentence)
    assert "Greece and Romania" in signing and "Serbs" not in signing
    assert "Kingdom of Serbs, Croats and Slovenes, named in the treaty as a party, did not sign that day" in summary
    participants = " ".join(page.texts("participants"))
    assert "Kingdom of Romania" in participants and "Serbs" not in participants


def test_the_corrected_revisions_supersede_the_ones_they_correct_on_a_fresh_database(loaded_fixtures):
    for reassessment in REASSESSMENTS:
        revisions = dict(claim_of(reassessment).annotations.values_list("revision", "status"))
        assert revisions == {1: Annotation.Status.SUPERSEDED, 2: Annotation.Status.PUBLISHED}


def test_loading_the_fixtures_again_changes_nothing_and_finds_nothing_to_correct(loaded_fixtures):
    counts = Annotation.objects.count(), Event.objects.count(), Proposal.objects.count()
    call_command("load_fixtures", verbosity=0)
    call_command("correct_the_record", verbosity=0)
    assert (Annotation.objects.count(), Event.objects.count(), Proposal.objects.count()) == counts


def test_a_fresh_database_has_lausannes_correction_on_its_page_as_an_approved_change(client, loaded_fixtures):
    [correction] = Proposal.objects.corrections_of(Event.objects.get(slug=LAUSANNE.slug))
    assert (correction.created_by.username, correction.reviewed_by.username) == ("editor", "reviewer")
    loaded = Event.history.filter(slug=LAUSANNE.slug).earliest("history_date")
    assert loaded.history_change_reason == "Loaded from the fixtures" and correction.reviewed_at > loaded.history_date
    page = client.get(reverse("events:event-detail", args=[LAUSANNE.slug])).content.decode()
    log = page[page.index('id="corrections-log"') :]
    assert correction.reviewed_at.strftime("%-d %B %Y") in log and "changed: summary, participants." in log
    assert LAUSANNE.note in log


def earlier_fixtures():
    """Return the fixtures as they were before the corrections, reviewed before the document's capture as then."""
    before = state_before({name: fixture_entries(name) for name in FIXTURES})
    for entry in before["demo.json"]:
        if entry["model"] == "answers.annotation":
            for name in ("created_at", "submitted_at", "reviewed_at"):
                moment = datetime.datetime.fromisoformat(entry["fields"][name]) - datetime.timedelta(days=4)
                entry["fields"][name] = moment.isoformat()
    return [json.dumps(before[name]) for name in FIXTURES]


@pytest.fixture
def loaded_before_the_corrections(db):
    load(earlier_fixtures())


def test_load_fixtures_brings_the_corrections_to_a_database_loaded_before_them(loaded_before_the_corrections):
    first = Annotation.objects.get(claim=claim_of(REASSESSMENTS[0]), revision=1)
    call_command("load_fixtures", verbosity=0)
    for reassessment in REASSESSMENTS:
        revisions = dict(claim_of(reassessment).annotations.values_list("revision", "status"))
        assert revisions == {1: Annotation.Status.SUPERSEDED, 2: Annotation.Status.PUBLISHED}
    superseded = Annotation.objects.get(pk=first.pk)
    assert superseded.reviewed_at == first.reviewed_at  # history is added to, never rewritten
    reason = superseded.history.latest("history_id").history_change_reason
    assert reason == "Superseded by revision 2, loaded from the fixtures"


def test_correct_the_record_corrects_lausanne_through_an_approved_proposal_on_an_earlier_database(
    loaded_before_the_corrections,
):
    call_command("load_fixtures", verbosity=0)
    call_command("correct_the_record", verbosity=0)
    lausanne = Event.objects.get(slug=LAUSANNE.slug)
    assert lausanne.summary == LAUSANNE.changes["summary"]
    assert set(lausanne.participants.values_list("slug", flat=True)) == set(LAUSANNE.changes["participants"])
    proposal = Proposal.objects.for_object(lausanne).get()
    assert (proposal.status, proposal.created_by.username, proposal.reviewed_by.username) == (
        "approved",
        "editor",
        "reviewer",
    )


def test_loaddata_is_refused_on_a_database_loaded_before_the_corrections_as_it_would_rewrite_reviews(
    loaded_before_the_corrections,
):
    with pytest.raises(IntegrityError, match="cannot change|never changed"), transaction.atomic():
        call_command("loaddata", *(ROOT / "fixtures" / name for name in FIXTURES), verbosity=0)
