"""Users in the admin: people who made recorded changes are deactivated, never deleted."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.history import appears_in_history

User = get_user_model()


@admin.action(description=_("Deactivate the selected users (they keep their place in the record)"))
def deactivate(model_admin, request, queryset):
    count = queryset.exclude(pk=request.user.pk).update(is_active=False)
    model_admin.message_user(
        request,
        ngettext("%(count)d user was deactivated.", "%(count)d users were deactivated.", count) % {"count": count},
        messages.SUCCESS,
    )


admin.site.unregister(User)


@admin.register(User)
class RecordKeepingUserAdmin(UserAdmin):
    actions = [deactivate]

    def get_actions(self, request):
        # Deleting in bulk would reach people in the record; deactivating is the way out.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and appears_in_history(obj):
            return False
        return super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and appears_in_history(obj):
            context["subtitle"] = _(
                "This person made changes that history records, so the account cannot be deleted: that would blank "
                "their name out of the record. Untick “Active” to stop them logging in."
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
