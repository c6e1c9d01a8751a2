"""Parse question-and-answer documents; read their relative "posted" labels.

A document is UTF-8 text: the question on the first non-empty line, then answers. Each answer starts
with a line that is exactly ``account_box``, then a line with the author's name, then a line with the
posted label ("a year ago"), then its paragraphs until the next ``account_box``.

Imports no models: text in, a ParsedDocument or a DocumentError (with its line number) out.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from answers.anchoring import split_claims
from config.text import find_refused

ANSWER_MARKER = "account_box"
MAX_QUESTION_LENGTH = 1000
MAX_AUTHOR_LENGTH = 200
MAX_LABEL_LENGTH = 100


@dataclass(frozen=True)
class Limits:
    """How much one document may hold. A document past any limit is refused at the line where it passes it.

    The defaults are far above any real question-and-answer page (the seed is 4 KB, 34 claims); settings
    (FACTLINE_IMPORT_LIMITS) can change them.
    """

    document_bytes: int = 1_000_000
    line_characters: int = 20_000
    answers: int = 50
    claims_per_answer: int = 500
    claim_characters: int = 3_000


def configured_limits():
    """Return the limits in force: the defaults, with what settings.FACTLINE_IMPORT_LIMITS changes."""
    from django.conf import settings

    return Limits(**getattr(settings, "FACTLINE_IMPORT_LIMITS", {}))


class DocumentError(ValueError):
    """A document that cannot be imported, with the line where the problem is."""

    def __init__(self, line, reason):
        super().__init__(f"{line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class ParsedAnswer:
    author: str
    posted_label: str
    body: str
    line: int


@dataclass(frozen=True)
class ParsedDocument:
    question: str
    answers: tuple[ParsedAnswer, ...]


def decode(data):
    """Return the text of a document given as bytes, or raise DocumentError."""
    if b"\x00" in data:
        return _raise_at(data, data.index(b"\x00"), "binary data (a NUL byte), not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _raise_at(data, error.start, f"not UTF-8 text (byte 0x{data[error.start]:02x} cannot be decoded)")


def _raise_at(data, offset, reason):
    # Lines end with LF, CRLF or a lone CR, as normalise_newlines() reads them.
    before = data[:offset]
    raise DocumentError(before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1, reason)


def normalise_newlines(text):
    """Return `text` with CRLF and CR line endings as LF, as documents and answers are stored."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_document(data, limits=Limits()):
    """Parse a document (bytes or text) into a ParsedDocument, or raise DocumentError."""
    data_bytes = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    if len(data_bytes) > limits.document_bytes:
        _raise_at(
            data_bytes,
            limits.document_bytes,
            f"the document is larger than {limits.document_bytes:,} bytes, the most one document may be "
            "(it passes that on this line); split it into several documents",
        )
    text = decode(data) if isinstance(data, bytes) else data
    # A byte order mark belongs at the start, where decode() drops it; one elsewhere is left over from
    # joining files and would hide an answer marker.
    text = text.replace("\ufeff", "")
    refused = find_refused(normalise_newlines(text))
    if refused is not None:
        raise DocumentError(refused.line, str(refused))
    lines = [line.rstrip() for line in normalise_newlines(text).split("\n")]
    numbered = [(number, line) for number, line in enumerate(lines, start=1)]
    for number, line in numbered:
        if len(line) > limits.line_characters:
            raise DocumentError(
                number, f"the line is {len(line):,} characters long; a line may hold at most {limits.line_characters:,}"
            )

    content = [(number, line) for number, line in numbered if line.strip()]
    if not content:
        raise DocumentError(1, "the document is empty")
    question_line, question = content[0]
    question = question.strip()
    if content[0][1] == ANSWER_MARKER:
        raise DocumentError(question_line, f"the document starts with '{ANSWER_MARKER}': the question is missing")
    if len(question) > MAX_QUESTION_LENGTH:
        raise DocumentError(question_line, f"the question is longer than {MAX_QUESTION_LENGTH} characters")

    markers = [index for index, (_, line) in enumerate(numbered) if line == ANSWER_MARKER]
    if not markers:
        raise DocumentError(
            question_line, f"no answers: an answer starts with a line that is exactly '{ANSWER_MARKER}'"
        )
    if len(markers) > limits.answers:
        raise DocumentError(
            numbered[markers[limits.answers]][0], f"more than {limits.answers} answers: split the document"
        )
    for number, line in numbered[question_line : markers[0]]:
        if line.strip():
            raise DocumentError(number, "unexpected text between the question and the first answer")

    answers = []
    for index, marker in enumerate(markers):
        stop = markers[index + 1] if index + 1 < len(markers) else len(numbered)
        answers.append(_parse_answer(numbered[marker:stop], limits))
    return ParsedDocument(question=question, answers=tuple(answers))


