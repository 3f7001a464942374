# Shared by burst.sh and dashboard.sh (sourced, not run): starting the app in Release against $CONN with its data
# under $OUT, and building a baseline commit's app beside it for A/B runs.

start_app() { # dll port log
  ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__EcoPlan="$CONN" EcoPlan__DatabaseProvider=postgres EcoPlan__DataDirectory="$PWD/$OUT/data" \
    EcoPlan__Reminders__Enabled=false EcoPlan__SeedDemoData=false Logging__LogLevel__Default=Warning \
    dotnet "$1" --urls "http://127.0.0.1:$2" >"$3" 2>&1 &
}

# Extracts commit $1 under $OUT/baseline (git archive; kept while it is the same commit), builds its web app in Release
# and prints the path of its dll.
build_baseline() {
  if [ "$(cat "$OUT/baseline/.commit" 2>/dev/null)" != "$(git rev-parse "$1")" ]; then
    rm -rf "$OUT/baseline" && mkdir -p "$OUT/baseline"
    git archive "$1" | tar -x -C "$OUT/baseline"
  fi
  dotnet build -c Release -v q -nologo "$OUT/baseline/src/EcoPlan.Web" >/dev/null
  git rev-parse "$1" >"$OUT/baseline/.commit"
  echo "$OUT/baseline/src/EcoPlan.Web/bin/Release/net10.0/EcoPlan.Web.dll"
}

# A baseline from before the generated migrations (2026-12-02) checks for its own hand-written migration ids; the
# schema is the same (OldReleaseUpgradeTests), so the database $DB is given those history rows too, from the old script.
give_old_history() { # baseline commit
  if ! git merge-base --is-ancestor 3a3a809 "$1"; then
    grep -A1 '^INSERT INTO "__EFMigrationsHistory"' tests/EcoPlan.Core.Tests/Data/OldRelease/postgres.sql | grep -v '^--$' \
      | psql -q -h "$PGHOST" -p "$PGPORT" -U ecoplan -d "$DB"
  fi
}

wait_healthy() { # base URL ending in /
  for _ in $(seq 1 60); do curl -sf "${1}healthz" >/dev/null && return 0; sleep 1; done
  echo "the app at $1 did not come up" >&2
  return 1
}
