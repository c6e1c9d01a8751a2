import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from events.models import Event, Source

pytestmark = pytest.mark.django_db

D = datetime.date


def event(**fields):
    values = {
        "name": "Treaty",
        "slug": "treaty",
        "category": "treaty",
        "summary": "A treaty.",
        "start_date": D(1921, 3, 16),
    }
    return Event(**{**values, **fields})


def test_the_database_refuses_an_event_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        event(start_date=D(1923, 1, 1), end_date=D(1919, 1, 1), end_precision="day").save()


def test_the_database_refuses_an_end_date_without_a_precision():
    with pytest.raises(IntegrityError):
        event(end_date=D(1923, 1, 1), end_precision="").save()


def test_validation_explains_a_backwards_range():
    with pytest.raises(ValidationError, match="The end date cannot be before the start date."):
        event(start_date=D(1923, 1, 1), end_date=D(1919, 1, 1), end_precision="day").full_clean()


def test_dates_are_stored_as_the_first_day_of_their_precision():
    saved = event(start_date=D(1919, 5, 19), start_precision="year", end_date=D(1923, 7, 24), end_precision="month")
    saved.save()
    saved.refresh_from_db()
    assert (saved.start_date, saved.end_date) == (D(1919, 1, 1), D(1923, 7, 31))
    assert (saved.first_day, saved.last_day) == (D(1919, 1, 1), D(1923, 7, 31))
    assert saved.date_display == "1919 – July 1923"


def test_a_coarse_end_in_the_start_period_is_valid():
    saved = event(start_date=D(1921, 3, 16), end_date=D(1921, 3, 31), end_precision="year")
    saved.full_clean()
    saved.save()
    assert saved.last_day == D(1921, 12, 31)


def test_aliases_are_read_one_per_line():
    assert event(aliases="Treaty of Brotherhood\n\n  Moscow Treaty  \n").alias_list == [
        "Treaty of Brotherhood",
        "Moscow Treaty",
    ]


def test_sources_accept_only_http_and_https():
    saved = event()
    saved.save()
    with pytest.raises(ValidationError, match="Enter a valid URL"):
        Source(event=saved, title="Local", url="javascript:alert(1)").full_clean()
    Source(event=saved, title="Wikipedia", url="https://en.wikipedia.org/wiki/Treaty_of_Moscow_(1921)").full_clean()


def test_participant_changes_are_kept_in_history():
    from events.models import Participant

    saved = event()
    saved.save()
    saved.participants.add(Participant.objects.create(name="Soviet Russia", slug="soviet-russia"))
    saved.save()
    assert [p.participant.slug for p in saved.history.first().participants.all()] == ["soviet-russia"]


def test_other_names_leave_out_aliases_that_are_the_name_in_other_case_accents_or_dashes():
    treaty = event(
        name="Molotov–Ribbentrop Pact", aliases="molotov-ribbentrop pact\nMOLOTOV–RIBBENTROP  PACT\nNazi–Soviet Pact"
    )
    assert treaty.other_names == ["Nazi–Soviet Pact"]


def test_other_names_list_an_alias_once_however_it_is_spelled():
    struggle = event(name="Turkish War of Independence", aliases="Milli Mücadele\nMilli Mucadele\nKurtuluş Savaşı")
    assert struggle.other_names == ["Milli Mücadele", "Kurtuluş Savaşı"]


def test_an_event_whose_aliases_all_repeat_its_name_has_no_other_names():
    assert event(name="Truman Doctrine", aliases="Truman doctrine\n  TRUMAN DOCTRINE \n").other_names == []
