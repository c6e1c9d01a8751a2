"""Create the Editors and Reviewers groups with their permissions on the content models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "answers": {"question": "add change view", "author": "add change view", "answer": "add change view"},
    "events": {"event": "add change view", "participant": "add change view", "source": "add change delete view"},
}
EDITOR_PERMISSIONS["answers"]["claim"] = "add change delete view"
EDITOR_PERMISSIONS["answers"]["verdict"] = "view"
VIEW_ONLY = {app: dict.fromkeys(models, "view") for app, models in EDITOR_PERMISSIONS.items()}
GROUPS = {"Editors": EDITOR_PERMISSIONS, "Reviewers": VIEW_ONLY}


def create_groups(apps, schema_editor):
    # Permissions are made after migrations run; make them now so a fresh database gets complete groups.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [
            f"{action}_{model}"
            for models in grants.values()
            for model, actions in models.items()
            for action in actions.split()
        ]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=list(grants), codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("answers", "0001_initial"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
