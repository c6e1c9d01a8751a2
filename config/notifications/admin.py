"""Each person's own email settings, on a small admin page linked from the header's user links."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from config.notifications.models import Delivery, NotificationSettings


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["delivery"]
        widgets = {"delivery": forms.RadioSelect}


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    """Nobody edits another person's settings: the one screen edits the signed-in user's own."""

    def get_model_perms(self, request):
        # Not listed on the index: it is reached from the user links in the header.
        return {}

    def get_urls(self):
        return [path("", self.admin_site.admin_view(self.settings_view), name="notifications_settings")]

    def settings_view(self, request):
        """Let the signed-in user choose to be emailed at once, in a daily digest, or not at all."""
        preference = NotificationSettings.objects.filter(user=request.user).first()
        preference = preference or NotificationSettings(user=request.user)
        form = NotificationSettingsForm(request.POST or None, instance=preference)
        if request.method == "POST" and form.is_valid():
            # Not form.save(): two first saves at once (two tabs) would both insert the user's one row.
            delivery = form.cleaned_data["delivery"]
            NotificationSettings.objects.update_or_create(user=request.user, defaults={"delivery": delivery})
            messages.success(request, saved_message(delivery))
            return redirect("admin:notifications_settings")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Email notifications"),
            "form": form,
            "opts": self.opts,
            "email": request.user.email,
            "last_digest_at": preference.last_digest_at,
        }
        return TemplateResponse(request, "admin/notifications/settings.html", context)


def saved_message(delivery):
    return {
        Delivery.IMMEDIATELY: _("Saved: you will be emailed as soon as something needs you."),
        Delivery.DAILY: _("Saved: you will get one email a day with everything since the last one."),
        Delivery.OFF: _("Saved: you will get no emails. Your desk on the admin's home page still lists your work."),
    }[delivery]
