#!/usr/bin/env bash
# The whole suite: lint, then the tests on SQLite (with the browser tests) and, side by side
# with them, the tests on a real PostgreSQL 15 started here (initdb in a temporary directory,
# a free loopback port) and stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PACCTO_DATA_DIR="$(mktemp -d /tmp/paccto-test.XXXXXX)"
export PYTHONDONTWRITEBYTECODE=1
# This checkout's code, whatever the virtual environment's editable install points at.
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"
PGBIN=/usr/lib/postgresql/15/bin
work="$(mktemp -d /tmp/paccto-pg.XXXXXX)"
pg_pid=""
pg_data=""
pg_log=""

cleanup() {
  if [ -n "$pg_pid" ]; then kill "$pg_pid" 2>/dev/null || true; fi
  if [ -f "$work/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work" "$PACCTO_DATA_DIR" "$pg_data" "$pg_log"
}
trap cleanup EXIT

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

echo "== lint"
# mypy without its cache: a cached module's errors are not reported again, so a local run
# could pass where a clean clone fails.
$BIN/ruff check --quiet .
$BIN/ruff format --check --quiet .
$BIN/mypy --no-incremental --no-error-summary src/paccto/*/services.py src/paccto/*/services/*.py \
  src/paccto/*/selectors.py \
  src/paccto/*/permissions.py src/paccto/audit/chain.py src/paccto/audit/signing.py \
  src/paccto/audit/verification.py
$BIN/mypy --no-incremental --strict --no-error-summary src/paccto/matching/*.py src/paccto/audit/chain.py \
  src/paccto/analysis/network.py src/paccto/core/collector.py \
  src/paccto/core/filetypes.py src/paccto/core/filestore.py src/paccto/core/uploads.py \
  src/paccto/crypto/envelope.py

# The two databases' runs go side by side, one per core: the PostgreSQL run in the
# background with its own data directory and its output kept for the end.
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$work"; fi
port="$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
as_pg "$PGBIN/initdb" -D "$work/data" -U paccto -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
pg_data="$(mktemp -d /tmp/paccto-test-pg.XXXXXX)"
pg_log="$(mktemp /tmp/paccto-test-pg.XXXXXX.log)"
# The PostgreSQL run uses the matching engine as plain Python, the SQLite run its compiled
# build (scripts/build_native.py): both ways of running the same sources are tested.
PACCTO_PURE_PYTHON=1 PACCTO_DATA_DIR="$pg_data" DATABASE_URL="postgres://paccto@127.0.0.1:$port/paccto" \
  $BIN/pytest -q -p no:randomly -m "not browser" "$@" >"$pg_log" 2>&1 &
pg_pid=$!

echo "== tests on SQLite (with browser tests; PostgreSQL's run goes on beside it)"
sqlite_status=0
PACCTO_EXPECT_NATIVE=1 $BIN/pytest -q -p no:randomly "$@" || sqlite_status=$?

pg_status=0
wait "$pg_pid" || pg_status=$?
pg_pid=""
echo "== tests on PostgreSQL 15"
cat "$pg_log"
if [ "$sqlite_status" -ne 0 ] || [ "$pg_status" -ne 0 ]; then
  echo "FAILED: SQLite run exit $sqlite_status, PostgreSQL run exit $pg_status"
  exit 1
fi
