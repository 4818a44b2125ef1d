#!/usr/bin/python3
"""The joint CNN x racetrack co-exploration's accuracy / energy / area view
(sim/sweep/examples/rtm_coexploration.json).

    rtm_pareto.py SWEEP_DIR VARIANTS_CSV

SWEEP_DIR is pimsoc-sweep's output (sweep.csv and points/NNN.json); VARIANTS_CSV is
docs/results/rtm_coexploration/variants.csv (model, width, kernel, wbits, abits, macs,
accuracy_pct: each model's accuracy on all 10,000 test images; the RTM computes exactly, so the
geometry never changes a prediction and a point's accuracy is its model's). Writes into SWEEP_DIR:

  coexploration.csv    one row per successful point: the model and its CNN figures, the RTM
                       geometry, latency, energy (the SoC's and of it the RTM's) per inference, the
                       RTM area, the RTM's shifts per inference to the ports (DBC steps) and in the
                       multipliers (from points/NNN.json), and pareto = 1 on the 3-D front
  pareto_accuracy.csv  the rows Pareto-optimal in (accuracy up, energy per inference down, RTM area
                       down), in point order
  trends.md            the paper's trends from these rows: the effect of each geometry axis on
                       area, energy, latency and shifts (pairs of points that differ in that axis
                       alone), more ports against shifts, accuracy and energy against bit width
  accuracy_pareto.png  accuracy against energy (colour = bits, marker = CNN family, the 2-D front
                       drawn and labelled, the 3-D front ringed), and energy against RTM area in one
                       facet per CNN family (colour = bits, marker = cell type, the 3-D front ringed
                       and labelled)
  trends.png           the trends: access shifts against ports, energy against area by geometry,
                       accuracy and RTM energy against bit width

Python 3 standard library and matplotlib (Debian's python3-matplotlib). Exit 2 with one line on
bad input. The run: tests/bench/rtm_coexploration.sh (docs/sweep.md, "The RTM co-exploration").
"""

import csv
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pimsoc_sweep import pareto_front  # noqa: E402  (the sweep's own dominance rule)
from sweep_csv import read_rows  # noqa: E402

PROG = "rtm_pareto"
MODEL = "--model"
# The geometry axes: (sweep.csv column, short name in labels and tables).
AXES = [("rtm.ports_per_track", "P"), ("rtm.domains_per_track", "N"), ("rtm.tracks_per_dbc", "T"),
        ("rtm.multipliers_per_subarray", "M"), ("rtm.adder_mode", "cells")]
CELLS = {"bit_serial": "bs", "word_parallel": "wp"}
NEEDED = ["point", MODEL, "status", "energy_per_inference_pj", "latency_per_inference_ns", "area_um2",
          "energy_rtm_pj"] + [a for a, _ in AXES]
VARIANT_COLUMNS = ["model", "width", "kernel", "wbits", "abits", "macs", "accuracy_pct"]
OUT_COLUMNS = ["point", "model", "family", "width", "kernel", "wbits", "abits", "macs", "accuracy_10k_pct",
               "ports", "domains", "tracks", "multipliers", "cells", "latency_ms", "energy_uj", "energy_rtm_uj",
               "area_mm2", "access_shifts", "cell_shifts", "pareto"]
FIELD = {"rtm.ports_per_track": "ports", "rtm.domains_per_track": "domains", "rtm.tracks_per_dbc": "tracks",
         "rtm.multipliers_per_subarray": "multipliers", "rtm.adder_mode": "cells"}


def fail(message):
    print(f"{PROG}: {message}", file=sys.stderr)
    sys.exit(2)


def read_csv(path, needed):
    return read_rows(path, needed, fail)


def family(variant):
    """The CNN family of a variant: its width, and the conv1 kernel when it is not 5x5."""
    name = "width " + variant["width"]
    return name + (f", {variant['kernel']}x{variant['kernel']} conv1" if variant["kernel"] != "5" else "")


def shifts(sweep_dir, point):
    """The RTM's DBC shift steps (to the ports, eager returns included) and multiplier positional
    steps per inference, from the point's stats (region 1)."""
    path = os.path.join(sweep_dir, "points", f"{point}.json")
    try:
        with open(path, encoding="utf-8") as f:
            stats = json.load(f)
        region = next(r for r in stats["regions"] if r["id"] == stats["inference_region_id"])
        rtm = next(c for c in region["components"] if c["name"] == "rtm")
        events = {e["name"]: e["count"] for e in rtm["events"]}
        return events.get("shift", 0) / region["occurrences"], events.get("cell_shift", 0) / region["occurrences"]
    except OSError as error:
        fail(f"{path}: {error.strerror}")
    except (ValueError, KeyError, StopIteration, ZeroDivisionError, TypeError):
        fail(f"{path}: no rtm events in the inference region")


