"""Time the timeline check against timelines of the seed's size, 2,000 and 20,000 events, and imports beside it.

``make bench-timeline`` (or ``python -m bench.timeline [--claims 10000] [--events 2000,20000] [--documents 1000]``)
builds a fresh SQLite database with the seed fixtures and `claims` synthetic claims (bench.data), then, for each
timeline size, adds invented events up to that size (bench.data.synthetic_events) and prints:

- prepare: folding the timeline's names into a tree, from the database (a new version) and from the cache
  (another process's version);
- check all: checking every claim in bulk (as check_claims and a timeline change do): reads, checks, and
  writes of the results that changed, per claim;
- check one: checking claims one at a time (as saving a claim does), per claim;
- bare: the same claim texts checked in memory against the prepared timeline, with no database.

Then it imports `documents` seed-sized documents (bench.imports) into fresh databases with the seed's events and
with 2,000 events, each in its own process, and prints their times.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

from bench.imports import scratch_site

ROOT = Path(__file__).resolve().parent.parent
SINGLE = 500  # claims checked one at a time


def timed(function, *args):
    began = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - began, result


def check_figures(claims, sizes, log=print):
    """Build `claims` claims, then time preparing and checking against each timeline size in `sizes`."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import transaction

    from answers.models import Claim, checks
    from bench.data import Builder, synthetic_events
    from events.models import Event

    with transaction.atomic():
        Builder(claims, log=lambda line: None).build()
    texts = list(Claim.objects.order_by("pk").values_list("exact", flat=True))
    sample = list(Claim.objects.order_by("?")[:SINGLE])
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    log(f"{len(texts):,} claims; the cache is {backend}.")
    log(f"{'events':>7} {'prepare (db)':>13} {'prepare (cache)':>16} {'check all':>14} {'check one':>14} {'bare':>12}")
    for size in [Event.objects.count(), *sizes]:
        missing = size - Event.objects.count()
        if missing > 0:
            Event.objects.bulk_create(synthetic_events(missing, seed=size), batch_size=1000)
        checks._prepared = (None, None)
        cache.clear()
        cold, timeline = timed(checks.prepared_timeline)
        checks._prepared = (None, None)
        warm, _ = timed(checks.prepared_timeline)
        every, _ = timed(checks.recheck)
        one, _ = timed(check_one_at_a_time, sample)
        bare, _ = timed(check_in_memory, texts, timeline)
        log(
            f"{size:>7,} {cold * 1000:>10.0f} ms {warm * 1000:>13.0f} ms {every / len(texts) * 1000:>8.3f} ms/claim "
            f"{one / len(sample) * 1000:>8.3f} ms/claim {bare / len(texts) * 1000:>6.3f} ms/claim"
        )


def check_in_memory(texts, timeline):
    from answers import crosscheck

    return [crosscheck.check(text, timeline) for text in texts]


def check_one_at_a_time(claims):
    """Check each claim on its own, in one transaction, as the saves of an editing session would (the
    commit of each save is the save's cost, not the check's)."""
    from django.db import transaction

    from answers.models.checks import recheck

    with transaction.atomic():
        for claim in claims:
            recheck([claim])


def import_figures(documents, events, log=print):
    """Import `documents` documents into a fresh database for each timeline size in `events`, each in its own
    process, and pass on what each prints."""
    for size in events:
        output = subprocess.run(
            [sys.executable, "-m", "bench.imports", "--documents", str(documents), "--events", str(size)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        log(output.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000, help="How many claims to check.")
    parser.add_argument("--events", default="2000,20000", help="The timeline sizes to check against.")
    parser.add_argument("--documents", type=int, default=1000, help="How many documents to import (0: none).")
    arguments = parser.parse_args(argv)
    sizes = [int(size) for size in arguments.events.split(",") if size]
    with scratch_site():
        check_figures(arguments.claims, sizes)
    if arguments.documents:
        import_figures(arguments.documents, [0, 2000])


if __name__ == "__main__":
    main()
