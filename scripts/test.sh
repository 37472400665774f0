#!/usr/bin/env bash
# `make test`: install what is missing, then run every check on SQLite and on a throwaway
# PostgreSQL cluster. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
# `bash scripts/test.sh --postgres`: only step 5, with what is installed (while working on it).
ONLY_POSTGRES=false
[ "${1:-}" = "--postgres" ] && ONLY_POSTGRES=true

# pytest-xdist: one worker per core of the 2-core machines this runs on (POLKU_TEST_WORKERS).
WORKERS=${POLKU_TEST_WORKERS:-2}

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

if ! $ONLY_POSTGRES; then
# --- 1. System packages (scripts/system_packages.sh) ------------------------------------------
bash scripts/system_packages.sh --test

# --- 2. Python and browser-test packages from the lock files ----------------------------------
step "Python packages (uv.lock)"
make --no-print-directory install
step "npm packages (package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings.test
unset DATABASE_URL || true

# --- 3. Static checks ------------------------------------------------------------------------
step "ruff format --check"
.venv/bin/ruff format --check .
step "ruff check"
.venv/bin/ruff check .
step "mypy"
.venv/bin/mypy config polku tests scripts conftest.py manage.py
step "import order (import-linter's layers contract in pyproject.toml)"
.venv/bin/lint-imports --no-cache
step "makemigrations --check"
$PY manage.py makemigrations --check --dry-run
step "translations (fi and sv complete, nothing fuzzy)"
$PY scripts/check_translations.py

# --- 4. The suite on SQLite ------------------------------------------------------------------
step "pytest on SQLite"
.venv/bin/pytest -p no:cacheprovider -q -n "$WORKERS" --dist worksteal

fi
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings.test

# --- 5. The suite on a throwaway PostgreSQL cluster ------------------------------------------
# A primary and its streaming replica (scripts/pg_cluster.sh; the replica has caught up before
# anything runs). The suite runs on the primary alone; then tests/cluster/ runs what needs the
# whole cluster: report reads on the replica, two gunicorn processes sharing one session, and a
# short load test that restarts the primary in its middle.
step "pytest on PostgreSQL"
PGTMP=$(mktemp -d /tmp/polku-pg.XXXXXX)
trap 'bash scripts/pg_cluster.sh stop "$PGTMP"' EXIT
eval "$(bash scripts/pg_cluster.sh start "$PGTMP" --replica)"
# The browser walks ran on SQLite above; here they would drive the same pages through the same
# queries again for about half of this step's time (docs/subsystems/testing.md), so every other
# test runs on PostgreSQL: its constraints, locks, triggers, partial indexes and query counts.
DATABASE_REPLICA_URL= .venv/bin/pytest -p no:cacheprovider -q -n "$WORKERS" --dist worksteal \
  -m "not browser"
step "serving on PostgreSQL: the replica, two server processes, the short load test"
POLKU_CLUSTER_TESTS=1 .venv/bin/pytest -p no:cacheprovider -q tests/cluster

step "All checks passed"
