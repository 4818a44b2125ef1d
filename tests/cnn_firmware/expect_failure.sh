#!/usr/bin/env bash
# expect_failure.sh EXIT_CODE REGEX [--lacks REGEX] [--lines N] -- COMMAND...
# Runs COMMAND and requires its exit code to be EXIT_CODE and its output (stdout and stderr) to
# match the extended regular expression REGEX (with --lacks, not to match the second one; with
# --lines, to have exactly N lines).
set -u
usage="usage: expect_failure.sh EXIT_CODE REGEX [--lacks REGEX] [--lines N] -- COMMAND..."
[ $# -ge 3 ] || { echo "$usage"; exit 2; }
expected=$1 pattern=$2 absent="" lines=""
shift 2
if [ "$1" = "--lacks" ]; then absent=$2; shift 2; fi
if [ "$1" = "--lines" ]; then lines=$2; shift 2; fi
[ "${1:-}" = "--" ] || { echo "$usage"; exit 2; }
shift
output=$("$@" 2>&1)
actual=$?
printf '%s\n' "$output"
status=0
[ "$actual" -eq "$expected" ] || { echo "FAIL: exit code $actual, expected $expected"; status=1; }
grep -qE -- "$pattern" <<<"$output" || { echo "FAIL: output lacks /$pattern/"; status=1; }
if [ -n "$absent" ] && grep -qE -- "$absent" <<<"$output"; then
  echo "FAIL: output has /$absent/"; status=1
fi
if [ -n "$lines" ] && [ "$(grep -c '' <<<"$output")" -ne "$lines" ]; then
  echo "FAIL: $(grep -c '' <<<"$output") lines of output, expected $lines"; status=1
fi
exit $status
