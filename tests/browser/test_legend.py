"""The verdict legend on a question page: folded on a phone so the answers come first, open on a wide screen."""

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
