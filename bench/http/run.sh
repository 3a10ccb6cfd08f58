#!/usr/bin/env bash
# HTTP throughput and the cost of bombs, on `./mevflow dev` (Temporal's dev server, embedded
# PostgreSQL, local storage), measured with wrk. Every row runs in the same run on the same
# machine. Two peers: the JDK's own HTTP server giving the same 302 from a map in memory
# (bench/http/Peer.java: no framework, no database, what one Java process answers at most), and
# the stack's own /actuator/health/liveness (Tomcat, Spring Security, Spring MVC, no database):
# "vs peer" and "vs liveness" are a row's requests per second over theirs.
#   bash bench/http/run.sh [SECONDS] [CONNECTIONS]     (default 15 s per row, 32 connections)
# BENCH_JAR=path runs another build's launcher jar instead (a before/after comparison).
# Needs wrk (scripts/setup installs it) and the real sourmash (scripts/install-sourmash), which
# writes the signature the stack serves.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-15}"
connections="${2:-32}"
command -v wrk >/dev/null || bash "$root/scripts/setup" >/dev/null
command -v wrk >/dev/null || { echo "bench/http: wrk is missing and did not install (scripts/setup)" >&2; exit 1; }
sourmash="${MEVFLOW_SOURMASH:-$HOME/.cache/mevflow/bin/sourmash}"
[ -x "$sourmash" ] || bash "$root/scripts/install-sourmash" >/dev/null
"$root/mevflow" --version >/dev/null # builds the launcher jar if needed
work="$(mktemp -d)"
cp "${BENCH_JAR:-$root/devstack/target/mevflow.jar}" "$work/mevflow.jar"
trap 'kill "$(cat "$work/dev.pid" 2>/dev/null)" "$(cat "$work/peer.pid" 2>/dev/null)" 2>/dev/null || true; sleep 3; pkill -f "$work/mevflow.jar" 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

api="$(free_port)"
base="http://127.0.0.1:$api"
MEVFLOW_HOME="$work/home" SERVER_PORT="$api" MEVFLOW_TEMPORAL_PORT="$(free_port)" \
  MEVFLOW_TEMPORAL_UI_PORT="$(free_port)" java -jar "$work/mevflow.jar" dev >"$work/dev.log" 2>&1 &
echo $! >"$work/dev.pid"
for _ in $(seq 1 1200); do
  curl -sf "$base/actuator/health" >/dev/null && break
  sleep 0.2
done
curl -sf "$base/actuator/health" >/dev/null || { tail -30 "$work/dev.log"; exit 1; }

# data: one served signature (an operator's IMG submission is served as soon as it is stored),
# and 100 resources for WebMEV's list
oid=2500000001
"$sourmash" sketch dna -p k=31,scaled=1000 --name "$oid" \
  -o "$work/$oid.sig" "$root/../shared/testdata/sourmash/genome-s10.fa.gz" 2>/dev/null
token="$(curl -sf -X POST -u dev:dev "$base/v1/auth/tokens")"
curl -sf -o /dev/null -H "Authorization: Bearer $token" -F "file=@$work/$oid.sig" \
  "$base/v1/submit/img/$oid"
for _ in $(seq 1 600); do
  curl -sf "$base/v1/status/img/$oid" | grep -q '"COMPUTED"' && break
  sleep 0.2
done
jwt="$(curl -sf -H 'Content-Type: application/json' \
  -d '{"email":"dev@localhost","password":"dev"}' "$base/api/token/" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access"])')"
printf 'gene\tS1\tS2\nTP53\t1.5\t2\nEGFR\t3\t4\n' >"$work/matrix.tsv"
for i in $(seq 1 100); do
  curl -sf -o /dev/null -H "Authorization: Bearer $jwt" \
    -F "datafile=@$work/matrix.tsv;filename=matrix-$i.tsv" "$base/api/resources/upload/"
done
list_bytes="$(curl -sf -H "Authorization: Bearer $jwt" "$base/api/resources/" | wc -c)"

