#!/bin/sh
# mevflow's local runner starts this in a scratch folder: the count matrix is a file path in
# INPUT_raw_counts, each observation set its sample ids (comma-separated, as WebMEV's
# ObservationSetCsvConverter gives them, or the set's JSON), the other values as given. The outputs
# are named in outputs.json.
set -eu
ids() {
  case "$1" in
    *'"id"'*) printf '%s' "$1" | grep -o '"id" *: *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/' | paste -sd, - ;;
    *) printf '%s' "$1" ;;
  esac
}
base=$(ids "$INPUT_base_condition_samples")
experimental=$(ids "$INPUT_experimental_condition_samples")
[ -n "$base" ] || { echo "the base group has no samples" >&2; exit 2; }
[ -n "$experimental" ] || { echo "the experimental group has no samples" >&2; exit 2; }
awk -F'\t' -v base="$base" -v exp_="$experimental" \
    -v pc="${INPUT_pseudocount:-1}" -v lb="${INPUT_log_base:-2}" \
    -v bn="${INPUT_base_condition_name:-base}" -v en="${INPUT_experimental_condition_name:-experimental}" '
  BEGIN { nb = split(base, B, ","); ne = split(exp_, E, ",") }
  NR == 1 {
    for (i = 2; i <= NF; i++) col[$i] = i
    for (k = 1; k <= nb; k++) if (!(B[k] in col)) { print "sample " B[k] " is not in the matrix" > "/dev/stderr"; exit 3 }
    for (k = 1; k <= ne; k++) if (!(E[k] in col)) { print "sample " E[k] " is not in the matrix" > "/dev/stderr"; exit 3 }
    denominator = (lb == "e") ? 1 : log(lb)
    print "gene\t" bn "_mean\t" en "_mean\tlogFoldChange"
    next
  }
  {
    sb = 0; for (k = 1; k <= nb; k++) sb += $(col[B[k]])
    se = 0; for (k = 1; k <= ne; k++) se += $(col[E[k]])
    mb = sb / nb; me = se / ne
    printf "%s\t%.6g\t%.6g\t%.6g\n", $1, mb, me, log((me + pc) / (mb + pc)) / denominator
    genes++
  }
  END { print genes + 0 > "genes.count" }
' "$INPUT_raw_counts" > fold_changes.tsv
printf '{"dge_results": "fold_changes.tsv", "genes_compared": %s}\n' "$(cat genes.count)" > outputs.json
