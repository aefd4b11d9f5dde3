#!/usr/bin/env bash
# PostgreSQL goes away under load, twice: `pg_ctl restart -m immediate`, then kill -9 of the postmaster
# for 5 s and a fresh start. Writers and readers (bench/faults.py) run throughout. Afterwards it counts:
# every write answered 2xx is in the database; every read answered 2xx has its audit record; what the
# others were answered (503 with Retry-After, never 500); what readiness said; and what the service
# logged (one line when the database went away and one when it came back, no stack traces).
# Writes bench/results/<stamp>-faults.md and .json. Settings: FAULTS_PATIENTS=200, FAULTS_SECONDS=45,
# FAULTS_HTTP_PORT=8690, FAULTS_PG_PORT=5690, BENCH_SKIP_BUILD=1 (reuse bench/work/app from bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd); BENCH=$ROOT/bench
PATIENTS=${FAULTS_PATIENTS:-200}; SECONDS_RUN=${FAULTS_SECONDS:-45}
HTTP_PORT=${FAULTS_HTTP_PORT:-8690}; PG_PORT=${FAULTS_PG_PORT:-5690}
ISSUER=${CARECHART_ISSUER:-https://carechart.local/issuer}; AUDIENCE=${CARECHART_AUDIENCE:-carechart-api}
BASE=http://127.0.0.1:$HTTP_PORT
MGMT_PORT=${BENCH_MGMT_PORT:-9680}
MGMT=http://127.0.0.1:$MGMT_PORT
# The embedded PostgreSQL signs in with SCRAM and a password generated under the work dir (docs/security.md)
pgpw() { cat "$WORK/keys/postgres-owner.password" 2>/dev/null || echo postgres; }
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
RUN=$BENCH/work/runs/$STAMP-faults; WORK=$BENCH/work/faults
mkdir -p "$RUN" "$BENCH/results" "$WORK"
log() { echo "[faults $(date -u +%H:%M:%S)] $*" | tee -a "$RUN/faults.log" >&2; }
sql() { PGPASSWORD="$(pgpw)" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtX "$@"; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$BENCH/work/app/quarkus-run.jar" ]; then
  log "building the service with -Pbench"
  ./mvnw -B -q -Pbench package -DskipTests >"$RUN/build.log" 2>&1 || { tail -50 "$RUN/build.log"; exit 1; }
  rm -rf "$BENCH/work/app" && cp -r target/quarkus-app "$BENCH/work/app"
  rm -rf target/classes/org/carechart/bench target/quarkus-app
fi

SERVICE_PID=""
cleanup() {
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && for _ in $(seq 1 30); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
  if [ -f "$WORK/pgdata/postmaster.pid" ]; then pg=$(head -1 "$WORK/pgdata/postmaster.pid"); kill -INT "$pg" 2>/dev/null || true; fi
}
trap cleanup EXIT

log "starting the service on $PATIENTS patients (ports $HTTP_PORT, $PG_PORT)"
CARECHART_DB_POOL_SIZE=16 java -Xms256m -Xmx1g -Dcarechart.rate-limit.exempt-addresses=127.0.0.1,::1 -Dcarechart.work.dir="$WORK" -Dcarechart.embedded.port=$PG_PORT \
  -Dquarkus.http.port=$HTTP_PORT -Dquarkus.management.port=$MGMT_PORT \
  -jar "$BENCH/work/app/quarkus-run.jar" --patients "$PATIENTS" >"$RUN/service.log" 2>&1 &
SERVICE_PID=$!
until curl -sf "$MGMT/q/health/ready" >/dev/null 2>&1; do
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -30 "$RUN/service.log"; exit 1; }; sleep 1
done
log "ready"

sql -c "insert into account (id, username, password_hash, display_name, roles, patient_id)
        select md5('bench-account:' || p.id)::uuid, 'bench-' || p.id, '!', 'Bench Patient', array['patient'], p.id
          from patient p where not exists (select 1 from account a where a.patient_id = p.id) on conflict do nothing" >/dev/null
sql -F $'\t' -c "select p.id, a.id, p.organization_id, coalesce(c.provider_id::text, ''),
                        coalesce((select e.id::text from chart_entry e where e.patient_id = p.id order by e.effective_at desc, e.id desc limit 1), '')
                   from patient p
                   join lateral (select id from account a where a.patient_id = p.id order by id limit 1) a on true
                   left join lateral (select provider_id from care_team_member m where m.patient_id = p.id order by provider_id limit 1) c on true
                  order by md5(p.id::text) limit 200" >"$WORK/patients.tsv"
java "$BENCH/tools/BenchTokens.java" "$WORK/keys/signing-key.pem" "$ISSUER" "$AUDIENCE" "$WORK/patients.tsv" "$WORK/tokens.txt" >/dev/null

PGDATA_DIR=$WORK/pgdata
PG_CTL=$(ls "$WORK"/pg-bin/bin/pg_ctl 2>/dev/null || find "$WORK/pg-bin" -name pg_ctl -type f | head -1)
AS_PG=""; [ "$(id -u)" = 0 ] && AS_PG="unshare -U"   # as zonky does: PostgreSQL refuses to run as root
postmaster_cmd() { sed -e 's/^\S*postgres"\? //' "$PGDATA_DIR/postmaster.opts" | head -1; }
POSTGRES_BIN=$(dirname "$PG_CTL")/postgres
OPTS=$(sed -e 's|^[^ ]* ||' "$PGDATA_DIR/postmaster.opts")

log "load: 3 writers, 3 readers for $SECONDS_RUN s"
python3 "$BENCH/faults.py" --base "$BASE" --tokens "$WORK/tokens.txt" --seconds "$SECONDS_RUN" --out "$RUN/load.json" >"$RUN/load.out" &
LOAD=$!
sleep 8
T1=$(date +%s.%N)
log "fault 1: pg_ctl restart -m immediate"
$AS_PG "$PG_CTL" -D "$PGDATA_DIR" -m immediate -w restart -l "$RUN/pg-restart.log" >/dev/null 2>&1 || log "pg_ctl restart failed"
sleep 12
log "fault 2: kill -9 of the postmaster, down for 5 s"
kill -9 "$(head -1 "$PGDATA_DIR/postmaster.pid")" 2>/dev/null || true
sleep 5
rm -f "$PGDATA_DIR/postmaster.pid"
# shellcheck disable=SC2086
eval "$AS_PG setsid $POSTGRES_BIN $OPTS" >"$RUN/pg-start.log" 2>&1 &
log "PostgreSQL started again"
wait "$LOAD"
sleep 2
cat "$RUN/load.out"

python3 - "$RUN/load.json" "$RUN" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
open(sys.argv[2] + "/written.txt", "w").write("\n".join(r["written_ids"]) + "\n")
open(sys.argv[2] + "/read.txt", "w").write("\n".join(r["read_agents"]) + "\n")
PY
STORED=$(sql <<SQL
create temp table w (id uuid);
\copy w from '$RUN/written.txt'
select count(*) from w where exists (select 1 from chart_entry e where e.id = w.id);
SQL
)
AUDITED=$(sql <<SQL
create temp table r (ua text);
\copy r from '$RUN/read.txt'
select count(distinct r.ua) from r join audit_event a on a.user_agent = r.ua;
SQL
)
ERRORS=$(grep -c ' ERROR ' "$RUN/service.log" || true)
TRACES=$(grep -c '^[[:space:]]*at ' "$RUN/service.log" || true)
AWAY=$(grep -c 'PostgreSQL is unreachable' "$RUN/service.log" || true)
BACK=$(grep -c 'PostgreSQL is reachable again' "$RUN/service.log" || true)
python3 - "$RUN/load.json" "$STORED" "$AUDITED" "$ERRORS" "$TRACES" "$AWAY" "$BACK" "$BENCH/results/$STAMP-faults" "$(git rev-parse --short HEAD)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
stored, audited, errors, traces, away, back = map(int, sys.argv[2:8])
out, commit = sys.argv[8], sys.argv[9]
summary = {"commit": commit, "writes": r["writes"], "reads": r["reads"], "acknowledged_writes": len(r["written_ids"]),
           "acknowledged_writes_stored": stored, "answered_reads": len(r["read_agents"]), "answered_reads_audited": audited,
           "retry_after_missing_on_503": r["retry_after_missing_on_503"], "readiness": r["readiness"],
           "client_errors": r["errors"], "log_error_lines": errors, "log_stack_frames": traces,
           "log_database_away": away, "log_database_back": back}
json.dump(summary, open(out + ".json", "w"), indent=1)
st = lambda d: ", ".join(f"{k}: {v}" for k, v in sorted(d.items()))
md = f"""# PostgreSQL restarts under load ({out.split('/')[-1]})

Commit `{commit}`. 3 writers (POST chart entry) and 3 readers (GET one entry) for the whole run; fault 1 `pg_ctl restart -m immediate` 8 s in, fault 2 `kill -9` of the postmaster 12 s later, down 5 s, then started again.

| what | count |
|---|---:|
| writes answered 2xx | {len(r['written_ids'])} |
| of those, in the database afterwards | {stored} |
| reads answered 2xx | {len(r['read_agents'])} |
| of those, with their audit record | {audited} |
| 503 answers without Retry-After | {r['retry_after_missing_on_503']} |
| service log: ERROR lines | {errors} |
| service log: stack-trace frames | {traces} |
| service log: "PostgreSQL is unreachable" / "reachable again" | {away} / {back} |

Write answers by status: {st(r['writes'])}. Read answers by status: {st(r['reads'])}. Client-side connection errors: {st(r['errors']) or 'none'}.

Readiness (`/q/health/ready`, seconds since start of load: status): {', '.join(f'{t}: {s}' for t, s in r['readiness'])}.
"""
open(out + ".md", "w").write(md)
print(md)
PY
