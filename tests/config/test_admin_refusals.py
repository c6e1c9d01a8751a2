"""The admin's 403 page: inside the admin's look, saying why and what the user can do instead."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from config.views import permission_denied
from tests.conftest import submitted_revision

pytestmark = pytest.mark.django_db


def test_an_editor_opening_the_review_queue_is_told_only_reviewers_review(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:answers_annotation_queue"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Only reviewers approve or reject revisions" in content
    assert 'id="header"' in content and "Factline editorial" in content  # the admin's look
    assert f'href="{reverse("admin:index")}"' in content


def test_the_refusal_links_to_the_editors_own_submitted_work(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:answers_annotation_queue"))
    revisions = reverse("admin:answers_annotation_changelist")
    own = f"{revisions}?status__exact=submitted&amp;created_by__id__exact={editor.pk}"
    assert f'href="{own}"' in response.content.decode()


def test_the_link_to_submitted_work_lists_the_editors_submissions(client, editor, claim):
    revision = submitted_revision(claim, editor)
    client.force_login(editor)
    url = reverse("admin:answers_annotation_changelist")
    response = client.get(url, {"status__exact": "submitted", "created_by__id__exact": editor.pk})
    assert [listed.pk for listed in response.context["cl"].result_list] == [revision.pk]


def test_an_editor_opening_a_review_page_is_refused_the_same_way(client, editor, claim):
    revision = submitted_revision(claim, editor)
    client.force_login(editor)
    response = client.get(reverse("admin:answers_annotation_review", args=[revision.pk]))
    assert response.status_code == 403
    assert "Only reviewers approve or reject revisions" in response.content.decode()


def test_other_admin_refusals_say_who_may_do_what(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "administrators manage accounts" in content and 'id="header"' in content


def test_a_refusal_outside_the_admin_keeps_the_public_page():
    request = RequestFactory().get("/claims/")
    request.user, request.resolver_match = AnonymousUser(), None
    response = permission_denied(request, PermissionDenied())
    content = response.content.decode()
    assert response.status_code == 403
    assert 'class="site-header"' in content and 'id="header"' not in content
