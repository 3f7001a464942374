#!/usr/bin/env bash
# Month-end burst on PostgreSQL (bench/README.md): 500 units × 3 measures save and submit their reports with
# 64 concurrent clients against the Release build, then pgbench inserts the same rows at 64 clients.
# Needs: a PostgreSQL server (PGHOST/PGPORT, superuser PGADMIN for CREATE DATABASE), pgbench, psql.
# Usage: bench/progress/burst.sh [rounds]     (KEEP=1 keeps the database)
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
CONN="Host=$PGHOST;Port=$PGPORT;Username=ecoplan;Password=ecoplan;Database=$DB;Maximum Pool Size=100"
OUT=bench/out/burst
mkdir -p "$OUT"
export PGPASSWORD=ecoplan

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

echo "== app on http://127.0.0.1:$PORT"
rm -rf "$OUT/data"
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__EcoPlan="$CONN" EcoPlan__DatabaseProvider=postgres EcoPlan__DataDirectory="$OUT/data" \
  EcoPlan__Reminders__Enabled=false EcoPlan__SeedDemoData=false Logging__LogLevel__Default=Warning \
  dotnet src/EcoPlan.Web/bin/Release/net10.0/EcoPlan.Web.dll --urls "http://127.0.0.1:$PORT" >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done

# Round 1 is the warm-up (JIT, connection pools, plan caches); each round reports on its own month.
for round in $(seq 1 "$ROUNDS"); do
  period=$(printf '%d-%02d' $YEAR $((8 + round)))
  echo "== round $round ($period): $(uptime)"
  $LOADTEST burst --url "http://127.0.0.1:$PORT/" --db "$CONN" --period "$period" --clients "$CLIENTS" | tee -a "$OUT/results.jsonl"
done

echo "== pgbench: the same rows, $CLIENTS clients, 20 s: $(uptime)"
read -r MEASURE ORG USERID < <(psql -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -AtF ' ' -c \
  "SELECT a.\"MeasureId\", a.\"OrganizationId\", u.\"Id\" FROM \"MeasureAssignments\" a JOIN \"AspNetUsers\" u ON u.\"OrganizationId\" = a.\"OrganizationId\" ORDER BY a.\"MeasureId\" LIMIT 1")
psql -q -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -c "CREATE SEQUENCE IF NOT EXISTS bench_period"
pgbench -h "$PGHOST" -p "$PGPORT" -U ecoplan -n -M prepared -c "$CLIENTS" -j 2 -T "${PGBENCH_SECONDS:-20}" -P 5 -r \
  -D measure="$MEASURE" -D org="$ORG" -D user="$USERID" -f bench/progress/burst-pgbench.sql "$DB" | tee "$OUT/pgbench.txt"
psql -q -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -c "DELETE FROM \"AuditEntries\" WHERE \"Action\" = 'pgbench'" \
  -c "DELETE FROM \"ProgressReports\" WHERE \"Period\" >= date '3000-01-01'" -c "DROP SEQUENCE bench_period"
echo "== done: $(uptime)"

kill $APP; wait $APP 2>/dev/null || true
trap - EXIT
if [ "${KEEP:-0}" != 1 ]; then
  psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" -d postgres -c "DROP DATABASE $DB WITH (FORCE)"
fi
