"""What an import costs does not grow with the timeline: it reads the events once, whatever their number, and
checks and lists its claims in bulk when its last document is in."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from answers import upkeep
from answers.importer import import_documents
from answers.models import Answer, Claim, ClaimCheck, Question, checks
from bench.data import synthetic_events
from events.models import Event

pytestmark = pytest.mark.django_db


def import_counting_queries(path):
    """Import the document at `path` in a process that has not prepared the timeline; return the queries."""
    checks._prepared = (None, None)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        report = import_documents([path])
    assert report.counts()["claim", "created"] == 34
    return queries


def test_an_import_runs_the_same_queries_with_five_hundred_more_events(loaded_fixtures, seed_document, write_document):
    text = seed_document.read_text(encoding="utf-8")
    import_documents([write_document("authors-known.txt", text)])  # from now on, every import finds its authors
    before = import_counting_queries(write_document("before.txt", text))
    Event.objects.bulk_create(synthetic_events(500))
    after = import_counting_queries(write_document("after.txt", text))
    assert len(after) == len(before)
    assert sum('FROM "events_event"' in query["sql"] for query in after) == 1


def test_an_import_checks_its_claims_in_bulk_not_one_answer_at_a_time(loaded_fixtures, seed_document, write_document):
    text = seed_document.read_text(encoding="utf-8")
    import_documents([write_document("authors-known.txt", text)])
    one = import_counting_queries(write_document("one.txt", text))
    folder = write_document("folder/a.txt", text).parent
    for name in "bcd":
        write_document(f"folder/{name}.txt", text)
    checks._prepared = (None, None)
    with CaptureQueriesContext(connection) as four:
        import_documents([folder])
    checked = [query for query in four if '"answers_claimcheck"' in query["sql"]]
    assert len(checked) == sum('"answers_claimcheck"' in query["sql"] for query in one)
    new = Claim.objects.filter(answer__question__document__in=["a.txt", "b.txt", "c.txt", "d.txt"])
    assert ClaimCheck.objects.filter(claim__in=new).count() == new.count() == 4 * 34


def test_an_import_inside_another_gathered_block_reports_its_claims_checks(
    loaded_fixtures, seed_document, write_document
):
    path = write_document("nested.txt", seed_document.read_text(encoding="utf-8"))
    with transaction.atomic(), upkeep.gathered():
        report = import_documents([path])
    assert "not checked" not in {change.detail for change in report.of("claim", "created")}
    assert ClaimCheck.objects.filter(claim__answer__question__document="nested.txt").count() == 34


def test_claims_written_in_a_savepoint_that_rolled_back_are_left_out_of_the_upkeep(loaded_fixtures):
    answer = Answer.objects.first()
    with transaction.atomic(), upkeep.gathered():
        kept = answer.propose_claims(spans=[(0, 20)])
        try:
            with transaction.atomic():
                answer.propose_claims(spans=[(30, 60)])
                raise RuntimeError("the caller gives up")
        except RuntimeError:
            pass
    connection.check_constraints()
    assert ClaimCheck.objects.filter(claim__in=kept).count() == 1
    assert Claim.objects.filter(answer=answer, start=30).count() == 0


def test_each_document_adds_the_same_few_queries_however_many_the_import_holds(
    loaded_fixtures, seed_document, write_document
):
    text = seed_document.read_text(encoding="utf-8")
    import_documents([write_document("authors-known.txt", text)])  # every question below shares its slug's base

    def queries_importing(count):
        folder = write_document(f"import-{count}/document-{count}-0.txt", text).parent
        for number in range(1, count):
            write_document(f"import-{count}/document-{count}-{number}.txt", text)
        checks._prepared = (None, None)
        with CaptureQueriesContext(connection) as queries:
            import_documents([folder])
        # Statements of many rows hold as many as the database takes: their number follows the rows, not the
        # documents, a statement per tens of claims.
        return sum(") VALUES (" not in query["sql"] or "), (" not in query["sql"] for query in queries)

    two, four, six = queries_importing(2), queries_importing(4), queries_importing(6)
    assert six - four == four - two
    assert (four - two) / 2 < 34  # fewer queries a document than it has claims
    slugs = Question.objects.filter(document__endswith=".txt").values_list("slug", flat=True)
    assert len(slugs) == len(set(slugs)) == 12 + 2 and max(map(len, slugs)) <= 80  # the seed's, loaded and imported
