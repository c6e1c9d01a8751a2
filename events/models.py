import re
import secrets

from django.core.validators import URLValidator
from django.db import connection, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.history import History
from config.proposals.models import Publishable, PublishableQuerySet
from config.search import MAX_TERMS, Folded
from config.text import CheckedText, UniqueNameKey, folded, name_key
from events import dates

DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def same_name_key(name):
    """Return what names are compared by when readers see them side by side: name_key() without accents,
    and every dash a hyphen, so "Ottoman–Russian wars" and "ottoman-russian wars" read as one name."""
    return DASHES.sub("-", folded(name_key(name)))


class Precision(models.TextChoices):
    DAY = dates.DAY, _("day")
    MONTH = dates.MONTH, _("month")
    YEAR = dates.YEAR, _("year")
    DECADE = dates.DECADE, _("decade")


class SlugQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


SlugManager = models.Manager.from_queryset(SlugQuerySet, "SlugManager")


class Participant(UniqueNameKey, Publishable):
    class Kind(models.TextChoices):
        STATE = "state", _("state")
        GOVERNMENT = "government", _("government or movement")
        ORGANISATION = "organisation", _("organisation")
        PERSON = "person", _("person")

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_key = models.TextField(_("name as compared"), unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.STATE)
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two neutral sentences: who this is, and when.")
    )

    objects = SlugManager()
    history = History(excluded_fields=["name_key"])

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name"]
        constraints = [*Publishable.Meta.constraints]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class EventQuerySet(SlugQuerySet):
    def starting_on_or_before(self, day):
        """Return the events that may have started on or before `day`."""
        return self.filter(start_date__lte=day)

    def ending_on_or_after(self, day):
        """Return the events that may have lasted until `day` or later, by the precision of their dates."""
        # A single-date event lasts its whole period: the 1921 it says, or the March 1921.
        single = Q()
        for precision in dates.PRECISIONS:
            single |= Q(start_precision=precision, start_date__gte=dates.truncate(day, precision))
        return self.filter(Q(end_date__gte=day) | Q(end_date__isnull=True) & single)

    def search(self, text):
        """Return the events with every word of `text` in their name, aliases or summary, accents and case
        aside, the most relevant first: the words as typed in the name, then each word in the name, then in
        the aliases, then elsewhere. Words match as typed so far ("Ata" finds Atatürk), for pickers."""
        words = folded(text).split()[:MAX_TERMS]
        if not words:
            return self
        found = self.alias(
            folded_name=Folded("name"), folded_aliases=Folded("aliases"), folded_summary=Folded("summary")
        )
        for word in words:
            found = found.filter(
                Q(folded_name__contains=word) | Q(folded_aliases__contains=word) | Q(folded_summary__contains=word)
            )
        phrase = " ".join(words)

        def every_word_in(field):
            return Q(*[Q(**{f"{field}__contains": word}) for word in words])

        rank = models.Case(
            models.When(folded_name__startswith=phrase, then=0),
            models.When(folded_name__contains=phrase, then=1),
            models.When(every_word_in("folded_name"), then=2),
            models.When(folded_aliases__contains=phrase, then=3),
            models.When(every_word_in("folded_aliases"), then=4),
            default=5,
        )
        return found.alias(search_rank=rank).order_by("search_rank", "name", "pk")


