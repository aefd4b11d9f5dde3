#!/usr/bin/env bash
# Carechart benchmarks: builds the service with the bench profile, starts it on an embedded
# PostgreSQL seeded at scale by the demo generator, warms up, runs the HTTP scenarios (B0, B1, T1..T4, F1, F2,
# interleaved, several rounds), pgbench as the database ceiling, the WebSocket scenario and (with
# BENCH_SCALE=1) the scale comparison, then writes bench/results/<date>.md and .json.
# Everything it starts is stopped on exit. See docs/performance.md for what each number means.
#
# Settings (environment):
#   BENCH_QUICK=1          1,000 patients, short runs, 1,000 sockets: checks the harness in a few minutes
#   BENCH_PATIENTS=10000   data set size (about 100 chart entries per patient); kept in bench/work/p<N>
#   BENCH_DURATION=30      seconds per measured wrk / pgbench run
#   BENCH_WARMUP=15        seconds of warm-up per scenario before the first round
#   BENCH_ROUNDS=3         alternating rounds (B0 B1 T1 T2 T3 T4 PG, repeated); the report takes the median
#   BENCH_SCENARIOS="B0 B1 T1 T2 T3 T4 F1 F2"   the HTTP scenarios to run (F1: FHIR read of T3's observation,
#                          F2: FHIR Observation search patient+category=laboratory, first page, beside T2); (e.g. "B1 T1" with BENCH_JFR=1 to profile one)
#   BENCH_CONNECTIONS=32   wrk connections (2 threads)
#   BENCH_POOL_SIZE=16     reactive pool size of the service = pgbench clients
#   BENCH_TOKENS=2000      patients whose tokens wrk rotates through
#   BENCH_WS_SOCKETS="1000 5000 10000"   idle socket levels; BENCH_WS_RATE=200 events/s; BENCH_WS_SECONDS=30
#   BENCH_SCALE=1          also run T1/T2 at 1,000, 10,000 and 50,000 patients (BENCH_SCALE_SIZES)
#   BENCH_QUALITY=1        also time each quality measure's $evaluate-measure over the whole data set at
#                          BENCH_QUALITY_SIZES="1000 10000 50000" patients (BENCH_QUALITY_REPS=5 calls each; issue 18)
#   BENCH_SKIP_BUILD=1     reuse bench/work/app; BENCH_SKIP_WS=1, BENCH_SKIP_HTTP=1 skip parts
#   BENCH_HTTP_PORT=8680, BENCH_PG_PORT=5632, BENCH_JAVA_OPTS="-Xms2g -Xmx2g -XX:+AlwaysPreTouch"
#                          (a fixed, pre-touched heap: RSS growth under sockets is their native cost, not heap growth;
#                          the WebSocket client reports their live-heap cost separately, after a full GC)
#   BENCH_JFR=1            record a Java Flight Recorder profile of the service (where the time goes):
#                          bench/work/runs/<stamp>/service-p<N>.jfr and its hottest frames in the report
#   BENCH_WS_BASE, BENCH_WS_WRITE=post|sql   point the WebSocket scenario elsewhere / force how events are written
#                          (sql: the event row and notification_fan_out in one transaction, as the publisher writes
#                          them: the delivery path alone, without HTTP, auth, chart write or audit)
#   BENCH_EXPORT=1         also the bulk export scenario (bench/export.sh: 1,000 and 10,000 patients, BENCH_EXPORT_SIZES)
#   BENCH_RATE_LIMITS=1    keep the API rate limits on for loopback (by default the load generators are exempt)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH=$ROOT/bench

QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
  D_PATIENTS=1000; D_DURATION=5; D_WARMUP=3; D_ROUNDS=3; D_TOKENS=1000; D_WS="1000"; D_WS_SECONDS=10; D_SCALE="1000 2000"
else
  D_PATIENTS=10000; D_DURATION=30; D_WARMUP=15; D_ROUNDS=3; D_TOKENS=2000; D_WS="1000 5000 10000"; D_WS_SECONDS=30; D_SCALE="1000 10000 50000"
