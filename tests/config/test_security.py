"""Login throttling, the unlock screen, and the security headers of public and admin pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.conftest import draft_event

PASSWORD = "a-long-test-password"  # the make_user fixture's
LOGIN = "/admin/login/"


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times, username="alice", address="203.0.113.7"):
    """Try a wrong password `times` times; return the last response."""
    for _ in range(times):
        response = log_in(client, username, "wrong password", address)
    return response


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password=PASSWORD)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_username_is_locked_out_after_the_configured_failures(client, editor):
    assert fail(client, 2).status_code == 200  # the login form, with its error
    response = log_in(client, "alice", "wrong password")
    assert response.status_code == 429
    content = response.content.decode()
    assert "Logging in is paused" in content
    assert "There were 3 failed logins for this username or from this address." in content
    assert "in 15 minutes" in content and "(UTC)" in content
    assert 'id="login-form"' not in content  # no form inviting another try
    assert "Factline editorial" in content  # the admin's own page, not a bare message
    # Even the right password is refused now, from another address too: the username is locked.
    assert log_in(client, "alice", PASSWORD, address="198.51.100.2").status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_address_is_locked_out_for_every_username(client, editor, other_editor):
    for username in ("nobody", "somebody", "anybody"):
        fail(client, 1, username=username)
    assert log_in(client, "bob", PASSWORD).status_code == 429
    # The same username from elsewhere is fine: only the address is locked.
    assert log_in(client, "bob", PASSWORD, address="198.51.100.2").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_fewer_failures_than_the_limit_still_let_the_person_in(client, editor):
    fail(client, 2)
    response = log_in(client, "alice", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("admin:index")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_administrator_unlocks_a_username_and_the_person_logs_in(client, editor, superuser):
    fail(client, 3)
    assert log_in(client, "alice", PASSWORD, address="198.51.100.2").status_code == 429

    admin_client = type(client)()
    admin_client.force_login(superuser)
    url = reverse("admin:auth_user_unlock_logins")
    response = admin_client.post(url, {"username": "alice", "address": ""}, follow=True)
    assert "The username “alice” can log in again." in response.content.decode()

    response = log_in(client, "alice", PASSWORD, address="198.51.100.2")
    assert response.status_code == 302 and response.url == reverse("admin:index")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_administrator_unlocks_an_address(client, editor, superuser):
    for username in ("nobody", "somebody", "anybody"):
        fail(client, 1, username=username)
    assert log_in(client, "alice", PASSWORD).status_code == 429

    admin_client = type(client)()
    admin_client.force_login(superuser)
    response = admin_client.post(
        reverse("admin:auth_user_unlock_logins"), {"username": "", "address": "203.0.113.7"}, follow=True
    )
    assert "Logins from 203.0.113.7 are allowed again." in response.content.decode()
    assert log_in(client, "alice", PASSWORD).status_code == 302


def test_the_unlock_screen_asks_for_a_username_or_an_address(superuser_client):
    response = superuser_client.post(reverse("admin:auth_user_unlock_logins"), {"username": "", "address": ""})
    assert response.status_code == 200
    assert "Give a username, an address or both." in response.content.decode()


def test_the_unlock_screen_is_linked_from_the_admin_index_and_the_user_list(superuser_client):
    url = reverse("admin:auth_user_unlock_logins")
    assert f'href="{url}"' in superuser_client.get(reverse("admin:index")).content.decode()
    assert f'href="{url}"' in superuser_client.get(reverse("admin:auth_user_changelist")).content.decode()


def test_editors_may_not_unlock_logins(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:auth_user_unlock_logins")).status_code == 403
    assert reverse("admin:auth_user_unlock_logins") not in client.get(reverse("admin:index")).content.decode()


@override_settings(AXES_FAILURE_LIMIT=2, BEHIND_PROXY=True, CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_the_address_comes_from_the_proxys_header(client, editor):
    # The client wrote the left entry itself; the proxy appended the address it saw.
    for spoofed in ("10.0.0.1", "10.0.0.2"):
        client.post(
            LOGIN,
            {"username": "x", "password": "y"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{spoofed}, 192.0.2.5",
        )
    locked = client.post(
        LOGIN, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.5"
    )
    assert locked.status_code == 429
    other = client.post(
        LOGIN, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.6"
    )
    assert other.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2, BEHIND_PROXY=False)
def test_without_a_proxy_the_forwarded_header_is_ignored(client, editor):
    for forwarded in ("192.0.2.5", "192.0.2.6"):
        client.post(
            LOGIN, {"username": "x", "password": "y"}, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=forwarded
        )
    response = client.post(
        LOGIN, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.9"
    )
    assert response.status_code == 429


def test_a_refused_next_lands_on_the_admin_index(client, editor):
    response = client.post(
        LOGIN + "?next=https://elsewhere.example/",
        {"username": "alice", "password": PASSWORD, "next": "https://elsewhere.example/"},
    )
    assert response.status_code == 302 and response.url == reverse("admin:index")


def assert_security_headers(response):
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no inline scripts, no eval
    # Style sheets from the site only: no inline <style>, not even with a nonce, which a cached page would replay.
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    features = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in features


@pytest.mark.parametrize(
    "page", ["/", "/claims/", "/claims/?verdict=fabricated", "claim", "/events/", "event", "/nowhere/"]
)
def test_public_pages_carry_the_security_headers(client, loaded_fixtures, page):
    from answers.models import Claim
    from events.models import Event

    url = {
        "claim": lambda: Claim.objects.first().get_absolute_url(),
        "event": lambda: Event.objects.first().get_absolute_url(),
    }
    response = client.get(url[page]() if page in url else page)
    assert response.status_code == (404 if page == "/nowhere/" else 200)
    assert_security_headers(response)


def test_admin_pages_carry_the_security_headers(client, editor):
    assert_security_headers(client.get(LOGIN))
    client.force_login(editor)
    event = draft_event()
    for url in (reverse("admin:index"), reverse("admin:events_event_change", args=[event.pk])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


def test_the_policy_is_the_same_for_every_request_and_pages_have_no_inline_styles(client, loaded_fixtures):
    first, second = client.get("/"), client.get("/")
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "nonce-" not in first["Content-Security-Policy"]
    content = first.content.decode()
    assert "<style" not in content
    assert "style=" not in content  # no style attributes: the policy allows none of ours
    assert '<link rel="stylesheet" href="/verdicts.css?v=' in content


def test_a_change_list_without_actions_takes_its_rule_from_a_style_sheet(client, editor, monkeypatch):
    from django.contrib import admin

    from events.models import Event

    model_admin = admin.site._registry[Event]
    monkeypatch.setattr(model_admin, "actions_on_top", False)
    monkeypatch.setattr(model_admin, "actions_on_bottom", False)
    client.force_login(editor)
    response = client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<style" not in content
    assert "css/changelist-without-actions.css" in content