def load(sweep_dir, variants_csv):
    variants = {r["model"]: r for r in read_csv(variants_csv, VARIANT_COLUMNS)}
    points = []
    for row in read_csv(os.path.join(sweep_dir, "sweep.csv"), NEEDED):
        if row["status"] != "ok":
            continue
        v = variants.get(row[MODEL])
        if v is None:
            fail(f"{variants_csv}: no row for model {row[MODEL]}")
        access, cell = shifts(sweep_dir, row["point"])
        p = {"point": row["point"], "model": row[MODEL], "family": family(v), "width": v["width"],
             "kernel": v["kernel"], "wbits": v["wbits"], "abits": v["abits"], "macs": int(v["macs"]),
             "accuracy_10k_pct": float(v["accuracy_pct"]),
             "latency_ms": float(row["latency_per_inference_ns"]) / 1e6,
             "energy_uj": float(row["energy_per_inference_pj"]) / 1e6,
             "energy_rtm_uj": float(row["energy_rtm_pj"]) / 1e6, "area_mm2": float(row["area_um2"]) / 1e6,
             "access_shifts": access, "cell_shifts": cell}
        for axis, _ in AXES:
            p[FIELD[axis]] = row[axis]
        points.append(p)
    if not points:
        fail(f"{sweep_dir}/sweep.csv: no successful point")
    return points


def geometry_parts(p):
    return [f"{short}{p[FIELD[axis]]}" for axis, short in AXES[:-1]] + [CELLS.get(p["cells"], p["cells"])]


def geometry(p):
    return " ".join(geometry_parts(p))


def common_geometry(points):
    """The geometry parts every one of the points shares ("N32 T16 M1"), to leave out of labels."""
    parts = [geometry_parts(p) for p in points]
    return [part for i, part in enumerate(parts[0]) if all(other[i] == part for other in parts)]


def tie_labels(points, x_key, y_key, text, common):
    """One label per distinct (x, y) of the points (ties, e.g. the same energy with more multiplier
    cells, share the first one's label with a count of the others), the geometry parts in common
    left out: [(point, label)]."""
    groups = {}
    for p in points:
        groups.setdefault((round(p[x_key], 6), round(p[y_key], 6)), []).append(p)
    out = []
    for same in groups.values():
        label = " ".join(part for part in geometry_parts(same[0]) if part not in common)
        out.append((same[0], text(same[0], label) + (f" (+{len(same) - 1} equal)" if len(same) > 1 else "")))
    return out


def number(value):
    try:
        return float(value)
    except ValueError:
        return value


def write_rows(path, points):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(OUT_COLUMNS)
        for p in points:
            writer.writerow([f"{p[c]:.4f}" if isinstance(p[c], float) else p[c] for c in OUT_COLUMNS])


def axis_effects(points):
    """For each geometry axis and each pair of its values (lowest against each other), the ratios
    high / low of area, energy, RTM energy, latency and access shifts over the pairs of points that
    differ in that axis alone: (axis, low, high, pairs, {figure: (min, median, max)})."""
    figures = ["area_mm2", "energy_uj", "energy_rtm_uj", "latency_ms", "access_shifts"]
    effects = []
    for axis, _ in AXES:
        field = FIELD[axis]
        values = sorted({p[field] for p in points}, key=number)
        others = [FIELD[a] for a, _ in AXES if a != axis] + ["model"]
        by_rest = {}
        for p in points:
            by_rest.setdefault(tuple(p[o] for o in others), {})[p[field]] = p
        for high in values[1:]:
            pairs = [(g[values[0]], g[high]) for g in by_rest.values() if values[0] in g and high in g]
            if not pairs:
                continue
            ratios = {}
            for fig in figures:
                r = [b[fig] / a[fig] for a, b in pairs if a[fig] > 0]
                ratios[fig] = (min(r), statistics.median(r), max(r)) if r else None
            effects.append((field, values[0], high, len(pairs), ratios))
    return effects


