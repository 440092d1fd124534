# Convene: `make demo` to try it, `make test` to check it. Needs python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: help install demo test lint format migrations-check prod-check web worker bench-load bench-purchase bench bench-scheduler bench-pages bench-calendar bench-badges clean

help:
	@echo "make demo             install, migrate SQLite, load the demo and serve on :$(PORT)"
	@echo "make test             install and run the whole test suite"
	@echo "make lint             ruff (lint + format check) and the import-layering contracts"
	@echo "make prod-check       Django's deployment checks with production settings"
	@echo "make web              gunicorn (WEB_CONCURRENCY workers x WEB_THREADS threads, PORT)"
	@echo "make worker           RQ workers and the periodic-job scheduler (needs REDIS_URL)"
	@echo "make bench-scheduler  the scheduler benchmark (B2B originals and generated sizes)"
	@echo "make bench-pages      public pages under gunicorn beside a bare Django view (needs wrk)"
	@echo "make bench-calendar   calendar feeds under load: event, personal, company, 304s, vs a bare view"
	@echo "make bench-purchase   the ticket rush: 200 buyers at once for 50 seats (needs DATABASE_URL)"

## Setup
# axe-core (npm) for the accessibility browser tests; skipped where npm is missing.
install: $(STAMP) node_modules/.installed
node_modules/.installed: package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then echo "npm is missing: the accessibility browser tests will be skipped"; \
	elif npm ci --no-audit --no-fund --silent; then touch $@; \
	else echo "npm ci failed: the accessibility browser tests will be skipped"; fi
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

## Try it
# Links in the demo's e-mails point at the port it serves on.
DEMO_ENV := DEBUG=1 SITE_URL=http://127.0.0.1:$(PORT)
demo: install
	$(DEMO_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(DEMO_ENV) $(BIN)/python manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (API docs at /api/docs, admin at /admin/)"
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Check it
# Transactional tests empty the database when they end, so they run on their own,
# after the rest (which run on two processes).
test: install
	$(BIN)/python -m pytest -n 2 --dist loadfile -q -m "not serial" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -q -m serial $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# Production settings from the environment (DEBUG forced off). Where SECRET_KEY or
# ALLOWED_HOSTS are unset (CI, a laptop) a throwaway key and an example host stand in.
prod-check: install
	@SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-convene.example.org}" DEBUG=0 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

## Run the web tier (production settings from the environment; see README "Deployment")
web: install
	$(BIN)/gunicorn -c config/gunicorn.py config.wsgi

## Run the background tier (REDIS_URL must point at Redis)
worker: install
	@test -n "$$REDIS_URL" || { echo "make worker needs REDIS_URL (e.g. redis://127.0.0.1:6379/0); without it tasks run in-process."; exit 2; }
	trap 'kill 0' EXIT INT TERM; \
	$(BIN)/rq cron config.cron --url "$$REDIS_URL" & \
	$(BIN)/python manage.py rqworker cron & \
	$(BIN)/python manage.py rqworker default scheduling mail --job-class django_tasks_rq.Job --with-scheduler

## Measure it
bench-scheduler: install
	$(BIN)/python -m benchmarks.bench_scheduler

bench-pages: install
	$(BIN)/python -m benchmarks.bench_pages

bench-calendar: install
	$(BIN)/python -m benchmarks.bench_calendar

bench-badges: install
	$(BIN)/python -m benchmarks.bench_badges

# gunicorn + PostgreSQL + Redis under locust, then the registration-opening burst.
bench-load: install
	$(BIN)/python -m benchmarks.bench_load

# The ticket rush on PostgreSQL (its own database on DATABASE_URL's server); with
# REDIS_URL the e-mails go to RQ as in production.
bench-purchase: install
	@test -n "$$DATABASE_URL" || { echo "make bench-purchase needs PostgreSQL, e.g. DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres (it creates a database of its own there)."; exit 2; }
	$(BIN)/python -m benchmarks.bench_purchase

bench: bench-scheduler bench-calendar bench-badges

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
