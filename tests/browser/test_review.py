import pytest
from playwright.sync_api import expect

from answers.models import Claim
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

CLAIM = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


def test_an_editor_writes_a_revision_and_a_reviewer_approves_it(
    live_server, loaded_fixtures, page, make_user, screenshot
):
    make_user("ayse", "Editors")
    make_user("boris", "Reviewers")
    claim = Claim.objects.get(exact=CLAIM)
    before = claim.annotations.published().first()

    log_in(page, live_server, "ayse")
    page.goto(f"{live_server.url}/admin/answers/claim/{claim.pk}/change/")
    page.get_by_role("button", name="Start a new revision" if before else "Write the first assessment").click()
    page.get_by_label("Verdict").select_option(label="Inaccurate")
    page.get_by_label("Rationale").fill(
        "No Turkish–Soviet war took place: Turkey stayed neutral until February 1945 and then fought only Germany "
        "and Japan, on paper."
    )
    screenshot(page, "admin-revision-draft")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")

    log_in(page, live_server, "boris")
    page.get_by_role("link", name="Waiting for your review").click()
    page.get_by_role("link", name=CLAIM).click()
    expect(page.locator("table.revision-diff tr.changed").filter(has_text="Verdict")).to_have_count(1)
    expect(page.locator("mark")).to_have_text(CLAIM)
    screenshot(page, "admin-review-diff")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("is published: readers now see its verdict")

    published = claim.annotations.published().get()
    assert published.verdict.slug == "inaccurate"
    assert published.reviewed_by.username == "boris"
    assert published != before
    if before is not None:
        before.refresh_from_db()
        assert before.status == "superseded"
