#!/usr/bin/env bash
# expect_failure.sh EXIT_CODE REGEX -- COMMAND...
# Runs COMMAND and requires its exit code to be EXIT_CODE and its output (stdout and stderr) to
# match the extended regular expression REGEX.
set -u
expected=$1 pattern=$2
[ "${3:-}" = "--" ] || { echo "usage: expect_failure.sh EXIT_CODE REGEX -- COMMAND..."; exit 2; }
shift 3
output=$("$@" 2>&1)
actual=$?
printf '%s\n' "$output"
status=0
[ "$actual" -eq "$expected" ] || { echo "FAIL: exit code $actual, expected $expected"; status=1; }
grep -qE -- "$pattern" <<<"$output" || { echo "FAIL: output lacks /$pattern/"; status=1; }
exit $status
