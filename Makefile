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

run: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: EXTRA_APT = $(APT_TEST_PACKAGES)
test: setup
	$(VENV)/bin/ruff check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# A million realistic cases in the PostgreSQL bench database (bench/generate.py), from scratch.
BENCH_CASES ?= 1000000
BENCH_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/casework_bench
.PHONY: bench-seed
bench-seed: setup
	DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_CASES=$(BENCH_CASES) $(PY) bench/generate.py --reset \
	  $(if $(BENCH_VERIFY),--verify)

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 var
