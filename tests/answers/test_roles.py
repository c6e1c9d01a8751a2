import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal

from answers.roles import ROLES


def held():
    return {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.all()
    }


@pytest.mark.django_db
def test_a_migrated_database_holds_exactly_the_declared_roles():
    # The test database was made by migrating an empty one.
    assert held() == ROLES


@pytest.mark.django_db(transaction=True)
def test_flushing_the_database_brings_back_the_declared_roles():
    Group.objects.all().delete()
    call_command("flush", interactive=False, verbosity=0)
    assert held() == ROLES


@pytest.mark.django_db
def test_migrating_again_keeps_existing_groups_and_what_an_operator_added(django_user_model):
    editors = Group.objects.get(name="Editors")
    member = django_user_model.objects.create_user("ayse")
    member.groups.add(editors)
    extra = Permission.objects.get(codename="delete_question")
    editors.permissions.add(extra)
    editors.permissions.remove(Permission.objects.get(codename="view_claim"))
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    editors.refresh_from_db()
    assert Group.objects.filter(name="Editors").get().pk == editors.pk
    assert list(member.groups.all()) == [editors]
    assert held()["Editors"] == ROLES["Editors"] | {"answers.delete_question"}


@pytest.mark.django_db
def test_migrate_recreates_a_deleted_group():
    Group.objects.filter(name="Reviewers").delete()
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    assert held()["Reviewers"] == ROLES["Reviewers"]
