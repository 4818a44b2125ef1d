#!/usr/bin/python3
"""Plot of the ReRAM non-ideality sweeps (tests/bench/reram_sweeps.sh).

    reram_accuracy_plot.py --ideal PCT [--images N] [--baseline-from NAME:KEY=VALUE [--baseline-at KEY=VALUE]...]
                           --out PNG NAME=SUMMARY_CSV...

Each SUMMARY_CSV is the output of reram_accuracy_summary.py for one sweep (its axis columns, then
seeds, accuracy_mean_pct, accuracy_sd_pct, accuracy_min_pct, accuracy_max_pct,
latency_per_inference_ns, energy_per_inference_pj, reram_energy_pj_per_inference). One column of
panels per sweep, in the order given: top, accuracy (mean over the seeds, error bar one sample
standard deviation, the seeds' minimum and maximum as small ticks) against the sweep's first axis,
one line per value of any other axis, the ideal-mode accuracy PCT over the same images as a
dashed reference line and chance (10 %) dotted; middle, energy per inference (whole SoC and the
tiles' dynamic energy, reram_energy_pj_per_inference: the firmware's "reram per inference" line, without
the leakage; uJ); bottom, latency per inference (ms). --baseline-from names the
baseline, a row of one sweep (the row of sweep NAME whose column KEY is VALUE: the defaults without
stuck-at faults); it is drawn as a dash-dot line in every accuracy panel and, in the panel whose
first axis is a --baseline-at KEY, as a black star at VALUE (that parameter's value in the
baseline), so a sweep need not run the baseline's point again. A first axis with a zero and
values over more than a decade is drawn on a symmetric-log scale. Python 3 standard library and
matplotlib (Debian's python3-matplotlib). Exit 2 with one line on bad input.
"""

import argparse
import csv
import sys

PROG = "reram_accuracy_plot.py"
NEEDED = ["seeds", "accuracy_mean_pct", "accuracy_sd_pct", "accuracy_min_pct", "accuracy_max_pct",
          "latency_per_inference_ns", "energy_per_inference_pj", "reram_energy_pj_per_inference"]
NAMES = {"reram.programming_sigma": "programming variation sigma", "reram.stuck_on_rate": "stuck-on rate",
         "reram.stuck_off_rate": "stuck-off rate", "reram.adc_bits": "ADC bits", "reram.cell_bits": "bits per cell",
         "reram.tiles": "tiles"}
CHANCE_PCT = 10.0  # ten classes


def fail(message):
    print(f"{PROG}: {message}", file=sys.stderr)
    sys.exit(2)


