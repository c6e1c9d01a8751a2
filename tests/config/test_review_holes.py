"""Ways around review found by a hostile read of the reviewed-content workflow; each stays closed."""

import re

import pytest
from django.urls import reverse

from answers.importer import import_documents
from answers.models import Annotation, Answer, Author, Claim, Question
from config.proposals import workflow
from config.proposals.models import Proposal
from events.models import Event
from tests.conftest import admin_form, draft_event
from tests.structured_data import claim_review

pytestmark = pytest.mark.django_db

TWO_ANSWERS = """Who signed the Treaty of Kars?

account_box
Algo Rhythmia
a year ago

The Treaty of Kars was signed on 13 October 1921 by Ankara and three Soviet republics.

account_box
Mira Talkstone
a year ago

It was signed in Kars. It settled the border.
"""


def admin_url(obj, view="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def test_nobody_rewrites_a_proposal_through_its_history_page(client, loaded_fixtures, editor, reviewer):
    answer = Answer.objects.get(position=1)
    proposal = workflow.propose_change(answer, editor, {"posted_label": "a harmless label"})
    url = reverse("admin:proposals_proposal_simple_history", args=[proposal.pk, proposal.history.first().history_id])
    client.force_login(reviewer)  # Reviewers hold only view permissions on content and proposals
    client.post(
        url,
        {
            "content_type": proposal.content_type_id,
            "object_id": answer.pk,
            "target_label": "x",
            "kind": "change",
            "changes": '{"body": "ONE PERSON WROTE AND APPROVED THIS."}',
            "before": "{}",
            "base_version": proposal.base_version,
            "status": "pending",
            "created_by": editor.pk,
            "created_at_0": "2026-01-01",
            "created_at_1": "10:00",
        },
    )
    workflow.approve(Proposal.objects.get(pk=proposal.pk), reviewer)
    assert "ONE PERSON" not in client.get(answer.question.get_absolute_url()).content.decode()


@pytest.mark.parametrize("path", ["abc/history/", "1.5/history/", "{pk}/history/abc/"])
def test_proposal_history_pages_with_odd_ids_are_not_found(client, loaded_fixtures, editor, path):
    proposal = workflow.propose_change(Answer.objects.get(position=1), editor, {"posted_label": "x"})
    client.raise_request_exception = False
    client.force_login(editor)
    assert client.get("/admin/proposals/proposal/" + path.format(pk=proposal.pk)).status_code == 404


def test_nobody_publishes_a_question_with_an_answer_they_changed(
    client, loaded_fixtures, editor, make_user, write_document
):
    chief = make_user("chief", is_superuser=True)
    import_documents([write_document("kars-two.txt", TWO_ANSWERS)], user=editor)
    first, second = Question.objects.get(document="kars-two.txt").answers.order_by("position")
    client.force_login(chief)
    client.post(admin_url(first), admin_form(client, admin_url(first), body=first.body + " CHIEF-ONLY words."))
    client.force_login(editor)
    client.post(admin_url(second), admin_form(client, admin_url(second), body=second.body + " It was ratified."))
    request = Proposal.objects.pending().get(kind="publish", created_by=editor)
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(request, chief)
    assert refused.value.code == "own-proposal"
    assert "CHIEF-ONLY" not in client.get(first.question.get_absolute_url()).content.decode()


def test_a_draft_author_renamed_after_review_does_not_go_public(client, loaded_fixtures, editor, reviewer):
    answer = Answer.objects.get(position=1)
    newbie = Author.objects.create(name="Careful Name", slug="careful-name")
    proposal = workflow.propose_change(answer, editor, {"author": newbie.pk})
    client.force_login(reviewer)
    assert "Careful Name" in client.get(admin_url(proposal)).content.decode()  # what the reviewer saw
    client.force_login(editor)
    url = admin_url(newbie)
    client.post(url, admin_form(client, url, name="UNREVIEWED AUTHOR NAME", slug="unreviewed"))  # a draft
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.approve(Proposal.objects.get(pk=proposal.pk), reviewer)
    assert refused.value.code == "conflict" and "a draft this change would publish" in refused.value.message
    assert "UNREVIEWED AUTHOR NAME" not in client.get(answer.question.get_absolute_url()).content.decode()


def test_published_content_cannot_point_at_a_draft_question(client, loaded_fixtures, editor, reviewer, write_document):
    import_documents([write_document("kars-two.txt", TWO_ANSWERS)], user=editor)
    draft = Question.objects.get(document="kars-two.txt")
    answer = Answer.objects.live().get(position=1)
    with pytest.raises(workflow.ProposalError) as refused:
        workflow.propose_change(answer, editor, {"position": 9, "question": draft.pk})
    assert refused.value.code == "unpublished-reference"
    client.force_login(editor)
    url = admin_url(answer)
    response = client.post(url, admin_form(client, url, question=str(draft.pk), position="9"))
    assert "Select a valid choice" in str(response.context["adminform"].errors)
    assert not Proposal.objects.pending().for_object(answer).exists()


def test_asking_twice_to_withdraw_is_not_a_server_error(client, loaded_events, editor):
    url = reverse("admin:events_event_withdraw", args=[Event.objects.get(slug="treaty-of-kars").pk])
    client.force_login(editor)
    client.raise_request_exception = False
    assert client.post(url, {"reason": "Duplicate."}).status_code == 302
    assert client.post(url, {"reason": "Duplicate."}).status_code < 500


def test_no_claimreview_for_claims_of_a_withdrawn_question(client, loaded_fixtures, editor, reviewer):
    question = Question.objects.get()
    workflow.approve(workflow.propose_withdrawal(question, editor, "Taken down by its site."), reviewer)
    claims = Claim.objects.filter(answer__question=question)
    assert [claim.pk for claim in claims if claim_review(client, claim)] == []


def test_no_history_page_of_any_admin_accepts_a_post(admin_client, loaded_fixtures, editor):
    from django.contrib import admin
    from simple_history.admin import SimpleHistoryAdmin

    workflow.propose_change(Answer.objects.get(position=1), editor, {"posted_label": "x"})
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, SimpleHistoryAdmin):
            continue
        obj = model.objects.order_by("pk").first()
        row = obj.history.order_by("history_id").first()
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history", args=[obj.pk, row.pk])
        assert admin_client.post(url, {}).status_code == 405, model
        checked += 1
    assert checked >= 10


