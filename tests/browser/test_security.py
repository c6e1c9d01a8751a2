"""The Content-Security-Policy in Chromium: the admin and the public pages work with nothing refused."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from answers.models import Claim
from events.models import Event
from tests.browser.conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True)

CLAIM = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."
# Reported by the page itself, from the event the browser fires for every refused script, style or image.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


@pytest.fixture
def refusals(page):
    """Return the list of the page's console messages about a refused resource or a bad policy header."""
    found = []
    page.context.add_init_script(REPORT_VIOLATIONS)

    def listen(message):
        text = message.text
        if "CSP violation" in text or "Content Security Policy" in text or "Permissions-Policy" in text:
            found.append(f"{page.url}: {text}")

    page.on("console", listen)
    return found


def open_select2(page, field, text):
    """Open the autocomplete of `field` (its select's id), type `text` and choose the result that has it."""
    page.locator(f"#{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").press_sequentially(text)
    page.locator(".select2-results__option", has_text=text).first.click()
    expect(page.locator(f"#{field} + .select2 .select2-selection")).to_contain_text(text)


def add_inline_row(page):
    """Press the inline's "Add another" link and check that inlines.js added a row."""
    rows = page.locator(".inline-group tr.form-row:not(.empty-form)")
    before = rows.count()
    page.locator(".inline-group .add-row a").click()
    expect(rows).to_have_count(before + 1)


def test_the_admin_works_under_the_policy(live_server, loaded_fixtures, page, make_user, refusals):
    make_user("ayse", "Editors")
    make_user("boris", "Reviewers")
    call_command("add_demo_work", verbosity=0)  # a proposal and a draft question for the reviewer
    claim = Claim.objects.get(exact=CLAIM)

    log_in(page, live_server, "ayse")
    expect(page.locator("#workflow")).to_be_visible()
    page.goto(f"{live_server.url}/admin/answers/claim/{claim.pk}/change/")
    page.get_by_role("button", name="Start a new revision").click()
    open_select2(page, "id_evidence", "Treaty of Kars")
    add_inline_row(page)
    page.get_by_label("Verdict").select_option(label="Inaccurate")
    page.get_by_label("Rationale").fill("No Turkish–Soviet war took place.")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")

    page.goto(f"{live_server.url}/admin/events/event/add/")
    page.locator("#id_name").press_sequentially("A conference made in a test")
    expect(page.locator("#id_slug")).to_have_value("a-conference-made-in-a-test")  # prepopulate.js ran
    open_select2(page, "id_participants", "Soviet")
    add_inline_row(page)
    page.goto(f"{live_server.url}/admin/events/event/?start_date__year=1921")
    page.goto(f"{live_server.url}/admin/answers/claim/{claim.pk}/history/")
    expect(page.locator("#change-history")).to_be_visible()

    log_in(page, live_server, "boris")
    page.get_by_role("link", name="Waiting for your review").click()
    page.get_by_role("link", name=CLAIM).click()
    expect(page.locator("table.revision-diff")).to_be_visible()
    page.go_back()
    proposals = [
        link.get_attribute("href") for link in page.locator("#review-queue a[href*='/proposals/proposal/']").all()
    ]
    assert len(proposals) == 2  # the demo's publication request and its proposed change to an answer
    for proposal in proposals:
        page.goto(live_server.url + proposal)
        expect(page.locator(".decision form").first).to_be_visible()
    page.goto(f"{live_server.url}/admin/answers/verdict/")
    expect(page.locator("svg.swatch").first).to_be_visible()

    assert refusals == []


def test_the_public_pages_work_under_the_policy(live_server, loaded_fixtures, page, refusals):
    claim = Claim.objects.get(exact=CLAIM)
    event = Event.objects.get(slug="treaty-of-kars")
    for path in (
        "/",
        "/questions/",
        claim.answer.question.get_absolute_url(),
        "/claims/?verdict=fabricated&ordering=-reviewed",
        "/claims/?reviewed_after=not-a-date",
        claim.get_absolute_url(),
        "/events/?start=1920&end=1925&category=treaty",
        event.get_absolute_url(),
        f"/authors/{claim.answer.author.slug}/",
        "/no-such-page/",
    ):
        page.goto(live_server.url + path)
        expect(page.locator("main")).to_be_visible()
    page.goto(live_server.url + claim.answer.question.get_absolute_url())
    colour = page.locator("a.claim .claim-tag").first.evaluate(
        "tag => getComputedStyle(tag.parentElement).borderBottomColor"
    )
    assert colour != "rgb(95, 107, 122)"  # the verdict's own colour, not the fallback grey: /verdicts.css applied
    assert refusals == []


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_lockout_page_says_when_to_try_again(live_server, page, make_user, screenshot, refusals):
    make_user("ayse", "Editors")
    page.goto(live_server.url + "/admin/login/")
    for _ in range(2):
        page.get_by_label("Username").fill("ayse")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_have_text("Logging in is paused")
    expect(page.locator(".errornote")).to_contain_text("in 15 minutes")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        screenshot(page, f"lockout-{width}")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("ayse")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_have_text("Logging in is paused")  # the right password waits too
    assert refusals == []


@pytest.mark.urls("tests.config.failing_urls")
def test_the_error_pages_in_the_browser(live_server, loaded_fixtures, page, screenshot, refusals):
    for path, name, heading in (
        ("/no-such-page/", "404", "There is no page at this address"),
        ("/fail/", "500", "Something went wrong on our side"),
    ):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_text(heading)
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 800})
            screenshot(page, f"error-{name}-{width}")
    assert refusals == []
