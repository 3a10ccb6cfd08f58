#!/usr/bin/env bash
# The sketch benchmark: every row sketches the same generated input in the same run; the table
# gives Mbp/s, peak RSS and ratios against the C loop, sourmash's wasm core and `sourmash sketch dna`
# (sourmash 4.9.4 from PyPI, the command wort runs; scripts/install-sourmash).
#   bash bench/sketch/run.sh [MBP]      (default 100 Mbp per input)
# Needs gcc, node/npm, Python 3 and GNU time (installed with apt-get if missing and run as root).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mbp="${1:-100}"
work="${BENCH_WORK:-$root/bench/sketch/.work}"
mkdir -p "$work"

if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
gcc -O3 -march=native -o "$work/gen" "$here/gen.c"
gcc -O3 -march=native -o "$work/kmerloop" "$here/kmerloop.c"
[ -s "$work/genome-$mbp.fa" ] || "$work/gen" fasta "$mbp" 1 > "$work/genome-$mbp.fa"
[ -s "$work/reads-$mbp.fq" ] || "$work/gen" fastq "$mbp" 2 > "$work/reads-$mbp.fq"

oracle="$HOME/.cache/mevflow/sourmash-oracle/0.13.1"
if [ ! -f "$oracle/node_modules/sourmash/sourmash_bg.wasm" ]; then
  npm install --prefix "$oracle" --no-audit --no-fund --loglevel=error sourmash@0.13.1 >/dev/null
fi
sourmash=$(bash "$root/scripts/install-sourmash")
"$root/mevflow" --version >/dev/null   # builds the launcher jar if needed
jar="$root/devstack/target/mevflow.jar"

# run LABEL CMD... -> "seconds maxrss_kb" (best of 3 wall times, max RSS of those runs)
run() {
  local best="" rss=0
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || {
      cat "$work/err" >&2; exit 1; }
    read -r t m < "$work/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $rss"
}

rows=()
measure() { # name input ks abund threads kind
  local name=$1 input=$2 ks=$3 abund=$4 kind=$5 threads=${6:-1} r
  case $kind in
    c) r=$(run "$work/kmerloop" "$input" 1000 ${ks//,/ }) ;;
    wasm) r=$(run node "$here/sourmash-core.mjs" "$oracle/node_modules/sourmash" "$input" "$ks" 1000 "$abund") ;;
    mevflow)
      local p="scaled=1000,k=${ks//,/,k=}"; [ "$abund" = 1 ] && p="$p,abund"
      r=$(run java -jar "$jar" sketch dna --threads "$threads" -p "$p" -o "$work/out.sig" "$input") ;;
    sourmash)
      local p="scaled=1000,k=${ks//,/,k=}"; [ "$abund" = 1 ] && p="$p,abund"
      r=$(run "$sourmash" sketch dna -p "$p" -o "$work/out-sourmash.sig" "$input") ;;
  esac
  local label=$ks
  if [ "$abund" = 1 ]; then label="$ks abund"; fi
  rows+=("$name|$(basename "$input")|$label|$r")
}

for input in "$work/genome-$mbp.fa" "$work/reads-$mbp.fq"; do
  for ks in 31 21,31,51; do
    abund=0; [ "$ks" = 21,31,51 ] && abund=1
    measure "C loop (1 thread)" "$input" "$ks" "$abund" c
    measure "sourmash core wasm (1 thread)" "$input" "$ks" "$abund" wasm
    measure "sourmash sketch dna (CLI)" "$input" "$ks" "$abund" sourmash
    measure "mevflow sketch (1 thread)" "$input" "$ks" "$abund" mevflow 1
    measure "mevflow sketch (2 threads)" "$input" "$ks" "$abund" mevflow 2
  done
done

# bytes per kept hash: a sketch that keeps many hashes (k=21, scaled=10, abundance)
java -jar "$jar" sketch dna --threads 2 --stats -p k=21,scaled=10,abund -o "$work/big.sig" \
  "$work/reads-$mbp.fq" 2> "$work/stats"
bph=$(sed -n 's/.*kept_hashes=\([0-9]*\).*bytes_per_hash=\([0-9.]*\).*/\2 B (\1 hashes)/p' "$work/stats")

printf '\n%-30s %-16s %-16s %8s %9s %9s %8s %8s %8s\n' row input sketch seconds "Mbp/s" "RSS MB" "vs C" "vs wasm" "vs CLI"
declare -A cbase wbase sbase
for row in "${rows[@]}"; do
  IFS='|' read -r name input sk r <<< "$row"; read -r t m <<< "$r"
  key="$input/$sk"
  case $name in C*) cbase[$key]=$t ;; "sourmash core"*) wbase[$key]=$t ;; "sourmash sketch"*) sbase[$key]=$t ;; esac
done
for row in "${rows[@]}"; do
  IFS='|' read -r name input sk r <<< "$row"; read -r t m <<< "$r"
  key="$input/$sk"
  awk -v n="$name" -v i="$input" -v s="$sk" -v t="$t" -v m="$m" -v c="${cbase[$key]}" \
      -v w="${wbase[$key]}" -v sm="${sbase[$key]}" -v mbp="$mbp" 'BEGIN {
    printf "%-30s %-16s %-16s %8.2f %9.1f %9.0f %7.2fx %7.2fx %7.2fx\n", n, i, s, t, mbp / t, m / 1024, c / t, w / t, sm / t }'
done
echo
echo "mevflow bytes per kept hash (k=21, scaled=10, abund, $mbp Mbp of reads): $bph"
echo "(seconds: best of 3 wall-clock runs, whole process incl. start-up and reading; ratios: peer time / row time;"
echo " vs CLI: against \`sourmash sketch dna\`, the command wort runs)"
