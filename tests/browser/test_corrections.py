"""Corrections in plain sight, in Chromium: the "Updated" note, rationale lines on cards, the home counts."""

import pytest
from playwright.sync_api import expect

from answers.models import Claim
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db(transaction=True)

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_sees_an_updated_verdict_at_the_top_and_follows_it_to_the_log(
    live_server, loaded_fixtures, editor, reviewer, page, screenshot, width
):
    claim = Claim.objects.get(exact=FABRICATED)
    published_revision(claim, editor, reviewer, "inaccurate", "No war was fought between Turkey and the USSR.")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + claim.get_absolute_url())
    note = page.locator(".updated-note")
    expect(note).to_contain_text("Fabricated → Inaccurate")
    assert note.bounding_box()["y"] < page.locator(".rationale").bounding_box()["y"]
    screenshot(page, f"corrections-claim-updated-{width}")
    note.get_by_role("link").click()
    expect(page).to_have_url(live_server.url + claim.get_absolute_url() + "#corrections-log")
    expect(page.locator("#corrections-log")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [375, 1280])
def test_claim_cards_and_the_home_page_read_well_at_phone_and_desktop_widths(
    live_server, loaded_fixtures, page, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    expect(page.locator(".stats a")).to_have_count(3)
    screenshot(page, f"corrections-home-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(".verdict-counts a.count").filter(has_text="Fabricated").click()
    expect(page.locator(".claim-cards li")).to_have_count(1)
    expect(page.locator(".result-count")).to_have_text("1 claim")
    page.goto(live_server.url + "/claims/")
    expect(page.locator(".claim-cards .rationale-summary").first).to_be_visible()
    screenshot(page, f"corrections-claims-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
