from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SEED_DOCUMENT = ROOT / "fixtures" / "documents" / "turkish-war-of-independence-and-turkey-russia.txt"
FIXTURES = ["fixtures/verdicts.json", "fixtures/events.json", "fixtures/documents.json", "fixtures/demo.json"]


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


@pytest.fixture
def make_user(django_user_model):
    """Return a function that creates a staff user in the named group ("Editors" or "Reviewers")."""
    from django.contrib.auth.models import Group

    def make(username, group=None, **fields):
        user = django_user_model.objects.create_user(username, password="a-long-test-password", is_staff=True, **fields)
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def editor(make_user):
    return make_user("alice", "Editors")


@pytest.fixture
def other_editor(make_user):
    return make_user("bob", "Editors")


@pytest.fixture
def reviewer(make_user):
    return make_user("rita", "Reviewers")


@pytest.fixture
def other_reviewer(make_user):
    return make_user("ravi", "Reviewers")


@pytest.fixture
def claim(db):
    """Return one claim of a small imported document, with the verdict vocabulary loaded."""
    from answers.importer import import_documents
    from answers.models import Claim

    call_command("loaddata", ROOT / "fixtures" / "verdicts.json", verbosity=0)
    document = ROOT / "tests" / "answers" / "documents" / "kars.txt"
    import_documents([document])
    return Claim.objects.get(number=1, answer__position=1)


@pytest.fixture
def loaded_events(db):
    """Load the curated timeline and return the Event queryset."""
    from events.models import Event

    call_command("loaddata", ROOT / "fixtures" / "events.json", verbosity=0)
    return Event.objects.all()


def draft_revision(claim, editor, verdict="inaccurate", rationale="It was signed on 13 October 1921.", **extra):
    """Start the editor's revision of `claim` and write a verdict (a slug) and rationale into it.

    `evidence` (event slugs) replaces the evidence copied from the published revision; `sources`
    ((title, url) pairs) are added to the copied ones.
    """
    from answers import review
    from answers.models import AnnotationSource, Verdict
    from events.models import Event

    draft = review.start_revision(claim, editor)
    draft.verdict, draft.rationale = Verdict.objects.get(slug=verdict), rationale
    draft.save()
    if "evidence" in extra:
        draft.evidence.set(Event.objects.filter(slug__in=extra["evidence"]))
    for title, url in extra.get("sources", ()):
        AnnotationSource.objects.create(annotation=draft, title=title, url=url)
    return draft


def submitted_revision(claim, editor, *content, **extra):
    """Write a revision of `claim` (see draft_revision) and submit it for review."""
    from answers import review

    return review.submit(draft_revision(claim, editor, *content, **extra), editor)


def published_revision(claim, editor, reviewer, *content, **extra):
    """Write a revision of `claim` (see draft_revision), submit it and have `reviewer` approve it."""
    from answers import review

    return review.approve(submitted_revision(claim, editor, *content, **extra), reviewer)
