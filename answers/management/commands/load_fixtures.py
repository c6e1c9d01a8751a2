"""Load Factline's fixtures into a database, adding what is missing and leaving what is there alone.

``manage.py load_fixtures``. The seed content is loaded as published, as the operator's doing. Each new
object is saved once, as loaddata saves it, and gets exactly one history row ("Loaded from the
fixtures"), written in bulk with django-simple-history's own ``bulk_history_create``.
"""

from collections import defaultdict

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model, get_m2m_field_name

from answers.corrections import hold_back_event_change, make_held_back_changes
from answers.models import Annotation, refresh_listings
from answers.models.checks import recheck
from config.history import save_with_history
from config.proposals.models import Publishable, State
from events.models import Event

FIXTURES = ["verdicts.json", "events.json", "documents.json", "demo.json", "pages.json"]
REASON = "Loaded from the fixtures"


class Command(BaseCommand):
    help = (
        "Load the verdict, event, document, demo and explanatory page fixtures. Objects already in the database "
        "(matched by natural key) are left as they are, so editors' changes survive; each new object gets a first "
        "history row."
    )

    @transaction.atomic
    def handle(self, *args, verbosity, **options):
        fixtures = []
        for name in FIXTURES:
            with open(settings.BASE_DIR / "fixtures" / name, encoding="utf-8") as fixture:
                fixtures.append(fixture.read())
        total, kept = load(fixtures)
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Loaded {total} new objects; {kept} already present were left as they are.")
            )


def load(fixtures):
    """Load the fixtures (JSON texts, in order) as published content; return how many objects were added and kept.

    A revision the fixtures record as superseded, but that the database still publishes (loaded before the
    fixtures gained the revision correcting it), is superseded: history is added to, never rewritten.
    """
    added, kept, now, reviewed, superseded, changes = defaultdict(list), 0, timezone.now(), [], [], []
    for text in fixtures:
        for deserialized in serializers.deserialize("json", text, handle_forward_references=False):
            instance = deserialized.object
            # Every fixture uses natural keys, so an object the database holds comes back with its key.
            if instance.pk is not None:
                kept += 1
                if isinstance(instance, Annotation) and instance.status == Annotation.Status.SUPERSEDED:
                    superseded.append(instance.pk)
                continue
            if isinstance(instance, Publishable) and instance.state == State.DRAFT:
                # The seed is loaded as published, by the operator: readers see it at once.
                instance.state, instance.published_at = State.PUBLISHED, now
            if isinstance(instance, Event) and (change := hold_back_event_change(instance, deserialized.m2m_data)):
                changes.append(change)
            if isinstance(instance, Annotation) and instance.status != Annotation.Status.DRAFT:
                reviewed.append(ReviewedRevision.hold(instance))
            instance.skip_history_when_saving = True  # its one history row is written below
            deserialized.save(force_insert=True)
            added[type(instance)].append(instance)
    for revision in Annotation.objects.filter(pk__in=superseded, status=Annotation.Status.PUBLISHED):
        newer = revision.claim.annotations.filter(revision__gt=revision.revision).order_by("revision").first()
        revision.status = Annotation.Status.SUPERSEDED
        save_with_history(
            revision, None, f"Superseded by revision {newer.revision if newer else '?'}, {REASON.lower()}"
        )
    # The database accepts a reviewed revision only as a draft that went through the workflow's steps,
    # once its sources and evidence are in place.
    for revision in reviewed:
        revision.move_through_the_workflow()
    for model, instances in added.items():
        record_first_history(model, instances)
    # A corrected event comes with its correction: an approved change, on its page and in its history.
    make_held_back_changes(changes)
    recheck(index=True)
    refresh_listings()
    return sum(len(instances) for instances in added.values()), kept


class ReviewedRevision:
    """A reviewed revision of a fixture, saved as a draft and then moved through the workflow's steps."""

    REVIEW = ("reviewed_by_id", "reviewed_at", "review_comment", "verdict_label")

    @classmethod
    def hold(cls, instance):
        """Remember the revision's status and review, and turn the instance into the draft it started as."""
        held = cls()
        held.instance, held.status = instance, instance.status
        held.review = {name: getattr(instance, name) for name in cls.REVIEW}
        instance.status, instance.reviewed_by_id, instance.reviewed_at = Annotation.Status.DRAFT, None, None
        instance.review_comment, instance.verdict_label = "", ""
        return held

    def move_through_the_workflow(self):
        """Submit the draft, record its review, and supersede it if it was superseded; restore the instance."""
        rows, Status = Annotation.objects.filter(pk=self.instance.pk), Annotation.Status
        rows.update(status=Status.SUBMITTED)
        decided = Status.REJECTED if self.status == Status.REJECTED else Status.PUBLISHED
        if self.status != Status.SUBMITTED:
            rows.update(status=decided, **self.review)
        if self.status == Status.SUPERSEDED:
            rows.update(status=Status.SUPERSEDED)
        self.instance.status = self.status
        for name, value in self.review.items():
            setattr(self.instance, name, value)


def record_first_history(model, instances, reason=REASON):
    """Write one history row for each of `instances`, with its tracked many-to-many links, in bulk."""
    try:
        history = get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return
    rows = history.bulk_history_create(instances, default_change_reason=reason)
    # A history row copies its object's primary key; each many-to-many link is copied onto the row it belongs to.
    row_of = {getattr(row, model._meta.pk.attname): row for row in rows}
    for field in history.model._history_m2m_fields:
        links, owner = field.remote_field.through, get_m2m_field_name(field)
        link_history = getattr(history.model, field.name).model
        link_history.objects.bulk_create(
            link_history(
                history=row_of[getattr(link, f"{owner}_id")],
                **{column.attname: getattr(link, column.attname) for column in links._meta.concrete_fields},
            )
            for link in links.objects.filter(**{f"{owner}__in": instances})
        )
