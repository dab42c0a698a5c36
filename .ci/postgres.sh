#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for the tests.
#   eval "$(.ci/postgres.sh start)"   # prints export lines: ENGRAM_TEST_POSTGRES_URL, ENGRAM_TEST_POSTGRES_DIR
#   eval "$(.ci/postgres.sh start --durable)"   # PostgreSQL's default durability (fsync, synchronous_commit), for benchmarks
#   .ci/postgres.sh stop "$ENGRAM_TEST_POSTGRES_DIR"
# Uses Debian's server binaries (installs the postgresql package when none are found), a data
# directory in a temp dir, a free loopback port, trust authentication, and the postgres user
# (initdb and postgres refuse to run as root). Everything it prints on stdout is for eval;
# progress goes to stderr.
set -euo pipefail

find_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; fi
  done | sort -V | tail -1
}

run_as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local tuning="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [[ "${1:-}" == "--durable" ]]; then tuning=""; fi
  local bindir
  bindir=$(find_bindir)
  if [[ -z "$bindir" ]]; then
    echo "postgres.sh: no PostgreSQL server binaries; installing the postgresql package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    bindir=$(find_bindir)
    [[ -n "$bindir" ]] || { echo "postgres.sh: PostgreSQL server binaries still missing after install" >&2; exit 1; }
  fi
  local dir port
  dir=$(mktemp -d /tmp/engram-pg.XXXXXX)
  chmod 755 "$dir"
  mkdir "$dir/data" "$dir/run"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$dir"; fi
  port=$(free_port)
  run_as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  run_as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/run $tuning -c max_connections=200" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  run_as_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt -c "CREATE DATABASE engram_test" >&2
  echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir" >&2
  echo "export ENGRAM_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$port/engram_test?user=postgres'"
  echo "export ENGRAM_TEST_POSTGRES_DIR='$dir'"
}

stop() {
  local dir=${1:-}
  [[ -n "$dir" && -d "$dir/data" ]] || return 0
  local bindir
  bindir=$(find_bindir)
  run_as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start [--durable] | stop DIR" >&2; exit 2 ;;
esac
