"""FilterSet of the public events timeline."""

import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from config.filters import NamedChoiceFilter, OrderingChoiceFilter, QuickRendering
from config.search import SearchIndex
from events import dates
from events.models import Event, Participant

EVENT_SEARCH = SearchIndex(table="events_event", pk="id", columns=("name", "aliases", "summary"))


class YearOrDateField(forms.CharField):
    """A year ("1921") or a date ("1921-03-16"), cleaned to the (first, last) days it covers."""

    default_error_messages = {"invalid": _("Enter a year (1921) or a date (1921-03-16).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        try:
            if re.fullmatch(r"\d{1,4}", value):
                first = datetime.date(int(value), 1, 1)
                return self._in_range(first, dates.period_end(first, dates.YEAR))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                day = datetime.date.fromisoformat(value)
                return self._in_range(day, day)
        except ValueError:
            pass
        raise ValidationError(self.error_messages["invalid"], code="invalid")

    @staticmethod
    def _in_range(first, last):
        if not (dates.in_range(first) and dates.in_range(last)):
            raise ValidationError(_("Enter a year between 10 and 9989."), code="range")
        return first, last


@extend_schema_field(OpenApiTypes.STR)
class YearOrDateFilter(django_filters.Filter):
    field_class = YearOrDateField


class TimelineForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and start[0] > end[1]:
            self.add_error("end", _("The end of the range comes before its start."))
        return cleaned_data


class EventFilter(QuickRendering, django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    start = YearOrDateFilter(method="filter_start", label=_("From"), help_text=_("A year or a date"))
    end = YearOrDateFilter(method="filter_end", label=_("To"), help_text=_("A year or a date"))
    category = django_filters.ChoiceFilter(
        choices=Event.Category.choices, label=_("Category"), empty_label=_("Any category")
    )
    participant = NamedChoiceFilter(
        field_name="participants",
        queryset=Participant.objects.live(),
        name_field="name",
        label=_("Participant"),
        help_text=_("A name, such as Ottoman Empire"),
        distinct=True,
    )

    ORDERINGS = {
        "date": (_("Earliest first"), ("start_date", "name", "pk")),
        "-date": (_("Latest first"), ("-start_date", "name", "pk")),
        "name": (_("Name, A to Z"), ("name", "pk")),
        "-name": (_("Name, Z to A"), ("-name", "-pk")),
    }

    ordering = OrderingChoiceFilter(orderings=ORDERINGS, default="date", label=_("Order by"))

    class Meta:
        form = TimelineForm
        fields = []

    def filter_q(self, queryset, name, value):
        return EVENT_SEARCH.filter(queryset, value)

    def filter_start(self, queryset, name, value):
        return queryset.ending_on_or_after(value[0])

    def filter_end(self, queryset, name, value):
        return queryset.starting_on_or_before(value[1])

    def ordering_names(self):
        """Return the field names the timeline is ordered by, as the form asks (valid or not)."""
        return self.filters["ordering"].chosen(self.form) or self.ORDERINGS["date"][1]
