#!/usr/bin/env bash
# The MRAM design-space sweep (not part of the pass/fail suite; docs/sweep.md, "The MRAM sweep"):
# sim/sweep/examples/mram_geometry.json over sub-array rows x columns x sub-arrays per bank x the
# bit-width models (cnn_fmnist --model), 100 images per point with --engine mram, then each model's
# accuracy on all 10,000 images from the golden model (the VP's predictions equal it:
# tests/bench/cnn.sh) joined in by sim/sweep/examples/mram_pareto.py, and the CSVs and plots
# copied to OUT_DIR. Run from the repository root after the build.
#   usage: tests/bench/mram_sweep.sh [BUILD_DIR] [OUT_DIR]   (defaults: build docs/results/mram_sweep)
#   JOBS=N: points in parallel (default 2); SWEEP_DIR=DIR: reuse a finished sweep's output in DIR
set -euo pipefail
build=${1:-build}
out=${2:-docs/results/mram_sweep}
spec=sim/sweep/examples/mram_geometry.json
[ -f "$spec" ] || { echo "mram_sweep.sh: run from the repository root ($spec missing)" >&2; exit 2; }
for file in "$build/bin/pimsoc-sweep" "$build/bin/cnn_golden" "$build/data/fmnist_t10k.bin"; do
  [ -f "$file" ] || { echo "mram_sweep.sh: $file missing: build first (cmake --build $build)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sweep=${SWEEP_DIR:-$work/sweep}
[ -n "${SWEEP_DIR:-}" ] || tests/bench/run_spec_sweep.sh "$build" "$spec" "$sweep"
echo "model,accuracy_pct" >"$work/accuracy_10k.csv"
for model in w8a8 w4a4 w2a2 w1a4 w1a2 w1a1; do
  pct=$("$build/bin/cnn_golden" "$build/data/fmnist_t10k.bin" --model "$model" --count 10000 \
        | sed -n 's/^accuracy: .* = \([0-9.]*\) %$/\1/p')
  echo "$model,$pct" >>"$work/accuracy_10k.csv"
done
/usr/bin/python3 sim/sweep/examples/mram_pareto.py "$sweep" "$work/accuracy_10k.csv"
mkdir -p "$out"
cp "$sweep"/{sweep.csv,pareto.csv,sweep.png,pareto_accuracy.csv,accuracy_pareto.png} "$work/accuracy_10k.csv" "$out/"
failed=$(awk -F, 'NR > 1 && $0 ~ /,failed,/' "$sweep/sweep.csv" | wc -l)
echo "mram_sweep.sh: $(($(wc -l <"$sweep/sweep.csv") - 1)) points, $failed failed; results in $out"
[ "$failed" -eq 0 ]
