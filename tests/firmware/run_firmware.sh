#!/usr/bin/env bash
# run_firmware.sh PIMSOC ELF EXPECTED_EXIT [--stdout-equals FILE] [--stdout-matches REGEX]...
#                 [--stderr-matches REGEX]... [--stderr-lacks REGEX]... [-- PIMSOC_ARGS...]
# Runs firmware on the SoC; the verdict is its exit code and, where given, its UART output.
set -u
pimsoc=$1 elf=$2 expected_exit=$3; shift 3
equals="" patterns=() err_patterns=() err_absent=() extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --stdout-equals) equals=$2; shift 2 ;;
    --stdout-matches) patterns+=("$2"); shift 2 ;;
    --stderr-matches) err_patterns+=("$2"); shift 2 ;;
    --stderr-lacks) err_absent+=("$2"); shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "run_firmware.sh: unknown argument $1"; exit 2 ;;
  esac
done
[ -f "$elf" ] || { echo "FAIL: $elf was not built"; exit 1; }
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
"$pimsoc" run "$elf" "${extra[@]}" >"$out" 2>"$err"
actual=$?
cat "$out"; cat "$err" >&2
status=0
if [ "$actual" -ne "$expected_exit" ]; then
  echo "FAIL: exit code $actual, expected $expected_exit"; status=1
fi
if [ -n "$equals" ] && ! diff -u "$equals" "$out"; then
  echo "FAIL: UART output differs from $equals"; status=1
fi
for pattern in "${patterns[@]}"; do
  grep -qE -- "$pattern" "$out" || { echo "FAIL: UART output lacks /$pattern/"; status=1; }
done
for pattern in "${err_patterns[@]}"; do
  grep -qE -- "$pattern" "$err" || { echo "FAIL: stderr lacks /$pattern/"; status=1; }
done
for pattern in "${err_absent[@]}"; do
  ! grep -qE -- "$pattern" "$err" || { echo "FAIL: stderr has /$pattern/"; status=1; }
done
exit $status
