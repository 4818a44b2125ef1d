#!/usr/bin/env bash
# golden_trace.sh SRC FIRMWARE_BIN PIMSOC VCD_TOOL CASE [--expect-difference] [-- PIMSOC_ARGS...]
# Reruns a golden-trace case (cases.txt), checks the VCD it writes and compares it signal by signal
# with traces/golden/CASE.vcd, printing the first difference. --expect-difference inverts the
# verdict: the extra arguments (e.g. a timing parameter changed by one cycle) must change the trace.
set -u
src=$1 bin=$2 pimsoc=$3 vcd_tool=$4 name=$5; shift 5
expect_difference=0 extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --expect-difference) expect_difference=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "golden_trace.sh: unknown argument $1"; exit 2 ;;
  esac
done
. "$(dirname "$0")/trace_case.sh"
golden=$src/traces/golden/$name.vcd
[ -f "$golden" ] || { echo "FAIL: no golden trace $golden (tests/golden_trace/regenerate.sh makes it)"; exit 1; }
out=$(mktemp --suffix=.vcd)
trap 'rm -f "$out" "$out.log"' EXIT
run_case "$src" "$bin" "$pimsoc" "$name" "$out" "${extra[@]}"
[ "$case_status" -eq 0 ] || exit 1
"$vcd_tool" check "$out" || { echo "FAIL: $name: the VCD is not valid"; exit 1; }
report=$("$vcd_tool" compare "$golden" "$out")
compared=$?
printf '%s\n' "$report"
if [ "$expect_difference" -eq 1 ]; then
  if [ "$compared" -eq 1 ] && printf '%s' "$report" | grep -qE '^first difference at [0-9]+ ps: soc\.'; then
    echo "ok: the change shows in the trace"; exit 0
  fi
  echo "FAIL: $name: expected the trace to differ from $golden (compare exit $compared)"; exit 1
fi
[ "$compared" -eq 0 ] || { echo "FAIL: $name: the trace differs from $golden (regenerate on purpose with tests/golden_trace/regenerate.sh)"; exit 1; }
