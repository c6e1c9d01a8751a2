"""Stored timeline cross-checks of claims: hints for editors, recomputed when a claim or the timeline changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from answers import crosscheck
from answers.models.claims import Claim
from events.models import Event


class ClaimCheck(models.Model):
    class Result(models.TextChoices):
        CONFLICT = crosscheck.CONFLICT, _("date conflict")
        UNKNOWN_EVENT = crosscheck.UNKNOWN_EVENT, _("unknown event")
        CONSISTENT = crosscheck.CONSISTENT, _("consistent")
        NO_EVENT = crosscheck.NO_EVENT, _("dates, no timeline event")
        NO_DATES = crosscheck.NO_DATES, _("no dates")

    claim = models.OneToOneField(
        Claim, verbose_name=_("claim"), related_name="timeline_check", on_delete=models.CASCADE
    )
    result = models.CharField(_("timeline check"), max_length=20, choices=Result)
    explanation = models.TextField(_("explanation"))
    events = models.ManyToManyField(Event, verbose_name=_("events named"), related_name="claim_checks", blank=True)
    checked_at = models.DateTimeField(_("checked at"), auto_now=True)

    class Meta:
        verbose_name = _("timeline check")
        verbose_name_plural = _("timeline checks")

    def __str__(self):
        return f"{self.get_result_display()}: {self.explanation}"


def timeline():
    """Return the curated events as crosscheck.TimelineEvent values."""
    return [
        crosscheck.TimelineEvent(
            key=event.pk,
            name=event.name,
            names=tuple(event.alias_list),
            start=event.start_date,
            start_precision=event.start_precision,
            end=event.end_date,
            end_precision=event.end_precision,
        )
        for event in Event.objects.order_by("pk")
    ]


def recheck(claims=None):
    """Check the given claims (all of them by default) against the timeline and store the results."""
    events = timeline()
    claims = Claim.objects.all() if claims is None else claims
    checked = 0
    for claim in claims:
        outcome = crosscheck.check(claim.exact, events)
        stored, _ = ClaimCheck.objects.update_or_create(
            claim=claim, defaults={"result": outcome.result, "explanation": outcome.explanation}
        )
        stored.events.set(outcome.events)
        checked += 1
    return checked
