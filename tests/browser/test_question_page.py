"""The question page: a verdict legend folded on a phone so the answers come first, and answers' lists as lists."""

import pytest
from playwright.sync_api import expect

from answers.models import Question

pytestmark = pytest.mark.django_db(transaction=True)


def question_url(live_server):
    return live_server.url + Question.objects.live().first().get_absolute_url()


def test_on_a_phone_the_first_answer_begins_on_the_first_screen(live_server, loaded_fixtures, page, screenshot):
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(question_url(live_server))
    screenshot(page, "legend-folded-375")
    assert page.locator("article.answer").first.bounding_box()["y"] < 667


def test_on_a_phone_the_folded_legend_opens_from_its_summary(live_server, loaded_fixtures, page):
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(question_url(live_server))
    inaccurate = page.locator(".legend li").filter(has_text="Inaccurate")
    expect(inaccurate).to_be_hidden()
    page.get_by_role("heading", name="Verdicts").click()
    expect(inaccurate).to_be_visible()


def test_on_a_wide_screen_the_legend_is_open(live_server, loaded_fixtures, page):
    page.goto(question_url(live_server))
    expect(page.locator(".legend li").filter(has_text="Inaccurate")).to_be_visible()


def test_without_javascript_the_legend_is_open_at_any_width(live_server, loaded_fixtures, browser):
    context = browser.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=False)
    page = context.new_page()
    page.goto(question_url(live_server))
    expect(page.locator(".legend li").filter(has_text="Inaccurate")).to_be_visible()
    context.close()


def test_an_answers_bullet_lines_read_as_a_list_whose_claims_lead_to_their_pages(
    live_server, db, page, screenshot, write_document
):
    from tests.answers.test_public_pages import DOCUMENT_WITH_LISTS
    from tests.conftest import import_published

    import_published([write_document("lists.txt", DOCUMENT_WITH_LISTS)])
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(live_server.url + Question.objects.get(document="lists.txt").get_absolute_url())
    screenshot(page, "answer-lists-375")
    expect(page.locator(".answer-text ul > li")).to_have_count(2)
    expect(page.locator(".answer-text ol > li")).to_have_count(2)
    page.locator(".answer-text ul > li").first.get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("Ankara became the capital.")
