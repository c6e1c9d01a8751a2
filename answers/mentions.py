"""Find dates and event names in claim text.

Imports no models: text (and a list of names) in, mentions with their spans out.

Claim text comes from the web, so everything here runs in time linear in its input: no pattern has
quantifiers that can retry the same characters (repetitions next to each other are possessive), and
overlaps are settled by marking the characters already taken, not by comparing every pair of mentions.
"""

import calendar
import datetime
import functools
import itertools
import operator
import re
import unicodedata
from typing import NamedTuple

from answers.anchoring import Taken
from events import dates

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = r"(?=[adfjmnos])(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
DASH = r"\s*+[-–—]\s*+"
# "24 July, 1923" or "24 July 1923": spaces, or a comma followed by spaces.
BEFORE_YEAR = r"(?:\s*+,\s++|\s++)"

PATTERNS = [
    # Ranges first, so that "1919-1923" is one mention, not two years.
    ("range", r"\bbetween\s++(?P<first>1[0-9]{3}|20[0-9]{2})\s++and\s++(?P<last>1[0-9]{3}|20[0-9]{2})\b"),
    (
        "range",
        r"\bfrom\s++(?P<first>1[0-9]{3}|20[0-9]{2})\s++(?:to|until|till)\s++(?P<last>1[0-9]{3}|20[0-9]{2})\b",
    ),
    ("range", rf"\b(?P<first>1[0-9]{{3}}|20[0-9]{{2}}){DASH}(?P<last>1[0-9]{{3}}|20[0-9]{{2}}|[0-9]{{2}})\b"),
    ("day", rf"\b(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?\s++(?:of\s++)?{MONTH}{BEFORE_YEAR}{YEAR}\b"),
    ("day", rf"\b{MONTH}\s++(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?,?+\s++{YEAR}\b"),
    ("month", rf"\b{MONTH}\s++(?:of\s++)?{YEAR}\b"),
    ("decade", r"\b(?:the\s++)?(?:(?P<part>early|mid|late)[\s-]++)?(?P<decade>1[0-9]{2}0|20[0-9]0)(?:'?s)\b"),
    ("year", rf"\b{YEAR}\b"),
]
COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in PATTERNS]
# Every pattern holds a year or a decade: four digits in a row. Most sentences have none.
FOUR_DIGITS = re.compile(r"[0-9]{4}")
DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (6, 9), None: (0, 9)}


class DateMention(NamedTuple):
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
    if not FOUR_DIGITS.search(text):
        return []
    found, taken = [], Taken(text)
    for kind, pattern in COMPILED:
        for match in pattern.finditer(text):
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            mention = _mention(kind, match)
            if mention is not None:
                found.append(mention)
                taken.take(start, end)
    found.sort(key=operator.itemgetter(1))
    return found


@functools.lru_cache(maxsize=4096)
def _years(first, last):
    return datetime.date(first, 1, 1), datetime.date(last, 12, 31)


def _mention(kind, match):
    text, start, end = match.group(), match.start(), match.end()
    try:
        if kind == "range":
            first, last = int(match["first"]), match["last"]
            last = int(last) if len(last) == 4 else first - first % 100 + int(last)
            if last <= first:
                return None
            return DateMention(text, start, end, *_years(first, last), dates.YEAR)
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
        return DateMention(text, start, end, *_years(year, year), dates.YEAR)
    except ValueError:
        return None


class _Folding(dict):
    """What each character folds to, by code point, worked out once per character (for str.translate)."""

    def __missing__(self, code):
        base = unicodedata.normalize("NFKD", chr(code))
        base = "".join(part for part in base if not unicodedata.combining(part)).casefold()
        folded = "".join(part if part.isalnum() else " " for part in base.replace("ı", "i"))
        self[code] = folded
        if len(folded) != 1:
            RESIZED.add(chr(code))
        return folded


FOLDING = _Folding()
RESIZED = set()  # characters that fold to more or fewer than one character ("ß" to "ss", a lone accent to "")


def normalise(text):
    """Fold case, diacritics, hyphens and punctuation, keeping each character's place.

    Return the folded text and, for each of its characters, the index of the original character.
    """
    folded = text.translate(FOLDING)
    if len(folded) == len(text) and RESIZED.isdisjoint(text):
        return folded, range(len(text))
    sizes = map(len, map(FOLDING.__getitem__, map(ord, text)))
    return folded, list(itertools.chain.from_iterable(map(itertools.repeat, range(len(text)), sizes)))


class NameMention(NamedTuple):
    key: object
    name: str
    start: int
    end: int


@functools.lru_cache(maxsize=4096)
def name_words(name):
    """Return the words of `name` as normalise() folds them."""
    return tuple(normalise(name)[0].split())


WORD = re.compile(r"[^ ]++")


class NameTree:
    """Names ({key: [name, alias, ...]}) as a tree of their folded words, built once and matched many times."""

    def __init__(self, names):
        self.root = {}
        for key, variants in names.items():
            for variant in variants:
                if words := name_words(variant):
                    node = self.root
                    for word in words:
                        node = node.setdefault(word, {})
                    node.setdefault(None, []).append((key, variant))


