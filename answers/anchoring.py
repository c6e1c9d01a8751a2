"""Split answer text into claims and anchor them W3C-style (quote, context and position).

Imports no models, so it can be used (and tested) without a database.
"""

import re

CONTEXT_LENGTH = 32

# Abbreviations after which a full stop does not end a sentence (lower case, with their dots).
ABBREVIATIONS = frozenset(
    [
        "e.g.",
        "i.e.",
        "cf.",
        "viz.",
        "vs.",
        "approx.",
        "ca.",
        "c.",
        "incl.",
        "esp.",
        "al.",
        "fig.",
        "no.",
        "nos.",
        "vol.",
        "vols.",
        "pp.",
        "p.",
        "ed.",
        "eds.",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "st.",
        "gen.",
        "lt.",
        "col.",
        "capt.",
        "maj.",
        "sgt.",
        "adm.",
        "gov.",
        "pres.",
        "sen.",
        "rep.",
        "rev.",
        "hon.",
        "jr.",
        "sr.",
        "mt.",
        "ft.",
        "co.",
        "corp.",
        "inc.",
        "ltd.",
        "dept.",
        "univ.",
        "est.",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
    ]
)
# Abbreviations that end a sentence when a capitalised word follows.
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc."})

BULLET = re.compile(r"(?:[-*•–—]|\d{1,3}[.)]|[a-z][.)])\s+")
CANDIDATE_END = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s)")
NEXT_CHARACTER = re.compile(r"\s*+(\S)")
INITIAL = re.compile(r"[A-HJ-Z]\.")
DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}")


def split_claims(body):
    """Return the (start, end) spans of the sentences in `body`, one claim each, in order.

    Every line is split separately, so a bullet point is never joined to the next line; a bullet
    marker at the start of a line is left out of the claim.
    """
    spans = []
    offset = 0
    for line in body.split("\n"):
        marker = BULLET.match(line)
        content_start = marker.end() if marker else 0
        spans.extend(
            (offset + start, offset + end)
            for start, end in _sentences(line, content_start)
            if _has_words(line[start:end])
        )
        offset += len(line) + 1
    return spans


def _sentences(line, position):
    """Yield the spans of the sentences in `line` from `position` on, trimmed of white space."""
    start = position
    for match in CANDIDATE_END.finditer(line, position):
        if _ends_sentence(line, start, match):
            yield _trim(line, start, match.end())
            start = match.end()
    yield _trim(line, start, len(line))


def _ends_sentence(line, sentence_start, match):
    """Tell whether the punctuation in `match` ends a sentence."""
    following = NEXT_CHARACTER.match(line, match.end())
    character = following.group(1) if following else ""
    if not character or not (character.isupper() or character.isdigit() or character in "\"'“‘(["):
        return False
    if match.group() != ".":
        return True
    word_start = line.rfind(" ", sentence_start, match.start()) + 1
    word = line[max(word_start, sentence_start) : match.end()].lstrip("\"'“‘([")
    lowered = word.lower()
    if lowered in SENTENCE_FINAL_ABBREVIATIONS:
        return True
    return not (lowered in ABBREVIATIONS or INITIAL.fullmatch(word) or DOTTED_ACRONYM.fullmatch(word))


def _trim(line, start, end):
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end


def _has_words(text):
    return any(character.isalnum() for character in text)


def context(body, start, end):
    """Return the prefix and suffix around body[start:end], CONTEXT_LENGTH characters at most."""
    return body[max(0, start - CONTEXT_LENGTH) : start], body[end : end + CONTEXT_LENGTH]


def reanchor(body, exact, prefix, suffix, start, end):
    """Return the new (start, end) of a quote in an edited `body`, or None if it is gone.

    The old position wins when the quote is still there; otherwise the occurrence whose
    surrounding text best matches the old prefix and suffix, and the nearest on a tie.
    """
    if body[start:end] == exact:
        return start, end
    occurrences = [match.start() for match in re.finditer(re.escape(exact), body)]
    if not occurrences:
        return None

    def score(position):
        before, after = context(body, position, position + len(exact))
        return (_common_suffix(before, prefix) + _common_prefix(after, suffix), -abs(position - start))

    best = max(occurrences, key=score)
    return best, best + len(exact)


def _common_prefix(a, b):
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _common_suffix(a, b):
    return _common_prefix(a[::-1], b[::-1])


def segments(body, spans):
    """Cut `body` at the given (start, end, item) spans: return [(text, item or None), ...] in order.

    Spans that overlap an earlier one or fall outside the body are left out, so every character of
    `body` appears exactly once.
    """
    pieces, position = [], 0
    for start, end, item in sorted(spans, key=lambda span: span[:2]):
        if start < position or end > len(body) or start >= end:
            continue
        if start > position:
            pieces.append((body[position:start], None))
        pieces.append((body[start:end], item))
        position = end
    if position < len(body):
        pieces.append((body[position:], None))
    return pieces


def paragraph_around(body, start, end):
    """Return the (start, end) of the paragraph (or paragraphs) that hold body[start:end]."""
    before = body.rfind("\n\n", 0, start)
    after = body.find("\n\n", end)
    return (0 if before == -1 else before + 2), (len(body) if after == -1 else after)