def read_summary(path):
    """(axes, rows) of one summary CSV; rows with floats for the NEEDED columns."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            columns = reader.fieldnames or []
            rows = list(reader)
    except OSError as error:
        fail(f"{path}: {error.strerror}")
    missing = [c for c in NEEDED if c not in columns]
    if missing or not rows or columns.index("seeds") == 0:
        fail(f"{path}: not a reram_accuracy_summary.py output (no rows, no axis column or missing {missing})")
    axes = columns[:columns.index("seeds")]
    try:
        for row in rows:
            for name in NEEDED + axes[:1]:
                row[name] = float(row[name])
    except ValueError:
        fail(f"{path}: a non-numeric value in the row of {[row[a] for a in axes]}")
    return axes, rows


def series(axes, rows):
    """{label of the other axes' values: rows sorted by the first axis}, in order of appearance."""
    lines = {}
    for row in rows:
        label = ", ".join(f"{NAMES.get(a, a)} {row[a]}" for a in axes[1:])
        lines.setdefault(label, []).append(row)
    return {label: sorted(members, key=lambda r: r[axes[0]]) for label, members in lines.items()}


def find_baseline(spec, sweeps):
    """The summary row named by --baseline-from NAME:KEY=VALUE."""
    name, sep, condition = spec.partition(":")
    key, sep2, value = condition.partition("=")
    if not (sep and sep2 and name and key):
        fail(f"--baseline-from: '{spec}' is not NAME:KEY=VALUE")
    for sweep, (axes, rows) in sweeps:
        if sweep == name:
            for row in rows:
                if key in axes and float(row[key]) == float(value):
                    return row
    fail(f"--baseline-from: no sweep '{name}' with a row {key} = {value}")


def set_x_scale(ax, xs):
    positive = [x for x in xs if x > 0]
    if 0 in xs and positive and max(positive) / min(positive) > 10:
        ax.set_xscale("symlog", linthresh=min(positive))
        ax.set_xlim(-0.3 * min(positive), 1.6 * max(positive))  # no empty negative half
        ticks = sorted(set(xs))  # the swept values themselves, as written in the specs
        ax.set_xticks(ticks)
        ax.set_xticklabels([f"{x:g}" for x in ticks], rotation=45, fontsize=8)
        ax.minorticks_off()
    else:
        span = (max(xs) - min(xs)) or 1
        ax.set_xlim(min(xs) - 0.08 * span, max(xs) + 0.08 * span)
        if all(float(x).is_integer() for x in xs):
            ax.set_xticks(sorted(set(xs)))


def plot(args, sweeps, baseline, baseline_at):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, panels = plt.subplots(3, len(sweeps), figsize=(4.2 * len(sweeps), 9.5), squeeze=False, sharex="col")
    for col, (name, (axes, rows)) in enumerate(sweeps):
        acc, energy, latency = panels[0][col], panels[1][col], panels[2][col]
        for label, members in series(axes, rows).items():
            xs = [r[axes[0]] for r in members]
            line = acc.errorbar(xs, [r["accuracy_mean_pct"] for r in members],
                                yerr=[r["accuracy_sd_pct"] for r in members], marker="o", capsize=4,
                                label=label or "mean +- sd over seeds")
            colour = line[0].get_color()
            acc.plot(xs, [r["accuracy_min_pct"] for r in members], "_", color=colour, markersize=9)
            acc.plot(xs, [r["accuracy_max_pct"] for r in members], "_", color=colour, markersize=9)
            suffix = f" ({label})" if label else ""
            energy.plot(xs, [r["energy_per_inference_pj"] / 1e6 for r in members], "o-", color=colour,
                        label="SoC" + suffix)
            energy.plot(xs, [r["reram_energy_pj_per_inference"] / 1e6 for r in members], "s--", color=colour,
                        label="ReRAM tiles, dynamic" + suffix)
            latency.plot(xs, [r["latency_per_inference_ns"] / 1e6 for r in members], "o-", color=colour)
        xs_all = [r[axes[0]] for r in rows]
        if baseline is not None:
            acc.axhline(baseline["accuracy_mean_pct"], color="black", linestyle="-.", linewidth=0.8,
                        label=f"defaults without stuck-at faults ({baseline['accuracy_mean_pct']:.1f} %)")
            if axes[0] in baseline_at:
                xs_all.append(baseline_at[axes[0]])
                acc.errorbar([baseline_at[axes[0]]], [baseline["accuracy_mean_pct"]],
                             yerr=[baseline["accuracy_sd_pct"]], marker="*", markersize=11, color="black", capsize=4,
                             linestyle="none", label="the same, at its value of this parameter")
        acc.axhline(args.ideal, color="black", linestyle="--", linewidth=1,
                    label=f"ideal mode ({args.ideal:.2f} %)")
        acc.axhline(CHANCE_PCT, color="grey", linestyle=":", linewidth=1, label="chance (10 %)")
        acc.set_ylim(0, 100)
        acc.set_title(f"{name}: {NAMES.get(axes[0], axes[0])}")
        acc.legend(fontsize=7, loc="best")
        energy.legend(fontsize=7)
        for ax in (acc, energy, latency):
            set_x_scale(ax, xs_all)
            ax.grid(True, alpha=0.3)
        latency.set_xlabel(axes[0])
        for ax in (energy, latency):  # from 0, with room above the highest point
            ax.set_ylim(0, 1.15 * ax.get_ylim()[1])
    seeds = sorted({int(r["seeds"]) for _, (_, rows) in sweeps for r in rows})
    panels[0][0].set_ylabel(f"accuracy (%), first {args.images} images" if args.images else "accuracy (%)")
    panels[1][0].set_ylabel("energy per inference (uJ)")
    panels[2][0].set_ylabel("latency per inference (ms)")
    fig.suptitle(f"LeNet-5 (w8a8) on the ReRAM tiles: accuracy over {'/'.join(map(str, seeds))} seeds\n"
                 "(mean +- sd, ticks: min and max), energy and latency per inference", fontsize=10)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)


def main(argv):
    parser = argparse.ArgumentParser(prog=PROG, description="Plot of the ReRAM non-ideality sweeps.")
    parser.add_argument("--ideal", type=float, required=True, help="ideal-mode accuracy (%%) over the same images")
    parser.add_argument("--images", type=int, default=0, help="images per point (for the axis label)")
    parser.add_argument("--baseline-from", metavar="NAME:KEY=VALUE", help="the baseline: a row of sweep NAME")
    parser.add_argument("--baseline-at", metavar="KEY=VALUE", action="append", default=[],
                        help="the baseline's value of parameter KEY (drawn at it in KEY's panel)")
    parser.add_argument("--out", required=True, help="the PNG to write")
    parser.add_argument("sweeps", nargs="+", metavar="NAME=SUMMARY_CSV")
    args = parser.parse_args(argv[1:])
    sweeps = []
    for item in args.sweeps:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            fail(f"'{item}' is not NAME=SUMMARY_CSV")
        sweeps.append((name, read_summary(path)))
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        fail("matplotlib is not installed (python3-matplotlib: run ./setup.sh)")
    baseline = find_baseline(args.baseline_from, sweeps) if args.baseline_from else None
    baseline_at = {}
    for item in args.baseline_at:
        key, sep, value = item.partition("=")
        try:
            baseline_at[key] = float(value)
        except ValueError:
            fail(f"--baseline-at: '{item}' is not KEY=NUMBER")
        if not sep or not key:
            fail(f"--baseline-at: '{item}' is not KEY=NUMBER")
    plot(args, sweeps, baseline, baseline_at)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
