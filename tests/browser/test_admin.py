import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_logs_into_the_admin_and_opens_a_claim(live_server, loaded_fixtures, page, django_user_model):
    django_user_model.objects.create_superuser("chief", password="a-long-test-password")
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Claims", exact=True).click()
    page.get_by_role(
        "link", name="This led to several conflicts, including the Turkish-Soviet War of 1941-1945."
    ).click()
    expect(page.get_by_label("Quote")).to_have_value(
        "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."
    )
