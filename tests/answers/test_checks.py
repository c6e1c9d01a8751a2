"""Stored timeline checks: results on the seed, recomputation, the admin, suggestions and check_claims."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from answers import review
from answers.models import Annotation, Claim, ClaimCheck
from config.admin import current_version
from events.models import Event
from tests.conftest import draft_event, sources_version

pytestmark = pytest.mark.django_db

WAR = "The Turkish War of Independence, fought between 1919 and 1922"
INVENTED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."
TREATIES = "These treaties included the Treaty of Moscow (1921)"


def result_of(start):
    return Claim.objects.get(exact__startswith=start).timeline_check


def test_the_seed_claims_are_checked_as_expected(loaded_fixtures):
    assert result_of(WAR).result == "conflict"
    assert result_of(WAR).explanation == "claim says 1922; Turkish War of Independence ended 24 July 1923."
    assert result_of(INVENTED).result == "unknown-event"
    assert result_of(INVENTED).explanation == "“Turkish-Soviet War of 1941-1945” is not an event in the timeline."
    treaties = result_of(TREATIES)
    assert treaties.result == "consistent"
    assert {event.slug for event in treaties.events.all()} == {"treaty-of-moscow-1921", "treaty-of-kars"}
    assert ClaimCheck.objects.count() == Claim.objects.count()


def test_checks_never_publish_or_change_a_verdict(loaded_fixtures):
    before = list(Annotation.objects.order_by("pk").values_list("pk", "status", "verdict_id"))
    call_command("check_claims", stdout=io.StringIO())
    assert list(Annotation.objects.order_by("pk").values_list("pk", "status", "verdict_id")) == before


def test_editing_a_claim_rechecks_it(loaded_fixtures):
    claim = Claim.objects.get(exact__startswith=WAR)
    claim.exact = "The Turkish War of Independence"
    claim.start, claim.end = 0, len(claim.exact)
    claim.save()
    assert Claim.objects.get(pk=claim.pk).timeline_check.result == "no-dates"


def test_changing_the_timeline_rechecks_every_claim(loaded_fixtures, django_capture_on_commit_callbacks):
    war = Event.objects.get(slug="turkish-war-of-independence")
    war.end_date, war.end_precision = war.end_date.replace(year=1922), "year"
    with django_capture_on_commit_callbacks(execute=True):
        war.save()
    assert result_of(WAR).result == "consistent"


def test_adding_the_invented_war_to_the_timeline_would_make_it_known(
    loaded_fixtures, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft_event(
            "Turkish-Soviet War", 1941, category="war", end_date=datetime.date(1945, 12, 31), end_precision="year"
        )
    assert result_of(INVENTED).result == "consistent"


def test_the_claim_admin_filters_by_check_and_shows_the_explanation(admin_client, loaded_fixtures):
    response = admin_client.get(
        reverse("admin:answers_claim_changelist"), {"timeline_check__result__exact": "conflict"}
    )
    assert [claim.exact[:60] for claim in response.context["cl"].result_list] == [WAR[:60]]
    claim = Claim.objects.get(exact__startswith=WAR)
    content = admin_client.get(reverse("admin:answers_claim_change", args=[claim.pk])).content.decode()
    assert "<strong>date conflict</strong>: claim says 1922; Turkish War of Independence ended 24 July 1923." in content


def test_the_annotation_form_offers_the_named_events_as_evidence(client, loaded_fixtures, editor):
    claim = Claim.objects.get(exact__startswith=TREATIES)
    draft = review.start_revision(claim, editor)
    draft.evidence.clear()
    client.force_login(editor)
    url = reverse("admin:answers_annotation_change", args=[draft.pk])
    content = client.get(url).content.decode()
    assert "The claim names these timeline events:" in content and "Save and add them to the evidence" in content
    data = {
        "verdict": draft.verdict_id,
        "rationale": draft.rationale,
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "seen_version": current_version(draft),
        "seen_rows": sources_version(draft),
        "_add_suggested": "1",
    }
    response = client.post(url, data, follow=True)
    assert any("added to the evidence" in str(message) for message in response.context["messages"])
    assert {event.slug for event in draft.evidence.all()} == {"treaty-of-moscow-1921", "treaty-of-kars"}
    assert "The claim names these timeline events:" not in response.content.decode()


def run(*args):
    out = io.StringIO()
    call_command("check_claims", *args, stdout=out)
    return out.getvalue()


def test_check_claims_prints_a_table(loaded_fixtures):
    output = run()
    assert "conflict       The Turkish War of Independence, fought between 1919 and 1922" in output
    assert "→ claim says 1922; Turkish War of Independence ended 24 July 1923." in output
    assert "34 claims checked: 1 conflict, 3 consistent, 24 no-dates, 5 no-event, 1 unknown-event." in output


def test_check_claims_prints_json(loaded_fixtures):
    rows = json.loads(run("--format", "json"))
    assert len(rows) == 34
    assert set(rows[0]) == {"id", "text", "check", "explanation"}
    invented = next(row for row in rows if row["text"] == INVENTED)
    assert invented["check"] == "unknown-event" and invented["id"] == Claim.objects.get(exact=INVENTED).pk


def test_check_claims_narrows_to_a_question(loaded_fixtures, write_document):
    from answers.importer import import_documents

    import_documents(
        [write_document("other.txt", "Other?\naccount_box\nA\nnow\n\nThe Treaty of Kars was signed in 1922.\n")]
    )
    rows = json.loads(run("--format", "json", "--question", "other"))
    assert [(row["check"], row["explanation"]) for row in rows] == [
        ("conflict", "claim says 1922; Treaty of Kars is dated 13 October 1921.")
    ]
    with pytest.raises(CommandError, match="there is no question with the slug 'nope'"):
        run("--question", "nope")
