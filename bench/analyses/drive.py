"""Drives bench/analyses/run.sh: see there. Standard library only."""

import argparse
import json
import os
import re
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEER_JOBS = 100
PEER_INTERVAL = 3.0  # WebMEV's Celery task sleeps 3 s between status calls


def call(method, url, body=None, token=None, content_type="application/json"):
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def multipart(fields):
    boundary = "bench" + uuid.uuid4().hex
    out = b""
    for name, (filename, value) in fields.items():
        disp = 'form-data; name="%s"' % name + ('; filename="%s"' % filename if filename else "")
        out += ("--%s\r\nContent-Disposition: %s\r\n\r\n" % (boundary, disp)).encode()
        out += value + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return boundary, out


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


class Sampler(threading.Thread):
    """Threads, RSS and heap of the dev JVM every few seconds."""

    def __init__(self, pid, home):
        super().__init__(daemon=True)
        self.pid = pid
        self.home = home
        self.server_rss = []
        self.samples = []
        self.stop = threading.Event()

    def sample(self):
        status = open("/proc/%d/status" % self.pid).read()
        threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024.0
        heap = float("nan")
        try:
            info = subprocess.run(
                ["jcmd", str(self.pid), "GC.heap_info"], capture_output=True, text=True, timeout=20
            ).stdout
            m = re.search(r"total \d+K, used (\d+)K", info)
            heap = int(m.group(1)) / 1024.0 if m else heap
        except (OSError, subprocess.TimeoutExpired):
            pass
        server = os.path.join(self.home, "temporal", "server.pid")
        if os.path.exists(server):  # Temporal's own dev server, a process of its own
            try:
                pid = int(open(server).read().strip())
                status = open("/proc/%d/status" % pid).read()
                self.server_rss.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024.0)
            except (OSError, ValueError, AttributeError):
                pass
        return (time.time(), threads, rss, heap)

    def run(self):
        while not self.stop.is_set():
            self.samples.append(self.sample())
            self.stop.wait(10)


