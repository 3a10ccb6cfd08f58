#!/usr/bin/env bash
# The executions benchmark: N concurrent executions of the example WDL operation on
# `./mevflow dev --cromwell-sim`, each job running RUN_TIME on the simulator. Prints a table:
# Cromwell calls per job per minute (first 5 minutes, then after), the dev JVM's threads and
# memory before and at the peak, and the time from `run` to the workflow's start and to the
# Cromwell submit (p50/p99). The peer row is WebMEV's tracking loop, run in the same process on a
# sample of the same jobs against the same simulator (one status call every 3 s per job).
#   bash bench/analyses/run.sh [N] [RUN_TIME] [SERVER]   (default 1000 PT10M cli)
# SERVER: cli (Temporal's own dev server), test-server (the Java test server), or cluster (the
# production topology, ./mevflow cluster: Temporal's server on PostgreSQL, nginx before two APIs,
# workers split by queue), to compare them. bench/analyses/burst.sh runs cli and cluster in turn.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-1000}"
run_time="${2:-PT10M}"
server="${3:-cli}"
home="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
api_port="$(free_port)"
temporal_port="$(free_port)"
ui_port="$(free_port)"

"$root/mevflow" --version >/dev/null   # builds the launcher jar if needed
cp "$root/devstack/target/mevflow.jar" "$home/mevflow.jar"   # a rebuild must not pull it away
if [ "$server" = cluster ]; then
  # the production topology on real servers (./mevflow cluster): Temporal's server on PostgreSQL,
  # SeaweedFS, nginx before two API processes, workers split by queue
  bash "$root/scripts/install-cluster"
  ports_from=$(python3 -c 'import random; print(random.randrange(20000, 30000, 50))')
  MEVFLOW_HOME="$home" MEVFLOW_CLUSTER_PORT="$api_port" MEVFLOW_CLUSTER_PORTS_FROM="$ports_from" \
    MEVFLOW_CROMWELL_SIM_RUN_TIME="$run_time" MEVFLOW_EXAMPLES="$root/examples/operations" \
    java -jar "$home/mevflow.jar" cluster --cromwell-sim >"$home/dev.log" 2>&1 &
  stack="$home/cluster/cluster.properties"
else
  MEVFLOW_HOME="$home" SERVER_PORT="$api_port" MEVFLOW_TEMPORAL_PORT="$temporal_port" \
    MEVFLOW_TEMPORAL_UI_PORT="$ui_port" MEVFLOW_TEMPORAL="$server" \
    MEVFLOW_CROMWELL_SIM_RUN_TIME="$run_time" MEVFLOW_EXAMPLES="$root/examples/operations" \
    java ${JAVA_OPTS:--Xmx2g} -jar "$home/mevflow.jar" dev --cromwell-sim >"$home/dev.log" 2>&1 &
  stack="$home/stack.properties"
fi
dev=$!
trap 'kill $dev 2>/dev/null; wait $dev 2>/dev/null || true; rm -rf "$home"' EXIT
for _ in $(seq 1 600); do
  [ -f "$stack" ] && curl -sf "http://127.0.0.1:$api_port/actuator/health" >/dev/null && break
  kill -0 $dev 2>/dev/null || { tail -20 "$home/dev.log"; exit 1; }
  sleep 0.5
done
# the JVM sampled for threads and memory: the dev stack's, or the cluster's analyses worker
pid=$dev
if [ "$server" = cluster ]; then
  pid=$(sed -n 's/^pid\.worker=//p' "$stack")
  # as root, PostgreSQL's data lives outside the home: removed with it
  db_data=$(sed -n 's/^db\.data=//p' "$stack")
  trap 'kill $dev 2>/dev/null; wait $dev 2>/dev/null || true; rm -rf "$home" "$(dirname "$db_data")"' EXIT
fi
python3 "$here/drive.py" --api "http://127.0.0.1:$api_port" --home "$home" --pid "$pid" \
  --stack "$stack" --n "$n" --run-time "$run_time"
