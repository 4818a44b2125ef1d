#!/usr/bin/python3
"""The MRAM sweep's accuracy / energy / area view (sim/sweep/examples/mram_geometry.json).

    mram_pareto.py SWEEP_DIR ACCURACY_CSV

SWEEP_DIR is pimsoc-sweep's output (its sweep.csv); ACCURACY_CSV has the columns model and
accuracy_pct: each model's accuracy on all 10,000 test images (the golden model's, which the VP's
predictions equal: docs/cnn.md). The accuracy of a point is its model's (the array computes
exactly, so the geometry never changes a prediction); the sweep's own accuracy_pct column is that of
its first images only. Writes into SWEEP_DIR:

  pareto_accuracy.csv  sweep.csv's successful rows that are Pareto-optimal in (accuracy, higher is
                       better; energy per inference; MRAM area), with the 10,000-image accuracy as
                       column accuracy_10k_pct, in point order
  accuracy_pareto.png  left, accuracy against energy (colour = model, marker = sub-array rows x
                       columns), its 2-D front drawn and labelled; right, one facet per model of
                       energy against MRAM area (colour = sub-arrays per bank, same markers), each
                       facet's front drawn and labelled (rows x columns x sub-arrays; points that
                       tie share one label, "+N equal"); the three-objective front ringed in black

Python 3 standard library and matplotlib (Debian's python3-matplotlib). Exit 2 with one line on
bad input. The run: tests/bench/mram_sweep.sh (docs/sweep.md, "The MRAM sweep").
"""

import csv
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pimsoc_sweep import pareto_front  # noqa: E402  (the sweep's own dominance rule)
from sweep_csv import read_rows  # noqa: E402

PROG = "mram_pareto"
MODELS = ["w8a8", "w4a4", "w2a2", "w1a4", "w1a2", "w1a1"]
ROWS, COLUMNS, SUBARRAYS, MODEL = "mram.rows", "mram.columns", "mram.subarrays_per_bank", "--model"
MARKERS = ["o", "s", "^", "v", "D", "P", "X", "*", "h"]


def fail(message):
    print(f"{PROG}: {message}", file=sys.stderr)
    sys.exit(2)


def read_csv(path, needed):
    return read_rows(path, needed, fail)


def geometry(row):
    return f"{row[ROWS]}x{row[COLUMNS]}"


def label(row):
    return f"{row[ROWS]}x{row[COLUMNS]}x{row[SUBARRAYS]}"


def front_2d(points, x_key, y_key, y_higher_is_better):
    """The points no other point beats in both (smaller x; smaller or, for accuracy, larger y),
    ordered by x."""
    sign = -1.0 if y_higher_is_better else 1.0
    chosen = pareto_front([(p[x_key], sign * p[y_key]) for p in points])
    return sorted((points[i] for i in chosen), key=lambda p: p[x_key])


def labelled(front, x_key, y_key):
    """The front's points with their labels, one per distinct (x, y): points that tie (the same
    energy at other row counts, say) share the first one's label with a count of the others."""
    groups = {}
    for p in front:
        groups.setdefault((p[x_key], p[y_key]), []).append(p)
    return [(same[0], label(same[0]) + (f" (+{len(same) - 1} equal)" if len(same) > 1 else ""))
            for same in groups.values()]


