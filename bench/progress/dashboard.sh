#!/usr/bin/env bash
# Dashboard at national scale (bench/README.md).
#   bench/progress/dashboard.sh setup   fresh database, migrated, 3,000 plans / 150,000 measures / 2,000,000 reports (dashboard-seed.sql)
#   bench/progress/dashboard.sh run     the app in Release: GET /api/v1/plans/{id}/dashboard over random plans, then the
#                                       hand-written SQL aggregate (dashboard-aggregate.sql) through pgbench, same plans' range,
#                                       in every run (RUNS=2)
#                                       BASELINE=<git ref> also runs that commit's app (git archive, built under bench/out/)
#                                       beside this tree's, runs alternating A B A B (RUNS=2 each)
#   bench/progress/dashboard.sh drop    drop the database
set -euo pipefail
cd "$(dirname "$0")/../.."
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGADMIN=${PGADMIN:-postgres}
DB=${DB:-ecoplan_bench_dashboard}
PORT=${PORT:-5191}
CLIENTS=${CLIENTS:-4}
REQUESTS=${REQUESTS:-600}
DATE=2025-10-31
CONN="Host=$PGHOST;Port=$PGPORT;Username=ecoplan;Password=ecoplan;Database=$DB"
OUT=bench/out/dashboard
LOADTEST="dotnet bench/EcoPlan.LoadTest/bin/Release/net10.0/EcoPlan.LoadTest.dll"
mkdir -p "$OUT"
export PGPASSWORD=ecoplan

. bench/progress/apps.sh

build() {
  dotnet build -c Release -v q -nologo src/EcoPlan.Web >/dev/null
  dotnet build -c Release -v q -nologo src/EcoPlan.Cli >/dev/null
  dotnet build -c Release -v q -nologo bench/EcoPlan.LoadTest >/dev/null
}

case "${1:-}" in
setup)
  build
  psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER ecoplan"
  ConnectionStrings__EcoPlan="$CONN" EcoPlan__DatabaseProvider=postgres dotnet src/EcoPlan.Cli/bin/Release/net10.0/ecoplan.dll db migrate
  HASH=$($LOADTEST hash BenchUnit2026)
  time psql -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -v hash="'$HASH'" -f bench/progress/dashboard-seed.sql
  ;;
run)
  build
  # Pending migrations (a new index) are applied to the generated data, as an upgrade would.
  ConnectionStrings__EcoPlan="$CONN" EcoPlan__DatabaseProvider=postgres dotnet src/EcoPlan.Cli/bin/Release/net10.0/ecoplan.dll db migrate
  rm -rf "$OUT/data"
  start_app src/EcoPlan.Web/bin/Release/net10.0/EcoPlan.Web.dll "$PORT" "$OUT/app.log"
  APPS="$!"
  URLS="http://127.0.0.1:$PORT/"
  trap 'kill $APPS 2>/dev/null || true' EXIT
  if [ -n "${BASELINE:-}" ]; then
    # The baseline commit's app beside this tree's, on the same database; runs alternate A B A B.
    BASELINE_DLL=$(build_baseline "$BASELINE")
    give_old_history "$BASELINE"
    start_app "$BASELINE_DLL" $((PORT + 2)) "$OUT/baseline-app.log"
    APPS="$APPS $!"
    URLS="$URLS http://127.0.0.1:$((PORT + 2))/"
  fi
  for url in $URLS; do wait_healthy "$url"; done
  read -r FIRST LAST < <(psql -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB" -AtF ' ' -c "SELECT min(\"Id\"), max(\"Id\") FROM \"Plans\" WHERE \"Title\" LIKE '全国基准计划%'")
  # Each run ends with the SQL aggregate, so the app and the SQL it is held against meet the machine in the same state.
  for run in $(seq 1 "${RUNS:-2}"); do
    for url in $URLS; do
      echo "== $url run $run, $CLIENTS clients, $REQUESTS requests: $(uptime)"
      $LOADTEST dashboard --url "$url" --db "$CONN" --date $DATE --clients "$CLIENTS" --requests "$REQUESTS" | tee -a "$OUT/results.jsonl"
    done
    echo "== SQL aggregate through pgbench, run $run, $CLIENTS clients, $REQUESTS transactions in all: $(uptime)"
    rm -f "$OUT"/pgbench_log.*
    (cd "$OUT" && pgbench -h "$PGHOST" -p "$PGPORT" -U ecoplan -n -M prepared -c "$CLIENTS" -j 2 -t $((REQUESTS / CLIENTS)) -l \
      -D first="$FIRST" -D last="$LAST" -D asof=$DATE -f "$OLDPWD/bench/progress/dashboard-aggregate.sql" "$DB") >"$OUT/pgbench.txt"
    # Column 3 of pgbench's log is each transaction's latency in microseconds.
    cat "$OUT"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n | awk -v run="$run" '{a[NR] = $1} END {printf "sql run %d ms: p50 %.1f p95 %.1f p99 %.1f max %.1f (n=%d)\n", run, a[int(NR*0.5+0.5)], a[int(NR*0.95+0.5)], a[int(NR*0.99+0.5)], a[NR], NR}' | tee -a "$OUT/results.jsonl"
  done
  kill $APPS; wait $APPS 2>/dev/null || true
  trap - EXIT
  echo "== done: $(uptime)"
  ;;
drop)
  psql -q -h "$PGHOST" -p "$PGPORT" -U "$PGADMIN" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  ;;
*)
  echo "usage: $0 setup|run|drop" >&2; exit 2 ;;
esac
