#!/usr/bin/python3
"""Mean and spread over seeds of a ReRAM accuracy sweep (sim/sweep/examples/reram_*.json).

    reram_accuracy_summary.py SWEEP_CSV

SWEEP_CSV is pimsoc-sweep's sweep.csv of a spec with a sim.seed axis. Its successful rows are
grouped by every other axis column (the columns between "point" and "status"); per group it prints
one CSV row to stdout: the axis values, the number of seeds, the mean, sample standard deviation,
minimum and maximum of accuracy_pct, and the mean latency and energy per inference (ns, pJ) and
the tiles' dynamic energy per inference (pJ: the firmware's "reram per inference" line, the spec's
metric reram_energy_pj_per_inference; the ledger's reram column, with the leakage, is in
sweep.csv). Groups in the order they first appear. Python 3 standard library only. Exit 2 with one line on bad input (a missing file or column, no sim.seed axis).
"""

import csv
import statistics
import sys

PROG = "reram_accuracy_summary.py"
VALUES = ["accuracy_pct", "latency_per_inference_ns", "energy_per_inference_pj", "reram_energy_pj_per_inference"]


def fail(message):
    print(f"{PROG}: {message}", file=sys.stderr)
    sys.exit(2)


def main(argv):
    if len(argv) != 2:
        fail("usage: reram_accuracy_summary.py SWEEP_CSV")
    try:
        with open(argv[1], newline="") as f:
            rows = list(csv.DictReader(f))
            header = rows[0].keys() if rows else []
    except OSError as e:
        fail(f"cannot read {argv[1]}: {e.strerror}")
    columns = list(header)
    if "point" not in columns or "status" not in columns or "sim.seed" not in columns:
        fail(f"{argv[1]}: not a sweep.csv with a sim.seed axis (columns point, sim.seed, status)")
    for name in VALUES:
        if name not in columns:
            fail(f"{argv[1]}: no column {name}")
    axes = [c for c in columns[columns.index("point") + 1:columns.index("status")] if c != "sim.seed"]
    groups = {}
    for row in rows:
        if row["status"] == "ok":
            groups.setdefault(tuple(row[a] for a in axes), []).append(row)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(axes + ["seeds", "accuracy_mean_pct", "accuracy_sd_pct", "accuracy_min_pct", "accuracy_max_pct",
                         "latency_per_inference_ns", "energy_per_inference_pj", "reram_energy_pj_per_inference"])
    for key, members in groups.items():
        acc = [float(r["accuracy_pct"]) for r in members]
        sd = statistics.stdev(acc) if len(acc) > 1 else 0.0
        means = [statistics.mean(float(r[v]) for r in members) for v in VALUES[1:]]
        out.writerow(list(key) + [len(acc), f"{statistics.mean(acc):.2f}", f"{sd:.2f}", f"{min(acc):.2f}",
                                  f"{max(acc):.2f}"] + [f"{m:.1f}" for m in means])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
