#!/usr/bin/env bash
# The burst, on the dev server and on the cluster in one run: N runs of the example WDL operation
# sent at once (32 at a time over HTTP), each Cromwell job running RUN_TIME, first on
# `./mevflow dev` (Temporal's dev server, SQLite), then on `./mevflow cluster` (Temporal's server on
# PostgreSQL, nginx before two APIs, workers split by queue), on the same machine one after the
# other. Prints each run's table, then the ratios of run -> workflow started and run -> Cromwell
# submit (p50, p99), dev server over cluster (above 1: the cluster is faster).
#   bash bench/analyses/burst.sh [N] [RUN_TIME]   (default 1000 PT2M)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:-1000}"
run_time="${2:-PT2M}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for server in cli cluster; do
  echo "== $server: $n runs, jobs of $run_time"
  bash "$here/run.sh" "$n" "$run_time" "$server" | tee "$out/$server.txt"
done
python3 - "$out/cli.txt" "$out/cluster.txt" <<'PY'
import re, sys
def row(path, name):
    for line in open(path):
        if line.startswith("| " + name):
            m = re.findall(r"([0-9.]+) / ([0-9.]+)", line)
            return float(m[0][0]), float(m[0][1])
    raise SystemExit("no row %r in %s" % (name, path))
print()
print("| burst of runs | dev server (SQLite) p50 / p99 (s) | cluster (PostgreSQL) p50 / p99 (s) | dev / cluster |")
print("|---|---:|---:|---:|")
for name in ("run -> workflow started", "run -> job submitted to Cromwell"):
    d, c = row(sys.argv[1], name), row(sys.argv[2], name)
    print("| %s | %.3f / %.3f | %.3f / %.3f | %.2f / %.2f |" % (name, d[0], d[1], c[0], c[1], d[0] / c[0], d[1] / c[1]))
PY
