#!/usr/bin/env bash
# `make test`: install what is missing, then run every check on SQLite and on a throwaway
# PostgreSQL cluster. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

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
.venv/bin/pytest -p no:cacheprovider -q

# --- 5. The suite on a throwaway PostgreSQL cluster ------------------------------------------
step "pytest on PostgreSQL"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGTMP=$(mktemp -d /tmp/polku-pg.XXXXXX)
PGPORT=$((54000 + RANDOM % 900))
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
stop_pg() {
  as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap stop_pg EXIT
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U polku --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
  -o "-k $PGTMP -p $PGPORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
export DATABASE_URL="postgres://polku@/polku?host=$PGTMP&port=$PGPORT"
.venv/bin/pytest -p no:cacheprovider -q

step "All checks passed"
