#!/usr/bin/python3
"""power_sweep_plot.py CSV PNG: the failure rate x checkpoint granularity sweep (power_sweep.sh) as
two panels per engine: completion time and energy, both relative to the same run without failures,
against the mean time between failures; a run that did not finish within the bound is drawn as a
cross on the top edge, the granularities' crosses side by side (docs/power.md "Failure rate x
granularity")."""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLE = {"none": ("tab:red", "o"), "image": ("tab:orange", "s"), "layer": ("tab:blue", "^"),
         "tile": ("tab:green", "v"), "accumulator": ("tab:purple", "D")}
TOP = {"time_ratio": 30.0, "energy_overhead_pct": 3000.0}


def main(csv_path, png_path):
    rows = list(csv.DictReader(open(csv_path)))
    engines = list(dict.fromkeys(r["engine"] for r in rows))
    fig, axes = plt.subplots(2, len(engines), figsize=(4.2 * len(engines), 7), sharex=True, squeeze=False)
    for col, engine in enumerate(engines):
        for row, (key, label) in enumerate([("time_ratio", "completion time / failure-free"),
                                            ("energy_overhead_pct", "energy overhead vs failure-free (%)")]):
            ax = axes[row][col]
            for index, gran in enumerate(dict.fromkeys(r["granularity"] for r in rows if r["engine"] == engine)):
                pts = [r for r in rows if r["engine"] == engine and r["granularity"] == gran]
                color, marker = STYLE.get(gran, ("black", "x"))
                done = [(float(r["mtbf_ms"]), float(r[key])) for r in pts if r["finished"] == "1"]
                # side by side: every granularity's cross visible
                lost = [float(r["mtbf_ms"]) * 1.12 ** (index - 1.5) for r in pts if r["finished"] != "1"]
                if done:
                    ax.plot(*zip(*done), color=color, marker=marker, label=gran)
                if lost:
                    ax.scatter(lost, [TOP[key]] * len(lost), color=color, marker="x", s=60,
                               label=None if done else gran + " (not finished)")
            ax.set_xscale("log")
            ax.set_yscale("log" if key == "time_ratio" else "symlog")
            ax.set_ylim(top=TOP[key] * 1.6)
            ax.grid(True, which="both", alpha=0.3)
            if row == 0:
                ax.set_title(f"{engine}")
            if row == 1:
                ax.set_xlabel("mean time between failures (ms), 1 ms off each")
            if col == 0:
                ax.set_ylabel(label)
            ax.legend(fontsize=7)
    fig.suptitle("cnn_fmnist through power failures: x on top = not finished within the bound", fontsize=10)
    fig.tight_layout()
    fig.savefig(png_path, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
