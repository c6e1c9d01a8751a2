"""Text that cannot deceive: refused characters and look-alike names, on import, in the admin, in commands."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse

from answers import review
from answers.importer import ImportFailed, import_documents
from answers.models import Annotation, AnnotationSource, Answer, Author, Claim, Question, Verdict, refresh_listings
from config.proposals import workflow
from config.proposals.models import Proposal
from events.models import Event, Participant, Source
from tests.answers.test_importer import CAPTURED, DOCUMENT, database_state
from tests.conftest import admin_form, draft_revision, submitted_revision

pytestmark = pytest.mark.django_db

# One character of each kind Factline refuses, with the name its messages give.
REFUSED = {
    "\x1b": "U+001B ESCAPE",
    "\x08": "U+0008 BACKSPACE",
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u2067": "U+2067 RIGHT-TO-LEFT ISOLATE",
    "\u200f": "U+200F RIGHT-TO-LEFT MARK",
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200d": "U+200D ZERO WIDTH JOINER",
    "\u00ad": "U+00AD SOFT HYPHEN",
}
IDS = [name.split(" ", 1)[1] for name in REFUSED.values()]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("character", REFUSED, ids=IDS)
@pytest.mark.parametrize(
    "original, line, column",
    [
        ("Who signed the Treaty of Kars?", 1, 4),  # the question
        ("Mira Talkstone", 12, 4),  # an author's name
        ("It was signed in 1922.", 15, 4),  # an answer's text
    ],
    ids=["question", "author", "body"],
)
def test_a_document_with_a_refused_character_is_refused_naming_it_and_nothing_is_written(
    write_document, character, original, line, column
):
    good = write_document("good.txt", DOCUMENT.replace("Kars", "Moscow"))
    bad = write_document("bad.txt", DOCUMENT.replace(original, original[:3] + character + original[3:]))
    with pytest.raises(ImportFailed) as refused:
        import_documents([good, bad], captured_on=CAPTURED)
    assert str(refused.value).startswith(f"{bad}:{line}: column {column}: {REFUSED[character]} (")
    assert database_state() == ([], [], [], [], 0)


def test_a_document_with_crlf_line_endings_still_imports(write_document):
    import_documents([write_document("kars.txt", DOCUMENT.replace("\n", "\r\n").encode())], captured_on=CAPTURED)
    assert Answer.objects.get(position=1).body.startswith("The Treaty of Kars was signed on 13 October 1921. It")


def test_a_lone_carriage_return_starts_a_new_line_as_before(write_document):
    import_documents([write_document("kars.txt", DOCUMENT.replace("\n", "\r").encode())], captured_on=CAPTURED)
    assert Answer.objects.count() == 2


def test_a_byte_order_mark_inside_a_document_is_dropped_as_before(write_document):
    document = DOCUMENT.replace("Treaty of Kars was", "Treaty of Ka\ufeffrs was")
    import_documents([write_document("kars.txt", b"\xef\xbb\xbf" + document.encode())], captured_on=CAPTURED)
    assert Answer.objects.get(position=1).body.startswith("The Treaty of Kars was signed")


def test_a_file_name_with_a_refused_character_is_refused(write_document):
    path = write_document("kars\u202etxt.exe.txt", DOCUMENT)
    with pytest.raises(ImportFailed, match="U\\+202E RIGHT-TO-LEFT OVERRIDE"):
        import_documents([path], captured_on=CAPTURED)
    assert not Question.objects.exists()


def test_ordinary_non_ascii_text_imports_unchanged(write_document):
    question = "Did Atatürk and Москва agree in 1921?"
    body = (
        "Atatürk's Türkiye and Москва signed the Treaty of Moscow; José Martí and Zoë Ünal had nothing to do with it."
    )
    document = f"{question}\n\naccount_box\nZoë Ünal-Çelik\na year ago\n\n{body}\n"
    import_documents([write_document("moscow.txt", document)], captured_on=CAPTURED)
    answer = Answer.objects.select_related("question", "author").get()
    assert (answer.question.text, answer.author.name, answer.body) == (question, "Zoë Ünal-Çelik", body)
    assert answer.author.slug == "zoe-unal-celik"


# Look-alike names


@pytest.mark.parametrize("name", ["ALGO RHYTHMIA", "algo rhythmia", "Algo  Rhythmia", "Ａｌｇｏ Ｒｈｙｔｈｍｉａ"])
def test_an_author_who_looks_like_an_existing_one_is_refused_on_import(write_document, name):
    import_documents([write_document("kars.txt", DOCUMENT)], captured_on=CAPTURED)
    before = database_state()
    other = write_document("other.txt", DOCUMENT.replace("Kars", "Moscow").replace("Algo Rhythmia", name))
    with pytest.raises(ImportFailed) as refused:
        import_documents([other], captured_on=CAPTURED)
    assert str(refused.value) == (
        f"{other}:4: the author “{name}” looks the same as the existing author “Algo Rhythmia”"
    )
    assert database_state() == before


def test_two_look_alike_authors_in_one_document_are_refused(write_document):
    path = write_document("kars.txt", DOCUMENT.replace("Mira Talkstone", "ALGO RHYTHMIA"))
    with pytest.raises(ImportFailed, match="kars.txt:12: the author “ALGO RHYTHMIA” looks the same"):
        import_documents([path], captured_on=CAPTURED)
    assert not Author.objects.exists()


def test_the_same_author_in_another_document_is_the_same_author(write_document):
    import_documents([write_document("kars.txt", DOCUMENT)], captured_on=CAPTURED)
    import_documents([write_document("moscow.txt", DOCUMENT.replace("Kars", "Moscow"))], captured_on=CAPTURED)
    assert Author.objects.count() == 2
    assert Author.objects.get(name="Algo Rhythmia").answers.count() == 2


@pytest.mark.parametrize("model", [Author, Participant])
def test_the_database_refuses_a_look_alike_name(model):
    model.objects.create(name="Soviet Union", slug="soviet-union")
    with pytest.raises(IntegrityError):
        model.objects.create(name="SOVIET  UNION", slug="soviet-union-2")


def test_renaming_keeps_the_name_key_in_step(db):
    author = Author.objects.create(name="Algo Rhythmia", slug="algo-rhythmia")
    author.name = "Mira Talkstone"
    author.save(update_fields=["name"])
    assert Author.objects.get(pk=author.pk).name_key == "mira talkstone"
    Author.objects.create(name="Algo Rhythmia", slug="algo-rhythmia-2")


def test_loaded_fixtures_carry_the_right_name_keys(loaded_fixtures):
    from config.text import name_key

    for model in (Author, Participant):
        assert all(key == name_key(name) for name, key in model.objects.values_list("name", "name_key"))


@pytest.mark.parametrize(
    "model, name, existing",
    [(Author, "ＡＬＧＯ RHYTHMIA", "Algo Rhythmia"), (Participant, "soviet union", "Soviet Union")],
)
def test_the_admin_refuses_a_look_alike_name(client, editor, loaded_fixtures, model, name, existing):
    client.force_login(editor)
    count = model.objects.count()
    response = client.post(admin_url(model, "add"), admin_form(client, admin_url(model, "add"), name=name, slug="new"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        f"“{name}” looks the same as the existing {model._meta.verbose_name} “{existing}”."
    ]
    assert model.objects.count() == count


# Admin forms


def content_fields():
    """(model, field) for every text field of content an editor changes in the admin."""
    return [
        (Question, "text"),
        (Author, "name"),
        (Answer, "body"),
        (Answer, "posted_label"),
        (Claim, "exact"),
        (Verdict, "label"),
        (Verdict, "description"),
        (Event, "name"),
        (Event, "aliases"),
        (Event, "summary"),
        (Participant, "name"),
        (Participant, "description"),
        (Source, "title"),
    ]


@pytest.mark.parametrize("model, field", content_fields(), ids=[f"{m.__name__}.{f}" for m, f in content_fields()])
@pytest.mark.parametrize("character", ["\x1b", "\u202e", "\u200b"], ids=["escape", "override", "zwsp"])
def test_an_admin_form_refuses_a_refused_character_naming_line_and_character(
    client, editor, loaded_fixtures, model, field, character
):
    client.force_login(editor)
    instance = model.objects.order_by("pk").first()
    url = admin_url(model, "change", instance.pk)
    value = f"First line\r\nSecond {character}line"
    response = client.post(url, admin_form(client, url, **{field: value}))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    assert any(error.startswith("Line 2, column 8: U+") for error in errors), errors
    assert any(f"U+{ord(character):04X}" in error for error in errors), errors
    assert not Proposal.objects.filter(object_id=instance.pk, content_type__model=model._meta.model_name).exists()
    assert getattr(model.objects.get(pk=instance.pk), field) == getattr(instance, field)


def test_a_draft_events_source_inline_refuses_a_refused_character(client, editor, loaded_fixtures):
    client.force_login(editor)
    url = admin_url(Event, "add")
    data = admin_form(
        client,
        url,
        name="Treaty of Test",
        slug="treaty-of-test",
        category="treaty",
        summary="A treaty signed only in this test.",
        start_date="1921-03-16",
        start_precision="day",
        **{"sources-0-title": "Treaty\u202e text", "sources-0-url": "https://example.org/treaty"},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in str(response.context["inline_admin_formsets"][0].formset.errors)
    assert not Event.objects.filter(slug="treaty-of-test").exists()


def test_a_revisions_rationale_and_sources_refuse_refused_characters(claim, editor):
    draft = draft_revision(claim, editor)
    draft.rationale = "It was signed\u200b on 13 October 1921."
    with pytest.raises(Exception, match="U\\+200B ZERO WIDTH SPACE") as refused:
        draft.full_clean()
    assert "rationale" in refused.value.message_dict
    source = AnnotationSource(annotation=draft, title="\x1b[2JTreaty", url="https://example.org/kars")
    with pytest.raises(Exception, match="U\\+001B ESCAPE"):
        source.full_clean()


def test_review_comments_and_withdrawal_reasons_refuse_refused_characters(claim, editor, reviewer):
    revision = submitted_revision(claim, editor)
    with pytest.raises(review.ReviewError, match="The comment, line 1, column 5: U\\+202E"):
        review.reject(revision, reviewer, "Not \u202ethe right date")
    assert Annotation.objects.get(pk=revision.pk).status == Annotation.Status.SUBMITTED
    with pytest.raises(workflow.ProposalError, match="The reason, line 1, column 4: U\\+200B"):
        workflow.propose_withdrawal(claim, editor, "Bad\u200b claim")
    assert not Proposal.objects.filter(kind=Proposal.Kind.WITHDRAW).exists()


@pytest.mark.parametrize(
    "model, query",
    [
        (Claim, {"q": "Kars\x1b[2J\u202e\u200b"}),
        (Author, {"q": "\u2067Algo"}),
        (Event, {"q": "\u200bLausanne", "category": "\u202ewar"}),
        (Participant, {"kind": "\x1bstate"}),
        (Answer, {"author__id__exact": "1\u200b"}),
    ],
)
def test_admin_searches_and_filters_with_refused_characters_do_not_fail(admin_client, loaded_fixtures, model, query):
    response = admin_client.get(admin_url(model, "changelist"), query)
    assert response.status_code in (200, 302)


def test_admin_autocomplete_with_refused_characters_does_not_fail(admin_client, loaded_fixtures):
    query = {"term": "\u202eKars\x1b", "app_label": "events", "model_name": "event", "field_name": "participants"}
    assert admin_client.get(reverse("admin:autocomplete"), query).status_code == 200


# Terminal output


def test_import_documents_prints_an_escape_sequence_as_an_escape(write_document):
    path = write_document("kars.txt", DOCUMENT.replace("Mira Talkstone", "Mira\x1b]0;owned\x07Talkstone"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_documents", str(path), stdout=out, stderr=err)
    assert err.getvalue() == f"{path}:12: column 5: U+001B ESCAPE (a control character) is not allowed; remove it\n"
    assert not Question.objects.exists()


def test_import_documents_escapes_what_it_echoes(tmp_path, write_document):
    path = write_document("a\x1b[31mb/kars.txt", DOCUMENT)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_documents", str(path), stdout=out, stderr=err)
    assert "\x1b" not in out.getvalue() + err.getvalue()
    assert f"{tmp_path}/a\\u001b[31mb/kars.txt: new question “Who signed the Treaty of Kars?”" in out.getvalue()


@pytest.mark.parametrize("format", ["table", "json"])
def test_check_claims_escapes_control_characters_in_claims_already_stored(claim, format):
    # Text refused today may have been stored before: the command still echoes none of it raw.
    Claim.objects.filter(pk=claim.pk).update(exact="\x1b[2J\x9bKars\u202e1921\u200b")
    refresh_listings([claim.pk])
    out = io.StringIO()
    call_command("check_claims", "--format", format, stdout=out)
    printed = out.getvalue()
    assert not any(character in printed for character in "\x1b\x9b\u202e\u200b")
    if format == "json":
        assert "\x1b[2J\x9bKars\u202e1921\u200b" in [row["text"] for row in json.loads(printed)]
    else:
        assert "\\u001b[2J\\u009bKars\\u202e1921\\u200b" in printed
