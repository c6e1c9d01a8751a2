"""Published revisions as W3C Web Annotations: what each holds, checked against the model's test suite."""

import json

import pytest
from django.urls import reverse

from answers import review, webannotations
from answers.models import Annotation, Claim, ClaimListing, Question, refresh_listings
from tests.conftest import draft_revision, published_revision
from tests.web_annotation_conformance import (
    ANNOTATION_MUSTS,
    COLLECTION_MUSTS,
    PAGE_MUSTS,
    assertion_count,
    failures,
)

pytestmark = pytest.mark.django_db

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."
SITE = reverse("answers:annotation-container")


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return json.loads(response.content)


def annotation_iri(revision):
    return "https://localhost" + reverse("answers:annotation-detail", args=[revision.pk])


def walk(client, container):
    """Return every page of a container's representation, from its first to its last, by `next`."""
    pages = [get_json(client, container["first"] if isinstance(container["first"], str) else container["first"]["id"])]
    while "next" in pages[-1]:
        pages.append(get_json(client, pages[-1]["next"]))
    return pages


def test_every_annotation_page_and_container_meets_the_models_musts(client, loaded_fixtures, monkeypatch):
    monkeypatch.setattr(webannotations, "PAGE_SIZE", 7)
    containers = [SITE] + [
        reverse("answers:question-annotations", args=[question.slug]) for question in Question.objects.live()
    ]
    checked = {"annotations": 0, "pages": 0, "containers": 0}
    for url in containers:
        for prefer in ("", 'return=representation;include="http://www.w3.org/ns/ldp#PreferMinimalContainer"'):
            for iris in ("0", "1"):
                container = get_json(client, f"{url}?iris={iris}", Prefer=prefer)
                assert failures(container, COLLECTION_MUSTS) == [], url
                if not prefer:
                    assert failures(container, PAGE_MUSTS) == []  # a container with its first page embedded
                checked["containers"] += 1
                pages = walk(client, container)
                assert len(pages) > 1
                for page in pages:
                    assert failures(page, PAGE_MUSTS) == [], page["id"]
                    checked["pages"] += 1
                    for item in page["items"]:
                        document = item if isinstance(item, dict) else get_json(client, item)
                        assert failures(document, ANNOTATION_MUSTS) == [], document["id"]
                        checked["annotations"] += 1
    assert checked["annotations"] > 100 and checked["pages"] > 20
    musts = (ANNOTATION_MUSTS, COLLECTION_MUSTS, PAGE_MUSTS)
    assert [assertion_count(manifest) for manifest in musts] == [54, 10, 15]


