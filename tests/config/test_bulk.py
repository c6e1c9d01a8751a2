"""The import's bulk writes store what Django and django-simple-history would have stored, row for row."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from answers.models import Annotation, Answer, Claim
from answers.models.listings import refresh_listings
from config.bulk import among, copy_to_history, insert, insert_with_history
from config.proposals.models import Kind, Proposal, State

pytestmark = pytest.mark.django_db

# What differs between two otherwise equal rows written at different moments.
WRITTEN = {"id", "history_id", "history_date", "created_at"}


def stored(model, keys):
    """Return the stored rows of `model` with `keys`, in that order, without what differs between writes."""
    rows = {row["id"]: row for row in model.objects.filter(id__in=keys).values()}
    return [{name: value for name, value in rows[key].items() if name not in WRITTEN} for key in keys]


def proposals(editor, count, first=1):
    question = ContentType.objects.get(app_label="answers", model="question")
    made = datetime.datetime(2026, 11, 26, 9, 30, tzinfo=datetime.UTC)
    return [
        Proposal(
            content_type=question,
            object_id=first + number,
            target_label=f"Question {first + number}",
            kind=Kind.CHANGE,
            changes={"text": f"Text {number}", "captured_on": "2026-11-26"},
            note="Proposed in a test",
            created_by=editor if number % 2 else None,
            created_at=made,
        )
        for number in range(1, count + 1)
    ]


def new_claims(answer, first, count):
    claims = []
    for index in range(count):
        claim = Claim(answer=answer, number=first + index, state=State.DRAFT)
        claim.place(answer.body, 0, 20 + index)
        claims.append(claim)
    return claims


def test_insert_stores_what_bulk_create_stores_and_gives_each_object_its_key(editor):
    inserted = insert(Proposal, proposals(editor, 5))
    created = Proposal.objects.bulk_create(proposals(editor, 5, first=100))
    assert [proposal.pk for proposal in inserted] == sorted(proposal.pk for proposal in inserted)
    assert all(not proposal._state.adding for proposal in inserted)
    ours, theirs = stored(Proposal, [p.pk for p in inserted]), stored(Proposal, [p.pk for p in created])
    for row in ours + theirs:
        del row["object_id"], row["target_label"]
    assert ours == theirs
    # Read back through the ORM, the values are those given: JSON, text choices, times and relations alike.
    first = Proposal.objects.get(pk=inserted[0].pk)
    assert first.changes == {"text": "Text 1", "captured_on": "2026-11-26"}
    assert (first.kind, first.status, first.created_by) == (Kind.CHANGE, Proposal.Status.PENDING, editor)
    assert first.created_at == datetime.datetime(2026, 11, 26, 9, 30, tzinfo=datetime.UTC)


def test_insert_splits_rows_over_statements_the_database_takes(editor):
    with CaptureQueriesContext(connection) as queries:
        inserted = insert(Proposal, proposals(editor, 1200))
    assert Proposal.objects.filter(pk__in=[p.pk for p in inserted]).count() == 1200
    assert 1 < len(queries) < 1200


def test_insert_with_history_writes_the_history_simple_history_writes(loaded_fixtures, editor):
    answer = Answer.objects.first()
    ours = insert_with_history(Claim, new_claims(answer, 101, 3), editor, "Imported from a test")
    theirs = bulk_create_with_history(
        new_claims(answer, 201, 3), Claim, default_user=editor, default_change_reason="Imported from a test"
    )
    refresh_listings([*ours, *theirs])
    history = Claim.history.model

    def rows(claims):
        keys = [claim.pk for claim in claims]
        found = history.objects.filter(id__in=keys).order_by("history_id").values()
        return [
            {k: v for k, v in row.items() if k not in WRITTEN | {"number", "start", "end", "exact"}} for row in found
        ]

    assert rows(ours) == rows(theirs)
    assert [row["history_type"] for row in rows(ours)] == ["+"] * 3
    assert list(
        history.objects.filter(id__in=[c.pk for c in ours]).order_by("history_id").values_list("number", flat=True)
    ) == [101, 102, 103]
    recorded = history.objects.get(id=ours[0].pk)
    assert (recorded.history_user, recorded.history_change_reason) == (editor, "Imported from a test")
    assert abs(recorded.history_date - timezone.now()) < datetime.timedelta(minutes=1)


def test_history_of_many_to_many_fields_cannot_be_copied_by_the_database(loaded_fixtures):
    with pytest.raises(ValueError, match="many-to-many"):
        copy_to_history(Annotation, [1])


@pytest.mark.parametrize("keys", [[3, 4, 5, 6], [6, 3, 5, 4, 4], [3, 5, 9], [7], []])
def test_among_finds_exactly_the_rows_of_the_keys_consecutive_or_not(editor, keys):
    inserted = insert(Proposal, proposals(editor, 10))
    first = inserted[0].pk
    wanted = [first + key - 1 for key in keys]
    found = Proposal.objects.filter(among("pk", wanted)).values_list("pk", flat=True)
    assert sorted(found) == sorted(set(wanted))


def test_among_asks_for_consecutive_keys_with_two_parameters(editor):
    keys = [proposal.pk for proposal in insert(Proposal, proposals(editor, 500))]
    with CaptureQueriesContext(connection) as queries:
        assert Proposal.objects.filter(among("pk", keys)).count() == 500
    assert queries[0]["sql"].count(str(keys[0])) == 1 and str(keys[250]) not in queries[0]["sql"]


def test_a_models_history_manager_class_is_made_once(loaded_fixtures):
    claim = Claim.objects.first()
    assert type(Claim.history) is type(Claim.history) is type(claim.history)
    assert set(claim.history.values_list("id", flat=True)) == {claim.pk}