def temporal_cli():
    cache = os.environ.get("MEVFLOW_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "mevflow")
    return os.path.join(cache, "bin", "temporal")


def history_counts(target, workflow_type, sample=20):
    """Mean history events and workflow tasks of `sample` completed workflows of a type, read
    from the server with Temporal's CLI (fewer is faster everywhere: each event is a write)."""
    cli = temporal_cli()
    listed = subprocess.run(
        [cli, "workflow", "list", "--address", target, "--limit", str(sample), "-o", "jsonl",
         "--query", "WorkflowType='%s' AND ExecutionStatus='Completed'" % workflow_type],
        capture_output=True, text=True, timeout=60)
    events, tasks = [], []
    for line in listed.stdout.splitlines():
        wid = json.loads(line)["execution"]["workflowId"]
        shown = subprocess.run([cli, "workflow", "show", "--address", target, "-w", wid, "-o", "json"],
                               capture_output=True, text=True, timeout=60)
        history = json.loads(shown.stdout)["events"]
        events.append(len(history))
        tasks.append(sum(1 for e in history if e["eventType"] == "EVENT_TYPE_WORKFLOW_TASK_COMPLETED"))
    if not events:
        return None
    return statistics.mean(events), statistics.mean(tasks), len(events)


def prepare(api):
    status, tokens = call("POST", api + "/api/token/", {"email": "dev@localhost", "password": "dev"})
    token = tokens["access"]
    _, ws = call("POST", api + "/api/workspaces/", {"workspace_name": "bench"}, token)
    matrix = "gene\tS1\tS2\tS3\nTP53\t5.1\t3.2\t8.8\nBRCA1\t0.5\t1.5\t2.5\n".encode()
    boundary, body = multipart({"datafile": ("m.tsv", matrix)})
    _, res = call("POST", api + "/api/resources/upload/", body, token,
                  "multipart/form-data; boundary=" + boundary)
    rid = res["id"]
    call("PATCH", api + "/api/resources/%s/" % rid, {"resource_type": "EXP_MTX", "file_format": "tsv"}, token)
    for _ in range(600):
        _, r = call("GET", api + "/api/resources/%s/" % rid, None, token)
        if r["status"] != "Validating...":
            break
        time.sleep(0.2)
    call("POST", api + "/api/workspaces/%s/resources/add/" % ws["id"], {"resource_uuid": rid}, token)
    _, ops = call("GET", api + "/api/operations/", None, token)
    op = next(o["id"] for o in ops if o["name"] == "Row means (Cromwell)")
    return token, ws["id"], rid, op


def peer(sim, matrix_uri, stats):
    """WebMEV's way: one blocking loop per job, a status call every 3 s until it ends."""
    wdl = open(os.path.join(ROOT, "examples/operations/row-means-cromwell/main.wdl"), "rb").read()
    boundary, body = multipart({
        "workflowSource": ("main.wdl", wdl),
        "workflowInputs": ("inputs.json", json.dumps({"RowMeans.matrix": matrix_uri}).encode()),
        "workflowType": (None, b"WDL"),
        "workflowTypeVersion": (None, b"draft-2"),
    })
    _, job = call("POST", sim + "/api/workflows/v1", body, None, "multipart/form-data; boundary=" + boundary)
    start, polls = time.time(), 0
    while True:
        time.sleep(PEER_INTERVAL)
        _, s = call("GET", sim + "/api/workflows/v1/%s/status" % job["id"])
        polls += 1
        if s["status"] in ("Succeeded", "Failed", "Aborted"):
            break
    stats.append((job["id"], start, time.time(), polls))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--api")
    ap.add_argument("--home")
    ap.add_argument("--pid", type=int)
    ap.add_argument("--n", type=int)
    ap.add_argument("--run-time")
    ap.add_argument("--stack")
    args = ap.parse_args()
    api = args.api
    stack = dict(
        line.strip().split("=", 1)
        for line in open(args.stack or os.path.join(args.home, "stack.properties"))
        if "=" in line and not line.startswith("#")
    )
    sim = stack["cromwell.url"].replace("\\:", ":")
    token, wid, rid, op = prepare(api)

    sampler = Sampler(args.pid, args.home)
    idle = sampler.sample()
    sampler.start()

    sends = {}

    def run(i):
        t0 = time.time()
        status, body = call("POST", api + "/api/operations/run/", {
            "operation_id": op, "workspace_id": wid, "job_name": "bench %d" % i,
            "inputs": {"RowMeans.matrix": rid}}, token)
        if status != 200:
            raise RuntimeError("run %d: %s %s" % (i, status, body))
        sends[body["executed_operation_id"]] = (t0, time.time())

    t_start = time.time()
    with ThreadPoolExecutor(32) as pool:
        list(pool.map(run, range(args.n)))
    t_submitted = time.time()

    # the peer, on the same simulator and input, beside the executions
    matrix_uri = None
    peer_stats = []
    peer_threads = []
    # the simulator has the input's URI in the job's inputs: read it from its metadata once known
    for _ in range(120):
        _, detail = call("GET", api + "/api/executed-operations/", None, token)
        jobs = [e["job_id"] for e in detail if e.get("job_id")]
        if jobs:
            _, md = call("GET", sim + "/api/workflows/v1/%s/metadata" % jobs[0])
            matrix_uri = md["inputs"]["RowMeans.matrix"]
            break
        time.sleep(1)
    peer_idle_threads = threading.active_count()
    for _ in range(PEER_JOBS):
        t = threading.Thread(target=peer, args=(sim, matrix_uri, peer_stats), daemon=True)
        t.start()
        peer_threads.append(t)

    peer_peak_threads = threading.active_count()
    deadline = time.time() + 4 * 3600
    while time.time() < deadline:
        _, listing = call("GET", api + "/api/executed-operations/", None, token)
        open_ = [e for e in listing if e["status"] not in ("Completed successfully", "Failed", "Aborted")]
        if not open_:
            break
        time.sleep(15)
    for t in peer_threads:
        t.join(timeout=600)
    sampler.stop.set()
    sampler.join()

    _, listing = call("GET", api + "/api/executed-operations/", None, token)
    by_exec = {e["id"]: e for e in listing}
    _, stats = call("GET", sim + "/sim/stats")
    if os.environ.get("BENCH_DUMP"):
        json.dump(stats, open(os.environ["BENCH_DUMP"], "w"))
    calls = {}
    for at, operation, job, code in stats["calls"]:
        calls.setdefault(job, []).append((at / 1000.0, operation, code))

    start_lat, submit_lat, early, late, per_job_total = [], [], [], [], []
    for ex, (t0, t1) in sends.items():
        start_lat.append(t1 - t0)
        job = by_exec[ex]["job_id"]
        c = sorted(calls.get(job, []))
        submits = [at for at, o, _ in c if o == "submit"]
        if submits:
            submit_lat.append(submits[0] - t0)
        status_calls = [at for at, o, _ in c if o == "status"]
        per_job_total.append(len(c))
        if not submits or not status_calls:
            continue
        s0 = submits[0]
        # first 5 minutes: calls made in them, per minute
        early.append(sum(1 for at in status_calls if at < s0 + 300) / 5.0)
        # after: the rate of the calls, gaps between consecutive calls (n calls make n - 1 gaps)
        after = [at for at in status_calls if at >= s0 + 300]
        if len(after) >= 2:
            late.append((len(after) - 1) / (after[-1] - after[0]) * 60)
    ok = sum(1 for e in listing if e["status"] == "Completed successfully")
    peer_rate = [p[3] / ((p[2] - p[1]) / 60.0) for p in peer_stats]  # one call per 3 s gap
    peak = max(sampler.samples, key=lambda s: s[1])
    peak_rss = max(s[2] for s in sampler.samples)
    peak_heap = max((s[3] for s in sampler.samples), default=float("nan"))

    print()
    print("executions: %d (%d succeeded) of the example WDL operation, jobs running %s on the simulator"
          % (args.n, ok, args.run_time))
    print("all %d run requests answered in %.1f s" % (args.n, t_submitted - t_start))
    print("violations of the Cromwell API document: %d" % len(stats["violations"]))
    print()
    print("| measure | mevflow | peer (WebMEV loop, %d jobs) | ratio |" % PEER_JOBS)
    print("|---|---|---|---|")
    ours_late = statistics.mean(late) if late else float("nan")
    peer_mean = statistics.mean(peer_rate) if peer_rate else float("nan")
    print("| status calls per job per minute, after 5 min (mean / max) | %.2f / %.2f | %.2f | %.3f |"
          % (ours_late, max(late) if late else float("nan"), peer_mean, ours_late / peer_mean))
    print("| status calls per job per minute, first 5 min (mean) | %.2f | %.2f | %.3f |"
          % (statistics.mean(early), peer_mean, statistics.mean(early) / peer_mean))
    print("| Cromwell calls per job, all (mean) | %.1f | %.1f | %.3f |"
          % (statistics.mean(per_job_total), statistics.mean(p[3] + 1 for p in peer_stats),
             statistics.mean(per_job_total) / statistics.mean(p[3] + 1 for p in peer_stats)))
    peer_added = peer_peak_threads - peer_idle_threads
    print("| threads, idle -> peak (added per job) | %d -> %d (%.3f) | +%d for %d jobs (%.3f) | |"
          % (idle[1], peak[1], (peak[1] - idle[1]) / float(args.n), peer_added, PEER_JOBS,
             peer_added / float(PEER_JOBS)))
    print("| dev JVM RSS / heap used at peak (MiB) | %.0f / %.0f | | |" % (peak_rss, peak_heap))
    if sampler.server_rss:
        print("| Temporal's dev server process RSS at peak (MiB) | %.0f | | |" % max(sampler.server_rss))
        print("(the dev JVM holds the API and the worker; Temporal's server is its own process; the worker"
              " keeps at most 200 workflows cached on at most 400 workflow threads, whatever the number"
              " of jobs)")
    else:
        print("(the dev JVM holds the Java test server, the API and the worker; the worker keeps at most"
              " 200 workflows cached on at most 400 workflow threads, whatever the number of jobs)")
    print("| run -> workflow started (route answered), p50 / p99 (s) | %.3f / %.3f | | |"
          % (percentile(start_lat, 50), percentile(start_lat, 99)))
    print("| run -> job submitted to Cromwell, p50 / p99 (s) | %.3f / %.3f | | |"
          % (percentile(submit_lat, 50), percentile(submit_lat, 99)))
    counts = history_counts(stack["temporal.target"].replace("\\:", ":"), "AnalysisWorkflow")
    if counts:
        print("| history events / workflow tasks per analysis (mean of %d) | %.1f / %.1f | | |"
              % (counts[2], counts[0], counts[1]))


if __name__ == "__main__":
    main()
