"""The page benchmark's synthetic data: valid as the review workflow and the database rules require."""

import random

import pytest
from django.db.models import Count, F, Q

from answers.models import Annotation, Claim
from bench import probe
from bench.data import Builder, gather_statistics, refresh_read_models, sample_is_valid

pytestmark = pytest.mark.django_db

SIZE = 400


@pytest.fixture
def built(loaded_fixtures):
    Builder(SIZE).build()
    refresh_read_models(log=lambda line: None)  # as bench.data.prepare does after building
    gather_statistics()


def test_builds_as_many_claims_as_asked_for_about_ten_an_answer(built):
    claims = Claim.objects.filter(answer__question__document__startswith="bench/")
    assert claims.count() == SIZE
    per_answer = claims.values("answer").annotate(count=Count("pk")).values_list("count", flat=True)
    assert 8 <= sum(per_answer) / len(per_answer) <= 12


def test_a_sample_of_every_kind_of_object_passes_full_clean(built):
    assert sample_is_valid(count=30) > 100


def test_revisions_end_every_way_the_workflow_allows_and_nobody_reviews_their_own(built):
    revisions = Annotation.objects.filter(claim__answer__question__document__startswith="bench/")
    statuses = set(revisions.values_list("status", flat=True))
    assert statuses == {"published", "superseded", "submitted", "rejected"}
    assert not revisions.filter(reviewed_by=F("created_by")).exists()
    assert revisions.filter(status="superseded").filter(revisions__status="published").exists()
    # A join, not exclude(evidence=None): PostgreSQL once planned that NOT EXISTS over the suite's dead rows
    # as nested scans and ran it past the statement timeout.
    assert revisions.filter(status="published", evidence__isnull=False).exists()


def test_some_claims_are_orphaned_withdrawn_or_name_ataturk(built):
    claims = Claim.objects.filter(answer__question__document__startswith="bench/")
    assert claims.filter(Q(orphaned=True) | Q(state="withdrawn")).exists()
    assert claims.filter(exact__contains="Atatürk").exists()


def test_every_page_the_benchmark_loads_answers_200(built, client):
    pages = probe.pages(client)
    assert len(pages) == len(dict(pages)) == 18
    for name, path in pages:
        assert client.get(path).status_code == 200, name


def test_the_same_seed_writes_the_same_words(loaded_fixtures):
    from answers.models import Verdict
    from bench.data import Vocabulary
    from events.models import Event

    events, verdicts = list(Event.objects.order_by("pk")), list(Verdict.objects.order_by("pk"))
    first, second, other = (Vocabulary(random.Random(seed), events, verdicts) for seed in (7, 7, 8))
    written = [[vocabulary.sentence() for _ in range(20)] for vocabulary in (first, second, other)]
    assert written[0] == written[1] != written[2]


def test_invented_events_are_valid_named_apart_and_found_by_the_check(db):
    from answers import crosscheck
    from answers.models.checks import prepared_timeline
    from bench.data import synthetic_events
    from events.models import Event

    events = synthetic_events(300)
    for event in events:
        event.full_clean()
    names = [name.lower() for event in events for name in (event.name, *event.alias_list)]
    assert len(set(names)) == len(names)
    Event.objects.bulk_create(events)
    war = next(event for event in events if event.category == "war")
    outcome = crosscheck.check(f"The {war.name} began in {war.start_date.year}.", prepared_timeline())
    assert outcome.result == crosscheck.CONSISTENT
    assert [Event.objects.get(pk=key).name for key in outcome.events] == [war.name]
