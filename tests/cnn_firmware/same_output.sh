#!/usr/bin/env bash
# same_output.sh -- REFERENCE_COMMAND... -- CANDIDATE_COMMAND...
# Runs two commands and requires byte-identical stdout and the same exit code (e.g. cnn_fmnist's
# default run and a run whose engine arguments must change nothing). Prints the first difference.
set -u
. "$(dirname "$0")/run_pair.sh"
run_pair same_output.sh "$@"
status=0
[ $ref_code -eq $cand_code ] || { echo "FAIL: exit codes differ: reference $ref_code, candidate $cand_code"; status=1; }
if ! diff -u "$dir/reference.out" "$dir/candidate.out"; then
  echo "FAIL: stdout differs"; status=1
fi
[ $status -eq 0 ] && echo "same output ($(wc -l <"$dir/reference.out") lines, exit $ref_code)"
exit $status
