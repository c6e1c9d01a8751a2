from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.text import slugify

ROOT = Path(__file__).resolve().parent.parent
SEED_DOCUMENT = ROOT / "fixtures" / "documents" / "turkish-war-of-independence-and-turkey-russia.txt"
FIXTURES = [
    "fixtures/verdicts.json",
    "fixtures/events.json",
    "fixtures/documents.json",
    "fixtures/demo.json",
    "fixtures/pages.json",
]


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache, so failed logins counted in one test lock nobody out in another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def listings_agree_with_the_record(request):
    """After every test that used the database, check that what the public lists read agrees with the record.

    Every path that writes claims, revisions, answers or questions must keep the listings and tallies up
    to date; a path that forgets fails whichever test takes it.
    """
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)  # set up before this fixture, so torn down after its check
            break
    else:
        if request.node.get_closest_marker("django_db") is None:
            yield
            return
    yield
    from django.db import connection

    from answers.models.listings import stale_listings

    if connection.needs_rollback:  # the test ended inside a failed transaction: nothing it wrote stays
        return
    if "monkeypatch" in request.fixturenames:
        request.getfixturevalue("monkeypatch").undo()  # a test may have cut the database off

    claims, tallies = stale_listings()
    assert not claims and not tallies, f"stale listings of claims {claims[:10]}, stale tallies {tallies[:10]}"


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


def load_published(fixture):
    """Load a fixture with loaddata and publish what it holds, as load_fixtures does."""
    from django.apps import apps
    from django.utils import timezone

    from answers.models import refresh_listings
    from config.proposals.models import Publishable, State

    call_command("loaddata", ROOT / "fixtures" / fixture, verbosity=0)
    for model in apps.get_models():
        if issubclass(model, Publishable):
            model.objects.drafts().update(state=State.PUBLISHED, published_at=timezone.now())
    refresh_listings()


def import_published(paths, **options):
    """Import documents and publish their questions at once, as a reviewer would; return the report."""
    from answers.importer import import_documents
    from answers.models import Question

    report = import_documents(paths, **options)
    for question in Question.objects.drafts():
        question.publish(reason="Published for the test")
    return report


@pytest.fixture
def claim(db):
    """Return one claim of a small published document, with the verdict vocabulary loaded."""
    from answers.models import Claim

    load_published("verdicts.json")
    import_published([ROOT / "tests" / "answers" / "documents" / "kars.txt"])
    return Claim.objects.get(number=1, answer__position=1)


@pytest.fixture
def loaded_events(db):
    """Load the curated timeline, published, and return the Event queryset."""
    from events.models import Event

    load_published("events.json")
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


def approve_pending(obj, reviewer):
    """Have `reviewer` approve every proposal that waits for review on `obj`, oldest first; return them."""
    from config.proposals import workflow
    from config.proposals.models import Proposal

    return [
        workflow.approve(proposal, reviewer)
        for proposal in Proposal.objects.pending().for_object(obj).order_by("created_at", "pk")
    ]


class _FormFields(HTMLParser):
    """The fields a browser would submit from an admin page's main form (its id ends in "_form")."""

    def __init__(self):
        super().__init__()
        self.data, self.in_form, self.done, self.select, self.textarea = [], False, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and attrs.get("id", "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers submit a textarea's line breaks as CR LF, whatever the page held.
            self.data.append((name, text.removeprefix("\n").replace("\r\n", "\n").replace("\n", "\r\n")))
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def admin_form(client, url, **changes):
    """Return what a browser submits from the admin form at `url`, with `changes` made as an editor would."""
    parser = _FormFields()
    response = client.get(url)
    assert response.status_code == 200, url
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    data.update({name: value if isinstance(value, list) else [value] for name, value in changes.items()})
    return data


def at_once(*calls):
    """Run the callables in threads released together; return what each returned or raised, in order.

    Each thread closes its own database connection; use it in transactional tests.
    """
    import threading

    from django.db import connection

    barrier, outcomes = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 (the outcome is what the test looks at)
            outcomes[index] = error
        finally:
            connection.close()

    # Daemon threads: one that never returns fails its test below instead of keeping the worker from exiting.
    threads = [threading.Thread(target=run, args=(index, call), daemon=True) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    stuck = [index for index, thread in enumerate(threads) if thread.is_alive()]
    assert not stuck, f"calls {stuck} did not return within 30 s"
    return outcomes


def sources_version(annotation):
    """Return the version of a revision's sources as its admin form carries it (the `seen_rows` field)."""
    from django.db.models import Max

    from answers.models import AnnotationSource

    newest = AnnotationSource.history.filter(annotation_id=annotation.pk).aggregate(newest=Max("history_id"))
    return str(newest["newest"] or 0)


def draft_event(name="An event added in a test", year=1921, **fields):
    """Create a draft timeline event (readers do not see it) dated by the year; return it."""
    import datetime

    from events.models import Event

    fields = {
        "category": "treaty",
        "summary": "Only in this test.",
        "start_date": datetime.date(year, 1, 1),
        "start_precision": "year",
        **fields,
    }
    return Event.objects.create(name=name, slug=slugify(name), **fields)


def database_url():
    """Return the URL of the test database this process uses, for a server or command started beside it."""
    from urllib.parse import quote

    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    return f"postgres://{credentials}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
