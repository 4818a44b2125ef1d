#!/usr/bin/env bash
# The time model against the pipeline simulator (issue 16 part 4; docs/allocation.md,
# "Validation"; the paper's Table 4): for LeNet-5 (144 crossbars), AlexNet and VGG-A (2304), with
# and without bandwidth limits, the optimal allocation and COUNT random allocations (seed SEED)
# through `pimsoc-alloc --validate`; one CSV per case (a row per allocation, index 0 = the
# optimum) and summary.csv in OUT_DIR. Deterministic: the same build and seed give the same files.
# Not part of the pass/fail suite (about a minute). Run from the repository root after the build.
#   usage: tests/bench/alloc_validate.sh [BUILD_DIR] [OUT_DIR]   (defaults: build docs/results/alloc_validation)
#   COUNT=N (default 1000), SEED=S (default 1)
set -euo pipefail
build=${1:-build}
out=${2:-docs/results/alloc_validation}
alloc=$build/bin/pimsoc-alloc
[ -x "$alloc" ] || { echo "alloc_validate.sh: $alloc missing: build first (cmake --build $build --target pimsoc-alloc)" >&2; exit 2; }
count=${COUNT:-1000} seed=${SEED:-1}
mkdir -p "$out"
summary=$out/summary.csv
echo "network,crossbars,bandwidth,random_allocations,seed,optimum_R,optimum_model_us,optimum_simulated_us,optimum_error_pct,mean_abs_error_pct,max_abs_error_pct,signed_mean_error_pct,within_1pct,accuracy_pct" >"$summary"
for case in "lenet5 144" "alexnet 2304" "vgg-a 2304"; do
  read -r net crossbars <<<"$case"
  for mode in no-bandwidth bandwidth; do
    csv=$out/${net}_${mode}.csv
    json=$("$alloc" "$net" --crossbars "$crossbars" "--$mode" --validate "$count" --seed "$seed" --csv "$csv" --json)
    python3 - "$net" "$crossbars" "$mode" "$seed" "$json" >>"$summary" <<'PY'
import json, sys
net, crossbars, mode, seed, text = sys.argv[1:]
r = json.loads(text)
s, v = r["simulated"], r["validation"]
pct = lambda x: f"{100 * x:.2f}"
print(",".join([net, crossbars, mode, str(v["count"]), seed, " ".join(map(str, r["R"])),
                f"{s['model_time_us']:.3f}", f"{s['time_us']:.3f}", pct(s["error"]),
                pct(v["mean_abs_error"]), pct(v["max_abs_error"]), pct(v["mean_error"]),
                str(v["within_1pct"]), pct(1 - v["mean_abs_error"])]))
PY
    echo "alloc_validate.sh: $net $mode done" >&2
  done
done
column -s, -t "$summary"
