"""Users in the admin: people who made recorded changes are deactivated, never deleted; locked logins."""

from axes.utils import reset as reset_login_failures
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
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


class UnlockLoginsForm(forms.Form):
    username = forms.CharField(label=_("username"), required=False, max_length=150)
    address = forms.GenericIPAddressField(label=_("address"), required=False, help_text=_("An IPv4 or IPv6 address."))

    def clean(self):
        data = super().clean()
        if not data.get("username") and not data.get("address") and not self.errors:
            raise forms.ValidationError(_("Give a username, an address or both."))
        return data


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

    def get_urls(self):
        unlock = self.admin_site.admin_view(self.unlock_logins_view)
        return [path("unlock-logins/", unlock, name="auth_user_unlock_logins"), *super().get_urls()]

    def unlock_logins_view(self, request):
        """Forget the failed logins of a username or an address, so that it may log in again at once."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = UnlockLoginsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            # Separately: a username is unlocked wherever it logs in from, an address for every username.
            if username := form.cleaned_data["username"]:
                reset_login_failures(username=username)
                self.message_user(request, _("The username “%s” can log in again.") % username, messages.SUCCESS)
            if address := form.cleaned_data["address"]:
                reset_login_failures(ip=address)
                self.message_user(request, _("Logins from %s are allowed again.") % address, messages.SUCCESS)
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Unlock logins"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/auth/user/unlock_logins.html", context)