# measure LABEL PATH [HEADER]: one wrk row; prints "req/s p50_ms p99_ms"
measure() {
  local out
  if [ -n "${3:-}" ]; then
    out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$3" "$base$2")"
  else
    out="$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$2")"
  fi
  echo "$out" >"$work/wrk-$1.txt"
  local rps p50 p99 total errors
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  p50="$(echo "$out" | awk '$1=="50%" {print $2}')"
  p99="$(echo "$out" | awk '$1=="99%" {print $2}')"
  total="$(echo "$out" | awk '/requests in/ {print $1}')"
  errors="$(echo "$out" | awk '/Non-2xx or 3xx/ {print $5}')"
  echo "$rps $(ms "$p50") $(ms "$p99") ${errors:-0}/$total"
}
ms() { # wrk's 812.00us / 1.20ms / 1.02s -> milliseconds
  python3 -c "import re,sys; v,u=re.match(r'([0-9.]+)(us|ms|s)',sys.argv[1]).groups(); print(round(float(v)*{'us':0.001,'ms':1,'s':1000}[u],2))" "$1"
}

peer="$(free_port)"
java "$here/Peer.java" "$peer" "$oid" "/v1/download/img/$oid" >"$work/peer.log" 2>&1 &
echo $! >"$work/peer.pid"
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$peer/v1/view/img/$oid" && break
  sleep 0.2
done

# warm-up: the JIT compiles the paths the rows take
for p in /actuator/health/liveness /v1/view/img/$oid /v1/download/img/$oid /v1/status/img/$oid; do
  wrk -t2 -c"$connections" -d10s "$base$p" >/dev/null
done
wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $jwt" "$base/api/resources/" >/dev/null
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$peer/v1/view/img/$oid" >/dev/null

read -r peer_rps peer50 peer99 _ <<<"$(base="http://127.0.0.1:$peer" measure peer "/v1/view/img/$oid")"
read -r l_rps l50 l99 _ <<<"$(measure liveness /actuator/health/liveness)"
row() { # LABEL PATH NOTE [HEADER]
  local rps p50 p99 errors
  read -r rps p50 p99 errors <<<"$(measure "$(echo "$1" | tr -c 'a-z0-9' '-')" "$2" "${4:-}")"
  printf '| %s | %s | %s | %.0f | %s | %s | %.3fx | %.2fx |\n' "$1" "$3" "$errors" "$rps" "$p50" "$p99" \
    "$(echo "$rps / $peer_rps" | bc -l)" "$(echo "$rps / $l_rps" | bc -l)"
}
echo "wrk, 2 threads, $connections connections, ${seconds} s per row, $(nproc) cores shared with the stack"
echo
echo "| route | answer | not 2xx/3xx | req/s | p50 ms | p99 ms | vs peer | vs liveness |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
printf '| peer: JDK HttpServer, map in memory | 302 | 0 | %.0f | %s | %s | 1.000x | %.2fx |\n' \
  "$peer_rps" "$peer50" "$peer99" "$(echo "$peer_rps / $l_rps" | bc -l)"
printf '| GET /actuator/health/liveness | 200 | 0 | %.0f | %s | %s | %.3fx | 1.00x |\n' \
  "$l_rps" "$l50" "$l99" "$(echo "$l_rps / $peer_rps" | bc -l)"
row "GET /v1/view/img/$oid" "/v1/view/img/$oid" "302 to the signature"
row "GET /v1/download/img/$oid" "/v1/download/img/$oid" \
  "200, $(curl -s "$base/v1/download/img/$oid" | wc -c) B gzipped"
row "GET /v1/status/img/$oid" "/v1/status/img/$oid" "200, $(curl -s "$base/v1/status/img/$oid" | wc -c) B JSON"
row "GET /api/resources/" "/api/resources/" "200, 100 resources, $list_bytes B" \
  "Authorization: Bearer $jwt"
row "GET /actuator/health" "/actuator/health" "200, database and Temporal asked"

# bombs: the cost of each refused input, against a valid input of the same size in the same run
python3 "$here/bombs.py" "$base" "$token" "$jwt" "$work" "$oid" "$(cat "$work/dev.pid")"
