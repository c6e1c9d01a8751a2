"""The timeline is prepared once per version, whichever process asks, and a change to an event is a new version."""

import datetime
import itertools
import os
import subprocess
import sys
import textwrap

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from answers import crosscheck
from answers.models import ClaimCheck, checks
from answers.models.checks import prepared_timeline, recheck
from events.models import Event, TimelineVersion
from tests.answers.test_crosscheck import LABELLED, TIMELINE
from tests.conftest import ROOT, database_url, draft_event

NEW_NAME = "Treaty of Varnesk"
CLAIM = f"The {NEW_NAME} was signed in 1921."


@pytest.fixture
def make_claims(db):
    """Return a function that writes `texts` as the claims of a new draft answer, checked as they are saved."""
    from answers.models import Answer, Author, Question

    question = Question.objects.create(
        text="What happened?", slug="what-happened", document="test.txt", captured_on=datetime.date(2025, 1, 1)
    )
    author = Author.objects.create(name="Test Author", slug="test-author")
    positions = itertools.count(1)

    def make(*texts):
        body = " ".join(texts)
        answer = Answer.objects.create(
            question=question,
            author=author,
            position=next(positions),
            body=body,
            posted_label="a year ago",
            posted_on=datetime.date(2024, 1, 1),
        )
        starts = list(itertools.accumulate((len(text) + 1 for text in texts), initial=0))
        return answer.propose_claims(
            spans=[(start, start + len(text)) for start, text in zip(starts, texts, strict=False)]
        )

    return make


@pytest.fixture
def make_claim(make_claims):
    return lambda text: make_claims(text)[0]


@pytest.fixture
def fresh_process():
    """Forget what this process prepared, as a process that has just started would."""
    checks._prepared = (None, None)
    yield
    checks._prepared = (None, None)


def event_queries(queries):
    return [query["sql"] for query in queries if 'FROM "events_event"' in query["sql"]]


