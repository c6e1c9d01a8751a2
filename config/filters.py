"""Filter parts shared by the public lists."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class NamedChoiceField(forms.ModelChoiceField):
    """One object typed by its name or its slug (the end of its page's address): a <select> would render
    every author, question or event there is."""

    widget = forms.TextInput

    def __init__(self, *, name_field, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault(
            "error_messages", {"invalid_choice": _("Nothing by that name is listed; check the spelling.")}
        )
        super().__init__(**kwargs)
        self.name_field = name_field

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        found = (
            self.queryset.filter(slug=value).first()
            or self.queryset.filter(**{f"{self.name_field}__iexact": value}).order_by("pk").first()
        )
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return found


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NamedChoiceField


class OrderingChoiceFilter(django_filters.ChoiceFilter):
    """The order a keyset list is read in: the view orders and paginates, so filtering leaves it alone."""

    def __init__(self, *, orderings, **kwargs):
        super().__init__(choices=[(key, label) for key, (label, _) in orderings.items()], **kwargs)
        self.orderings = orderings

    def filter(self, queryset, value):
        return queryset
