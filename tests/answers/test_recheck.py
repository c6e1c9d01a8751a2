"""A timeline change rechecks only the claims it concerns, with queries that do not grow with the claims."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from answers.models import Claim, ClaimCheck, refresh_listings
from answers.models.checks import ClaimWord, naming, recheck, words_of
from events.models import Event
from tests.conftest import draft_event

pytestmark = pytest.mark.django_db

WAR = "The Turkish War of Independence, fought between 1919 and 1922"


def save_counting_queries(event, django_capture_on_commit_callbacks):
    """Save `event` (its rechecks included) and return the number of queries it took."""
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        event.save()
    return len(queries)


def multiply_claims(times):
    """Add `times - 1` copies of every claim (in the same answers, under new numbers), indexed and checked."""
    originals = list(Claim.objects.all())
    copies = []
    for round_ in range(1, times):
        for claim in originals:
            twin = copy.copy(claim)
            twin.pk, twin.number = None, claim.number + 1000 * round_
            copies.append(twin)
    Claim.objects.bulk_create(copies)
    recheck(Claim.objects.filter(number__gte=1000), index=True)
    refresh_listings(Claim.objects.filter(number__gte=1000))


def test_an_event_save_costs_the_same_queries_with_a_hundred_times_the_claims(
    loaded_fixtures, django_capture_on_commit_callbacks
):
    war = Event.objects.get(slug="turkish-war-of-independence")
    ended = war.end_date
    war.end_date = ended.replace(year=1922)
    with_the_seed = save_counting_queries(war, django_capture_on_commit_callbacks)
    assert Claim.objects.get(exact__startswith=WAR).timeline_check.result == "consistent"

    multiply_claims(100)
    assert Claim.objects.count() >= 3_000
    war.end_date = ended
    with_more_claims = save_counting_queries(war, django_capture_on_commit_callbacks)
    assert with_more_claims == with_the_seed
    # Every copy of the claim was rechecked by those same queries.
    assert set(ClaimCheck.objects.filter(claim__exact__startswith=WAR).values_list("result", flat=True)) == {"conflict"}


def test_an_event_save_leaves_the_claims_that_do_not_name_it_alone(loaded_fixtures, django_capture_on_commit_callbacks):
    before = dict(ClaimCheck.objects.values_list("claim_id", "checked_at"))
    war = Event.objects.get(slug="turkish-war-of-independence")
    naming = set(ClaimCheck.objects.filter(events=war).values_list("claim_id", flat=True))
    war.end_date = war.end_date.replace(year=1922)
    save_counting_queries(war, django_capture_on_commit_callbacks)
    after = dict(ClaimCheck.objects.values_list("claim_id", "checked_at"))
    changed = {pk for pk in before if before[pk] != after.get(pk)}
    # The claims that name the war, whose results changed with its dates; none of the other 30.
    assert Claim.objects.get(exact__startswith=WAR).pk in changed
    assert changed == naming
    assert len(before) - len(naming) >= 30


def test_a_renamed_event_is_found_under_its_new_name_and_lost_under_its_old(
    loaded_fixtures, django_capture_on_commit_callbacks
):
    invented = Claim.objects.get(exact__contains="Turkish-Soviet War of 1941-1945")
    assert invented.timeline_check.result == "unknown-event"
    with django_capture_on_commit_callbacks(execute=True):
        event = draft_event("Soviet–Turkish Confrontation", 1941, category="war")
    assert ClaimCheck.objects.get(claim=invented).result == "unknown-event"

    event.aliases = "Turkish-Soviet War"
    save_counting_queries(event, django_capture_on_commit_callbacks)
    check = ClaimCheck.objects.get(claim=invented)
    assert (check.result, list(check.events.all())) == ("consistent", [event])

    event.aliases = ""
    save_counting_queries(event, django_capture_on_commit_callbacks)
    assert ClaimCheck.objects.get(claim=invented).result == "unknown-event"


def test_a_claim_s_words_are_indexed_as_names_are_folded(loaded_fixtures):
    claim = Claim.objects.get(exact__startswith=WAR)
    words = set(ClaimWord.objects.filter(claim=claim).values_list("word", flat=True))
    assert {"turkish", "war", "independence"} <= words
    assert not {"the", "of", "1919", "1922"} & words  # common words and numbers tell no claim apart
    claim.exact = "Atatürk’s army won at Sakarya."
    claim.start, claim.end = 0, len(claim.exact)
    claim.save()
    assert set(ClaimWord.objects.filter(claim=claim).values_list("word", flat=True)) == {
        "ataturk",
        "army",
        "won",
        "sakarya",
    }


def test_a_name_is_looked_for_by_its_uncommon_words_and_one_of_only_common_words_and_numbers_in_every_claim(
    loaded_fixtures,
):
    named = Claim.objects.filter(naming(["The War of 1812"]))
    assert set(named) == {claim for claim in Claim.objects.all() if "war" in words_of(claim.exact)}
    assert named.exists()
    assert set(Claim.objects.filter(naming(["Of 1921"]))) == set(Claim.objects.all())
