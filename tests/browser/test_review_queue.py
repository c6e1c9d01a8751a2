import pytest
from playwright.sync_api import expect

from answers import review
from answers.models import Claim
from tests.browser.conftest import log_in
from tests.conftest import draft_revision, published_revision

pytestmark = pytest.mark.django_db(transaction=True)

CLAIM = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."
FIRST = "No Turkish–Soviet war took place: Turkey stayed neutral until February 1945."
SECOND = " It then declared war on Germany and Japan, on paper."


def write_and_submit(page, live_server, claim, rationale):
    page.goto(f"{live_server.url}/admin/answers/claim/{claim.pk}/change/")
    page.locator(".object-tools button").first.click()
    page.get_by_label("Verdict").select_option(label="Inaccurate")
    page.get_by_label("Rationale").fill(rationale)
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")


def test_a_reviewer_requests_changes_and_approves_the_resubmission(
    live_server, loaded_fixtures, page, make_user, screenshot
):
    make_user("ayse", "Editors", first_name="Ayşe", last_name="Demir")
    make_user("boris", "Reviewers", first_name="Boris", last_name="Kuznetsov")
    claim = Claim.objects.get(exact=CLAIM)

    log_in(page, live_server, "ayse")
    write_and_submit(page, live_server, claim, FIRST)

    log_in(page, live_server, "boris")
    page.goto(f"{live_server.url}/admin/answers/annotation/queue/")
    row = page.locator("#review-queue tr").filter(has_text=CLAIM)
    expect(row).to_contain_text("Ayşe Demir")
    expect(row).to_contain_text("waiting")
    row.get_by_role("link", name=CLAIM).click()
    page.get_by_label("What to change (required)").fill("Say what Turkey did in 1945.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messagelist")).to_contain_text("went back to its editor as a draft")

    log_in(page, live_server, "ayse")
    desk = page.locator("#desk-returned")
    expect(desk).to_contain_text("Changes requested by Boris Kuznetsov: Say what Turkey did in 1945.")
    screenshot(page, "admin-desk")
    desk.get_by_role("link", name="Revise and resubmit").click()
    expect(page.locator(".returned-comment")).to_contain_text("Say what Turkey did in 1945.")
    page.get_by_label("Rationale").fill(FIRST + SECOND)
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")

    log_in(page, live_server, "boris")
    page.goto(f"{live_server.url}/admin/answers/annotation/queue/")
    screenshot(page, "admin-review-queue")
    page.get_by_role("link", name=CLAIM).click()
    expect(page.locator("table.since-returned tr").filter(has_text="Rationale").locator("ins")).to_have_text(SECOND)
    screenshot(page, "admin-review-page")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("is published: readers now see its verdict")

    page.goto(live_server.url + claim.get_absolute_url())
    expect(page.locator(".rationale")).to_have_text(FIRST + SECOND)


def test_an_editor_withdraws_a_submission(live_server, loaded_fixtures, page, make_user, screenshot):
    make_user("ayse", "Editors")
    claim = Claim.objects.get(exact=CLAIM)
    log_in(page, live_server, "ayse")
    write_and_submit(page, live_server, claim, FIRST)

    page.goto(f"{live_server.url}/admin/answers/claim/{claim.pk}/change/")
    expect(page.locator(".object-tools")).not_to_contain_text("Start a new revision")
    screenshot(page, "admin-claim-waiting-revision")
    page.get_by_role("button", name="Withdraw revision 2 from review").click()
    expect(page.locator(".messagelist")).to_contain_text("is back in your drafts")
    page.get_by_label("Rationale").fill(FIRST + SECOND)
    page.get_by_role("button", name="Save and continue editing").click()
    assert claim.annotations.drafts().get().rationale == FIRST + SECOND


def test_a_conflict_disables_approve(live_server, loaded_fixtures, page, make_user, screenshot):
    ayse, cem = make_user("ayse", "Editors"), make_user("cem", "Editors")
    boris = make_user("boris", "Reviewers")
    claim = Claim.objects.get(exact=CLAIM)
    stale = draft_revision(claim, cem, rationale="Started before Ayşe's revision was published.")
    published_revision(claim, ayse, boris, rationale=FIRST)
    review.submit(stale, cem)

    log_in(page, live_server, "boris")
    page.goto(f"{live_server.url}/admin/answers/annotation/{stale.pk}/review/")
    conflict = page.locator(".errornote.conflict")
    expect(conflict).to_contain_text("Approve is disabled.")
    expect(conflict).to_be_in_viewport()
    expect(page.get_by_role("button", name="Approve and publish")).to_be_disabled()
    screenshot(page, "admin-review-conflict")
