"""History helpers shared by every app: who made a change, why, and which version an object is at.

Imports nothing from the apps, so that every app can use it.
"""


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
