"""The admin's lists and details as editors use them: the claim list, the evidence picker, history, refusals."""

import pytest
from playwright.sync_api import expect

from answers import review
from answers.models import Claim
from events.models import Event
from tests.browser.conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_editor(loaded_fixtures, django_user_model):
    """Return the demo editor of the fixtures ("Demo Editor"), able to log in."""
    user = django_user_model.objects.get(username="editor")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_an_editor_reads_the_claim_list_with_verdicts_and_review_states(
    live_server, loaded_fixtures, demo_editor, page, screenshot
):
    log_in(page, live_server, "editor")
    page.goto(live_server.url + "/admin/answers/claim/")
    expect(page.locator("#user-tools")).to_contain_text("Demo Editor")
    quote = page.locator("#result_list td.field-quote, #result_list th.field-quote").first
    assert quote.bounding_box()["width"] >= 300
    assert page.locator("#result_list").bounding_box()["width"] <= page.locator("#changelist").bounding_box()["width"]
    expect(page.locator("#result_list .field-review").first).to_have_text("published")
    screenshot(page, "admin-claim-list")
    page.get_by_role("link", name="needs a verdict").click()
    expect(page.locator("#changelist")).to_contain_text("0 claims")


def test_an_editor_picks_evidence_by_typing_part_of_its_name(
    live_server, loaded_fixtures, demo_editor, page, screenshot
):
    draft = review.start_revision(Claim.objects.filter(exact__contains="Moscow").first(), demo_editor)
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/answers/annotation/{draft.pk}/change/")
    page.locator(".field-evidence .select2-search__field").click()
    page.keyboard.type("Treaty of Moscow")
    first = page.locator(".select2-results__option").first
    expect(first).to_have_text("Treaty of Moscow (1921) (16 March 1921)")
    assert first.evaluate("option => option.scrollWidth <= option.clientWidth")  # nothing cut off
    screenshot(page, "admin-evidence-picker")
    page.keyboard.press("Control+A")
    page.keyboard.type("Ataturk")
    expect(page.locator(".select2-results__option").first).to_contain_text("Turkish War of Independence")


def test_an_editor_reads_why_each_change_was_made_on_a_history_page(
    live_server, loaded_fixtures, demo_editor, page, screenshot
):
    event = Event.objects.get(slug="treaty-of-moscow-1921")
    event.summary = event.summary.replace("It fixed", "It also fixed")
    event._history_user, event._change_reason = demo_editor, None
    event.save()
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/history/")
    history = page.locator("#change-history")
    expect(history).to_contain_text("Changed summary")
    expect(history).to_contain_text("Loaded from the fixtures")
    expect(history).not_to_contain_text("None")
    expect(history.locator("ins").first).to_contain_text("It also fixed")
    screenshot(page, "admin-history")


def test_an_editor_opening_the_review_queue_is_shown_where_their_work_is(
    live_server, loaded_fixtures, demo_editor, page, screenshot
):
    log_in(page, live_server, "editor")
    page.goto(live_server.url + "/admin/answers/annotation/queue/")
    expect(page.locator(".refusal-reason")).to_contain_text("Only reviewers approve or reject revisions")
    screenshot(page, "admin-403")
    page.get_by_role("link", name="Your revisions waiting for review").click()
    expect(page.locator("#changelist")).to_be_visible()
    page.go_back()
    page.get_by_role("link", name="Back to the editorial admin").click()
    expect(page).to_have_url(live_server.url + "/admin/")
