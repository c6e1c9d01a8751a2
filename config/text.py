"""The characters Factline refuses in text, how names are compared, and how text is echoed to a terminal.

Factline publishes text that others wrote, so no text it keeps may look other than it is: no control
characters but newline and tab, no bidirectional controls (they reorder what is shown around them)
and no invisible characters (they make two different texts look alike and hide words from the
timeline check). The document parser, every model's full_clean() (so every admin form) and the
review comments refuse them, through `find_refused` and `CheckedText`.

Imports no models: the document parser uses it too, and every app may import it.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode category Cc but tab, newline and carriage return, which is allowed only before a newline: browsers
# send text areas with CRLF line endings (documents' are normalised before they are checked).
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # marks, embeddings, overrides, isolates
SEPARATORS = "\u2028\u2029"
INVISIBLES = (
    "\u00ad\u115f\u1160\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
)
REFUSED = re.compile(f"[{CONTROLS}{BIDI_CONTROLS}{SEPARATORS}{INVISIBLES}]|\r(?!\n)")
BIDI = re.compile(f"[{BIDI_CONTROLS}]")
ESCAPED = re.compile(f"[\r{CONTROLS}{BIDI_CONTROLS}{SEPARATORS}{INVISIBLES}]")
ESCAPED_WITH_NEWLINES = re.compile(f"[\r\n{CONTROLS}{BIDI_CONTROLS}{SEPARATORS}{INVISIBLES}]")
CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
    "\x9b": "CONTROL SEQUENCE INTRODUCER",
}


@dataclass(frozen=True)
class Refused:
    """A refused character found in a text: where it is (line and column count from 1) and what it is."""

    character: str
    position: int
    line: int
    column: int

    @property
    def name(self):
        """Return the character's code point and name, e.g. "U+202E RIGHT-TO-LEFT OVERRIDE"."""
        name = unicodedata.name(self.character, None) or CONTROL_NAMES.get(self.character)
        return f"U+{ord(self.character):04X} {name}" if name else f"U+{ord(self.character):04X}"

    @property
    def kind(self):
        if unicodedata.category(self.character) == "Cc":
            return "a control character"
        if self.character in SEPARATORS:
            return "a line separator (start a new line instead)"
        if BIDI.match(self.character):
            return "a direction control, which changes the order the text around it is shown in"
        return "an invisible character, which makes text look like other text"

    def __str__(self):
        return f"column {self.column}: {self.name} ({self.kind}) is not allowed; remove it"


def find_refused(text):
    """Return the first refused character in `text` as a Refused, or None: one search, linear in the text."""
    match = REFUSED.search(text)
    if match is None:
        return None
    position = match.start()
    line_start = text.rfind("\n", 0, position) + 1
    return Refused(match[0], position, text.count("\n", 0, position) + 1, position - line_start + 1)


def check_text(text):
    """Raise ValidationError naming the line, column and character if `text` holds a refused character."""
    refused = find_refused(text)
    if refused is not None:
        raise ValidationError(
            _("Line %(line)s, %(refused)s."),
            code="refused_character",
            params={"line": refused.line, "refused": refused},
        )


def refusal(text, what):
    """Return a sentence saying why `text` (`what` it is: "the comment") is refused, or None if it is not."""
    refused = find_refused(text)
    return None if refused is None else f"{what.capitalize()}, line {refused.line}, {refused}."


def name_key(name):
    """Return what `name` is compared by: NFKC-normalised, case-folded, refused characters and repeated spaces
    dropped, so that "ALGO  RHYTHMIA" and "Ａｌｇｏ Ｒｈｙｔｈｍｉａ" both compare as "algo rhythmia"."""
    key = unicodedata.normalize("NFKC", REFUSED.sub("", name))
    return " ".join(unicodedata.normalize("NFKC", key.casefold()).split())


def folded(text):
    """Return `text` without accents and case-folded, as searches compare it: "Atatürk" reads "ataturk".

    SQLite calls it as factline_unaccent() (config/db/sqlite3); PostgreSQL has its own (config/search.py).
    """
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def shorten(text, limit):
    """Return `text` in at most `limit` characters, cut between words with "…" where it was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        words = cut.rsplit(maxsplit=1)
        if len(words) == 2:  # one word longer than the limit is cut inside it: there is nothing else to do
            cut = words[0]
    return cut.rstrip(" ,;:") + "…"


def excerpts(old, new, context=8, longest=60):
    """Return `old` and `new` cut between words around where they differ: the differing words (at most
    `longest`) and `context` words either side, with "…" for what was left out of each."""
    before, after = old.split(), new.split()
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1

    def excerpt(words):
        middle = words[start : len(words) - end]
        if len(middle) > longest:
            middle = [*middle[:longest], "…"]
        head = words[max(0, start - context) : start]
        tail = words[len(words) - end : len(words) - end + context]
        text = " ".join([*head, *middle, *tail])
        if start > context:
            text = "… " + text
        if end > context:
            text += " …"
        return text

    return excerpt(before), excerpt(after)


def printable(text, newlines=True):
    """Return `text` for a terminal: every character it refuses, and newlines if not `newlines`, written as a
    visible escape (``\\u001b``, ``\\u202e``; the form JSON and JavaScript read) instead of echoed raw."""
    pattern = ESCAPED if newlines else ESCAPED_WITH_NEWLINES
    return pattern.sub(_escape, text)


def _escape(match):
    units = match[0].encode("utf-16-be").hex()
    return "".join(f"\\u{units[index : index + 4]}" for index in range(0, len(units), 4))


class CheckedText:
    """A model mixin: full_clean() (so every model form, the admin's included) refuses a text field's value
    that holds a refused character, naming its line, column and name."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if not isinstance(value, str) or field.name in (exclude or ()) or field.name in errors:
                continue
            try:
                check_text(value)
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


class UniqueNameKey:
    """A model mixin for a unique `name` that may not look like another's: its `name_key` column (which the
    model declares unique, so the database refuses a look-alike too) is filled from the name on save, and
    validate_unique() says which existing name a new one looks like."""

    derived_fields = ("name_key",)

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None):
        errors = {}
        try:
            super().validate_unique(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "name" not in (exclude or ()) and "name" not in errors and self.name:
            others = type(self)._default_manager.exclude(pk=self.pk) if self.pk else type(self)._default_manager
            existing = others.filter(name_key=name_key(self.name)).first()
            if existing is not None:
                errors["name"] = [
                    ValidationError(
                        _("“%(name)s” looks the same as the existing %(model)s “%(existing)s”."),
                        code="look_alike",
                        params={"name": self.name, "model": self._meta.verbose_name, "existing": existing.name},
                    )
                ]
        if errors:
            raise ValidationError(errors)


def fill_name_keys(app_label, model_name):
    """Return a migration step that fills `name_key` for the rows there are, refusing look-alikes already in."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        named = {}
        for pk, name in model.objects.values_list("pk", "name"):
            named.setdefault(name_key(name), []).append(name)
            model.objects.filter(pk=pk).update(name_key=name_key(name))
        alike = [" / ".join(names) for names in named.values() if len(names) > 1]
        if alike:
            raise ValueError(
                f"These {model._meta.verbose_name_plural} look the same: {'; '.join(alike)}. Rename or merge them "
                "with the previous version of Factline, then migrate again."
            )

    return fill
