"""Importing documents in the admin: the preview says what the command would do, and confirming does exactly that."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from answers.importer import import_documents
from answers.models import Answer, Claim, ClaimCheck, Question, StagedImport
from config.proposals.models import Proposal
from tests.answers.test_importer import DOCUMENT, database_state
from tests.conftest import approve_pending

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:answers_question_import")
OTHER = DOCUMENT.replace("Who signed the Treaty of Kars?", "Who signed the Treaty of Moscow?").replace(
    "Mira Talkstone", "Ada Lexicon"
)
EDITED = DOCUMENT.replace(
    "The Treaty of Kars was signed on 13 October 1921. It was signed by Turkey and three Soviet republics.",
    "Some context comes first. It was signed by Turkey and three Soviet republics. Ratification came in 1922.",
)


def upload(name, content):
    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)


def zipped(name, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return upload(name, buffer.getvalue())


def preview(client, *files, **fields):
    return client.post(IMPORT_URL, {"documents": list(files), **fields})


def confirm(client, response):
    staged = response.context["staged"]
    return client.post(reverse("admin:answers_question_import_confirm", args=[staged.pk]), follow=True)


def full_state():
    """Return the content, its history, the timeline checks and the proposals waiting for review."""
    checks = ClaimCheck.objects.values_list("claim__exact", "result", "explanation").order_by("claim__exact")
    proposals = Proposal.objects.values_list("kind", "status", "target_label", "changes", "created_by__username")
    return (*database_state(), list(checks), sorted(proposals, key=str))


def command_result(paths, user):
    """Return the command's report and the database it leaves, leaving the database as it was."""
    with transaction.atomic():
        report = import_documents(paths, user=user)
        state = full_state()
        transaction.set_rollback(True)
    return report, state


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize("documents", [{"kars.txt": DOCUMENT}, {"kars.txt": DOCUMENT, "moscow.txt": OTHER}])
def test_the_preview_and_the_confirmed_import_match_the_command_for_new_documents(
    editor_client, editor, write_document, documents
):
    paths = [write_document(name, text) for name, text in documents.items()]
    expected, state = command_result(paths, editor)
    before = full_state()
    response = preview(editor_client, *(upload(name, text) for name, text in documents.items()))
    assert full_state() == before
    assert response.context["report"].changes == expected.changes
    assert response.context["summary"] == expected.summary(dry_run=True)
    confirmed = confirm(editor_client, response)
    assert full_state() == state
    assert expected.summary() in confirmed.content.decode()


def test_the_summary_counts_what_the_import_created_by_kind(editor_client, write_document):
    response = preview(editor_client, upload("kars.txt", DOCUMENT), upload("moscow.txt", OTHER))
    assert response.context["summary"] == (
        "Would create 2 questions, 3 authors, 4 answers, 8 claims; would ask a reviewer to publish 2 questions "
        "(from 2 documents)."
    )


def test_a_reimport_that_changes_nothing_previews_nothing_and_imports_nothing(editor_client, editor, write_document):
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path], user=editor)
    expected, state = command_result([path], editor)
    response = preview(editor_client, upload("kars.txt", DOCUMENT))
    assert response.context["report"].changes == expected.changes == []
    assert "Nothing to change: 1 document read, all as stored already." in response.content.decode()
    assert "Confirm the import" not in response.content.decode()
    confirm(editor_client, response)
    assert full_state() == state


def test_an_edited_document_previews_and_imports_the_reanchoring_the_command_would_do(
    editor_client, editor, reviewer, write_document
):
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path], user=editor)
    path.write_text(EDITED, encoding="utf-8")
    expected, state = command_result([path], editor)
    response = preview(editor_client, upload("kars.txt", EDITED))
    report = response.context["report"]
    assert report.changes == expected.changes
    assert [change.subject for change in report.of("claim", "orphaned")] == [
        "answer 1, claim 1: “The Treaty of Kars was signed on 13 October 1921.”"
    ]
    assert len(report.of("claim", "re-anchored")) == 2 and len(report.of("claim", "created")) == 2
    page = response.content.decode()
    assert "Orphaned claims (1)" in page and "Existing claims re-anchored in changed text (2)" in page
    confirm(editor_client, response)
    assert full_state() == state


