"""Corrections of the record: changes to the seed content that a historian's reading of it called for.

Each is made through the review workflow, written by the demo editor and approved by the demo reviewer:
a new revision of a claim's assessment superseding the published one (readers see both in the claim's
corrections log), an event added to the timeline as evidence, a change to a published event. The
fixtures hold the result; ``manage.py correct_the_record`` makes the corrections a database still lacks
(one loaded before they were made) and, with ``--write-fixtures``, writes them into the fixtures.
"""

import datetime
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import transaction

from answers import review
from answers.models import Annotation, AnnotationSource, Claim, Verdict, refresh_listings
from config.history import save_with_history
from config.proposals import workflow
from config.proposals.models import PUBLICATION_FIELDS
from events.models import Event, Participant, Source

DEMO_EDITOR, DEMO_REVIEWER = "editor", "reviewer"
QUESTION = "how-did-the-turkish-war-of-independence-impact-the-relationship-between-turkey"


def at(text):
    return datetime.datetime.fromisoformat(text)


@dataclass(frozen=True)
class NewParticipant:
    """A participant the timeline lacks, added as a draft and published by a reviewer."""

    slug: str
    name: str
    kind: str
    description: str
    note: str


@dataclass(frozen=True)
class NewEvent:
    """An event the timeline lacks, added with its sources as a draft and published by a reviewer."""

    slug: str
    name: str
    aliases: list
    category: str
    participants: list
    summary: str
    start_date: str
    start_precision: str
    sources: list
    note: str


@dataclass(frozen=True)
class EventChange:
    """A change to a published event, proposed by the editor and approved by the reviewer.

    `was` holds the values the change corrects: an event that no longer has them was changed by someone
    since, and is left for an editor to look at. New `sources` are added and published on their own.
    """

    slug: str
    was: dict
    changes: dict
    sources: list
    note: str
    comment: str


@dataclass(frozen=True)
class Reassessment:
    """A new revision of a claim's assessment, superseding the published revision `revises`."""

    claim: tuple  # (answer position, claim number) in the seed question
    revises: int
    verdict: str
    rationale: str
    evidence: list
    sources: list
    comment: str
    # When the fixtures record each step: started, submitted, approved.
    started: str
    submitted: str
    reviewed: str
    claim_slug: str = field(default=QUESTION)

    @property
    def natural_key(self):
        return (self.claim_slug, *self.claim)


ROMANIA = NewParticipant(
    slug="kingdom-of-romania",
    name="Kingdom of Romania",
    kind="state",
    description=(
        "Romania under its monarchy, 1881–1947: an Allied power in the First World War from 1916 and a "
        "signatory of the Treaty of Lausanne in 1923."
    ),
    note="Romania signed the Treaty of Lausanne on 24 July 1923 and is missing from its participants.",
)

BOUNDARY_AND_FRIENDSHIP_TREATY = NewEvent(
    slug="german-soviet-boundary-and-friendship-treaty",
    name="German–Soviet Boundary and Friendship Treaty",
    aliases=[
        "German–Soviet Boundary and Friendship Treaty",
        "German-Soviet Boundary and Friendship Treaty",
        "German–Soviet Frontier and Friendship Treaty",
        "German–Soviet Treaty of Friendship, Cooperation and Demarcation",
        "Boundary and Friendship Treaty",
    ],
    category="treaty",
    participants=["germany", "soviet-union"],
    summary=(
        "The German–Soviet Boundary and Friendship Treaty was signed in Moscow on 28 September 1939 by the foreign "
        "ministers Joachim von Ribbentrop and Vyacheslav Molotov, after both states had invaded Poland. It fixed "
        "the line dividing their interests in the territory of the former Polish state, each reorganising the "
        "areas on its side, rejected any interference of third powers and called the settlement a foundation for "
        "friendly relations between their peoples; secret protocols moved most of Lithuania into the Soviet "
        "sphere in exchange for more of Poland for Germany and bound both to suppress Polish agitation. It "
        "supplemented the non-aggression pact of 23 August 1939 and was not a military alliance."
    ),
    start_date="1939-09-28",
    start_precision="day",
    sources=[
        (
            "German-Soviet Boundary and Friendship Treaty — The Avalon Project, Yale Law School",
            "https://avalon.law.yale.edu/20th_century/gsbound.asp",
        ),
        (
            "Foreign Relations of the United States, 1939, Volume I, Document 501 — Office of the Historian, "
            "U.S. Department of State",
            "https://history.state.gov/historicaldocuments/frus1939v01/d501",
        ),
        (
            "German–Soviet Boundary and Friendship Treaty — Wikipedia",
            "https://en.wikipedia.org/wiki/German%E2%80%93Soviet_Boundary_and_Friendship_Treaty",
        ),
    ],
    note="Evidence for the German–Soviet side of the late-1930s claim: the treaty of 28 September 1939.",
)