def bits_table(points):
    """Per model, in family and bit order: accuracy, MACs, and the least SoC and RTM energy per
    inference over the geometries (with the geometry of the least SoC energy)."""
    rows = []
    for m in sorted({p["model"] for p in points},
                    key=lambda m: next((p["family"], -int(p["wbits"])) for p in points if p["model"] == m)):
        mine = [p for p in points if p["model"] == m]
        best = min(mine, key=lambda p: p["energy_uj"])
        rows.append((best, min(p["energy_rtm_uj"] for p in mine)))
    return rows


def write_trends(path, points, on_front):
    fmt = lambda r: "-" if r is None else f"{r[0]:.3g} / {r[1]:.3g} / {r[2]:.3g}"  # noqa: E731
    lines = [f"# Trends of the RTM co-exploration ({len(points)} points)", "",
             "Generated by `sim/sweep/examples/rtm_pareto.py` from `coexploration.csv`.", "",
             "## Each geometry axis: ratios high / low over the pairs of points that differ in it alone",
             "", "min / median / max over the pairs (models x the other axes).", "",
             "| axis | low -> high | pairs | RTM area | SoC energy | RTM energy | latency | access shifts |",
             "|---|---|---|---|---|---|---|---|"]
    for field, low, high, n, r in axis_effects(points):
        lines.append(f"| {field} | {low} -> {high} | {n} | {fmt(r['area_mm2'])} | {fmt(r['energy_uj'])} | "
                     f"{fmt(r['energy_rtm_uj'])} | {fmt(r['latency_ms'])} | {fmt(r['access_shifts'])} |")
    lines += ["", "## More ports, fewer shifts?", "",
              "DBC shift steps per inference to the ports (eager returns included; the multipliers' "
              "positional steps apart), by model and domains x tracks; the cells (mode, count) do not "
              "change them (the median over those is shown).", ""]
    ports = sorted({p["ports"] for p in points}, key=number)
    shapes = sorted({(p["domains"], p["tracks"]) for p in points}, key=lambda s: tuple(map(number, s)))
    lines += ["| model | N x T | " + " | ".join(f"P = {q}" for q in ports) + " |",
              "|---|---|" + "---|" * len(ports)]
    for best, _ in bits_table(points):
        for n, t in shapes:
            cells = []
            for q in ports:
                s = [p["access_shifts"] for p in points if p["model"] == best["model"] and p["ports"] == q
                     and (p["domains"], p["tracks"]) == (n, t)]
                cells.append(f"{statistics.median(s):,.0f}" if s else "-")
            lines.append(f"| {best['model']} | {n} x {t} | " + " | ".join(cells) + " |")
    lines += ["", "## Accuracy and energy against bit width", "",
              "Accuracy on all 10,000 test images (variants.csv); the least SoC energy per inference over "
              "the geometries (at the geometry named) and the least RTM energy.", "",
              "| family | model | W:A bits | MACs | accuracy % | least SoC energy (uJ) | at | least RTM energy (uJ) |",
              "|---|---|---|---|---|---|---|---|"]
    for best, rtm in bits_table(points):
        lines.append(f"| {best['family']} | {best['model']} | {best['wbits']}:{best['abits']} | {best['macs']:,} | "
                     f"{best['accuracy_10k_pct']:.2f} | {best['energy_uj']:.2f} | {geometry(best)} | {rtm:.2f} |")
    lines += ["", f"## The 3-D Pareto front (accuracy up, energy down, RTM area down): {len(on_front)} points", "",
              "| point | model | accuracy % | geometry | SoC energy (uJ) | RTM energy (uJ) | RTM area (mm2) | latency (ms) |",
              "|---|---|---|---|---|---|---|---|"]
    for p in sorted(on_front, key=lambda p: (-p["accuracy_10k_pct"], p["energy_uj"])):
        lines.append(f"| {p['point']} | {p['model']} | {p['accuracy_10k_pct']:.2f} | {geometry(p)} | "
                     f"{p['energy_uj']:.2f} | {p['energy_rtm_uj']:.2f} | {p['area_mm2']:.3f} | {p['latency_ms']:.2f} |")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def front_2d(points, x_key, y_key, y_higher_is_better):
    sign = -1.0 if y_higher_is_better else 1.0
    chosen = pareto_front([(p[x_key], sign * p[y_key]) for p in points])
    return sorted((points[i] for i in chosen), key=lambda p: p[x_key])


