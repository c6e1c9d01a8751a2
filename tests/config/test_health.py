"""The health check a load balancer asks each app server."""

import pytest
from django.db import OperationalError

from config import health

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_ok_and_is_never_cached(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # one SELECT 1, nothing written
        response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response


def test_the_check_is_answered_over_plain_http_behind_a_redirecting_server(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


@pytest.mark.parametrize(
    ("part", "attribute", "error"),
    [
        ("database", "cursor", OperationalError("connection refused")),
        ("cache", "set", ConnectionError("connection refused")),
    ],
)
def test_a_part_that_does_not_answer_is_a_503_naming_it(client, monkeypatch, part, attribute, error):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr({"database": health.connection, "cache": health.cache}[part], attribute, refuse)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, f"{part}: unreachable\n".encode())


def test_a_cache_that_keeps_nothing_is_a_503(client, monkeypatch):
    monkeypatch.setattr(health.cache, "get", lambda *args, **kwargs: None)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"cache: does not keep values\n")
