import datetime

import pytest
from django.contrib.auth import get_user_model

from answers.importer import ImportFailed, import_documents, unique_slug
from answers.models import Answer, Author, Claim, Question

pytestmark = pytest.mark.django_db

CAPTURED = datetime.date(2026, 11, 24)
DOCUMENT = """Who signed the Treaty of Kars?

account_box
Algo Rhythmia
a year ago

The Treaty of Kars was signed on 13 October 1921. It was signed by Turkey and three Soviet republics.

It settled the border.

account_box
Mira Talkstone
8 months ago

It was signed in 1922.
"""


def history_rows():
    return sum(model.history.count() for model in (Question, Author, Answer, Claim))


def database_state():
    return (
        list(Question.objects.values_list("text", "slug", "document", "captured_on")),
        list(Author.objects.values_list("name", "slug")),
        list(Answer.objects.values_list("question__slug", "author__name", "position", "body", "posted_on")),
        list(Claim.objects.values_list("answer__position", "number", "exact", "start", "end", "orphaned")),
        history_rows(),
    )


def test_a_document_becomes_a_question_with_answers_and_claims(write_document):
    import_documents([write_document("kars.txt", DOCUMENT)], captured_on=CAPTURED)
    question = Question.objects.get()
    assert question.text == "Who signed the Treaty of Kars?"
    assert question.slug == "who-signed-the-treaty-of-kars"
    assert question.document == "kars.txt"
    first, second = question.answers.order_by("position")
    assert (first.author.name, first.posted_label, first.posted_on) == (
        "Algo Rhythmia",
        "a year ago",
        CAPTURED.replace(year=2025),
    )
    assert second.posted_on == datetime.date(2026, 3, 24)
    assert list(first.claims.values_list("number", "exact")) == [
        (1, "The Treaty of Kars was signed on 13 October 1921."),
        (2, "It was signed by Turkey and three Soviet republics."),
        (3, "It settled the border."),
    ]


def test_every_claim_is_anchored_to_its_answer(seed_document):
    import_documents([seed_document], captured_on=CAPTURED)
    claims = Claim.objects.select_related("answer")
    assert claims.count() == 34
    for claim in claims:
        body = claim.answer.body
        assert body[claim.start : claim.end] == claim.exact
        assert body[: claim.start].endswith(claim.prefix)
        assert body[claim.end :].startswith(claim.suffix)


def test_an_unreadable_posted_label_is_kept_without_a_date(write_document):
    import_documents([write_document("q.txt", DOCUMENT.replace("8 months ago", "last spring"))], captured_on=CAPTURED)
    answer = Answer.objects.get(position=2)
    assert (answer.posted_label, answer.posted_on) == ("last spring", None)


def test_the_import_is_recorded_in_history_with_a_reason_and_user(write_document):
    user = get_user_model().objects.create_user("importer")
    import_documents([write_document("kars.txt", DOCUMENT)], captured_on=CAPTURED, user=user)
    record = Question.history.get()
    assert record.history_type == "+"
    assert record.history_change_reason == "Imported from kars.txt"
    assert record.history_user == user
    assert Claim.history.filter(history_user=user).count() == 4


def test_a_bad_document_after_a_good_one_writes_nothing(write_document, seed_document):
    bad = write_document("bad.txt", "Question?\naccount_box\n")
    before = database_state()
    with pytest.raises(ImportFailed) as caught:
        import_documents([seed_document, write_document("kars.txt", DOCUMENT), bad], captured_on=CAPTURED)
    assert str(caught.value) == f"{bad}:2: 'account_box' is not followed by the author's name"
    assert database_state() == before
    assert not Question.objects.exists()


def test_a_bad_document_leaves_earlier_imports_as_they_were(write_document, seed_document):
    import_documents([seed_document], captured_on=CAPTURED)
    before = database_state()
    edited = write_document(seed_document.name, seed_document.read_text().replace("1919 and 1922", "1919 and 1923"))
    with pytest.raises(ImportFailed):
        import_documents([edited, write_document("empty.txt", "")], captured_on=CAPTURED)
    assert database_state() == before


def test_reimporting_an_unchanged_document_changes_nothing(seed_document):
    import_documents([seed_document], captured_on=CAPTURED)
    before = database_state()
    report = import_documents([seed_document])
    assert database_state() == before
    assert report.changed == 0


def test_reimporting_keeps_the_stored_capture_date(seed_document):
    import_documents([seed_document], captured_on=CAPTURED)
    import_documents([seed_document])
    assert Question.objects.get().captured_on == CAPTURED