def _parse_answer(block, limits):
    """Parse the lines of one answer, starting with its account_box line."""
    marker_line = block[0][0]
    author = _header_line(block, 1, "the author's name")
    if len(author) > MAX_AUTHOR_LENGTH:
        raise DocumentError(
            marker_line + 1,
            f"the author line is longer than {MAX_AUTHOR_LENGTH} characters: is the author's name missing?",
        )
    label = _header_line(block, 2, "the posted label (e.g. 'a year ago')")
    if len(label) > MAX_LABEL_LENGTH:
        raise DocumentError(
            marker_line + 2,
            f"the posted label is longer than {MAX_LABEL_LENGTH} characters: is the posted label missing?",
        )

    paragraphs, current = [], []
    for _, line in block[3:]:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    if not paragraphs:
        raise DocumentError(marker_line, f"the answer by {author} has no text")
    check_claims(block[3:], limits)
    return ParsedAnswer(author=author, posted_label=label, body="\n\n".join(paragraphs), line=marker_line)


def check_answer_text(body, limits=Limits()):
    """Refuse an answer's text that passes a limit, with the line (counted within the answer) where it does."""
    encoded = body.encode("utf-8", "surrogatepass")
    if len(encoded) > limits.document_bytes:
        _raise_at(encoded, limits.document_bytes, f"the text is larger than {limits.document_bytes:,} bytes")
    numbered = list(enumerate(body.split("\n"), start=1))
    for number, line in numbered:
        if len(line) > limits.line_characters:
            raise DocumentError(
                number, f"the line is {len(line):,} characters long; a line may hold at most {limits.line_characters:,}"
            )
    check_claims(numbered, limits)


def check_claims(numbered_lines, limits=Limits()):
    """Refuse an answer's text (its (line number, line) pairs) that makes too many or too long claims."""
    claims = 0
    for number, line in numbered_lines:
        for start, end in split_claims(line):
            claims += 1
            if claims > limits.claims_per_answer:
                reason = f"the answer has more than {limits.claims_per_answer} sentences, the most an answer may have"
                raise DocumentError(number, reason)
            if end - start > limits.claim_characters:
                raise DocumentError(
                    number,
                    f"a sentence of {end - start:,} characters; a claim may hold at most "
                    f"{limits.claim_characters:,}: break the sentence up",
                )


def _header_line(block, offset, what):
    """Return the stripped line `offset` lines after the answer marker, or raise DocumentError."""
    marker_line = block[0][0]
    if not any(line.strip() for _, line in block[offset:]):
        raise DocumentError(marker_line, f"'{ANSWER_MARKER}' is not followed by {what}")
    number, line = block[offset]
    if not line.strip():
        raise DocumentError(number, f"expected {what} on this line, found a blank line")
    return line.strip()


NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
NUMBERS.update({"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12})
RELATIVE_LABEL = re.compile(
    r"(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>second|minute|hour|day|week|month|year)s?\s+ago"
)
SAME_DAY_LABELS = {"just now", "now", "today", "moments ago", "a moment ago", "a few seconds ago"}


def posted_date(label, captured_on):
    """Return the date a posted label such as "8 months ago" implies, counted back from `captured_on`.

    Return None for a label it cannot read.
    """
    label = " ".join(label.lower().split())
    if label in SAME_DAY_LABELS:
        return captured_on
    if label == "yesterday":
        return captured_on - datetime.timedelta(days=1)
    match = RELATIVE_LABEL.fullmatch(label)
    if not match:
        return None
    count = NUMBERS.get(match["count"]) or int(match["count"])
    unit = match["unit"]
    try:
        if unit in ("month", "year"):
            return _months_before(captured_on, count * (12 if unit == "year" else 1))
        # Counted back from the end of the capture day: "3 hours ago" is the capture day itself.
        end_of_day = datetime.datetime.combine(captured_on, datetime.time(23, 59, 59))
        return (end_of_day - datetime.timedelta(**{f"{unit}s": count})).date()
    except OverflowError:
        return None


def _months_before(value, months):
    year, month = divmod(value.year * 12 + value.month - 1 - months, 12)
    month += 1
    if year < datetime.MINYEAR:
        return None
    return value.replace(year=year, month=month, day=min(value.day, calendar.monthrange(year, month)[1]))
