"""The designed 404, 403, CSRF-failure and 500 pages."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views import defaults


def test_an_unknown_address_gets_the_designed_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "There is no page at this address" in content
    assert 'class="site-header"' in content and "css/site.css" in content
    assert f'href="{reverse("answers:claim-list")}"' in content


def test_an_editor_opening_an_admin_page_they_may_not_see_gets_the_designed_403(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "This page is not open to you" in content
    assert f'href="{reverse("admin:index")}"' in content  # back to their work


def test_a_form_without_its_csrf_token_gets_the_designed_page(db):
    response = Client(enforce_csrf_checks=True).post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()


def test_the_500_page_renders_without_the_database_or_a_request_context():
    # No `db` fixture: pytest-django refuses every query, so a template that needed one would fail here.
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert "Something went wrong on our side" in content
    assert "css/site.css" in content and "<style" not in content


@pytest.mark.urls("tests.config.failing_urls")
def test_an_error_in_a_view_is_answered_with_the_designed_500(db):
    response = Client(raise_request_exception=False).get("/fail/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]
