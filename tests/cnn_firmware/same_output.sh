#!/usr/bin/env bash
# same_output.sh -- REFERENCE_COMMAND... -- CANDIDATE_COMMAND...
# Runs two commands and requires byte-identical stdout and the same exit code (e.g. cnn_fmnist's
# default run and a run whose engine arguments must change nothing). Prints the first difference.
set -u
[ "${1:-}" = "--" ] || { echo "usage: same_output.sh -- REFERENCE... -- CANDIDATE..."; exit 2; }
shift
reference=() candidate=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do reference+=("$1"); shift; done
[ "${1:-}" = "--" ] || { echo "same_output.sh: missing the second --"; exit 2; }
shift
candidate=("$@")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"${reference[@]}" >"$dir/reference.out" 2>"$dir/reference.err"
ref_code=$?
"${candidate[@]}" >"$dir/candidate.out" 2>"$dir/candidate.err"
cand_code=$?
status=0
[ $ref_code -eq $cand_code ] || { echo "FAIL: exit codes differ: reference $ref_code, candidate $cand_code"; status=1; }
if ! diff -u "$dir/reference.out" "$dir/candidate.out"; then
  echo "FAIL: stdout differs"; status=1
fi
[ $status -eq 0 ] && echo "same output ($(wc -l <"$dir/reference.out") lines, exit $ref_code)"
exit $status
