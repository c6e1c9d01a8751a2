import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import cache_from_url, env_bool, site_url
from tests.conftest import ROOT

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "factline.example.org",
    "DATABASE_URL": "postgres://factline@db.example.org/factline",
    "REDIS_URL": "redis://cache.example.org:6379/0",
    "FACTLINE_SITE_URL": "https://factline.example.org",
    "DJANGO_BEHIND_PROXY": "1",
    "DEFAULT_FROM_EMAIL": "Factline <factline@example.org>",
}
NO_SECRET_KEY = {key: value for key, value in PRODUCTION.items() if key != "DJANGO_SECRET_KEY"}
REFUSAL = "Factline will not start: set DJANGO_SECRET_KEY to a long random value (debug mode makes one)."


def run(*command, **environment):
    env = {"PATH": os.environ["PATH"], **environment}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=60)


def manage(*args, **environment):
    return run(sys.executable, "manage.py", *args, **environment)


def test_check_deploy_is_clean_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_debug_is_on():
    result = manage("check", "--deploy", **{**PRODUCTION, "DJANGO_DEBUG": "1"})
    assert "security.W018" in result.stderr


@pytest.mark.parametrize(
    ("changes", "warning"),
    [
        ({"FACTLINE_SITE_URL": "", "DJANGO_ALLOWED_HOSTS": ".example.org"}, "factline.W001"),
        ({"FACTLINE_SITE_URL": "", "DJANGO_ALLOWED_HOSTS": "localhost"}, "factline.W001"),
        ({"FACTLINE_SITE_URL": "http://factline.example.org"}, "factline.W002"),
        ({"REDIS_URL": "locmem://"}, "factline.W003"),
        ({"REDIS_URL": "dummy://"}, "factline.W003"),
        ({"REDIS_URL": "locmem://"}, "factline.W004"),
        ({"DEFAULT_FROM_EMAIL": ""}, "factline.W005"),
        ({"FACTLINE_TASK_BACKEND": "immediate"}, "factline.W006"),
    ],
)
def test_check_deploy_warns_about_the_site_url_and_the_throttling_cache(changes, warning):
    result = manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, **changes})
    assert result.returncode == 1
    assert warning in result.stderr


def test_check_deploy_says_nothing_of_a_page_cache_that_is_off():
    result = manage("check", "--deploy", **{**PRODUCTION, "REDIS_URL": "locmem://", "FACTLINE_PAGE_CACHE": "0"})
    assert "factline.W003" in result.stderr
    assert "factline.W004" not in result.stderr


def test_a_missing_secret_key_is_reported_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **NO_SECRET_KEY)
    assert result.returncode == 1
    assert "security.W009" in result.stderr


def test_a_missing_secret_key_stops_anything_that_signs():
    result = manage("shell", "-c", "from django.core import signing; signing.dumps(1)", **NO_SECRET_KEY)
    assert result.returncode == 1
    assert "The SECRET_KEY setting must not be empty." in result.stderr


def test_commands_that_sign_nothing_run_without_a_secret_key(tmp_path):
    environment = {**NO_SECRET_KEY, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    for command in (["makemigrations", "--check", "--dry-run"], ["check"], ["migrate", "--noinput"]):
        result = manage(*command, **environment)
        assert result.returncode == 0, (command, result.stderr)


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-c", "import config.wsgi"],
        [sys.executable, "-c", "import config.asgi"],
        [sys.executable, "-m", "gunicorn", "--check-config", "config.wsgi"],
    ],
)
def test_production_refuses_to_start_without_a_secret_key(command):
    result = run(*command, **NO_SECRET_KEY)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [REFUSAL]


def test_gunicorn_stops_at_once_without_a_secret_key():
    result = run(sys.executable, "-m", "gunicorn", "--bind", "127.0.0.1:0", "config.wsgi", **NO_SECRET_KEY)
    assert result.returncode == 4  # gunicorn's "App failed to load": the master stops instead of retrying
    assert REFUSAL in result.stderr.splitlines()


def test_production_starts_with_a_secret_key():
    result = run(sys.executable, "-c", "import config.wsgi", **PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://factline.example.org", "https://factline.example.org"),
        ("https://Factline.Example.org/", "https://factline.example.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_the_site_url_is_an_origin(value, origin):
    assert site_url(value, debug=False, allowed_hosts=[]) == origin


@pytest.mark.parametrize(
    "value", ["factline.example.org", "ftp://factline.example.org", "https://factline.example.org/claims/", "https://"]
)
def test_a_site_url_that_is_not_an_origin_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="FACTLINE_SITE_URL must be an origin"):
        site_url(value, debug=False, allowed_hosts=[])


def test_the_site_url_defaults_to_the_local_server_in_debug_mode():
    assert site_url("", debug=True, allowed_hosts=["factline.example.org"]) == "http://127.0.0.1:8000"


def test_in_production_the_site_url_defaults_to_the_first_allowed_host_over_https():
    assert site_url("", debug=False, allowed_hosts=["*", ".example.org", "factline.example.org"]) == (
        "https://factline.example.org"
    )
    assert site_url("", debug=False, allowed_hosts=["*"]) == ""


def test_a_bad_site_url_stops_every_command_with_a_clear_message():
    result = manage("check", **{**PRODUCTION, "FACTLINE_SITE_URL": "https://factline.example.org/path"})
    assert result.returncode == 1
    assert "FACTLINE_SITE_URL must be an origin such as https://factline.example.org" in result.stderr


def test_the_database_comes_from_database_url():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.DATABASES['default']['HOST'])", **PRODUCTION
    )
    assert result.stdout.strip().splitlines()[-1] == "db.example.org"


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://cache:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("rediss://cache:6380/1", "django.core.cache.backends.redis.RedisCache"),
        ("locmem://factline", "django.core.cache.backends.locmem.LocMemCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_urls_choose_a_backend(url, backend):
    assert cache_from_url(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with"):
        cache_from_url("memcached://cache:11211")


def test_booleans_are_read_strictly(monkeypatch):
    monkeypatch.setenv("FACTLINE_FLAG", "yes")
    assert env_bool("FACTLINE_FLAG") is True
    monkeypatch.setenv("FACTLINE_FLAG", "0")
    assert env_bool("FACTLINE_FLAG", default=True) is False
    monkeypatch.setenv("FACTLINE_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FACTLINE_FLAG must be"):
        env_bool("FACTLINE_FLAG")
