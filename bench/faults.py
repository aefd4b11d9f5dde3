#!/usr/bin/env python3
"""Load for bench/faults.sh: writers POST chart entries, readers GET one entry each, a poller watches
readiness, while the script restarts PostgreSQL underneath. Records every answer, so the script can
check afterwards that every write answered 2xx is stored and every read answered 2xx left its audit
record (each read carries a unique User-Agent, which the audit trail records)."""
import argparse, http.client, json, os, threading, time, uuid, urllib.parse

p = argparse.ArgumentParser()
p.add_argument("--base", required=True)
p.add_argument("--tokens", required=True)
p.add_argument("--seconds", type=float, default=40)
p.add_argument("--writers", type=int, default=3)
p.add_argument("--readers", type=int, default=3)
p.add_argument("--out", required=True)
a = p.parse_args()
u = urllib.parse.urlparse(a.base)
rows = [l.split() for l in open(a.tokens) if l.strip()]
rows = [r for r in rows if len(r) >= 6 and r[2] != "-"][:200]
BODY = json.dumps({"category": "observation", "status": "final",
                   "code": {"system": "http://loinc.org", "code": "8867-4", "display": "Heart rate"},
                   "effectiveAt": "2026-11-20T09:30:00Z", "valueQuantity": 72, "valueUnit": "/min"})
lock = threading.Lock()
result = {"writes": {}, "reads": {}, "written_ids": [], "read_agents": [], "retry_after_missing_on_503": 0,
          "readiness": [], "errors": {}}
stop = time.time() + a.seconds


def count(kind, key):
    with lock:
        result[kind][key] = result[kind].get(key, 0) + 1


def call(conn_box, method, path, body, headers):
    try:
        if conn_box[0] is None:
            conn_box[0] = http.client.HTTPConnection(u.hostname, u.port, timeout=15)
        c = conn_box[0]
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        return r.status, r.getheader("Retry-After"), data
    except Exception as e:
        if conn_box[0] is not None:
            conn_box[0].close()
        conn_box[0] = None
        with lock:
            result["errors"][type(e).__name__] = result["errors"].get(type(e).__name__, 0) + 1
        time.sleep(0.05)
        return None, None, b""


def writer(n):
    box = [None]
    i = n
    while time.time() < stop:
        patient, _, _, _, _, token = rows[i % len(rows)][:6]
        i += a.writers
        status, retry, data = call(box, "POST", f"/api/v1/patients/{patient}/chart/entries", BODY,
                                   {"Authorization": "Bearer " + token, "Content-Type": "application/json",
                                    "Idempotency-Key": str(uuid.uuid4())})
        key = "error" if status is None else f"{status}"
        count("writes", key)
        if status == 503 and not retry:
            with lock: result["retry_after_missing_on_503"] += 1
        if status is not None and 200 <= status < 300:
            with lock: result["written_ids"].append(json.loads(data)["id"])
        if status == 503:
            time.sleep(0.05)


def reader(n):
    box = [None]
    i = n
    while time.time() < stop:
        patient, _, entry, _, token, _ = rows[i % len(rows)][:6]
        i += a.readers
        agent = "faults-read-" + str(uuid.uuid4())
        status, retry, _ = call(box, "GET", f"/api/v1/patients/{patient}/chart/entries/{entry}", None,
                                {"Authorization": "Bearer " + token, "User-Agent": agent})
        count("reads", "error" if status is None else f"{status}")
        if status == 503 and not retry:
            with lock: result["retry_after_missing_on_503"] += 1
        if status is not None and 200 <= status < 300:
            with lock: result["read_agents"].append(agent)
        if status == 503:
            time.sleep(0.05)


def readiness():
    last = None
    started = time.time()
    while time.time() < stop + 10:
        try:
            # readiness is on the management interface (its own port)
            c = http.client.HTTPConnection(u.hostname, int(os.environ.get("BENCH_MGMT_PORT", "9680")), timeout=3)
            c.request("GET", "/q/health/ready")
            s = c.getresponse().status
            c.close()
        except Exception:
            s = None
        if s != last:
            result["readiness"].append([round(time.time() - started, 2), s])
            last = s
        time.sleep(0.2)


threads = [threading.Thread(target=writer, args=(k,)) for k in range(a.writers)]
threads += [threading.Thread(target=reader, args=(k,)) for k in range(a.readers)]
poll = threading.Thread(target=readiness)
for t in threads + [poll]:
    t.start()
for t in threads:
    t.join()
poll.join()
json.dump(result, open(a.out, "w"))
print(json.dumps({"writes": result["writes"], "reads": result["reads"], "readiness": result["readiness"],
                  "errors": result["errors"]}))
