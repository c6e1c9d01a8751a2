"""The editorial roles, declared once: which permissions the Editors and Reviewers groups hold.

`create_roles` applies the declaration after every `migrate` (and `flush`, which ends the same way),
as django.contrib.sites creates its default site: it creates a missing group and grants what is
declared, and never takes away a permission an operator added.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router

REVIEW_PERMISSION = "answers.review_annotation"


def _grants(app_label, **models):
    return {f"{app_label}.{action}_{model}" for model, actions in models.items() for action in actions.split()}


ROLES = {
    "Editors": _grants(
        "answers",
        question="add change view",
        author="add change view",
        answer="add change view",
        claim="add change delete view",
        verdict="view",
        annotation="add change delete view",
        annotationsource="add change delete view",
    )
    | _grants("events", event="add change view", participant="add change view", source="add change delete view"),
    "Reviewers": _grants(
        "answers",
        question="view",
        author="view",
        answer="view",
        claim="view",
        verdict="view",
        annotation="view",
        annotationsource="view",
    )
    | _grants("events", event="view", participant="view", source="view")
    | {REVIEW_PERMISSION},
}


def create_roles(app_config, verbosity=2, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the declared groups where missing and grant them their permissions (a post_migrate receiver).

    Permissions of models the migrated state does not have yet are skipped; the next migrate grants them.
    """
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    if not router.allow_migrate_model(using, Group):
        return
    permissions = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.using(using).select_related("content_type")
    }
    for name, declared in ROLES.items():
        group, created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*(permissions[codename] for codename in sorted(declared) if codename in permissions))
        if created and verbosity >= 2:
            print(f"Creating the {name} group")