LAUSANNE = EventChange(
    slug="treaty-of-lausanne",
    was={
        "summary": (
            "The Treaty of Lausanne was signed in Lausanne on 24 July 1923, after a conference that opened in "
            "November 1922, between the government of the Grand National Assembly of Turkey and the British Empire, "
            "France, Italy, Japan, Greece, Romania and the Kingdom of Serbs, Croats and Slovenes. It replaced the "
            "unratified Treaty of Sèvres, recognised Turkish sovereignty within borders close to those of modern "
            "Turkey, abolished the capitulations and was accompanied by a convention on the Straits and a "
            "Greek–Turkish population exchange convention. It came into force on 6 August 1924 and marks the formal "
            "end of the Turkish War of Independence."
        ),
        "participants": [
            "grand-national-assembly-of-turkey",
            "united-kingdom",
            "france",
            "italy",
            "japan",
            "kingdom-of-greece",
        ],
    },
    changes={
        "summary": (
            "The Treaty of Lausanne was signed in Lausanne on 24 July 1923, after a conference that opened in "
            "November 1922, by the British Empire, France, Italy, Japan, Greece and Romania on one side and the "
            "government of the Grand National Assembly of Turkey on the other. The Kingdom of Serbs, Croats and "
            "Slovenes, named in the treaty as a party, did not sign that day, its delegates being dissatisfied with "
            "the division of the Ottoman public debt; a protocol signed the same day left the treaty open to its "
            "signature until the treaty came into force. The treaty replaced the unratified Treaty of Sèvres, "
            "recognised Turkish sovereignty within borders close to those of modern Turkey, abolished the "
            "capitulations and was accompanied by a convention on the Straits and a Greek–Turkish population "
            "exchange convention. It came into force on 6 August 1924 and marks the formal end of the Turkish War of "
            "Independence."
        ),
        "participants": [
            "grand-national-assembly-of-turkey",
            "united-kingdom",
            "france",
            "italy",
            "japan",
            "kingdom-of-greece",
            "kingdom-of-romania",
        ],
    },
    sources=[
        (
            "Treaty with Turkey and Other Instruments Signed at Lausanne — Ministry of Foreign Affairs of the "
            "Republic of Türkiye",
            "https://www.mfa.gov.tr/treaty-with-turkey-and-other-instruments-signed-at-lausanne.en.mfa",
        ),
        (
            "Peace with Turkey at last (The Times, 25 July 1923) — The Times",
            "https://www.thetimes.co.uk/article/peace-with-turkey-at-last-w5qq2g39h",
        ),
        (
            "Lozan Andlaşması, XVII: Sırp-Hırvat-Sloven Devletinin İmzasına Müteallik Protokol (24 July 1923) — "
            "Düstur, via Başar Mevzuat",
            "http://www.basarmevzuat.com/dustur/kanun/3/0340/lozanant017.htm",
        ),
    ],
    note=(
        "The Kingdom of Serbs, Croats and Slovenes did not sign on 24 July 1923 (The Times of 25 July 1923; the "
        "protocol of the same day on its signature), and Romania, which did sign, was missing from the participants."
    ),
    comment="Checked the signatures on the treaty and on the protocol on the Serb-Croat-Slovene State's signature.",
)