def test_an_annotation_holds_the_verdict_rationale_sources_and_the_claims_anchor(client, loaded_fixtures):
    claim = Claim.objects.get(exact=FABRICATED)
    revision = claim.annotations.published().get()
    document = get_json(client, reverse("answers:annotation-detail", args=[revision.pk]))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["id"] == annotation_iri(revision)
    assert document["type"] == "Annotation" and document["motivation"] == "assessing"
    assert document["created"] == document["modified"] == revision.reviewed_at.isoformat().replace("+00:00", "Z")
    verdict, rationale, *links = document["body"]
    assert verdict == {
        "type": "TextualBody",
        "format": "text/plain",
        "language": "en",
        "purpose": "assessing",
        "value": revision.verdict_label,
    }
    assert rationale["purpose"] == "commenting" and rationale["value"] == revision.rationale
    expected = [f"https://localhost{event.get_absolute_url()}" for event in revision.evidence.order_by("start_date")]
    expected += [source.url for source in revision.sources.all()]
    assert [link["source"] for link in links] == expected
    question = claim.answer.question
    assert document["target"] == {
        "type": "SpecificResource",
        "source": f"https://localhost{question.get_absolute_url()}#answer-{claim.answer.position}",
        "selector": [
            {"type": "TextQuoteSelector", "exact": claim.exact, "prefix": claim.prefix, "suffix": claim.suffix},
            {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
        ],
    }
    assert claim.answer.body[claim.start : claim.end] == claim.exact
    assert document["generator"]["name"] == "Factline"


def test_the_creator_is_named_as_the_claim_page_names_the_editor_and_no_more(client, claim, make_user, reviewer):
    editor = make_user("ed", "Editors", first_name="Edith", last_name="Ames", email="edith@example.org")
    revision = published_revision(claim, editor, reviewer, "accurate", "Right.")
    document = get_json(client, reverse("answers:annotation-detail", args=[revision.pk]))
    assert document["creator"] == {"type": "Person", "name": "Edith Ames"}
    content = json.dumps(document)
    assert "edith@example.org" not in content and '"ed"' not in content and reviewer.username not in content
    assert "Edith Ames" in client.get(claim.get_absolute_url()).content.decode()
    nameless = make_user("nameless", "Editors")
    later = published_revision(claim, nameless, reviewer, "inaccurate", "Wrong after all.")
    assert get_json(client, reverse("answers:annotation-detail", args=[later.pk]))["creator"]["name"] == "nameless"


def test_a_superseded_revision_still_resolves_and_names_the_one_that_replaced_it(client, claim, editor, reviewer):
    first = published_revision(claim, editor, reviewer, "accurate", "First view.")
    second = published_revision(claim, editor, reviewer, "inaccurate", "Corrected view.")
    first.refresh_from_db()
    second.refresh_from_db()
    old = get_json(client, reverse("answers:annotation-detail", args=[first.pk]))
    assert failures(old, ANNOTATION_MUSTS) == []
    assert old["dcterms:isReplacedBy"] == annotation_iri(second)
    assert old["modified"] == second.reviewed_at.isoformat().replace("+00:00", "Z") != old["created"]
    assert old["body"][1]["value"] == "First view."
    new = get_json(client, reverse("answers:annotation-detail", args=[second.pk]))
    assert new["dcterms:replaces"] == annotation_iri(first) and "dcterms:isReplacedBy" not in new
    listed = get_json(client, SITE)["first"]["items"]
    assert [item["id"] for item in listed] == [annotation_iri(second)]


def test_nothing_unreviewed_is_an_annotation(client, claim, editor, other_editor, reviewer):
    published = published_revision(claim, editor, reviewer, "accurate", "Reviewed.")
    draft = draft_revision(claim, editor, "inaccurate", "LEAK-DRAFT")
    rejected = review.submit(draft_revision(claim, other_editor, "inaccurate", "LEAK-REJECTED"), other_editor)
    review.reject(rejected, reviewer, "No.")
    submitted = review.submit(draft_revision(claim, other_editor, "misleading", "LEAK-SUBMITTED"), other_editor)
    for revision in (draft, rejected, submitted):
        assert client.get(reverse("answers:annotation-detail", args=[revision.pk])).status_code == 404
    urls = [SITE, SITE + "?iris=1", reverse("answers:question-annotations", args=[claim.answer.question.slug])]
    for url in urls:
        content = client.get(url).content.decode()
        assert "LEAK" not in content
        assert annotation_iri(published) in content
    assert "LEAK" not in client.get(reverse("answers:annotation-detail", args=[published.pk])).content.decode()


def test_a_container_lists_only_claims_on_the_public_lists(client, loaded_fixtures, editor, reviewer):
    from config.proposals import workflow

    claim = Claim.objects.get(exact=FABRICATED)
    revision = claim.annotations.published().get()
    workflow.approve(workflow.propose_withdrawal(claim, editor, "Not a claim after all."), reviewer)
    assert ClaimListing.objects.get(claim=claim).status == "withdrawn"
    iris = [item for page in walk(client, get_json(client, SITE + "?iris=1")) for item in page["items"]]
    assert annotation_iri(revision) not in iris
    assert len(iris) == get_json(client, SITE)["total"] == ClaimListing.objects.listed().exclude(verdict=None).count()
    # Its page stays up for the record, and so does its annotation.
    assert client.get(reverse("answers:annotation-detail", args=[revision.pk])).status_code == 200


def test_a_verdict_on_words_since_changed_targets_them_as_they_were_when_reviewed(client, loaded_fixtures):
    claim = Claim.objects.get(exact=FABRICATED)
    revision = claim.annotations.published().get()
    before = (claim.exact, claim.prefix, claim.suffix, claim.start, claim.end)
    claim.save()  # a history record of the reviewed words, as any edit leaves
    claim.exact = claim.exact.replace("1941-1945", "1941–1945")  # as a re-anchoring in a new text would
    claim.save()
    url = reverse("answers:annotation-detail", args=[revision.pk])
    target = get_json(client, url)["target"]
    assert target["state"] == {
        "type": "TimeState",
        "sourceDate": revision.reviewed_at.isoformat().replace("+00:00", "Z"),
    }
    exact, prefix, suffix, start, end = before
    assert target["selector"] == [
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]
    assert failures(get_json(client, url), ANNOTATION_MUSTS) == []
    in_container = next(
        item
        for page in walk(
            client, get_json(client, reverse("answers:question-annotations", args=[claim.answer.question.slug]))
        )
        for item in page["items"]
        if item["id"] == annotation_iri(revision)
    )
    assert in_container["target"] == target


def test_without_a_record_of_the_reviewed_words_the_quote_alone_is_the_target(loaded_fixtures):
    revision = Annotation.objects.published().select_related("claim").get(claim__exact=FABRICATED)
    revision.claim_text = "Words the claim's history never held."  # in memory only: reviewed words are frozen
    anchors = webannotations.reviewed_anchors([revision])
    assert anchors == {revision.pk: None}
    target = webannotations.target(revision, anchors)
    assert target["selector"] == {"type": "TextQuoteSelector", "exact": "Words the claim's history never held."}
    assert target["state"]["type"] == "TimeState"


def test_revisions_of_claims_readers_never_saw_have_no_annotation(client, loaded_fixtures, editor, reviewer):
    revision = Annotation.objects.published().first()
    Question.objects.filter(pk=revision.claim.answer.question_id).update(published_at=None, state="draft")
    refresh_listings(Claim.objects.filter(answer__question=revision.claim.answer.question_id))
    assert client.get(reverse("answers:annotation-detail", args=[revision.pk])).status_code == 404
