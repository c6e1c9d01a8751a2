"""The review workflow through the admin: who may do what, and what each outcome says."""

import pytest
from django.urls import reverse

from answers import review
from answers.models import Annotation, Verdict
from config.admin import current_version
from tests.conftest import draft_revision, sources_version, submitted_revision

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def draft_form(annotation, **changes):
    data = {
        "verdict": annotation.verdict_id or "",
        "rationale": annotation.rationale,
        "evidence": [event.pk for event in annotation.evidence.all()],
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "seen_version": current_version(annotation),
        "seen_rows": sources_version(annotation),
    }
    data.update(changes)
    return data


def revisions_in(queue):
    """Return the verdict revisions listed on a page of the review queue."""
    return [item.obj for item in queue.context["page_obj"] if isinstance(item.obj, Annotation)]


def parallel_draft(claim, editor):
    """Return a draft of `claim` by `editor` as if started before another editor's revision was submitted."""
    return Annotation.objects.create(claim=claim, revision=claim.next_revision_number(), created_by=editor)


@pytest.fixture
def submitted(claim, editor):
    return submitted_revision(claim, editor, rationale="Signed on 13 October 1921, not 1922.")


def test_an_editor_starts_writes_and_submits_a_revision(client, editor, claim):
    client.force_login(editor)
    response = client.get(reverse("admin:answers_claim_change", args=[claim.pk]))
    assert "Write the first assessment" in response.content.decode()
    response = client.post(reverse("admin:answers_claim_revise", args=[claim.pk]), follow=True)
    draft = Annotation.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:answers_annotation_change", args=[draft.pk])
    assert "Save and submit for review" in response.content.decode()
    verdict = Verdict.objects.get(slug="inaccurate")
    data = draft_form(draft, verdict=verdict.pk, rationale="Signed 13 October 1921.", _submit="1")
    response = client.post(reverse("admin:answers_annotation_change", args=[draft.pk]), data, follow=True)
    assert "Revision 1 was submitted for review." in messages_of(response)
    draft.refresh_from_db()
    assert (draft.status, draft.verdict, draft.rationale) == ("submitted", verdict, "Signed 13 October 1921.")


def test_submitting_an_incomplete_draft_explains_what_is_missing(client, editor, claim):
    client.force_login(editor)
    draft = review.start_revision(claim, editor)
    response = client.post(
        reverse("admin:answers_annotation_change", args=[draft.pk]), draft_form(draft, _submit="1"), follow=True
    )
    assert "Add a verdict and a rationale before submitting." in messages_of(response)
    assert Annotation.objects.get().status == "draft"


def test_the_claim_page_offers_to_continue_a_draft(client, editor, claim):
    client.force_login(editor)
    review.start_revision(claim, editor)
    response = client.get(reverse("admin:answers_claim_change", args=[claim.pk]))
    assert "Continue your draft (revision 1)" in response.content.decode()


def test_a_reviewer_sees_the_queue_the_diff_and_approves(client, reviewer, submitted):
    client.force_login(reviewer)
    queue = client.get(reverse("admin:answers_annotation_queue"))
    assert revisions_in(queue) == [submitted]
    page = client.get(reverse("admin:answers_annotation_review", args=[submitted.pk]))
    content = page.content.decode()
    assert "<mark>The Treaty of Kars was signed in 1922.</mark>" in content
    assert ("verdict", "<ins>Inaccurate</ins>", True) in [(str(a), b, c) for a, b, c in page.context["changes"]]
    response = client.post(
        reverse("admin:answers_annotation_review", args=[submitted.pk]), {"decision": "approve"}, follow=True
    )
    assert "Revision 1 is published: readers now see its verdict." in messages_of(response)
    assert Annotation.objects.get().status == "published"


def test_a_reviewer_rejects_only_with_a_comment(client, reviewer, submitted):
    client.force_login(reviewer)
    url = reverse("admin:answers_annotation_review", args=[submitted.pk])
    response = client.post(url, {"decision": "reject", "comment": ""}, follow=True)
    assert "Say why you reject this revision" in messages_of(response)[0]
    response = client.post(url, {"decision": "reject", "comment": "Cite the treaty."}, follow=True)
    assert "Revision 1 was rejected; the editor sees your comment." in messages_of(response)
    assert Annotation.objects.get().review_comment == "Cite the treaty."


def test_an_unknown_decision_is_a_message_not_an_error(client, reviewer, submitted):
    client.force_login(reviewer)
    url = reverse("admin:answers_annotation_review", args=[submitted.pk])
    response = client.post(url, {"decision": "publish-everything"}, follow=True)
    assert "Choose Approve, Request changes or Reject." in messages_of(response)


def test_a_superuser_cannot_approve_their_own_revision_in_the_admin(client, make_user, claim):
    chief = make_user("chief", is_superuser=True)
    draft = submitted_revision(claim, chief, verdict="accurate", rationale="Fine.")
    client.force_login(chief)
    assert revisions_in(client.get(reverse("admin:answers_annotation_queue"))) == []
    url = reverse("admin:answers_annotation_review", args=[draft.pk])
    assert "another reviewer has to check it" in client.get(url).content.decode()
    response = client.post(url, {"decision": "approve"}, follow=True)
    assert any("nobody reviews their own work" in message for message in messages_of(response))
    assert Annotation.objects.get().status == "submitted"


