"""The public lists' filter forms render their widgets without the template engine, and the same HTML."""

import pytest
from django.test.html import parse_html

from answers.filters import ClaimFilter, QuestionFilter
from answers.models import ClaimListing, Question
from config.filters import QUICK_WIDGETS
from events.filters import EventFilter
from events.models import Event

pytestmark = pytest.mark.django_db

DJANGO_WIDGET = {quick: widget for widget, quick in QUICK_WIDGETS.items()}


@pytest.mark.parametrize(
    "filterset_class, queryset, data",
    [
        (ClaimFilter, ClaimListing.objects.none(), None),
        (
            ClaimFilter,
            ClaimListing.objects.none(),
            {"q": 'a "b" <c> & d', "verdict": "fabricated", "status": "maybe", "reviewed_after": "2026-01-01"}
            | {"reviewed_before": "x", "ordering": "-reviewed", "author": "Mira Talkstone", "event": "<none>"},
        ),
        (QuestionFilter, Question.objects.none(), {"q": "turkey", "author": "nobody", "ordering": "-captured"}),
        (EventFilter, Event.objects.none(), {"start": "abc", "end": "1921", "category": "treaty", "participant": "x"}),
    ],
)
def test_quick_widgets_render_the_html_django_renders(loaded_fixtures, filterset_class, queryset, data):
    form = filterset_class(data, queryset=queryset).form
    form.is_valid()
    quick_widgets = 0
    for field in form:
        quick = str(field)
        widget_class = type(field.field.widget)
        if widget_class in DJANGO_WIDGET:
            quick_widgets += 1
            field.field.widget.__class__ = DJANGO_WIDGET[widget_class]
        assert parse_html(quick) == parse_html(str(field)), field.name
    # Only the timeline's ordering (django-filter's own comma-separated widget) keeps Django's rendering.
    assert quick_widgets >= len(form.fields) - 1
