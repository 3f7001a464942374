#!/usr/bin/env bash
# A township's clue list of 10,000 (issue 13, "Storage and speed": p95 < 100 ms): the page /clues (list, counts,
# filters, map of the first 500, boundaries) and GET /api/v1/clues, signed in as the township 永顺镇 that has
# OWN clues in a district table of OWN + OTHERS, on SQLite and PostgreSQL, driven by wrk with few connections
# (one inspector's wait, not a queue).
#
#   bench/clue-list.sh [sqlite|postgres|all]      (default: all)
#
# Settings (environment): OWN (10000), OTHERS (30000), CONNECTIONS (2), THREADS (1), DURATION (30s), WARMUP (10s),
# PORT (5392), PG (as bench/web-load.sh), NO_BUILD=1 to skip the Release build.
# Needs wrk, curl, psql for PostgreSQL. Prints one RESULT line per endpoint and appends them to bench/out/clue-list.log.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
WHICH=${1:-all}
OWN=${OWN:-10000}
OTHERS=${OTHERS:-30000}
CONNECTIONS=${CONNECTIONS:-2}
THREADS=${THREADS:-1}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
PORT=${PORT:-5392}
PG=${PG:-Host=127.0.0.1;Port=55432;Username=ecoplan;Password=ecoplan;Database=postgres}
USER_NAME=benchtownship
USER_ORG=通州区永顺镇人民政府
TOWNSHIP=110112005
PASSWORD=Clue-bench-2026
BASE=http://127.0.0.1:$PORT

WEB="$ROOT/src/EcoPlan.Web/bin/Release/net10.0/EcoPlan.Web.dll"
CLI="$ROOT/src/EcoPlan.Cli/bin/Release/net10.0/ecoplan.dll"
BENCH="$ROOT/bench/EcoPlan.Benchmarks/bin/Release/net10.0/EcoPlan.Benchmarks.dll"
LUA="$ROOT/bench/web-load/report.lua"
LOG="$ROOT/bench/out/clue-list.log"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ecoplan-clue-list.XXXXXX")
APP_PID=
PG_DB=

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
BOUNDARIES="$ROOT/samples/clues/tongzhou-townships.geojson"
dotnet "$BENCH" clue-list-batch "$BOUNDARIES" "$TOWNSHIP" "$OWN" "$OTHERS" "$WORK/batch.geojson"

run_provider() {
  local provider=$1
  local data="$WORK/$provider"
  mkdir -p "$data"
  local -a db_args=(--data-dir "$data" --provider "$provider")
  local -a app_args=(--EcoPlan:DataDirectory="$data" --EcoPlan:SeedDemoData=false --EcoPlan:DatabaseProvider="$provider")
  if [[ $provider == postgres ]]; then
    PG_DB=ecoplan_cluelist_$$
    psql -q "$(pg_url postgres)" -c "CREATE DATABASE $PG_DB" >/dev/null
    local connection="${PG/Database=postgres/Database=$PG_DB}"
    db_args+=(--connection "$connection")
    app_args+=(--ConnectionStrings:EcoPlan="$connection")
  fi

  dotnet "$CLI" db migrate "${db_args[@]}"
  dotnet "$CLI" region boundaries import "$BOUNDARIES" "${db_args[@]}"
  local started=$SECONDS
  dotnet "$CLI" clue import "$WORK/batch.geojson" --source RedLine --batch "列表基准批次" --district 110112 \
    --received 2026-05-20 --deadline 2026-06-30 --rectify-by 2026-11-30 "${db_args[@]}" | tail -n 2
  echo "clue import of $((OWN + OTHERS)) features: $((SECONDS - started)) s"
  dotnet "$CLI" user add --name "$USER_NAME" --org "$USER_ORG" --role township --password "$PASSWORD" "${db_args[@]}"

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
  [[ -n $cookie ]] || { echo "clue-list: sign-in failed" >&2; exit 1; }

  local path status
  for path in /clues "/api/v1/clues?pageSize=50"; do
    status=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Cookie: $cookie" "$BASE$path")
    [[ $status == 200 ]] || { echo "clue-list: GET $path answered $status, not 200" >&2; exit 1; }
    echo "GET $path: 200, $(wc -c <"$WORK/body") bytes, total $(grep -o '"total": *[0-9]*' "$WORK/body" | head -1)"
  done

  for path in /clues "/api/v1/clues?pageSize=50" "/api/v1/clues?pageSize=50&page=150"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s -H "Cookie: $cookie" "$BASE$path" >/dev/null
    local load result line
    load=$(uptime | sed 's/.*load average: //')
    result=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$LUA" -H "Cookie: $cookie" "$BASE$path" | grep '^RESULT')
    line="$(date -u +%FT%TZ) $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown) $provider own=$OWN others=$OTHERS GET $path c=$CONNECTIONS ${result#RESULT } load=[$load]"
    echo "$line"
    echo "$line" >>"$LOG"
  done

  if grep -E ' (fail|crit)[: ]' "$WORK/app-$provider.log" >/dev/null; then
    echo "clue-list: the app logged errors:" >&2
    grep -E -A3 ' (fail|crit)[: ]' "$WORK/app-$provider.log" | head -20 >&2
  fi
  stop_app
}

case $WHICH in
  sqlite) run_provider sqlite ;;
  postgres) run_provider postgres ;;
  all) run_provider sqlite; run_provider postgres ;;
  *) echo "usage: bench/clue-list.sh [sqlite|postgres|all]" >&2; exit 2 ;;
esac
