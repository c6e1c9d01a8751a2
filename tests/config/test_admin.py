import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from config.admin import current_version
from events.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    return Participant.objects.create(name="Soviet Russia", slug="soviet-russia", description="Before.")


@pytest.fixture
def editors(client, django_user_model):
    group = Group.objects.get(name="Editors")
    users = []
    for name in ("ayse", "boris"):
        user = django_user_model.objects.create_user(name, is_staff=True)
        user.groups.add(group)
        users.append(user)
    return users


def change(client, user, participant, version, description):
    client.force_login(user)
    data = {"name": participant.name, "slug": participant.slug, "kind": participant.kind, "description": description}
    data["seen_version"] = version
    return client.post(reverse("admin:events_participant_change", args=[participant.pk]), data)


def test_the_change_form_carries_the_version_it_was_opened_at(admin_client, participant):
    response = admin_client.get(reverse("admin:events_participant_change", args=[participant.pk]))
    assert response.context["adminform"].form["seen_version"].value() == current_version(participant)
    assert 'name="seen_version"' in response.content.decode()


def test_a_save_over_a_concurrent_change_is_refused_with_a_message(client, editors, participant):
    ayse, boris = editors
    opened_by_both = current_version(participant)
    assert change(client, ayse, participant, opened_by_both, "Ayşe's version.").status_code == 302
    response = change(client, boris, participant, opened_by_both, "Boris's version.")
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.non_field_errors())
    assert "This participant was changed by ayse at" in errors
    assert "Your changes were not saved" in errors
    participant.refresh_from_db()
    assert participant.description == "Ayşe's version."
    assert participant.history.count() == 2


def test_a_save_at_the_current_version_goes_through(client, editors, participant):
    ayse, boris = editors
    change(client, ayse, participant, current_version(participant), "First.")
    participant.refresh_from_db()
    assert change(client, boris, participant, current_version(participant), "Second.").status_code == 302
    participant.refresh_from_db()
    assert participant.description == "Second."


def test_a_save_without_a_version_is_refused(client, editors, participant):
    response = change(client, editors[0], participant, "", "Blind write.")
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.description == "Before."
