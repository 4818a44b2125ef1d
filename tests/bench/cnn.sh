#!/usr/bin/env bash
# CNN benchmark (not part of the pass/fail suite): classifies the whole Fashion-MNIST test set
# (10,000 images) with cnn_fmnist on the VP (CPU engine), prints host seconds, images per second,
# the accuracy and the simulated latency per inference, and checks every prediction against the
# host golden model (cnn_golden). Arguments after IMAGES go to the firmware (cnn_fmnist's options),
# e.g. the racetrack-memory engine: tests/bench/cnn.sh build 10000 --engine rtm [--mover dma], or the
# SOT-MRAM engine on a low-bit model: tests/bench/cnn.sh build 10000 --engine mram --model w1a1 (the
# golden model runs the same --model).
#   usage: tests/bench/cnn.sh [BUILD_DIR] [IMAGES] [CNN_FMNIST_OPTIONS...]
set -euo pipefail
build=${1:-build}
images=${2:-10000}
shift $(( $# < 2 ? $# : 2 ))
extra=("$@")
engine="CPU engine"
[ ${#extra[@]} -eq 0 ] || engine="cnn_fmnist ${extra[*]}"
model=w8a8 # the golden model must run the network the firmware runs
for ((i = 0; i + 1 < ${#extra[@]}; i++)); do
  [ "${extra[i]}" != --model ] || model=${extra[i + 1]}
done
pimsoc=$build/bin/pimsoc golden=$build/bin/cnn_golden
elf=$build/firmware/bin/cnn_fmnist.elf blob=$build/data/fmnist_t10k.bin
for file in "$pimsoc" "$golden" "$elf" "$blob"; do
  [ -f "$file" ] || { echo "$file missing: build first (cmake --build $build)" >&2; exit 1; }
done
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

start=$(date +%s.%N)
"$pimsoc" run "$elf" --image "$blob@0x60000000" -- --images "$images" --print predictions \
  ${extra[@]+"${extra[@]}"} >"$dir/vp.out" 2>"$dir/vp.err" \
  || { echo "pimsoc failed:" >&2; tail -5 "$dir/vp.out" "$dir/vp.err" >&2; exit 1; }
end=$(date +%s.%N)
"$golden" "$blob" --model "$model" --count "$images" --predictions >"$dir/golden.out"

awk -v n="$images" -v s="$start" -v e="$end" -v engine="$engine" \
  'BEGIN { printf "VP, %s: %d images in %.1f s host time = %.1f images/s\n", engine, n, e - s, n / (e - s) }'
grep -E '^(accuracy|per inference|rtm per inference|mram per inference):' "$dir/vp.out" | sed 's/^/  VP     /'
grep -E '^accuracy:' "$dir/golden.out" | sed 's/^/  golden /'
grep ' MIPS$' "$dir/vp.err" | sed 's/^/  /' || true
if cmp -s <(grep '^image ' "$dir/vp.out") <(grep '^image ' "$dir/golden.out") \
   && [ "$(grep -c '^image ' "$dir/vp.out")" -eq "$images" ]; then
  echo "  predictions: all $images equal the host golden model's"
else
  echo "  predictions: DIFFER from the host golden model's" >&2
  exit 1
fi