REASSESSMENTS = [
    Reassessment(
        claim=(1, 5),
        revises=1,
        verdict="inaccurate",
        rationale=(
            "Mustafa Kemal did reject communism, and Mustafa Suphi, leader of the Communist Party of Turkey, was "
            "killed with fourteen comrades off Trabzon in late January 1921, but no Soviet demand that Turkey become "
            "a communist state is on record. Soviet Russia went on to sign the Treaty of Moscow with Ankara on 16 "
            "March 1921 and kept sending gold and arms into 1922, when deliveries shrank, above all because of its "
            "own economic crisis, though Ankara's treatment of communists and its agreement with France of October "
            "1921 also weighed. The sentence is wrong on the checkable fact it rests on, the demand, and makes a "
            "refusal of it the cause of the decline."
        ),
        evidence=["soviet-aid-to-the-turkish-national-movement", "treaty-of-moscow-1921"],
        sources=[
            ("Mustafa Subhi — Wikipedia", "https://en.wikipedia.org/wiki/Mustafa_Subhi"),
            (
                "Soviet Union–Turkey relations — Wikipedia",
                "https://en.wikipedia.org/wiki/Soviet_Union%E2%80%93Turkey_relations",
            ),
            ("Treaty of Moscow (1921) — Wikipedia", "https://en.wikipedia.org/wiki/Treaty_of_Moscow_(1921)"),
            (
                "Financial and Military Help of the Soviet Russia to the Turkish Liberation War — journal "
                "abstract, karamdergisi.com",
                "http://karamdergisi.com/DergiDetay.aspx?ID=210&Detay=Abstract",
            ),
        ],
        comment="Inaccurate by the vocabulary: the demand is not on record, and the aid went on after Moscow.",
        started="2026-11-25T15:10:00+00:00",
        submitted="2026-11-25T15:32:00+00:00",
        reviewed="2026-11-25T16:40:00+00:00",
    ),
    Reassessment(
        claim=(2, 9),
        revises=1,
        verdict="mostly-accurate",
        rationale=(
            "The Treaty of Moscow of 16 March 1921 between Soviet Russia and the Ankara government was, by its "
            "title, a treaty of friendship and brotherhood, and the Treaty of Kars of 13 October 1921 drew "
            "the border that became the Turkish–Soviet border and still separates Turkey from Georgia, Armenia and "
            "Azerbaijan. Two details are loose: the Moscow treaty was not a non-aggression pact, an undertaking that "
            "came only with the Turkish–Soviet treaty of 17 December 1925, and Turkey signed at Kars with the "
            "Armenian, Azerbaijani and Georgian Soviet republics, Soviet Russia taking part, as the Soviet Union was "
            "formed only on 30 December 1922."
        ),
        evidence=[
            "treaty-of-moscow-1921",
            "treaty-of-kars",
            "turkish-soviet-treaty-of-friendship-and-neutrality-1925",
            "treaty-on-the-creation-of-the-ussr",
        ],
        sources=[
            ("Treaty of Moscow (1921) — Wikipedia", "https://en.wikipedia.org/wiki/Treaty_of_Moscow_(1921)"),
            ("Treaty of Kars — Wikipedia", "https://en.wikipedia.org/wiki/Treaty_of_Kars"),
            (
                "Treaty on the Creation of the Union of Soviet Socialist Republics — Wikipedia",
                "https://en.wikipedia.org/wiki/Treaty_on_the_Creation_of_the_Union_of_Soviet_Socialist_Republics",
            ),
        ],
        comment="Mostly accurate by the vocabulary: friendship treaty and border right, non-aggression loose.",
        started="2026-11-25T15:40:00+00:00",
        submitted="2026-11-25T15:58:00+00:00",
        reviewed="2026-11-25T16:52:00+00:00",
    ),
    Reassessment(
        claim=(2, 12),
        revises=1,
        verdict="mostly-accurate",
        rationale=(
            "Relations did worsen in 1939, when the two states took opposite sides: Turkey signed a Treaty of Mutual "
            "Assistance with the United Kingdom and France on 19 October 1939, after Foreign Minister Şükrü "
            "Saracoğlu's talks in Moscow had ended without agreement, while the Soviet Union signed a non-aggression "
            "pact with Germany on 23 August 1939, whose secret protocol divided Eastern Europe into spheres of "
            "interest, and the German–Soviet Boundary and Friendship Treaty of 28 September 1939, which partitioned "
            "Poland between them. These treaties made no military alliance, so “allied itself” overstates the "
            "German–Soviet tie (and “Russia” is loose for the Soviet Union), but the two states worked together "
            "until Germany invaded the Soviet Union in June 1941, and the sentence's substance holds."
        ),
        evidence=[
            "anglo-french-turkish-treaty-1939",
            "molotov-ribbentrop-pact",
            "german-soviet-boundary-and-friendship-treaty",
        ],
        sources=[
            ("Turkey in World War II — Wikipedia", "https://en.wikipedia.org/wiki/Turkey_in_World_War_II"),
            (
                "Pact of Mutual Assistance (Gisborne Herald, 20 October 1939) — Papers Past, National Library of "
                "New Zealand",
                "https://paperspast.natlib.govt.nz/newspapers/GISH19391020.2.52.1",
            ),
            (
                "Foreign Relations of the United States, 1939, Volume I, Document 505 — Office of the Historian, "
                "U.S. Department of State",
                "https://history.state.gov/historicaldocuments/frus1939v01/d505",
            ),
            (
                "Molotov–Ribbentrop Pact — Wikipedia",
                "https://en.wikipedia.org/wiki/Molotov%E2%80%93Ribbentrop_Pact",
            ),
            (
                "Treaty of Nonaggression between Germany and the Union of Soviet Socialist Republics — The Avalon "
                "Project, Yale Law School",
                "https://avalon.law.yale.edu/20th_century/nonagres.asp",
            ),
            (
                "German-Soviet Boundary and Friendship Treaty — The Avalon Project, Yale Law School",
                "https://avalon.law.yale.edu/20th_century/gsbound.asp",
            ),
        ],
        comment="Mostly accurate: both 1939 alignments are on record; “allied” overstates the German–Soviet treaties.",
        started="2026-11-25T16:05:00+00:00",
        submitted="2026-11-25T16:31:00+00:00",
        reviewed="2026-11-25T17:14:00+00:00",
    ),
]

