# Casework: `make run` serves the demo, `make test` runs the suite. Both set themselves up.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core
# Only the tests need these: the browser for the journeys, gettext for makemessages, pdffonts
# and pdftoppm (poppler-utils) for the notices' fonts and pages, zbarimg (zbar-tools) to read
# their QR codes.
APT_TEST_PACKAGES := chromium gettext poppler-utils zbar-tools
# The suite runs in parallel (pytest-xdist), each worker on its own test database; 0 runs it
# in one process.
TEST_WORKERS ?= 2
# The README's commands are for development and the demo; production sets DEBUG itself.
export DEBUG ?= 1

.PHONY: run test setup system-packages lint migrate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Debian packages WeasyPrint (and, for the tests, the browser) need; installed only when run
# as root and missing.
system-packages:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; for p in $(APT_PACKAGES) $(EXTRA_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  $(PYTHON) -c "import ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  fi; \
	fi

setup: system-packages $(STAMP)
	$(PY) manage.py compile_translations

migrate: setup
	$(PY) manage.py migrate --noinput

# The demo's public address, printed on its notices and in their QR codes: the port it is
# served on (PORT=8080 make run), unless CASEWORK_PUBLIC_URL is given. seed_demo issues
# notices too, so both are told.
CASEWORK_PUBLIC_URL ?= http://127.0.0.1:$(PORT)

run: migrate
	CASEWORK_PUBLIC_URL='$(CASEWORK_PUBLIC_URL)' $(PY) manage.py seed_demo
	CASEWORK_PUBLIC_URL='$(CASEWORK_PUBLIC_URL)' $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: EXTRA_APT = $(APT_TEST_PACKAGES)
test: setup
	$(VENV)/bin/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# A million realistic cases in the PostgreSQL bench database (bench/generate.py), from scratch.
BENCH_CASES ?= 1000000
BENCH_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/casework_bench
BENCH_RESULTS ?= bench/results
BENCH_STAMP := $(VENV)/.bench-installed
.PHONY: bench-seed bench bench-quick bench-setup
bench-seed: setup
	DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_CASES=$(BENCH_CASES) $(PY) bench/generate.py --reset \
	  $(if $(BENCH_VERIFY),--verify)

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e ".[dev,bench]"
	touch $(BENCH_STAMP)

bench-setup: EXTRA_APT = wrk
bench-setup: setup $(BENCH_STAMP)

# Every measurement on the seeded bench database (make bench-seed first), each next to its
# baseline, then bench/results/latest.json and bench/RESULTS.md. About 25 minutes at 1M cases.
bench: bench-setup
	$(MAKE) --no-print-directory bench-run BENCH_URL=$(BENCH_DATABASE_URL) \
	  BENCH_OUT=$(BENCH_RESULTS) BENCH_FLAGS="--soak" BENCH_ROUNDS=15 BENCH_RUNS=50
	$(PY) bench/report.py --results $(BENCH_RESULTS)

# CI's smoke test: 10,000 cases in their own database, each measurement for a few seconds;
# it checks that every measurement gave a number, and judges none.
BENCH_QUICK_URL ?= postgresql://postgres@127.0.0.1:5432/casework_bench_quick
bench-quick: bench-setup
	DATABASE_URL=$(BENCH_QUICK_URL) BENCH_CASES=10000 $(PY) bench/generate.py --reset
	rm -rf var/bench-quick && mkdir -p var/bench-quick
	$(MAKE) --no-print-directory bench-run BENCH_URL=$(BENCH_QUICK_URL) \
	  BENCH_OUT=var/bench-quick BENCH_FLAGS="--quick --soak" BENCH_ROUNDS=2 BENCH_RUNS=5
	$(PY) bench/report.py --results var/bench-quick --no-markdown --check

.PHONY: bench-run
bench-run:
	DATABASE_URL=$(BENCH_URL) $(PY) manage.py migrate --noinput -v0
	$(PY) bench/deadlines.py --out $(BENCH_OUT)/deadlines.json
	$(PY) bench/notices.py --rounds $(BENCH_ROUNDS) --out $(BENCH_OUT)/notices.json
	DATABASE_URL=$(BENCH_URL) $(PY) bench/overdue_queue.py --runs $(BENCH_RUNS) \
	  --output $(BENCH_OUT)/overdue_queue.json
	DATABASE_URL=$(BENCH_URL) $(PY) bench/recompute.py --out $(BENCH_OUT)/recompute.json
	DATABASE_URL=$(BENCH_URL) $(PY) bench/export_memory.py --out $(BENCH_OUT)/export_memory.json
	DATABASE_URL=$(BENCH_URL) $(PY) bench/load.py $(BENCH_FLAGS) --out $(BENCH_OUT)/load.json

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 var
