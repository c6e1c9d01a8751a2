"""Time Factline's text functions on ordinary and crafted input at 10 KB, 100 KB and 1 MB.

``make bench-text`` (or ``python -m bench.text [--sizes 10000,100000,1000000]``) prints, for every function
and input, the seconds at each size and the ratio between consecutive sizes: about 10 per tenfold size
means linear time. The functions need no database; the timeline is the seed's, read from fixtures/events.json.
"""

import argparse
import datetime
import itertools
import json
import time
from pathlib import Path

from answers import anchoring, crosscheck, documents, mentions

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "documents" / "turkish-war-of-independence-and-turkey-russia.txt"
SIZES = (10_000, 100_000, 1_000_000)
# The parser is timed on documents past the import limits, which would refuse them at once.
NO_LIMITS = documents.Limits(*[10**12] * 5)
LIMIT = 30.0  # seconds: a function slower than this at one size is not run at the larger ones


def seed_timeline():
    """Return the seed's events as crosscheck.TimelineEvent values."""
    rows = json.loads((ROOT / "fixtures" / "events.json").read_text())
    events = []
    for number, row in enumerate(row for row in rows if row["model"] == "events.event"):
        fields = row["fields"]
        events.append(
            crosscheck.TimelineEvent(
                key=number,
                name=fields["name"],
                names=tuple(line.strip() for line in fields["aliases"].splitlines() if line.strip()),
                start=datetime.date.fromisoformat(fields["start_date"]),
                start_precision=fields["start_precision"],
                end=fields["end_date"] and datetime.date.fromisoformat(fields["end_date"]),
                end_precision=fields["end_precision"],
            )
        )
    return events


def seed_body():
    """Return the answers' text of the seed document, paragraphs as stored."""
    return "\n\n".join(answer.body for answer in documents.parse_document(SEED.read_bytes()).answers)


