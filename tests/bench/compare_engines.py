#!/usr/bin/python3
"""Side-by-side comparison of the CNN's engines on the VP (not part of the pass/fail suite).

    tests/bench/compare_engines.py [BUILD_DIR] [--images N]

Runs cnn_fmnist on the first N test images (default 100) once per engine configuration (the CPU
engine; conv and fc layers on the racetrack memory with the CPU or the DMA moving activations),
reads each run's stats JSON and prints a Markdown table: accuracy, simulated latency and energy per
inference (the ledger's region 1, by component), RTM shifts per inference and the area.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

CONFIGS = [
    ("CPU engine", ["--engine", "cpu"]),
    ("RTM engine, CPU moves activations", ["--engine", "rtm", "--mover", "cpu"]),
    ("RTM engine, DMA moves activations", ["--engine", "rtm", "--mover", "dma"]),
]


def run(build, images, label, extra, scratch):
    stats = os.path.join(scratch, re.sub(r"\W+", "_", label) + ".json")
    command = [os.path.join(build, "bin", "pimsoc"), "run", os.path.join(build, "firmware", "bin", "cnn_fmnist.elf"),
               "--image", os.path.join(build, "data", "fmnist_t10k.bin") + "@0x60000000",
               "--quiet", "--stats", stats, "--", "--images", str(images)] + extra
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1"))
    if done.returncode != 0:
        sys.exit(f"compare_engines: {label}: pimsoc exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    accuracy = re.search(r"^accuracy: \d+ / \d+ = ([0-9.]+) %$", done.stdout, re.M)
    doc = json.load(open(stats))
    region = next(r for r in doc["regions"] if r["id"] == doc["inference_region_id"])
    per = region["occurrences"]
    components = {c["name"]: c for c in region["components"]}
    rtm = components.get("rtm")
    shifts = cell_shifts = 0
    if rtm:
        counts = {e["name"]: e["count"] for e in rtm["events"]}
        shifts = counts.get("shift", 0) / per
        cell_shifts = counts.get("cell_shift", 0) / per
    return {
        "label": label,
        "accuracy": accuracy.group(1) if accuracy else "?",
        "latency_ms": doc["latency_per_inference_ns"] / 1e6,
        "energy_uj": doc["energy_per_inference_pj"] / 1e6,
        "by_component_uj": {name: c["total_energy_pj"] / per / 1e6 for name, c in components.items()},
        "shifts": shifts,
        "cell_shifts": cell_shifts,
        "area_mm2": doc["run"]["total"]["area_um2"] / 1e6,
        "rtm_area_mm2": (rtm["area_um2"] / 1e6) if rtm else 0.0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build", nargs="?", default="build")
    parser.add_argument("--images", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        rows = [run(args.build, args.images, label, extra, scratch) for label, extra in CONFIGS]
    names = sorted({n for r in rows for n in r["by_component_uj"]},
                   key=lambda n: -max(r["by_component_uj"].get(n, 0) for r in rows))
    header = ["figure"] + [r["label"] for r in rows]
    lines = [
        ["accuracy (%d images)" % args.images] + [r["accuracy"] + " %" for r in rows],
        ["latency per inference (ms)"] + ["%.3f" % r["latency_ms"] for r in rows],
        ["energy per inference (uJ)"] + ["%.2f" % r["energy_uj"] for r in rows],
    ]
    lines += [[f"  {n}"] + ["%.2f" % r["by_component_uj"].get(n, 0) for r in rows] for n in names]
    lines += [
        ["RTM shifts per inference: to the ports / in the multipliers"] +
        ["%.0f / %.0f" % (r["shifts"], r["cell_shifts"]) for r in rows],
        ["SoC area (mm2), of it RTM"] + ["%.3f (%.3f)" % (r["area_mm2"], r["rtm_area_mm2"]) for r in rows],
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for line in lines:
        print("| " + " | ".join(line) + " |")


if __name__ == "__main__":
    main()
