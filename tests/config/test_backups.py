"""Backups restore: every object, history row and review record, on SQLite and on PostgreSQL."""

import hashlib
import io
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection

from answers.models import Claim, Question
from config.backups import restore
from config.proposals import workflow
from config.proposals.models import Proposal
from events.models import Event
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db(transaction=True)


def open_database(settings_dict):
    """Open a plain DB-API connection, the same way for the original and the restored database."""
    if connection.vendor == "sqlite":
        return sqlite3.connect(settings_dict["NAME"])
    import psycopg

    keys = {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password", "NAME": "dbname"}
    return psycopg.connect(**{key: settings_dict[name] for name, key in keys.items() if settings_dict.get(name)})


def fingerprint(settings_dict, tables):
    """Return {table: (row count, SHA-256 of all its rows, sorted)} of a database."""
    database = open_database(settings_dict)
    try:
        cursor = database.cursor()
        result = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            rows = sorted(map(repr, cursor.fetchall()))
            result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        return result
    finally:
        database.close()


@pytest.fixture
def reviewed_content(loaded_fixtures, editor, other_editor, reviewer):
    """The seed, with a published correction, an approved change and a pending proposal."""
    claim = Claim.objects.get(exact__contains="Turkish-Soviet War")
    published_revision(claim, other_editor, reviewer, "inaccurate", "No such war took place.")
    event = Event.objects.get(slug="treaty-of-kars")
    workflow.approve(workflow.propose_change(event, editor, {"name": "Treaty of Kars (1921)"}), reviewer)
    workflow.propose_change(Question.objects.get(), editor, {"text": "Pending."})


@pytest.fixture
def fresh_database(tmp_path):
    """Describe a new, empty database beside the test database; drop it afterwards on PostgreSQL."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        yield settings_dict
        return
    settings_dict["NAME"] = "factline_restore_check"
    with connection.cursor() as cursor:
        cursor.execute('DROP DATABASE IF EXISTS "factline_restore_check"')
        cursor.execute('CREATE DATABASE "factline_restore_check" TEMPLATE template0')
    yield settings_dict
    with connection.cursor() as cursor:
        cursor.execute('DROP DATABASE IF EXISTS "factline_restore_check"')


def test_a_backup_restores_into_a_fresh_database_whole(reviewed_content, fresh_database, tmp_path):
    tables = connection.introspection.django_table_names(include_views=False)
    history = [table for table in tables if "historical" in table]
    assert len(history) >= 13
    path = tmp_path / "factline.backup"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert f"Wrote {path}" in out.getvalue()
    restore(fresh_database, connection.vendor, str(path))
    original, restored = fingerprint(connection.settings_dict, tables), fingerprint(fresh_database, tables)
    assert restored == original
    assert original["proposals_proposal"][0] == 3 and original["answers_historicalannotation"][0] > 34
    # The restored database keeps the rules too: it refuses to rewrite history.
    database = open_database(fresh_database)
    try:
        with pytest.raises(Exception, match="History is kept"):
            database.cursor().execute("DELETE FROM answers_historicalquestion")
    finally:
        database.close()


def test_restore_replaces_the_database_with_the_backup(reviewed_content, tmp_path):
    path = tmp_path / "factline.backup"
    call_command("backup", str(path), stdout=io.StringIO())
    proposals = Proposal.objects.count()
    workflow.propose_change(Event.objects.get(slug="world-war-ii"), None, {"name": "Made after the backup"})
    assert Proposal.objects.count() == proposals + 1
    call_command("restore", str(path), "--yes", stdout=io.StringIO())
    assert Proposal.objects.count() == proposals
    assert not Proposal.objects.filter(changes__name="Made after the backup").exists()


def test_restoring_a_file_that_is_not_a_backup_says_so(db, tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no such backup file"):
        call_command("restore", str(tmp_path / "missing.backup"), "--yes")
