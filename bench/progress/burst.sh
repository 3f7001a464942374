#!/usr/bin/env bash
# Month-end burst on PostgreSQL (bench/README.md): 500 units × 3 measures save and submit their reports with
# 64 concurrent clients against the Release build, then pgbench inserts the same rows at 64 clients. A report is one
# request ("submit": true, as the form's 提交); SUBMIT=separate makes it two (a draft, then a submit).
# Needs: a PostgreSQL server (PGHOST/PGPORT, superuser PGADMIN for CREATE DATABASE), pgbench, psql.
# Usage: bench/progress/burst.sh [rounds]     (KEEP=1 keeps the database)
#        OVER=60 bench/progress/burst.sh 3   paced: each round's 1,500 reports arrive evenly over 60 s (the month-end minute)
#        instead of each client sending its next report as soon as the last is answered (the default, the app's capacity).
#        BASELINE=<git ref> bench/progress/burst.sh 3   also builds that commit's app (git archive, under bench/out/) and
#        runs it beside this tree's on the same database, rounds alternating A B A B (A = this tree, B = the baseline).
#        Two apps' pools must fit PostgreSQL's max_connections (100 here): give POOL=32 (Maximum Pool Size per app).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
CLIENTS=${CLIENTS:-64}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGADMIN=${PGADMIN:-postgres}
DB=${DB:-ecoplan_bench_burst}
PORT=${PORT:-5190}
YEAR=2026
CONN="Host=$PGHOST;Port=$PGPORT;Username=ecoplan;Password=ecoplan;Database=$DB;Maximum Pool Size=${POOL:-100}"
OUT=bench/out/burst
mkdir -p "$OUT"
export PGPASSWORD=ecoplan
. bench/progress/apps.sh

echo "== build (Release)"
dotnet build -c Release -v q -nologo src/EcoPlan.Web >/dev/null
dotnet build -c Release -v q -nologo src/EcoPlan.Cli >/dev/null
dotnet build -c Release -v q -nologo bench/EcoPlan.LoadTest >/dev/null
LOADTEST="dotnet bench/EcoPlan.LoadTest/bin/Release/net10.0/EcoPlan.LoadTest.dll"

echo "== fresh database $DB"
psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER ecoplan"
ConnectionStrings__EcoPlan="$CONN" EcoPlan__DatabaseProvider=postgres dotnet src/EcoPlan.Cli/bin/Release/net10.0/ecoplan.dll db migrate
HASH=$($LOADTEST hash BenchUnit2026)
psql -q -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -v year=$YEAR -v hash="'$HASH'" -f bench/progress/burst-seed.sql
psql -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -Atc "SELECT 'measures ' || count(*) FROM \"MeasureAssignments\"; SELECT 'units ' || count(*) FROM \"AspNetUsers\" WHERE \"UserName\" LIKE 'bench-unit-%'"

rm -rf "$OUT/data"
start_app src/EcoPlan.Web/bin/Release/net10.0/EcoPlan.Web.dll "$PORT" "$OUT/app.log"
PIDS=$!
URLS="http://127.0.0.1:$PORT/"
APPS=1
trap 'kill $PIDS 2>/dev/null || true' EXIT
wait_healthy "$URLS"
if [ -n "${BASELINE:-}" ]; then
  echo "== baseline $BASELINE ($(git rev-parse --short "$BASELINE")) on http://127.0.0.1:$((PORT + 2))"
  BASELINE_DLL=$(build_baseline "$BASELINE")
  give_old_history "$BASELINE"
  start_app "$BASELINE_DLL" $((PORT + 2)) "$OUT/baseline-app.log"
  PIDS="$PIDS $!"
  URLS="$URLS,http://127.0.0.1:$((PORT + 2))/"
  APPS=2
  wait_healthy "http://127.0.0.1:$((PORT + 2))/"
fi

# The units sign in once (the apps share the data-protection keys); the first round on each app is its warm-up (JIT,
# connection pools, plan caches); each round reports on its own month.
TOTAL=$((ROUNDS * APPS))
PERIODS=$(for round in $(seq 1 "$TOTAL"); do printf '%d-%02d,' $YEAR $((12 - TOTAL + round)); done)
echo "== rounds ${PERIODS%,} on $URLS: $(uptime)"
$LOADTEST burst --url "$URLS" --pids "$(echo $PIDS | tr ' ' ,)" --db "$CONN" --periods "${PERIODS%,}" --clients "$CLIENTS" --over "${OVER:-0}" --submit "${SUBMIT:-together}" | while read -r line; do
  echo "$line  [$(uptime | sed 's/.*load/load/')]"; done | tee -a "$OUT/results.jsonl"
# The apps' connection pools would take pgbench's connection slots.
kill $PIDS; wait $PIDS 2>/dev/null || true
trap - EXIT

echo "== pgbench: the same rows, $CLIENTS clients, 20 s: $(uptime)"
read -r MEASURE ORG USERID < <(psql -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -AtF ' ' -c \
  "SELECT a.\"MeasureId\", a.\"OrganizationId\", u.\"Id\" FROM \"MeasureAssignments\" a JOIN \"AspNetUsers\" u ON u.\"OrganizationId\" = a.\"OrganizationId\" ORDER BY a.\"MeasureId\" LIMIT 1")
psql -q -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -c "CREATE SEQUENCE IF NOT EXISTS bench_period"
pgbench -h "$PGHOST" -p "$PGPORT" -U ecoplan -n -M prepared -c "$CLIENTS" -j 2 -T "${PGBENCH_SECONDS:-20}" -P 5 -r \
  -D measure="$MEASURE" -D org="$ORG" -D user="$USERID" -f bench/progress/burst-pgbench.sql "$DB" | tee "$OUT/pgbench.txt"
psql -q -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -c "DELETE FROM \"AuditEntries\" WHERE \"Action\" = 'pgbench'" \
  -c "DELETE FROM \"ProgressReports\" WHERE \"Period\" >= date '3000-01-01'" -c "DROP SEQUENCE bench_period"
echo "== done: $(uptime)"
if [ "${KEEP:-0}" != 1 ]; then
  psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" -d postgres -c "DROP DATABASE $DB WITH (FORCE)"
fi
