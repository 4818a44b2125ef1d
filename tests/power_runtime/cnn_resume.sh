#!/usr/bin/env bash
# cnn_resume.sh PIMSOC ELF BLOB IMAGES ENGINE GRANULARITY MTBF MIN_FAILURES [PIMSOC_OPTION...]
# cnn_fmnist --checkpoint GRANULARITY on ENGINE through random power failures (mean time between
# them MTBF, seeded by the default sim.seed) must print exactly what the same run without failures
# prints (predictions, logits, tally, the checkpoint line), and its per-image lines must be those of
# the app without --checkpoint; the run must have seen at least MIN_FAILURES failures. Options after
# MIN_FAILURES go to every pimsoc run (e.g. --set reram.ideal=true: the non-ideal ReRAM's read noise
# draws differ when a failure repeats a layer, so only the ideal tiles repeat bit for bit).
set -u
pimsoc=$1 elf=$2 blob=$3 images=$4 engine=$5 granularity=$6 mtbf=$7 min_failures=$8
extra=("${@:9}")
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
app=(--images "$images" --engine "$engine" --print logits)
run() { "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet "${extra[@]}" "$@"; }

run -- "${app[@]}" >"$dir/plain" || { echo "FAIL: the run without --checkpoint failed"; exit 1; }
run -- "${app[@]}" --checkpoint "$granularity" >"$dir/reference" ||
  { echo "FAIL: the run without failures failed"; cat "$dir/reference"; exit 1; }
run --set power.mode=random --set power.mtbf="$mtbf" --max-time 20s --stats "$dir/stats.json" \
  -- "${app[@]}" --checkpoint "$granularity" >"$dir/failures"
rc=$?
status=0
[ "$rc" -eq 0 ] || { echo "FAIL: the run through failures exited $rc"; status=1; }
if ! diff -u "$dir/reference" "$dir/failures"; then
  echo "FAIL: the output through failures differs from the output without"; status=1
fi
if ! diff <(grep '^image ' "$dir/plain") <(grep '^image ' "$dir/reference") >/dev/null; then
  echo "FAIL: --checkpoint $granularity changes the per-image lines"; status=1
fi
failures=$(grep -o '"failures": *[0-9]*' "$dir/stats.json" | grep -o '[0-9]*$')
echo "$engine --checkpoint $granularity, mtbf $mtbf: ${failures:-?} failures"
if [ -z "$failures" ] || [ "$failures" -lt "$min_failures" ]; then
  echo "FAIL: ${failures:-no} failures, expected at least $min_failures"; status=1
fi
exit $status
