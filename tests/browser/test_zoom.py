"""The public pages at 200 % zoom (a 1280 px window shows 640 CSS px) and at 320 px: no sideways scrolling,
nothing cut off (WCAG 1.4.10, reflow)."""

import pytest

from tests.browser.test_accessibility import PUBLIC_PAGES, resolve

pytestmark = pytest.mark.django_db(transaction=True)

# Elements that reach past the window's right edge, and elements whose content their box cuts off (text kept for
# screen readers only, and the skip link until it has focus, are out of sight on purpose).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || element.closest(".skip-link, .visually-hidden")) continue;
    const style = getComputedStyle(element);
    const clips = ["hidden", "clip"].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
    if (box.right > width + 1 || clips) {
      out.push(element.tagName.toLowerCase() + "." + element.className + " " + element.textContent.trim().slice(0, 40));
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [320, 640])
def test_public_pages_reflow_without_sideways_scrolling(live_server, loaded_fixtures, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    failures = []
    for path in [resolve(entry) for entry in PUBLIC_PAGES]:
        page.goto(live_server.url + path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            failures.append(f"{path}: {scroll_width} px wide")
        failures += [f"{path}: {element}" for element in page.evaluate(OVERFLOWING)]
    assert not failures, f"at {width} px:\n" + "\n".join(failures)
