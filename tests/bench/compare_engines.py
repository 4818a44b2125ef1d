#!/usr/bin/python3
"""Side-by-side comparison of the CNN's engines on the VP (not part of the pass/fail suite).

    tests/bench/compare_engines.py [BUILD_DIR] [--images N] [--model NAME]

Runs cnn_fmnist on the first N test images (default 100) of one model (--model, default w8a8) once
per engine configuration (the CPU engine; conv and fc layers on the racetrack memory, and on the
SOT-MRAM, each with the CPU or the DMA moving activations; on the ReRAM tiles in ideal mode and
with the default non-idealities), reads each run's stats JSON and prints a Markdown table:
accuracy, simulated latency and energy per inference (the ledger's region 1, by component), RTM
shifts, MRAM dual-row senses and ReRAM ADC conversions per inference, and the area (the SoC's, and
of it the accelerators').
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
    ("MRAM engine, CPU moves activations", ["--engine", "mram", "--mover", "cpu"]),
    ("MRAM engine, DMA moves activations", ["--engine", "mram", "--mover", "dma"]),
    ("ReRAM engine, ideal", ["--engine", "reram"], ["--set", "reram.ideal=true"]),
    ("ReRAM engine, default non-idealities", ["--engine", "reram"]),
]


def run(build, images, label, extra, scratch, vp_args=()):
    """One cnn_fmnist run: extra = the firmware's options, vp_args = pimsoc's (e.g. --set)."""
    stats = os.path.join(scratch, re.sub(r"\W+", "_", label) + ".json")
    command = [os.path.join(build, "bin", "pimsoc"), "run", os.path.join(build, "firmware", "bin", "cnn_fmnist.elf"),
               "--image", os.path.join(build, "data", "fmnist_t10k.bin") + "@0x60000000",
               "--quiet", "--stats", stats] + list(vp_args) + ["--", "--images", str(images)] + extra
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, SYSTEMC_DISABLE_COPYRIGHT_MESSAGE="1"))
    if done.returncode != 0:
        sys.exit(f"compare_engines: {label}: pimsoc exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    accuracy = re.search(r"^accuracy: \d+ / \d+ = ([0-9.]+) %$", done.stdout, re.M)
    doc = json.load(open(stats))
    region = next(r for r in doc["regions"] if r["id"] == doc["inference_region_id"])
    per = region["occurrences"]
    components = {c["name"]: c for c in region["components"]}
    def events(name):
        c = components.get(name)
        return {e["name"]: e["count"] for e in c["events"]} if c else {}
    rtm, mram, reram = components.get("rtm"), components.get("mram"), components.get("reram")
    shifts = events("rtm").get("shift", 0) / per
    cell_shifts = events("rtm").get("cell_shift", 0) / per
    senses = events("mram").get("dual_row_sense", 0) / per
    row_writes = events("mram").get("row_write", 0) / per
    return {
        "label": label,
        "accuracy": accuracy.group(1) if accuracy else "?",
        "latency_ms": doc["latency_per_inference_ns"] / 1e6,
        "energy_uj": doc["energy_per_inference_pj"] / 1e6,
        "by_component_uj": {name: c["total_energy_pj"] / per / 1e6 for name, c in components.items()},
        "rtm_event_pj": {e["name"]: e["energy_pj"] / per for e in rtm["events"]} if rtm else {},
        "macs": events("rtm").get("mac", 0) / per,
        "shifts": shifts,
        "cell_shifts": cell_shifts,
        "area_mm2": doc["run"]["total"]["area_um2"] / 1e6,
        "rtm_area_mm2": (rtm["area_um2"] / 1e6) if rtm else 0.0,
        "mram_area_mm2": (mram["area_um2"] / 1e6) if mram else 0.0,
        "reram_area_mm2": (reram["area_um2"] / 1e6) if reram else 0.0,
        "adc_conversions": events("reram").get("adc", 0) / per,
        "mvms": events("reram").get("mvm", 0) / per,
        "senses": senses,
        "row_writes": row_writes,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build", nargs="?", default="build")
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--model", default="w8a8", help="w8a8 (default), w4a4, w2a2, w1a4, w1a2 or w1a1")
    args = parser.parse_args()
    model = ["--model", args.model]
    with tempfile.TemporaryDirectory() as scratch:
        rows = [run(args.build, args.images, c[0], c[1] + model, scratch, c[2] if len(c) > 2 else ())
                for c in CONFIGS]
    names = sorted({n for r in rows for n in r["by_component_uj"]},
                   key=lambda n: -max(r["by_component_uj"].get(n, 0) for r in rows))
    header = ["figure"] + [r["label"] for r in rows]
    lines = [
        ["accuracy (%s, %d images)" % (args.model, args.images)] + [r["accuracy"] + " %" for r in rows],
        ["latency per inference (ms)"] + ["%.3f" % r["latency_ms"] for r in rows],
        ["energy per inference (uJ)"] + ["%.2f" % r["energy_uj"] for r in rows],
    ]
    lines += [[f"  {n}"] + ["%.2f" % r["by_component_uj"].get(n, 0) for r in rows] for n in names]
    lines += [
        ["RTM shifts per inference: to the ports / in the multipliers"] +
        ["%.0f / %.0f" % (r["shifts"], r["cell_shifts"]) for r in rows],
        ["MRAM per inference: dual-row senses / SOT row writes"] +
        ["%.0f / %.0f" % (r["senses"], r["row_writes"]) for r in rows],
        ["ReRAM per inference: MVMs / ADC conversions"] +
        ["%.0f / %.0f" % (r["mvms"], r["adc_conversions"]) for r in rows],
        ["SoC area (mm2), of it RTM, MRAM, ReRAM"] +
        ["%.3f (%.3f, %.3f, %.3f)" % (r["area_mm2"], r["rtm_area_mm2"], r["mram_area_mm2"], r["reram_area_mm2"])
         for r in rows],
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for line in lines:
        print("| " + " | ".join(line) + " |")


if __name__ == "__main__":
    main()
