from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SEED_DOCUMENT = ROOT / "fixtures" / "documents" / "turkish-war-of-independence-and-turkey-russia.txt"
FIXTURES = ["fixtures/verdicts.json", "fixtures/events.json", "fixtures/documents.json"]


@pytest.fixture
def seed_document():
    return SEED_DOCUMENT


@pytest.fixture
def loaded_fixtures(db):
    call_command("load_fixtures", verbosity=0)


@pytest.fixture
def write_document(tmp_path):
    """Return a function that writes a document (text or bytes) under tmp_path and returns its path."""

    def write(name, content):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
