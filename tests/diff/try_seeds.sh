#!/usr/bin/env bash
# try_seeds.sh BUILD SEED... | try_seeds.sh BUILD --range FIRST COUNT
# Builds generated differential programs for more seeds than the ctest suite has (in BUILD's
# firmware build directory, cache variable PIMSOC_DIFF_EXTRA_SEEDS) and compares each on QEMU and
# pimsoc with run_diff.sh. Prints one line per seed and the failing ones' diffs; exits 1 if any
# differs. Sources: BUILD/firmware/diff/gen/diff_gen_<seed>.S, disassembly: BUILD/firmware/bin/*.dis.
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: try_seeds.sh BUILD SEED... | try_seeds.sh BUILD --range FIRST COUNT"; exit 2; }
build=$(cd "$1" && pwd); shift
seeds=()
if [ "$1" = --range ]; then
  for ((s = $2; s < $2 + $3; s++)); do seeds+=("$s"); done
else
  seeds=("$@")
fi
[ -d "$build/firmware" ] || { echo "no firmware build in $build: build the project first"; exit 2; }
list=$(IFS=';'; echo "${seeds[*]}")
cmake -DPIMSOC_DIFF_EXTRA_SEEDS="$list" "$build/firmware" >/dev/null || exit 2
cmake --build "$build/firmware" -j"$(nproc)" >"$build/firmware/try_seeds.log" 2>&1
built=$?
# back to the suite's programs only, so later builds do not keep building these
cmake -DPIMSOC_DIFF_EXTRA_SEEDS= "$build/firmware" >/dev/null
[ $built -eq 0 ] || { tail -30 "$build/firmware/try_seeds.log"; exit 2; }
failed=()
for s in "${seeds[@]}"; do
  if [ ${#s} -lt 3 ]; then n=$(printf '%03d' "$s"); else n=$s; fi
  if out=$(bash "$here/run_diff.sh" "$build/bin/pimsoc" "$build/firmware/bin/diff_gen_$n.elf"); then
    echo "seed $s: $out"
  else
    echo "seed $s: DIFFERS"; echo "$out"; failed+=("$s")
  fi
done
echo "${#seeds[@]} seeds, ${#failed[@]} differ${failed:+: ${failed[*]}}"
[ ${#failed[@]} -eq 0 ]