# When the fixtures record the timeline's corrections: proposed by the editor, then decided by the reviewer.
TIMELINE_PROPOSED, TIMELINE_DECIDED = "2026-11-25T14:40:00+00:00", "2026-11-25T15:02:00+00:00"


@contextmanager
def clock(moment):
    """Let the workflow record `moment` (ISO text) as the time of what it does, or the real time for None."""
    if moment is None:
        yield
        return
    with mock.patch("django.utils.timezone.now", return_value=at(moment)):
        yield


def demo_people():
    """Return the demo editor and the demo reviewer (the demo fixture holds both)."""
    User = get_user_model()
    return User.objects.get(username=DEMO_EDITOR), User.objects.get(username=DEMO_REVIEWER)


@transaction.atomic
def correct_the_record(editor, reviewer, as_recorded=False):
    """Make each correction the database lacks, through the review workflow; return what was done, in words.

    With `as_recorded`, each step is dated as the fixtures record it; otherwise it happens now.
    """
    done = []
    proposed, decided = (TIMELINE_PROPOSED, TIMELINE_DECIDED) if as_recorded else (None, None)
    done += add_participant(ROMANIA, editor, reviewer, proposed, decided)
    done += add_event(BOUNDARY_AND_FRIENDSHIP_TREATY, editor, reviewer, proposed, decided)
    done += change_event(LAUSANNE, editor, reviewer, proposed, decided)
    for reassessment in REASSESSMENTS:
        done += reassess(reassessment, editor, reviewer, as_recorded)
    refresh_listings()
    return done


