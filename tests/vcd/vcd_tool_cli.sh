#!/usr/bin/env bash
# vcd_tool on good, bad and unreadable files: each case's exit code and a line of its output.
# Exit 2 (bad usage, unreadable or malformed input) must come with exactly one line on stderr.
set -u
tool=$1 data=$2
cd "$data" || exit 1  # so that messages name the files as given here
failures=0
errfile=$(mktemp) && trap 'rm -f "$errfile"' EXIT

expect() {  # expect EXIT_CODE OUTPUT_PATTERN ARGS...; the pattern is matched against stdout and stderr
  local code=$1 pattern=$2; shift 2
  local out err actual
  out=$("$tool" "$@" 2>"$errfile"); actual=$?
  err=$(cat "$errfile")
  if [ "$actual" -ne "$code" ] || ! printf '%s\n%s' "$out" "$err" | grep -qE -- "$pattern"; then
    echo "FAIL vcd_tool $*: exit $actual (want $code), stdout: $out, stderr: $err"; failures=$((failures + 1))
  elif [ "$code" -eq 2 ] && [ "$(printf '%s\n' "$err" | grep -c .)" -ne 1 ]; then
    echo "FAIL vcd_tool $*: want one stderr line, got: $err"; failures=$((failures + 1))
  else
    echo "ok   vcd_tool $*: exit $actual: ${out%%$'\n'*}${err%%$'\n'*}"
  fi
}

expect 0 '^simulator.vcd: ok \(3 signals, 6 value changes, last time 20000 ps\)$' check simulator.vcd
expect 0 '^fst2vcd.vcd: ok \(3 signals, 9 value changes, last time 15000 ps\)$' \
  check fst2vcd.vcd simulator.vcd
expect 1 '^bad.vcd:11: time 100 is before the previous time 200$' check bad.vcd
expect 1 '^bad.vcd:12: vector value .b10101. is wider than the declared width 4 of soc.count$' \
  check bad.vcd
expect 1 "^bad.vcd:13: value change for undeclared identifier '%'$" check bad.vcd
expect 1 '^simulator.vcd: ok' check simulator.vcd bad.vcd
expect 1 '^truncated.vcd: missing \$enddefinitions$' check truncated.vcd
expect 2 '^missing.vcd: cannot open file$' check missing.vcd
expect 2 '^simulator.vcd: ok' check simulator.vcd missing.vcd

expect 0 '^same: 3 signals, 6 value changes$' compare simulator.vcd simulator_rewritten.vcd
expect 1 '^first difference at 20000 ps: soc.cpu.sleeping: expected 1, actual \(no change\); actual still 0$' \
  compare simulator.vcd simulator_late.vcd
expect 1 '^differing signals: 1 of 3$' compare simulator.vcd simulator_late.vcd
expect 2 '^bad.vcd:11: time 100 is before the previous time 200$' compare simulator.vcd bad.vcd
expect 2 '^truncated.vcd: missing \$enddefinitions$' compare truncated.vcd simulator.vcd
expect 2 '^missing.vcd: cannot open file$' compare missing.vcd simulator.vcd
expect 2 'compare: expected two files' compare simulator.vcd

expect 0 '^soc.cpu.pc 32 2$' signals simulator.vcd
expect 0 '^top.uart0.tx_data 8 2$' signals fst2vcd.vcd
expect 2 'signals: expected one file' signals

expect 0 '^usage: vcd_tool check FILE' --help
expect 0 '^usage: vcd_tool check FILE' compare --help
expect 2 "^vcd_tool: no command given \(try 'vcd_tool --help'\)$"
expect 2 "^vcd_tool: unknown command 'diff' \(expected check, compare or signals\)$" diff a.vcd b.vcd
expect 2 "^vcd_tool: unknown option '--fast' \(try 'vcd_tool --help'\)$" check --fast simulator.vcd
expect 2 "^vcd_tool: unknown option '-v'" -v

if [ "$failures" -ne 0 ]; then
  echo "$failures case(s) failed"; exit 1
fi
