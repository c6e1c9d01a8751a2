"""A proposed change sent back for changes, in Chromium: the editor reads the comment on their desk, changes the
proposal and proposes it again, and the reviewer approves it."""

import pytest
from playwright.sync_api import expect

from events.models import Event
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

COMMENT = "Give the year: there was more than one treaty signed at Kars."


def test_a_reviewer_requests_changes_and_the_editor_proposes_again_from_their_desk(
    live_server, loaded_events, page, make_user, screenshot
):
    make_user("ayse", "Editors")
    make_user("boris", "Reviewers")
    event = Event.objects.get(slug="treaty-of-kars")
    name = event.name

    log_in(page, live_server, "ayse")
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.get_by_role("textbox", name="Name:").fill("Treaty of Kars, 1921")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")

    log_in(page, live_server, "boris")
    page.get_by_role("link", name="Waiting for your review").click()
    page.locator("#review-queue a[href*='/proposals/proposal/']").first.click()
    expect(page.get_by_role("button", name="Request changes")).to_be_visible()
    screenshot(page, "admin-proposal-review-request-changes")
    page.get_by_label("What to change (required)").fill(COMMENT)
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messagelist")).to_contain_text("Sent back to the editor with your comment")

    log_in(page, live_server, "ayse")
    returned = page.locator("#desk-returned tr.desk-returned-proposal")
    expect(returned).to_contain_text(f"Changes requested by boris: {COMMENT}")
    screenshot(page, "admin-desk-returned-proposal")
    returned.get_by_role("link", name="Change and propose again").click()
    expect(page.locator(".messagelist")).to_contain_text(COMMENT)
    field = page.get_by_role("textbox", name="Name:")
    expect(field).to_have_value("Treaty of Kars, 1921")
    screenshot(page, "admin-change-form-from-returned-proposal")
    field.fill("Treaty of Kars (13 October 1921)")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")
    assert Event.objects.get(pk=event.pk).name == name

    log_in(page, live_server, "boris")
    page.get_by_role("link", name="Waiting for your review").click()
    page.locator("#review-queue a[href*='/proposals/proposal/']").first.click()
    expect(page.locator(".proposal-diff")).to_contain_text("Treaty of Kars (13 October 1921)")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")
    assert Event.objects.get(pk=event.pk).name == "Treaty of Kars (13 October 1921)"
