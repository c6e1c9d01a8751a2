"""The site's icon: linked from every page, public and admin, and found at /favicon.ico too."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

pytestmark = pytest.mark.django_db

ICON_LINKS = [
    f'<link rel="icon" href="{static("favicon.ico")}"',
    f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">',
]


def test_favicon_ico_leads_to_the_icon_among_the_static_files(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
    assert finders.find("favicon.ico") and finders.find("favicon.svg")


def test_public_pages_link_the_icon(client):
    content = client.get("/").content.decode()
    assert all(link in content for link in ICON_LINKS)


def test_admin_pages_link_the_icon(client):
    content = client.get("/admin/login/").content.decode()
    assert all(link in content for link in ICON_LINKS)
