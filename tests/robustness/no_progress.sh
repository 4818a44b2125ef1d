#!/usr/bin/env bash
# A guest that makes no progress is stopped and reported as a trap loop (exit 3), whatever the
# limits: real firmware whose main memory is read-only faults on its first store, and the trap
# handler's first store faults again.
set -u
pimsoc=$1 elf=$2
failures=0
check() {  # check DESCRIPTION [extra args]
  local what=$1; shift
  local err code
  err=$(timeout 60 "$pimsoc" run "$elf" --quiet --set mem.main.writable=0 "$@" 2>&1 >/dev/null); code=$?
  if [ "$code" -ne 3 ] || ! printf '%s' "$err" | grep -qE "trap loop at the trap vector 0x[0-9a-f]{8}: the guest makes no progress"; then
    echo "FAIL $what: exit $code (want 3): $err"; failures=$((failures + 1))
  else
    echo "ok   $what: $(printf '%s' "$err" | grep -m1 "trap loop")"
  fi
}
check "no limit"
check "instruction limit" --max-instructions 100000000
check "time limit" --max-time 100s
[ "$failures" -eq 0 ]
