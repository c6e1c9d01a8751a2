"""Reading wrk's output and finding a list's last page, as the page benchmark does."""

from bench.pages import parse_wrk
from bench.probe import last_page

WRK = """Running 5s test @ http://127.0.0.1:8000/claims/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   158.66ms   27.39ms 264.11ms   70.00%
    Req/Sec    25.15      8.98    40.00     55.00%
  Latency Distribution
     50%  155.40ms
     75%  170.00ms
     90%  190.21ms
     99%    1.24s
  250 requests in 5.01s, 12.5MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:     49.90
Transfer/sec:      2.49MB
"""


def test_parse_wrk_reads_throughput_latencies_in_milliseconds_and_errors():
    assert parse_wrk(WRK) == {"rps": 49.9, "p50": 155.4, "p99": 1240.0, "errors": 5}


def test_parse_wrk_has_no_latency_when_no_request_finished():
    output = WRK.replace("250 requests", "0 requests")
    assert parse_wrk(output)["p50"] is None


def test_last_page_follows_the_link_marked_last():
    page = '<a href="?page=2" rel="next">Next</a> <a href="?after=abc&amp;last=1" rel="last">Last »</a>'
    assert last_page("/claims/", page, rows=1000, page_size=25) == "/claims/?after=abc&last=1"


def test_last_page_follows_a_link_reading_last():
    assert last_page("/claims/", '<a href="/claims/?before=z">Last page</a>', 1000, 25) == "/claims/?before=z"


def test_last_page_reads_the_page_count_or_counts_the_rows():
    assert last_page("/claims/", "<span>Page 1 of 40</span>", 1000, 25) == "/claims/?page=40"
    assert last_page("/claims/", "", 1001, 25) == "/claims/?page=41"
