import io
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from answers.models import Claim, Question
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_documents", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_documents_reports_what_it_did(seed_document):
    out, err = run(seed_document, "--captured-on", "2026-11-24")
    assert "new question “How did the Turkish War of Independence" in out
    assert "answer 2 by Mira Talkstone: new, 23 claims" in out
    assert err == ""
    assert Claim.objects.count() == 34


def test_a_bad_document_exits_with_status_1_and_its_location(write_document, seed_document):
    bad = write_document("bad.txt", "Question?\n\naccount_box\nAlgo Rhythmia\n")
    with pytest.raises(SystemExit) as exited:
        run(seed_document, bad)
    assert exited.value.code == 1
    assert not Question.objects.exists()


def test_a_bad_document_prints_path_line_reason_without_a_traceback(write_document, tmp_path):
    bad = write_document("bad.txt", b"Question?\n\xff\xfe\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_documents", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == f"{bad}:2: not UTF-8 text (byte 0xff cannot be decoded)\n"


def test_dry_run_says_nothing_was_written(seed_document):
    out, _ = run(seed_document, "--dry-run")
    assert "Dry run: nothing was written." in out
    assert not Question.objects.exists()


def test_a_malformed_capture_date_is_refused(seed_document):
    with pytest.raises(CommandError, match="expected a date as YYYY-MM-DD, not '24/11/2026'"):
        run(seed_document, "--captured-on", "24/11/2026")


def test_history_is_attributed_to_the_named_user(seed_document):
    user = get_user_model().objects.create_user("editor")
    run(seed_document, "--user", "editor")
    assert Question.history.get().history_user == user


def test_an_unknown_user_is_refused(seed_document):
    with pytest.raises(CommandError, match="there is no user called 'nobody'"):
        run(seed_document, "--user", "nobody")
    assert not Question.objects.exists()


def test_demo_accounts_get_fresh_printed_passwords(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_demo_accounts", stdout=out)
    User = get_user_model()
    passwords = {line.split()[0]: line.split()[1] for line in out.getvalue().splitlines()[1:]}
    assert set(passwords) == {"editor", "reviewer", "admin"}
    for username, password in passwords.items():
        assert User.objects.get(username=username).check_password(password)
    assert User.objects.get(username="editor").groups.filter(name="Editors").exists()
    assert User.objects.get(username="reviewer").groups.filter(name="Reviewers").exists()
    assert User.objects.get(username="admin").is_superuser
    call_command("create_demo_accounts", stdout=io.StringIO())
    assert not User.objects.get(username="editor").check_password(passwords["editor"])
    assert User.objects.count() == 3


def test_demo_accounts_are_refused_when_debug_is_off():
    with pytest.raises(CommandError, match="Demo accounts are for local development"):
        call_command("create_demo_accounts")
    assert not get_user_model().objects.exists()


def test_import_documents_says_what_it_created_by_kind(seed_document):
    out, _ = run(seed_document, "--captured-on", "2026-11-24")
    assert out.splitlines()[-1] == (
        "Created 1 question, 2 authors, 2 answers, 34 claims; asked a reviewer to publish 1 question (from 1 document)."
    )


def test_a_reimport_that_changes_nothing_says_so(seed_document):
    run(seed_document)
    out, _ = run(seed_document)
    assert out.splitlines()[-1] == "Nothing to change: 1 document read, all as stored already."


def test_every_bad_document_is_reported_not_only_the_first(write_document, seed_document):
    first = write_document("first.txt", "Question?\n\naccount_box\nAlgo Rhythmia\n")
    second = write_document("second.txt", "")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_documents", str(seed_document), str(first), str(second), stdout=out, stderr=err)
    assert err.getvalue().splitlines() == [
        f"{first}:3: 'account_box' is not followed by the posted label (e.g. 'a year ago')",
        f"{second}:1: the document is empty",
    ]
    assert not Question.objects.exists()
