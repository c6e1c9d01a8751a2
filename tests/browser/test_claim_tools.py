"""The claim tools in Chromium: an editor creates, splits and merges claims by selecting words; a reviewer
approves each change in the admin, and only then do readers see it on the question page."""

import re

import pytest
from playwright.sync_api import expect

from answers.models import Answer, Claim
from config.proposals import workflow
from tests.browser.conftest import log_in
from tests.conftest import import_published

pytestmark = pytest.mark.django_db(transaction=True)

DOCUMENT = """Who signed the Treaty of Kars?

account_box
Algo Rhythmia
a year ago

The Treaty of Kars was signed in 1922. It was signed by Turkey. Three Soviet republics signed it too. Armenia was one.
"""

# Where each word of the answer's text stands on the screen: the box of its characters in the claim tools.
WORD_BOX = """([words, nth]) => {
  const text = document.querySelector(".claim-text");
  const pieces = Array.from(text.querySelectorAll("[data-start]"));
  let seen = 0;
  for (const piece of pieces) {
    const node = piece.firstChild;
    let from = node.textContent.indexOf(words);
    while (from !== -1) {
      if (seen++ === nth) {
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, from + words.length);
        // Words may wrap: their start is on the first line box, their end on the last.
        const lines = range.getClientRects();
        const first = lines[0], last = lines[lines.length - 1];
        return {
          left: first.left, top: first.top, bottom: first.bottom,
          right: last.right, endTop: last.top, endBottom: last.bottom,
        };
      }
      from = node.textContent.indexOf(words, from + 1);
    }
  }
  return null;
}"""


def word_box(page, words, nth=0):
    box = page.evaluate(WORD_BOX, [words, nth])
    assert box, f"“{words}” is not in the claim tools' text"
    return box


def drag_over(page, first_words, last_words):
    """Select with the mouse from the start of `first_words` to the end of `last_words`."""
    start, end = word_box(page, first_words), word_box(page, last_words)
    page.mouse.move(start["left"] + 1, (start["top"] + start["bottom"]) / 2)
    page.mouse.down()
    page.mouse.move(end["right"] - 1, (end["endTop"] + end["endBottom"]) / 2, steps=5)
    page.mouse.up()


def click_before(page, words, nth=0):
    box = word_box(page, words, nth)
    page.mouse.click(box["left"] + 1, (box["top"] + box["bottom"]) / 2)


def approve_everything_from(page, live_server, editor, screenshot):
    """As the logged-in reviewer, approve the editor's proposals one by one from the list of proposed changes."""
    queue = f"{live_server.url}/admin/proposals/proposal/?status__exact=pending&created_by__id__exact={editor.pk}"
    for number in range(10):
        page.goto(queue)
        links = page.locator("#result_list tbody th a")
        if links.count() == 0:
            return
        links.first.click()
        screenshot(page, f"admin-claim-tools-review-{number}")
        page.get_by_role("button", name=re.compile("^Approve")).click()
        expect(page.locator(".messagelist")).to_contain_text("Approved")
    raise AssertionError("proposals kept waiting")


def test_an_editor_creates_splits_and_merges_claims_by_selecting_words_and_a_reviewer_approves_them(
    live_server, browser, page, make_user, write_document, screenshot
):
    from django.core.management import call_command

    call_command("loaddata", "fixtures/verdicts.json", verbosity=0)
    import_published([write_document("kars.txt", DOCUMENT)])
    editor, reviewer = make_user("ayse", "Editors"), make_user("boris", "Reviewers")
    setup_editor = make_user("cem", "Editors")
    answer = Answer.objects.get()
    armenia = Claim.objects.get(answer=answer, exact="Armenia was one.")
    workflow.approve(workflow.propose_withdrawal(armenia, setup_editor, "Duplicate of another claim"), reviewer)
    question_url = live_server.url + answer.question.get_absolute_url()
    answer_url = f"{live_server.url}/admin/answers/answer/{answer.pk}/change/"

    log_in(page, live_server, "ayse")
    page.goto(answer_url)
    tools = page.locator("#claim-tools")
    expect(tools.locator(".claim-tag").first).to_contain_text("no verdict yet · published")

    drag_over(page, "Armenia", "one.")
    expect(tools.locator(".claim-selection")).to_contain_text("Selected “Armenia was one.”")
    screenshot(page, "admin-claim-tools-selection")
    tools.get_by_role("button", name="Create a claim from the selection").click()
    expect(page.locator(".messagelist")).to_contain_text("was created: “Armenia was one.”")

    click_before(page, "was signed in")
    expect(tools.locator(".claim-selection")).to_contain_text("Split claim 1 before “was signed in 1922.”")
    tools.get_by_role("button", name="Split the claim here").click()
    expect(page.locator(".messagelist")).to_contain_text("Claim 1 was split")

    drag_over(page, "signed by Turkey", "Three Soviet")
    expect(tools.locator(".claim-selection")).to_contain_text("Merge claims 2 and 3")
    tools.get_by_role("button", name="Merge the two claims").click()
    expect(page.locator(".messagelist")).to_contain_text("Claims 2 and 3 were merged into claim 2")
    expect(tools.locator("mark.claim-pending")).to_have_count(4)
    screenshot(page, "admin-claim-tools-waiting-for-review")

    page.goto(question_url)
    claims = page.locator("#answer-1 a.claim")
    expect(claims).to_have_count(3)  # readers see nothing of it yet

    log_in(page, live_server, "boris")
    approve_everything_from(page, live_server, editor, screenshot)

    page.context.clear_cookies()
    page.goto(question_url)
    expect(claims).to_have_count(4)
    expect(claims.nth(0)).to_contain_text("The Treaty of Kars")
    expect(claims.nth(1)).to_contain_text("was signed in 1922.")
    expect(claims.nth(2)).to_contain_text("It was signed by Turkey. Three Soviet republics signed it too.")
    expect(claims.nth(3)).to_contain_text("Armenia was one.")
    screenshot(page, "reading-question-after-claim-tools")


