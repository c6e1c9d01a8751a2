"""Cut an answer's text into paragraphs and lists, for the public question page.

Lines that start with "- ", "* " or "• " make a bulleted list; lines that start with "1. " or "1) " a numbered
one. The text keeps every character but the list markers and the line breaks around a list, and its claim
pieces (see anchoring.segments) stay whole inside each block; a claim that runs over two list items is cut
in two, one piece in each.
"""

import re
from dataclasses import dataclass, field

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*")
LIST_ITEM = re.compile(r"[ \t]*(?:(?P<bullet>[-*•])|(?P<number>\d{1,3})[.)])[ \t]+(?=\S)")


@dataclass
class Block:
    """A paragraph (tag "") with its pieces, or a list (tag "ul" or "ol") with each item's pieces."""

    tag: str = ""
    pieces: list = field(default_factory=list)
    items: list = field(default_factory=list)
    start: int | None = None  # the number a numbered list starts at, when not 1


def blocks(body, pieces):
    """Return the Blocks of `body`, whose [(text, item or None)] `pieces` cover it in order."""
    spans = []  # (tag, start, end, number): a text run, or one list item without its marker
    text_start = position = 0
    for line in body.split("\n"):
        marker = LIST_ITEM.match(line)
        if marker:
            spans.append(("", text_start, position, None))
            number = marker.group("number")
            end = position + len(line.rstrip("\r"))
            spans.append(("ol" if number else "ul", position + marker.end(), end, number and int(number)))
            text_start = min(position + len(line) + 1, len(body))
        position += len(line) + 1
    spans.append(("", text_start, len(body), None))

    result = []
    cut = _Cutter(pieces)
    for tag, start, end, number in spans:
        if not tag:
            for paragraph_start, paragraph_end in _paragraphs(body, start, end):
                result.append(Block(pieces=cut(paragraph_start, paragraph_end)))
        elif result and result[-1].tag == tag and result[-1].items:
            result[-1].items.append(cut(start, end))
        else:
            result.append(Block(tag=tag, items=[cut(start, end)], start=number if number not in (None, 1) else None))
    return result


def _paragraphs(body, start, end):
    """Yield the (start, end) of each paragraph of body[start:end], without the blank lines between them."""
    for match in PARAGRAPH_BREAK.finditer(body, start, end):
        yield from _trimmed(body, start, match.start())
        start = match.end()
    yield from _trimmed(body, start, end)


def _trimmed(body, start, end):
    while start < end and body[start] in "\r\n":
        start += 1
    while end > start and body[end - 1] in "\r\n":
        end -= 1
    if body[start:end].strip():
        yield start, end


class _Cutter:
    """Return the pieces between two offsets; asked for ranges in order, it reads the pieces once."""

    def __init__(self, pieces):
        self.pieces = pieces
        self.index = 0
        self.offset = 0  # where self.pieces[self.index] starts

    def __call__(self, start, end):
        while self.index < len(self.pieces) and self.offset + len(self.pieces[self.index][0]) <= start:
            self.offset += len(self.pieces[self.index][0])
            self.index += 1
        cut, index, offset = [], self.index, self.offset
        while index < len(self.pieces) and offset < end:
            text, item = self.pieces[index]
            part = text[max(start - offset, 0) : end - offset]
            if part:
                cut.append((part, item))
            offset += len(text)
            index += 1
        return cut
