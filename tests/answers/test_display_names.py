"""People in the admin by the names they go by: full name, else username."""

import pytest
from django.urls import reverse

from answers.models import Annotation
from tests.conftest import submitted_revision

pytestmark = pytest.mark.django_db


def test_the_admin_header_welcomes_people_by_their_full_name(client, make_user):
    client.force_login(make_user("ed", "Editors", first_name="Demo", last_name="Editor"))
    assert b'<strong class="display-name">Demo Editor</strong>' in client.get(reverse("admin:index")).content


def test_the_admin_header_falls_back_to_the_username(client, make_user):
    client.force_login(make_user("ed", "Editors"))
    assert b'<strong class="display-name">ed</strong>' in client.get(reverse("admin:index")).content


def test_editor_and_reviewer_look_different_in_the_header(client, make_user):
    headers = []
    for username, role in (("ed", "Editor"), ("rev", "Reviewer")):
        client.force_login(make_user(username, f"{role}s", first_name="Demo", last_name=role))
        headers.append(client.get(reverse("admin:index")).content.split(b'class="display-name">')[1][:20])
    assert headers[0] != headers[1]


def test_revision_lists_name_their_writers_by_full_name(admin_client, claim, make_user):
    editor = make_user("ed", "Editors", first_name="Edith", last_name="Ward")
    submitted_revision(claim, editor)
    response = admin_client.get(reverse("admin:answers_annotation_changelist"))
    assert Annotation.objects.filter(created_by=editor).exists()
    assert b"Edith Ward" in response.content
