#!/usr/bin/env bash
# CPU speed benchmark (not part of the pass/fail suite): runs each CPU-bound firmware workload
# RUNS times on the default SoC and prints the median MIPS, with VCD tracing off, with the cpu and
# bus groups traced, and with every group traced (the VCD goes to a scratch directory).
#   usage: tests/bench/mips.sh [BUILD_DIR] [RUNS] [MODES]
#   MODES: a comma list of off, cpu+bus, all (default all three). PIMSOC=... runs another pimsoc
#   binary on the same firmware (e.g. one built from an older commit, to compare).
# A figure only counts for a correct run: each run must exit 0 and print exactly the workload's
# expected_output.txt (the benchmark checks its own checksum too); otherwise mips.sh prints what
# went wrong, no MIPS line, and exits 1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
runs=${2:-5}
modes=${3:-off,cpu+bus,all}
pimsoc=${PIMSOC:-$build/bin/pimsoc}
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
trace_args() {
  case $1 in
    off) ;;
    cpu+bus) echo "--vcd $scratch/run.vcd --trace cpu,bus" ;;
    all) echo "--vcd $scratch/run.vcd" ;;
    *) echo "mips.sh: unknown mode $1 (off, cpu+bus, all)" >&2; exit 2 ;;
  esac
}
# One run; prints "MIPS INSTRUCTIONS SECONDS" from pimsoc's summary, or refuses a wrong run.
run_once() {
  local workload=$1 elf=$2 expected=$3; shift 3
  local code=0
  "$pimsoc" run "$elf" "$@" >"$scratch/run.out" 2>"$scratch/run.err" || code=$?
  if [ "$code" -ne 0 ] || ! cmp -s "$expected" "$scratch/run.out"; then
    echo "mips.sh: $workload: refusing the run: exit code $code (expected 0), output:" >&2
    sed 's/^/  /' "$scratch/run.out" >&2
    echo "  (expected: $(cat "$expected"))" >&2
    return 1
  fi
  local summary
  summary=$(grep ' MIPS$' "$scratch/run.err") || { echo "mips.sh: $workload: no run summary from $pimsoc" >&2; return 1; }
  sed -E 's/.* ([0-9]+) instructions.*host ([0-9.]+) s, ([0-9.]+) MIPS$/\3 \1 \2/' <<<"$summary"
}
for workload in bench_coremark bench_conv; do
  elf=$build/firmware/bin/$workload.elf
  expected=$here/../../firmware/apps/$workload/expected_output.txt
  [ -f "$elf" ] || { echo "$elf missing: build first (cmake --build $build)" >&2; exit 1; }
  for mode in ${modes//,/ }; do
    args=$(trace_args "$mode")
    figures=()
    for _ in $(seq "$runs"); do
      # shellcheck disable=SC2086
      figure=$(run_once "$workload" "$elf" "$expected" $args) || exit 1
      figures+=("$figure")
    done
    sorted=$(printf '%s\n' "${figures[@]}" | sort -n)
    median=$(sed -n "$(( (runs + 1) / 2 ))p" <<<"$sorted")
    read -r mips instructions seconds <<<"$median"
    vcd=""
    [ "$mode" = off ] || vcd=", VCD $(( $(stat -c %s "$scratch/run.vcd") / 1000000 )) MB"
    printf '%-16s tracing %-8s median of %d runs: %7.1f MIPS  (%s instructions in %s s host time%s)\n' \
      "$workload" "$mode" "$runs" "$mips" "$instructions" "$seconds" "$vcd"
  done
done
