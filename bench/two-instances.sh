#!/usr/bin/env bash
# Two app instances behind nginx with TLS on one PostgreSQL and one data directory (issue 16, "More than one
# instance"; docs/operations.md, "More than one instance"): nginx spreads requests round-robin with no sticky
# sessions, and the script checks, request by request, which instance answered (nginx's $upstream_addr):
#   - a user signed in through one instance is signed in on the other (Data Protection keys in the data directory);
#   - an anti-forgery token from one guards an upload sent to the other, and the file downloads from both;
#   - a logout ends the session on both;
#   - the reminder job, due every minute on both, runs on one of them (a PostgreSQL advisory lock held by its
#     instance, JobLease): the instances' /metrics count the runs each made and skipped; when the instance holding
#     it stops, the other takes the job over at its next tick.
#
#   bench/two-instances.sh
#
# Settings (environment): PG (a server whose role may create databases; default the test cluster
# Host=127.0.0.1;Port=55432;Username=ecoplan;Password=ecoplan;Database=postgres), PORTS (5401 5402: the instances),
# TLS_PORT (8443: nginx), REMINDER_MINUTES (3: how long to let the reminder timers run), NO_BUILD=1 to skip the
# Release build. Needs nginx, openssl, curl, psql. Exits non-zero on the first check that fails.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
PG=${PG:-Host=127.0.0.1;Port=55432;Username=ecoplan;Password=ecoplan;Database=postgres}
read -r -a PORTS <<<"${PORTS:-5401 5402}"
TLS_PORT=${TLS_PORT:-8443}
REMINDER_MINUTES=${REMINDER_MINUTES:-3}
PASSWORD=Two-instances-2026
BASE=https://localhost:$TLS_PORT

WEB="$ROOT/src/EcoPlan.Web/bin/Release/net10.0/EcoPlan.Web.dll"
CLI="$ROOT/src/EcoPlan.Cli/bin/Release/net10.0/ecoplan.dll"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ecoplan-two.XXXXXX")
chmod 755 "$WORK"
PIDS=()
DB=ecoplan_two_$$

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q "$(pg_url postgres)" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "two-instances: FAILED: $*" >&2; exit 1; }
ok() { echo "two-instances: ok: $*"; }

if [[ ${NO_BUILD:-} != 1 ]]; then
  for project in src/EcoPlan.Web src/EcoPlan.Cli; do
    dotnet build -c Release --nologo -v q "$ROOT/$project" >/dev/null
  done
fi

psql -q "$(pg_url postgres)" -c "CREATE DATABASE $DB" >/dev/null
CONNECTION="${PG/Database=postgres/Database=$DB}"
DATA="$WORK/shared-data"
mkdir -p "$DATA"
dotnet "$CLI" db migrate --provider postgres --connection "$CONNECTION" --data-dir "$DATA" >/dev/null

# One instance at a time on an empty database: the first loads the demo, the second finds it loaded.
start_instance() {
  local port=$1
  dotnet "$WEB" --contentRoot "$(dirname "$WEB")" --urls "http://127.0.0.1:$port" \
    --EcoPlan:DatabaseProvider=postgres --ConnectionStrings:EcoPlan="$CONNECTION" --EcoPlan:DataDirectory="$DATA" \
    --EcoPlan:SeedDemoData=true --EcoPlan:DemoPassword="$PASSWORD" \
    --EcoPlan:Operations:KnownProxies:0=127.0.0.1 --EcoPlan:Reminders:IntervalMinutes=1 \
    >"$WORK/app-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$WORK/app-$port.log"; fail "instance on $port did not start"; }
    sleep 0.5
  done
  fail "instance on $port not healthy in 120 s"
}
for port in "${PORTS[@]}"; do start_instance "$port"; done
ok "two instances up on ports ${PORTS[*]} over database $DB and data directory $DATA"

