#!/usr/bin/env bash
# ReRAM CNN accuracy on the test set (not part of the pass/fail suite; docs/models/reram.md, "CNN
# accuracy"): cnn_fmnist --engine reram on IMAGES images (default all 10,000) in ideal mode, whose
# logits must equal the host golden model's (cnn_golden) for every image, and with the default
# non-idealities for each seed (sim.seed: one chip each). Writes one CSV row per run to OUT_CSV and
# prints them. Run from the repository root after the build.
#   usage: tests/bench/reram_accuracy.sh [BUILD_DIR] [IMAGES] [OUT_CSV]
#          (defaults: build 10000 docs/results/reram_nonideal/cnn_accuracy_10k.csv)
#   SEEDS="1 2 3": the non-ideal runs; JOBS=N: runs at once (default 1; each is one process)
set -euo pipefail
build=${1:-build}
images=${2:-10000}
out=${3:-docs/results/reram_nonideal/cnn_accuracy_10k.csv}
seeds=${SEEDS:-1 2 3}
jobs=${JOBS:-1}
pimsoc=$build/bin/pimsoc golden=$build/bin/cnn_golden
elf=$build/firmware/bin/cnn_fmnist.elf blob=$build/data/fmnist_t10k.bin
for file in "$pimsoc" "$golden" "$elf" "$blob"; do
  [ -f "$file" ] || { echo "reram_accuracy.sh: $file missing: build first (cmake --build $build)" >&2; exit 2; }
done
[[ "$images" =~ ^[1-9][0-9]*$ ]] || { echo "reram_accuracy.sh: IMAGES '$images' is not a positive integer" >&2; exit 2; }
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "reram_accuracy.sh: JOBS '$jobs' is not a positive integer" >&2; exit 2; }
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# run NAME [--set key=value ...]: one VP run of IMAGES images; stdout in $dir/NAME.out
run() {
  local name=$1
  shift
  "$pimsoc" run "$elf" --image "$blob@0x60000000" "$@" -- --images "$images" --engine reram --print logits \
    >"$dir/$name.out" 2>"$dir/$name.err" \
    || { echo "reram_accuracy.sh: run $name failed:" >&2; tail -5 "$dir/$name.err" >&2; return 1; }
}

run ideal --set reram.ideal=true &
for seed in $seeds; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  run "seed$seed" --set "sim.seed=$seed" &
done
failed=0
for pid in $(jobs -p); do wait "$pid" || failed=1; done
[ "$failed" -eq 0 ] || exit 1

"$golden" "$blob" --count "$images" --logits >"$dir/golden.out"
if cmp -s <(grep '^image ' "$dir/ideal.out") <(grep '^image ' "$dir/golden.out") \
   && [ "$(grep -c '^image ' "$dir/ideal.out")" -eq "$images" ]; then
  logits=equal
else
  logits=DIFFER
fi

# row CONFIGURATION SET SEED NAME LOGITS: the CSV row of run NAME
row() {
  local acc per reram
  acc=$(sed -n 's/^accuracy: \([0-9]*\) \/ \([0-9]*\) = \([0-9.]*\) %$/\2,\1,\3/p' "$dir/$4.out")
  per=$(sed -n 's/^per inference: [0-9]* cycles, [0-9]* instructions, \([0-9.]*\) us simulated$/\1/p' "$dir/$4.out")
  reram=$(sed -n 's/^reram per inference: .* \([0-9.]*\) pJ$/\1/p' "$dir/$4.out")
  [ -n "$acc" ] && [ -n "$per" ] && [ -n "$reram" ] \
    || { echo "reram_accuracy.sh: run $4: accuracy or per-inference line missing" >&2; exit 1; }
  echo "$1,$2,$3,0,$acc,$per,$reram,$5"
}
{
  echo "configuration,set,seed,first_image,images,correct,accuracy_pct,latency_per_inference_us,reram_energy_pj_per_inference,logits_vs_golden"
  row ideal reram.ideal=true "" ideal "$logits"
  for seed in $seeds; do row default "" "$seed" "seed$seed" -; done
} >"$dir/result.csv"
mkdir -p "$(dirname "$out")"
cp "$dir/result.csv" "$out"
cat "$out"
awk -F, 'NR > 2 { s += $7; n++ } END { if (n) printf "default non-idealities: mean %.2f %% over %d seeds\n", s / n, n }' "$out"
[ "$logits" = equal ] || { echo "reram_accuracy.sh: ideal-mode logits DIFFER from the golden model's" >&2; exit 1; }
