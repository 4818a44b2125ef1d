#!/usr/bin/env python3
"""The optimum's speed-up over the paper's three heuristics (docs/allocation.md, "Heuristics").

usage: compare_baselines.py [--alloc build/bin/pimsoc-alloc] [--bandwidth]
Prints a markdown table: per case the optimum's time and how many times slower each heuristic
is, then the geometric mean over the cases.
"""
import argparse
import json
import math
import subprocess
import sys

# The paper's networks at the crossbar counts of its Tables 5 and 6 (128 x 128 crossbars).
CASES = [("alexnet", 2304), ("vgg-a", 2304), ("vgg-a", 4096), ("vgg-e", 8192),
         ("resnet18", 4096), ("mobilenet-v1", 4096)]
BASELINES = ["proportional", "isaac", "uniform"]


def run(alloc, network, crossbars, extra):
    cmd = [alloc, network, "--crossbars", str(crossbars), "--size", "128", "--json"] + extra
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"compare_baselines: {' '.join(cmd)} failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alloc", default="build/bin/pimsoc-alloc")
    parser.add_argument("--bandwidth", action="store_true",
                        help="the paper's bandwidth limits (default: none)")
    args = parser.parse_args()
    limit = ["--bandwidth"] if args.bandwidth else ["--no-bandwidth"]
    print("| network | crossbars | optimum R | optimum (us) | " +
          " | ".join(f"{b} (x)" for b in BASELINES) + " |")
    print("|---|---:|---|---:|" + "---:|" * len(BASELINES))
    ratios = {b: [] for b in BASELINES}
    for network, crossbars in CASES:
        best = run(args.alloc, network, crossbars, limit)
        cells = []
        for baseline in BASELINES:
            # The heuristic's own time; the optimum is the full run's above, so no search here.
            result = run(args.alloc, network, crossbars,
                         limit + ["--baseline", baseline, "--search-nodes", "0"])
            ratio = result["time_us"] / best["time_us"]
            ratios[baseline].append(ratio)
            cells.append(f"{ratio:.2f}")
        r = " ".join(str(x) for x in best["R"])
        print(f"| {network} | {crossbars} | {r} | {best['time_us']:.1f} | " + " | ".join(cells) + " |")
    means = [math.exp(sum(math.log(x) for x in ratios[b]) / len(ratios[b])) for b in BASELINES]
    print("| geometric mean | | | | " + " | ".join(f"{m:.2f}" for m in means) + " |")


if __name__ == "__main__":
    main()
