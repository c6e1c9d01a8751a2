"""The local settings `make run` keeps: one secret key and the same demo passwords from run to run."""

import io
import stat
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from answers.management.commands.serve_demo import Command as ServeDemo
from config import localenv

PASSWORDS = [localenv.password_variable(name) for name in localenv.DEMO_ACCOUNTS]


@pytest.fixture
def run_env(tmp_path):
    return tmp_path / ".local" / "run.env"


def test_the_first_run_writes_a_secret_key_and_the_demo_passwords_for_its_owner_only(run_env):
    values = localenv.ensure(run_env)
    assert set(values) == {localenv.SECRET_KEY, *PASSWORDS}
    assert all(len(value) >= 16 for value in values.values())
    assert stat.S_IMODE(run_env.stat().st_mode) == 0o600


def test_a_second_run_keeps_the_secret_key_and_the_passwords(run_env):
    first = localenv.ensure(run_env)
    assert localenv.ensure(run_env) == first
    assert localenv.read(run_env) == first


def test_resetting_the_passwords_changes_every_password_and_keeps_the_secret_key(run_env):
    first = localenv.ensure(run_env)
    reset = localenv.reset_passwords(run_env)
    assert reset[localenv.SECRET_KEY] == first[localenv.SECRET_KEY]
    assert all(reset[name] != first[name] for name in PASSWORDS)
    assert localenv.ensure(run_env) == reset


@pytest.mark.django_db
def test_demo_accounts_take_the_kept_passwords_and_are_named_for_their_roles(run_env, monkeypatch, settings):
    settings.DEBUG = True
    for name, value in localenv.ensure(run_env).items():
        monkeypatch.setenv(name, value)
    call_command("create_demo_accounts", verbosity=0)
    call_command("create_demo_accounts", verbosity=0)
    kept = localenv.read(run_env)
    users = get_user_model().objects.order_by("username")
    assert all(user.check_password(kept[localenv.password_variable(user.username)]) for user in users)
    assert [str(user) for user in users] == ["Demo Admin", "Demo Editor", "Demo Reviewer"]


def test_the_server_banner_ends_with_the_address_the_accounts_and_where_the_passwords_are(monkeypatch):
    monkeypatch.setenv(localenv.password_variable("editor"), "editor-password")
    out = io.StringIO()
    command = ServeDemo(stdout=out)
    command.addr, command._raw_ipv6, command.protocol, command.passwords_file = "127.0.0.1", False, "http", "x.env"
    command.on_bind(8000)
    tail = out.getvalue().splitlines()[-6:]
    assert "http://127.0.0.1:8000/admin/" in tail[0]
    assert tail[2].split() == ["editor", "editor-password", "Demo", "Editor"]
    assert tail[-1].startswith("The passwords are kept in x.env")


def test_make_run_reads_the_kept_settings_into_every_command_and_make_reset_renews_the_passwords():
    root = Path(__file__).resolve().parents[2]
    planned = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "reset-demo-passwords"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    manage = [line for line in planned if "manage.py" in line]
    assert manage and all(line.startswith("set -a && . ./.local/run.env && set +a &&") for line in manage)
    assert any("config.localenv ensure .local/run.env" in line for line in planned)
    assert any("config.localenv reset-passwords .local/run.env" in line for line in planned)
    assert any("manage.py serve_demo" in line and "--passwords-file .local/run.env" in line for line in manage)
