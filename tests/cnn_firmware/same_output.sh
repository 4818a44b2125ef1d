#!/usr/bin/env bash
# same_output.sh EXIT_CODE -- REFERENCE_COMMAND... -- CANDIDATE_COMMAND...
# Runs two commands and requires each to exit EXIT_CODE and both to print byte-identical stdout
# (e.g. cnn_fmnist's default run and a run whose engine arguments must change nothing). Two
# identical failures are a failure. Prints the first difference.
set -u
expected=${1:-}
[[ $expected =~ ^[0-9]+$ ]] || { echo "usage: same_output.sh EXIT_CODE -- REFERENCE... -- CANDIDATE..."; exit 2; }
shift
. "$(dirname "$0")/run_pair.sh"
run_pair same_output.sh "$@"
status=0
require_exit reference "$ref_code" "$expected"
require_exit candidate "$cand_code" "$expected"
if ! diff -u "$dir/reference.out" "$dir/candidate.out"; then
  echo "FAIL: stdout differs"; status=1
fi
[ $status -eq 0 ] && echo "same output ($(wc -l <"$dir/reference.out") lines, exit $expected on both)"
exit $status