def find_names(text, names):
    """Find the `names` ({key: [name, alias, ...]}, or a NameTree of them) in `text`, longest first, as whole words.

    One pass over the text's words, walking the tree of the names' words from each: the time does not grow
    with the number of names that share a beginning. A name's own occurrences never overlap (the next is
    looked for after the last one ends); where names overlap each other, the longer wins, then the earlier.
    """
    tree = names if isinstance(names, NameTree) else NameTree(names)
    folded, places = normalise(text)
    spans = [match.span() for match in WORD.finditer(folded)]
    words = [folded[start:end] for start, end in spans]
    free_from = {}  # where the next occurrence of each (key, name) may start
    candidates = []
    for index, word in enumerate(words):
        node, last = tree.root.get(word), index
        while node is not None:
            for entry in node.get(None, ()):
                if spans[index][0] >= free_from.get(entry, 0):
                    free_from[entry] = spans[last][1]
                    start, end = places[spans[index][0]], places[spans[last][1] - 1] + 1
                    candidates.append(NameMention(entry[0], entry[1], start, end))
            last += 1
            node = node.get(words[last]) if last < len(words) else None
    found, taken = [], Taken(text)
    for mention in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if not taken.overlaps(mention.start, mention.end):
            found.append(mention)
            taken.take(mention.start, mention.end)
    found.sort(key=operator.attrgetter("start"))
    return found


# Phrases that name an event: "the X War of 1941-1945", "the Treaty of Y", "the Battle of Z".
EVENT_WORDS = (
    r"(?:War|Treaty|Battle|Pact|Convention|Agreement|Accords?|Armistice|Crisis|Revolution|Uprising|Siege"
    r"|Conference|Alliance|Invasion|Massacre|Incident|Protocol|Declaration)"
)
CAPITALISED = r"(?:[A-Z][\w'’]*+(?:[-–][A-Z][\w'’]*+)*+)"
OF_NAME = rf"\s++of\s++(?:the\s++)?{CAPITALISED}(?:\s++{CAPITALISED})*+"
YEARS = r"(?:1[0-9]{3}|20[0-9]{2})(?:\s*+[-–]\s*+(?:1[0-9]{3}|20[0-9]{2}))?"
# A run of capitalised words ("Turkish Soviet War"), each found once: phrases are read off the run.
CAPITALISED_RUN = re.compile(rf"\b{CAPITALISED}(?:\s++{CAPITALISED})*+")
CAPITALISED_WORD = re.compile(CAPITALISED)
EVENT_WORD = re.compile(EVENT_WORDS)
EVENT_WORD_AT_BOUNDARY = re.compile(rf"\b{EVENT_WORDS}")
NAMED_BY_OF = re.compile(OF_NAME)
# What may follow the event word: "of Moscow", "of 1941-1945", "in 1921", "(1921)".
PHRASE_END = re.compile(rf"(?:{OF_NAME})?(?:\s++(?:of|in)\s++{YEARS})?(?:\s*+\({YEARS}\))?")
GENERIC = {"world war", "cold war", "civil war", "the war", "war"}
LEADING_WORDS = {"the", "a", "an", "however", "during", "after", "before", "this", "these"}
# A run of those words, each ending where white space begins (as str.split() would cut them).
LEADING_RUN = re.compile(r"(?:\s*+(?i:" + "|".join(sorted(LEADING_WORDS, key=len, reverse=True)) + r")(?=\s|$))++")


def find_event_phrases(text):
    """Return (start, end) spans of phrases that look like the name of an event."""
    spans = []
    for start, end in _event_phrases(text):
        # Sentence-initial words and articles are not part of a name: "However, the War of ..." keeps "War".
        leading = LEADING_RUN.match(text, start, end)
        words = text[leading.end() : end].split() if leading else text[start:end].split()
        if leading:
            start = end if not words else text.index(words[0], leading.end())
        if words and " ".join(words).lower() not in GENERIC:
            spans.append((start, end))
    return spans


def _event_phrases(text):
    """Yield the (start, end) of each phrase that names an event, in order, none overlapping.

    A phrase is capitalised words ending in an event word ("Turkish Soviet War"), or an event word that
    starts its run followed by "of" and a name ("Treaty of Moscow"); either may go on with "of"/"in" and a
    year, or a year in brackets. Each run of capitalised words is read once: its phrase ends at the last
    event word the run holds.
    """
    position = 0
    while run := CAPITALISED_RUN.search(text, position):
        words = [word.start() for word in CAPITALISED_WORD.finditer(text, run.start(), run.end())]
        event_word = next((match for start in reversed(words[1:]) if (match := EVENT_WORD.match(text, start))), None)
        if event_word is not None:
            start, end = run.start(), PHRASE_END.match(text, event_word.end()).end()
        else:
            # Else an event word followed by "of" and a name, where the run ends ("Post-War of Independence").
            start = end = None
            for match in EVENT_WORD_AT_BOUNDARY.finditer(text, run.start(), run.end()):
                if NAMED_BY_OF.match(text, match.end()):
                    start, end = match.start(), PHRASE_END.match(text, match.end()).end()
                    break
        if start is None:
            position = run.end()
            continue
        yield start, end
        position = end
