"""Summarizes the rows of a matrix over some of its samples (a test fixture in the shape of
web-mev/pca's run_pca.py: arguments from the entrypoint, outputs in the input's folder, described
in outputs.json)."""
import argparse
import json
import math
import os
import statistics

parser = argparse.ArgumentParser()
parser.add_argument("-i", "--input", dest="input_matrix", required=True)
parser.add_argument("-s", "--samples", dest="samples", default=None)
parser.add_argument("-t", "--statistics", dest="statistics", required=True)
parser.add_argument("-l", "--log", dest="log_transform", type=int, default=0)
args = parser.parse_args()

path, resource_type = args.input_matrix, None
with open(path) as f:
    header = f.readline().rstrip("\n").split("\t")
    rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
samples = header[1:]
keep = list(range(len(samples)))
if args.samples:
    wanted = args.samples.split(",")
    missing = [s for s in wanted if s not in samples]
    if missing:
        raise SystemExit("samples not in the matrix: " + ", ".join(missing))
    keep = [samples.index(s) for s in wanted]
names = [s.strip() for s in args.statistics.split(",") if s.strip()]
functions = {"mean": statistics.fmean, "min": min, "max": max, "median": statistics.median}
unknown = [n for n in names if n not in functions]
if unknown:
    raise SystemExit("unknown statistics: " + ", ".join(unknown))

working_dir = os.path.dirname(path)
summary = os.path.join(working_dir, "summary.tsv")
subset = os.path.join(working_dir, "subset.tsv")
with open(summary, "w") as s, open(subset, "w") as m:
    s.write("gene\t" + "\t".join(names) + "\n")
    m.write("gene\t" + "\t".join(samples[k] for k in keep) + "\n")
    for row in rows:
        values = [float(row[1 + k]) for k in keep]
        if args.log_transform:
            values = [math.log2(v + 1) for v in values]
        s.write(row[0] + "\t" + "\t".join("%g" % functions[n](values) for n in names) + "\n")
        m.write(row[0] + "\t" + "\t".join("%g" % v for v in values) + "\n")

outputs = {
    "summary": summary,
    "subset": {"path": subset, "resource_type": "EXP_MTX" if not args.log_transform else "MTX"},
    "n_samples": len(keep),
}
json.dump(outputs, open(os.path.join(working_dir, "outputs.json"), "w"))
