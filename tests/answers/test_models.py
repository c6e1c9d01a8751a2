import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from answers.models import Claim
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db


def test_a_claim_loaded_without_its_published_revision_says_so_instead_of_querying(claim):
    loaded = Claim.objects.get(pk=claim.pk)
    with CaptureQueriesContext(connection) as queries, pytest.raises(RuntimeError, match="with_published_revision"):
        _ = loaded.published_revision
    assert len(queries) == 0


def test_with_published_revision_fetches_the_published_revision_and_its_verdict(claim, editor, other_editor, reviewer):
    first = published_revision(claim, editor, reviewer)
    second = published_revision(claim, other_editor, reviewer, verdict="mostly-accurate", rationale="Ratified 1922.")
    loaded = Claim.objects.with_published_revision().get(pk=claim.pk)
    with CaptureQueriesContext(connection) as queries:
        assert loaded.published_revision == second != first
        assert loaded.verdict.slug == "mostly-accurate"
    assert len(queries) == 0


def test_a_claim_without_a_published_revision_has_none(claim):
    loaded = Claim.objects.with_published_revision().get(pk=claim.pk)
    assert loaded.published_revision is None and loaded.verdict is None