fi
PATIENTS=${BENCH_PATIENTS:-$D_PATIENTS}
DURATION=${BENCH_DURATION:-$D_DURATION}
WARMUP=${BENCH_WARMUP:-$D_WARMUP}
ROUNDS=${BENCH_ROUNDS:-$D_ROUNDS}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
POOL=${BENCH_POOL_SIZE:-16}
TOKENS=${BENCH_TOKENS:-$D_TOKENS}
WS_LEVELS=${BENCH_WS_SOCKETS:-$D_WS}
WS_RATE=${BENCH_WS_RATE:-200}
WS_SECONDS=${BENCH_WS_SECONDS:-$D_WS_SECONDS}
SCALE=${BENCH_SCALE:-0}
SCENARIOS=${BENCH_SCENARIOS:-"B0 B1 T1 T2 T3 T4 F1 F2"}
SCALE_SIZES=${BENCH_SCALE_SIZES:-$D_SCALE}
HTTP_PORT=${BENCH_HTTP_PORT:-8680}
# health and metrics answer on the management interface, a port of its own
MGMT_PORT=${BENCH_MGMT_PORT:-9680}
PG_PORT=${BENCH_PG_PORT:-5632}
JAVA_OPTS_BENCH=${BENCH_JAVA_OPTS:-"-Xms2g -Xmx2g -XX:+AlwaysPreTouch"}
ISSUER=${CARECHART_ISSUER:-https://carechart.local/issuer}
AUDIENCE=${CARECHART_AUDIENCE:-carechart-api}
BASE=http://127.0.0.1:$HTTP_PORT
# The embedded PostgreSQL signs in with SCRAM and a password generated under the work dir (docs/security.md)
pgpw() { cat "$WORK/keys/postgres-owner.password" 2>/dev/null || echo postgres; }

STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
[ "$QUICK" = 1 ] && STAMP=$STAMP-quick
RUN=$BENCH/work/runs/$STAMP
mkdir -p "$RUN" "$BENCH/results"
log() { echo "[bench $(date -u +%H:%M:%S)] $*" | tee -a "$RUN/bench.log" >&2; }

# ---------------------------------------------------------------- tools
install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v python3 >/dev/null || missing+=(python3)
  command -v curl >/dev/null || missing+=(curl)
  PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1 || true)
  [ -z "$PGBENCH" ] && missing+=(postgresql-15)   # pgbench ships with the server package on Debian
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    local sudo=""; [ "$(id -u)" != 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1)
  fi
  log "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), $($PGBENCH --version), $(psql --version)"
  # 10,000 sockets need 10,000 descriptors in the service and in the client
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  log "open files limit $(ulimit -n)"
}

# ---------------------------------------------------------------- build
build() {
  if [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f "$BENCH/work/app/quarkus-run.jar" ]; then
    log "reusing bench/work/app"
  else
    log "building the service with -Pbench"
    ./mvnw -B -q -Pbench package -DskipTests >"$RUN/build.log" 2>&1 || { tail -50 "$RUN/build.log"; exit 1; }
    rm -rf "$BENCH/work/app" && cp -r target/quarkus-app "$BENCH/work/app"
    # the next normal build must not find bench classes in target/: clean them away
    rm -rf target/classes/org/carechart/bench target/quarkus-app
  fi
  if [ "${BENCH_SKIP_WS:-0}" != 1 ]; then
    log "building the WebSocket load client"
    ./mvnw -B -q -f bench/ws-client/pom.xml package -DskipTests >"$RUN/ws-build.log" 2>&1 || { tail -50 "$RUN/ws-build.log"; exit 1; }
  fi
}

