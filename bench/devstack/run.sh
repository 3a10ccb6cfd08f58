#!/usr/bin/env bash
# Dev stack start-up: seconds from `./mevflow dev` to /actuator/health answering 200, on a fresh
# MEVFLOW_HOME (cold: PostgreSQL initdb, migrations, Temporal's SQLite schema) and again on the
# same home (restart), for Temporal's own dev server and for the Java test server, in the same run.
# Also the restart after a kill -9 (leftover servers found and stopped first). Best of REPEATS.
#   bash bench/devstack/run.sh [REPEATS]     (default 3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repeats="${1:-3}"
"$root/mevflow" --version >/dev/null   # builds the launcher jar if needed
work="$(mktemp -d)"
cp "$root/devstack/target/mevflow.jar" "$work/mevflow.jar"
trap 'pkill -f "$work/mevflow.jar" 2>/dev/null || true; sleep 2; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start SERVER HOME: prints the seconds until health answers; leaves the stack running
start() {
  local api; api="$(free_port)"
  echo "$api" >"$2.api"
  local t0; t0=$(date +%s.%N)
  MEVFLOW_HOME="$2" SERVER_PORT="$api" MEVFLOW_TEMPORAL_PORT="$(free_port)" \
    MEVFLOW_TEMPORAL_UI_PORT="$(free_port)" MEVFLOW_TEMPORAL="$1" \
    java -jar "$work/mevflow.jar" dev >>"$2.log" 2>&1 &
  echo $! >"$2.pid"
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$api/actuator/health" >/dev/null && break
    sleep 0.1
  done
  echo "$(date +%s.%N) - $t0" | bc
}
stop() { kill "$(cat "$1.pid")"; while kill -0 "$(cat "$1.pid")" 2>/dev/null; do sleep 0.1; done; }
kill9() { kill -9 "$(cat "$1.pid")"; while kill -0 "$(cat "$1.pid")" 2>/dev/null; do sleep 0.1; done; }
best() { sort -n | head -1; }

echo "| server | cold start (s) | restart (s) | restart after kill -9 (s) |"
echo "|---|---:|---:|---:|"
for server in cli test-server; do
  cold=(); warm=(); killed=()
  for i in $(seq 1 "$repeats"); do
    home="$work/$server-$i"
    cold+=("$(start "$server" "$home")"); stop "$home"
    warm+=("$(start "$server" "$home")"); kill9 "$home"
    killed+=("$(start "$server" "$home")"); stop "$home"
  done
  printf '| %s | %.1f | %.1f | %.1f |\n' "$server" \
    "$(printf '%s\n' "${cold[@]}" | best)" "$(printf '%s\n' "${warm[@]}" | best)" \
    "$(printf '%s\n' "${killed[@]}" | best)"
done
