"""Find the public pages the page benchmark loads, and count the queries each one runs.

``python -m bench.probe`` (bench.pages runs it with the database and cache of each server run) clears the
configured cache, picks the pages from the data (a question, the most prolific author, the most cited event,
a claim with a reviewed history, the claim list's last page as its own "last" link or page count shows it),
requests each page twice in process with Django's test client and counts the queries of the second, warm
request. It prints JSON: the pages with their paths, status codes and queries, and the database's version.
"""

import html
import json
import math
import os
import re
import sqlite3
from urllib.parse import urljoin

LINK = re.compile(r"<a\s[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
HREF = re.compile(r'href="([^"]*)"', re.IGNORECASE)
PAGE_COUNT = re.compile(r"Page\s+\d+\s+of\s+(\d+)")


def last_page(list_path, page, rows, page_size):
    """Return the path of the list's last page: its link marked rel="last" or reading "Last", else "?page=N"."""
    for link in LINK.findall(page):
        if re.search(r'rel="[^"]*\blast\b', link, re.IGNORECASE) or re.search(r">[^<]*\bLast\b", link):
            href = HREF.search(link)
            if href:
                return urljoin(list_path, html.unescape(href.group(1)))
    count = PAGE_COUNT.search(page)
    pages = int(count.group(1)) if count else max(1, math.ceil(rows / page_size))
    return f"{list_path}?page={pages}"


def pages(client):
    """Return [(name, path)]: every public page the benchmark loads, found in the data."""
    from django.db.models import Count, Q

    from answers.models import Annotation, Author, Claim, Question, Verdict
    from events.models import Event

    published = Q(annotations__status=Annotation.Status.PUBLISHED)
    question = Question.objects.live().filter(document__startswith="bench/").order_by("pk").first()
    question = question or Question.objects.live().order_by("pk").first()
    author = Author.objects.live().annotate(answer_count=Count("answers")).order_by("-answer_count", "pk").first()
    event = Event.objects.live().annotate(cited=Count("annotations", filter=published)).order_by("-cited", "pk").first()
    verdict = Verdict.objects.live().annotate(used=Count("annotations", filter=published)).order_by("-used", "pk")[0]
    claim = (
        Claim.objects.visible()
        .filter(answer__question__document__startswith="bench/")
        .annotate(revisions=Count("annotations", filter=Q(annotations__status__in=["published", "superseded"])))
        .order_by("-revisions", "pk")
        .first()
    )
    listing = client.get("/claims/")
    return [
        ("/", "/"),
        ("/questions/", "/questions/"),
        ("a question", question.get_absolute_url()),
        ("/claims/", "/claims/"),
        (f"/claims/?verdict={verdict.slug}", f"/claims/?verdict={verdict.slug}"),
        ("/claims/?q=Ataturk", "/claims/?q=Ataturk"),
        ("/claims/ last page", last_page("/claims/", listing.content.decode(), Claim.objects.visible().count(), 25)),
        ("a claim", claim.get_absolute_url()),
        ("popular author", author.get_absolute_url()),
        ("an event", event.get_absolute_url()),
        ("/events/", "/events/"),
        ("/annotations/", "/annotations/"),
        ("a question's annotations", f"{question.get_absolute_url()}annotations/"),
        ("/feeds/verdicts.atom", "/feeds/verdicts.atom"),
        ("an author's feed", f"/feeds/authors/{author.slug}/verdicts.atom"),
        ("/sitemap-claims.xml", "/sitemap-claims.xml"),
        ("/api/v1/claims/", "/api/v1/claims/"),
        (f"/api/v1/claims/?verdict={verdict.slug}", f"/api/v1/claims/?verdict={verdict.slug}"),
    ]


def database_version(connection):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    return f"SQLite {sqlite3.sqlite_version}"


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # a shared cache (Redis) may hold pages of another database or size
    client, found = Client(), []
    for name, path in pages(client):
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        found.append({"name": name, "path": path, "status": response.status_code, "queries": len(queries)})
    cache.clear()
    print(json.dumps({"pages": found, "database": database_version(connection)}))


if __name__ == "__main__":
    main()