def test_a_conflicting_approval_is_refused_with_its_explanation(client, claim, editor, other_editor, reviewer):
    first = draft_revision(claim, editor, verdict="accurate", rationale="First.")
    stale = draft_revision(claim, other_editor, rationale="Stale.")
    review.approve(review.submit(first, editor), reviewer)
    review.submit(stale, other_editor)
    client.force_login(reviewer)
    url = reverse("admin:answers_annotation_review", args=[stale.pk])
    assert "Approving it would silently undo that change" in client.get(url).content.decode()
    response = client.post(url, {"decision": "approve"}, follow=True)
    assert any(message.startswith("Conflict: revision 2 was started before any") for message in messages_of(response))


def test_the_admin_index_counts_drafts_submissions_and_orphans(client, reviewer, submitted, claim, other_editor):
    parallel_draft(claim, other_editor)
    claim.orphaned = True
    claim.save()
    client.force_login(reviewer)
    counts = client.get(reverse("admin:index")).context["workflow"]
    assert (counts["drafts"], counts["submitted"], counts["to_review"], counts["orphaned"]) == (1, 1, 1, 1)


def test_the_claim_page_lists_its_revision_chain(client, reviewer, submitted):
    client.force_login(reviewer)
    response = client.get(reverse("admin:answers_claim_change", args=[submitted.claim_id]))
    content = response.content.decode()
    assert "Revisions (newest first)" in content
    assert "Signed on 13 October 1921, not 1922." in content


# The permission matrix: every admin action of the workflow, for every kind of user.
ACTIONS = {
    "queue": ("get", "admin:answers_annotation_queue", False),
    "review page": ("get", "admin:answers_annotation_review", True),
    "approve": ("approve", "admin:answers_annotation_review", True),
    "reject": ("reject", "admin:answers_annotation_review", True),
    "start revision": ("post", "admin:answers_claim_revise", "claim"),
    "edit another's draft": ("edit-other", "admin:answers_annotation_change", "draft"),
    "edit a submitted revision": ("edit", "admin:answers_annotation_change", True),
    "delete a submitted revision": ("post", "admin:answers_annotation_delete", True),
}
EXPECTED = {
    # user: {action: allowed}
    "anonymous": dict.fromkeys(ACTIONS, False),
    "editor": {**dict.fromkeys(ACTIONS, False), "start revision": True},
    "reviewer": {**dict.fromkeys(ACTIONS, False), "queue": True, "review page": True, "approve": True, "reject": True},
    "superuser": {
        **dict.fromkeys(ACTIONS, True),
        "edit another's draft": False,
        "edit a submitted revision": False,
        "delete a submitted revision": False,
    },
}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_permission_matrix(client, make_user, claim, submitted, other_editor, who, action):
    users = {
        "editor": lambda: make_user("matrix-editor", "Editors"),
        "reviewer": lambda: make_user("matrix-reviewer", "Reviewers"),
        "superuser": lambda: make_user("matrix-superuser", is_superuser=True),
    }
    if who in users:
        client.force_login(users[who]())
    kind, name, target = ACTIONS[action]
    other_draft = parallel_draft(claim, other_editor)
    obj = {"claim": claim, "draft": other_draft}.get(target, submitted)
    url = reverse(name) if target is False else reverse(name, args=[obj.pk])
    if kind == "get":
        response = client.get(url)
    elif kind in ("approve", "reject"):
        response = client.post(url, {"decision": kind, "comment": "Matrix."})
    elif kind in ("edit", "edit-other"):
        response = client.post(url, draft_form(obj, rationale="Overwritten."))
    else:
        response = client.post(url, {"post": "yes"})
    submitted.refresh_from_db()
    other_draft.refresh_from_db()
    if who == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    elif not EXPECTED[who][action]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302)
        if kind == "approve":
            assert submitted.status == "published"
        if kind == "reject":
            assert submitted.status == "rejected"
    assert "Overwritten." not in (submitted.rationale, other_draft.rationale)
    assert Annotation.objects.filter(pk=submitted.pk).exists()


def test_a_frozen_revision_says_why_it_cannot_be_edited(client, editor, submitted):
    client.force_login(editor)
    response = client.get(reverse("admin:answers_annotation_change", args=[submitted.pk]))
    content = response.content.decode()
    assert "This revision is waiting for review, so it cannot change." in content
    assert "Save and submit for review" not in content


def test_another_editor_sees_why_a_submitted_revision_cannot_be_edited(client, other_editor, submitted):
    client.force_login(other_editor)
    content = client.get(reverse("admin:answers_annotation_change", args=[submitted.pk])).content.decode()
    assert "This revision is submitted for review, so it can no longer change." in content


def test_another_editors_draft_says_whose_it_is(client, other_editor, claim, editor):
    draft = review.start_revision(claim, editor)
    client.force_login(other_editor)
    content = client.get(reverse("admin:answers_annotation_change", args=[draft.pk])).content.decode()
    assert "This is alice's draft: only its author can change it." in content


def test_document_text_is_escaped_on_the_review_page(client, reviewer, editor, claim, write_document):
    from answers.importer import import_documents
    from answers.models import Claim

    import_documents([write_document("x.txt", "Q?\naccount_box\nA\nnow\n\n<script>alert(1)</script> Fine.\n")])
    claim = Claim.objects.get(exact__startswith="<script>")
    draft = submitted_revision(claim, editor, verdict="opinion", rationale="<b>bold</b>")
    client.force_login(reviewer)
    content = client.get(reverse("admin:answers_annotation_review", args=[draft.pk])).content.decode()
    assert "<script>alert(1)</script>" not in content and "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<b>bold</b>" not in content
