#!/usr/bin/env python3
"""Turns one bench/run.sh run folder into bench/results/<stamp>.md and .json.

Usage: report.py RUN_DIR OUT_PREFIX
Each HTTP scenario is reported as the median over its rounds (runs alternate B0 B1 T1..T4 PG).
"""
import json
import os
import statistics
import sys

run_dir, out_prefix = sys.argv[1], sys.argv[2]


def jsonl(name):
    path = os.path.join(run_dir, name)
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.strip()]


meta = json.load(open(os.path.join(run_dir, "meta.json")))
runs = jsonl("runs.jsonl")
probes = {p["scenario"]: p["status"] for p in jsonl("probes.jsonl")}
startups = jsonl("startups.jsonl")
ws_path = os.path.join(run_dir, "ws.json")
ws = json.load(open(ws_path)) if os.path.exists(ws_path) else {"status": "not run"}

NAMES = {
    "B0": "B0 static JSON behind the JWT check",
    "B1": "B1 one patient row by primary key through the Vert.x pool",
    "T1": "T1 GET chart summary",
    "T2": "T2 GET first page of chart entries",
    "T3": "T3 GET one chart entry",
    "T4": "T4 POST chart entry (with its notification fan-out)",
    "F1": "F1 GET one Observation (FHIR, the entry T3 reads)",
    "F2": "F2 GET Observation?patient&category=laboratory (FHIR, first page)",
    "PG": "pgbench: one-row select by primary key (database ceiling)",
}


def summarize(rows):
    """Median over rounds of each measure."""
    per_round = []
    for r in rows:
        w = r["wrk"]
        seconds = w["duration_us"] / 1e6
        n = max(w["requests"], 1)
        per_round.append({
            "rps": w["requests"] / seconds,
            "p50_ms": w["p50_us"] / 1000,
            "p99_ms": w["p99_us"] / 1000,
            "max_ms": w.get("max_us", 0) / 1000,
            "service_cpu_s_per_1k": r["service_cpu_s"] / n * 1000,
            "pg_cpu_s_per_1k": r["pg_cpu_s"] / n * 1000,
            "non2xx": w.get("non2xx", 0),
            "errors": sum(w.get(k, 0) for k in ("connect_errors", "read_errors", "write_errors", "timeouts")),
            "requests": w["requests"],
        })
    out = {k: statistics.median(x[k] for x in per_round) for k in per_round[0]}
    out["non2xx"] = sum(x["non2xx"] for x in per_round)
    out["errors"] = sum(x["errors"] for x in per_round)
    out["rounds"] = len(per_round)
    out["rps_each_round"] = [round(x["rps"], 1) for x in per_round]
    return out


http = {}
for s in ["B0", "B1", "T1", "T2", "T3", "T4", "F1", "F2", "PG"]:
    rows = [r for r in runs if r["label"] == "http" and r["scenario"] == s]
    if rows:
        http[s] = summarize(rows)
    else:
        http[s] = {"status": probes.get(s, "not run")}

PAIRS = [(t, b) for t in ["T1", "T2", "T3", "T4"] for b in ["B1", "B0"]] + [("F1", "T3"), ("F2", "T2")]
ratios = {}
for t, b in PAIRS:
    if "rps" in http.get(t, {}) and "rps" in http.get(b, {}):
        ratios[f"{t}/{b}"] = http[t]["rps"] / http[b]["rps"]

scale = {}
for r in runs:
    if r["label"] == "scale":
        scale.setdefault(r["scenario"], {}).setdefault(r["patients"], []).append(r)
scale = {s: {n: summarize(rows) for n, rows in sorted(by_n.items())} for s, by_n in scale.items()}

result = {"meta": meta, "http": http, "ratios": ratios, "probes": probes, "startups": startups, "ws": ws,
          "scale": scale}
with open(out_prefix + ".json", "w") as f:
    json.dump(result, f, indent=2)


def fmt(v, digits=1):
    return f"{v:,.{digits}f}"


md = []
md.append(f"# Benchmark {meta['stamp']}")
md.append("")
md.append(f"Commit `{meta['commit']}`, {meta['patients']:,} patients, {meta['cpus']} CPUs, {meta['java']}, "
          f"JVM `{meta['java_opts']}`, pool {meta['pool_size']}, wrk 2 threads / {meta['connections']} connections, "
          f"{meta['duration_s']} s per run, {meta['rounds']} alternating rounds (median shown), warm-up "
          f"{meta['warmup_s']} s per scenario, tokens of {meta['token_patients']:,} patients and their care-team "
          f"providers. Load average before: {meta['load_before']}."
          + (" **Quick mode: short runs on a small data set, for checking the harness, not for decisions.**"
             if meta["quick"] else ""))
md.append("")
for s in startups:
    if s["fresh"]:
        md.append(f"Seeding {s['patients']:,} patients (fresh database) and starting took {s['startup_seconds']} s.")
md.append("")
md.append("## HTTP")
md.append("")
if meta.get("skip_http") == 1:
    md.append("Skipped in this run (BENCH_SKIP_HTTP=1).")
    md.append("")
