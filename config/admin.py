"""Admin base classes shared by Factline's apps: history pages, and no silent overwrites."""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

VERSION_FIELD = "seen_version"


def current_version(instance):
    """Return the id of the newest history row of `instance`, as text ("" if it has none)."""
    latest = instance.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return "" if latest is None else str(latest)


class GuardedModelForm(forms.ModelForm):
    """A form that refuses to save an object that someone else changed after the form was opened."""

    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD].initial = current_version(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        # Lock the row so that no other save can slip in between this check and our save.
        model = type(self.instance)
        list(model._default_manager.select_for_update().filter(pk=self.instance.pk).values_list("pk"))
        if cleaned_data.get(VERSION_FIELD) != current_version(self.instance):
            latest = self.instance.history.order_by("-history_id").select_related("history_user").first()
            who = latest.history_user or _("an import or a command")
            raise forms.ValidationError(
                _(
                    "This %(model)s was changed by %(who)s at %(when)s, after you opened it. Your changes were "
                    "not saved, so that theirs are not lost: open the page again to see their version, then make "
                    "your changes again."
                ),
                code="stale",
                params={
                    "model": model._meta.verbose_name,
                    "who": who,
                    "when": date_format(localtime(latest.history_date), "DATETIME_FORMAT"),
                },
            )
        return cleaned_data


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose change form refuses to overwrite a concurrent change."""

    form = GuardedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [VERSION_FIELD], "classes": ["hidden"]})]
