"""History helpers shared by every app: who made a change, why, and which version an object is at.

Imports nothing from the apps, so that every app can use it.
"""

import functools

from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords


class CachedHistoryManager(HistoryManager):
    """django-simple-history's manager of history rows, whose class is made once per queryset class.

    Its descriptor builds `model.history`'s manager class again at every access (Manager.from_queryset, which
    inspects every QuerySet method): an import that saves thousands of objects spent more time there than
    in the database.
    """

    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class History(HistoricalRecords):
    """HistoricalRecords, with the CachedHistoryManager: `history = History()` on every tracked model."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("history_manager", CachedHistoryManager)
        super().__init__(*args, **kwargs)


def save_with_history(instance, user=None, reason="", **kwargs):
    """Save `instance`, recording `user` (if given) and `reason` in its history row."""
    if user is not None:
        instance._history_user = user
    instance._change_reason = reason
    instance.save(**kwargs)


def current_version(instance):
    """Return the id of the newest history row of `instance`, as text ("" if it has none)."""
    latest = instance.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return "" if latest is None else str(latest)


def history_models():
    """Return every history model of the project (django-simple-history's, one per tracked model)."""
    from django.apps import apps

    return [model for model in apps.get_models() if hasattr(model, "instance_type") and hasattr(model, "history_user")]


def appears_in_history(user):
    """Tell whether `user` made any recorded change: such a user is deactivated, never deleted."""
    return any(model.objects.filter(history_user=user).exists() for model in history_models())


def change_reason(record, changes=None):
    """Return why a history row was written: its recorded reason, else what it did ("Changed quote, end").

    `changes` are the changed fields' labels (the row's delta against the one before it), None if unknown.
    """
    if record.history_change_reason:
        return record.history_change_reason
    if record.history_type == "+":
        return "Created"
    if record.history_type == "-":
        return "Deleted"
    if changes is None:
        return "Changed"
    return f"Changed {', '.join(changes)}" if changes else "Saved, nothing changed"


def edit_reason(form, add):
    """Return the reason recorded for an edit made in a form: what was added or which fields changed."""
    if add:
        return "Added in the admin"
    labels = [str(form.fields[name].label or name).lower() for name in form.changed_data if name in form.fields]
    return f"Edited in the admin: {', '.join(labels)}" if labels else "Saved in the admin, nothing changed"
