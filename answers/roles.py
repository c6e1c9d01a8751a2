"""The editorial roles, declared once: which permissions the Editors and Reviewers groups hold.

`create_roles` applies the declaration after every `migrate` (and `flush`, which ends the same way),
as django.contrib.sites creates its default site: it creates a missing group and grants what is
declared, and never takes away a permission an operator added.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router

from config.proposals import REVIEW_PERMISSION as PROPOSAL_REVIEW_PERMISSION

REVIEW_PERMISSION = "answers.review_annotation"


# What editors do to each content model, beyond viewing it; reviewers view all of it and decide on revisions
# and proposals. Changing published content makes a proposal for a reviewer; deleting it is never allowed.
EDITING = {
    "answers": {
        "question": "add change",
        "author": "add change",
        "answer": "add change",
        "claim": "add change delete",
        "verdict": "add change",
        "annotation": "add change delete",
        "annotationsource": "add change delete",
    },
    "events": {"event": "add change", "participant": "add change", "source": "add change delete"},
    "pages": {"page": "add change"},
    "proposals": {"proposal": ""},
}
ROLES = {
    "Editors": {
        f"{app_label}.{action}_{model}"
        for app_label, models in EDITING.items()
        for model, actions in models.items()
        for action in ["view", *actions.split()]
    },
    "Reviewers": {f"{app_label}.view_{model}" for app_label, models in EDITING.items() for model in models}
    | {REVIEW_PERMISSION, PROPOSAL_REVIEW_PERMISSION},
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
