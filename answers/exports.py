"""Streamed exports of the published verdicts: CSV and JSON Lines, filtered and ordered as /claims/ is.

The rows are read with one database cursor, a chunk at a time, with the chunk's evidence and sources in
one query each, and written out as they are read: memory stays the same whatever the number of claims.
Each JSON Lines row is the API's claim object (answers/api.py); a CSV row is the same object, flattened.

CSV cells that begin with =, +, -, @, a tab or a carriage return are prefixed with an apostrophe, as
OWASP advises against formula injection: a spreadsheet would otherwise run a claim's text as a formula.
The JSON Lines file keeps every value as it is.
"""

import csv
import json
import re
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views import View

from answers.api import ClaimSerializer, claim_listings
from answers.filters import ClaimFilter

CHUNK = 500
FORMULA_START = re.compile(r"[=+\-@\t\r]")
# Several values in one CSV cell (events, sources) are one to a line.
SEPARATOR = "\n"

COLUMNS = [
    ("claim_id", lambda claim: claim["id"]),
    ("claim_url", lambda claim: claim["url"]),
    ("status", lambda claim: claim["status"]),
    ("claim", lambda claim: claim["text"]),
    ("claim_reviewed", lambda claim: claim["text_reviewed"]),
    ("wording_changed", lambda claim: claim["wording_changed"]),
    ("under_review", lambda claim: claim["under_review"]),
    ("verdict", lambda claim: claim["verdict"]["label"]),
    ("verdict_slug", lambda claim: claim["verdict"]["slug"]),
    ("rating_value", lambda claim: claim["verdict"]["rating_value"]),
    ("rationale", lambda claim: claim["rationale"]),
    ("evidence", lambda claim: SEPARATOR.join(event["name"] for event in claim["evidence"])),
    ("evidence_urls", lambda claim: SEPARATOR.join(event["url"] for event in claim["evidence"])),
    ("sources", lambda claim: SEPARATOR.join(source["title"] for source in claim["sources"])),
    ("source_urls", lambda claim: SEPARATOR.join(source["url"] for source in claim["sources"])),
    ("reviewed_at", lambda claim: claim["reviewed_at"]),
    ("question", lambda claim: claim["question"]["text"]),
    ("question_url", lambda claim: claim["question"]["url"]),
    ("question_captured_on", lambda claim: claim["question"]["captured_on"]),
    ("author", lambda claim: claim["answer"]["author"]["name"]),
    ("author_url", lambda claim: claim["answer"]["author"]["url"]),
    ("answer_url", lambda claim: claim["answer"]["url"]),
    ("answer_posted_on", lambda claim: claim["answer"]["posted_on"]),
]


def csv_cell(value):
    """Return `value` as a CSV cell: booleans as true/false, None empty, text that could start a formula escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


class _Lines:
    """A file that returns what is written to it, so csv.writer makes lines for a generator."""

    def write(self, line):
        return line


def csv_chunks(claims):
    writer = csv.writer(_Lines())
    yield writer.writerow([name for name, _ in COLUMNS])
    for chunk in claims:
        yield "".join(writer.writerow([csv_cell(value(claim)) for _, value in COLUMNS]) for claim in chunk)


def jsonl_chunks(claims):
    for chunk in claims:
        yield "".join(json.dumps(claim, ensure_ascii=False) + "\n" for claim in chunk)


def published_claims(listings):
    """Yield the API objects of `listings` in lists of CHUNK, reading them a chunk at a time."""
    # One serializer for them all: DRF copies a serializer's fields whenever it makes one.
    serializer = ClaimSerializer(many=True)
    rows = listings.iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        yield serializer.to_representation(chunk)
        # A prefetched queryset points back at its revision: without the loop, the chunk is freed now, not at
        # Python's next full garbage collection, which waits for garbage in proportion to the heap.
        for listing in chunk:
            if listing.published_revision is not None:
                listing.published_revision._prefetched_objects_cache.clear()


class ClaimExportView(View):
    """The published verdicts of the claims /claims/ lists with the same query string, as a file."""

    formats = {
        "csv": ("text/csv; charset=utf-8", csv_chunks),
        "jsonl": ("application/jsonl; charset=utf-8", jsonl_chunks),
    }
    format = None

    def get(self, request):
        filterset = ClaimFilter(request.GET, queryset=claim_listings())
        if not filterset.is_valid():
            errors = "".join(f"{name}: {' '.join(messages)}\n" for name, messages in filterset.errors.items())
            return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
        listings = filterset.qs.filter(published_revision__isnull=False).order_by(*filterset.ordering_names())
        content_type, chunks = self.formats[self.format]
        response = StreamingHttpResponse(chunks(published_claims(listings)), content_type=content_type)
        filename = f"factline-verdicts-{timezone.now():%Y-%m-%d}.{self.format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
