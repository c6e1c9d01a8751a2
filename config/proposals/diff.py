"""Show what a proposal changes: each field's value as a reviewer reads it, long text word by word."""

import difflib
import re

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
WORD = re.compile(r"\w")
LONG_TEXT = 80  # characters; shorter values are compared whole


def words(text):
    """Split text into words, spaces and punctuation, keeping every character."""
    return TOKEN.findall(text)


CONTEXT = 12  # words shown around each change; longer unchanged stretches are cut short


def visible(text):
    """Show a change of white space alone: a new paragraph or line as ¶, a space as ·."""
    return text.replace(" ", "·").replace("\n", "¶\n") if text and not text.strip() else text


def shorten(tokens, first, last):
    """Return unchanged `tokens` as text, cut to CONTEXT words after a change and before the next one."""
    if len(tokens) <= 4 * CONTEXT:
        return "".join(tokens)
    head = "".join(tokens[: 2 * CONTEXT]) if not first else ""
    tail = "".join(tokens[-2 * CONTEXT :]) if not last else ""
    return f"{head}…{tail}"


def grouped(operations, old):
    """Fold each unchanged run of only spaces and punctuation between two changes into them.

    A rewritten passage then reads as one deletion followed by one insertion, not as its words struck
    out and added one by one around the spaces they happen to share.
    """
    result = []
    for index, (operation, i1, i2, j1, j2) in enumerate(operations):
        between_changes = 0 < index < len(operations) - 1
        if operation == "equal" and between_changes and not any(WORD.search(token) for token in old[i1:i2]):
            operation = "replace"
        if operation != "equal" and result and result[-1][0] != "equal":
            i1, j1 = result.pop()[1::2]
        if operation != "equal":
            operation = "replace" if i1 < i2 and j1 < j2 else ("delete" if i1 < i2 else "insert")
        result.append((operation, i1, i2, j1, j2))
    return result


def word_diff(before, after):
    """Return HTML of `after` with the words deleted from `before` in <del> and the words added in <ins>.

    Only the words around each change are shown; a change of white space alone is made visible.
    """
    old, new = words(before), words(after)
    operations = grouped(difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes(), old)
    pieces = []
    for index, (operation, i1, i2, j1, j2) in enumerate(operations):
        if operation in ("delete", "replace"):
            pieces.append(("<del>{}</del>", visible("".join(old[i1:i2]))))
        if operation in ("insert", "replace"):
            pieces.append(("<ins>{}</ins>", visible("".join(new[j1:j2]))))
        if operation == "equal":
            pieces.append(("{}", shorten(new[j1:j2], first=index == 0, last=index == len(operations) - 1)))
    return format_html_join("", "{}", ((format_html(template, text),) for template, text in pieces))


def display(field, value):
    """Return a proposal's stored `value` of `field` as a reviewer should read it."""
    if value is None or value == "" or value == []:
        return "—"
    if field.many_to_many:
        related = field.related_model._default_manager.filter(pk__in=value)
        return "\n".join(str(obj) for obj in related) or "—"
    if field.is_relation:
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj is not None else _("(deleted)")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def rows(model, before, after):
    """Return, for each field of `after`, (label, before as text, after as text, word diff or None, changed)."""
    fields = {field.name: field for field in model.reviewed_fields()}
    result = []
    for name, value in after.items():
        field = fields[name]
        old, new = display(field, before.get(name)), display(field, value)
        long_text = isinstance(value, str) and not field.is_relation and max(len(old), len(new)) > LONG_TEXT
        result.append((field.verbose_name, old, new, word_diff(old, new) if long_text else None, old != new))
    return result
