#!/usr/bin/env bash
# wort's largest signature holds about 172 million hashes (k=21). This sketches a generated
# 172 Mbp genome with scaled=1 (every k-mer kept: ~172 million hashes, with abundances) inside a
# 3 GB Java heap, and prints the bytes held per kept hash and the peak RSS.
#   bash bench/sketch/memory.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${BENCH_WORK:-$here/.work}"
mkdir -p "$work"
gcc -O3 -o "$work/gen" "$here/gen.c"
[ -s "$work/genome-172.fa" ] || "$work/gen" fasta 172 3 > "$work/genome-172.fa"
"$root/mevflow" --version >/dev/null
/usr/bin/time -f "peak RSS %M KB, %e s in all (sketch + writing ~3.5 GB of JSON to /dev/null)" \
  java -Xmx3g -jar "$root/devstack/target/mevflow.jar" sketch dna --threads 1 --stats \
  -p k=21,scaled=1,abund "$work/genome-172.fa" > /dev/null
