"""Find dates and event names in claim text.

Imports no models: text (and a list of names) in, mentions with their spans out.
"""

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from events import dates

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
DASH = r"\s*[-–—]\s*"

PATTERNS = [
    # Ranges first, so that "1919-1923" is one mention, not two years.
    ("range", r"\bbetween\s+(?P<first>1[0-9]{3}|20[0-9]{2})\s+and\s+(?P<last>1[0-9]{3}|20[0-9]{2})\b"),
    (
        "range",
        r"\bfrom\s+(?P<first>1[0-9]{3}|20[0-9]{2})\s+(?:to|until|till)\s+(?P<last>1[0-9]{3}|20[0-9]{2})\b",
    ),
    ("range", rf"\b(?P<first>1[0-9]{{3}}|20[0-9]{{2}}){DASH}(?P<last>1[0-9]{{3}}|20[0-9]{{2}}|[0-9]{{2}})\b"),
    ("day", rf"\b(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\s*,?\s+{YEAR}\b"),
    ("day", rf"\b{MONTH}\s+(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?,?\s+{YEAR}\b"),
    ("month", rf"\b{MONTH}\s+(?:of\s+)?{YEAR}\b"),
    ("decade", r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<decade>1[0-9]{2}0|20[0-9]0)(?:'?s)\b"),
    ("year", rf"\b{YEAR}\b"),
]
COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in PATTERNS]
DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (6, 9), None: (0, 9)}


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    first: datetime.date
    last: datetime.date
    precision: str

    def describe(self):
        """Render the mention as a reader would: "1922", "1919–1922", "March 1921"."""
        if self.precision == dates.DECADE and (self.first.year % 10, self.last.year % 10) != (0, 9):
            return self.text.removeprefix("the ").strip()
        if self.first.year != self.last.year and self.precision == dates.YEAR:
            return f"{self.first.year}–{self.last.year}"
        return dates.format_date(self.first, self.precision)


def find_dates(text):
    """Return the date mentions in `text`, in order, none overlapping another."""
    found, taken = [], []
    for kind, pattern in COMPILED:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = _mention(kind, match)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda mention: mention.start)


def _mention(kind, match):
    text, start, end = match.group(), match.start(), match.end()
    try:
        if kind == "range":
            first, last = int(match["first"]), match["last"]
            last = int(last) if len(last) == 4 else first - first % 100 + int(last)
            if last <= first:
                return None
            return DateMention(text, start, end, datetime.date(first, 1, 1), datetime.date(last, 12, 31), dates.YEAR)
        if kind == "day":
            day = datetime.date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
            return DateMention(text, start, end, day, day, dates.DAY)
        if kind == "month":
            first = datetime.date(int(match["year"]), MONTHS[match["month"].lower()], 1)
            return DateMention(text, start, end, first, dates.period_end(first, dates.MONTH), dates.MONTH)
        if kind == "decade":
            decade = int(match["decade"])
            low, high = DECADE_PARTS[match["part"] and match["part"].lower()]
            first, last = datetime.date(decade + low, 1, 1), datetime.date(decade + high, 12, 31)
            return DateMention(text, start, end, first, last, dates.DECADE)
        year = int(match["year"])
        return DateMention(text, start, end, datetime.date(year, 1, 1), datetime.date(year, 12, 31), dates.YEAR)
    except ValueError:
        return None


def normalise(text):
    """Fold case, diacritics, hyphens and punctuation, keeping each character's place.

    Return the folded text and, for each of its characters, the index of the original character.
    """
    folded, places = [], []
    for index, character in enumerate(text):
        base = unicodedata.normalize("NFKD", character)
        base = "".join(part for part in base if not unicodedata.combining(part)).casefold()
        base = base.replace("ı", "i")
        for part in base:
            folded.append(part if part.isalnum() else " ")
            places.append(index)
    return "".join(folded), places


@dataclass(frozen=True)
class NameMention:
    key: object
    name: str
    start: int
    end: int


def find_names(text, names):
    """Find the `names` ({key: [name, alias, ...]}) in `text`, longest first, as whole words."""
    folded, places = normalise(text)
    padded = f" {folded} "
    candidates = []
    for key, variants in names.items():
        for variant in variants:
            needle = " ".join(normalise(variant)[0].split())
            if not needle:
                continue
            pattern = re.compile(r"(?<= )" + r"\s+".join(map(re.escape, needle.split())) + r"(?= )")
            for match in pattern.finditer(padded):
                start, end = match.start() - 1, match.end() - 1
                candidates.append(NameMention(key, variant, places[start], places[end - 1] + 1))
    found = []
    for mention in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(mention.start < other.end and other.start < mention.end for other in found):
            found.append(mention)
    return sorted(found, key=lambda mention: mention.start)


# Phrases that name an event: "the X War of 1941-1945", "the Treaty of Y", "the Battle of Z".
EVENT_WORDS = (
    r"(?:War|Treaty|Battle|Pact|Convention|Agreement|Accords?|Armistice|Crisis|Revolution|Uprising|Siege"
    r"|Conference|Alliance|Invasion|Massacre|Incident|Protocol|Declaration)"
)
CAPITALISED = r"(?:[A-Z][\w'’]*(?:[-–][A-Z][\w'’]*)*)"
OF_NAME = rf"\s+of\s+(?:the\s+)?{CAPITALISED}(?:\s+{CAPITALISED})*"
EVENT_PHRASE = re.compile(
    rf"\b(?:(?:{CAPITALISED}\s+)+{EVENT_WORDS}(?:{OF_NAME})?|{EVENT_WORDS}{OF_NAME})"
    rf"(?:\s+(?:of|in)\s+(?:1[0-9]{{3}}|20[0-9]{{2}})(?:\s*[-–]\s*(?:1[0-9]{{3}}|20[0-9]{{2}}))?)?"
    rf"(?:\s*\((?:1[0-9]{{3}}|20[0-9]{{2}})(?:\s*[-–]\s*(?:1[0-9]{{3}}|20[0-9]{{2}}))?\))?"
)
GENERIC = {"world war", "cold war", "civil war", "the war", "war"}


def find_event_phrases(text):
    """Return (start, end) spans of phrases that look like the name of an event."""
    spans = []
    for match in EVENT_PHRASE.finditer(text):
        start = match.start()
        words = match.group().split()
        # Sentence-initial words and articles are not part of a name: "However, the War of ..." keeps "War".
        while words and words[0].lower() in {"the", "a", "an", "however", "during", "after", "before", "this", "these"}:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
            words = words[1:]
        if words and " ".join(words).lower() not in GENERIC:
            spans.append((start, match.end()))
    return spans
