# Bulk export scenario (issue 17), opt-in: BENCH_EXPORT=1 bench/run.sh  (sourced by run.sh; uses its
# start_service / stop_service / sql / rss_kb / log). For each size in BENCH_EXPORT_SIZES (default
# "1000 10000" patients, ~100 chart entries each, data sets kept in bench/work/p<N>), the records staff
# of Riverside (sam.records, 4 of every 5 patients) export their organization's Group: wall time from
# kick-off to the complete manifest, resources per second (the manifest's counts), and the service's
# RSS growth over its RSS just before the kick-off (sampled every 0.2 s). Targets: >= 20,000
# resources/s, <= 100 MB growth at either size. Writes $RUN/export.jsonl and $RUN/export.md.
#   BENCH_EXPORT_SIZES="1000 10000"   BENCH_EXPORT_TYPES=""  (e.g. "Observation,Provenance"; empty: all)

export_one() { # $1 = patients
  local n=$1
  stop_service
  start_service "$n"
  local token org status code started finished rss0 rssmax rss manifest
  token=$(curl -sf -d grant_type=password -d username=sam.records -d password=carechart-demo "$BASE/api/v1/auth/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  org=$(sql -c "select organization_id from account where username = 'sam.records'")
  local query=""; [ -n "${BENCH_EXPORT_TYPES:-}" ] && query="?_type=$BENCH_EXPORT_TYPES"
  rss0=$(rss_kb "$SERVICE_PID"); rssmax=$rss0
  started=$(date +%s.%N)
  status=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $token" -H "Prefer: respond-async" \
    "$BASE/fhir/r4/Group/org-$org/\$export$query" | awk 'tolower($1) == "content-location:" {print $2}' | tr -d '\r')
  [ -n "$status" ] || { log "export kick-off failed on $n patients"; return 1; }
  while :; do
    code=$(curl -s -o "$RUN/export-manifest-p$n.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$status")
    rss=$(rss_kb "$SERVICE_PID"); [ "$rss" -gt "$rssmax" ] && rssmax=$rss
    [ "$code" = 202 ] || break
    sleep 0.2
  done
  finished=$(date +%s.%N)
  [ "$code" = 200 ] || { log "export on $n patients ended with HTTP $code"; return 1; }
  python3 - "$n" "$started" "$finished" "$rss0" "$rssmax" "$RUN/export-manifest-p$n.json" >>"$RUN/export.jsonl" <<'PY'
import json, sys
n, t0, t1, rss0, rssmax, path = sys.argv[1:]
manifest = json.load(open(path))
resources = sum(o["count"] for o in manifest["output"])
wall = float(t1) - float(t0)
print(json.dumps({"patients_in_data_set": int(n), "resources": resources, "wall_seconds": round(wall, 2),
                  "resources_per_second": round(resources / wall), "rss_before_mb": round(int(rss0) / 1024),
                  "rss_growth_mb": round((int(rssmax) - int(rss0)) / 1024, 1),
                  "files": {o["type"]: o["count"] for o in manifest["output"]}}))
PY
  log "export p$n: $(tail -1 "$RUN/export.jsonl")"
}

export_scenario() {
  : >"$RUN/export.jsonl"
  for n in ${BENCH_EXPORT_SIZES:-1000 10000}; do
    export_one "$n" || true
  done
  python3 - "$RUN/export.jsonl" >"$RUN/export.md" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print("## Bulk export (Group of Riverside, records staff)\n")
print("| data set | resources | wall s | resources/s (goal >= 20,000) | RSS growth MB (goal <= 100) |")
print("|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['patients_in_data_set']:,} patients | {r['resources']:,} | {r['wall_seconds']} | {r['resources_per_second']:,} | {r['rss_growth_mb']} |")
PY
  cat "$RUN/export.md" | tee -a "$RUN/bench.log"
}
