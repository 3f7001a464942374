#!/usr/bin/env bash
# Load benchmark of the web app (issue 4, "Speed"): the plan page of a ~300-measure plan and
# /api/v1/me/measures, signed in as a unit, on SQLite and PostgreSQL, driven by wrk.
#
#   bench/web-load.sh [sqlite|postgres|all]      (default: all)
#
# Settings (environment): CONNECTIONS (32), THREADS (2, wrk's threads), DURATION (30s), WARMUP (10s),
# COPIES (10: the municipal plan's 31 measures ten times = 310), PORT (5391), RUNS (1: measured runs per
# endpoint), PG (the PostgreSQL server: Host=127.0.0.1;Username=ecoplan;Password=ecoplan;Database=postgres;
# a database ecoplan_load_PID is created on it and dropped at the end), NO_BUILD=1 to skip the Release build.
# Needs wrk (Debian: apt-get install -y wrk), curl, and psql for PostgreSQL.
# Prints one RESULT line per run and appends them to bench/out/web-load.log.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
WHICH=${1:-all}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
COPIES=${COPIES:-10}
PORT=${PORT:-5391}
RUNS=${RUNS:-1}
PG=${PG:-Host=127.0.0.1;Username=ecoplan;Password=ecoplan;Database=postgres}
USER_NAME=loadunit
USER_ORG=市生态环境局
PASSWORD=Load-bench-2026
BASE=http://127.0.0.1:$PORT

WEB="$ROOT/src/EcoPlan.Web/bin/Release/net10.0/EcoPlan.Web.dll"
CLI="$ROOT/src/EcoPlan.Cli/bin/Release/net10.0/ecoplan.dll"
BENCH="$ROOT/bench/EcoPlan.Benchmarks/bin/Release/net10.0/EcoPlan.Benchmarks.dll"
LUA="$ROOT/bench/web-load/report.lua"
LOG="$ROOT/bench/out/web-load.log"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ecoplan-load.XXXXXX")
APP_PID=
PG_DB=

# User + system CPU time of the app so far, in clock ticks (/proc/PID/stat fields 14 and 15).
app_cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"
}

cleanup() {
  stop_app
  if [[ -n $PG_DB ]]; then
    psql -q "$(pg_url postgres)" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ${NO_BUILD:-} != 1 ]]; then
  for project in src/EcoPlan.Web src/EcoPlan.Cli bench/EcoPlan.Benchmarks; do
    dotnet build -c Release --nologo -v q "$ROOT/$project" >/dev/null
  done
fi

mkdir -p "$ROOT/bench/out"
dotnet "$BENCH" web-plan "$COPIES" "$WORK/plan.docx"

# Sets up a fresh database for provider $1 (sqlite or postgres), starts the app on it and measures.
run_provider() {
  local provider=$1
  local data="$WORK/$provider"
  mkdir -p "$data"
  local -a db_args=(--data-dir "$data" --provider "$provider")
  local -a app_args=(--EcoPlan:DataDirectory="$data" --EcoPlan:SeedDemoData=false --EcoPlan:DatabaseProvider="$provider")
  if [[ $provider == postgres ]]; then
    PG_DB=ecoplan_load_$$
    psql -q "$(pg_url postgres)" -c "CREATE DATABASE $PG_DB" >/dev/null
    local connection="${PG/Database=postgres/Database=$PG_DB}"
    db_args+=(--connection "$connection")
    app_args+=(--ConnectionStrings:EcoPlan="$connection")
  fi

  dotnet "$CLI" db migrate "${db_args[@]}"
  dotnet "$CLI" plan import "$WORK/plan.docx" --publish "${db_args[@]}"
  dotnet "$CLI" user add --name "$USER_NAME" --org "$USER_ORG" --role unit --password "$PASSWORD" "${db_args[@]}"
  local plan_id
  plan_id=$(dotnet "$CLI" plan list "${db_args[@]}" | awk 'NR > 1 { print $1; exit }')

  # Its content root is its own folder, as deployed: appsettings.json there sets the log levels (with the
  # content root elsewhere, every request would be logged to the console at Information).
  dotnet "$WEB" --contentRoot "$(dirname "$WEB")" --urls "$BASE" "${app_args[@]}" >"$WORK/app-$provider.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app-$provider.log"; exit 1; }
    sleep 0.5
  done

  # The cookie is Secure, so curl's cookie jar would not send it back over http: take it from the header.
  local cookie
  cookie=$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(ecoplan\.auth=[^;]*\).*/\1/p')
  [[ -n $cookie ]] || { echo "web-load: sign-in failed" >&2; exit 1; }

  local measures
  for path in "/plans/$plan_id" /api/v1/me/measures; do
    local status
    status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Cookie: $cookie" "$BASE$path")
    [[ $status == 200 ]] || { echo "web-load: GET $path answered $status, not 200" >&2; exit 1; }
    if [[ $path == /api/* ]]; then
      measures=$(grep -o '"id":' "$WORK/body" | wc -l)
      echo "GET $path: 200, $measures measures of $USER_ORG, $(wc -c <"$WORK/body") bytes"
    else
      echo "GET $path: 200, $(grep -c 'data-measure-id=' "$WORK/body") measure rows, $(wc -c <"$WORK/body") bytes"
    fi
  done

  for path in "/plans/$plan_id" /api/v1/me/measures; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -H "Cookie: $cookie" "$BASE$path" >/dev/null
    for run in $(seq 1 "$RUNS"); do
      local load result line cpu0 cpu1 requests
      load=$(uptime | sed 's/.*load average: //')
      cpu0=$(app_cpu_ticks)
      result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$LUA" -H "Cookie: $cookie" "$BASE$path" | grep '^RESULT')
      cpu1=$(app_cpu_ticks)
      requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
      # The app's own CPU time (user + system) per request: steadier than latency on a shared machine.
      result="$result cpu_ms=$(awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", n ? t * 1000 / hz / n : 0 }')"
      line="$(date -u +%FT%TZ) $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "${LABEL:-unknown}") $provider GET $path c=$CONNECTIONS t=$THREADS d=$DURATION run=$run ${result#RESULT } load=[$load]"
      echo "$line"
      echo "$line" >>"$LOG"
    done
  done

  if grep -E ' (fail|crit)[: ]' "$WORK/app-$provider.log" >/dev/null; then
    echo "web-load: the app logged errors:" >&2
    grep -E -A3 ' (fail|crit)[: ]' "$WORK/app-$provider.log" | head -20 >&2
  fi
  stop_app
}

case $WHICH in
  sqlite) run_provider sqlite ;;
  postgres) run_provider postgres ;;
  all) run_provider sqlite; run_provider postgres ;;
  *) echo "usage: bench/web-load.sh [sqlite|postgres|all]" >&2; exit 2 ;;
esac
