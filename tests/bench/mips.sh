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
# With tracing off it also runs QEMU (PIMSOC_QEMU, default qemu-system-riscv32 -M virt, the
# command of tests/diff/run_diff.sh without -icount) RUNS times on the same ELF, checks its output
# the same way, and prints QEMU's median wall time and pimsoc's median wall time over QEMU's: a
# ratio that holds on a loaded or different machine, where absolute MIPS do not.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
runs=${2:-5}
modes=${3:-off,cpu+bus,all}
pimsoc=${PIMSOC:-$build/bin/pimsoc}
qemu=${PIMSOC_QEMU:-qemu-system-riscv32}
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
now() { date +%s.%N; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.3f", a - b }'; }
# Refuses a run that did not exit 0 with the expected output; WHO: "" (pimsoc) or " QEMU".
check_run() {
  local who=$1 workload=$2 expected=$3 code=$4
  if [ "$code" -ne 0 ] || ! cmp -s "$expected" "$scratch/run.out"; then
    echo "mips.sh: $workload: refusing the$who run: exit code $code (expected 0), output:" >&2
    sed 's/^/  /' "$scratch/run.out" >&2
    echo "  (expected: $(cat "$expected"))" >&2
    return 1
  fi
}
# One run; prints "MIPS INSTRUCTIONS SECONDS WALL_SECONDS" from pimsoc's summary (SECONDS: the
# simulation; WALL_SECONDS: the whole process), or refuses a wrong run.
run_once() {
  local workload=$1 elf=$2 expected=$3; shift 3
  local code=0 start
  start=$(now)
  "$pimsoc" run "$elf" "$@" >"$scratch/run.out" 2>"$scratch/run.err" || code=$?
  local wall
  wall=$(since "$start")
  check_run "" "$workload" "$expected" "$code" || return 1
  local summary
  summary=$(grep ' MIPS$' "$scratch/run.err") || { echo "mips.sh: $workload: no run summary from $pimsoc" >&2; return 1; }
  echo "$(sed -E 's/.* ([0-9]+) instructions.*host ([0-9.]+) s, ([0-9.]+) MIPS$/\3 \1 \2/' <<<"$summary") $wall"
}
# One QEMU run of the same ELF; prints its wall time in seconds, or refuses a wrong run.
qemu_once() {
  local workload=$1 elf=$2 expected=$3
  local code=0 start
  start=$(now)
  "$qemu" -M virt -cpu rv32,f=off,d=off,h=off,s=off -smp 1 -m 128M -bios none -display none -monitor none \
    -serial stdio -kernel "$elf" </dev/null >"$scratch/run.out" 2>"$scratch/run.err" || code=$?
  local wall
  wall=$(since "$start")
  check_run " QEMU" "$workload" "$expected" "$code" || return 1
  echo "$wall"
}
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
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
    read -r mips instructions seconds _ <<<"$(printf '%s\n' "${figures[@]}" | median)"
    vcd=""
    [ "$mode" = off ] || vcd=", VCD $(( $(stat -c %s "$scratch/run.vcd") / 1000000 )) MB"
    printf '%-16s tracing %-8s median of %d runs: %7.1f MIPS  (%s instructions in %s s host time%s)\n' \
      "$workload" "$mode" "$runs" "$mips" "$instructions" "$seconds" "$vcd"
    [ "$mode" = off ] || continue
    if ! command -v "$qemu" >/dev/null 2>&1; then
      echo "mips.sh: $qemu not found: no QEMU comparison (install qemu-system-misc: ./setup.sh)" >&2
      continue
    fi
    pimsoc_wall=$(printf '%s\n' "${figures[@]}" | awk '{print $4}' | median)
    qemu_walls=()
    for _ in $(seq "$runs"); do
      wall=$(qemu_once "$workload" "$elf" "$expected") || exit 1
      qemu_walls+=("$wall")
    done
    qemu_wall=$(printf '%s\n' "${qemu_walls[@]}" | median)
    printf '%-16s QEMU (TCG)       median of %d runs: %.2f s wall time; pimsoc %.2f s wall time = %.2fx QEMU'"'"'s\n' \
      "$workload" "$runs" "$qemu_wall" "$pimsoc_wall" "$(awk -v a="$pimsoc_wall" -v b="$qemu_wall" 'BEGIN { print a / b }')"
  done
done