def _publish(target, editor, reviewer, note, comment, proposed, decided):
    with clock(proposed):
        proposal = workflow.request_publication(target, editor, note=note)
    with clock(decided):
        workflow.approve(proposal, reviewer, comment)


def add_participant(new, editor, reviewer, proposed=None, decided=None):
    if Participant.objects.filter(slug=new.slug).exists():
        return []
    participant = Participant(slug=new.slug, name=new.name, kind=new.kind, description=new.description)
    with clock(proposed):
        save_with_history(participant, editor, "Added for a correction of the record")
    _publish(participant, editor, reviewer, new.note, "Checked.", proposed, decided)
    return [f"Added the participant {new.name}."]


def add_event(new, editor, reviewer, proposed=None, decided=None):
    if Event.objects.filter(slug=new.slug).exists():
        return []
    event = Event(
        slug=new.slug,
        name=new.name,
        aliases="\n".join(new.aliases),
        category=new.category,
        summary=new.summary,
        start_date=datetime.date.fromisoformat(new.start_date),
        start_precision=new.start_precision,
    )
    with clock(proposed):
        save_with_history(event, editor, "Added for a correction of the record")
        event.participants.set(Participant.objects.filter(slug__in=new.participants))
        for title, url in new.sources:
            save_with_history(Source(event=event, title=title, url=url), editor, "Added with the event")
    _publish(event, editor, reviewer, new.note, "Checked the date, the parties and the sources.", proposed, decided)
    return [f"Added the event {new.name}."]


def change_event(change, editor, reviewer, proposed=None, decided=None):
    event = Event.objects.filter(slug=change.slug).first()
    if event is None:
        return []
    done = []
    for title, url in change.sources:
        if not event.sources.filter(url=url).exists():
            source = Source(event=event, title=title, url=url)
            with clock(proposed):
                save_with_history(source, editor, "Added for a correction of the record")
            _publish(source, editor, reviewer, change.note, "Checked.", proposed, decided)
            done.append(f"Added a source to {event.name}: {title}.")
    current = _event_values(event, change.changes)
    if current == _event_values_from(change.changes):
        return done
    if current != _event_values_from(change.was):
        return [*done, f"Left {event.name} alone: it was changed since the values this correction corrects."]
    with clock(proposed):
        proposal = workflow.propose_change(event, editor, _event_values_from(change.changes), note=change.note)
    with clock(decided):
        workflow.approve(proposal, reviewer, change.comment)
    return [*done, f"Corrected {event.name}: {', '.join(change.changes)}."]


# The changes to published events, by slug: a fresh database loads each event as it was before its change and
# then makes the change through the workflow, so the event's page lists it among its corrections.
EVENT_CHANGES = {LAUSANNE.slug: LAUSANNE}


def hold_back_event_change(instance, m2m_data):
    """Turn an event about to be loaded with a change of EVENT_CHANGES already made into the event as it was
    before the change, and return the change, to be made with `make_held_back_changes`; else return None."""
    change = EVENT_CHANGES.get(instance.slug)
    scalar = {name: value for name, value in (change.changes if change else {}).items() if name != "participants"}
    if change is None or any(getattr(instance, name) != value for name, value in scalar.items()):
        return None
    for name, value in change.was.items():
        if name == "participants":
            m2m_data[name] = list(Participant.objects.filter(slug__in=value).values_list("pk", flat=True))
        else:
            setattr(instance, name, value)
    return change


def make_held_back_changes(changes):
    """Make the held-back event changes as the demo editor and reviewer, now: after the load that held them."""
    if changes:
        editor, reviewer = demo_people()
        for change in changes:
            change_event(change, editor, reviewer)


def _event_values(event, names):
    fields = {field.name: field for field in Event.reviewed_fields()}
    return {name: event.field_value(fields[name]) for name in names}


def _event_values_from(values):
    """Return `values` as a proposal stores them: participants as their sorted primary keys."""
    stored = dict(values)
    if "participants" in stored:
        stored["participants"] = sorted(
            Participant.objects.filter(slug__in=stored["participants"]).values_list("pk", flat=True)
        )
    return stored