def test_changes_to_published_content_are_previewed_and_imported_as_proposals(
    editor_client, editor, reviewer, write_document
):
    path = write_document("kars.txt", DOCUMENT)
    import_documents([path], user=editor)
    approve_pending(Question.objects.get(), reviewer)
    path.write_text(EDITED, encoding="utf-8")
    expected, state = command_result([path], editor)
    response = preview(editor_client, upload("kars.txt", EDITED))
    assert response.context["report"].changes == expected.changes
    proposals = response.context["report"].of("proposal")
    assert [(change.subject, change.detail) for change in proposals] == [("answer 1 by Algo Rhythmia", "changes body")]
    confirm(editor_client, response)
    assert full_state() == state
    assert Proposal.objects.pending().filter(created_by=editor, kind="change").count() == 1
    assert "The Treaty of Kars was signed" in Answer.objects.get(position=1).body


def test_a_new_claims_timeline_check_is_previewed_with_the_events_it_names(editor_client, loaded_events):
    text = DOCUMENT.replace("It settled the border.", "The Treaty of Kars was signed in 1921.")
    response = preview(editor_client, upload("kars.txt", text))
    checks = {change.subject: change for change in response.context["report"].of("claim", "created")}
    named = checks["answer 1, claim 3: “The Treaty of Kars was signed in 1921.”"]
    assert named.events == ("Treaty of Kars",)
    assert "Treaty of Kars" in response.content.decode()


def test_confirming_after_the_stored_content_changed_imports_nothing_and_shows_a_new_preview(
    editor_client, editor, write_document
):
    response = preview(editor_client, upload("kars.txt", DOCUMENT))
    import_documents([write_document("kars.txt", DOCUMENT)], user=editor)  # someone imported it meanwhile
    before = full_state()
    confirmed = confirm(editor_client, response)
    assert full_state() == before
    page = confirmed.content.decode()
    assert "Nothing was imported: the stored content changed after your preview" in page
    assert "Nothing to change: 1 document read" in page


def test_a_preview_is_imported_once(editor_client):
    response = preview(editor_client, upload("kars.txt", DOCUMENT))
    confirm(editor_client, response)
    state = full_state()
    again = confirm(editor_client, response)
    assert "imported already" in again.content.decode()
    assert full_state() == state


def test_nobody_confirms_another_editors_preview(client, editor, other_editor):
    client.force_login(editor)
    response = preview(client, upload("kars.txt", DOCUMENT))
    client.force_login(other_editor)
    refused = confirm(client, response)
    assert "There is no such preview of yours" in refused.content.decode()
    assert not Question.objects.exists()


@pytest.mark.parametrize("documents", [[["kars.txt", "not base64!"]], "not a list", [["kars.txt"]]])
def test_a_preview_whose_stored_documents_cannot_be_read_is_refused_with_a_message(editor_client, documents):
    response = preview(editor_client, upload("kars.txt", DOCUMENT))
    StagedImport.objects.filter(pk=response.context["staged"].pk).update(documents=documents)
    refused = confirm(editor_client, response)
    assert "The documents of this preview cannot be read back" in refused.content.decode()
    assert not Question.objects.exists()


def test_every_bad_document_is_shown_as_file_line_reason_and_nothing_is_written(editor_client):
    response = preview(
        editor_client,
        upload("kars.txt", DOCUMENT),
        upload("bad.txt", "Question?\naccount_box\n"),
        upload("worse.txt", b"Question?\n\xff\n"),
    )
    assert response.context["errors"] == [
        "bad.txt:2: 'account_box' is not followed by the author's name",
        "worse.txt:2: not UTF-8 text (byte 0xff cannot be decoded)",
    ]
    assert "these 2 problems have to be fixed first" in response.content.decode()
    assert not Question.objects.exists() and not StagedImport.objects.exists()


def test_a_file_of_the_wrong_type_is_refused(editor_client):
    response = preview(editor_client, upload("kars.pdf", DOCUMENT))
    assert response.context["errors"] == ["kars.pdf: not a .txt document or a .zip of them"]
    assert not Question.objects.exists()


def test_a_zip_of_documents_is_imported_and_what_is_not_a_document_is_said(editor_client):
    archive = zipped(
        "pages.zip",
        {"pages/kars.txt": DOCUMENT, "pages/moscow.txt": OTHER, "pages/notes.md": "notes", "__MACOSX/._kars.txt": "x"},
    )
    response = preview(editor_client, archive)
    assert response.context["notes"] == ["pages.zip/pages/notes.md: left out, not a .txt document"]
    confirm(editor_client, response)
    assert sorted(Question.objects.values_list("document", flat=True)) == ["kars.txt", "moscow.txt"]