# ---------------------------------------------------------------- service
SERVICE_PID=""
WORK=""
start_service() { # $1 = patients
  local n=$1
  WORK=$BENCH/work/p$n
  local fresh=0; [ -d "$WORK/pgdata" ] || fresh=1
  mkdir -p "$WORK"
  if (exec 3<>/dev/tcp/127.0.0.1/$HTTP_PORT) 2>/dev/null; then log "port $HTTP_PORT is busy: set BENCH_HTTP_PORT"; exit 1; fi
  if (exec 3<>/dev/tcp/127.0.0.1/$PG_PORT) 2>/dev/null; then log "port $PG_PORT is busy: set BENCH_PG_PORT"; exit 1; fi
  log "starting the service on $n patients (work dir bench/work/p$n, fresh=$fresh)"
  local started=$(date +%s.%N) jfr=""
  [ "${BENCH_JFR:-0}" = 1 ] && jfr="-XX:StartFlightRecording=filename=$RUN/service-p$n.jfr,settings=profile,dumponexit=true"
  # shellcheck disable=SC2086
  # The load generators all speak from loopback: exempt it from the API rate limits (unless BENCH_RATE_LIMITS=1),
  # or the runs measure 429s. The limiter's own cost is then not in the figures: measure it with BENCH_RATE_LIMITS=1.
  local exempt=""; [ "${BENCH_RATE_LIMITS:-0}" = 1 ] || exempt="-Dcarechart.rate-limit.exempt-addresses=127.0.0.1,::1"
  # shellcheck disable=SC2086
  CARECHART_DB_POOL_SIZE=$POOL java $JAVA_OPTS_BENCH $jfr $exempt -Dcarechart.work.dir="$WORK" -Dcarechart.embedded.port=$PG_PORT \
    -Dquarkus.http.port=$HTTP_PORT -Dquarkus.management.port=$MGMT_PORT -jar "$BENCH/work/app/quarkus-run.jar" --patients "$n" >"$RUN/service-p$n.log" 2>&1 &
  SERVICE_PID=$!
  local waited=0
  until curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" >/dev/null 2>&1; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then log "the service died: see $RUN/service-p$n.log"; tail -30 "$RUN/service-p$n.log"; exit 1; fi
    sleep 1; waited=$((waited + 1))
    [ $((waited % 60)) = 0 ] && log "still starting ($waited s)"
    [ $waited -gt 7200 ] && { log "gave up waiting for the service"; exit 1; }
  done
  local took; took=$(python3 -c "import time;print(round(time.time()-$started,1))")
  if [ $fresh = 1 ]; then
    SEED_SECONDS=$took
    log "seeded $n patients and ready in $took s ($(grep -o 'Seeded demo data.*' "$RUN/service-p$n.log" | head -1))"
  else
    SEED_SECONDS=""
    log "ready in $took s (data set reused)"
  fi
  echo "{\"patients\":$n,\"fresh\":$fresh,\"startup_seconds\":$took}" >>"$RUN/startups.jsonl"
  PG_PID=$(head -1 "$WORK/pgdata/postmaster.pid")
}

