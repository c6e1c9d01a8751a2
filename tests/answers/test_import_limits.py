"""Import limits: each refuses the document with path:line: reason and writes nothing; slugs in constant queries;
a database that refuses writes is reported, not raised."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from answers.importer import ImportFailed, import_documents, unique_slug
from answers.models import Answer, Author, Claim, Question
from tests.answers.test_admin import admin_url, answer_form
from tests.answers.test_importer import DOCUMENT, database_state

pytestmark = pytest.mark.django_db

SMALL = {
    "document_bytes": 2_000,
    "line_characters": 300,
    "answers": 3,
    "claims_per_answer": 5,
    "claim_characters": 120,
}


def answer(author, body):
    return f"account_box\n{author}\na year ago\n\n{body}\n"


def refusal(write_document, text):
    """Import `text` as a document under the small limits; return the error, having checked nothing changed."""
    before = database_state()
    path = write_document("limits.txt", text)
    with pytest.raises(ImportFailed) as refused:
        import_documents([path])
    assert database_state() == before
    assert str(refused.value).startswith(f"{path}:{refused.value.line}: ")
    return refused.value


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.FACTLINE_IMPORT_LIMITS = SMALL


def test_a_document_within_every_limit_imports(write_document):
    import_documents([write_document("kars.txt", DOCUMENT)])
    assert Claim.objects.count() == 4


def test_a_document_larger_than_allowed_is_refused_at_the_line_that_passes_the_size(write_document):
    text = "A question?\n\n" + "".join(answer(f"Author {n}", "A short sentence.\n" * 3) for n in range(3))
    text += "\n".join(["Padding words."] * 200)
    error = refusal(write_document, text)
    assert "larger than 2,000 bytes" in error.reason
    assert error.line == text.encode()[:2_000].count(b"\n") + 1


def test_a_document_far_larger_is_refused_without_reading_it_whole(write_document, monkeypatch):
    error = refusal(write_document, "Q?\n" + "x" * 50_000_000)
    assert (error.line, "larger than 2,000 bytes" in error.reason) == (2, True)


def test_a_line_longer_than_allowed_is_refused(write_document):
    error = refusal(write_document, "Q?\n\n" + answer("A", "word " * 100))
    assert (error.line, error.reason) == (7, "the line is 499 characters long; a line may hold at most 300")


def test_too_many_answers_are_refused_at_the_first_one_too_many(write_document):
    text = "Q?\n\n" + "\n".join(answer(f"Author {n}", "Fine.") for n in range(4))
    error = refusal(write_document, text)
    assert (error.line, error.reason) == (21, "more than 3 answers: split the document")


def test_too_many_claims_in_an_answer_are_refused_at_the_line_of_the_first_one_too_many(write_document):
    error = refusal(write_document, "Q?\n\n" + answer("A", "One. Two. Three.\n\nFour. Five. Six. Seven."))
    assert (error.line, error.reason) == (9, "the answer has more than 5 sentences, the most an answer may have")


def test_a_claim_longer_than_allowed_is_refused(write_document):
    error = refusal(write_document, "Q?\n\n" + answer("A", "Short one. " + "Long " * 30 + "sentence."))
    assert error.line == 7
    assert error.reason == "a sentence of 159 characters; a claim may hold at most 120: break the sentence up"


def test_an_editor_cannot_paste_past_the_limits_into_an_answer(client, editor, write_document):
    import_documents([write_document("kars.txt", DOCUMENT)])
    answer_ = Answer.objects.get(position=1)
    client.force_login(editor)
    body = answer_.body + "\n\n" + "Very long " * 20 + "indeed."
    response = client.post(admin_url(Answer, "change", answer_.pk), answer_form(answer_, body=body))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body"] == [
        "Line 5: a sentence of 207 characters; a claim may hold at most 120: break the sentence up."
    ]
    assert Answer.objects.get(pk=answer_.pk).body == answer_.body


def test_slug_collisions_are_resolved_in_one_query_however_many(db):
    Author.objects.bulk_create(
        [Author(name=f"Punctuation {n}", name_key=f"punctuation {n}", slug=f"author-{n}") for n in range(1, 301)]
    )
    Author.objects.create(name="Someone else", slug="authority")
    with CaptureQueriesContext(connection) as queries:
        assert unique_slug(Author, "?!…") == "author"
    assert len(queries) == 1
    Author.objects.filter(slug="author-1").update(slug="author")
    with CaptureQueriesContext(connection) as queries:
        assert unique_slug(Author, "?!…") == "author-301"
    assert len(queries) == 1
    Author.objects.filter(slug="author-17").delete()
    assert unique_slug(Author, "—") == "author-17"


def test_many_authors_with_names_of_punctuation_each_get_their_own_slug(write_document, settings):
    settings.FACTLINE_IMPORT_LIMITS = {}
    text = "Q?\n\n" + "\n".join(answer("!" * n, "Fine.") for n in range(1, 41))
    import_documents([write_document("punctuation.txt", text)])
    slugs = sorted(Author.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 40 and "author" in slugs and "author-40" in slugs


@pytest.mark.django_db(transaction=True)
def test_a_read_only_database_is_reported_as_path_and_reason(write_document):
    path = write_document("kars.txt", DOCUMENT)
    read_only, writable = {
        "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF"),
        "postgresql": (
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
        ),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(read_only)
    try:
        with pytest.raises(ImportFailed) as refused:
            import_documents([path])
    finally:
        with connection.cursor() as cursor:
            cursor.execute(writable)
    assert str(refused.value).startswith(f"{path}: the database refused the import, so nothing was written (")
    assert "read" in str(refused.value).lower()
    assert not Question.objects.exists()


def test_a_full_disk_is_reported_as_path_and_reason(write_document):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite can be given a size limit from a connection; PostgreSQL's disk cannot.")
    path = write_document("kars.txt", DOCUMENT)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        (pages,) = cursor.fetchone()
        cursor.execute(f"PRAGMA max_page_count = {pages}")
    try:
        with pytest.raises(ImportFailed, match=r"\.txt: the database refused the import.*database or disk is full"):
            import_documents([path, *(write_document(f"more-{n}.txt", DOCUMENT) for n in range(40))])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA max_page_count = 1073741823")
    assert not Question.objects.exists()


def test_a_claim_cannot_be_stretched_past_the_claim_limit(write_document):
    from django.core.exceptions import ValidationError

    import_documents(
        [write_document("long.txt", "Q?\n\n" + answer("A", "Word " * 20 + "end. " + "More " * 20 + "end."))]
    )
    claim = Claim.objects.first()
    body = claim.answer.body
    claim.exact, claim.start, claim.end = body, 0, len(body)
    with pytest.raises(ValidationError) as refused:
        claim.full_clean()
    assert refused.value.message_dict["exact"] == ["A claim may hold at most 120 characters; this one has 209."]


def test_a_long_slug_that_collides_keeps_within_its_length(db):
    Question.objects.create(text="x", slug="word-" * 15 + "end", document="a.txt", captured_on="2026-11-24")
    slug = unique_slug(Question, "word " * 15 + "end", max_length=80)
    assert len(slug) <= 80 and slug.endswith("-2") and not Question.objects.filter(slug=slug).exists()


def test_a_document_with_carriage_returns_only_is_refused_at_the_right_line(write_document):
    text = "Q?\r\r" + answer("A", "Fine.").replace("\n", "\r") + "\r".join(["Padding words here."] * 200)
    error = refusal(write_document, text.encode())
    assert error.line == text.encode()[:2_000].replace(b"\r", b"\n").count(b"\n") + 1
