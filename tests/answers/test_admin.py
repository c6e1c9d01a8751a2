import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from answers.models import Annotation, Answer, Claim, Question, Verdict
from config.admin import current_version
from config.proposals.models import Proposal
from events.models import Event, Participant, Source
from tests.conftest import approve_pending

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [Question, Answer, Claim, Verdict, Event, Participant, Source, Annotation]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


# Not content: each person's email settings have one page of their own (tests/config/test_notifications.py), and
# the task queue's results are django-tasks-db's read-only list.
NOT_CONTENT = {"auth", "notifications", "django_tasks_database"}


@pytest.mark.parametrize("model", [model for model in admin.site._registry if model._meta.app_label not in NOT_CONTENT])
@pytest.mark.parametrize("view", ["changelist", "add", "change", "history"])
def test_every_admin_page_renders_for_a_superuser(admin_client, loaded_fixtures, model, view):
    call_command("add_demo_work", verbosity=0)
    args = [] if view in ("changelist", "add") else [model.objects.order_by("pk").first().pk]
    response = admin_client.get(admin_url(model, view, *args))
    # Revisions are started from a claim's page and proposals from the content's own form, never added blank.
    assert response.status_code == (403 if view == "add" and model in (Annotation, Proposal) else 200)


@pytest.mark.parametrize("model", CONTENT_MODELS)
def test_an_editor_can_open_every_content_model(client, editor, loaded_fixtures, model):
    client.force_login(editor)
    instance = model.objects.order_by("pk").first()
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "change", instance.pk)).status_code == 200
    assert client.get(admin_url(model, "history", instance.pk)).status_code == 200


def test_an_editors_change_to_the_verdict_vocabulary_waits_for_review(client, editor, reviewer, loaded_fixtures):
    client.force_login(editor)
    verdict = Verdict.objects.get(slug="accurate")
    data = {
        "slug": verdict.slug,
        "label": "Right",
        "description": verdict.description,
        "colour": verdict.colour,
        "rating_value": verdict.rating_value,
        "position": verdict.position,
        "seen_version": current_version(verdict),
    }
    response = client.post(admin_url(Verdict, "change", verdict.pk), data, follow=True)
    assert "was submitted for review" in " ".join(str(message) for message in response.context["messages"])
    assert Verdict.objects.get(pk=verdict.pk).label == "Accurate"
    assert b">Accurate<" in client.get(reverse("answers:home")).content
    approve_pending(verdict, reviewer)
    assert Verdict.objects.get(pk=verdict.pk).label == "Right"
    assert b">Right<" in client.get(reverse("answers:home")).content


