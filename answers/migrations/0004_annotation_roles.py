"""Give Editors the annotation permissions and Reviewers the permission to approve or reject."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ["add_annotation", "change_annotation", "delete_annotation", "view_annotation"]
    + ["add_annotationsource", "change_annotationsource", "delete_annotationsource", "view_annotationsource"],
    "Reviewers": ["view_annotation", "view_annotationsource", "review_annotation"],
}


def grant(apps, schema_editor):
    # Permissions are made after migrations run; make them now so a fresh database gets complete groups.
    answers = apps.get_app_config("answers")
    answers.models_module = True
    create_permissions(answers, apps=apps, verbosity=0)
    answers.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="answers", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="answers", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("answers", "0003_annotations")]

    operations = [migrations.RunPython(grant, revoke)]
