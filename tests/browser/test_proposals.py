"""An answer's text changed through review, in Chromium: readers see the change only after a second person."""

import pytest
from playwright.sync_api import expect

from answers.models import Answer, Claim
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

OLD = "was a major turning point in the history of Turkey."
NEW = "was the major turning point in the history of modern Turkey."
ADDED = "It began in May 1919."


def test_an_answers_new_text_reaches_readers_only_once_a_reviewer_approves_it(
    live_server, loaded_fixtures, browser, page, make_user, screenshot
):
    make_user("ayse", "Editors")
    make_user("boris", "Reviewers")
    answer = Answer.objects.get(position=2)
    reworded = Claim.objects.with_published_revision().get(answer=answer, exact__contains=OLD)
    moved = Claim.objects.with_published_revision().get(answer=answer, exact__startswith="Before the war, Russia")
    question_url = live_server.url + answer.question.get_absolute_url()
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()

    log_in(page, live_server, "ayse")
    page.goto(f"{live_server.url}/admin/answers/answer/{answer.pk}/change/")
    text = page.get_by_role("textbox", name="Text:")
    text.fill(ADDED + " " + text.input_value().replace(OLD, NEW))
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")

    reader.goto(question_url)
    expect(reader.locator("#answer-2 .answer-text")).to_contain_text(OLD)
    expect(reader.locator("#answer-2 .answer-text")).not_to_contain_text(ADDED)

    log_in(page, live_server, "boris")
    page.get_by_role("link", name="Waiting for your review").click()
    page.locator("#review-queue a[href*='/proposals/proposal/']").first.click()
    expect(page.locator("td.word-diff ins").first).to_be_visible()
    expect(page.locator("td.word-diff del").first).to_be_visible()
    expect(page.locator(".text-impact")).to_contain_text("words would change")
    expect(page.locator(".text-impact")).to_contain_text("would move, with the same words")
    screenshot(page, "admin-proposal-review")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Approved")

    reader.goto(question_url)
    answer_text = reader.locator("#answer-2 .answer-text")
    expect(answer_text).to_contain_text(ADDED)
    expect(answer_text).to_contain_text(NEW)
    moved_link = reader.locator(f'a.claim[href="{moved.get_absolute_url()}"]')
    expect(moved_link.locator(".claim-tag")).to_have_text(moved.verdict.label)
    reworded_link = reader.locator(f'a.claim[href="{reworded.get_absolute_url()}"]')
    expect(reworded_link.locator(".claim-tag")).to_have_text("wording changed since review")
    screenshot(reader, "reading-question-after-reviewed-change")
    reader.goto(live_server.url + reworded.get_absolute_url())
    expect(reader.locator(".wording-changed")).to_contain_text("Wording changed since review.")
    expect(reader.locator(".verdict-line")).to_contain_text(reworded.verdict.label)
    reader.context.close()