def plot(sweep_dir, points, on_front):
    try:
        import matplotlib
    except ImportError:
        fail("matplotlib is not installed (Debian: python3-matplotlib): CSVs written, no plot")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib import ticker

    style = {
        "plt": plt, "Line2D": Line2D, "ticker": ticker,
        "bits": dict(zip(sorted({p["wbits"] for p in points}, key=lambda b: -int(b)),
                         ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"])),
        "families": sorted({p["family"] for p in points}, key=lambda f: (float(f.split()[1].rstrip(",")), f)),
    }
    style["markers"] = dict(zip(style["families"], ["v", "o", "s", "^", "D", "P"]))
    plot_front(sweep_dir, points, on_front, style)
    plot_trends(sweep_dir, points, style)


def plain_log_axes(ax, style, x=True, y=True):
    """Log axes ticked at 1, 2 and 5 times the powers of ten, as plain numbers (0.5, 1, 2; 10, 20)."""
    ticker = style["ticker"]
    for on, axis in ((x, ax.xaxis), (y, ax.yaxis)):
        if on:
            axis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
            axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
            axis.set_minor_formatter(ticker.NullFormatter())


def plot_front(sweep_dir, points, on_front, style):
    plt, Line2D = style["plt"], style["Line2D"]
    bit_colours, families, family_markers = style["bits"], style["families"], style["markers"]
    cell_markers = {"bit_serial": "o", "word_parallel": "s"}
    front_ids = {id(p) for p in on_front}
    common = common_geometry(on_front)

    def ring(p):
        return dict(edgecolors="black", linewidths=1.4) if id(p) in front_ids else dict(edgecolors="none")

    fig = plt.figure(figsize=(18, 14))
    grid = fig.add_gridspec(2, len(families[:4]), height_ratios=[1.15, 1])
    ax = fig.add_subplot(grid[0, :])
    for p in points:
        ax.scatter(p["energy_uj"], p["accuracy_10k_pct"], marker=family_markers[p["family"]], s=40,
                   color=bit_colours[p["wbits"]], alpha=0.55, zorder=3, **ring(p))
    front = front_2d(points, "energy_uj", "accuracy_10k_pct", True)
    ax.plot([p["energy_uj"] for p in front], [p["accuracy_10k_pct"] for p in front], color="black", lw=1, zorder=2)
    for p, text in tie_labels(front, "energy_uj", "accuracy_10k_pct", lambda p, g: f"{p['model']} {g}", []):
        ax.annotate(text, (p["energy_uj"], p["accuracy_10k_pct"]), textcoords="offset points", xytext=(-8, 7),
                    ha="right", fontsize=10, fontweight="bold")
    ax.set_xscale("log")
    plain_log_axes(ax, style, y=False)
    ax.set_xlabel("SoC energy per inference (uJ, log)")
    ax.set_ylabel("accuracy on all 10,000 test images (%)")
    ax.set_title("accuracy against energy, every point; line: the least energy for each accuracy (labelled); "
                 "ringed: Pareto-optimal in accuracy, energy and RTM area")
    ax.grid(True, which="both", alpha=0.3)
    handles = [Line2D([], [], ls="", marker="o", color=bit_colours[b], label=f"W:A {b}:{b} bits") for b in bit_colours]
    handles += [Line2D([], [], ls="", marker=family_markers[f], color="grey", label=f"CNN {f}") for f in families]
    ax.legend(handles=handles, loc="lower right", fontsize=10, title="colour: bits; marker: CNN family")

    shared = None
    for k, fam in enumerate(families[:4]):
        fx = fig.add_subplot(grid[1, k], sharex=shared)
        shared = shared or fx
        mine = [p for p in points if p["family"] == fam]
        for p in mine:
            fx.scatter(p["area_mm2"], p["energy_uj"], marker=cell_markers.get(p["cells"], "x"), s=32,
                       color=bit_colours[p["wbits"]], alpha=0.55, zorder=3, **ring(p))
        mine_front = [p for p in mine if id(p) in front_ids]
        for bits in bit_colours:
            line = sorted((p for p in mine_front if p["wbits"] == bits), key=lambda p: p["area_mm2"])
            fx.plot([p["area_mm2"] for p in line], [p["energy_uj"] for p in line], color="black", lw=0.8, zorder=2)
        for p, text in tie_labels(mine_front, "area_mm2", "energy_uj", lambda p, g: g, common):
            fx.annotate(text, (p["area_mm2"], p["energy_uj"]), textcoords="offset points", xytext=(0, 6),
                        ha="center", fontsize=8)
        fx.set_xscale("log")
        fx.set_yscale("log")
        plain_log_axes(fx, style)
        fx.set_title(f"CNN {fam}: energy against RTM area", fontsize=11, fontweight="bold")
        fx.grid(True, which="both", alpha=0.3)
        fx.set_xlabel("RTM area (mm2, log)")
        if k == 0:
            fx.set_ylabel("SoC energy per inference (uJ, log)")
    handles = [Line2D([], [], ls="", marker=m, color="grey", label=c.replace("_", "-") + " cells")
               for c, m in cell_markers.items()]
    handles += [Line2D([], [], ls="", marker="o", markerfacecolor="none", markeredgecolor="black", markersize=8,
                       label="ringed, joined per bit width and labelled: Pareto-optimal in accuracy, energy and area"
                             + (f" (all at {' '.join(common)})" if common else ""))]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=11, frameon=False,
               title="lower row: colour = bits, marker = cell type; labels: P ports per track, N domains per track, "
                     "T tracks per DBC, M multipliers per subarray, bs/wp = bit-serial/word-parallel cells")
    fig.suptitle(f"RTM x CNN co-exploration: {len(points)} points, {len(on_front)} Pareto-optimal in "
                 "(accuracy, energy, RTM area); LeNet-5 variants on Fashion-MNIST, --engine rtm", fontsize=14)
    fig.tight_layout(rect=(0, 0.06, 1, 0.97))
    fig.savefig(os.path.join(sweep_dir, "accuracy_pareto.png"), dpi=90)
    plt.close(fig)


def plot_trends(sweep_dir, points, style):
    plt, Line2D = style["plt"], style["Line2D"]
    families, family_markers = style["families"], style["markers"]
    fig, axes = plt.subplots(2, 2, figsize=(16, 12))
    shapes = sorted({(p["domains"], p["tracks"]) for p in points}, key=lambda s: tuple(map(number, s)))
    shape_colours = {s: plt.get_cmap("viridis")(i / max(1, len(shapes) - 1) * 0.9) for i, s in enumerate(shapes)}
    ports = sorted({p["ports"] for p in points}, key=number)
    port_markers = dict(zip(ports, ["o", "s", "^", "D", "v"]))
    top_bits = max((p["wbits"] for p in points), key=int)
    reference = max({p["model"] for p in points},
                    key=lambda m: (next(p["accuracy_10k_pct"] for p in points if p["model"] == m), m))

    # (a) access shifts against ports: one line per CNN family (marker) and domains x tracks (colour).
    ax = axes[0][0]
    for s in shapes:
        for fam in families:
            mine = [p for p in points if (p["domains"], p["tracks"]) == s and p["family"] == fam
                    and p["wbits"] == top_bits]
            if mine:
                ys = [statistics.median([p["access_shifts"] for p in mine if p["ports"] == q] or [float("nan")])
                      for q in ports]
                ax.plot([number(q) for q in ports], ys, marker=family_markers[fam], color=shape_colours[s], alpha=0.85)
    ax.set_xscale("log", base=2)
    ax.set_xticks([number(q) for q in ports], [str(q) for q in ports])
    ax.set_yscale("log")
    ax.set_xlabel("ports per track")
    ax.set_ylabel("DBC shift steps per inference to the ports (log)")
    ax.set_title(f"more ports, fewer shifts ({top_bits}-bit models)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(handles=[Line2D([], [], color=shape_colours[s], label=f"N {s[0]} domains x T {s[1]} tracks")
                       for s in shapes]
              + [Line2D([], [], ls="", marker=family_markers[f], color="grey", label=f"CNN {f}") for f in families],
              fontsize=9, loc="lower left", ncol=2, title="colour: N x T; marker: CNN family")

    # (b) RTM energy against area for the most accurate model, every geometry, its 2-D front labelled.
    ax = axes[0][1]
    mine = [p for p in points if p["model"] == reference]
    for p in mine:
        colour = shape_colours[(p["domains"], p["tracks"])]
        ax.scatter(p["area_mm2"], p["energy_rtm_uj"], marker=port_markers[p["ports"]], s=60,
                   facecolors="none" if p["cells"] == "word_parallel" else colour, edgecolors=colour,
                   linewidths=1.5, zorder=3)
    front = front_2d(mine, "area_mm2", "energy_rtm_uj", False)
    ax.plot([p["area_mm2"] for p in front], [p["energy_rtm_uj"] for p in front], color="black", lw=1, zorder=2)
    for p, text in tie_labels(front, "area_mm2", "energy_rtm_uj", lambda p, g: g, common_geometry(front)):
        ax.annotate(text, (p["area_mm2"], p["energy_rtm_uj"]), textcoords="offset points", xytext=(0, -14),
                    ha="center", fontsize=9)
    ax.set_xscale("log")
    ax.set_yscale("log")
    plain_log_axes(ax, style)
    ax.set_xlabel("RTM area (mm2, log)")
    ax.set_ylabel("RTM energy per inference (uJ, log)")
    ax.set_title(f"area against energy, {reference}: the front (line) labelled, at {' '.join(common_geometry(front))}")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(handles=[Line2D([], [], ls="", marker=port_markers[q], color="grey", label=f"P = {q} ports")
                       for q in ports]
              + [Line2D([], [], ls="", marker="o", color="grey", label="filled: bit-serial cells"),
                 Line2D([], [], ls="", marker="o", markerfacecolor="none", color="grey", label="hollow: word-parallel")],
              fontsize=9, loc="center left", title="colour: N x T (as left)")

    # (c), (d) accuracy and the least RTM energy against bits, one line per family.
    for ax, key, label in ((axes[1][0], "accuracy_10k_pct", "accuracy on all 10,000 test images (%)"),
                           (axes[1][1], "energy_rtm_uj", "least RTM energy per inference over the geometries (uJ, log)")):
        for k, fam in enumerate(families):
            bits = sorted({int(p["wbits"]) for p in points if p["family"] == fam})
            pick = max if key == "accuracy_10k_pct" else min
            ys = [pick(p[key] for p in points if p["family"] == fam and int(p["wbits"]) == b) for b in bits]
            ax.plot(bits, ys, marker=family_markers[fam], color=plt.get_cmap("tab10")(k), label=f"CNN {fam}")
            for b, y in zip(bits, ys):
                ax.annotate(f"{y:.2f}" if key == "accuracy_10k_pct" else f"{y:.1f}", (b, y),
                            textcoords="offset points", xytext=(5, 3), fontsize=9)
        ax.set_xscale("log", base=2)
        all_bits = sorted({int(p["wbits"]) for p in points})
        ax.set_xticks(all_bits, [f"{b}:{b}" for b in all_bits])
        ax.set_xlabel("weight:activation bits")
        ax.set_ylabel(label)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=9, loc="best")
        if key == "energy_rtm_uj":
            ax.set_yscale("log")
            plain_log_axes(ax, style, x=False)
    axes[1][0].set_title("accuracy against bit width (width 1 full training; the others short: docs/cnn.md)")
    axes[1][1].set_title("RTM energy against bit width (the least over the geometries)")
    fig.suptitle("RTM co-exploration: the paper's trends (ports and shifts, area and energy, bits and accuracy)",
                 fontsize=14)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    fig.savefig(os.path.join(sweep_dir, "trends.png"), dpi=90)
    plt.close(fig)


def main(argv):
    if len(argv) != 3:
        fail("usage: rtm_pareto.py SWEEP_DIR VARIANTS_CSV")
    sweep_dir, variants_csv = argv[1], argv[2]
    points = load(sweep_dir, variants_csv)
    chosen = set(pareto_front([(-p["accuracy_10k_pct"], p["energy_uj"], p["area_mm2"]) for p in points]))
    for i, p in enumerate(points):
        p["pareto"] = int(i in chosen)
    on_front = [p for p in points if p["pareto"]]
    write_rows(os.path.join(sweep_dir, "coexploration.csv"), points)
    write_rows(os.path.join(sweep_dir, "pareto_accuracy.csv"), on_front)
    write_trends(os.path.join(sweep_dir, "trends.md"), points, on_front)
    plot(sweep_dir, points, on_front)
    print(f"{PROG}: {len(points)} points, {len(on_front)} Pareto-optimal in accuracy, energy and area; "
          f"{sweep_dir}/coexploration.csv, pareto_accuracy.csv, trends.md, accuracy_pareto.png, trends.png")


if __name__ == "__main__":
    main(sys.argv)
