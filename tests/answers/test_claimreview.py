"""The ClaimReview on claim pages, as a structured-data extractor reads it from the rendered page."""

from datetime import date, datetime
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from answers.models import Annotation, Claim
from config.proposals import workflow
from config.views import absolute_url
from tests.answers.test_public_pages import FABRICATED
from tests.conftest import published_revision
from tests.structured_data import SCHEMA, claim_review, json_ld, schema_property, schema_types

SITE = "https://factline.example.org"
GOOGLE_REQUIRED = {"claimReviewed", "reviewRating", "url"}
GOOGLE_RECOMMENDED = {"author", "itemReviewed"}
RATING_PROPERTIES = {"alternateName", "name", "ratingValue", "bestRating", "worstRating", "ratingExplanation"}
# schema.org expects an author to be a Person or an Organization; the answers' authors are machine personas,
# typed for what they are (README, "ClaimReview").
MACHINE_AUTHOR = ("author", "SoftwareApplication")


def is_url(value):
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def is_date(value):
    try:
        return isinstance(date.fromisoformat(value), date) and len(value) == 10
    except ValueError:
        return False


def is_datetime(value):
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


LITERALS = {
    SCHEMA.Text: lambda value: isinstance(value, str) and value.strip() != "",
    SCHEMA.URL: lambda value: isinstance(value, str) and is_url(value),
    SCHEMA.Number: lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    SCHEMA.Date: lambda value: isinstance(value, str) and is_date(value),
    SCHEMA.DateTime: lambda value: isinstance(value, str) and is_datetime(value),
}


def vocabulary_problems(node, where="ClaimReview"):
    """Every way `node` departs from schema.org: unknown types or properties, wrong domains or ranges."""
    types = schema_types(node.get("@type", ""))
    if not types:
        return [f"{where}: no schema.org type {node.get('@type')!r}"]
    problems = []
    for key, value in node.items():
        if key.startswith("@"):
            continue
        term = schema_property(key)
        if term is None:
            problems.append(f"{where}.{key}: not a schema.org property")
            continue
        domain, expected = term
        if not domain & types:
            problems.append(f"{where}.{key}: does not apply to {node['@type']}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if not schema_types(item.get("@type", "")) & expected and (key, item.get("@type")) != MACHINE_AUTHOR:
                    problems.append(f"{where}.{key}: a {item.get('@type')} is not among its expected types")
                problems += vocabulary_problems(item, f"{where}.{key}")
            elif not any(LITERALS[kind](item) for kind in expected if kind in LITERALS):
                problems.append(f"{where}.{key}: {item!r} is not a value of its expected types")
    return problems


def rated_claims():
    """The claims whose published verdict rates truth: the claims that have a ClaimReview."""
    return Claim.objects.visible().filter(
        annotations__status=Annotation.Status.PUBLISHED, annotations__verdict__rating_value__isnull=False
    )


@override_settings(FACTLINE_SITE_URL=SITE, ALLOWED_HOSTS=["testserver"])
def test_every_rated_claim_page_has_one_claimreview_with_every_property_google_names(client, loaded_fixtures):
    claims = list(rated_claims().select_related("answer__question", "answer__author"))
    assert len(claims) > 20
    for claim in claims:
        data = claim_review(client, claim)
        assert data is not None, claim
        assert GOOGLE_REQUIRED | GOOGLE_RECOMMENDED | {"datePublished", "dateModified", "citation"} <= set(data)
        assert set(data["reviewRating"]) - {"@type"} == RATING_PROPERTIES
        assert data["url"] == SITE + claim.get_absolute_url()  # the page itself, on the site's domain
        item = data["itemReviewed"]
        assert item["@type"] == "Claim" and {"author", "appearance", "datePublished"} <= set(item)
        assert (
            item["appearance"]["url"]
            == f"{SITE}{claim.answer.question.get_absolute_url()}#answer-{claim.answer.position}"
        )
        assert item["author"] == {
            "@type": "SoftwareApplication",
            "name": claim.answer.author.name,
            "url": SITE + claim.answer.author.get_absolute_url(),
        }
        assert data["author"] == {"@type": "Organization", "name": "Factline", "url": SITE + "/"}


def test_a_claimreview_says_what_the_published_revision_says(client, loaded_fixtures):
    for claim in rated_claims():
        revisions = list(claim.annotations.public().order_by("revision"))
        published = claim.annotations.published().get()
        data = claim_review(client, claim)
        assert data["claimReviewed"] == published.claim_text
        rating = data["reviewRating"]
        assert rating["alternateName"] == rating["name"] == published.verdict.label
        assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
            published.verdict.rating_value,
            5,
            1,
        )
        assert rating["ratingExplanation"] == published.rationale
        assert datetime.fromisoformat(data["datePublished"]) == revisions[0].reviewed_at.replace(microsecond=0)
        assert datetime.fromisoformat(data["dateModified"]) == published.reviewed_at.replace(microsecond=0)
        assert [cited["url"] for cited in data["citation"]] == [
            *(source.url for source in published.sources.all()),
            *(absolute_url(event.get_absolute_url()) for event in published.evidence.all()),
        ]


