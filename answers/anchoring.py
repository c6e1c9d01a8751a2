"""Split answer text into claims and anchor them W3C-style (quote, context and position).

Imports no models, so it can be used (and tested) without a database. Answers come from the web, so
every function here runs in time linear in the text it is given.
"""

import bisect
import collections
import difflib
import itertools
import re

from config.text import shorten

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


def first_sentence(text, limit=160):
    """Return the first sentence of `text` (its first line with words, without a bullet marker), as
    split_claims() reads sentences; one longer than `limit` is cut at a word boundary with an ellipsis."""
    line = next((line for line in text.split("\n") if _has_words(line)), "")
    marker = BULLET.match(line)
    start, end = next(_sentences(line, marker.end() if marker else 0))
    return shorten(line[start:end], limit)


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


WORD = re.compile(r"\w++|[^\w\s]")
# How alike a claim's old words and the sentence now in their place must be for the claim to follow it.
SIMILAR = 0.6
# Word pairs difflib may weigh in one comparison. Its time grows with the product of the lengths (and worse
# when a word repeats), so past this a stretch is aligned on its unique words, or compared by its words'
# counts, and every edit costs time linear in the texts.
COMPARED_PAIRS = 2_500


def _tokens(text):
    return [(match.start(), match.end(), match.group()) for match in WORD.finditer(text)]


def _opcodes(old_words, new_words):
    """Return difflib-style opcodes from `old_words` to `new_words`, in time linear in their length (n log n).

    The words both texts start and end with are matched directly. In the changed stretch between, words
    that occur exactly once on each side and in the same order anchor the alignment (as patience diff
    does); difflib compares the small gaps between anchors, and a gap too large to compare is taken as one
    replacement.
    """
    opcodes = []
    _align(old_words, new_words, 0, len(old_words), 0, len(new_words), opcodes)
    merged = []
    for opcode in opcodes:
        if merged and merged[-1][0] == opcode[0] == "equal":
            merged[-1] = ("equal", merged[-1][1], opcode[2], merged[-1][3], opcode[4])
        else:
            merged.append(opcode)
    return merged


def _align(old, new, i1, i2, j1, j2, opcodes, anchored=False):
    """Append the opcodes that turn old[i1:i2] into new[j1:j2] (`anchored`: a gap between unique anchors)."""
    head = 0
    while i1 + head < i2 and j1 + head < j2 and old[i1 + head] == new[j1 + head]:
        head += 1
    tail = 0
    while i2 - tail > i1 + head and j2 - tail > j1 + head and old[i2 - tail - 1] == new[j2 - tail - 1]:
        tail += 1
    if head:
        opcodes.append(("equal", i1, i1 + head, j1, j1 + head))
    i1, j1, i2, j2 = i1 + head, j1 + head, i2 - tail, j2 - tail
    if i1 < i2 or j1 < j2:
        _align_middle(old, new, i1, i2, j1, j2, opcodes, anchored)
    if tail:
        opcodes.append(("equal", i2, i2 + tail, j2, j2 + tail))


def _align_middle(old, new, i1, i2, j1, j2, opcodes, anchored):
    if i1 == i2 or j1 == j2:
        opcodes.append(("delete" if i1 < i2 else "insert", i1, i2, j1, j2))
        return
    if (i2 - i1) * (j2 - j1) <= COMPARED_PAIRS:
        matcher = difflib.SequenceMatcher(None, old[i1:i2], new[j1:j2], autojunk=False)
        opcodes.extend((tag, a1 + i1, a2 + i1, b1 + j1, b2 + j1) for tag, a1, a2, b1, b2 in matcher.get_opcodes())
        return
    # Anchors are looked for once, in the whole changed stretch: the gaps between them are compared or replaced.
    anchors = [] if anchored else _unique_anchors(old, new, i1, i2, j1, j2)
    if not anchors:
        opcodes.append(("replace", i1, i2, j1, j2))
        return
    for i, j in anchors:
        _align(old, new, i1, i, j1, j, opcodes, anchored=True)
        opcodes.append(("equal", i, i + 1, j, j + 1))
        i1, j1 = i + 1, j + 1
    _align(old, new, i1, i2, j1, j2, opcodes, anchored=True)


