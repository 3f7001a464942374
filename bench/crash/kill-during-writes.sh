#!/usr/bin/env bash
# Crash test (issue 16, "Crash and soak"): the web app is killed with SIGKILL during report bursts and plan imports,
# started again, killed again; then every write it acknowledged must be in the database (0 lost) and every stored plan
# must have all of its document's measures (0 partial). The driver is `EcoPlan.LoadTest crash` (bench/README.md).
#
#   bench/crash/kill-during-writes.sh [sqlite|postgres|all]      (default: all)
#
# Settings (environment): KILLS (3), CLIENTS (8: concurrent report writers, besides one importer), PORT (5393),
# SEED (20261202: the random moments of the kills), PG (the PostgreSQL server, a user that may create databases:
# Host=127.0.0.1;Port=5432;Username=ecoplan;Password=ecoplan;Database=postgres; a database ecoplan_crash_PID is made
# on it and dropped at the end), NO_BUILD=1 to skip the Release build. Needs psql for PostgreSQL.
# Prints one JSON line per provider, appended to bench/out/crash.log; exits 1 if any provider lost a write or kept a
# partial plan.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WHICH=${1:-all}
PG=${PG:-Host=127.0.0.1;Port=5432;Username=ecoplan;Password=ecoplan;Database=postgres}
WEB="$ROOT/src/EcoPlan.Web/bin/Release/net10.0/EcoPlan.Web.dll"
DRIVER="$ROOT/bench/EcoPlan.LoadTest/bin/Release/net10.0/EcoPlan.LoadTest.dll"
LOG="$ROOT/bench/out/crash.log"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ecoplan-crash.XXXXXX")
PG_DB=

# One libpq keyword of the PostgreSQL connection string, for psql.
pg_part() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$PG"; }

cleanup() {
  if [[ -n $PG_DB ]]; then
    PGPASSWORD=$(pg_part Password) psql -q -h "$(pg_part Host)" -p "$(pg_part Port)" -U "$(pg_part Username)" -d "$(pg_part Database)" \
      -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ${NO_BUILD:-0} != 1 ]]; then
  dotnet build -c Release -v q -nologo "$ROOT/src/EcoPlan.Web" >/dev/null
  dotnet build -c Release -v q -nologo "$ROOT/bench/EcoPlan.LoadTest" >/dev/null
fi
mkdir -p "$(dirname "$LOG")"

run() { # provider, then the driver's database options
  local provider=$1 line status=0
  shift
  echo "== $provider: ${KILLS:-3} kills, $(uptime | sed 's/.*load/load/')" >&2
  line=$(cd "$ROOT" && dotnet "$DRIVER" crash --web "$WEB" --provider "$provider" --data-dir "$WORK/$provider" "$@" \
    --kills "${KILLS:-3}" --clients "${CLIENTS:-8}" --port "${PORT:-5393}" --seed "${SEED:-20261202}") || status=$?
  echo "$line"
  echo "$(date -u +%FT%TZ) $(git -C "$ROOT" rev-parse --short HEAD) $line" >>"$LOG"
  return $status
}

failed=0
if [[ $WHICH == sqlite || $WHICH == all ]]; then
  run sqlite || failed=1
fi
if [[ $WHICH == postgres || $WHICH == all ]]; then
  PG_DB=ecoplan_crash_$$
  PGPASSWORD=$(pg_part Password) psql -q -h "$(pg_part Host)" -p "$(pg_part Port)" -U "$(pg_part Username)" -d "$(pg_part Database)" -c "CREATE DATABASE $PG_DB"
  CONN="Host=$(pg_part Host);Port=$(pg_part Port);Username=$(pg_part Username);Password=$(pg_part Password);Database=$PG_DB"
  run postgres --connection "$CONN" || failed=1
fi
exit $failed
