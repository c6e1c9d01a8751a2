# Factline: `make run` serves the site with the seed content; `make test` runs the whole suite.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# The suites run in this many processes (pytest-xdist); TEST_WORKERS=0 runs them in one.
TEST_WORKERS ?= 2
# The secret key and demo passwords `make run` keeps between runs (git-ignored, readable by you only).
LOCAL_ENV := .local/run.env
# Each command of `make run` reads it into its environment.
WITH_LOCAL_ENV := set -a && . ./$(LOCAL_ENV) && set +a &&

.PHONY: run reset-demo-passwords test test-postgres lint fixtures browser clean backup restore bench-text bench-import bench-timeline bench wrk

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/pip || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); } || { rm -rf $(VENV); \
	  echo "Could not create $(VENV): install Python 3.11 with venv (Debian: apt-get install python3-venv)." >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

## run: install, migrate, load the seed content, create demo accounts and serve on PORT (default 8000);
## the secret key and the demo passwords stay the same from run to run (kept in .local/run.env)
run: export DJANGO_DEBUG ?= 1
run: $(VENV)/.runtime
	$(BIN)/python -m config.localenv ensure $(LOCAL_ENV)
	$(WITH_LOCAL_ENV) $(BIN)/python manage.py migrate --noinput
	$(WITH_LOCAL_ENV) $(BIN)/python manage.py load_fixtures
	$(WITH_LOCAL_ENV) $(BIN)/python manage.py correct_the_record
	$(WITH_LOCAL_ENV) $(BIN)/python manage.py add_demo_work
	$(WITH_LOCAL_ENV) $(BIN)/python manage.py create_demo_accounts --verbosity 0
	$(WITH_LOCAL_ENV) $(BIN)/python manage.py serve_demo 127.0.0.1:$(PORT) --passwords-file $(LOCAL_ENV)

## reset-demo-passwords: give the demo accounts new passwords (kept in .local/run.env; the secret key stays)
reset-demo-passwords: export DJANGO_DEBUG ?= 1
reset-demo-passwords: $(VENV)/.runtime
	$(BIN)/python -m config.localenv reset-passwords $(LOCAL_ENV)
	@$(WITH_LOCAL_ENV) $(BIN)/python manage.py create_demo_accounts --verbosity 0 2>/dev/null \
	  || echo "The accounts get them on the next make run."
	@echo "New demo passwords are in $(LOCAL_ENV)."

## browser: make sure Debian's Chromium is there for the browser tests
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; \
	  else echo "Install Debian's chromium package for the browser tests." >&2; exit 1; fi; }

## test: lint, migrations check and the whole suite on SQLite (browser tests included)
test: $(VENV)/.dev browser lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

## test-postgres: the whole suite on a throwaway PostgreSQL cluster and a throwaway Redis, as in production
## (the cache tests that need Redis and the two-server test run here; `make test` skips them)
test-postgres: $(VENV)/.dev browser
	.ci/with-postgres .ci/with-redis $(BIN)/python -m pytest -n $(TEST_WORKERS)

## bench-text: time the text functions on ordinary and crafted input at 10 KB, 100 KB and 1 MB
bench-text: $(VENV)/.runtime
	$(BIN)/python -m bench.text

## bench-import: import 1,000 seed-sized documents into a fresh SQLite database and print the throughput
bench-import: $(VENV)/.runtime
	$(BIN)/python -m bench.imports

## bench-timeline: time the timeline check on 10,000 claims against 34, 2,000 and 20,000 events, and imports of
## 1,000 documents with 34 and 2,000 events (see the README's "Timeline cross-check")
bench-timeline: $(VENV)/.runtime
	$(BIN)/python -m bench.timeline

## wrk: make sure Debian's wrk is there for make bench
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; \
	  else echo "Install Debian's wrk package for make bench." >&2; exit 1; fi; }

## bench: load every public page at 2.5k, 25k and 250k claims, SQLite and PostgreSQL, uncached and cached, beside
## a bare Django view (BENCH_SIZES=2500 for a quick run; see the README's "Benchmark" section)
## Cached runs use a throwaway Redis shared by the workers, as in production (bench.pages starts it).
bench: export BENCH_CACHES ?= dummy://,redis
bench: $(VENV)/.runtime wrk
	$(BIN)/python -m bench.pages

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## fixtures: regenerate fixtures/documents.json from fixtures/documents/ on a scratch database
fixtures: $(VENV)/.runtime
	rm -f $(VENV)/fixtures.sqlite3
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$(VENV)/fixtures.sqlite3 $(BIN)/python manage.py migrate --noinput -v 0
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$(VENV)/fixtures.sqlite3 $(BIN)/python manage.py build_document_fixtures
	rm -f $(VENV)/fixtures.sqlite3

clean:
	rm -rf $(VENV) staticfiles db.sqlite3

## backup: write a backup of the database to backups/factline-<date and time> (SQLite or pg_dump format)
backup: $(VENV)/.runtime
	mkdir -p backups
	$(BIN)/python manage.py backup backups/factline-$$(date -u +%Y%m%dT%H%M%SZ).backup

## restore: replace the database's content with FILE, a backup written by `make backup` (asks first)
restore: $(VENV)/.runtime
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=backups/…" >&2; exit 1; }
	$(BIN)/python manage.py restore "$(FILE)"

