# Shared by the bench scripts that run the app over PostgreSQL (web-load.sh, clue-list.sh, two-instances.sh): source it.

# The connection string in $PG (Host=…;Port=…;Username=…;Password=…) as libpq keywords for psql, on database $1.
pg_url() {
  local db=$1 host port user pass
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$PG")
  port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$PG")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$PG")
  pass=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$PG")
  echo "host=$host port=${port:-5432} user=$user password=$pass dbname=$db"
}

# Stops the app started in the background as $APP_PID, if any.
stop_app() {
  if [[ -n ${APP_PID:-} ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
  fi
}