def test_admin_searches_and_filters_work(admin_client, loaded_fixtures):
    response = admin_client.get(admin_url(Claim, "changelist"), {"q": "Kars", "orphaned__exact": "0"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    response = admin_client.get(admin_url(Event, "changelist"), {"q": "Brotherhood"})
    assert [event.slug for event in response.context["cl"].result_list] == ["treaty-of-moscow-1921"]


def test_history_pages_show_field_diffs(admin_client, loaded_fixtures, make_user):
    event = Event.objects.get(slug="treaty-of-kars")
    data = {
        "name": event.name,
        "slug": event.slug,
        "category": event.category,
        "summary": event.summary + " Edited.",
        "start_date": event.start_date.isoformat(),
        "start_precision": event.start_precision,
        "end_date": "",
        "end_precision": "",
        "participants": [participant.pk for participant in event.participants.all()],
        "aliases": event.aliases,
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "seen_version": current_version(event),
    }
    response = admin_client.post(admin_url(Event, "change", event.pk), data)
    assert response.status_code == 302, response.context["adminform"].errors
    approve_pending(event, make_user("rita", "Reviewers"))
    response = admin_client.get(admin_url(Event, "history", event.pk))
    assert b"Edited." in response.content
    assert event.history.first().history_user.username == "admin"


def test_an_event_ending_before_it_starts_is_a_form_error(admin_client):
    data = {
        "name": "Backwards",
        "slug": "backwards",
        "category": "war",
        "summary": "Nothing.",
        "start_date": "1923-07-24",
        "start_precision": "day",
        "end_date": "1919-05-19",
        "end_precision": "day",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    response = admin_client.post(admin_url(Event, "add"), data)
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in str(response.context["adminform"].errors)
    assert not Event.objects.filter(slug="backwards").exists()


def answer_form(answer, **changes):
    claims = list(answer.claims.order_by("start", "number"))
    data = {
        "question": answer.question_id,
        "position": answer.position,
        "author": answer.author_id,
        "posted_label": answer.posted_label,
        "posted_on": answer.posted_on.isoformat() if answer.posted_on else "",
        "body": answer.body,
        "claims-TOTAL_FORMS": str(len(claims)),
        "claims-INITIAL_FORMS": str(len(claims)),
        "seen_version": current_version(answer),
    }
    data.update({f"claims-{index}-id": claim.pk for index, claim in enumerate(claims)})
    data.update({f"claims-{index}-answer": answer.pk for index, claim in enumerate(claims)})
    data.update(changes)
    return data


def test_editing_a_published_answer_reanchors_its_claims_once_approved(client, editor, reviewer, loaded_fixtures):
    client.force_login(editor)
    answer = Answer.objects.get(position=1)
    lost = answer.claims.get(exact__contains="Turkish-Soviet War")
    moved = answer.claims.get(number=10)
    old_start, old_body = moved.start, answer.body
    body = "A new opening sentence. " + answer.body.replace(lost.exact, "That claim was removed.")
    response = client.post(admin_url(Answer, "change", answer.pk), answer_form(answer, body=body), follow=True)
    assert response.status_code == 200
    assert Answer.objects.get(pk=answer.pk).body == old_body
    assert Claim.objects.get(pk=moved.pk).start == old_start and not Claim.objects.get(pk=lost.pk).orphaned
    approve_pending(answer, reviewer)
    lost.refresh_from_db()
    moved.refresh_from_db()
    assert lost.orphaned
    assert moved.start != old_start
    assert body[moved.start : moved.end] == moved.exact
    assert moved.history.first().history_user == editor
    assert set(
        answer.claims.filter(exact__in=["A new opening sentence.", "That claim was removed."]).values_list(
            "state", flat=True
        )
    ) == {"published"}


def test_editing_a_draft_answer_reanchors_its_claims_and_lists_orphans(client, editor, write_document):
    from answers.importer import import_documents

    import_documents([write_document("draft.txt", "Q?\naccount_box\nA\nnow\n\nFirst claim. Second claim.\n")])
    client.force_login(editor)
    answer = Answer.objects.get(question__document="draft.txt")
    lost = answer.claims.get(exact="First claim.")
    body = "An opening. " + answer.body.replace("First claim.", "Changed.")
    response = client.post(admin_url(Answer, "change", answer.pk), answer_form(answer, body=body), follow=True)
    text = [str(message) for message in response.context["messages"]]
    assert "Claims after the edit: 1 claims re-anchored, 1 orphaned, 2 new." in text
    assert any("First claim." in message and "These claims lost their quote" in message for message in text)
    assert Claim.objects.get(pk=lost.pk).orphaned
    assert Answer.objects.get(pk=answer.pk).body == body


def test_a_claim_is_added_by_its_quote(admin_client, loaded_fixtures):
    answer = Answer.objects.get(position=2)
    quote = "the Treaty of Kars (1921)"
    holder = answer.claims.get(exact__contains=quote)
    holder.withdraw(reason="Making room for a shorter claim")  # claims may not overlap
    response = admin_client.post(admin_url(Claim, "add"), {"answer": answer.pk, "exact": quote, "start": "", "end": ""})
    assert response.status_code == 302
    claim = Claim.objects.get(exact=quote)
    assert answer.body[claim.start : claim.end] == quote
    assert claim.number == answer.claims.count()
    assert claim.prefix and claim.suffix


def test_a_claim_over_words_another_claim_holds_is_a_form_error(admin_client, loaded_fixtures):
    answer = Answer.objects.get(position=2)
    quote = "the Treaty of Kars (1921)"
    response = admin_client.post(admin_url(Claim, "add"), {"answer": answer.pk, "exact": quote, "start": "", "end": ""})
    assert response.status_code == 200
    assert "claims may not overlap" in str(response.context["adminform"].errors)


def test_a_quote_that_is_not_in_the_answer_is_a_form_error(admin_client, loaded_fixtures):
    answer = Answer.objects.get(position=2)
    response = admin_client.post(
        admin_url(Claim, "add"), {"answer": answer.pk, "exact": "the Turkish-Soviet War", "start": "", "end": ""}
    )
    assert response.status_code == 200
    assert "This quote does not appear in the answer" in str(response.context["adminform"].errors)


def test_an_ambiguous_quote_asks_for_offsets(admin_client, loaded_fixtures):
    answer = Answer.objects.get(position=2)
    response = admin_client.post(
        admin_url(Claim, "add"), {"answer": answer.pk, "exact": "Turkey and Russia", "start": "", "end": ""}
    )
    assert response.status_code == 200
    assert "set start and end to pick one" in str(response.context["adminform"].errors)