def test_an_id_too_large_for_the_database_is_a_form_error(client, loaded_fixtures, editor):
    client.force_login(editor)
    answer = Answer.objects.get(position=1)
    response = client.post(admin_url(answer), admin_form(client, admin_url(answer), question="9" * 20))
    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["adminform"].errors)


def test_publishing_a_new_event_shows_the_reviewer_all_of_it(client, loaded_events, editor, reviewer):
    event = draft_event(year=1920)
    request = workflow.request_publication(event, editor)
    client.force_login(reviewer)
    content = client.get(admin_url(request)).content.decode()
    assert "Only in this test." in content and "1920-01-01" in content


LEAKY_DOCUMENT = "A leaky question?\n\naccount_box\nLeaky Author\na year ago\n\nIt was signed in 1921.\n"


def test_feeds_and_the_sitemap_reach_nothing_unreviewed(
    client, loaded_fixtures, editor, other_editor, reviewer, write_document
):
    from answers import review
    from answers.models import ClaimListing
    from tests.answers.test_feeds import feed_urls
    from tests.conftest import draft_revision, published_revision

    claims = list(Claim.objects.filter(answer__position=1).order_by("pk"))
    draft_revision(claims[0], editor, "accurate", "LEAK-DRAFT rationale")
    review.submit(draft_revision(claims[1], other_editor, "accurate", "LEAK-SUBMITTED correction"), other_editor)
    rejected = review.submit(draft_revision(claims[2], editor, "accurate", "LEAK-REJECTED rationale"), editor)
    review.reject(rejected, reviewer, "LEAK-REJECTED comment")
    # A question waiting to be published, with an answer by a new author, and a verdict given before it is public.
    import_documents([write_document("leaky.txt", LEAKY_DOCUMENT)], user=editor)
    draft_question = Question.objects.get(document="leaky.txt")
    draft_claim = Claim.objects.get(answer__question=draft_question)
    published_revision(draft_claim, editor, reviewer, "accurate", "LEAK-UNPUBLISHED-QUESTION rationale")
    # Changes to published content that wait for a reviewer.
    question, author = Question.objects.exclude(pk=draft_question.pk).get(), Author.objects.get(slug="algo-rhythmia")
    workflow.propose_change(question, editor, {"text": "LEAK-PROPOSED question?"})
    workflow.propose_change(author, editor, {"name": "LEAK-PROPOSED author"})
    draft_event(name="LEAK draft event")
    # A withdrawn answer: its claims keep their pages, but leave the lists, the feeds and the sitemap.
    withdrawn = Answer.objects.get(question=question, position=2)
    workflow.approve(workflow.propose_withdrawal(withdrawn, editor, "Taken down by its site."), reviewer)
    published_revision(withdrawn.claims.first(), editor, reviewer, "inaccurate", "LEAK-WITHDRAWN-ANSWER correction")

    hidden = set(
        Claim.objects.exclude(pk__in=ClaimListing.objects.listed().values("claim_id")).values_list("pk", flat=True)
    )
    assert draft_claim.pk in hidden and withdrawn.claims.first().pk in hidden
    urls = [*feed_urls(), "/sitemap.xml"]
    urls += [f"/sitemap-{section}.xml" for section in ("pages", "questions", "claims", "authors", "events")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert "LEAK" not in content and "leaky" not in content.lower(), url
        shown = {int(pk) for pk in re.findall(r"/claims/(\d+)/", content)}
        assert not shown & hidden, url
    for scope, slug in [("question", draft_question.slug), ("author", "leaky-author")]:
        assert client.get(reverse(f"answers:{scope}-verdicts-atom", args=[slug])).status_code == 404


UNREVIEWED = "UNREVIEWED-WORK"
UNREVIEWED_DOCUMENT = TWO_ANSWERS.replace("It settled the border.", f"It settled the border. {UNREVIEWED} here.")


def plant_unreviewed_work(editor, reviewer, write_document):
    """Leave unreviewed work of every kind beside the reviewed content: each piece says UNREVIEWED."""
    from answers import review
    from answers.models import AnnotationSource, Verdict
    from events.models import Participant, Source
    from tests.conftest import draft_revision, submitted_revision

    first, second, third = Claim.objects.public().order_by("pk")[:3]
    draft = draft_revision(
        first, editor, rationale=f"A draft: {UNREVIEWED}.", sources=[(UNREVIEWED, "https://x.test/")]
    )
    AnnotationSource.objects.create(annotation=draft, title=f"{UNREVIEWED} source", url="https://y.test/")
    submitted_revision(second, editor, rationale=f"A submission: {UNREVIEWED}.")
    review.reject(submitted_revision(third, editor, rationale=f"A rejection: {UNREVIEWED}."), reviewer, "No.")
    kars = Event.objects.get(slug="treaty-of-kars")
    for target, changes in (
        (Question.objects.live().first(), {"text": f"{UNREVIEWED} question?"}),
        (Answer.objects.live().first(), {"posted_label": f"{UNREVIEWED} ago"}),
        (Claim.objects.live().order_by("-pk").first(), {"exact": f"{UNREVIEWED} claim."}),
        (Author.objects.live().first(), {"name": f"{UNREVIEWED} author"}),
        (kars, {"name": f"{UNREVIEWED} treaty", "summary": UNREVIEWED}),
        (Verdict.objects.get(slug="inaccurate"), {"label": f"{UNREVIEWED} verdict"}),
        (kars.participants.first(), {"name": f"{UNREVIEWED} participant"}),
        (kars.sources.first(), {"title": f"{UNREVIEWED} event source"}),
    ):
        workflow.propose_change(target, editor, changes)
    import_documents([write_document("kars-two.txt", UNREVIEWED_DOCUMENT)], user=editor)
    Author.objects.create(name=f"{UNREVIEWED} Draft Author", slug="unreviewed-draft-author")
    draft_event(name=f"{UNREVIEWED} draft event")
    Participant.objects.create(name=f"{UNREVIEWED} draft participant", slug="unreviewed-participant")
    Source.objects.create(event=kars, title=f"{UNREVIEWED} draft source", url="https://z.test/")


def plant_reviewed_verdict_on_unpublished_content(editor, reviewer):
    """A verdict a reviewer approved on a claim of a question nobody has published yet: still not public."""
    from tests.conftest import published_revision

    claim = Claim.objects.get(answer__question__document="kars-two.txt", answer__position=1, number=1)
    published_revision(claim, editor, reviewer, "accurate", f"Approved before its question was: {UNREVIEWED}.")


SITE = "http://127.0.0.1:8000"


def read(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode()


def crawl(client, start, follows):
    """Return {url: content} for `start` and every address its pages name under one of the paths `follows`."""
    pages, to_visit = {}, list(start)
    while to_visit:
        url = to_visit.pop().removeprefix(SITE)
        if url in pages:
            continue
        response, pages[url] = read(client, url)
        if response.status_code == 200:
            named = re.findall(rf'(?:{re.escape(SITE)})?(/[^\s"<>]*)', pages[url])
            to_visit += [found.replace("&amp;", "&") for found in named if found.startswith(follows)]
    return pages


def crawl_every_surface(client):
    """Return {url: content} for everything readers and machines can fetch: every page of every list of the
    JSON API under every status, both exports, the OpenAPI document, every annotation container and its
    pages in both forms, every feed, the sitemap, and the address of every object there is, public or not."""
    from answers.models import Verdict
    from tests.answers.test_feeds import feed_urls
    from tests.answers.test_public_pages import public_urls

    start = [reverse("api:root"), reverse("api:schema"), "/sitemap.xml", "/robots.txt", *feed_urls(), *public_urls()]
    statuses = ["", "reviewed", "not-reviewed", "under-review", "wording-changed", "orphaned", "withdrawn"]
    for status in statuses:
        query = f"?status={status}" if status else ""
        start += [reverse(name) + query for name in ("answers:claim-export-csv", "answers:claim-export-jsonl")]
        start += [reverse("api:claim-list") + query, reverse("answers:claim-list") + query]
    start += [reverse(f"api:{name}-list") for name in ("question", "author", "event", "verdict")]
    start += [reverse("api:claim-detail", args=[pk]) for pk in Claim.objects.values_list("pk", flat=True)]
    start += [reverse("answers:annotation-detail", args=[pk]) for pk in Annotation.objects.values_list("pk", flat=True)]
    for name, model in (("question", Question), ("author", Author), ("event", Event), ("verdict", Verdict)):
        slugs = model.objects.values_list("slug", flat=True)
        start += [reverse(f"api:{name}-detail", args=[slug]) for slug in slugs]
    for slug in Question.objects.values_list("slug", flat=True):
        container = reverse("answers:question-annotations", args=[slug])
        start += [container, f"{container}?iris=1"]
    container = reverse("answers:annotation-container")
    start += [container, f"{container}?iris=1"]
    # Follow what machines follow: API and container pages, sitemap sections; not every link of every page.
    return crawl(client, start, follows=("/api/v1/", "/annotations/", "/sitemap-"))


def test_nothing_unreviewed_is_reachable_through_any_page_feed_annotation_api_or_export(
    client, loaded_fixtures, editor, reviewer, write_document, settings
):
    settings.FACTLINE_SITE_URL = SITE
    plant_unreviewed_work(editor, reviewer, write_document)
    plant_reviewed_verdict_on_unpublished_content(editor, reviewer)
    pages = crawl_every_surface(client)
    reviewed = Annotation.objects.published().first()
    assert len(pages) > 300 and sum(reviewed.rationale in content for content in pages.values()) > 5
    assert any("page=" in url for url in pages if url.startswith("/annotations/"))
    assert any(url.startswith("/sitemap-claims.xml") for url in pages)
    assert [url for url, content in pages.items() if UNREVIEWED in content] == []
    client.force_login(editor)  # an editor is served the same public data through all of these, and no more
    pages = crawl(client, list(pages), follows=())
    assert [url for url, content in pages.items() if UNREVIEWED in content] == []