def in_another_process(code):
    """Run `code` in a new Python process set up on this test's database and cache; return what it prints."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": database_url()}
    script = "import django\ndjango.setup()\n" + textwrap.dedent(code)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.django_db
def test_a_version_is_prepared_once_then_costs_one_query_a_check(fresh_process):
    draft_event("Treaty of Kars", year=1921)
    first = prepared_timeline()
    with CaptureQueriesContext(connection) as queries:
        again = prepared_timeline()
    assert again is first
    assert len(queries) == 1 and "events_timelineversion" in queries[0]["sql"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, moves_on",
    [
        (lambda event: Event.objects.filter(pk=event.pk).update(name=NEW_NAME), True),
        (lambda event: Event.objects.filter(pk=event.pk).update(aliases=NEW_NAME), True),
        (lambda event: Event.objects.filter(pk=event.pk).update(start_date=datetime.date(1922, 1, 1)), True),
        (lambda event: Event.objects.filter(pk=event.pk).update(end_date=datetime.date(1923, 12, 31)), True),
        (lambda event: Event.objects.filter(pk=event.pk).update(end_precision="month"), True),
        (lambda event: Event.objects.filter(pk=event.pk).delete(), True),
        (lambda event: draft_event("Another event"), True),
        (lambda event: Event.objects.filter(pk=event.pk).update(summary="Reworded."), False),
        (lambda event: Event.objects.filter(pk=event.pk).update(category="war"), False),
    ],
    ids=["name", "aliases", "start", "end", "end precision", "delete", "insert", "summary", "category"],
)
def test_the_database_moves_the_version_on_for_what_the_check_reads(change, moves_on):
    event = draft_event("Treaty of Kars", year=1921, end_date=datetime.date(1922, 12, 31), end_precision="year")
    before = TimelineVersion.current()
    change(event)
    assert (TimelineVersion.current() != before) == moves_on


@pytest.mark.django_db
def test_raw_sql_moves_the_version_on_too():
    event = draft_event("Treaty of Kars", year=1921)
    before = TimelineVersion.current()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE events_event SET name = %s WHERE id = %s", [NEW_NAME, event.pk])
    assert TimelineVersion.current() != before


@pytest.mark.django_db
def test_a_renamed_event_is_found_under_its_new_name_on_the_next_check(fresh_process, make_claim):
    event = draft_event("Treaty of Kars", year=1921)
    claim = make_claim(CLAIM)
    assert ClaimCheck.objects.get(claim=claim).result == crosscheck.UNKNOWN_EVENT
    Event.objects.filter(pk=event.pk).update(name=NEW_NAME)
    recheck([claim])
    check = ClaimCheck.objects.get(claim=claim)
    assert (check.result, list(check.events.all())) == (crosscheck.CONSISTENT, [event])


@pytest.mark.django_db(transaction=True)
def test_an_event_renamed_by_another_process_is_found_under_its_new_name_here(fresh_process, make_claim):
    event = draft_event("Treaty of Kars", year=1921)
    claim = make_claim(CLAIM)
    assert ClaimCheck.objects.get(claim=claim).result == crosscheck.UNKNOWN_EVENT  # prepared here, kept here
    in_another_process(
        f"""
        from events.models import Event
        Event.objects.filter(pk={event.pk}).update(name={NEW_NAME!r})
        """
    )
    recheck([claim])
    check = ClaimCheck.objects.get(claim=claim)
    assert (check.result, list(check.events.all())) == (crosscheck.CONSISTENT, [event])


@pytest.mark.django_db
def test_a_process_that_finds_the_version_in_the_cache_reads_no_event(fresh_process):
    draft_event("Treaty of Kars", year=1921)
    prepared = prepared_timeline()
    checks._prepared = (None, None)
    with CaptureQueriesContext(connection) as queries:
        from_cache = prepared_timeline()
    assert event_queries(queries) == []
    assert from_cache.by_key == prepared.by_key
    assert crosscheck.check("The Treaty of Kars of 1921.", from_cache).result == crosscheck.CONSISTENT


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs a cache shared by processes: run under .ci/with-redis"
)
def test_another_process_reads_the_timeline_this_one_prepared_from_the_cache(fresh_process):
    event = draft_event("Treaty of Kars", year=1921)
    prepared_timeline()
    printed = in_another_process(
        """
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from answers.models.checks import prepared_timeline
        with CaptureQueriesContext(connection) as queries:
            timeline = prepared_timeline()
        print(sum('FROM "events_event"' in query["sql"] for query in queries), sorted(timeline.by_key))
        """
    )
    assert printed.split(" ", 1) == ["0", f"[{event.pk}]\n"]


@pytest.mark.django_db
def test_the_labelled_set_checked_and_stored_through_the_database_gives_what_the_checker_gives(make_claims):
    """The labelled set's own timeline stored as events, its claims checked as saves check them: the same
    result for every claim, so the same precision and recall."""
    keys = {}
    for event in TIMELINE:
        stored = draft_event(
            event.name,
            start_date=event.start,
            start_precision=event.start_precision,
            end_date=event.end,
            end_precision=event.end_precision,
            aliases="\n".join(event.names),
        )
        keys[stored.pk] = event.key
    claims = make_claims(*(text for text, _ in LABELLED))
    for claim, (text, _) in zip(claims, LABELLED, strict=True):
        stored, expected = ClaimCheck.objects.get(claim=claim), crosscheck.check(text, TIMELINE)
        assert (stored.result, stored.explanation) == (expected.result, expected.explanation), text
        assert sorted(keys[event.pk] for event in stored.events.all()) == sorted(expected.events), text


@pytest.mark.django_db
def test_loading_a_dumped_version_row_makes_a_new_version(fresh_process, tmp_path):
    """A dump of the version row loaded later, over other events, must not bring its version back."""
    from django.core.management import call_command

    draft_event("Treaty of Kars", year=1921)
    dump = tmp_path / "version.json"
    call_command("dumpdata", "events.timelineversion", output=str(dump), verbosity=0)
    prepared_timeline()  # for Kars only
    added = draft_event(NEW_NAME, year=1921)
    call_command("loaddata", str(dump), verbosity=0)
    assert added.pk in prepared_timeline().by_key


def test_a_timeline_prepared_by_other_code_is_not_read(tmp_path, monkeypatch):
    """The cache key names the code that folds the names: after a deploy that folds them another way, the
    timelines the old code prepared are never read."""
    import shutil

    from answers import mentions

    before = checks._code_version()
    copy = tmp_path / "mentions.py"
    shutil.copy(mentions.__file__, copy)
    with copy.open("a") as source:
        source.write("\n# folded another way\n")
    monkeypatch.setattr(mentions, "__file__", str(copy))
    assert checks._code_version() != before
