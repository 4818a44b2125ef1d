#!/usr/bin/env bash
# trace_changes_nothing.sh PIMSOC VCD_TOOL ELF EXIT_CODE [-- PIMSOC_ARGS...]
# Tracing is an observer: with --vcd (every group) the firmware prints the same, exits the same and
# the stats JSON is byte-identical to a run without it. Two traced runs give byte-identical VCDs,
# and the VCD passes the project's reader's checks. Every run must exit EXIT_CODE (the firmware's
# documented code): runs that fail the same way with and without tracing are a failure.
set -u
[ $# -ge 4 ] && [[ $4 =~ ^[0-9]+$ ]] || { echo "usage: trace_changes_nothing.sh PIMSOC VCD_TOOL ELF EXIT_CODE [-- PIMSOC_ARGS...]"; exit 2; }
pimsoc=$1 vcd_tool=$2 elf=$3 expected=$4; shift 4
[ "${1:-}" = "--" ] && shift
extra=("$@")  # last: it may end with `-- FIRMWARE_ARGS`
[ -f "$elf" ] || { echo "FAIL: $elf was not built"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

"$pimsoc" run "$elf" --quiet --stats "$dir/plain.json" "${extra[@]}" >"$dir/plain.out" 2>"$dir/plain.err"
plain_exit=$?
"$pimsoc" run "$elf" --quiet --stats "$dir/a.json" --vcd "$dir/a.vcd" "${extra[@]}" >"$dir/a.out" 2>"$dir/a.err"
a_exit=$?
"$pimsoc" run "$elf" --quiet --vcd "$dir/b.vcd" "${extra[@]}" >/dev/null 2>&1
b_exit=$?

status=0
fail() { echo "FAIL: $*"; status=1; }
[ "$plain_exit" -eq "$expected" ] || fail "exit code $plain_exit without tracing, expected $expected: $(tail -3 "$dir/plain.err")"
[ "$a_exit" -eq "$expected" ] || fail "exit code $a_exit with tracing, expected $expected"
[ "$b_exit" -eq "$expected" ] || fail "exit code $b_exit in the second traced run, expected $expected"
cmp -s "$dir/plain.out" "$dir/a.out" || fail "UART output changes with tracing"
cmp -s "$dir/plain.json" "$dir/a.json" || fail "stats change with tracing: $(diff "$dir/plain.json" "$dir/a.json" | head -5)"
# (the run summary's host time and MIPS vary from run to run)
host_time='s/host [0-9.]* s, [0-9.]* MIPS//'
cmp -s <(sed "$host_time" "$dir/plain.err") <(sed "$host_time" "$dir/a.err") || fail "pimsoc's messages change with tracing: $(diff "$dir/plain.err" "$dir/a.err" | head -5)"
cmp -s "$dir/a.vcd" "$dir/b.vcd" || fail "two traced runs give different VCDs"
"$vcd_tool" check "$dir/a.vcd" || fail "the VCD is not valid"
[ $status -eq 0 ] && echo "ok: same output, exit code $a_exit and stats with and without tracing; $(wc -c <"$dir/a.vcd") VCD bytes"
exit $status
