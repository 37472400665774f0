# Polku: two commands. `make run` serves the demo; `make test` runs every check.
# `make serve` runs production (gunicorn on PostgreSQL); `make loadtest` the long load test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
UV := .tools/bin/uv
UV_VERSION := 0.13.9
PY := $(VENV)/bin/python
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

# The demo's secret key: random, generated once, kept in var/ (DJANGO_SECRET_KEY, if set, wins).
DEMO_SECRET_KEY := var/demo-secret-key

.PHONY: run test install messages clean serve loadtest bench

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet
	$(UV) run --frozen --no-sync python scripts/compile_messages.py

$(DEMO_SECRET_KEY):
	mkdir -p var
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

run messages: export DJANGO_SECRET_KEY_FILE := $(CURDIR)/$(DEMO_SECRET_KEY)

# The demo runs without the staff second factor (every page says so) unless started with
# POLKU_STAFF_OTP_REQUIRED=true make run; production keeps the default, true.
run: export POLKU_STAFF_OTP_REQUIRED ?= false
# The demo's clients log in with a password; production has only strong identification for them
# (POLKU_CLIENT_PASSWORD_LOGIN=false, the default; docs/decisions/0015-client-login-oidc.md).
run: export POLKU_CLIENT_PASSWORD_LOGIN ?= true
run: install $(DEMO_SECRET_KEY)
	bash scripts/system_packages.sh
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data
	@echo "Polku: http://127.0.0.1:8000 (the job runner, django-q2's cluster, runs beside it)"
	$(PY) manage.py qcluster & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:8000

test:
	bash scripts/test.sh

# Production: gunicorn's worker processes on PostgreSQL (DATABASE_URL and DJANGO_SECRET_KEY from
# the environment or .env), migrations applied, static files collected for WhiteNoise.
serve:
	bash scripts/serve.sh

# The long load test on a throwaway PostgreSQL cluster (LOADTEST_SECONDS per run, default 60).
loadtest:
	bash scripts/loadtest.sh

# The benchmark (docs/performance.md): SCALE=small|county|national, SEED=1. Builds the data set
# into a fresh SQLite file var/bench-$(SCALE).sqlite3, or into the empty PostgreSQL database of
# DATABASE_URL, then measures the key pages (table on the screen, JSON in var/bench/).
# BENCH_REUSE=1 measures an existing data set again; BENCH_N=50 requests per page.
SCALE ?= small
SEED ?= 1
BENCH_N ?= 50
bench: export DJANGO_SECRET_KEY_FILE := $(CURDIR)/$(DEMO_SECRET_KEY)
bench: install $(DEMO_SECRET_KEY)
	bash scripts/bench.sh "$(SCALE)" "$(SEED)" "$(BENCH_N)"

messages: install $(DEMO_SECRET_KEY)
	$(PY) manage.py makemessages --locale fi --locale sv --locale en --no-location --no-obsolete --ignore '.venv/*' --ignore '.tools/*' --ignore 'node_modules/*' --ignore 'tests/*'

clean:
	rm -rf $(VENV) .tools node_modules var staticfiles
