#!/usr/bin/env bash
# Runs the MMIO fuzzer firmware twice with one seed: both runs must exit 0 (the fuzzer's own
# verdict) and print byte-identical output. Hitting an instruction or time limit is a failure
# (the fuzzer must end by itself).
set -u
pimsoc=$1 elf=$2 seed=$3 accesses=$4 dir=$5
mkdir -p "$dir"
for run in 1 2; do
  "$pimsoc" run "$elf" --quiet --set sysctl.arg0="$seed" --set sysctl.arg1="$accesses" \
    --max-instructions 200000000 --max-time 10s >"$dir/out$run.txt" 2>"$dir/err$run.txt"
  code=$?
  if [ "$code" -ne 0 ]; then
    echo "FAIL: run $run with seed $seed exited $code"; cat "$dir/out$run.txt"; tail -5 "$dir/err$run.txt"; exit 1
  fi
done
if ! cmp -s "$dir/out1.txt" "$dir/out2.txt"; then
  echo "FAIL: seed $seed: the two runs differ"; diff "$dir/out1.txt" "$dir/out2.txt" | head -20; exit 1
fi
grep -q "^mmio_fuzz: done$" "$dir/out1.txt" || { echo "FAIL: no summary"; cat "$dir/out1.txt"; exit 1; }
cat "$dir/out1.txt"
echo "seed $seed: 2 runs, exit 0, identical output"
