"""Filter parts shared by the public lists."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


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


@extend_schema_field(OpenApiTypes.STR)
class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NamedChoiceField


class OrderingChoiceField(django_filters.fields.ChoiceField):
    """A choice of order that also accepts the values in `accepted`, which it does not offer."""

    def __init__(self, *, accepted=(), **kwargs):
        super().__init__(**kwargs)
        self.accepted = frozenset(accepted)

    def valid_value(self, value):
        return value in self.accepted or super().valid_value(value)


class OrderingChoiceFilter(django_filters.ChoiceFilter):
    """The order a list is read in: the view orders and paginates, so filtering leaves it alone.

    `orderings` maps each value to (label, field names). The `default` ordering is offered once, as the
    empty choice under its own label, so no two choices mean the same; its value is still accepted, so
    addresses that name it keep working.
    """

    field_class = OrderingChoiceField

    def __init__(self, *, orderings, default=None, **kwargs):
        choices = [(key, label) for key, (label, _) in orderings.items() if key != default]
        if default is not None:
            kwargs.update(empty_label=orderings[default][0], accepted=[default])
        super().__init__(choices=choices, **kwargs)
        self.orderings = orderings

    def filter(self, queryset, value):
        return queryset

    def chosen(self, form):
        """Return the field names of the ordering `form` asks for; None if it asks for none or is invalid."""
        value = form.cleaned_data.get(self.field_name) if form.is_valid() else None
        return self.orderings[value][1] if value in self.orderings else None


class QuickInput:
    """An <input> rendered as Django's template for it renders it, without the template engine."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html(
            '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], shown, flatatt(widget["attrs"])
        )


class QuickSelect:
    """A <select> rendered as Django's templates render it, without rendering a template for each option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


def _quick(widget_class):
    base = QuickSelect if issubclass(widget_class, forms.Select) else QuickInput
    return type(f"Quick{widget_class.__name__}", (base, widget_class), {})


QUICK_WIDGETS = {widget: _quick(widget) for widget in (forms.TextInput, forms.DateInput, forms.Select)}


class QuickRendering:
    """A FilterSet whose form renders its inputs and selects without the template engine.

    Django renders every widget, and every option of a select, through templates: on a public list that
    was a third of the page's time. The HTML is the same (a test compares the two).
    """

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            quick = QUICK_WIDGETS.get(type(field.widget))
            if quick is not None:
                field.widget.__class__ = quick
        return form
