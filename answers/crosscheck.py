"""Check a claim's dates against the timeline: consistent, conflict, unknown event, or nothing to check.

Imports no models: the timeline comes in as TimelineEvent values. These are hints for editors,
never verdicts.
"""

import datetime
import re
from dataclasses import dataclass, field

from answers.mentions import find_dates, find_event_phrases, find_names
from events import dates

CONSISTENT = "consistent"
CONFLICT = "conflict"
UNKNOWN_EVENT = "unknown-event"
NO_EVENT = "no-event"
NO_DATES = "no-dates"

NEAR = 80  # characters between an event's name and a date that belongs to it
# "After the Treaty of Versailles, inflation peaked in 1923": an event used as a time anchor does not own
# the dates that follow it.
ANCHORING = re.compile(r"\b(?:after|before|since|until|following)\s+(?:the\s+)?$", re.IGNORECASE)
ENDED = re.compile(r"\b(?:ended|end|ending|finished|concluded|was over)\b", re.IGNORECASE)
BEGAN = re.compile(r"\b(?:began|begun|begins|started|starts|broke out|opened)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TimelineEvent:
    key: object
    name: str
    names: tuple
    start: datetime.date
    start_precision: str
    end: datetime.date | None = None
    end_precision: str = ""

    @property
    def first(self):
        return dates.span(self.start, self.start_precision)[0]

    @property
    def last(self):
        return dates.span(self.start, self.start_precision, self.end, self.end_precision)[1]

    def began(self):
        return dates.format_date(self.start, self.start_precision)

    def ended(self):
        return dates.format_date(self.end, self.end_precision) if self.end else self.began()

    def display(self):
        return dates.format_range(self.start, self.start_precision, self.end, self.end_precision or None)


@dataclass(frozen=True)
class CheckResult:
    result: str
    explanation: str
    events: tuple = field(default_factory=tuple)


def check(text, timeline):
    """Return the CheckResult of one claim's text against the timeline (a list of TimelineEvent)."""
    by_key = {event.key: event for event in timeline}
    names = find_names(text, {event.key: (event.name, *event.names) for event in timeline})
    mentioned = tuple(dict.fromkeys(mention.key for mention in names))
    unknown = [
        (start, end)
        for start, end in find_event_phrases(text)
        if not any(start < name.end and name.start < end for name in names)
    ]
    if unknown:
        phrases = "; ".join(f"“{text[start:end]}”" for start, end in unknown)
        return CheckResult(UNKNOWN_EVENT, f"{phrases} is not an event in the timeline.", mentioned)

    mentions = find_dates(text)
    if not mentions:
        if names:
            listed = ", ".join(by_key[key].name for key in mentioned)
            return CheckResult(NO_DATES, f"Names {listed}, but gives no date to check.", mentioned)
        return CheckResult(NO_DATES, "No dates to check.", mentioned)

    conflicts, fits = [], []
    for mention in mentions:
        owner = _owner(text, mention, names)
        if owner is None:
            continue
        event = by_key[owner.key]
        between = text[min(owner.end, mention.end) : max(owner.start, mention.start)]
        problem = _conflict(mention, event, _cue(between))
        (conflicts if problem else fits).append(
            problem or f"{mention.describe()} fits {event.name} ({event.display()})"
        )
    if conflicts:
        return CheckResult(CONFLICT, "; ".join(conflicts) + ".", mentioned)
    if fits:
        return CheckResult(CONSISTENT, "; ".join(fits) + ".", mentioned)
    said = ", ".join(mention.describe() for mention in mentions)
    return CheckResult(NO_EVENT, f"Says {said}, but names no timeline event those dates belong to.", mentioned)


def _owner(text, mention, names):
    """Return the event name a date mention belongs to, or None."""
    # A name that contains the date ("Treaty of Moscow (1921)" as an alias) owns it.
    for name in names:
        if name.start <= mention.start and mention.end <= name.end:
            return name
    before = [name for name in names if name.end <= mention.start]
    if before and ANCHORING.search(text[max(0, before[-1].start - 16) : before[-1].start]):
        return None
    if before:
        nearest = before[-1]
        gap = text[nearest.end : mention.start]
        if gap.strip() in ("(", "") or len(gap) <= NEAR:
            return nearest
    after = [name for name in names if name.start >= mention.end]
    if after and after[0].start - mention.end <= NEAR // 2:
        return after[0]
    return None


def _cue(words):
    """Return "end" or "start" if the words between a name and a date say which end of the event they date."""
    if ENDED.search(words):
        return "end"
    if BEGAN.search(words):
        return "start"
    return None


def _conflict(mention, event, cue=None):
    """Return why `mention` does not fit `event` at the mention's precision, or None if it fits."""
    is_range = mention.precision == dates.YEAR and mention.first.year != mention.last.year
    if is_range and event.end is not None:
        began_ok = mention.first.year == event.first.year
        ended_ok = mention.last.year == event.last.year
        if began_ok and ended_ok:
            return None
        if began_ok:
            return f"claim says {mention.last.year}; {event.name} ended {event.ended()}"
        if ended_ok:
            return f"claim says {mention.first.year}; {event.name} began {event.began()}"
        return f"claim says {mention.describe()}; {event.name} is dated {event.display()}"
    if cue and event.end is not None and not is_range:
        # "ended in 1944" dates the end; compare it with the end's own period, and likewise for the start.
        edge, precision = (event.end, event.end_precision) if cue == "end" else (event.start, event.start_precision)
        first, last = dates.truncate(edge, precision), dates.period_end(edge, precision)
        if mention.first <= last and first <= mention.last:
            return None
        said, actual = ("ended", event.ended()) if cue == "end" else ("began", event.began())
        return f"claim says it {said} in {mention.describe()}; {event.name} {said} {actual}"
    if mention.first <= event.last and event.first <= mention.last:
        return None
    return f"claim says {mention.describe()}; {event.name} is dated {event.display()}"
