#!/usr/bin/env bash
# CPU speed benchmark (not part of the pass/fail suite): runs each CPU-bound firmware workload
# 5 times on the default SoC and prints the median MIPS.
#   usage: tests/bench/mips.sh [BUILD_DIR] [RUNS]
set -euo pipefail
build=${1:-build}
runs=${2:-5}
pimsoc=$build/bin/pimsoc
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
for workload in bench_coremark bench_conv; do
  elf=$build/firmware/bin/$workload.elf
  [ -f "$elf" ] || { echo "$elf missing: build first (cmake --build $build)" >&2; exit 1; }
  figures=()
  for _ in $(seq "$runs"); do
    summary=$("$pimsoc" run "$elf" 2>&1 >/dev/null | grep ' MIPS$')
    figures+=("$(sed -E 's/.* ([0-9]+) instructions.*host ([0-9.]+) s, ([0-9.]+) MIPS$/\3 \1 \2/' <<<"$summary")")
  done
  sorted=$(printf '%s\n' "${figures[@]}" | sort -n)
  median=$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")
  read -r mips instructions seconds <<<"$median"
  printf '%-16s median of %d runs: %7.1f MIPS  (%s instructions in %s s host time)\n' \
    "$workload" "$runs" "$mips" "$instructions" "$seconds"
done
