"""FilterSets of the public lists: each narrows the queryset its view decided readers may see."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from answers.models import Annotation, Author, Question, Verdict
from config.proposals.models import State
from events.models import Event


class DateRangeForm(forms.Form):
    """A filter form whose "after" date may not come after its "before" date."""

    range_fields = ("reviewed_after", "reviewed_before")

    def clean(self):
        cleaned_data = super().clean()
        after, before = (cleaned_data.get(name) for name in self.range_fields)
        if after and before and after > before:
            self.add_error(self.range_fields[1], _("This date comes before the “after” date."))
        return cleaned_data


class ClaimFilter(django_filters.FilterSet):
    STATUS_CHOICES = [
        ("reviewed", _("Reviewed")),
        ("not-reviewed", _("Not yet reviewed")),
        ("under-review", _("Update under review")),
        ("wording-changed", _("Wording changed since review")),
        ("orphaned", _("No longer in the answer")),
        ("withdrawn", _("Withdrawn")),
    ]
    # Claims that left the answer's text are listed only when asked for.
    OFF_THE_PAGE = {"orphaned", "withdrawn"}

    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    verdict = django_filters.ModelChoiceFilter(
        queryset=Verdict.objects.live(),
        to_field_name="slug",
        method="filter_verdict",
        label=_("Verdict"),
        empty_label=_("Any verdict"),
    )
    author = django_filters.ModelChoiceFilter(
        field_name="answer__author",
        queryset=Author.objects.live(),
        to_field_name="slug",
        label=_("Author"),
        empty_label=_("Any author"),
    )
    question = django_filters.ModelChoiceFilter(
        field_name="answer__question",
        queryset=Question.objects.live(),
        to_field_name="slug",
        label=_("Question"),
        empty_label=_("Any question"),
    )
    event = django_filters.ModelChoiceFilter(
        queryset=Event.objects.live(),
        to_field_name="slug",
        method="filter_event",
        label=_("Cites event"),
        empty_label=_("Any event"),
    )
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", label=_("Status"), empty_label=_("Any status")
    )
    reviewed_after = django_filters.DateFilter(
        field_name="reviewed_at",
        lookup_expr="date__gte",
        label=_("Reviewed on or after"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reviewed_before = django_filters.DateFilter(
        field_name="reviewed_at",
        lookup_expr="date__lte",
        label=_("Reviewed on or before"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ordering = django_filters.OrderingFilter(
        fields=[("reviewed_at", "reviewed"), ("answer__question__text", "question"), ("exact", "text")],
        field_labels={
            "reviewed_at": _("Review date"),
            "answer__question__text": _("Question"),
            "exact": _("Claim text"),
        },
        label=_("Order by"),
        empty_label=_("Order on the page"),
    )

    class Meta:
        form = DateRangeForm
        fields = []

    def filter_q(self, queryset, name, value):
        rationale = Annotation.objects.published().filter(claim=OuterRef("pk"), rationale__icontains=value)
        return queryset.filter(Q(exact__icontains=value) | Exists(rationale))

    def filter_verdict(self, queryset, name, value):
        return queryset.filter(pk__in=Annotation.objects.published().filter(verdict=value).values("claim"))

    def filter_event(self, queryset, name, value):
        return queryset.filter(pk__in=Annotation.objects.published().filter(evidence=value).values("claim"))

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is not None and (data or {}).get("status") not in self.OFF_THE_PAGE:
            queryset = queryset.filter(state=State.PUBLISHED, orphaned=False)
        super().__init__(data, queryset, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == "reviewed":
            return queryset.filter(reviewed_at__isnull=False)
        if value == "not-reviewed":
            return queryset.filter(reviewed_at__isnull=True)
        if value == "wording-changed":
            return queryset.filter(words_changed_since_review=True)
        if value == "orphaned":
            return queryset.filter(state=State.PUBLISHED, orphaned=True)
        if value == "withdrawn":
            return queryset.filter(state=State.WITHDRAWN)
        return queryset.filter(under_review=True)


class QuestionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label=_("Search"), max_length=200)
    author = django_filters.ModelChoiceFilter(
        field_name="answers__author",
        queryset=Author.objects.live(),
        to_field_name="slug",
        label=_("Answered by"),
        empty_label=_("Any author"),
        distinct=True,
    )
    ordering = django_filters.OrderingFilter(
        fields=[("text", "question"), ("captured_on", "captured")],
        field_labels={"text": _("Question"), "captured_on": _("Capture date")},
        label=_("Order by"),
        empty_label=_("Alphabetical"),
    )

    class Meta:
        fields = []
