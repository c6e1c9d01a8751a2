"""The editorial roles: which permissions the Editors and Reviewers groups hold.

Migrations 0002 and 0004 create these groups on a new database; `sync_roles()` restores them on a
database that lost them (a flushed test database, a hand-edited group). A test keeps the two equal.
"""


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
    | {"answers.review_annotation"},
}


def sync_roles():
    """Create the Editors and Reviewers groups if missing and give them all their permissions."""
    from django.contrib.auth.models import Group, Permission

    permissions = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.select_related("content_type")
    }
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*(permissions[codename] for codename in wanted))
