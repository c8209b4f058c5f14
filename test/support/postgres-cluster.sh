#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the server suite (test/support/test-database.ts gives
# every test its own schema in it). Nothing is installed or touched system-wide: the cluster
# lives in a mktemp folder, listens on 127.0.0.1 only, on a free port, with trust auth.
#
#   test/support/postgres-cluster.sh run CMD...  start, run CMD with DATABASE_URL set, stop
#                                                  (npm run test:postgres does this)
#   test/support/postgres-cluster.sh start       start one and leave it running; prints
#                                                  `export DATABASE_URL=...` for eval
#   test/support/postgres-cluster.sh stop        stop the one `start` left running
#
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql). PG_BIN overrides
# where they are looked for.
set -euo pipefail

readonly DATABASE_NAME=pawtal_test
readonly ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Where `start` records the running cluster for `stop`; per checkout, ignored by git.
readonly STATE_FILE="${PAWTAL_PG_STATE:-$ROOT_DIR/.tmp/postgres-cluster.env}"

cluster_dir=''
cluster_port=''

die() {
  echo "postgres-cluster: $*" >&2
  exit 1
}

find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    [[ -x "$PG_BIN/initdb" ]] || die "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"
    return
  fi
  # Debian keeps the server binaries off PATH, one folder per major version: take the newest.
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    die "no PostgreSQL server binaries found (apt-get install postgresql, or set PG_BIN)"
  fi
}

# initdb and postgres refuse to run as root, so as root the cluster runs as the `postgres`
# user that Debian's package creates; anyone else runs it as themselves.
as_cluster_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' OS user (apt-get install postgresql)"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e "const s = require('node:net').createServer();
    s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

start_cluster() {
  local pg_bin
  pg_bin="$(find_pg_bin)"
  # As root the cluster belongs to `postgres`, which may not reach into root's own TMPDIR.
  local base="${TMPDIR:-/tmp}"
  [[ "$(id -u)" != 0 ]] || base=/tmp
  cluster_dir="$(mktemp -d "$base/pawtal-pg.XXXXXX")"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$cluster_dir"; fi

  # The superuser is called postgres whoever runs initdb, so DATABASE_URL is the same for all.
  as_cluster_owner "$pg_bin/initdb" --pgdata="$cluster_dir/data" --username=postgres \
    --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$cluster_dir/initdb.log" 2>&1 ||
    { cat "$cluster_dir/initdb.log" >&2; die "initdb failed"; }

  # A free port can be taken between asking and listening, so try a few.
  local attempt
  for attempt in 1 2 3; do
    cluster_port="$(free_port)"
    # Data that dies with the test run needs no durability: fsync and friends off.
    if as_cluster_owner "$pg_bin/pg_ctl" --pgdata="$cluster_dir/data" --log="$cluster_dir/server.log" \
      --wait --timeout=60 --silent \
      -o "-c listen_addresses=127.0.0.1 -c port=$cluster_port -c unix_socket_directories=$cluster_dir \
          -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      break
    fi
    if [[ "$attempt" == 3 ]]; then
      cat "$cluster_dir/server.log" >&2 || true
      die "the server did not start"
    fi
  done

  "$pg_bin/createdb" --host=127.0.0.1 --port="$cluster_port" --username=postgres "$DATABASE_NAME"
}

stop_cluster() {
  [[ -n "$cluster_dir" && -d "$cluster_dir" ]] || return 0
  local pg_bin
  pg_bin="$(find_pg_bin)"
  if [[ -f "$cluster_dir/data/postmaster.pid" ]]; then
    # Immediate: the data is about to be deleted, so there is nothing to flush.
    as_cluster_owner "$pg_bin/pg_ctl" --pgdata="$cluster_dir/data" --mode=immediate --wait \
      --silent stop >/dev/null 2>&1 || true
  fi
  rm -rf "$cluster_dir"
  cluster_dir=''
}

database_url() {
  echo "postgres://postgres@127.0.0.1:$cluster_port/$DATABASE_NAME"
}

case "${1:-}" in
  run)
    shift
    [[ $# -gt 0 ]] || die "usage: $0 run CMD..."
    trap stop_cluster EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_cluster
    echo "postgres-cluster: PostgreSQL $("$(find_pg_bin)/postgres" --version | awk '{print $3}') at $(database_url)" >&2
    # Not exec: the EXIT trap must outlive the command to stop the cluster.
    status=0
    DATABASE_URL="$(database_url)" "$@" || status=$?
    exit "$status"
    ;;
  start)
    [[ ! -f "$STATE_FILE" ]] || die "a cluster is already recorded in $STATE_FILE: stop it first"
    trap stop_cluster ERR
    start_cluster
    trap - ERR
    mkdir -p "$(dirname "$STATE_FILE")"
    printf 'cluster_dir=%q\ncluster_port=%q\n' "$cluster_dir" "$cluster_port" >"$STATE_FILE"
    echo "export DATABASE_URL=$(database_url)"
    echo "postgres-cluster: running in $cluster_dir; stop it with: $0 stop" >&2
    ;;
  stop)
    [[ -f "$STATE_FILE" ]] || die "no cluster recorded in $STATE_FILE"
    # shellcheck source=/dev/null
    source "$STATE_FILE"
    stop_cluster
    rm -f "$STATE_FILE"
    ;;
  *)
    die "usage: $0 run CMD... | start | stop"
    ;;
esac