class Event(Publishable):
    class Category(models.TextChoices):
        WAR = "war", _("war")
        TREATY = "treaty", _("treaty or agreement")
        DIPLOMACY = "diplomacy", _("diplomacy")
        CRISIS = "crisis", _("crisis")
        MILITARY_INCIDENT = "military-incident", _("military incident")
        POLITICAL_CHANGE = "political-change", _("political change")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other names a text may use for this event, one per line (e.g. “Treaty of Brotherhood”)."),
    )
    category = models.CharField(_("category"), max_length=30, choices=Category)
    participants = models.ManyToManyField(
        Participant, verbose_name=_("participants"), related_name="events", blank=True
    )
    summary = models.TextField(_("summary"), help_text=_("One neutral paragraph: what happened, who took part."))
    start_date = models.DateField(
        _("start date"),
        validators=dates.RANGE_VALIDATORS,
        help_text=_("For a month, year or decade, any day inside it; it is stored as the first day."),
    )
    start_precision = models.CharField(_("start precision"), max_length=10, choices=Precision, default=Precision.DAY)
    end_date = models.DateField(
        _("end date"),
        validators=dates.RANGE_VALIDATORS,
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for a single date. Stored as the last day of its period (e.g. 31 December for a year)."
        ),
    )
    end_precision = models.CharField(_("end precision"), max_length=10, choices=Precision, blank=True)

    objects = EventQuerySet.as_manager()
    history = History(m2m_fields=[participants])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start_date", "name"]
        indexes = [models.Index(fields=["state", "start_date", "name"], name="event_timeline_order")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="event_starts_before_it_ends",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True, end_precision="") | Q(end_date__isnull=False) & ~Q(end_precision=""),
                name="event_end_has_precision",
                violation_error_message=_("An end date needs an end precision, and an end precision an end date."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.date_display})"

    def save(self, *args, **kwargs):
        self.normalise_dates()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:event-detail", args=[self.slug])

    def clean(self):
        self.normalise_dates()

    def natural_key(self):
        return (self.slug,)

    def normalise_dates(self):
        """Store the start as the first day of its period and the end as the last, so ranges compare simply."""
        if self.start_date is not None and self.start_precision and dates.in_range(self.start_date):
            self.start_date = dates.truncate(self.start_date, self.start_precision)
        if self.end_date is not None and self.end_precision and dates.in_range(self.end_date):
            self.end_date = dates.period_end(self.end_date, self.end_precision)

    def unit_members(self):
        """An event is first published with the sources added to it while it was a draft."""
        return [self.sources.drafts()]

    @property
    def alias_list(self):
        """Return the aliases as a list, without blank lines."""
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def other_names(self):
        """Return the aliases readers see beside the name: those that read as another name, not as the name
        or an earlier alias with other case, accents, spacing or dashes (the matcher keeps every spelling)."""
        seen, names = {same_name_key(self.name)}, []
        for alias in self.alias_list:
            if same_name_key(alias) not in seen:
                seen.add(same_name_key(alias))
                names.append(alias)
        return names

    @property
    def decade(self):
        """Return the decade the event starts in, e.g. 1920."""
        return self.start_date.year - self.start_date.year % 10

    @property
    def date_display(self):
        """Return the event's dates rendered by their precision."""
        return dates.format_range(self.start_date, self.start_precision, self.end_date, self.end_precision or None)

    @property
    def first_day(self):
        """Return the earliest day the event may have started."""
        return dates.span(self.start_date, self.start_precision)[0]

    @property
    def last_day(self):
        """Return the latest day the event may have ended."""
        return dates.span(self.start_date, self.start_precision, self.end_date, self.end_precision)[1]


# A participant that takes part in an event cannot be deleted: Django makes the link table cascade, and
# nothing readers saw disappears unreviewed. (An explicit link model would say it too, but the admin
# cannot edit a many-to-many field that has one.)
Event.participants.through._meta.get_field("participant").remote_field.on_delete = models.PROTECT


class WebSource(CheckedText, models.Model):
    """A web page cited as a source: its title and its http(s) address."""

    title = models.CharField(_("title"), max_length=300, help_text=_("The work's title and publisher."))
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("http or https only."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class SourceQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, event_slug, url):
        return self.get(event__slug=event_slug, url=url)


class Source(WebSource, Publishable):
    event = models.ForeignKey(Event, verbose_name=_("event"), related_name="sources", on_delete=models.CASCADE)

    objects = SourceQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["event_id", "id"]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(fields=["event", "url"], name="source_unique_per_event"),
        ]

    def natural_key(self):
        return self.event.natural_key() + (self.url,)

    def publication_unit(self):
        """A source added to a draft event is published with the event."""
        return self if self.event.was_published else self.event.publication_unit()

    natural_key.dependencies = ["events.event"]


# What the timeline check reads of an event: a change to any of these makes a new version of the timeline.
TIMELINE_COLUMNS = ("name", "aliases", "start_date", "start_precision", "end_date", "end_precision")


class TimelineVersion(models.Model):
    """The version of the timeline's names and dates: one row, which database triggers change whenever an
    event is added or deleted, or its name, aliases or dates change, whichever path made the write.

    The timeline check prepares the timeline once per version (answers.models.checks.prepared_timeline).
    Each version has a new random token, so a version written by a transaction that rolled back is never
    seen again.
    """

    number = models.BigIntegerField(_("number"), default=0)
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("timeline version")
        verbose_name_plural = _("timeline versions")

    def __str__(self):
        return f"{self.number}-{self.token}"

    def start_anew(self):
        """Give this row a version never seen before: loaddata of a dumped row would bring an old one back,
        with whatever events the database holds now."""
        self.number += 1
        self.token = secrets.token_hex(16)

    @classmethod
    def current(cls):
        """Return the current version as a string, or None if no event was written since the table was emptied.

        Every check reads it: plain SQL, without building a query.
        """
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number, token FROM {connection.ops.quote_name(cls._meta.db_table)} WHERE id = 1")
            row = cursor.fetchone()
        return f"{row[0]}-{row[1]}" if row else None
