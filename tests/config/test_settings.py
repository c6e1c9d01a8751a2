import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import cache_from_url, env_bool
from tests.conftest import ROOT

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "factline.example.org",
    "DATABASE_URL": "postgres://factline@db.example.org/factline",
    "REDIS_URL": "redis://cache.example.org:6379/0",
}


def manage(*args, **environment):
    env = {"PATH": os.environ["PATH"], **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_debug_is_on():
    result = manage("check", "--deploy", **{**PRODUCTION, "DJANGO_DEBUG": "1"})
    assert "security.W018" in result.stderr


def test_a_missing_secret_key_is_reported_in_production():
    environment = {key: value for key, value in PRODUCTION.items() if key != "DJANGO_SECRET_KEY"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **environment)
    assert result.returncode == 1
    assert "security.W009" in result.stderr


def test_a_missing_secret_key_stops_anything_that_signs():
    environment = {key: value for key, value in PRODUCTION.items() if key != "DJANGO_SECRET_KEY"}
    result = manage("shell", "-c", "from django.core import signing; signing.dumps(1)", **environment)
    assert result.returncode == 1
    assert "The SECRET_KEY setting must not be empty." in result.stderr


def test_commands_that_sign_nothing_run_without_a_secret_key():
    environment = {key: value for key, value in PRODUCTION.items() if key != "DJANGO_SECRET_KEY"}
    result = manage("makemigrations", "--check", "--dry-run", **environment)
    assert result.returncode == 0, result.stderr


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
