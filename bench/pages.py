"""Load every public page with wrk at several sizes, on SQLite and PostgreSQL, cached and uncached.

``make bench`` (or ``python -m bench.pages``) builds synthetic data for each size (bench.data; kept under
.bench/ for SQLite, one database per size in a throwaway PostgreSQL cluster that .ci/with-postgres starts),
serves it with gunicorn (debug off) once for each cache setting, and loads each page with wrk between runs of
a bare Django view under the same server and settings (bare, page, bare, page, ..., bare), so that a page's
throughput is read next to what the server does with no page at all. Queries per page are counted in process
(bench.probe); worker peak memory (VmHWM) is read after serving every page. It prints one Markdown table and
writes it, with the machine it ran on, to .bench/pages.md.

Options come from arguments or the environment: BENCH_SIZES (2500,25000,250000), BENCH_DATABASES
(sqlite,postgresql), BENCH_CACHES (dummy://,locmem://; "redis" takes REDIS_URL, from .ci/with-redis where the
repository has it), BENCH_SECONDS (5 a wrk run), BENCH_SEED, BENCH_WORKERS (2).
"""

import argparse
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.data import SEED, VERSION

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench"
BARE = "/bench/bare/"
SECRET_KEY = "bench-only-not-a-secret-" + "k" * 40


def option(value, name, default):
    return value if value is not None else os.environ.get(name) or default


def arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="Claims per database, comma-separated (BENCH_SIZES).")
    parser.add_argument("--databases", help="sqlite, postgresql or both (BENCH_DATABASES).")
    parser.add_argument("--caches", help="Cache URLs, comma-separated; dummy:// is uncached (BENCH_CACHES).")
    parser.add_argument("--seconds", type=int, help="Length of each wrk run (BENCH_SECONDS).")
    parser.add_argument("--seed", type=int, help="Seed of the synthetic data (BENCH_SEED).")
    parser.add_argument("--workers", type=int, help="gunicorn workers (BENCH_WORKERS).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections.")
    parser.add_argument("--output", type=Path, default=WORK / "pages.md", help="Where to write the Markdown table.")
    given = parser.parse_args(argv)
    given.sizes = [int(size) for size in option(given.sizes, "BENCH_SIZES", "2500,25000,250000").split(",")]
    given.databases = option(given.databases, "BENCH_DATABASES", "sqlite,postgresql").split(",")
    given.caches = option(given.caches, "BENCH_CACHES", "dummy://,locmem://").split(",")
    given.seconds = int(option(given.seconds, "BENCH_SECONDS", 5))
    given.seed = int(option(given.seed, "BENCH_SEED", SEED))
    given.workers = int(option(given.workers, "BENCH_WORKERS", 2))
    unknown = set(given.databases) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown databases: {', '.join(sorted(unknown))} (say sqlite, postgresql or both)")
    return given


def wrappers(options):
    """Return the .ci scripts this run must run inside: a throwaway PostgreSQL cluster, a Redis server."""
    needed = []
    if "postgresql" in options.databases and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        needed.append(ROOT / ".ci" / "with-postgres")
    if "redis" in options.caches and not os.environ.get("REDIS_URL"):
        needed.append(ROOT / ".ci" / "with-redis")
    for script in needed:
        if not script.exists():
            sys.exit(f"{script.relative_to(ROOT)} is missing: run inside it yourself, or leave its service out.")
    return [str(script) for script in needed]


