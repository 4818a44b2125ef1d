#!/usr/bin/env bash
# The joint CNN x racetrack co-exploration (not part of the pass/fail suite; docs/sweep.md, "The RTM
# co-exploration"): sim/sweep/examples/rtm_coexploration.json, the twelve CNN variants x the RTM
# geometry (ports, domains, tracks, multiplier cells, bit-serial / word-parallel cells), a few images
# per point with --engine rtm (energy and latency per inference; the RTM computes exactly, so a
# point's accuracy is its model's on all 10,000 test images, from variants.csv), then
# sim/sweep/examples/rtm_pareto.py (accuracy joined, the 3-D Pareto front, trends, plots) and the
# CSVs, trends and plots copied to OUT_DIR. Run from the repository root after the build.
#   usage: tests/bench/rtm_coexploration.sh [BUILD_DIR] [OUT_DIR]
#          (defaults: build docs/results/rtm_coexploration)
#   JOBS=N: points in parallel (default 2); SWEEP_DIR=DIR: reuse a finished sweep's output in DIR
set -euo pipefail
build=${1:-build}
out=${2:-docs/results/rtm_coexploration}
spec=sim/sweep/examples/rtm_coexploration.json
variants=docs/results/rtm_coexploration/variants.csv
[ -f "$spec" ] || { echo "rtm_coexploration.sh: run from the repository root ($spec missing)" >&2; exit 2; }
for file in "$build/bin/pimsoc-sweep" "$build/firmware/bin/cnn_fmnist.elf" "$build/data/fmnist_t10k.bin"; do
  [ -f "$file" ] || { echo "rtm_coexploration.sh: $file missing: build first (cmake --build $build)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sweep=${SWEEP_DIR:-$work/sweep}
[ -n "${SWEEP_DIR:-}" ] || tests/bench/run_spec_sweep.sh "$build" "$spec" "$sweep"
/usr/bin/python3 sim/sweep/examples/rtm_pareto.py "$sweep" "$variants"
mkdir -p "$out"
cp "$sweep"/{sweep.csv,coexploration.csv,pareto_accuracy.csv,trends.md,accuracy_pareto.png,trends.png} "$out/"
failed=$(awk -F, 'NR > 1 && $0 ~ /,failed,/' "$sweep/sweep.csv" | wc -l)
echo "rtm_coexploration.sh: $(($(wc -l <"$sweep/sweep.csv") - 1)) points, $failed failed; results in $out"
[ "$failed" -eq 0 ]
