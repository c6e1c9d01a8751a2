"""Check a claim's dates against the timeline: consistent, conflict, unknown event, or nothing to check.

Imports no models: the timeline comes in as TimelineEvent values. These are hints for editors,
never verdicts.
"""

import bisect
import datetime
import re
from dataclasses import dataclass, field

from answers.anchoring import Taken
from answers.mentions import NameTree, find_dates, find_event_phrases, find_names
from events import dates

CONSISTENT = "consistent"
CONFLICT = "conflict"
UNKNOWN_EVENT = "unknown-event"
NO_EVENT = "no-event"
NO_DATES = "no-dates"

NEAR = 80  # characters between an event's name and a date that belongs to it
# "After the Treaty of Versailles, inflation peaked in 1923": an event used as a time anchor does not own
# the dates that follow it.
ANCHORING = re.compile(r"\b(?:after|before|since|until|following)\s++(?:the\s++)?$", re.IGNORECASE)
# Only spaces, or an opening bracket, between a name and its date: "Treaty of Moscow (1921)".
FILLER = re.compile(r"\s*+\(?\s*+")
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


class Timeline:
    """TimelineEvent values prepared for checking many claims: by key, and their names as a NameTree."""

    def __init__(self, events):
        self.by_key = {event.key: event for event in events}
        self.names = NameTree({event.key: (event.name, *event.names) for event in events})


def check(text, timeline):
    """Return the CheckResult of one claim's text against the timeline (TimelineEvent values, or a Timeline)."""
    timeline = timeline if isinstance(timeline, Timeline) else Timeline(timeline)
    by_key = timeline.by_key
    names = Names(text, find_names(text, timeline.names))
    mentioned = tuple(dict.fromkeys(mention.key for mention in names))
    unknown = [(start, end) for start, end in find_event_phrases(text) if not names.taken.overlaps(start, end)]
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
        owner = names.owner(mention)
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


class Names(list):
    """The event names found in a claim, in order, with what a date needs to find the one it belongs to."""

    def __init__(self, text, mentions):
        super().__init__(mentions)
        self.text = text
        self.starts = [name.start for name in self]
        self.ends = [name.end for name in self]
        self.taken = Taken(text)
        for name in self:
            self.taken.take(name.start, name.end)
        self.filler_ends = {}

    def filler_end(self, index):
        """Return where the spaces (and one opening bracket) after name `index` end, reading them once."""
        if index not in self.filler_ends:
            self.filler_ends[index] = FILLER.match(self.text, self[index].end).end()
        return self.filler_ends[index]

    def owner(self, mention):
        """Return the event name a date mention belongs to, or None."""
        text = self.text
        # Names do not overlap, so the last one to end before the date is also the last to start before it.
        before = bisect.bisect_right(self.ends, mention.start)
        inside = bisect.bisect_right(self.starts, mention.start) - 1
        # A name that contains the date ("Treaty of Moscow (1921)" as an alias) owns it.
        if inside >= 0 and mention.end <= self[inside].end:
            return self[inside]
        if before and ANCHORING.search(text, max(0, self[before - 1].start - 16), self[before - 1].start):
            return None
        if before:
            nearest = self[before - 1]
            if mention.start - nearest.end <= NEAR or self.filler_end(before - 1) >= mention.start:
                return nearest
        after = bisect.bisect_left(self.starts, mention.end)
        if after < len(self) and self[after].start - mention.end <= NEAR // 2:
            return self[after]
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
