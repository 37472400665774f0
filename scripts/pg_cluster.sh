#!/usr/bin/env bash
# A throwaway PostgreSQL cluster in a directory: a primary and, on request, a streaming replica
# of it (pg_basebackup -R over loopback). Used by scripts/test.sh and scripts/loadtest.sh.
#
#   bash scripts/pg_cluster.sh start DIR [--replica]   prints the variables to export (eval it)
#   bash scripts/pg_cluster.sh restart DIR [SECONDS]   stops the primary (fast), waits, starts it
#   bash scripts/pg_cluster.sh stop DIR                stops both and removes DIR
#
# The primary listens on a Unix socket in DIR and on 127.0.0.1 (the replica streams over
# loopback); trust authentication, user polku, fsync off: for tests only. As root the servers
# run as `postgres` (runuser), as initdb refuses root.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() {  # a port from $1 on that nothing listens on at 127.0.0.1
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

start() {
  local dir=$1 replica=${2:-}
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  local port; port=$(free_port $((54000 + RANDOM % 900)))
  as_pg "$PGBIN/initdb" -D "$dir/data" -U polku --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  echo "$port" > "$dir/port"
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 $FAST" start >/dev/null
  echo "export PGBIN='$PGBIN' POLKU_PG_CLUSTER='$dir'"
  echo "export DATABASE_URL='postgres://polku@/polku?host=$dir&port=$port'"
  if [ "$replica" = "--replica" ]; then
    local rport; rport=$(free_port $((port + 1)))
    as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$port" -U polku -D "$dir/replica" -R -X stream \
      --checkpoint=fast
    echo "$rport" > "$dir/replica-port"
    as_pg "$PGBIN/pg_ctl" -D "$dir/replica" -l "$dir/replica.log" -w \
      -o "-k $dir -p $rport -c listen_addresses=127.0.0.1 $FAST" start >/dev/null
    wait_for_replica "$dir" "$port" "$rport"
    echo "export DATABASE_REPLICA_URL='postgres://polku@/polku?host=$dir&port=$rport'"
  fi
}

# The replica is streaming and has replayed everything the primary has written so far.
wait_for_replica() {
  local dir=$1 port=$2 rport=$3 lsn
  for _ in $(seq 1 300); do
    lsn=$(as_pg "$PGBIN/psql" -h "$dir" -p "$port" -U polku -d postgres -Atc \
      "SELECT pg_current_wal_insert_lsn() FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null || true)
    if [ -n "$lsn" ] && [ "$(as_pg "$PGBIN/psql" -h "$dir" -p "$rport" -U polku -d postgres -Atc \
      "SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= '$lsn'" 2>/dev/null || true)" = t ]; then
      return 0
    fi
    sleep 0.1
  done
  echo "the replica did not catch up within 30 s; see $dir/replica.log" >&2
  return 1
}

restart() {  # DIR [SECONDS]: the primary down for that long (default 0) between stop and start
  local dir=$1 down=${2:-0} port
  port=$(cat "$dir/port")
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  sleep "$down"
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 $FAST" start >/dev/null
}

stop() {
  local dir=$1
  [ -d "$dir/replica" ] && { as_pg "$PGBIN/pg_ctl" -D "$dir/replica" -m immediate stop >/dev/null 2>&1 || true; }
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

command=$1; shift
case $command in
  start) start "$@" ;;
  restart) restart "$@" ;;
  stop) stop "$@" ;;
  *) echo "usage: $0 start DIR [--replica] | restart DIR | stop DIR" >&2; exit 2 ;;
esac
