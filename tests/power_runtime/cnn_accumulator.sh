#!/usr/bin/env bash
# cnn_accumulator.sh PIMSOC ELF BLOB IMAGES CUTS: cnn_fmnist on the MRAM engine with
# mram.nv_partial_state=true through CUTS power failures that each fall inside an MRAM command
# (docs/power.md "The CNN app through failures"): the commands are a small part of the run's time,
# so random failures seldom hit one. The failure times are found one at a time: run with the
# failures so far (power.mode=times) and the MRAM's debug log, then put the next one at 30..70 % of
# the first command that starts after the last failure. Then, under those failures,
# --checkpoint accumulator and --checkpoint layer must both print exactly what the failure-free run
# prints; from the stats (`mram` events): accumulator RESUMEd every cut command (nv_restore = CUTS)
# and redid no array step (step, against the failure-free run's), layer redid some.
set -u
pimsoc=$1 elf=$2 blob=$3 images=$4 cuts=$5
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
app=(--images "$images" --engine mram --print logits)
run() { "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet --set mram.nv_partial_state=true "$@"; }
mram_event() { # STATS EVENT -> its count in the mram component
  python3 -c "import json,sys
run=json.load(open(sys.argv[1]))['run']
print(sum(e['count'] for c in run['components'] if c['name']=='mram' for e in c['events'] if e['name']==sys.argv[2]))" "$1" "$2"
}
times="" after=0
for ((k = 0; k < cuts; k++)); do
  power=(); [ -n "$times" ] && power=(--set power.mode=times --set power.times="$times")
  run "${power[@]}" --log soc.mram=debug -- "${app[@]}" --checkpoint accumulator >"$dir/log" 2>&1
  t=$(python3 "$here/next_cut.py" "$dir/log" "$after" "0.$((3 + k % 5))") ||
    { echo "FAIL: no MRAM command after ${after} ns"; exit 1; }
  times=${times:+$times,}$t after=${t%ns}
done
echo "failures inside MRAM commands at $times"
status=0
for gran in layer accumulator; do
  run --stats "$dir/ref_$gran.json" -- "${app[@]}" --checkpoint "$gran" >"$dir/ref_$gran" ||
    { echo "FAIL: $gran without failures"; cat "$dir/ref_$gran"; exit 1; }
  run --set power.mode=times --set power.times="$times" --stats "$dir/$gran.json" \
    -- "${app[@]}" --checkpoint "$gran" >"$dir/$gran"
  rc=$?
  [ "$rc" -eq 0 ] || { echo "FAIL: $gran through failures exited $rc"; status=1; }
  diff -u "$dir/ref_$gran" "$dir/$gran" || { echo "FAIL: $gran: the output through failures differs"; status=1; }
  failures=$(grep -o '"failures": *[0-9]*' "$dir/$gran.json" | grep -o '[0-9]*$')
  steps=$(mram_event "$dir/$gran.json" step) ref_steps=$(mram_event "$dir/ref_$gran.json" step)
  resumes=$(mram_event "$dir/$gran.json" nv_restore)
  eval "redone_$gran=$((steps - ref_steps)) resumes_$gran=$resumes"
  echo "--checkpoint $gran: $failures failures, $resumes RESUMEs after a loss, $((steps - ref_steps)) of $ref_steps array steps redone"
done
diff <(grep -v "^checkpoint:" "$dir/ref_layer") <(grep -v "^checkpoint:" "$dir/ref_accumulator") >/dev/null ||
  { echo "FAIL: accumulator and layer print different results"; status=1; }
[ "$resumes_accumulator" -eq "$cuts" ] || { echo "FAIL: $resumes_accumulator RESUMEs, expected $cuts"; status=1; }
[ "$redone_accumulator" -eq 0 ] || { echo "FAIL: accumulator redid $redone_accumulator steps"; status=1; }
[ "$redone_layer" -gt 0 ] || { echo "FAIL: layer redid no step: the failures missed the commands"; status=1; }
exit $status