def reassess(reassessment, editor, reviewer, as_recorded=False):
    """Publish a new revision of the claim's assessment, unless the claim already has it or moved on."""
    claim = Claim.objects.get_by_natural_key(*reassessment.natural_key)
    published = claim.annotations.published().first()
    verdict = Verdict.objects.get(slug=reassessment.verdict)
    if published is not None and (published.verdict_id, published.rationale) == (verdict.pk, reassessment.rationale):
        return []
    if published is None or published.revision != reassessment.revises:
        return [f"Left claim {reassessment.claim} alone: its published revision is not the one this corrects."]
    draft = review.start_revision(claim, editor)
    draft.verdict, draft.rationale = verdict, reassessment.rationale
    if as_recorded:
        draft.created_at = at(reassessment.started)
    save_with_history(draft, editor, "Corrected the assessment")
    draft.evidence.set(Event.objects.filter(slug__in=reassessment.evidence))
    wanted = {url: title for title, url in reassessment.sources}
    for source in draft.sources.all():
        if wanted.get(source.url) != source.title:
            source.delete()
    kept = set(draft.sources.values_list("url", flat=True))
    for title, url in reassessment.sources:
        if url not in kept:
            save_with_history(AnnotationSource(annotation=draft, title=title, url=url), editor, "Added a source")
    with clock(reassessment.submitted if as_recorded else None):
        review.submit(draft, editor)
    with clock(reassessment.reviewed if as_recorded else None):
        review.approve(draft, reviewer, reassessment.comment)
    return [f"Published revision {draft.revision} of claim {reassessment.claim}: {verdict.label}."]


# --- The corrections as fixture entries ---------------------------------------------------------------------

FIXTURE_FILES = {"demo.json": ["answers.annotation", "answers.annotationsource"]}
FIXTURE_FILES["events.json"] = ["events.participant", "events.event", "events.source"]
OMITTED = {"answers.annotation": {"returned_by", "returned_at", "return_comment"}}


def corrected_objects():
    """Return {fixture file: objects} for every object a correction adds or changes, in fixture order."""
    claims = [Claim.objects.get_by_natural_key(*r.natural_key) for r in REASSESSMENTS]
    annotations = list(
        Annotation.objects.filter(claim__in=claims).order_by("claim__answer__position", "claim__number", "revision")
    )
    corrected = [a for a in annotations if a.revision > 1]
    event_slugs = [BOUNDARY_AND_FRIENDSHIP_TREATY.slug, LAUSANNE.slug]
    new_sources = [url for _title, url in [*BOUNDARY_AND_FRIENDSHIP_TREATY.sources, *LAUSANNE.sources]]
    return {
        "demo.json": [
            *annotations,
            *AnnotationSource.objects.filter(annotation__in=corrected).order_by(
                "annotation__claim__answer__position", "annotation__claim__number", "annotation__revision", "id"
            ),
        ],
        "events.json": [
            *Participant.objects.filter(slug=ROMANIA.slug),
            *[Event.objects.get(slug=slug) for slug in event_slugs],
            *Source.objects.filter(event__slug__in=event_slugs, url__in=new_sources).order_by(
                "event__start_date", "id"
            ),
        ],
    }