def repeat(unit, size):
    """Return `unit` repeated as often as it fits in `size` characters (whole, so each size reads alike)."""
    return unit * max(1, size // len(unit))


def edited(body):
    """Return `body` with every third sentence reworded, as an editor's rewrite would."""
    return body.replace(" was ", " had been ").replace("1923", "1924")


def inputs(timeline):
    """Yield (function name, input name, make(size) -> callable) for every case."""
    body = seed_body()
    ordinary = lambda size: repeat(body + "\n\n", size)  # noqa: E731
    document = SEED.read_text()
    names = {event.key: (event.name, *event.names) for event in timeline}
    yield (
        "parse_document",
        "ordinary",
        lambda size: _call(documents.parse_document, _document(document, size), NO_LIMITS),
    )
    yield "parse_document", "one long line", lambda size: _call(documents.parse_document, _long_line(size), NO_LIMITS)
    yield "split_claims", "ordinary", lambda size: _call(anchoring.split_claims, ordinary(size))
    yield "split_claims", '"Mr.\\tA. " * n', lambda size: _call(anchoring.split_claims, repeat("Mr.\tA. ", size))
    yield "split_claims", '"a" * n + ". B"', lambda size: _call(anchoring.split_claims, "a" * size + ". B")
    yield "reanchor", "ordinary", lambda size: _call(_reanchor_last, ordinary(size))
    yield (
        "reanchor",
        '"a" * n, quote "a" * 999 + "b"',
        lambda size: _call(anchoring.reanchor, "a" * size, "a" * 999 + "b", "", "", 0, 1000),
    )
    yield "Edit", "ordinary rewrite", lambda size: _call(_follow_all, ordinary(size), edited(ordinary(size)))
    yield "Edit", '"a " * n rewritten', lambda size: _call(_follow_all, repeat("a ", size), repeat("a b ", size))
    yield (
        "Edit",
        "sentences of one repeated word",
        lambda size: _call(
            _follow_all, repeat("X " + "a " * 900 + "end. ", size), repeat("Y " + "a b " * 450 + "end. ", size)
        ),
    )
    yield "find_dates", "ordinary", lambda size: _call(mentions.find_dates, ordinary(size))
    yield (
        "find_dates",
        '"1 January" + spaces + "x"',
        lambda size: _call(mentions.find_dates, "1 January" + " " * size + "x"),
    )
    yield "find_dates", '"1919 " * n', lambda size: _call(mentions.find_dates, repeat("1919 ", size))
    yield (
        "find_dates",
        '"between 1919" + spaces',
        lambda size: _call(mentions.find_dates, "between 1919" + " " * size + "x"),
    )
    yield "find_names", "ordinary", lambda size: _call(mentions.find_names, ordinary(size), names)
    yield (
        "find_names",
        '"Treaty of Lausanne, " * n',
        lambda size: _call(mentions.find_names, repeat("Treaty of Lausanne, ", size), names),
    )
    yield "find_event_phrases", "ordinary", lambda size: _call(mentions.find_event_phrases, ordinary(size))
    yield "find_event_phrases", '"Aa " * n', lambda size: _call(mentions.find_event_phrases, repeat("Aa ", size))
    yield (
        "find_event_phrases",
        '"Aa War " * n',
        lambda size: _call(mentions.find_event_phrases, repeat("Aa War ", size)),
    )
    yield (
        "find_event_phrases",
        '"The " * n + "War"',
        lambda size: _call(mentions.find_event_phrases, repeat("The ", size) + "War"),
    )
    yield "check", "ordinary", lambda size: _call(crosscheck.check, ordinary(size), timeline)
    yield (
        "check",
        '"Treaty of Lausanne in 1923, " * n',
        lambda size: _call(crosscheck.check, repeat("Treaty of Lausanne in 1923, ", size), timeline),
    )
    yield (
        "check",
        '"Aa War of Bb in 1920, " * n',
        lambda size: _call(crosscheck.check, repeat("Aa War of Bb in 1920, ", size), timeline),
    )


def _call(function, *arguments):
    return lambda: function(*arguments)


def _document(document, size):
    question, _, answers = document.partition("\n")
    return question + "\n" + repeat(answers.rstrip() + "\n\n", size)


def _long_line(size):
    return "A question?\n\naccount_box\nAlgo Rhythmia\na year ago\n\n" + repeat("word ", size)


def _reanchor_last(body):
    """Find the body's last sentence again after a sentence was added before it (every occurrence compared)."""
    start, end = anchoring.split_claims(body)[-1]
    prefix, suffix = anchoring.context(body, start, end)
    anchoring.reanchor("New opening sentence. " + body, body[start:end], prefix, suffix, start, end)


def _follow_all(old, new):
    edit = anchoring.Edit(old, new)
    sentences = anchoring.split_claims(new)
    for start, end in anchoring.split_claims(old)[:200]:
        edit.reworded(old[start:end], start, end, sentences)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="Input sizes in characters.")
    parser.add_argument("--only", help="Run only the functions whose name contains this.")
    arguments = parser.parse_args(argv)
    sizes = [int(size) for size in arguments.sizes.split(",")]
    timeline = seed_timeline()
    header = f"{'function':<20} {'input':<38}" + "".join(f"{_size(size):>10}" for size in sizes)
    print(header + "   ratios (about 10 per tenfold size is linear)")
    for function, name, make in inputs(timeline):
        if arguments.only and arguments.only not in function:
            continue
        times = []
        for size in sizes:
            if times and times[-1] > LIMIT:
                break
            run = make(size)
            began = time.perf_counter()
            run()
            times.append(time.perf_counter() - began)
        cells = "".join(f"{seconds:>9.3f}s" for seconds in times) + " " * 10 * (len(sizes) - len(times))
        ratios = ", ".join(f"{later / max(earlier, 1e-6):.1f}" for earlier, later in itertools.pairwise(times))
        print(f"{function:<20} {name:<38}{cells}   {ratios}", flush=True)


def _size(size):
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1_000} KB"


if __name__ == "__main__":
    main()
