"""The note at the top of a claim page that says its published verdict was updated, and from what."""

import re

import pytest
from django.template.defaultfilters import date
from django.utils.html import strip_tags

from answers.models import Claim
from tests.conftest import published_revision

pytestmark = pytest.mark.django_db

FABRICATED = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."


def updated_note(client, claim):
    """Return the text of the claim page's "Updated" note, or None, and the page's HTML."""
    content = client.get(claim.get_absolute_url()).content.decode()
    found = re.search(r'<p class="updated-note">(.*?)</p>', content, re.S)
    return (" ".join(strip_tags(found.group(1)).split()) if found else None), content


def test_a_claim_whose_verdict_changed_says_when_and_from_what_under_its_verdict(
    client, loaded_fixtures, editor, reviewer
):
    claim = Claim.objects.get(exact=FABRICATED)
    revision = published_revision(claim, editor, reviewer, "inaccurate", "No such war was fought.")
    note, content = updated_note(client, claim)
    assert note.startswith(f"Updated on {date(revision.reviewed_at, 'j F Y')}: Fabricated → Inaccurate.")
    assert (
        content.index('id="verdict-heading"')
        < content.index('class="updated-note"')
        < content.index('class="rationale"')
    )


def test_the_updated_note_links_to_the_corrections_log_on_the_page(client, loaded_fixtures, editor, reviewer):
    claim = Claim.objects.get(exact=FABRICATED)
    published_revision(claim, editor, reviewer, "inaccurate", "No such war was fought.")
    note, content = updated_note(client, claim)
    assert 'href="#corrections-log"' in content.split('class="updated-note"')[1].split("</p>")[0]
    assert 'id="corrections-log"' in content and "History of this verdict" in content.split('id="corrections-log"')[1]


def test_the_note_names_the_labels_each_verdict_was_published_under(client, loaded_fixtures, editor, reviewer):
    from answers.models import Verdict

    claim = Claim.objects.get(exact=FABRICATED)
    published_revision(claim, editor, reviewer, "inaccurate", "No such war was fought.")
    # A later renaming of the vocabulary does not rewrite what the verdicts were published as.
    Verdict.objects.filter(slug="fabricated").update(label="Invented")
    note, _ = updated_note(client, claim)
    assert "Fabricated → Inaccurate" in note


def test_an_update_that_keeps_the_verdict_says_updated_without_an_arrow(client, loaded_fixtures, editor, reviewer):
    claim = Claim.objects.get(exact=FABRICATED)
    revision = published_revision(claim, editor, reviewer, "fabricated", "No such war was ever fought.")
    note, _ = updated_note(client, claim)
    assert note.startswith(f"Updated on {date(revision.reviewed_at, 'j F Y')}.") and "→" not in note


def test_a_claim_with_one_published_verdict_has_no_updated_note(client, loaded_fixtures):
    note, _ = updated_note(client, Claim.objects.get(exact=FABRICATED))
    assert note is None


def test_the_note_compares_the_verdict_with_the_one_it_superseded_not_the_first(
    client, loaded_fixtures, editor, reviewer
):
    claim = Claim.objects.get(exact=FABRICATED)
    published_revision(claim, editor, reviewer, "inaccurate", "No such war was fought.")
    published_revision(claim, editor, reviewer, "misleading", "Tensions, but no war.")
    note, _ = updated_note(client, claim)
    assert "Inaccurate → Misleading" in note
