#!/usr/bin/env bash
# `make loadtest`: the long load test (tests/load/run.py) on a throwaway PostgreSQL cluster:
# gunicorn's worker processes under locust's workers and place supervisors, a steady run and a
# run with PostgreSQL restarted in its middle. LOADTEST_SECONDS (default 60) per run;
# the results go to var/loadtest.json. Exits non-zero on any error or lost write.
set -euo pipefail
cd "$(dirname "$0")/.."
PGTMP=$(mktemp -d /tmp/polku-load.XXXXXX)
trap 'bash scripts/pg_cluster.sh stop "$PGTMP"' EXIT
eval "$(bash scripts/pg_cluster.sh start "$PGTMP")"
createdb_as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
createdb_as "$PGBIN/createdb" -h "$PGTMP" -p "$(cat "$PGTMP/port")" -U polku polku
export DJANGO_SETTINGS_MODULE=config.settings.test
.venv/bin/python -m tests.load.run --seconds "${LOADTEST_SECONDS:-60}" "$@"
