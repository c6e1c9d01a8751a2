from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from config.admin import HTTPS_BY_DEFAULT, PublishableAdmin, ReviewedInlineMixin
from events.models import Event, Participant, Source


@admin.register(Participant)
class ParticipantAdmin(PublishableAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class SourceInline(ReviewedInlineMixin, admin.TabularInline):
    """A draft event's sources; once the event is published, each source is changed from its own page."""

    model = Source
    formfield_overrides = HTTPS_BY_DEFAULT
    extra = 1
    fields = ["title", "url"]
    show_change_link = True


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = ["name", "date_display", "category"]
    list_filter = ["category", "start_precision", "participants"]
    search_fields = ["name", "aliases", "summary"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["participants"]
    inlines = [SourceInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "summary"]}),
        (
            _("When"),
            {
                "fields": [("start_date", "start_precision"), ("end_date", "end_precision")],
                "description": _(
                    "Give each date with the precision the sources support: a day, a month, a year or a decade."
                ),
            },
        ),
        (_("Who and how texts name it"), {"fields": ["participants", "aliases"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        # The evidence picker lists events in this order: the most relevant first (see EventQuerySet.search).
        return queryset.search(search_term), False

    @admin.display(description=_("dates"), ordering="start_date")
    def date_display(self, event):
        return event.date_display


@admin.register(Source)
class SourceAdmin(PublishableAdmin):
    formfield_overrides = HTTPS_BY_DEFAULT
    list_display = ["title", "event", "url"]
    search_fields = ["title", "url", "event__name"]
    autocomplete_fields = ["event"]
    list_select_related = ["event"]