# nginx as docs/operations.md shows it, with a self-signed certificate for localhost.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
mkdir -p "$WORK/nginx-temp"
chmod 777 "$WORK/nginx-temp"
cat >"$WORK/nginx.conf" <<NGINX
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events {}
http {
  client_body_temp_path $WORK/nginx-temp/body;
  proxy_temp_path $WORK/nginx-temp/proxy;
  fastcgi_temp_path $WORK/nginx-temp/fastcgi;
  uwsgi_temp_path $WORK/nginx-temp/uwsgi;
  scgi_temp_path $WORK/nginx-temp/scgi;
  log_format upstream '\$request_method \$uri \$status \$upstream_addr';
  access_log $WORK/nginx-access.log upstream;
  upstream ecoplan {
    server 127.0.0.1:${PORTS[0]};
    server 127.0.0.1:${PORTS[1]};
  }
  server {
    listen $TLS_PORT ssl;
    server_name localhost;
    ssl_certificate $WORK/cert.pem;
    ssl_certificate_key $WORK/key.pem;
    client_max_body_size 25m;
    location / {
      proxy_pass http://ecoplan;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK" &
PIDS+=($!)
for _ in $(seq 1 40); do curl -skf "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.25; done
ok "nginx on $BASE (TLS), round-robin over both"

JAR="$WORK/cookies"
req() { curl -sk -b "$JAR" -c "$JAR" "$@"; }
served_by() { tail -n 1 "$WORK/nginx-access.log" | awk '{ print $4 }'; }

status=$(req -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"userName\":\"yongshun\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login")
[[ $status == 200 ]] || fail "sign-in answered $status"
login_by=$(served_by)
declare -A seen=()
for _ in 1 2 3 4; do
  status=$(req -o /dev/null -w '%{http_code}' "$BASE/api/v1/me")
  [[ $status == 200 ]] || fail "GET /api/v1/me answered $status through $(served_by)"
  seen[$(served_by)]=1
done
[[ ${#seen[@]} == 2 ]] || fail "round-robin reached only ${!seen[*]}"
ok "signed in through $login_by; /api/v1/me 200 from both ${!seen[*]}"

token_json=$(req "$BASE/api/v1/auth/antiforgery")
token_by=$(served_by)
header=$(sed -n 's/.*"headerName":"\([^"]*\)".*/\1/p' <<<"$token_json")
token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$token_json")
clue=$(req "$BASE/api/v1/clues?state=Verifying&pageSize=1" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
[[ -n $clue ]] || fail "no clue of 永顺镇 in 核查中"
upload=$(req -w '\n%{http_code}' -H "$header: $token" -F "file=@$ROOT/samples/clues/sample-site-photo.png;type=image/png" \
  -F kind=SitePhoto -F noGpsReason=无 "$BASE/api/v1/clues/$clue/evidence")
upload_by=$(served_by)
[[ $(tail -n 1 <<<"$upload") == 200 ]] || fail "upload through $upload_by answered $(tail -n 1 <<<"$upload")"
evidence=$(head -n 1 <<<"$upload" | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
seen=()
for _ in 1 2; do
  req -o "$WORK/download" "$BASE/api/v1/clue-evidence/$evidence"
  cmp -s "$WORK/download" "$ROOT/samples/clues/sample-site-photo.png" || fail "download through $(served_by) differs"
  seen[$(served_by)]=1
done
[[ ${#seen[@]} == 2 ]] || fail "downloads reached only ${!seen[*]}"
ok "token from $token_by, upload through $upload_by, the same bytes downloaded from both ${!seen[*]}"

cp "$JAR" "$WORK/kept"
status=$(req -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/auth/logout")
[[ $status == 204 ]] || fail "logout answered $status"
logout_by=$(served_by)
for _ in 1 2; do
  status=$(curl -sk -b "$WORK/kept" -o /dev/null -w '%{http_code}' "$BASE/api/v1/me")
  [[ $status == 401 ]] || fail "a cookie kept from before the logout answered $status through $(served_by)"
done
ok "logout through $logout_by; the kept cookie refused by both"

echo "two-instances: letting both reminder timers (every minute) run for $REMINDER_MINUTES minutes…"
sleep $((REMINDER_MINUTES * 60))
# ecoplan_job_runs_total{job="reminders",outcome="ok|skipped|failed"} of one instance, as "ok skipped failed".
job_runs() {
  curl -sf "http://127.0.0.1:$1/metrics" | grep '^ecoplan_job_runs' | grep 'job="reminders"' |
    awk '/outcome="ok"/ { ok += $NF } /outcome="skipped"/ { skipped += $NF } /outcome="failed"/ { failed += $NF }
         END { printf "%d %d %d\n", ok, skipped, failed }'
}
read -r ok0 skipped0 failed0 <<<"$(job_runs "${PORTS[0]}")"
read -r ok1 skipped1 failed1 <<<"$(job_runs "${PORTS[1]}")"
echo "  reminder runs: instance ${PORTS[0]} ran $ok0, skipped $skipped0, failed $failed0; instance ${PORTS[1]} ran $ok1, skipped $skipped1, failed $failed1"
((failed0 == 0 && failed1 == 0)) || fail "a reminder run failed"
# The first instance started first and took the job's lease; the second skips every tick while the first lives.
((ok0 >= REMINDER_MINUTES && skipped0 == 0 && ok1 == 0 && skipped1 >= REMINDER_MINUTES)) || fail "both instances ran the reminder job"
ok "the reminder job ran on one instance only ($ok0 runs), the other skipped each of its $skipped1 ticks"

kill "${PIDS[0]}"
wait "${PIDS[0]}" 2>/dev/null || true
echo "two-instances: stopped instance ${PORTS[0]}; waiting one interval for the other to take the job…"
sleep 70
read -r ok1 skipped1 failed1 <<<"$(job_runs "${PORTS[1]}")"
((ok1 >= 1 && failed1 == 0)) || fail "instance ${PORTS[1]} did not take over the reminder job (ran $ok1, failed $failed1)"
ok "instance ${PORTS[1]} took the job over within a minute (ran $ok1)"
status=$(curl -sk -o /dev/null -w '%{http_code}' "$BASE/healthz")
[[ $status == 200 ]] || fail "nginx answered $status with one instance left"
ok "nginx still serves with one instance left"

if grep -E ' (fail|crit)[: ]' "$WORK"/app-*.log >/dev/null; then
  grep -E -A3 ' (fail|crit)[: ]' "$WORK"/app-*.log | head -20 >&2
  fail "an instance logged errors"
fi
echo "two-instances: all checks passed"
