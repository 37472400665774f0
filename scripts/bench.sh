#!/usr/bin/env bash
# `make bench SCALE=… SEED=… BENCH_N=…`: build the benchmark's data set and measure the key pages
# (docs/performance.md). SQLite by default (a fresh var/bench-SCALE.sqlite3); PostgreSQL when
# DATABASE_URL is set (an empty database). National scale runs on PostgreSQL only.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-small}
SEED=${2:-1}
N=${3:-50}
PY=.venv/bin/python
mkdir -p var/bench
if [ -z "${DATABASE_URL:-}" ]; then
  if [ "$SCALE" = national ]; then
    echo "The national data set runs on PostgreSQL: set DATABASE_URL to an empty database." >&2
    exit 2
  fi
  DB="var/bench-$SCALE.sqlite3"
  export DATABASE_URL="sqlite:///$PWD/$DB"
  VENDOR=sqlite
  if [ "${BENCH_REUSE:-0}" != 1 ]; then rm -f "$DB"; fi
else
  VENDOR=postgresql
fi
$PY manage.py migrate --noinput -v0
if [ "${BENCH_REUSE:-0}" != 1 ]; then
  $PY manage.py bench_data --scale "$SCALE" --seed "$SEED"
fi
$PY manage.py bench_run -n "$N" --out "var/bench/$SCALE-$VENDOR.json"
