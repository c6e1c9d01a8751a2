"""Readers reach the explanatory pages from every page, and every verdict badge leads to its definition."""

import re

import pytest
from django.urls import reverse

from answers.models import Claim, Question, Verdict
from config.pages.models import Page
from events.models import Event

pytestmark = pytest.mark.django_db

FOOTER_LINKS = {
    "/about/": "About",
    "/about/methodology/": "Methodology",
    "/about/verdicts/": "Verdict definitions",
    "/about/corrections/": "Corrections policy",
    "/authors/": "Authors",
}
BADGE = re.compile(r'<a class="verdict verdict-colour-(\d+)" href="([^"]*)">([^<]*)</a>')


def every_page_type():
    """One page of each kind readers see, and a page that does not exist."""
    claim = Claim.objects.filter(annotations__status="published").first()
    return {
        "home": reverse("answers:home"),
        "questions": reverse("answers:question-list"),
        "question": Question.objects.first().get_absolute_url(),
        "claims": reverse("answers:claim-list"),
        "claim": claim.get_absolute_url(),
        "events": reverse("events:event-list"),
        "event": Event.objects.first().get_absolute_url(),
        "authors": reverse("answers:author-list"),
        "author": claim.answer.author.get_absolute_url(),
        "verdict definitions": reverse("answers:verdict-list"),
        **{page.slug: page.get_absolute_url() for page in Page.objects.live()},
        "not found": "/no-such-page/",
    }


def test_every_public_page_type_links_the_explanatory_pages_in_its_footer(client, loaded_fixtures):
    for kind, url in every_page_type().items():
        footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
        for href, label in FOOTER_LINKS.items():
            assert f'<a href="{href}">{label}</a>' in footer, (kind, label)


def test_every_footer_link_leads_to_a_page(client, loaded_fixtures):
    for href in FOOTER_LINKS:
        assert client.get(href).status_code == 200, href


def test_the_definitions_page_lists_every_published_verdict_under_its_text(client, loaded_fixtures):
    page = client.get(reverse("answers:verdict-list")).content.decode()
    assert "Each claim gets one verdict from this vocabulary." in page
    for verdict in Verdict.objects.live():
        section = page.split(f'id="verdict-{verdict.slug}"')[1].split("</div>")[0]
        assert verdict.label in section and verdict.description in section, verdict.slug
        rating = f"Rating {verdict.rating_value} of 5" if verdict.rating_value else "No rating"
        assert rating in section, verdict.slug


def test_every_badge_links_to_its_verdicts_definition(client, loaded_fixtures):
    verdicts = {verdict.pk: verdict for verdict in Verdict.objects.all()}
    pages = every_page_type()
    seen = set()
    for kind in ["home", "question", "claims", "claim", "author", "authors", "event"]:
        for pk, href, label in BADGE.findall(client.get(pages[kind]).content.decode()):
            verdict = verdicts[int(pk)]
            assert href == f"/about/verdicts/#verdict-{verdict.slug}", (kind, href)
            seen.add(kind)
            assert label.strip() in (verdict.label, *verdict.annotations.values_list("verdict_label", flat=True))
    assert seen >= {"home", "question", "claims", "claim", "author", "authors"}


def test_no_badge_sits_inside_another_link(client, loaded_fixtures):
    for kind, url in every_page_type().items():
        page = client.get(url).content.decode()
        for link in re.findall(r"<a\b[^>]*>.*?</a>", page, flags=re.DOTALL):
            assert link.count("<a") == 1, (kind, link[:200])