def _unique_anchors(old, new, i1, i2, j1, j2):
    """Return (i, j) pairs of words found exactly once in old[i1:i2] and in new[j1:j2], the longest run of
    them in the same order on both sides."""
    counts = collections.Counter(old[i1:i2])
    in_new = collections.Counter(new[j1:j2])
    where = {word: j for j, word in enumerate(new[j1:j2], start=j1) if in_new[word] == 1 and counts[word] == 1}
    pairs = [(i, where[word]) for i, word in enumerate(old[i1:i2], start=i1) if word in where]
    # The longest increasing run of new positions, by patience sorting.
    tails, links, ends = [], [None] * len(pairs), []
    for index, (_, j) in enumerate(pairs):
        place = bisect.bisect_left(tails, j)
        links[index] = ends[place - 1] if place else None
        if place == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[place], ends[place] = j, index
    run, index = [], ends[-1] if ends else None
    while index is not None:
        run.append(pairs[index])
        index = links[index]
    return run[::-1]


def similarity(before, after):
    """Return how alike two lists of words are, 0 to 1: difflib's ratio, or for long lists an upper bound of it
    from the words' counts (linear time)."""
    if not before and not after:
        return 1.0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR:
        return matcher.real_quick_ratio()
    quick = matcher.quick_ratio()
    if quick < SIMILAR or len(before) * len(after) > COMPARED_PAIRS * 4:
        return quick
    return matcher.ratio()


class Edit:
    """An edit of a text, compared word by word: where each stretch of the old text went in the new one."""

    def __init__(self, old_body, new_body):
        self.old, self.new, self.new_body = _tokens(old_body), _tokens(new_body), new_body
        self.old_starts = [token[0] for token in self.old]
        self.old_ends = [token[1] for token in self.old]
        self.opcodes = _opcodes([token[2] for token in self.old], [token[2] for token in self.new])
        self.opcode_starts = [opcode[1] for opcode in self.opcodes if opcode[1] < opcode[2]]
        self.opcodes_by_start = [opcode for opcode in self.opcodes if opcode[1] < opcode[2]]
        self.sentence_words = {}  # the words of each sentence compared so far, by span

    def _opcode(self, index):
        return self.opcodes_by_start[bisect.bisect_right(self.opcode_starts, index) - 1]

    def _start(self, j):
        return self.new[j][0] if j < len(self.new) else len(self.new_body)

    def follow(self, start, end):
        """Return the (start, end) of the new text that stands where old[start:end] stood (empty if deleted)."""
        first, last = bisect.bisect_right(self.old_ends, start), bisect.bisect_left(self.old_starts, end) - 1
        if first > last:
            return None
        tag, i1, _, j1, _ = self._opcode(first)
        new_start = self._start(j1 + first - i1 if tag == "equal" else j1)
        tag, i1, _, j1, j2 = self._opcode(last)
        after_last = j1 + last - i1 + 1 if tag == "equal" else j2
        new_end = self.new[after_last - 1][1] if after_last > j1 else new_start
        return new_start, max(new_start, new_end)

    def reworded(self, exact, start, end, sentences):
        """Return the sentence (of `sentences`, spans in the new text, in order) that a claim's words became.

        It is the sentence that overlaps most where the claim stood, if its words are alike enough; else None.
        """
        region = self.follow(start, end)
        if region is None:
            return None
        first = bisect.bisect_right(sentences, region[0], key=lambda span: span[1])
        overlap = {}
        for span in itertools.islice(sentences, first, None):
            if span[0] >= region[1]:
                break
            overlap[span] = min(span[1], region[1]) - max(span[0], region[0])
        best = max(overlap, key=overlap.get, default=None)
        if best is None or overlap[best] <= 0:
            return None
        if best not in self.sentence_words:
            self.sentence_words[best] = WORD.findall(self.new_body, best[0], best[1])
        return best if similarity(WORD.findall(exact), self.sentence_words[best]) >= SIMILAR else None


def _common_prefix(a, b):
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _common_suffix(a, b):
    return _common_prefix(a[::-1], b[::-1])


class Taken:
    """The characters of a text that spans (claims, mentions) already cover.

    Testing a span for overlap costs its length, not the number of spans already taken, so settling the
    overlaps of n spans stays linear.
    """

    def __init__(self, text):
        self.marks = bytearray(len(text))

    def overlaps(self, start, end):
        return self.marks.find(1, start, end) != -1

    def take(self, start, end):
        self.marks[start:end] = b"\x01" * (end - start)


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