def test_a_corrected_verdict_was_published_with_its_first_revision_and_modified_by_the_correction(
    client, loaded_fixtures, editor, reviewer
):
    claim = Claim.objects.get(exact=FABRICATED)
    first = claim.annotations.published().get()
    correction = published_revision(claim, editor, reviewer, "inaccurate", "No such war was fought.")
    data = claim_review(client, claim)
    assert datetime.fromisoformat(data["datePublished"]) == first.reviewed_at.replace(microsecond=0)
    assert datetime.fromisoformat(data["dateModified"]) == correction.reviewed_at.replace(microsecond=0)
    assert data["reviewRating"]["alternateName"] == "Inaccurate"
    assert data["reviewRating"]["ratingExplanation"] == "No such war was fought."


def test_every_type_and_property_is_schema_org_as_vendored(client, loaded_fixtures):
    for claim in rated_claims():
        assert vocabulary_problems(claim_review(client, claim)) == [], claim


def test_the_vocabulary_check_finds_what_schema_org_does_not_allow(client, loaded_fixtures):
    data = claim_review(client, Claim.objects.get(exact=FABRICATED))
    data["itemReviewed"]["author"]["@type"] = "Person"  # allowed, and wrong for a machine: not our concern here
    data["reviewRating"]["ratingValue"] = "one"
    data["reviewRating"]["verdict"] = "Fabricated"
    data["itemReviewed"]["appearance"]["@type"] = "Place"
    data["url"] = "/claims/1/"
    assert sorted(vocabulary_problems(data)) == [
        "ClaimReview.itemReviewed.appearance.author: does not apply to Place",
        "ClaimReview.itemReviewed.appearance: a Place is not among its expected types",
        "ClaimReview.reviewRating.verdict: not a schema.org property",
        "ClaimReview.url: '/claims/1/' is not a value of its expected types",
    ]


def test_verdicts_that_rate_no_truth_have_no_claimreview(client, loaded_fixtures):
    opinions = Claim.objects.visible().filter(
        annotations__status=Annotation.Status.PUBLISHED, annotations__verdict__rating_value__isnull=True
    )
    assert opinions
    for opinion in opinions:
        response = client.get(opinion.get_absolute_url())
        assert response.status_code == 200 and json_ld(response) == []


def test_an_unreviewed_claim_has_no_claimreview(client, claim):
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200 and json_ld(response) == []


@pytest.mark.parametrize("attack", ["</script><script>alert(1)</script>", "<!--<script>", "a & b </SCRIPT>"])
def test_text_that_would_close_the_script_stays_inside_it(client, claim, editor, reviewer, attack):
    rationale = f"It was signed on 13 October 1921. {attack}"
    published_revision(claim, editor, reviewer, "inaccurate", rationale, sources=[(attack, "https://example.org/")])
    response = client.get(claim.get_absolute_url())
    assert attack not in response.content.decode()
    data = claim_review(client, claim)
    assert data["reviewRating"]["ratingExplanation"] == rationale
    assert data["citation"] == [{"@type": "CreativeWork", "name": attack, "url": "https://example.org/"}]


@override_settings(FACTLINE_PUBLISHER_NAME="The Example Fact Desk", FACTLINE_PUBLISHER_URL="https://desk.example/")
def test_the_publisher_comes_from_settings(client, loaded_fixtures):
    data = claim_review(client, Claim.objects.get(exact=FABRICATED))
    assert data["author"] == {"@type": "Organization", "name": "The Example Fact Desk", "url": "https://desk.example/"}


@override_settings(FACTLINE_SITE_URL=SITE, ALLOWED_HOSTS=["factline.example.org"])
def test_claimreview_urls_use_the_configured_origin_whatever_host_the_request_names(client, loaded_fixtures):
    claim = Claim.objects.get(exact=FABRICATED)
    client.defaults["HTTP_HOST"] = "factline.example.org:6666"
    data = claim_review(client, claim)
    assert data["url"] == SITE + claim.get_absolute_url()
    assert data["author"]["url"] == SITE + "/"
    assert data["itemReviewed"]["appearance"]["url"] == f"{SITE}{claim.answer.question.get_absolute_url()}#answer-1"
    assert all(cited["url"].startswith(SITE) for cited in data["citation"] if "/events/" in cited["url"])


def test_a_withdrawn_claim_keeps_its_page_but_loses_its_claimreview(client, loaded_fixtures, editor, reviewer):
    claim = Claim.objects.get(exact=FABRICATED)
    workflow.approve(workflow.propose_withdrawal(claim, editor, "Split in two."), reviewer)
    response = client.get(claim.get_absolute_url())
    assert response.status_code == 200 and json_ld(response) == []
