"""FilterSets of the public lists: each narrows the queryset its view decided readers may see."""

import django_filters
from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from answers.models import Annotation, Answer, Author, Listing, Question, Verdict
from answers.models.listings import PAGE_ORDER
from answers.search import LISTING_SEARCH, QUESTION_SEARCH
from config.filters import NamedChoiceFilter, OrderingChoiceFilter, QuickRendering
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


class ClaimFilter(QuickRendering, django_filters.FilterSet):
    """Filters of the claim list, over ClaimListing: each narrows an indexed read (see listings.py)."""

    STATUS_CHOICES = [
        ("reviewed", _("Reviewed")),
        ("not-reviewed", _("Not yet reviewed")),
        ("under-review", _("Update under review")),
        ("wording-changed", _("Wording changed since review")),
        ("orphaned", _("No longer in the answer")),
        ("withdrawn", _("Withdrawn")),
    ]
    ORDERINGS = {
        "question": (_("Place in the answers"), PAGE_ORDER),
        "-reviewed": (_("Newest review first"), ("-review_order", "-claim_id")),
        "reviewed": (_("Oldest review first"), ("review_order", "claim_id")),
        "text": (_("Claim text, A to Z"), ("text_sort", "claim_id")),
        "-text": (_("Claim text, Z to A"), ("-text_sort", "-claim_id")),
    }
    # Searches are read most relevant first where the database ranks them (PostgreSQL).
    RELEVANCE = ("-search_rank", "-claim_id")

    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        max_length=200,
        help_text=_('Words in the claim or its verdict\'s rationale; "a phrase", -without, this or that.'),
    )
    verdict = django_filters.ModelChoiceFilter(
        queryset=Verdict.objects.live(), to_field_name="slug", label=_("Verdict"), empty_label=_("Any verdict")
    )
    author = NamedChoiceFilter(
        queryset=Author.objects.live(), name_field="name", label=_("Author"), help_text=_("An author's name")
    )
    question = NamedChoiceFilter(
        queryset=Question.objects.live(),
        name_field="text",
        label=_("Question"),
        help_text=_("The question's address name, as in /questions/<name>/"),
    )
    event = NamedChoiceFilter(
        queryset=Event.objects.live(),
        name_field="name",
        method="filter_event",
        label=_("Cites event"),
        help_text=_("An event's name, as on the timeline"),
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
    ordering = OrderingChoiceFilter(orderings=ORDERINGS, default="question", label=_("Order by"))

    class Meta:
        form = DateRangeForm
        fields = []

    def __init__(self, data=None, queryset=None, **kwargs):
        # Claims that left the answer's text are listed only when asked for.
        if queryset is not None and (data or {}).get("status") not in self.OFF_THE_PAGE:
            queryset = queryset.filter(status=Listing.LISTED)
        super().__init__(data, queryset, **kwargs)
        # The API's filters list claims in their own order, without an ordering filter.
        if "ordering" in self.filters and self.ranks_searches and (data or {}).get("q"):
            self.filters["ordering"].extra["empty_label"] = _("Best match first")

    OFF_THE_PAGE = {"orphaned", "withdrawn"}

    def filter_q(self, queryset, name, value):
        return LISTING_SEARCH.filter(queryset, value, rank="search_rank")

    def filter_event(self, queryset, name, value):
        citing = Annotation.evidence.through.objects.filter(event=value).values("annotation")
        return queryset.filter(published_revision__in=citing)

    def filter_status(self, queryset, name, value):
        return queryset.filter(
            {
                "reviewed": Q(published_revision__isnull=False),
                "not-reviewed": Q(published_revision__isnull=True),
                "under-review": Q(under_review=True),
                "wording-changed": Q(wording_changed=True),
                "orphaned": Q(status=Listing.ORPHANED),
                "withdrawn": Q(status=Listing.WITHDRAWN),
            }[value]
        )

    def ordering_names(self):
        """Return the field names the list is ordered by, as the form asks (valid or not)."""
        chosen = self.filters["ordering"].chosen(self.form)
        if chosen:
            return chosen
        if self.form.is_valid() and self.form.cleaned_data.get("q") and self.ranks_searches:
            return self.RELEVANCE
        return PAGE_ORDER

    @property
    def ranks_searches(self):
        """Tell whether the database ranks a search's matches, which are then listed best first by default."""
        return connection.vendor == "postgresql"


class QuestionFilter(QuickRendering, django_filters.FilterSet):
    ORDERINGS = {
        "question": (_("Question, A to Z"), ("text_order", "pk")),
        "-captured": (_("Newest capture first"), ("-captured_on", "-pk")),
        "captured": (_("Oldest capture first"), ("captured_on", "pk")),
    }

    q = django_filters.CharFilter(method="filter_q", label=_("Search"), max_length=200)
    author = NamedChoiceFilter(
        queryset=Author.objects.live(),
        name_field="name",
        method="filter_author",
        label=_("Answered by"),
        help_text=_("An author's name"),
    )
    ordering = OrderingChoiceFilter(orderings=ORDERINGS, default="question", label=_("Order by"))

    class Meta:
        fields = []

    def filter_q(self, queryset, name, value):
        return QUESTION_SEARCH.filter(queryset, value)

    def filter_author(self, queryset, name, value):
        answered = Answer.objects.live().filter(question=OuterRef("pk"), author=value)
        return queryset.filter(Exists(answered))

    def ordering_names(self):
        return self.filters["ordering"].chosen(self.form) or self.ORDERINGS["question"][1]