stop_service() {
  [ -z "$SERVICE_PID" ] && return 0
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    log "stopping the service (pid $SERVICE_PID)"
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  # the embedded PostgreSQL is stopped by the service's shutdown hook; make sure of it
  if [ -n "$WORK" ] && [ -f "$WORK/pgdata/postmaster.pid" ]; then
    local pg; pg=$(head -1 "$WORK/pgdata/postmaster.pid")
    if kill -0 "$pg" 2>/dev/null; then log "stopping leftover PostgreSQL (pid $pg)"; kill -INT "$pg" 2>/dev/null || true; sleep 3; fi
  fi
  SERVICE_PID=""
}
WS_PID=""
cleanup() {
  [ -n "$WS_PID" ] && kill "$WS_PID" 2>/dev/null || true
  stop_service
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sql() { PGPASSWORD="$(pgpw)" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtX "$@"; }

# ---------------------------------------------------------------- CPU accounting
TICKS=$(getconf CLK_TCK)
proc_ticks() { # utime+stime of one process (all its threads)
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}
pg_ticks() { # the postmaster (with its reaped children: cutime+cstime) plus its live children
  local total; total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PG_PID/stat" 2>/dev/null || echo 0)
  for c in $(pgrep -P "$PG_PID" 2>/dev/null); do total=$((total + $(proc_ticks "$c"))); done
  echo "$total"
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# ---------------------------------------------------------------- tokens
make_tokens() { # $1 = how many patients
  local k=$1
  log "bench accounts and tokens for $k patients"
  # The entry of each line is the patient's newest observation: T3 reads it natively, F1 as FHIR.
  # Seeded patients have no login; give each one a patient account (bench data set only), so that
  # tokens, audit rows and notification inboxes belong to real accounts.
  sql -c "insert into account (id, username, password_hash, display_name, roles, patient_id)
          select md5('bench-account:' || p.id)::uuid, 'bench-' || p.id, '!', 'Bench Patient', array['patient'], p.id
            from patient p where not exists (select 1 from account a where a.patient_id = p.id)
          on conflict do nothing" >/dev/null
  sql -F $'\t' -c "select p.id, a.id, p.organization_id, coalesce(c.provider_id::text, ''),
                          coalesce((select e.id::text from chart_entry e where e.patient_id = p.id
                                     order by e.category = 'observation' desc, e.effective_at desc, e.id desc limit 1), '')
                     from patient p
                     join lateral (select id from account a where a.patient_id = p.id order by id limit 1) a on true
                     left join lateral (select provider_id from care_team_member m where m.patient_id = p.id
                                        order by provider_id limit 1) c on true
                    order by md5(p.id::text) limit $k" >"$WORK/patients.tsv"
  java "$BENCH/tools/BenchTokens.java" "$WORK/keys/signing-key.pem" "$ISSUER" "$AUDIENCE" "$WORK/patients.tsv" "$WORK/tokens.txt" \
    | tee -a "$RUN/bench.log"
  head -n "$TOKENS" "$WORK/tokens.txt" >"$WORK/tokens-http.txt"
}

# ---------------------------------------------------------------- HTTP scenarios
declare -A MODE_PATH=(
  [B0]="/bench/b0" [B1]="/bench/b1/{patientId}"
  [T1]="/api/v1/patients/{patientId}/chart" [T2]="/api/v1/patients/{patientId}/chart/entries"
  [T3]="/api/v1/patients/{patientId}/chart/entries/{entryId}" [T4]="POST /api/v1/patients/{patientId}/chart/entries"
  [F1]="/fhir/r4/Observation/{entryId}" [F2]="/fhir/r4/Observation?patient={patientId}&category=laboratory")
declare -A AVAILABLE=()

probe() { # $1 = scenario; sets AVAILABLE[$1] to "yes" or a reason
  local s=$1 line p e reader writer code
  line=$(head -1 "$WORK/tokens-http.txt")
  read -r p _ e _ reader writer <<<"$line"
  case $s in
    B0) code=$(curl -s -o "$RUN/probe-$s.txt" -w '%{http_code}' -H "Authorization: Bearer $reader" "$BASE/bench/b0") ;;
    B1) code=$(curl -s -o "$RUN/probe-$s.txt" -w '%{http_code}' -H "Authorization: Bearer $reader" "$BASE/bench/b1/$p") ;;
    T1) code=$(curl -s -o "$RUN/probe-$s.txt" -w '%{http_code}' -H "Authorization: Bearer $reader" "$BASE/api/v1/patients/$p/chart") ;;
    T2) code=$(curl -s -o "$RUN/probe-$s.txt" -w '%{http_code}' -H "Authorization: Bearer $reader" "$BASE/api/v1/patients/$p/chart/entries") ;;
    T3) code=$(curl -s -o "$RUN/probe-$s.txt" -w '%{http_code}' -H "Authorization: Bearer $reader" "$BASE/api/v1/patients/$p/chart/entries/$e") ;;
    F1) code=$(curl -s -o "$RUN/probe-$s.txt" -w '%{http_code}' -H "Authorization: Bearer $reader" -H 'Accept: application/fhir+json' "$BASE/fhir/r4/Observation/$e") ;;
    F2) code=$(curl -s -o "$RUN/probe-$s.txt" -w '%{http_code}' -H "Authorization: Bearer $reader" -H 'Accept: application/fhir+json' "$BASE/fhir/r4/Observation?patient=$p&category=laboratory") ;;
    T4) code=$(curl -s -o "$RUN/probe-$s.txt" -w '%{http_code}' -X POST -H "Authorization: Bearer $writer" \
          -H 'Content-Type: application/json' -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" \
          --data @"$BENCH/wrk/entry-observation.json" "$BASE/api/v1/patients/$p/chart/entries") ;;
  esac
  if [[ $code == 2* ]]; then
    AVAILABLE[$s]=yes
  elif [ "$code" = 404 ] && ! endpoint_published "$s"; then
    AVAILABLE[$s]="SKIPPED: endpoint missing (404)"
  else
    AVAILABLE[$s]="FAILED: probe answered $code ($(head -c 300 "$RUN/probe-$s.txt" | tr '\n' ' '))"
  fi
  log "probe $s ${MODE_PATH[$s]}: $code -> ${AVAILABLE[$s]}"
  echo "{\"scenario\":\"$s\",\"status\":$(python3 -c 'import json,sys;print(json.dumps(sys.argv[1]))' "${AVAILABLE[$s]}")}" >>"$RUN/probes.jsonl"
}