def site_environment(database_url, cache_url):
    """Return the environment of the server and the probe: production settings on this database and cache."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CACHE_URL", "FACTLINE_"))
    }
    return environment | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        # wrk speaks plain HTTP to gunicorn, as a TLS-terminating proxy would.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "CACHE_URL": os.environ["REDIS_URL"] if cache_url == "redis" else cache_url,
    }


def database_url(database, size, seed):
    """Return the URL of the benchmark database for `size` claims, creating an empty PostgreSQL one if needed."""
    if database == "sqlite":
        return f"sqlite:///{WORK / f'sqlite-{size}-seed{seed}-v{VERSION}.sqlite3'}"
    import psycopg

    server = urlsplit(os.environ["DATABASE_URL"])
    name = f"factline_bench_{size}_seed{seed}_v{VERSION}"
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(server._replace(path=f"/{name}"))


def run_python(arguments, environment, log):
    """Run `python -m …` in the repository; return its standard output, its standard error going to `log`."""
    with open(log, "a") as errors:
        done = subprocess.run(
            [sys.executable, "-m", *arguments], cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=errors
        )
    if done.returncode:
        sys.exit(f"python -m {' '.join(arguments)} failed; see {log}.")
    return done.stdout.decode()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the site with production settings, on a free port of the loopback interface."""

    def __init__(self, environment, workers, log):
        self.port, self.log = free_port(), log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers)]
            + ["--bind", f"127.0.0.1:{self.port}", "--timeout", "300", "--log-level", "warning"],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=self.log,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        deadline, status = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped at once; see {self.log.name}.")
            try:
                status = self.get(BARE)
            except OSError:
                status = None
            if status == 200:
                return self
            time.sleep(0.2)
        self.__exit__()
        sys.exit(f"gunicorn did not serve {BARE} within a minute (last answer: {status}); see {self.log.name}.")

    def __exit__(self, *exception):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def settle(self, measured, workers, connections):
        """Wait for the requests wrk left queued to be served, so that they do not slow the next run down.

        wrk stops with up to one request a connection still at the server. A request sent now waits behind the
        queued ones; once it is answered, each other worker may still be serving one, for about the time one
        request takes: under load, the median latency shared between the connections.
        """
        self.get(BARE)
        if measured and measured["p50"]:
            time.sleep(min(measured["p50"] * workers / connections / 1000, 60))

    def get(self, path):
        """Request `path` once (not following redirects); return the status code."""
        request = urllib.request.Request(self.url + path)
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=300) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def peak_memory(self):
        """Return each worker's peak resident memory (VmHWM) in MB."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        workers = children.read_text().split() if children.exists() else []
        peaks = []
        for worker in workers:
            status = Path(f"/proc/{worker}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
        return sorted(peaks)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def load(url, options):
    """Run wrk against `url`; return its requests per second, p50 and p99 latency in ms, and errors."""
    done = subprocess.run(
        ["wrk", "-t", str(options.threads), "-c", str(options.connections), "-d", f"{options.seconds}s"]
        + ["--timeout", "60s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_wrk(done.stdout)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output):
    """Read requests per second, the p50 and p99 latencies (ms) and the error count from wrk's --latency output."""
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "errors": 0}
    for percentile in ("50", "99"):
        found = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        result[f"p{percentile}"] = float(found.group(1)) * UNITS[found.group(2)] if found else None
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result["errors"] += int(found.group(1))
    if found := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        result["errors"] += int(found.group(1)) + int(found.group(4))
    if re.search(r"^\s+0 requests in", output, re.MULTILINE):
        result["p50"] = result["p99"] = None
    return result


def serve_and_load(environment, found, options, log):
    """Serve, load the bare view and each page in turn; return (bare runs, page results, worker peaks in MB)."""
    with open(log, "a") as output, Server(environment, options.workers, output) as server:
        bare, results = [load(server.url + BARE, options)], []
        for page in found:
            status = server.get(page["path"])  # warms the page (and a cache), and says whether it works
            measured = load(server.url + page["path"], options) if status == 200 else None
            server.settle(measured, options.workers, options.connections)
            bare.append(load(server.url + BARE, options))
            before, after = bare[-2]["rps"], bare[-1]["rps"]
            ratio = measured["rps"] / ((before + after) / 2) if measured else None
            results.append(page | {"served": status, "load": measured, "ratio": ratio})
            print(f"    {page['name']:<28} {describe(measured, ratio, status)}", file=sys.stderr, flush=True)
        return bare, results, server.peak_memory()


def describe(measured, ratio, status):
    if measured is None:
        return f"answered {status}; not loaded"
    return f"{measured['rps']:.1f} req/s ({ratio:.1%} of bare), p50 {milliseconds(measured['p50'])}"


def milliseconds(value):
    if value is None:
        return "—"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"


def cache_label(url):
    return "uncached" if url.startswith("dummy:") else f"cached ({url.split(':')[0]})"


def machine(databases):
    import django
    import gunicorn

    cpu = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    cpu = cpu.group(1) if cpu else platform.processor() or platform.machine()
    memory = int(re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(), re.MULTILINE).group(1))
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(" [")[0]
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory / 1024**2:.0f} GiB; Python {platform.python_version()}, "
        f"Django {django.__version__}, gunicorn {gunicorn.__version__}, {wrk}; {', '.join(sorted(databases))}"
    )


