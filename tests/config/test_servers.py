"""Two gunicorn servers sharing one PostgreSQL database and one Redis, as app servers behind a load balancer.

A page the second server cached shows an approval made through the first on the very next request.
Runs under `make test-postgres` (.ci/with-postgres .ci/with-redis); skipped elsewhere.
"""

import os
import re
import socket
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest

from answers.models import Claim
from tests.conftest import ROOT, database_url, submitted_revision
from tests.structured_data import claim_reviews

pytestmark = [
    pytest.mark.django_db(transaction=True),  # the servers read what the test commits
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
        or not os.environ.get("REDIS_URL"),
        reason="needs PostgreSQL and Redis shared by two servers: run under .ci/with-postgres .ci/with-redis "
        "(make test-postgres)",
    ),
]

CLAIM = "This led to several conflicts, including the Turkish-Soviet War of 1941-1945."
RATIONALE = "Approved through the first server, read from the second."
PASSWORD = "a-long-test-password"  # the make_user fixture's


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A gunicorn server of the site on a free port, with the page cache on, and a browser-like client."""

    def __init__(self, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "FACTLINE_PAGE_CACHE": "1",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "1"],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()))

    def wait_until_healthy(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.url} did not start:\n{Path(self.log.name).read_text()}")

    def request(self, path, data=None):
        """Return (status, headers, text) of a GET, or of a POST of `data`; redirects are followed."""
        body = urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.url + path, data=body, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, path):
        return self.request(path)

    def post_form(self, path, data):
        """GET the page at `path` for its CSRF token, then POST `data` to it as its form would."""
        status, _, page = self.get(path)
        assert status == 200, (path, status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(path, {**data, "csrfmiddlewaretoken": token})

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def servers(tmp_path):
    started = [Server(tmp_path / f"server-{number}.log") for number in (1, 2)]
    try:
        for server in started:
            server.wait_until_healthy()
        yield started
    finally:
        for server in started:
            server.stop()


def test_an_approval_through_one_server_is_read_from_the_others_cache_on_the_next_request(
    loaded_fixtures, make_user, servers
):
    first, second = servers
    editor = make_user("ayse", "Editors")
    make_user("boris", "Reviewers")
    claim = Claim.objects.get(exact=CLAIM)
    url = claim.get_absolute_url()

    status, headers, page = second.get(url)
    assert (status, headers["X-Cache"]) == (200, "miss")
    status, headers, again = second.get(url)
    assert (status, headers["X-Cache"], again) == (200, "hit", page)

    revision = submitted_revision(claim, editor, verdict="fabricated", rationale=RATIONALE)
    second.get(url)
    status, headers, page = second.get(url)
    assert headers["X-Cache"] == "hit" and RATIONALE not in page  # under review, not published

    status, _, landing = first.post_form(
        "/admin/login/?next=/admin/", {"username": "boris", "password": PASSWORD, "next": "/admin/"}
    )
    assert status == 200 and "Log out" in landing, landing[:500]
    status, _, queue = first.post_form(f"/admin/answers/annotation/{revision.pk}/review/", {"decision": "approve"})
    assert status == 200 and f"Revision {revision.revision} is published" in queue

    status, headers, page = second.get(url)
    assert (status, headers["X-Cache"]) == (200, "miss")
    assert RATIONALE in page
    [review] = claim_reviews(page)
    assert review["reviewRating"]["alternateName"] == "Fabricated"

    # The reviewer's session is in the shared database: the second server knows them too, and never caches
    # their pages.
    second.opener = first.opener
    status, headers, page = second.get(url)
    assert "Admin (boris)" in page and "X-Cache" not in headers