endpoint_published() { # is the path in the service's OpenAPI document? (tells "no such endpoint" from "404 by access rule")
  local path=${MODE_PATH[$1]#POST }
  [[ $path == /bench/* ]] && return 0
  # FHIR is described by its CapabilityStatement, not the OpenAPI document
  [[ $path == /fhir/* ]] && { curl -sf "$BASE/fhir/r4/metadata" | grep -q '"Observation"'; return; }
  local pattern; pattern=$(sed -E 's/\{[^}]+\}/\\{[^}]+\\}/g' <<<"$path")
  curl -s "$BASE/q/openapi" | grep -Eq "^  [\"']?$pattern[\"']?:\s*$"
}

run_wrk() { # $1 scenario, $2 round ("warmup" or n), $3 seconds, [$4 label]
  local s=$1 round=$2 secs=$3 label=${4:-http} mode body=()
  mode=$(tr 'A-Z' 'a-z' <<<"$s")
  [ "$s" = T4 ] && body=("$BENCH/wrk/entry-observation.json")
  local svc0 pg0 svc1 pg1 out
  svc0=$(proc_ticks "$SERVICE_PID"); pg0=$(pg_ticks)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${secs}s" --timeout 10s --latency -s "$BENCH/wrk/scenario.lua" "$BASE" \
        -- "$mode" "$WORK/tokens-http.txt" "${body[@]}" 2>&1) || true
  svc1=$(proc_ticks "$SERVICE_PID"); pg1=$(pg_ticks)
  echo "$out" >>"$RUN/wrk-$label-$s.txt"
  local json; json=$(grep -o 'BENCHJSON .*' <<<"$out" | cut -d' ' -f2-)
  [ -z "$json" ] && { log "wrk gave no result for $s: $(tail -3 <<<"$out")"; return; }
  [ "$round" = warmup ] && return
  echo "{\"label\":\"$label\",\"patients\":$CURRENT_PATIENTS,\"scenario\":\"$s\",\"round\":$round,\"wrk\":$json,\"service_cpu_s\":$(python3 -c "print(($svc1-$svc0)/$TICKS)"),\"pg_cpu_s\":$(python3 -c "print(($pg1-$pg0)/$TICKS)")}" >>"$RUN/runs.jsonl"
  log "$label $s round $round: $(python3 -c "import json,sys;w=json.loads(sys.argv[1]);print('%.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx %d' % (w['requests']/w['duration_us']*1e6, w['p50_us']/1000, w['p99_us']/1000, w['non2xx']))" "$json")"
}

run_pgbench() { # $1 round
  local round=$1 dir="$RUN/pgbench"
  mkdir -p "$dir"
  if [ ! -f "$dir/script-1.sql" ]; then
    local i=0
    for id in $(sql -c "select id from patient order by md5(id::text) limit 20"); do
      i=$((i + 1))
      echo "select id, organization_id, mrn, given_name, family_name, birth_date, sex from patient where id = '$id';" >"$dir/script-$i.sql"
    done
  fi
  local scripts=(); for f in "$dir"/script-*.sql; do scripts+=(-f "$f"); done
  local pg0 pg1 out
  pg0=$(pg_ticks)
  out=$(PGPASSWORD="$(pgpw)" "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared -c "$POOL" -j 2 -T "$DURATION" \
        -l --log-prefix="$dir/log-$round" "${scripts[@]}" postgres 2>&1) || { log "pgbench failed: $(tail -3 <<<"$out")"; return; }
  pg1=$(pg_ticks)
  echo "$out" >"$dir/out-$round.txt"
  python3 - "$dir" "$round" "$DURATION" "$(((pg1 - pg0)))" "$TICKS" "$CURRENT_PATIENTS" >>"$RUN/runs.jsonl" <<'EOF'
import glob, json, sys
d, rnd, secs, ticks, hz, patients = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
lat = []
for f in glob.glob(f"{d}/log-{rnd}.*"):
    for line in open(f):
        parts = line.split()
        if len(parts) >= 3:
            lat.append(int(parts[2]))
lat.sort()
pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else 0
print(json.dumps({"label": "http", "patients": patients, "scenario": "PG", "round": int(rnd),
                  "wrk": {"requests": len(lat), "duration_us": int(secs * 1e6), "non2xx": 0, "p50_us": pct(0.5),
                          "p90_us": pct(0.9), "p99_us": pct(0.99), "max_us": lat[-1] if lat else 0},
                  "service_cpu_s": 0.0, "pg_cpu_s": ticks / hz}))
EOF
  rm -f "$dir"/log-"$round".*
  log "pgbench round $round: $(grep -E '^tps' <<<"$out" | head -1)"
  return 0
}

http_scenarios() {
  for s in B0 B1 T1 T2 T3 T4 F1 F2; do probe "$s"; done
  log "warm-up: ${WARMUP}s per scenario"
  for s in $SCENARIOS; do [ "${AVAILABLE[$s]}" = yes ] && run_wrk "$s" warmup "$WARMUP"; done
  for r in $(seq 1 "$ROUNDS"); do
    for s in $SCENARIOS; do [ "${AVAILABLE[$s]}" = yes ] && run_wrk "$s" "$r" "$DURATION"; done
    run_pgbench "$r"
  done
  return 0
}

# ---------------------------------------------------------------- WebSocket scenario
ws_scenario() {
  local code base=${BENCH_WS_BASE:-$BASE}
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -1 "$WORK/tokens.txt" | awk '{print $4}')" \
         -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
         -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' --max-time 3 "$base/api/v1/notifications/ws" || true)
  if [ "$code" != 101 ]; then
    local why="SKIPPED: endpoint missing ($code)"; [ "$code" = 404 ] || why="FAILED: upgrade answered $code"
    log "WS /api/v1/notifications/ws: $why"
    echo "{\"status\":\"$why\"}" >"$RUN/ws.json"
    return
  fi
  local write=post
  [ "${AVAILABLE[T4]:-}" = yes ] || write=sql
  write=${BENCH_WS_WRITE:-$write}
  local results=()
  for level in $WS_LEVELS; do
    log "WS: $level idle sockets, $WS_RATE events/s for ${WS_SECONDS}s, events by $write"
    java -Xmx1g -jar "$BENCH/ws-client/target/ws-client.jar" \
      --base "$base" --tokens "$WORK/tokens.txt" --sockets "$level" --rate "$WS_RATE" --seconds "$WS_SECONDS" \
      --write "$write" --body "$BENCH/wrk/entry-observation.json" --service-pid "$SERVICE_PID" \
      --pg "127.0.0.1:$PG_PORT" --resume 1000 --out "$RUN/ws-$level.json" >>"$RUN/ws-client.log" 2>&1 &
    WS_PID=$!
    wait "$WS_PID" || log "WS client exited with $? (see $RUN/ws-client.log)"
    WS_PID=""
    [ -f "$RUN/ws-$level.json" ] && results+=("$RUN/ws-$level.json") && log "WS $level: $(cat "$RUN/ws-$level.json")"
  done
  python3 -c "import json,sys;print(json.dumps({'status':'ran','write':sys.argv[1],'levels':[json.load(open(f)) for f in sys.argv[2:]]}))" \
    "$write" "${results[@]}" >"$RUN/ws.json"
}

# ---------------------------------------------------------------- scale scenario
scale_scenario() {
  for n in $SCALE_SIZES; do
    stop_service
    start_service "$n"
    CURRENT_PATIENTS=$n
    make_tokens "$(( n < TOKENS ? n : TOKENS ))"
    for s in T1 T2; do probe "$s"; done
    for s in T1 T2; do [ "${AVAILABLE[$s]}" = yes ] && run_wrk "$s" warmup "$WARMUP" scale; done
    for r in $(seq 1 "$ROUNDS"); do
      for s in T1 T2; do [ "${AVAILABLE[$s]}" = yes ] && run_wrk "$s" "$r" "$DURATION" scale; done
    done
  done
  return 0
}

# ---------------------------------------------------------------- quality measures (issue 18)
quality_scenario() {
  local out="$RUN/quality.md"
  {
    echo; echo "## Quality measures: \$evaluate-measure over every organization (seconds; period ${QUALITY_PERIOD_START} to ${QUALITY_PERIOD_END})"
    echo; echo "| patients | measure | initial population | min s | median s | max s |"; echo "|---|---|---|---|---|---|"
  } >"$out"
  for n in ${BENCH_QUALITY_SIZES:-1000 10000 50000}; do
    stop_service
    start_service "$n"
    CURRENT_PATIENTS=$n
    log "quality measures at $n patients"
    java "$BENCH/tools/QualityBench.java" "$WORK/keys/signing-key.pem" "$ISSUER" "$AUDIENCE" "$BASE" "$n" \
      "${BENCH_QUALITY_REPS:-5}" "$QUALITY_PERIOD_START" "$QUALITY_PERIOD_END" | tee -a "$out" | tee -a "$RUN/bench.log"
  done
  return 0
}
# the demo data's year before its anchor (CARECHART_DEMO_ANCHOR, 2026-11-01)
QUALITY_PERIOD_START=${BENCH_QUALITY_PERIOD_START:-2025-11-01}
QUALITY_PERIOD_END=${BENCH_QUALITY_PERIOD_END:-2026-10-31}

# ---------------------------------------------------------------- main
install_tools
build
cat >"$RUN/meta.json" <<EOF
{"stamp":"$STAMP","quick":$QUICK,"patients":$PATIENTS,"duration_s":$DURATION,"warmup_s":$WARMUP,"rounds":$ROUNDS,
 "connections":$CONNECTIONS,"wrk_threads":2,"pool_size":$POOL,"token_patients":$TOKENS,"ws_rate":$WS_RATE,"ws_seconds":$WS_SECONDS,
 "java_opts":"$JAVA_OPTS_BENCH","scale":$SCALE,"scale_sizes":"$SCALE_SIZES","skip_http":${BENCH_SKIP_HTTP:-0},"commit":"$(git rev-parse --short HEAD)","cpus":$(nproc),
 "java":"$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')","kernel":"$(uname -r)","load_before":"$(cut -d' ' -f1-3 /proc/loadavg)"}
EOF
CURRENT_PATIENTS=$PATIENTS
start_service "$PATIENTS"
make_tokens "$(python3 -c "print(max($TOKENS, max(int(x) for x in '$WS_LEVELS'.split())))")"
if [ "${BENCH_SKIP_HTTP:-0}" != 1 ]; then http_scenarios; fi
if [ "${BENCH_SKIP_WS:-0}" != 1 ]; then ws_scenario; fi
if [ "$SCALE" = 1 ]; then scale_scenario; fi
# bulk export (issue 17): opt-in, bench/export.sh
if [ "${BENCH_EXPORT:-0}" = 1 ]; then . "$BENCH/export.sh"; export_scenario; fi
if [ "${BENCH_QUALITY:-0}" = 1 ]; then quality_scenario; fi
stop_service
if [ "${BENCH_JFR:-0}" = 1 ]; then
  for f in "$RUN"/service-p*.jfr; do
    [ -f "$f" ] || continue
    # the top frame of every CPU sample, counted: where the service spends its time
    jfr print --events jdk.ExecutionSample "$f" | awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' \
      | sort | uniq -c | sort -rn | head -25 >"$RUN/hot-frames-$(basename "$f" .jfr).txt" || true
  done
fi
python3 "$BENCH/report.py" "$RUN" "$BENCH/results/$STAMP"
for part in export quality; do
  if [ -f "$RUN/$part.md" ]; then { echo; cat "$RUN/$part.md"; } >>"$BENCH/results/$STAMP.md"; fi
done
log "results: bench/results/$STAMP.md and .json"
cat "$BENCH/results/$STAMP.md"