def report(options, runs, builds, databases):
    """Return the results as Markdown: the pages table, the server runs table and the machine."""
    lines = [
        f"Machine: {machine(databases)}.",
        f"Each page: wrk -t{options.threads} -c{options.connections} -d{options.seconds}s against gunicorn "
        f"({options.workers} workers, DEBUG off), between two runs of the bare view; % is of their mean.",
        "",
        "| page | claims | database | cache | req/s | % of bare | p50 | p99 | queries |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        bare = sum(load["rps"] for load in run["bare"]) / len(run["bare"])
        where = f"{run['size']:,} | {run['database']} | {cache_label(run['cache'])}"
        p50 = milliseconds(sum(load["p50"] for load in run["bare"]) / len(run["bare"]))
        p99 = milliseconds(sum(load["p99"] for load in run["bare"]) / len(run["bare"]))
        lines.append(f"| bare Django view | {where} | {bare:,.0f} | 100% | {p50} | {p99} | 0 |")
        for page in run["pages"]:
            measured = page["load"]
            if measured is None:
                lines.append(f"| `{page['name']}` | {where} | answered {page['served']} | | | | {page['queries']} |")
                continue
            errors = f" ({measured['errors']} errors)" if measured["errors"] else ""
            lines.append(
                f"| `{page['name']}` | {where} | {measured['rps']:,.1f}{errors} | {page['ratio']:.1%} | "
                f"{milliseconds(measured['p50'])} | {milliseconds(measured['p99'])} | {page['queries']} |"
            )
    lines += [
        "",
        "| claims | database | cache | data built in | worker peak memory (VmHWM) | load average before |",
        "| ---: | --- | --- | ---: | --- | ---: |",
    ]
    for run in runs:
        built = builds[run["database"], run["size"]]
        built = "reused" if built is None else f"{built:.0f} s"
        peaks = ", ".join(f"{peak:.0f} MB" for peak in run["memory"])
        where = f"{run['size']:,} | {run['database']} | {cache_label(run['cache'])}"
        lines.append(f"| {where} | {built} | {peaks} | {run['load_average']:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    options = arguments(sys.argv[1:] if argv is None else argv)
    outer = wrappers(options)
    if outer and not os.environ.get("BENCH_INSIDE_SERVICES"):
        os.environ["BENCH_INSIDE_SERVICES"] = "1"
        os.execv(outer[0], [*outer, sys.executable, "-m", "bench.pages", *sys.argv[1:]])
    WORK.mkdir(exist_ok=True)
    log = WORK / "bench.log"
    log.write_text("")
    print(f"Collecting static files into {WORK / 'static'} (log: {log})", file=sys.stderr, flush=True)
    run_python(["django", "collectstatic", "--noinput", "-v", "0"], site_environment("sqlite://", "dummy://"), log)
    runs, builds, databases, table = [], {}, set(), ""
    for database in options.databases:
        for size in options.sizes:
            url = database_url(database, size, options.seed)
            print(f"{database}, {size:,} claims: building or reusing the data", file=sys.stderr, flush=True)
            built = run_python(
                ["bench.data", "--size", str(size), "--seed", str(options.seed)],
                site_environment(url, "dummy://"),
                log,
            ).strip()
            builds[database, size] = None if built == "reused" else float(built)
            print(f"  data: {built if built == 'reused' else built + ' s'}", file=sys.stderr, flush=True)
            for cache in options.caches:
                environment = site_environment(url, cache)
                probed = json.loads(run_python(["bench.probe"], environment, log))
                databases.add(probed["database"])
                print(f"  {cache_label(cache)}: loading {len(probed['pages'])} pages", file=sys.stderr, flush=True)
                load_average = os.getloadavg()[0]
                bare, pages, memory = serve_and_load(environment, probed["pages"], options, log)
                runs.append(
                    {"database": database, "size": size, "cache": cache, "bare": bare, "pages": pages}
                    | {"memory": memory, "load_average": load_average}
                )
                table = report(options, runs, builds, databases)
                options.output.write_text(table)
    if runs:
        print(table)
    print(f"Written to {options.output}.", file=sys.stderr)


if __name__ == "__main__":
    main()
