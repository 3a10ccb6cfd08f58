#!/bin/sh
# mevflow's local runner starts this in a scratch folder: each resource input is a file path in
# INPUT_<key>; the outputs are files named in outputs.json.
set -eu
awk -F'\t' '
  NR == 1 { print $1 "\trow_sum"; next }
  { s = 0; for (i = 2; i <= NF; i++) if ($i != "" && $i != "NA") s += $i; print $1 "\t" s }
' "$INPUT_matrix" > row_sums.tsv
printf '{"row_sums": "row_sums.tsv"}\n' > outputs.json
