import datetime
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command

from answers.corrections import EVENT_CHANGES
from answers.management.commands.build_document_fixtures import document_fixture
from answers.models import Annotation, Answer, Author, Claim, Question, Verdict
from events import dates
from events.models import Event, Participant, Source
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.django_db

MODELS = [Question, Author, Answer, Claim, Verdict, Event, Participant, Source]
SEED_EVENTS = [
    "turkish-war-of-independence",
    "armistice-of-mudanya",
    "treaty-of-lausanne",
    "treaty-of-moscow-1921",
    "treaty-of-kars",
    "proclamation-of-the-republic-of-turkey",
    "treaty-on-the-creation-of-the-ussr",
    "turkish-soviet-treaty-of-friendship-and-neutrality-1925",
    "montreux-convention",
    "turkish-straits-crisis",
    "turkey-joins-nato",
    "founding-of-the-united-nations",
    "dissolution-of-the-soviet-union",
    "syrian-civil-war",
    "2015-russian-sukhoi-su-24-shootdown",
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_fixtures_load_on_a_fresh_database_and_again_without_duplicates(loaded_fixtures):
    first = counts()
    assert first["Question"] == 1 and first["Claim"] == 34 and first["Verdict"] == 7
    assert first["Event"] >= 15
    call_command("loaddata", *(ROOT / name for name in FIXTURES), verbosity=0)
    assert counts() == first
    call_command("refresh_listings", verbosity=0)  # loaddata writes rows raw, past what keeps the listings


def test_the_document_fixture_equals_a_fresh_import_of_the_documents():
    committed = json.loads((ROOT / "fixtures" / "documents.json").read_text(encoding="utf-8"))
    assert json.loads(document_fixture()) == committed, "run `make fixtures` to regenerate fixtures/documents.json"


def test_building_the_document_fixture_leaves_the_database_as_it_was():
    document_fixture()
    assert not Question.objects.exists()


def test_the_timeline_holds_every_event_the_seed_document_names(loaded_fixtures):
    assert set(SEED_EVENTS) <= set(Event.objects.values_list("slug", flat=True))


def test_the_invented_war_is_not_in_the_timeline(loaded_fixtures):
    for event in Event.objects.all():
        names = " ".join([event.name, *event.alias_list]).lower()
        assert "1941" not in names
        assert "turkish-soviet war" not in names and "turkish–soviet war" not in names


def test_every_event_has_sources_participants_and_a_summary(loaded_fixtures):
    for event in Event.objects.prefetch_related("sources", "participants"):
        assert event.sources.all(), event.slug
        assert all(source.url.startswith(("https://", "http://")) for source in event.sources.all())
        assert event.participants.all(), event.slug
        assert len(event.summary) > 80, event.slug


def test_event_dates_are_stored_normalised_by_precision(loaded_fixtures):
    for event in Event.objects.all():
        assert event.start_date == dates.truncate(event.start_date, event.start_precision), event.slug
        if event.end_date:
            assert event.end_date == dates.period_end(event.end_date, event.end_precision), event.slug
            assert event.start_date <= event.end_date


@pytest.mark.parametrize(
    ("slug", "display"),
    [
        ("turkish-war-of-independence", "19 May 1919 – 24 July 1923"),
        ("treaty-of-moscow-1921", "16 March 1921"),
        ("treaty-of-kars", "13 October 1921"),
        ("treaty-of-lausanne", "24 July 1923"),
        ("proclamation-of-the-republic-of-turkey", "29 October 1923"),
        ("treaty-on-the-creation-of-the-ussr", "30 December 1922"),
        ("turkey-joins-nato", "18 February 1952"),
        ("dissolution-of-the-soviet-union", "26 December 1991"),
        ("2015-russian-sukhoi-su-24-shootdown", "24 November 2015"),
    ],
)
def test_key_dates_match_the_record(loaded_fixtures, slug, display):
    assert Event.objects.get(slug=slug).date_display == display


def test_the_verdict_vocabulary_rates_truth_from_1_to_5(loaded_fixtures):
    ratings = dict(Verdict.objects.values_list("slug", "rating_value"))
    assert ratings == {
        "accurate": 5,
        "mostly-accurate": 4,
        "misleading": 2,
        "inaccurate": 1,
        "fabricated": 1,
        "unverifiable": None,
        "opinion": None,
    }


def test_load_fixtures_records_a_first_history_row_once():
    call_command("load_fixtures", verbosity=0)
    first = counts()
    assert first == {name: count for name, count in first.items() if count} and first["Claim"] == 34
    assert Claim.history.count() == 34
    reasons = Event.history.exclude(slug__in=EVENT_CHANGES).values_list("history_change_reason", flat=True)
    assert set(reasons) == {"Loaded from the fixtures"}
    kars = Event.history.filter(slug="treaty-of-kars").get()
    assert {row.participant.slug for row in kars.participants.all()} >= {"grand-national-assembly-of-turkey"}
    event_history = Event.history.count()
    call_command("load_fixtures", verbosity=0)
    assert counts() == first
    assert Claim.history.count() == 34
    assert Event.history.count() == event_history


def test_load_fixtures_writes_exactly_one_history_row_per_loaded_object():
    call_command("load_fixtures", verbosity=0)
    names = {entry["model"] for name in FIXTURES for entry in json.loads((ROOT / name).read_text(encoding="utf-8"))}
    tracked = [apps.get_model(name) for name in sorted(names) if name != "auth.user"]
    assert len(tracked) == 11
    # A corrected event comes with its correction as well: a second row, from the change's approval.
    corrected = set(Event.objects.filter(slug__in=EVENT_CHANGES).values_list("pk", flat=True))
    for model in tracked:
        rows = model.history.filter(history_change_reason="Loaded from the fixtures").values_list("id", "history_type")
        assert sorted(rows) == [(pk, "+") for pk in sorted(model.objects.values_list("pk", flat=True))]
        others = model.history.exclude(history_change_reason="Loaded from the fixtures")
        # (The approval saves the event, then its participants: a row for each.)
        expected = {(pk, "~") for pk in corrected} if model is Event else set()
        assert set(others.values_list("id", "history_type")) == expected
        assert all(
            reason.endswith("approved by Demo Reviewer")
            for reason in others.values_list("history_change_reason", flat=True)
        )
    # Each row carries its object's many-to-many links as they were then.
    for row in Event.history.exclude(id__in=corrected):
        assert {link.participant_id for link in row.participants.all()} == set(
            Event.objects.get(pk=row.id).participants.values_list("pk", flat=True)
        )
    lausanne = Event.history.filter(slug="treaty-of-lausanne").order_by("history_date")
    assert [row.participants.count() for row in lausanne] == [6, 6, 7]  # Romania, added by the correction
    for row in Annotation.history.all():
        assert {link.event_id for link in row.evidence.all()} == set(
            Annotation.objects.get(pk=row.id).evidence.values_list("pk", flat=True)
        )
    assert Annotation.evidence.through.objects.exists()


def test_load_fixtures_leaves_edited_objects_as_they_are():
    call_command("load_fixtures", verbosity=0)
    event = Event.objects.get(slug="treaty-of-kars")
    event.summary = "An editor's correction."
    event.save()
    source = Source.objects.filter(event=event).first()
    source.delete()
    out = io.StringIO()
    call_command("load_fixtures", stdout=out)
    assert Event.objects.get(slug="treaty-of-kars").summary == "An editor's correction."
    assert Source.objects.filter(event=event, url=source.url).exists()
    assert "Loaded 1 new objects;" in out.getvalue()


def fixture_fields(name, model):
    """Return the fields of each `model` entry of the fixture file `name`, as written."""
    entries = json.loads((ROOT / "fixtures" / name).read_text(encoding="utf-8"))
    return [entry["fields"] for entry in entries if entry["model"] == model]


STEPS = ("created_at", "submitted_at", "reviewed_at")


def moment(text):
    return datetime.datetime.fromisoformat(text)


def test_no_demo_revision_was_written_or_reviewed_before_its_document_was_captured():
    captured = {
        question["slug"]: datetime.date.fromisoformat(question["captured_on"])
        for question in fixture_fields("documents.json", "answers.question")
    }
    for revision in fixture_fields("demo.json", "answers.annotation"):
        captured_on = captured[revision["claim"][0]]
        for name in STEPS:
            assert moment(revision[name]).date() >= captured_on, (revision["claim"], revision["revision"], name)


def test_every_demo_revision_was_started_then_submitted_then_reviewed():
    for revision in fixture_fields("demo.json", "answers.annotation"):
        started, submitted, reviewed = (moment(revision[name]) for name in STEPS)
        assert started <= submitted <= reviewed, (revision["claim"], revision["revision"])


def test_every_correction_in_the_demo_was_started_after_the_review_it_corrects():
    revisions = fixture_fields("demo.json", "answers.annotation")
    reviewed = {(*revision["claim"], revision["revision"]): moment(revision["reviewed_at"]) for revision in revisions}
    corrections = [revision for revision in revisions if revision["based_on"]]
    assert corrections
    for correction in corrections:
        assert moment(correction["created_at"]) > reviewed[tuple(correction["based_on"])], correction["claim"]