md.append("| scenario | req/s | p50 ms | p99 ms | service CPU s / 1k req | PostgreSQL CPU s / 1k req | non-2xx | req/s each round |")
md.append("|---|---:|---:|---:|---:|---:|---:|---|")
for s, name in NAMES.items():
    h = http[s]
    if "rps" in h:
        bad = h["non2xx"] + h["errors"]
        warn = " (**errors: not a valid measurement**)" if bad > 0.01 * h["requests"] * h["rounds"] else ""
        md.append(f"| {name} | {fmt(h['rps'], 0)}{warn} | {fmt(h['p50_ms'], 2)} | {fmt(h['p99_ms'], 2)} | "
                  f"{'-' if s == 'PG' else fmt(h['service_cpu_s_per_1k'], 3)} | {fmt(h['pg_cpu_s_per_1k'], 3)} | "
                  f"{h['non2xx'] + h['errors']} | {', '.join(str(x) for x in h['rps_each_round'])} |")
    else:
        md.append(f"| {name} | {h['status']} | | | | | | |")
md.append("")
md.append("| ratio (req/s) | value | target |")
md.append("|---|---:|---|")
targets = {"T3/B1": 0.5, "T1/B1": 0.3, "F1/T3": 0.8, "F2/T2": 0.8}
for t, b in PAIRS:
    key = f"{t}/{b}"
    if key in ratios:
        target = targets.get(key)
        verdict = "" if target is None else (f"≥ {target}: " + ("met" if ratios[key] >= target else "**missed**"))
        md.append(f"| {key} | {ratios[key]:.2f} | {verdict} |")
    else:
        md.append(f"| {key} | n/a ({http[t].get('status', 'not run')}) | {('≥ ' + str(targets[key])) if key in targets else ''} |")
md.append("")
md.append("## Live notifications (WebSocket)")
md.append("")
if ws.get("status") != "ran":
    md.append(f"{ws.get('status')}")
else:
    md.append(f"Events written by {'POST chart entry' if ws['write'] == 'post' else 'SQL as the publisher writes them (event row + notification_fan_out in one transaction: the delivery path alone)'}"
              f", {meta['ws_rate']} events/s for {meta['ws_seconds']} s.")
    md.append("")
    md.append("| idle sockets | connected | events | unreachable events | commit-to-socket p50 ms | p99 ms | max ms | lost | duplicated | RSS MB per 1k sockets | live heap MB per 1k sockets | resumed | gaps after resume |")
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for lv in ws["levels"]:
        md.append(f"| {lv['sockets']:,} | {lv['connected']:,} | {lv['events_committed']:,} | {lv.get('unreachable_events', 'n/a')} | {fmt(lv['p50_ms'], 2)} | "
                  f"{fmt(lv['p99_ms'], 2)} | {fmt(lv['max_ms'], 2)} | {lv['lost']} | {lv['duplicated']} | "
                  f"{fmt(lv['rss_mb_per_1k_sockets'], 1)} | {fmt(lv.get('live_heap_mb_per_1k_sockets', -1), 1)} | {lv['resumed']} | {lv['gaps']} |")
    for lv in ws["levels"]:
        if lv.get("notes"):
            md.append("")
            md.append(f"Notes at {lv['sockets']:,} sockets: {lv['notes']}")
md.append("")
md.append("## Scale")
md.append("")
if not meta.get("scale"):
    md.append("Not run (BENCH_SCALE=1 runs it).")
elif not scale:
    md.append(f"Ran on {meta.get('scale_sizes')} patients, but T1 and T2 were skipped: "
              f"{probes.get('T1', 'not probed')} / {probes.get('T2', 'not probed')}. Seeding times are above.")
else:
    md.append("| scenario | patients | req/s | p50 ms | p99 ms |")
    md.append("|---|---:|---:|---:|---:|")
    for s, by_n in scale.items():
        for n, h in by_n.items():
            md.append(f"| {s} | {n:,} | {fmt(h['rps'], 0)} | {fmt(h['p50_ms'], 2)} | {fmt(h['p99_ms'], 2)} |")
    if "T1" in scale and len(scale["T1"]) >= 2:
        ns = sorted(scale["T1"])
        growth = scale["T1"][ns[-1]]["p99_ms"] / scale["T1"][ns[0]]["p99_ms"]
        md.append("")
        md.append(f"Summary p99 at {ns[-1]:,} / at {ns[0]:,} patients: {growth:.2f} (target ≤ 1.3: "
                  f"{'met' if growth <= 1.3 else '**missed**'}).")
md.append("")
hot = sorted(f for f in os.listdir(run_dir) if f.startswith("hot-frames-"))
if hot:
    md.append("## Where the time goes (JFR CPU samples, top frames, whole run)")
    md.append("")
    for f in hot:
        md.append(f"`{f}`:")
        md.append("")
        md.append("```")
        md.append(open(os.path.join(run_dir, f)).read().rstrip())
        md.append("```")
        md.append("")
with open(out_prefix + ".md", "w") as f:
    f.write("\n".join(md))