def test_an_editor_moves_a_claims_boundary_by_selecting_its_new_words(
    live_server, page, make_user, write_document, screenshot
):
    import_published([write_document("kars.txt", DOCUMENT)])
    make_user("ayse", "Editors")
    answer = Answer.objects.get()
    claim = Claim.objects.get(answer=answer, number=1)

    log_in(page, live_server, "ayse")
    page.goto(f"{live_server.url}/admin/answers/answer/{answer.pk}/change/")
    tools = page.locator("#claim-tools")
    drag_over(page, "The Treaty", "Kars")
    expect(tools.locator(".claim-selection")).to_contain_text("Claim 1 would hold “The Treaty of Kars”")
    tools.get_by_role("button", name="Give the claim the selected words").click()
    expect(page.locator(".messagelist")).to_contain_text("Claim 1 now holds “The Treaty of Kars”")
    expect(tools.locator(f'mark[data-claim="{claim.pk}"] .claim-words')).to_have_text("The Treaty of Kars")
    expect(tools.locator(f'mark[data-claim="{claim.pk}"] .claim-tag')).to_contain_text("new words waiting for review")
    assert Claim.objects.get(pk=claim.pk).exact == "The Treaty of Kars was signed in 1922."


def test_a_split_after_characters_outside_the_basic_plane_lands_where_the_editor_clicked(
    live_server, page, make_user, write_document
):
    # Chromium counts such characters (emoji, some scripts) as two in a selection; the server counts one.
    import_published([write_document("kars.txt", DOCUMENT.replace("Kars was", "Kars 🇹🇷🇦🇲🇬🇪 was"))])
    make_user("ayse", "Editors")
    answer = Answer.objects.get()
    claim = Claim.objects.get(answer=answer, number=1)

    log_in(page, live_server, "ayse")
    page.goto(f"{live_server.url}/admin/answers/answer/{answer.pk}/change/")
    tools = page.locator("#claim-tools")
    click_before(page, "signed in 1922")
    expect(tools.locator(".claim-selection")).to_contain_text("Split claim 1 before “signed in 1922.”")
    tools.get_by_role("button", name="Split the claim here").click()
    expect(page.locator(".messagelist")).to_contain_text("Claim 1 was split: claim 5 now holds “signed in 1922.”")
    assert Claim.objects.get(pk=claim.pk).exact == "The Treaty of Kars 🇹🇷🇦🇲🇬🇪 was signed in 1922."


def test_an_editor_splits_and_merges_claims_with_the_keyboard_only(live_server, page, make_user, write_document):
    import_published([write_document("kars.txt", DOCUMENT)])
    make_user("ayse", "Editors")
    answer = Answer.objects.get()

    log_in(page, live_server, "ayse")
    page.goto(f"{live_server.url}/admin/answers/answer/{answer.pk}/change/")
    tools = page.locator("#claim-tools")
    first = tools.locator("mark.claim-span").first
    while not page.evaluate("document.activeElement.matches('#claim-tools mark.claim-span')"):
        page.keyboard.press("Tab")
    expect(first).to_be_focused()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(tools.locator(".claim-selection")).to_contain_text("Split claim 1 before “was signed in 1922.”")
    page.keyboard.press("Enter")
    expect(tools.get_by_role("button", name="Split the claim here")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Claim 1 was split")

    second = tools.locator("mark.claim-span").filter(has_text="It was signed by Turkey.")
    second.focus()
    page.keyboard.press("m")
    expect(tools.locator(".claim-selection")).to_contain_text("Merge claims 2 and 3")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Claims 2 and 3 were merged into claim 2")
