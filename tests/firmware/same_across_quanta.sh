#!/usr/bin/env bash
# same_across_quanta.sh PIMSOC ELF QUANTUM... [-- PIMSOC_ARGS...]
# Runs the firmware at each global quantum and requires identical UART output and exit codes:
# temporal decoupling may delay when the CPU notices an interrupt (by at most one quantum) but must
# not change which interrupts happen or in what order.
set -u
pimsoc=$1 elf=$2; shift 2
quanta=() extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  quanta+=("$1"); shift
done
[ -f "$elf" ] || { echo "FAIL: $elf was not built"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
status=0 reference=""
for q in "${quanta[@]}"; do
  "$pimsoc" run "$elf" --quantum "$q" --quiet "${extra[@]}" >"$dir/$q.out" 2>"$dir/$q.err"
  echo $? >"$dir/$q.code"
  echo "quantum $q: exit $(cat "$dir/$q.code"), $(wc -l <"$dir/$q.out") lines"
  if [ -z "$reference" ]; then
    reference=$q
  elif ! diff -u "$dir/$reference.out" "$dir/$q.out" || ! diff "$dir/$reference.code" "$dir/$q.code"; then
    echo "FAIL: quantum $q differs from quantum $reference"; status=1
  fi
done
[ "$(cat "$dir/$reference.code")" = 0 ] || { echo "FAIL: exit code $(cat "$dir/$reference.code")"; cat "$dir/$reference.err"; status=1; }
exit $status