def main(argv):
    if len(argv) != 3:
        fail("usage: mram_pareto.py SWEEP_DIR ACCURACY_CSV")
    sweep_dir, accuracy_csv = argv[1], argv[2]
    accuracy = {r["model"]: float(r["accuracy_pct"]) for r in read_csv(accuracy_csv, ["model", "accuracy_pct"])}
    rows = read_csv(os.path.join(sweep_dir, "sweep.csv"),
                    [ROWS, COLUMNS, SUBARRAYS, MODEL, "status", "energy_per_inference_pj", "area_um2"])
    points = []
    for row in rows:
        if row["status"] != "ok":
            continue
        if row[MODEL] not in accuracy:
            fail(f"{accuracy_csv}: no accuracy for model {row[MODEL]}")
        points.append(dict(row, accuracy=accuracy[row[MODEL]], energy_uj=float(row["energy_per_inference_pj"]) / 1e6,
                           area_mm2=float(row["area_um2"]) / 1e6))
    if not points:
        fail(f"{sweep_dir}/sweep.csv: no successful point")

    on_front = set(pareto_front([(-p["accuracy"], p["energy_uj"], p["area_mm2"]) for p in points]))
    with open(os.path.join(sweep_dir, "pareto_accuracy.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(list(rows[0].keys()) + ["accuracy_10k_pct"])
        for i in sorted(on_front):
            writer.writerow([points[i][k] for k in rows[0].keys()] + [f"{points[i]['accuracy']:.2f}"])

    try:
        import matplotlib
    except ImportError:
        fail("matplotlib is not installed (Debian: python3-matplotlib): pareto_accuracy.csv written, no plot")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    models = [m for m in MODELS if any(p[MODEL] == m for p in points)]
    model_colours = {m: plt.get_cmap("tab10")(i) for i, m in enumerate(models)}
    geometries = sorted({geometry(p) for p in points}, key=lambda g: tuple(int(v) for v in g.split("x")))
    markers = {g: MARKERS[i % len(MARKERS)] for i, g in enumerate(geometries)}
    subarrays = sorted({int(p[SUBARRAYS]) for p in points})
    subarray_colours = {s: plt.get_cmap("viridis")(i / max(1, len(subarrays) - 1) * 0.85)
                        for i, s in enumerate(subarrays)}

    fig = plt.figure(figsize=(17, 8.5))
    grid = fig.add_gridspec(2, 5, width_ratios=[1.25, 1.25, 1, 1, 1])
    # Left: accuracy against energy, colour = model; the 2-D front labelled.
    ax = fig.add_subplot(grid[:, :2])
    for i, p in enumerate(points):
        ax.scatter(p["energy_uj"], p["accuracy"], marker=markers[geometry(p)], s=45, color=model_colours[p[MODEL]],
                   alpha=0.7, edgecolors="black" if i in on_front else "none", linewidths=1.2, zorder=3)
    front = front_2d(points, "energy_uj", "accuracy", True)
    ax.plot([p["energy_uj"] for p in front], [p["accuracy"] for p in front], color="black", linewidth=1, zorder=2)
    for p, text in labelled(front, "energy_uj", "accuracy"):
        ax.annotate(f"{p[MODEL]} {text}", (p["energy_uj"], p["accuracy"]), textcoords="offset points",
                    xytext=(6, 5), fontsize=9, fontweight="bold")
    ax.set_xscale("log")
    ax.set_xlabel("energy per inference (uJ, log)")
    ax.set_ylabel("accuracy on all 10,000 test images (%)")
    ax.set_title("accuracy against energy (colour: model; line: best accuracy per energy)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(handles=[Line2D([], [], linestyle="", marker="o", color=model_colours[m],
                              label=f"{m}: {accuracy[m]:.2f} %") for m in models],
              loc="lower right", fontsize=9, title="model, accuracy")
    # Right: one facet per model, energy against area; colour = sub-arrays per bank.
    shared = None
    for k, m in enumerate(models):
        fx = fig.add_subplot(grid[k // 3, 2 + k % 3], sharex=shared, sharey=shared)
        shared = shared or fx
        mine = [p for p in points if p[MODEL] == m]
        for p in mine:
            ring = points.index(p) in on_front
            fx.scatter(p["area_mm2"], p["energy_uj"], marker=markers[geometry(p)], s=40,
                       color=subarray_colours[int(p[SUBARRAYS])], alpha=0.85,
                       edgecolors="black" if ring else "none", linewidths=1.2, zorder=3)
        mf = front_2d(mine, "area_mm2", "energy_uj", False)
        fx.plot([p["area_mm2"] for p in mf], [p["energy_uj"] for p in mf], color="black", linewidth=0.8, zorder=2)
        for p, text in labelled(mf, "area_mm2", "energy_uj"):
            fx.annotate(text, (p["area_mm2"], p["energy_uj"]), textcoords="offset points", xytext=(4, 4),
                        fontsize=7)
        fx.set_xscale("log")
        fx.set_yscale("log")
        fx.set_title(f"{m} ({accuracy[m]:.2f} %)", fontsize=10, color=model_colours[m], fontweight="bold")
        fx.grid(True, which="both", alpha=0.3)
        if k // 3 == 1:
            fx.set_xlabel("MRAM area (mm2)")
        if k % 3 == 0:
            fx.set_ylabel("energy per inference (uJ)")

    handles = [Line2D([], [], linestyle="", marker=markers[g], color="grey", label=f"{g}")
               for g in geometries]
    handles += [Line2D([], [], linestyle="", marker="o", color=subarray_colours[s], label=f"{s} sub-arrays per bank")
                for s in subarrays]
    handles += [Line2D([], [], linestyle="", marker="o", markerfacecolor="none", markeredgecolor="black",
                       label="ringed: Pareto-optimal in accuracy, energy and area")]
    fig.legend(handles=handles, loc="lower center", ncol=7, fontsize=9, frameon=False,
               title="marker: sub-array rows x columns; facet colour: sub-arrays per bank; "
                     "labels: rows x columns x sub-arrays per bank")
    fig.suptitle(f"SOT-MRAM sweep: {len(points)} points (model x rows x columns x sub-arrays per bank), "
                 f"{len(on_front)} Pareto-optimal; LeNet-5 on Fashion-MNIST, --engine mram --mover dma")
    fig.tight_layout(rect=(0, 0.1, 1, 0.95))
    fig.savefig(os.path.join(sweep_dir, "accuracy_pareto.png"), dpi=110)
    print(f"{PROG}: {len(points)} points, {len(on_front)} Pareto-optimal in accuracy, energy and area; "
          f"{sweep_dir}/pareto_accuracy.csv, {sweep_dir}/accuracy_pareto.png")


if __name__ == "__main__":
    main(sys.argv)
