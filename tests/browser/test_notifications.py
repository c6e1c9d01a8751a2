import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from answers.models import Claim
from config.notifications.models import Delivery, NotificationSettings
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

CLAIM = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


def test_a_reviewer_is_emailed_about_a_submission_follows_its_link_and_chooses_a_daily_digest(
    live_server, loaded_fixtures, page, make_user, screenshot
):
    make_user("ayse", "Editors", email="ayse@example.com")
    boris = make_user("boris", "Reviewers", email="boris@example.com", first_name="Boris")
    claim = Claim.objects.get(exact=CLAIM)

    log_in(page, live_server, "ayse")
    page.goto(f"{live_server.url}/admin/answers/claim/{claim.pk}/change/")
    page.get_by_role("button", name=re.compile("Start a new revision|Write the first assessment")).click()
    page.get_by_label("Verdict").select_option(label="Inaccurate")
    page.get_by_label("Rationale").fill("Turkey stayed neutral until February 1945.")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("was submitted for review")

    [email] = mail.outbox
    assert email.to == ["boris@example.com"]
    assert email.body.startswith("Hello Boris,")
    link = re.search(r"https?://\S+/review/", email.body).group()

    log_in(page, live_server, "boris")
    page.goto(live_server.url + urlsplit(link).path)
    expect(page.locator("mark")).to_have_text(CLAIM)
    page.get_by_role("link", name="Email notifications").click()
    page.get_by_label("in one daily digest").check()
    screenshot(page, "admin-notification-settings")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messagelist")).to_contain_text("one email a day")
    assert NotificationSettings.delivery_for(boris) == Delivery.DAILY