def as_entries(objects):
    """Return `objects` as fixture entries, with natural keys and without what the fixtures leave out."""
    entries = json.loads(
        serializers.serialize("json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True)
    )
    for entry in entries:
        for name in [*PUBLICATION_FIELDS, *OMITTED.get(entry["model"], ())]:
            entry["fields"].pop(name, None)
    return entries


def entry_key(entry):
    """Return the natural key of a fixture entry, with its model."""
    fields = entry["fields"]
    model = entry["model"]
    if model == "answers.annotation":
        return model, (*fields["claim"], fields["revision"])
    if model in ("answers.annotationsource", "events.source"):
        owner = fields["annotation"] if model == "answers.annotationsource" else fields["event"]
        return model, (*owner, fields["url"])
    return model, (fields.get("slug") or fields.get("username"),)


def fixture_entries(name):
    return json.loads((settings.BASE_DIR / "fixtures" / name).read_text(encoding="utf-8"))


def state_before(entries_by_file):
    """Return the fixtures' entries ({file: entries}) as they were before the corrections were made."""
    added = {("events.participant", (ROMANIA.slug,)), ("events.event", (BOUNDARY_AND_FRIENDSHIP_TREATY.slug,))}
    added |= {
        ("events.source", (BOUNDARY_AND_FRIENDSHIP_TREATY.slug, url))
        for _title, url in BOUNDARY_AND_FRIENDSHIP_TREATY.sources
    }
    added |= {("events.source", (LAUSANNE.slug, url)) for _title, url in LAUSANNE.sources}
    revised = {(*r.natural_key, r.revises) for r in REASSESSMENTS}
    corrections = {
        entry_key(entry)[1]
        for entries in entries_by_file.values()
        for entry in entries
        if entry["model"] == "answers.annotation" and tuple(entry["fields"]["based_on"] or ()) in revised
    }
    before = {}
    for name, entries in entries_by_file.items():
        kept = []
        for entry in json.loads(json.dumps(entries)):
            model, key = entry_key(entry)
            fields = entry["fields"]
            if (model, key) in added or (model == "answers.annotation" and key in corrections):
                continue
            if model == "answers.annotationsource" and tuple(fields["annotation"]) in corrections:
                continue
            if model == "answers.annotation" and key in revised:
                fields["status"] = Annotation.Status.PUBLISHED
            if (model, key) == ("events.event", (LAUSANNE.slug,)):
                fields["summary"] = LAUSANNE.was["summary"]
                fields["participants"] = [[slug] for slug in LAUSANNE.was["participants"]]
            kept.append(entry)
        before[name] = kept
    return before


def owner(entry):
    """Return what a fixture entry belongs to: a revision's claim, a source's event or revision; else None."""
    fields = entry["fields"]
    owned_by = {"answers.annotation": "claim", "answers.annotationsource": "annotation", "events.source": "event"}
    return fields[owned_by[entry["model"]]] if entry["model"] in owned_by else None


def in_the_style_of(entry, template):
    """Return `entry` with its fields in the order of `template`'s, and links it shares kept in their order."""
    fields = {}
    for name in [*template["fields"], *entry["fields"]]:
        if name not in entry["fields"] or name in fields:
            continue
        value, before = entry["fields"][name], template["fields"].get(name)
        if isinstance(value, list) and isinstance(before, list) and all(isinstance(item, list) for item in value):
            value = [item for item in before if item in value] + [item for item in value if item not in before]
        fields[name] = value
    return {"model": entry["model"], "fields": fields}


def merged(entries, corrections):
    """Return fixture `entries` with each of `corrections` in place of the entry of the same key, or else added
    after the last entry of its model with the same owner (or of its model), in the fixture's style."""
    result = list(entries)
    for entry in corrections:
        keys = [entry_key(existing) for existing in result]
        if entry_key(entry) in keys:
            index = keys.index(entry_key(entry))
            result[index] = in_the_style_of(entry, result[index])
            continue
        same_model = [index for index, existing in enumerate(result) if existing["model"] == entry["model"]]
        same_owner = [index for index in same_model if owner(result[index]) == owner(entry)]
        template = result[same_model[0]]
        result.insert(max(same_owner or same_model) + 1, in_the_style_of(entry, template))
    return result


def corrected_fixtures():
    """Return {file: entries}: the fixtures as the corrections, made through the workflow on the state before
    them and dated as recorded, leave them. The database is left as it was."""
    from answers.management.commands.load_fixtures import FIXTURES, load

    current = {name: fixture_entries(name) for name in FIXTURES}
    before = state_before(current)
    with transaction.atomic():
        load([json.dumps(before[name]) for name in FIXTURES])
        correct_the_record(*demo_people(), as_recorded=True)
        made = {name: as_entries(objects) for name, objects in corrected_objects().items()}
        transaction.set_rollback(True)
    return {name: merged(before[name], made[name]) for name in made}
