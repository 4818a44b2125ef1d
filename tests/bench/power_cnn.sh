#!/usr/bin/env bash
# power_cnn.sh [IMAGES] [FAILURES] [SEED]: the power-intermittency "Done when" run (docs/power.md),
# not a ctest (minutes). For each engine (cpu, rtm, mram): cnn_fmnist --checkpoint through FAILURES
# power failures (default 1000) at times drawn from a seeded exponential (python's random.Random(SEED),
# mean MTBF per engine (cpu 10 ms, rtm and mram 3 ms: short enough that all FAILURES land before the
# checkpointed run ends), each after the last failure's 1 ms off), starting at 100 ms, after the
# accelerators' first weight write (about 60 ms; docs/power.md "Limits"); given to the VP as
# power.mode=times. Checks: exit 0, predictions and logits identical to the failure-free run, the
# results' checksum in non-volatile memory ("results checksum ok"), and the VP's failure count;
# then the naive mode (--checkpoint none) under the same failures continued (5 x FAILURES from the
# same draws, so they do not stop before it could finish), which must not finish in twice the
# checkpointed run's time.
# Prints one row per run: engine, granularity, failures, simulated s, checkpoint nJ, lost nJ.
# Run from the repository root after a build: tests/bench/power_cnn.sh 200 1000
set -u
images=${1:-200} failures=${2:-1000} seed=${3:-1}
root=$(cd "$(dirname "$0")/../.." && pwd)
pimsoc=$root/build/bin/pimsoc elf=$root/build/firmware/bin/cnn_fmnist.elf blob=$root/build/data/fmnist_t10k.bin
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
status=0
times_for() { # MTBF_MS COUNT -> the comma-separated failure times
  python3 -c "import random,sys
r=random.Random($seed); t=100.0; out=[]
for _ in range($2):
    t+=r.expovariate(1.0/$1); out.append('%.6fms'%t); t+=1.0
print(','.join(out))"
}
json() { grep -o "\"$2\": *[0-9.]*" "$1" | head -1 | grep -o '[0-9.]*$'; }
printf "%-5s %-11s %9s %12s %16s %14s\n" engine granularity failures simulated_s checkpoint_nJ lost_nJ
for row in "cpu tile 10" "rtm layer 3" "mram layer 3"; do
  set -- $row; engine=$1 gran=$2 mtbf=$3
  app=(--images "$images" --engine "$engine" --print logits)
  "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet -- "${app[@]}" --checkpoint "$gran" >"$dir/ref" ||
    { echo "FAIL: $engine without failures"; status=1; continue; }
  times=$(times_for "$mtbf" "$failures")
  "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet --set power.mode=times --set power.times="$times" \
    --stats "$dir/s.json" -- "${app[@]}" --checkpoint "$gran" >"$dir/out"
  rc=$?
  sim=$(json "$dir/s.json" elapsed_ns); n=$(json "$dir/s.json" failures)
  printf "%-5s %-11s %9s %12s %16s %14s\n" "$engine" "$gran" "$n" "$(awk "BEGIN{print ${sim:-0}/1e9}")" \
    "$(awk "BEGIN{print $(json "$dir/s.json" checkpoint_energy_pj)/1000}")" \
    "$(awk "BEGIN{print $(json "$dir/s.json" lost_energy_pj)/1000}")"
  [ "$rc" -eq 0 ] || { echo "FAIL: $engine exited $rc"; status=1; }
  cmp -s "$dir/ref" "$dir/out" || { echo "FAIL: $engine output differs"; diff "$dir/ref" "$dir/out" | head; status=1; }
  grep -q "results checksum ok" "$dir/out" || { echo "FAIL: $engine results checksum"; status=1; }
  [ "${n:-0}" -eq "$failures" ] || { echo "FAIL: $engine saw ${n:-0} failures, not $failures"; status=1; }
  "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet --set power.mode=times \
    --set power.times="$(times_for "$mtbf" $((5 * failures)))" --max-time "$(awk "BEGIN{print int(2 * ${sim:-0}/1e6)}")ms" \
    -- "${app[@]}" --checkpoint none >/dev/null 2>&1
  rc=$?
  echo "$engine naive (--checkpoint none), the same failures continued, twice the time: exit $rc (124: not finished)"
  [ "$rc" -eq 124 ] || { echo "FAIL: the naive run exited $rc"; status=1; }
done
exit $status