def test_a_zip_with_a_bad_document_shows_where_it_is_in_the_zip(editor_client):
    response = preview(editor_client, zipped("pages.zip", {"kars.txt": DOCUMENT, "a/bad.txt": "Q?\naccount_box\n"}))
    assert response.context["errors"] == ["pages.zip/a/bad.txt:2: 'account_box' is not followed by the author's name"]


def test_a_file_that_is_not_a_zip_is_refused(editor_client):
    response = preview(editor_client, upload("pages.zip", DOCUMENT))
    assert response.context["errors"][0].startswith("pages.zip: not a zip file that can be read")


def test_a_zip_member_outside_the_zip_is_refused(editor_client):
    response = preview(editor_client, zipped("pages.zip", {"../../kars.txt": DOCUMENT}))
    assert response.context["errors"] == [
        "pages.zip/../../kars.txt: the zip names a file outside itself; it was not read"
    ]
    assert not Question.objects.exists()


def test_a_zip_bomb_is_read_no_further_than_a_document_may_be(editor_client, settings):
    settings.FACTLINE_IMPORT_LIMITS = {"document_bytes": 2_000}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", "Q?\n" + "x" * 50_000_000)
    response = preview(editor_client, upload("bomb.zip", buffer.getvalue()))
    assert response.context["errors"][0].startswith("bomb.zip/bomb.txt:2: the document is larger than 2,000 bytes")


def test_two_documents_with_the_same_name_in_a_zip_are_refused(editor_client):
    response = preview(editor_client, zipped("pages.zip", {"a/kars.txt": DOCUMENT, "b/kars.txt": DOCUMENT}))
    assert response.context["errors"] == [
        "pages.zip/b/kars.txt: another document in this import has the same name: pages.zip/a/kars.txt"
    ]


def test_a_reviewer_is_told_only_editors_import_and_nothing_is_written(client, reviewer):
    client.force_login(reviewer)
    response = client.post(IMPORT_URL, {"documents": [upload("kars.txt", DOCUMENT)]}, follow=True)
    assert "Only editors can import documents" in response.content.decode()
    assert not Question.objects.exists() and not StagedImport.objects.exists()


def test_staff_with_permission_to_add_questions_can_import(client, make_user):
    from django.contrib.auth.models import Permission

    user = make_user("operator")
    user.user_permissions.add(Permission.objects.get(codename="add_question"))
    client.force_login(user)
    assert preview(client, upload("kars.txt", DOCUMENT)).context["report"].changes


def test_the_questions_list_and_the_index_offer_the_import_to_editors_only(client, editor, reviewer):
    for user, shown in ((editor, True), (reviewer, False)):
        client.force_login(user)
        for page in (reverse("admin:answers_question_changelist"), reverse("admin:index")):
            assert (IMPORT_URL in client.get(page).content.decode()) is shown


def test_the_editor_is_told_what_waits_for_review_with_a_link(editor_client, editor):
    response = confirm(editor_client, preview(editor_client, upload("kars.txt", DOCUMENT)))
    page = response.content.decode()
    assert "Readers see none of it until another person approves it" in page
    assert f"?status__exact=pending&amp;created_by__id__exact={editor.pk}" in page
    assert Question.objects.get().state == "draft"
    assert Proposal.objects.pending().get().created_by == editor


def test_the_command_says_what_it_did_by_kind(write_document):
    out = io.StringIO()
    call_command("import_documents", str(write_document("kars.txt", DOCUMENT)), stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "Created 1 question, 2 authors, 2 answers, 4 claims; asked a reviewer to publish 1 question (from 1 document)."
    )
    assert Claim.objects.count() == 4


def test_an_author_who_looks_like_another_is_shown_at_its_line_and_nothing_is_written(
    editor_client, editor, write_document
):
    import_documents([write_document("kars.txt", DOCUMENT)], user=editor)
    before = full_state()
    response = preview(editor_client, upload("moscow.txt", OTHER.replace("Algo Rhythmia", "ALGO RHYTHMIA")))
    assert response.context["errors"] == [
        "moscow.txt:4: the author “ALGO RHYTHMIA” looks the same as the existing author “Algo Rhythmia”"
    ]
    assert full_state() == before


def test_a_preview_tells_nobody_and_the_confirmed_import_tells_the_reviewers(
    client, make_user, django_capture_on_commit_callbacks
):
    from django.core import mail

    editor = make_user("alice", "Editors", email="alice@example.com")
    make_user("rita", "Reviewers", email="rita@example.com")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = preview(client, upload("kars.txt", DOCUMENT))
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, response)
    assert [message.to for message in mail.outbox] == [["rita@example.com"]]
