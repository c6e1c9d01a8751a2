"""axe-core, a checker nobody here wrote, on every public page and the main admin pages at phone and desktop widths.

Any violation axe rates serious or critical fails the test, naming the rule, its impact and the offending elements.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils.text import slugify
from playwright.sync_api import expect

from answers.models import Annotation, Answer, Author, Claim, Question
from answers.models.listings import refresh_listings
from events.models import Event
from tests.browser.conftest import log_in
from tests.conftest import submitted_revision

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]
FAILING_IMPACTS = {"serious", "critical"}


def published_claim():
    return Claim.objects.public().filter(listing__published_revision__isnull=False).order_by("pk").first()


def orphaned_claim():
    claim = Claim.objects.public().order_by("-pk").first()
    claim.orphan()
    claim.save()
    refresh_listings([claim])
    return claim


# Every public page axe checks. A string is a path; a function is called once the fixtures are loaded and returns
# one. Extend this list as pages are added.
PUBLIC_PAGES = [
    "/",
    "/questions/",
    lambda: Question.objects.live().first().get_absolute_url(),
    "/claims/",
    "/claims/?verdict=no-such-verdict&reviewed_after=not-a-date",  # the filter form showing its errors
    lambda: published_claim().get_absolute_url(),
    lambda: orphaned_claim().get_absolute_url(),
    "/events/",
    "/events/?start=not-a-year",
    lambda: Event.objects.live().order_by("start_date").first().get_absolute_url(),
    lambda: Author.objects.order_by("pk").first().get_absolute_url(),
    "/authors/",
    "/about/",
    "/about/methodology/",
    "/about/verdicts/",
    "/about/corrections/",
    "/no-such-page/",  # the 404 page
]


def admin_pages(editor, reviewer):
    """Return [(user, path)]: the admin pages axe checks, each with the user who sees it in full."""
    claim = published_claim()
    revision = submitted_revision(claim, editor, "inaccurate", "It was signed on 13 October 1921.")
    answer = Answer.objects.order_by("pk").first()
    return [
        (editor, "/admin/"),  # the index with the editor's desk
        (editor, "/admin/answers/claim/"),
        (editor, f"/admin/answers/claim/{claim.pk}/change/"),
        (editor, f"/admin/answers/answer/{answer.pk}/change/"),  # with the claim tools
        (reviewer, "/admin/"),
        (reviewer, "/admin/answers/annotation/queue/"),
        (reviewer, f"/admin/answers/annotation/{revision.pk}/review/"),
    ]


# Django admin markup that axe flags although nothing is wrong for a reader, each with why. Empty: every
# violation axe found in the admin was real and fixed in our templates and CSS.
ADMIN_EXCLUDED_SELECTORS = []


def serious_violations(page, exclude=()):
    """Run axe-core on `page` and return its serious and critical violations, one line each."""
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    results = Axe().run(page, context=context)
    return [
        f"{page.url} at {page.viewport_size['width']} px: {violation['id']} ({violation['impact']}) "
        f"{violation['help']}: {', '.join(' '.join(node['target']) for node in violation['nodes'][:8])}"
        for violation in results.response["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


def resolve(entry):
    return entry() if callable(entry) else entry


def screenshot_name(path, width):
    words = slugify(re.sub(r"[/?&=]", " ", path)) or "home"
    return f"public-{words}-{width}"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_public_page_passes_axe(live_server, loaded_fixtures, page, screenshot, width):
    page.set_viewport_size({"width": width, "height": 900})
    paths = [resolve(entry) for entry in PUBLIC_PAGES]
    failures = []
    for path in paths:
        page.goto(live_server.url + path)
        screenshot(page, screenshot_name(path, width))
        failures += serious_violations(page)
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_main_admin_pages_pass_axe(live_server, loaded_fixtures, page, make_user, screenshot, width):
    editor, reviewer = make_user("ayse", "Editors"), make_user("boris", "Reviewers")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    failures = serious_violations(page, ADMIN_EXCLUDED_SELECTORS)
    signed_in = None
    for user, path in admin_pages(editor, reviewer):
        if user != signed_in:
            log_in(page, live_server, user.username)
            expect(page.locator("#user-tools")).to_be_visible()
            signed_in = user
        page.goto(live_server.url + path)
        screenshot(page, f"a11y-{user.username}-{slugify(path.replace('/', ' '))}-{width}")
        failures += serious_violations(page, ADMIN_EXCLUDED_SELECTORS)
    assert Annotation.objects.submitted().exists()
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)
