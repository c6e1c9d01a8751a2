"""Admin base classes shared by Factline's apps: history pages, and no silent overwrites.

Every app's admin imports these, so this module imports nothing from the apps; the admin site and its
dashboard live in config/admin_site.py.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseNotAllowed
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

VERSION_FIELD = "seen_version"
# Sources are web pages: an address typed without a scheme means https.
HTTPS_BY_DEFAULT = {models.URLField: {"assume_scheme": "https"}}


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


class SafeChoicesMixin:
    """Drop submitted ids that are not ids at all, instead of failing while the form is redrawn."""

    def optgroups(self, name, value, attr=None):
        to_python = self.field.remote_field.model._meta.pk.to_python
        valid = []
        for item in value:
            try:
                to_python(item)
            except ValidationError:
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeAutocompleteSelect(SafeChoicesMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SafeChoicesMixin, AutocompleteSelectMultiple):
    pass


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose change form refuses to overwrite a concurrent change.

    Old versions can be viewed but not reverted to (SIMPLE_HISTORY_REVERT_DISABLED): a revert would
    bypass what a normal save does, such as re-anchoring claims, so editors copy from it instead.
    """

    form = GuardedModelForm

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        self._check_id(self.model._meta.pk, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"], "Old versions can be viewed, not reverted to.")
        self._check_id(self.model._meta.pk, object_id)
        self._check_id(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    @staticmethod
    def _check_id(field, value):
        try:
            field.to_python(unquote(value))
        except ValidationError:
            raise Http404("No such object.") from None

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [VERSION_FIELD], "classes": ["hidden"]})]
