"""Readers see only reviewed work: imports, changes, withdrawals and renames all pass a second person first."""

import re

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from answers.importer import import_documents
from answers.models import Annotation, Answer, Author, Claim, Question, Verdict
from config.proposals.models import Proposal
from events.models import Event, Participant, Source
from tests.conftest import ROOT, admin_form, approve_pending, published_revision
from tests.structured_data import claim_review

pytestmark = pytest.mark.django_db

NEW_DOCUMENT = """Who signed the Treaty of Kars?

account_box
Algo Rhythmia
a year ago

The Treaty of Kars was signed on 13 October 1921 by Ankara and three Soviet republics. UNREVIEWED-MARKER appears here.
"""


def admin_url(obj, view="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def every_public_url():
    """Every public page, and the page of every object whether readers may see it or not."""
    urls = [reverse("answers:home"), reverse("answers:question-list"), reverse("answers:claim-list")]
    urls += [reverse("events:event-list"), reverse("answers:claim-list") + "?status=orphaned"]
    for model in (Question, Claim, Event, Author):
        urls += [obj.get_absolute_url() for obj in model.objects.all()]
    return urls


def snapshot(client):
    """Return what a reader gets from every public page: status and text (less the per-request CSP nonce)."""
    return {
        url: (response.status_code, re.sub(r'nonce="[^"]*"', 'nonce=""', response.content.decode()))
        for url in every_public_url()
        for response in [client.get(url)]
    }


def assert_readers_see_what_they_saw(client, before):
    """Every page is as it was, and the pages of objects added since are not found."""
    after = snapshot(client)
    assert {url: page for url, page in after.items() if url in before} == before
    assert {url: status for url, (status, _) in after.items() if url not in before} == dict.fromkeys(
        set(after) - set(before), 404
    )


def submitted(response):
    return any("was submitted for review" in str(message) for message in response.context["messages"])


def test_an_import_is_not_public_until_another_person_publishes_it(
    client, loaded_fixtures, editor, reviewer, write_document
):
    before = snapshot(client)
    import_documents([write_document("kars-signers.txt", NEW_DOCUMENT)], user=editor)
    question = Question.objects.get(document="kars-signers.txt")
    assert question.state == "draft"
    assert_readers_see_what_they_saw(client, before)
    assert all("UNREVIEWED-MARKER" not in content for _, content in snapshot(client).values())
    request = Proposal.objects.pending().for_object(question).get()
    assert (request.kind, request.created_by) == ("publish", editor)
    approve_pending(question, reviewer)
    content = client.get(question.get_absolute_url()).content.decode()
    assert "UNREVIEWED-MARKER" in content
    assert Claim.objects.filter(answer__question=question).exclude(state="published").count() == 0


def test_the_importer_cannot_publish_their_own_import(loaded_fixtures, reviewer, write_document):
    from config.proposals import workflow

    import_documents([write_document("kars-signers.txt", NEW_DOCUMENT)], user=reviewer)
    request = Proposal.objects.pending().get(kind="publish")
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(request, reviewer)
    assert refused.value.code == "own-proposal"


def test_reimporting_a_published_question_proposes_its_changes(loaded_fixtures, editor, reviewer, tmp_path):
    seed = (ROOT / "fixtures" / "documents" / "turkish-war-of-independence-and-turkey-russia.txt").read_text()
    path = tmp_path / "turkish-war-of-independence-and-turkey-russia.txt"
    path.write_text(seed.replace("fought between 1919 and 1922", "fought between 1919 and 1923"), encoding="utf-8")
    answer = Answer.objects.get(position=1)
    report = import_documents([path], user=editor)
    assert report.proposed == 1 and report.changed == 0
    assert "fought between 1919 and 1922" in Answer.objects.get(pk=answer.pk).body
    approve_pending(answer, reviewer)
    assert "fought between 1919 and 1923" in Answer.objects.get(pk=answer.pk).body


def a_cited_participant():
    return Participant.objects.filter(events__slug="treaty-of-kars").order_by("pk").first()


CHANGES = {
    "question": (lambda: Question.objects.get(), {"text": "How did the war shape Turkish–Russian relations?"}),
    "answer": (lambda: Answer.objects.get(position=2), {"posted_label": "an age ago"}),
    "answer text": (
        lambda: Answer.objects.get(position=2),
        {"body": lambda answer: answer.body + " It also mentioned something nobody reviewed."},
    ),
    "claim": (
        lambda: Claim.objects.get(answer__position=1, number=1),
        {"exact": "fought between 1919 and 1922", "start": "", "end": ""},
    ),
    "event": (lambda: Event.objects.get(slug="treaty-of-kars"), {"name": "Treaty of Kars, renamed"}),
    "participant": (a_cited_participant, {"name": "A renamed participant"}),
    "source": (lambda: Source.objects.filter(event__slug="treaty-of-kars").first(), {"title": "A renamed source"}),
    "verdict": (lambda: Verdict.objects.get(slug="fabricated"), {"label": "Made up"}),
    "author": (lambda: Author.objects.get(name="Mira Talkstone"), {"name": "Mira Talkstone, renamed"}),
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_an_editors_change_shows_to_readers_only_once_another_person_approves_it(
    client, loaded_fixtures, editor, reviewer, kind
):
    target, changes = CHANGES[kind]
    obj = target()
    changes = {name: value(obj) if callable(value) else value for name, value in changes.items()}
    before = snapshot(client)
    reviews = {claim.pk: claim_review(client, claim) for claim in Claim.objects.all()}
    client.force_login(editor)
    response = client.post(admin_url(obj), admin_form(client, admin_url(obj), **changes), follow=True)
    assert submitted(response), response.context.get("adminform") and response.context["adminform"].errors
    client.logout()
    assert snapshot(client) == before
    assert {claim.pk: claim_review(client, claim) for claim in Claim.objects.all()} == reviews
    approve_pending(obj, reviewer)
    after = snapshot(client)
    assert after != before
    shown = next(value for name, value in changes.items() if name not in ("start", "end"))
    if kind == "answer text":
        shown = "It also mentioned something nobody reviewed."
    assert any(shown in content for _, content in after.values()), shown


def test_the_scenario_replayed_through_the_admin(client, loaded_fixtures, editor, reviewer, write_document):
    """Append a sentence, re-point a reviewed claim at it, rename a cited event, import a document."""
    before = snapshot(client)
    invented = "Turkey and Russia fought a secret war in 1950."
    answer = Answer.objects.get(position=2)
    claim = Claim.objects.get(answer=answer, exact__startswith="The improved relationship between Turkey and Russia")
    reviewed_words = claim.exact
    kars = Event.objects.get(slug="treaty-of-kars")
    client.force_login(editor)

    body = answer.body + "\n\n" + invented
    assert submitted(client.post(admin_url(answer), admin_form(client, admin_url(answer), body=body), follow=True))
    data = admin_form(client, admin_url(kars), name="Treaty of Kars (renamed by an editor)")
    assert submitted(client.post(admin_url(kars), data, follow=True))
    import_documents([write_document("kars-signers.txt", NEW_DOCUMENT)], user=editor)
    client.logout()
    assert_readers_see_what_they_saw(client, before)

    approve_pending(answer, reviewer)  # the text is reviewed; the claim moves only once that is approved
    # The new sentence became a claim of its own; claims may not overlap, so it is withdrawn first.
    from config.proposals import workflow

    added = Claim.objects.get(answer=answer, exact=invented)
    workflow.approve(workflow.propose_withdrawal(added, editor, "Covered by an older claim"), reviewer)
    client.force_login(editor)
    data = admin_form(client, admin_url(claim), exact=invented, start="", end="")
    assert submitted(client.post(admin_url(claim), data, follow=True))
    client.logout()
    page = client.get(claim.get_absolute_url()).content.decode()
    assert invented not in page.split("<mark>")[-1].split("</mark>")[0]
    assert claim_review(client, claim)["claimReviewed"] == reviewed_words

    approve_pending(claim, reviewer)
    approve_pending(kars, reviewer)
    approve_pending(Question.objects.get(document="kars-signers.txt"), reviewer)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Wording changed since review." in page and f"“{reviewed_words}”" in page
    # The rating stays with the words it was given for, never with the new ones.
    assert claim_review(client, claim) is None or claim_review(client, claim)["claimReviewed"] == reviewed_words
    question_page = client.get(answer.question.get_absolute_url()).content.decode()
    assert "wording changed since review</span>" in question_page
    assert "Treaty of Kars (renamed by an editor)" in client.get(kars.get_absolute_url()).content.decode()
    assert (
        "UNREVIEWED-MARKER"
        in client.get(Question.objects.get(document="kars-signers.txt").get_absolute_url()).content.decode()
    )


def test_an_orphaned_claim_keeps_its_page_and_leaves_the_default_list(client, loaded_fixtures, editor, reviewer):
    answer = Answer.objects.get(position=1)
    lost = answer.claims.get(exact__contains="Turkish-Soviet War")
    from config.proposals import workflow

    workflow.approve(workflow.propose_change(answer, editor, {"body": answer.body.replace(lost.exact, "")}), reviewer)
    response = client.get(lost.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "No longer in the answer since" in content and ">Fabricated<" in content
    assert "History of this verdict" in content
    default = client.get(reverse("answers:claim-list"), {"page": "last"}).context["page_obj"].object_list
    orphaned = client.get(reverse("answers:claim-list"), {"status": "orphaned"}).context["page_obj"].object_list
    assert lost.pk not in [listing.claim_id for listing in default]
    assert [listing.claim for listing in orphaned] == [lost]
    assert client.get(reverse("answers:claim-list")).context["paginator"].count == 33


def test_a_withdrawn_question_keeps_its_url_and_says_when_and_why(client, loaded_fixtures, editor, reviewer):
    from config.proposals import workflow

    question = Question.objects.get()
    workflow.approve(workflow.propose_withdrawal(question, editor, "The page was taken down by its site."), reviewer)
    content = client.get(question.get_absolute_url()).content.decode()
    assert "Withdrawn on" in content and "The page was taken down by its site." in content
    assert question.text not in client.get(reverse("answers:question-list")).content.decode()
    claim = Claim.objects.filter(answer__question=question).first()
    assert client.get(claim.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "model, lookup, field, value",
    [
        (Question, {}, "slug", "turkey-and-russia-after-the-war"),
        (Event, {"slug": "treaty-of-kars"}, "slug", "kars-treaty"),
        (Author, {"name": "Mira Talkstone"}, "slug", "mira"),
    ],
)
def test_a_changed_slug_redirects_the_old_url_permanently(
    client, loaded_fixtures, editor, reviewer, model, lookup, field, value
):
    from config.proposals import workflow

    obj = model.objects.get(**lookup)
    old_url = obj.get_absolute_url()
    workflow.approve(workflow.propose_change(obj, editor, {field: value}), reviewer)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == model.objects.get(pk=obj.pk).get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_deleting_a_cited_event_is_refused_for_a_superuser_too(admin_client, loaded_fixtures):
    kars = Event.objects.get(slug="treaty-of-kars")
    assert Annotation.objects.filter(evidence=kars).exists()
    with pytest.raises(ProtectedError), transaction.atomic():
        kars.delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM events_event WHERE id = %s", [kars.pk])  # keys are checked at commit
        connection.check_constraints()
    assert Event.objects.filter(pk=kars.pk).exists()
    assert admin_client.get(admin_url(kars, "delete")).status_code == 403


def test_deleting_a_participant_of_an_event_or_a_used_verdict_is_refused(loaded_fixtures):
    with pytest.raises(ProtectedError), transaction.atomic():
        a_cited_participant().delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Verdict.objects.get(slug="fabricated").delete()


def test_the_corrections_log_keeps_the_label_each_revision_was_published_under(
    client, loaded_fixtures, editor, other_editor, reviewer
):
    from config.proposals import workflow

    claim = Claim.objects.get(exact__contains="Turkish-Soviet War")
    published_revision(claim, other_editor, reviewer, "inaccurate", "No such war took place.")
    fabricated = Verdict.objects.get(slug="fabricated")
    workflow.approve(workflow.propose_change(fabricated, editor, {"label": "Invented"}), reviewer)
    content = client.get(claim.get_absolute_url()).content.decode()
    log = content.split("History of this verdict")[1]
    assert ">Fabricated<" in log and ">Inaccurate<" in log and "Invented" not in log


def test_fixtures_load_as_published_and_the_demo_leaves_work_for_reviewers(client, loaded_fixtures):
    assert not Question.objects.drafts().exists() and not Event.objects.drafts().exists()
    call_command("add_demo_work", verbosity=0)
    call_command("add_demo_work", verbosity=0)
    pending = Proposal.objects.pending()
    assert sorted(pending.values_list("kind", flat=True)) == ["change", "publish"]
    question = Question.objects.drafts().get()
    assert client.get(question.get_absolute_url()).status_code == 404
    assert Question.history.filter(id=Question.objects.live().get().pk).get().history_user is None