def test_an_edited_answer_reanchors_orphans_and_proposes_claims(write_document):
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path], captured_on=CAPTURED)
    claims = {claim.number: claim for claim in Claim.objects.filter(answer__position=1)}
    edited = DOCUMENT.replace(
        "The Treaty of Kars was signed on 13 October 1921. It was signed by Turkey and three Soviet republics.",
        "Some context comes first. It was signed by Turkey and three Soviet republics. Ratification came in 1922.",
    )
    path.write_text(edited, encoding="utf-8")
    report = import_documents([path])

    answer = Answer.objects.get(position=1)
    moved, orphan = Claim.objects.get(pk=claims[2].pk), Claim.objects.get(pk=claims[1].pk)
    assert answer.body.startswith("Some context comes first.")
    assert answer.body[moved.start : moved.end] == moved.exact == claims[2].exact
    assert moved.start != claims[2].start and not moved.orphaned
    assert orphan.orphaned and orphan.exact == claims[1].exact
    new_claims = Claim.objects.filter(answer=answer, number__gt=3).order_by("number")
    assert [claim.exact for claim in new_claims] == ["Some context comes first.", "Ratification came in 1922."]
    assert answer.history.first().history_change_reason == "Imported from kars.txt"
    assert orphan.history.first().history_change_reason == "Imported from kars.txt: the answer's text changed"
    assert "answer 1 by Algo Rhythmia: text changed; 2 claims re-anchored, 1 orphaned, 2 new" in report.messages[0]


def test_an_orphaned_claim_is_found_again_when_its_text_returns(write_document):
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path], captured_on=CAPTURED)
    path.write_text(DOCUMENT.replace("It settled the border.", "Nobody knows what came next."), encoding="utf-8")
    import_documents([path])
    assert Claim.objects.get(exact="It settled the border.").orphaned
    path.write_text(DOCUMENT, encoding="utf-8")
    import_documents([path])
    assert not Claim.objects.get(exact="It settled the border.").orphaned
    assert Claim.objects.filter(answer__position=1).count() == 4


def test_a_claim_whose_sentence_was_reworded_follows_it(write_document):
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path], captured_on=CAPTURED)
    claim = Claim.objects.get(exact="It settled the border.")
    path.write_text(DOCUMENT.replace("It settled the border.", "It settled the new border."), encoding="utf-8")
    report = import_documents([path])
    claim.refresh_from_db()
    answer = claim.answer
    assert (claim.exact, claim.orphaned) == ("It settled the new border.", False)
    assert answer.body[claim.start : claim.end] == claim.exact
    assert Claim.objects.filter(answer=answer).count() == 3
    assert "1 with changed words, 0 orphaned, 0 new" in report.messages[0]


def test_an_answer_missing_from_a_reimport_is_kept(write_document):
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path], captured_on=CAPTURED)
    path.write_text(DOCUMENT.split("account_box\nMira")[0], encoding="utf-8")
    report = import_documents([path])
    assert Answer.objects.count() == 2
    assert report.messages == [f"{path}: answer 2 is no longer in the document; it was kept, unchanged"]


def test_a_dry_run_writes_nothing_and_reports(seed_document):
    report = import_documents([seed_document], captured_on=CAPTURED, dry_run=True)
    assert not Question.objects.exists()
    assert history_rows() == 0
    assert report.changed > 0
    assert any("new question" in message for message in report.messages)


def test_a_folder_imports_its_txt_files_in_order(write_document, tmp_path):
    write_document("docs/b.txt", DOCUMENT.replace("Kars?", "Moscow?"))
    write_document("docs/nested/a.txt", DOCUMENT)
    write_document("docs/notes.md", "not a document")
    write_document("docs/.hidden/c.txt", "")
    import_documents([tmp_path / "docs"], captured_on=CAPTURED)
    assert sorted(Question.objects.values_list("document", flat=True)) == ["a.txt", "b.txt"]


def test_a_missing_path_is_refused(tmp_path):
    with pytest.raises(ImportFailed, match="missing.txt: no such file or folder"):
        import_documents([tmp_path / "missing.txt"])


def test_a_folder_without_documents_is_refused(tmp_path):
    with pytest.raises(ImportFailed, match="no .txt documents in this folder"):
        import_documents([tmp_path])


def test_two_documents_with_the_same_name_are_refused(write_document):
    first, second = write_document("a/kars.txt", DOCUMENT), write_document("b/kars.txt", DOCUMENT)
    with pytest.raises(ImportFailed, match="another document in this import has the same name"):
        import_documents([first, second])
    assert not Question.objects.exists()


def test_the_same_file_named_twice_is_imported_once(write_document):
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path, path], captured_on=CAPTURED)
    assert Question.objects.count() == 1


def test_an_author_keeps_one_row_across_documents(write_document):
    import_documents([write_document("a.txt", DOCUMENT), write_document("b.txt", DOCUMENT.replace("Kars?", "M?"))])
    assert Author.objects.count() == 2


def test_slugs_are_transliterated_and_unique(db):
    Author.objects.create(name="Other", slug="cagri-ozturk")
    assert unique_slug(Author, "Çağrı Öztürk") == "cagri-ozturk-2"
    assert unique_slug(Author, "日本語") == "author"
    assert unique_slug(Question, "word " * 40, max_length=20) == "word-word-word-word"


def test_a_file_name_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    path.write_text(DOCUMENT, encoding="utf-8")
    with pytest.raises(ImportFailed, match="the file name is not valid UTF-8"):
        import_documents([tmp_path])
    assert not Question.objects.exists()
