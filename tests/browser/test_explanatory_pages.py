"""The explanatory pages and the author index in Chromium, at phone and desktop widths; an editor's change in review."""

import pytest
from playwright.sync_api import expect

from config.pages.models import Page
from config.proposals.models import Proposal
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_reader_finds_the_explanatory_pages_and_the_authors(live_server, loaded_fixtures, page, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    screenshot(page, f"pages-home-{width}")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="About").click()
    expect(page.locator("h1")).to_have_text("About Factline")
    screenshot(page, f"pages-about-{width}")
    footer = page.get_by_role("navigation", name="About Factline")
    for name, heading, shot in [
        ("Methodology", "Methodology", "methodology"),
        ("Corrections policy", "Corrections policy", "corrections"),
        ("Verdict definitions", "Verdict definitions", "verdicts"),
    ]:
        footer.get_by_role("link", name=name).click()
        expect(page.locator("h1")).to_have_text(heading)
        screenshot(page, f"pages-{shot}-{width}")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Authors").click()
    expect(page.get_by_role("link", name="Mira Talkstone")).to_be_visible()
    screenshot(page, f"pages-authors-{width}")
    for name in ("about", "methodology", "corrections", "verdicts", "authors"):
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name


def test_a_badge_leads_to_its_definition(live_server, loaded_fixtures, page):
    page.goto(live_server.url + "/claims/")
    page.locator("a.verdict", has_text="Fabricated").first.click()
    expect(page).to_have_url(live_server.url + "/about/verdicts/#verdict-fabricated")
    expect(page.locator("#verdict-fabricated")).to_be_in_viewport()


def test_an_editors_change_waits_for_review_while_readers_see_the_approved_text(
    live_server, loaded_fixtures, page, screenshot, editor, reviewer
):
    methodology = Page.objects.get(slug="methodology")
    log_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/admin/pages/page/{methodology.pk}/change/")
    expect(page.get_by_text("your change is kept as a proposal")).to_be_visible()
    screenshot(page, "pages-admin-change-form")
    page.get_by_label("Text").fill("## Reviewed steps\n\nA methodology nobody has reviewed.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")
    proposal = Proposal.objects.pending().get()
    page.context.clear_cookies()
    page.goto(live_server.url + "/about/methodology/")
    expect(page.locator("main")).not_to_contain_text("nobody has reviewed")

    log_in(page, live_server, reviewer.username)
    page.goto(f"{live_server.url}/admin/proposals/proposal/{proposal.pk}/change/")
    expect(page.locator(".page-preview h2")).to_have_text("Reviewed steps")
    screenshot(page, "pages-admin-proposal-review")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")
    page.context.clear_cookies()
    page.goto(live_server.url + "/about/methodology/")
    expect(page.locator("main h2")).to_have_text("Reviewed steps")
