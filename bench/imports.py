"""Time importing ordinary documents end to end into a fresh SQLite database with the seed timeline.

``make bench-import`` (or ``python -m bench.imports [--documents 1000] [--events 2000]``) writes that many
seed-sized documents (the seed's answers under new questions, with their years shifted so each document's claims
differ), imports them with ``import_documents`` in one run and prints the time and the throughput in MB and
documents per second. With ``--events``, invented events (bench.data.synthetic_events) fill the timeline up to
that many events first.
"""

import argparse
import contextlib
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

from bench.pages import site_environment

ROOT = Path(__file__).resolve().parent.parent
SENTENCE_END = re.compile(r"\.(?=\s|$)")
SEED = ROOT / "fixtures" / "documents" / "turkish-war-of-independence-and-turkey-russia.txt"


def write_documents(folder, count):
    """Write `count` ordinary documents into `folder`; return their total size in bytes.

    Each is the seed document with its own question, and a word of its own in each sentence, so that no two
    documents share a claim: the import checks and indexes every claim as it would real documents'.
    """
    question, _, rest = SEED.read_text(encoding="utf-8").partition("\n")
    total = 0
    for number in range(count):
        text = f"{question.rstrip('?')}, as asked for the {number + 1}th time?\n{rest}"
        text = text.replace("1923", str(1900 + number % 100)).replace("Algo Rhythmia", f"Algo Rhythmia {number % 7}")
        text = SENTENCE_END.sub(f" {word_for(number)}.", text)
        path = folder / f"document-{number:05}.txt"
        path.write_text(text, encoding="utf-8")
        total += path.stat().st_size
    return total


def word_for(number):
    """Return a made-up word of letters for `number`, the same for the same number only."""
    letters = ""
    while True:
        number, letter = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[letter]
        if not number:
            return f"zq{letters}"


@contextlib.contextmanager
def scratch_site():
    """Set the site up, with production settings, on a new SQLite database in a temporary folder, migrated and
    with the seed fixtures; yield the folder. Debug is off, as in production: it records every query, which
    costs more than some of the queries."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        os.environ.update(site_environment(f"sqlite:///{scratch / 'bench.sqlite3'}", "locmem://bench"))
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("load_fixtures", verbosity=0)
        yield scratch


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="How many documents to import.")
    parser.add_argument(
        "--events", type=int, default=0, help="How many events the timeline holds (the seed's, at least)."
    )
    parser.add_argument("--profile", action="store_true", help="Print where the time goes (cProfile).")
    arguments = parser.parse_args(argv)
    with scratch_site() as scratch:
        from answers.importer import import_documents
        from answers.models import Claim
        from bench.data import synthetic_events
        from events.models import Event

        if (missing := arguments.events - Event.objects.count()) > 0:
            Event.objects.bulk_create(synthetic_events(missing, seed=arguments.events), batch_size=1000)
        events = Event.objects.count()

        documents = scratch / "documents"
        documents.mkdir()
        size = write_documents(documents, arguments.documents)
        claims = Claim.objects.count()
        profile = cProfile.Profile() if arguments.profile else None
        began = time.perf_counter()
        if profile:
            profile.enable()
        import_documents([documents])
        seconds = time.perf_counter() - began
        if profile:
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        claims = Claim.objects.count() - claims
        print(
            f"Imported {arguments.documents:,} documents ({size / 1e6:.2f} MB, {claims:,} claims) "
            f"with {events:,} events in the timeline in {seconds:.2f} s: "
            f"{size / 1e6 / seconds:.2f} MB/s, {arguments.documents / seconds:.0f} documents/s, "
            f"{claims / seconds:.0f} claims/s."
        )


if __name__ == "__main__":
    main()
