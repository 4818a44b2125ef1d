#!/usr/bin/env bash
# The ReRAM non-ideality sweeps (not part of the pass/fail suite; docs/models/reram.md, "Sweeps"):
# sim/sweep/examples/reram_{variation,stuck_on,stuck_off,adc_bits,cell_bits}.json, each point the
# CNN (cnn_fmnist --engine reram) over the first 1,000 test images for seeds 1, 2, 3; then per spec
# the mean and spread over the seeds (sim/sweep/examples/reram_accuracy_summary.py), an ideal-mode
# run over the same images as the reference, and the plot of all of them
# (sim/sweep/examples/reram_accuracy_plot.py). Each spec varies one parameter of the default
# non-ideal set with the others at their defaults, except that the stuck-at rates are 0 in every
# sweep but the stuck-at ones (each of those sets the other rate to 0), and the cell-bits sweep
# runs on 4 tiles (1-bit cells need them). The baseline, the defaults without stuck-at faults, is
# the variation sweep's point at the default sigma; the ADC and stuck-at sweeps leave out the
# points that equal it (8-bit ADC, no stuck-at faults) and the plot draws it in their panels at the
# default value. Copies each sweep.csv, summary and the plot to OUT_DIR. Run from the repository
# root after the build.
#   usage: tests/bench/reram_sweeps.sh [BUILD_DIR] [OUT_DIR]   (defaults: build docs/results/reram_nonideal)
#   JOBS=N: points in parallel (default 2); SPECS="variation adc_bits": run and plot only these
#   sweeps (no baseline without variation); SWEEP_WORK=DIR: keep the sweeps' raw output in
#   DIR/NAME and reuse a finished one (DIR/NAME/sweep.csv present) instead of running it again
set -euo pipefail
build=${1:-build}
out=${2:-docs/results/reram_nonideal}
specs=${SPECS:-variation stuck_on stuck_off adc_bits cell_bits}
examples=sim/sweep/examples
[ -f "$examples/reram_accuracy_summary.py" ] \
  || { echo "reram_sweeps.sh: run from the repository root ($examples missing)" >&2; exit 2; }
for name in $specs; do
  [ -f "$examples/reram_$name.json" ] || { echo "reram_sweeps.sh: no sweep '$name' ($examples/reram_$name.json)" >&2; exit 2; }
done
for file in "$build/bin/pimsoc-sweep" "$build/bin/pimsoc" "$build/firmware/bin/cnn_fmnist.elf" "$build/data/fmnist_t10k.bin"; do
  [ -f "$file" ] || { echo "reram_sweeps.sh: $file missing: build first (cmake --build $build)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
work=${SWEEP_WORK:-$tmp}
mkdir -p "$work" "$out"
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

# The specs' paths are build/...: a build directory elsewhere is reached through a link.
root=$(pwd) bin=$(realpath "$build/bin")
run_in=$root
[ "$build" = build ] || { ln -s "$(realpath "$build")" "$tmp/build"; run_in=$tmp; }

# The reference: ideal mode (exact, the golden model's predictions) over the sweeps' images.
images=$(/usr/bin/python3 -c 'import json, sys; a = json.load(open(sys.argv[1]))["firmware_args"]; print(a[a.index("--images") + 1])' \
         "$examples/reram_variation.json")
ideal=$("$build/bin/pimsoc" run "$build/firmware/bin/cnn_fmnist.elf" --image "$build/data/fmnist_t10k.bin@0x60000000" \
        --set reram.ideal=true -- --images "$images" --engine reram 2>"$tmp/ideal.err" \
        | sed -n 's/^accuracy: .* = \([0-9.]*\) %$/\1/p')
[ -n "$ideal" ] || { echo "reram_sweeps.sh: the ideal-mode run printed no accuracy:" >&2; tail -5 "$tmp/ideal.err" >&2; exit 1; }
echo "reram_sweeps.sh: ideal mode, first $images images: $ideal %"

failed=0
plot_args=()
for name in $specs; do
  sweep=$work/$name
  if [ ! -f "$sweep/sweep.csv" ]; then
    rm -rf "$sweep"
    # Exit 1 (some point failed) still writes the CSV; failed points are counted below.
    (cd "$run_in" && "$bin/pimsoc-sweep" "$root/$examples/reram_$name.json" --jobs "${JOBS:-2}" --out "$sweep" --quiet) \
      || [ $? -eq 1 ]
  fi
  /usr/bin/python3 "$examples/reram_accuracy_summary.py" "$sweep/sweep.csv" >"$out/${name}_summary.csv"
  cp "$sweep/sweep.csv" "$out/${name}_sweep.csv"
  bad=$(awk -F, 'NR > 1 && $0 ~ /,failed,/' "$sweep/sweep.csv" | wc -l)
  echo "reram_sweeps.sh: $name: $(($(wc -l <"$sweep/sweep.csv") - 1)) points, $bad failed"
  failed=$((failed + bad))
  plot_args+=("$name=$out/${name}_summary.csv")
done
# default VALUE of parameter KEY, from pimsoc config --dump ("reram.cell_bits = 2 [bits] (...")
default() { "$build/bin/pimsoc" config --dump | sed -n "s/^$1 = \([0-9.e+-]*\) .*/\1/p"; }
baseline=()
if [[ " $specs " == *" variation "* ]]; then
  baseline=(--baseline-from "variation:reram.programming_sigma=$(default reram.programming_sigma)"
            --baseline-at "reram.adc_bits=$(default reram.adc_bits)"
            --baseline-at reram.stuck_on_rate=0 --baseline-at reram.stuck_off_rate=0)
fi
/usr/bin/python3 "$examples/reram_accuracy_plot.py" --ideal "$ideal" --images "$images" ${baseline[@]+"${baseline[@]}"} \
  --out "$out/sweeps.png" "${plot_args[@]}"
echo "reram_sweeps.sh: results in $out"
[ "$failed" -eq 0 ]
