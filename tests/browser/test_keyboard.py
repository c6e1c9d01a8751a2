"""A reader with a keyboard only: the Tab key reaches every control, top to bottom, and shows where it is."""

import pytest
from playwright.sync_api import expect

from answers.models import Claim, Question

pytestmark = pytest.mark.django_db(transaction=True)

# The controls a reader can reach with Tab, in the page's order, each with where it stands on the page.
CONTROLS = """() => Array.from(document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"
  ))
  .filter((element) => !element.disabled && !element.closest("[hidden], details:not([open]) > :not(summary)"))
  .map(describe)"""

# The focused element, where it stands, and whether anything shows that it has the focus.
FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return { ...describe(element), indicated: outlined || style.boxShadow !== "none" };
}"""

DESCRIBE = """window.describe = (element) => {
  const box = element.getBoundingClientRect();
  const name = element.tagName.toLowerCase() + " " + (element.textContent || element.name || "").trim().slice(0, 40);
  return { name: name, top: Math.round(box.top + window.scrollY), left: Math.round(box.left), path: pathOf(element) };
};
window.pathOf = (element) => {
  const steps = [];
  for (; element && element !== document.body; element = element.parentElement) {
    steps.unshift(Array.from(element.parentElement.children).indexOf(element));
  }
  return steps.join(".");
};"""


def tab_through(page):
    """Press Tab until the focus leaves the page; return what had the focus at each step."""
    page.evaluate(DESCRIBE)
    reached = []
    for _ in range(500):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body || document.activeElement === null"):
            break
        focused = page.evaluate(FOCUSED)
        if reached and focused["path"] == reached[0]["path"]:
            break
        reached.append(focused)
    return reached


def assert_keyboard_reaches_everything_in_order(page):
    page.evaluate(DESCRIBE)
    controls = page.evaluate(CONTROLS)
    reached = tab_through(page)
    assert reached
    assert [step["name"] for step in reached] == [control["name"] for control in controls]
    for before, after in zip(reached, reached[1:], strict=False):
        # The same line may hold several controls; a later one never stands above an earlier one's line.
        assert after["top"] >= before["top"] - 8, f"{after['name']!r} is above {before['name']!r}"
    unmarked = [step["name"] for step in reached if not step["indicated"]]
    assert not unmarked, f"no visible focus indicator on {unmarked}"


@pytest.mark.parametrize("width", [375, 1280])
def test_the_keyboard_reaches_every_control_of_the_home_page_top_to_bottom(live_server, loaded_fixtures, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/")
    assert_keyboard_reaches_everything_in_order(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_keyboard_reaches_every_control_of_a_claim_page_top_to_bottom(live_server, loaded_fixtures, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    claim = Claim.objects.public().filter(listing__published_revision__isnull=False).order_by("pk").first()
    page.goto(live_server.url + claim.get_absolute_url())
    assert_keyboard_reaches_everything_in_order(page)


def test_the_keyboard_reaches_the_folded_legend_and_every_claim_of_a_question_page_top_to_bottom(
    live_server, loaded_fixtures, page
):
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(live_server.url + Question.objects.live().first().get_absolute_url())
    assert_keyboard_reaches_everything_in_order(page)


def test_the_first_tab_offers_to_skip_to_the_content(live_server, loaded_fixtures, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("main a").first).to_be_focused()
