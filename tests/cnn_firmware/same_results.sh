#!/usr/bin/env bash
# same_results.sh FIRST COUNT -- REFERENCE_COMMAND... -- CANDIDATE_COMMAND...
# Runs two classifiers of images FIRST..FIRST+COUNT-1 (the VP running cnn_fmnist, the host golden
# model cnn_golden, the numpy reference check_export.py) and requires the same result lines
# ("image N: label L predicted P logits ..."), and that there are COUNT of them; when both print
# an accuracy summary (cnn_fmnist, cnn_golden), the same accuracy line and confusion matrix.
# Prints the first difference.
set -u
first=$1 count=$2; shift 2
. "$(dirname "$0")/run_pair.sh"
run_pair same_results.sh "$@"
status=0
require_exit reference "$ref_code" 0
require_exit candidate "$cand_code" 0
grep '^image ' "$dir/reference.out" >"$dir/reference.lines"
grep '^image ' "$dir/candidate.out" >"$dir/candidate.lines"
lines=$(wc -l <"$dir/reference.lines")
[ "$lines" -eq "$count" ] || { echo "FAIL: reference printed $lines result lines, expected $count"; status=1; }
if ! cmp -s "$dir/reference.lines" "$dir/candidate.lines"; then
  echo "FAIL: results differ; first difference (reference, then candidate):"
  diff "$dir/reference.lines" "$dir/candidate.lines" | head -4
  status=1
fi
if grep -q '^accuracy:' "$dir/reference.out" && grep -q '^accuracy:' "$dir/candidate.out"; then
  grep -A12 '^accuracy:' "$dir/reference.out" >"$dir/reference.summary"
  grep -A12 '^accuracy:' "$dir/candidate.out" >"$dir/candidate.summary"
  diff "$dir/reference.summary" "$dir/candidate.summary" || { echo "FAIL: accuracy or confusion matrix differ"; status=1; }
fi
first_line=$(head -1 "$dir/reference.lines")
case $first_line in "image $first:"*) ;; *) echo "FAIL: first result is '$first_line', expected image $first"; status=1 ;; esac
[ $status -eq 0 ] && echo "same results for images $first..$((first + count - 1)) ($count lines)"
exit $status
