import pytest
from django.contrib.auth.models import Group

from answers.roles import ROLES, sync_roles

pytestmark = pytest.mark.django_db


def held():
    return {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.all()
    }


def test_the_migrations_create_exactly_the_declared_roles():
    assert held() == ROLES


def test_sync_roles_restores_lost_groups():
    Group.objects.all().delete()
    sync_roles()
    assert held() == ROLES
