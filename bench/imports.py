"""Time importing ordinary documents end to end into a fresh SQLite database with the seed timeline.

``make bench-import`` (or ``python -m bench.imports [--documents 250]``) writes that many seed-sized documents
(the seed's answers under new questions, with their years shifted so each document's claims differ), imports
them with ``import_documents`` in one run and prints the throughput in MB and documents per second.
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "documents" / "turkish-war-of-independence-and-turkey-russia.txt"


def write_documents(folder, count):
    """Write `count` ordinary documents into `folder`; return their total size in bytes."""
    question, _, rest = SEED.read_text(encoding="utf-8").partition("\n")
    total = 0
    for number in range(count):
        text = f"{question.rstrip('?')}, as asked for the {number + 1}th time?\n{rest}"
        text = text.replace("1923", str(1900 + number % 100)).replace("Algo Rhythmia", f"Algo Rhythmia {number % 7}")
        path = folder / f"document-{number:05}.txt"
        path.write_text(text, encoding="utf-8")
        total += path.stat().st_size
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=250, help="How many documents to import.")
    parser.add_argument("--profile", action="store_true", help="Print where the time goes (cProfile).")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        os.environ.update(
            DATABASE_URL=f"sqlite:///{scratch / 'bench.sqlite3'}",
            DJANGO_SETTINGS_MODULE="config.settings",
            DJANGO_DEBUG="1",
        )
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("load_fixtures", verbosity=0)
        from answers.importer import import_documents
        from answers.models import Claim

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
        claims = Claim.objects.count() - claims
        print(
            f"Imported {arguments.documents} documents ({size / 1e6:.2f} MB, {claims} claims) in {seconds:.2f} s: "
            f"{size / 1e6 / seconds:.2f} MB/s, {arguments.documents / seconds:.0f} documents/s, "
            f"{claims / seconds:.0f} claims/s."
        )


if __name__ == "__main__":
    main()
