"""A reader's walk through the public site, in Chromium, at phone and desktop widths."""

import pytest
from playwright.sync_api import expect

from tests.answers.test_public_pages import DOCUMENT_WITH_MARKUP
from tests.conftest import import_published

pytestmark = pytest.mark.django_db(transaction=True)

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_goes_from_home_to_question_to_claim_to_event(live_server, loaded_fixtures, page, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    screenshot(page, f"reading-home-{width}")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    page.get_by_role("link", name="How did the Turkish War of Independence impact").click()
    expect(page.locator("h1")).to_contain_text("How did the Turkish War of Independence")
    screenshot(page, f"reading-question-{width}")

    claim = page.get_by_role("link", name=f"{FABRICATED}Fabricated")
    expect(claim).to_be_visible()
    claim.click()
    expect(page.locator(".verdict-line")).to_contain_text("Fabricated")
    expect(page.locator(".context mark")).to_have_text(FABRICATED)
    screenshot(page, f"reading-claim-{width}")

    page.get_by_role("link", name="Turkey declares war on Germany and Japan").click()
    expect(page.locator(".event-date")).to_contain_text("23 February 1945")
    expect(page.locator(".claim-cards")).to_contain_text(FABRICATED)
    screenshot(page, f"reading-event-{width}")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Timeline").click()
    expect(page.get_by_role("heading", name="1920s")).to_be_visible()
    screenshot(page, f"reading-timeline-{width}")
    for name in ("home", "question", "claim", "event", "timeline"):
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name


def test_a_reader_filters_claims_by_verdict_and_author_and_pages_through(
    live_server, loaded_fixtures, page, screenshot
):
    page.goto(live_server.url + "/claims/")
    expect(page.locator(".result-count")).to_have_text("34 claims")
    page.get_by_role("link", name="Next →").click()
    expect(page.locator(".claim-cards > li")).to_have_count(9)
    expect(page.get_by_role("link", name="Next →")).to_have_count(0)
    page.get_by_role("link", name="← Previous").click()
    expect(page.locator(".claim-cards > li")).to_have_count(25)
    page.get_by_role("link", name="Last »").click()  # the last 25 claims, ending with the last one
    expect(page.locator(".claim-cards > li")).to_have_count(25)
    expect(page.get_by_role("link", name="Next →")).to_have_count(0)
    page.get_by_role("link", name="« First").click()
    expect(page.locator(".claim-cards > li")).to_have_count(25)

    page.get_by_label("Verdict").select_option(label="Mostly accurate")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".result-count")).to_have_text("15 claims")
    page.get_by_label("Author").fill("Algo Rhythmia")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".result-count")).to_have_text("1 claim")
    expect(page.get_by_label("Verdict")).to_have_value("mostly-accurate")
    screenshot(page, "reading-claims-filtered-1280")

    page.get_by_label("Reviewed on or after").fill("2027-01-01")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".result-count")).to_have_text("0 claims")
    expect(page.locator(".empty")).to_contain_text("No claims match these filters")


def test_markup_in_documents_is_shown_as_text_and_never_runs(live_server, db, page, write_document):
    import_published([write_document("markup.txt", DOCUMENT_WITH_MARKUP)])
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + "/questions/")
    page.get_by_role("link", name="<script>alert('question')</script>").click()
    expect(page.locator("h1")).to_contain_text("<img src=x onerror=alert('img')>")
    expect(page.locator(".answer-text")).to_contain_text("<script>alert('answer')</script>")
    page.get_by_role("link", name="Visit javascript:alert('link').").click()
    expect(page.locator("h1")).to_contain_text("javascript:alert('link')")
    page.goto(live_server.url + "/claims/")
    page.goto(live_server.url + page.locator(".claim-cards a").first.get_attribute("href"))
    assert dialogs == []
