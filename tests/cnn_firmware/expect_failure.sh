#!/usr/bin/env bash
# expect_failure.sh EXIT_CODE REGEX [--lines N] -- COMMAND...
# Runs COMMAND and requires its exit code to be EXIT_CODE and its output (stdout and stderr) to
# match the extended regular expression REGEX (and, with --lines, to have exactly N lines).
set -u
expected=$1 pattern=$2 lines=""
shift 2
[ "${1:-}" = "--lines" ] && { lines=$2; shift 2; }
[ "${1:-}" = "--" ] || { echo "usage: expect_failure.sh EXIT_CODE REGEX [--lines N] -- COMMAND..."; exit 2; }
shift
output=$("$@" 2>&1)
actual=$?
printf '%s\n' "$output"
status=0
[ "$actual" -eq "$expected" ] || { echo "FAIL: exit code $actual, expected $expected"; status=1; }
grep -qE -- "$pattern" <<<"$output" || { echo "FAIL: output lacks /$pattern/"; status=1; }
if [ -n "$lines" ] && [ "$(grep -c '' <<<"$output")" -ne "$lines" ]; then
  echo "FAIL: $(grep -c '' <<<"$output") lines of output, expected $lines"; status=1
fi
exit $status
