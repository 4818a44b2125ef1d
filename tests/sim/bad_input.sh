#!/usr/bin/env bash
# pimsoc run on each malformed firmware, bad parameter or unreadable file prints exactly one line
# naming the file or key and the problem, and exits 2; the good files run to their exit codes.
set -u
pimsoc=$1 make_test_elfs=$2 dir=$3
mkdir -p "$dir" && "$make_test_elfs" "$dir" || exit 1
failures=0

expect() {  # expect NAME EXIT_CODE STDERR_PATTERN [extra args]; pattern "" = stderr must be empty
  local name=$1 code=$2 pattern=$3; shift 3
  local err actual lines
  err=$("$pimsoc" run "$dir/$name" --quiet "$@" 2>&1 >/dev/null); actual=$?
  lines=$(printf '%s\n' "$err" | grep -c .)
  if [ "$actual" -ne "$code" ] || { [ -n "$pattern" ] && ! printf '%s' "$err" | grep -qE -- "$pattern"; } ||
     { [ -z "$pattern" ] && [ -n "$err" ]; }; then
    echo "FAIL $name: exit $actual (want $code), stderr: $err"; failures=$((failures + 1))
  elif [ "$code" -eq 2 ] && [ "$lines" -ne 1 ]; then
    echo "FAIL $name: $lines stderr lines (want 1): $err"; failures=$((failures + 1))
  else
    echo "ok   $name: exit $actual: ${err%%$'\n'*}"
  fi
}

expect not_elf.elf 2 "not_elf.elf: not an ELF file"
expect truncated.elf 2 "truncated.elf: truncated ELF file"
expect wrong_class.elf 2 "wrong_class.elf: wrong ELF class \(ELF64\)"
expect wrong_machine.elf 2 "wrong_machine.elf: wrong machine 40"
expect outside_memory.elf 2 "outside_memory.elf: segment 1 \[0x50000000, 0x50000010\) lies outside memory"
expect overlapping.elf 2 "overlapping.elf: overlapping segments"
expect missing.elf 2 "missing.elf: cannot open file"
expect pass.elf 2 "unknown parameter 'cpu.no_such_key'" --set cpu.no_such_key=1
expect pass.elf 2 "parameter 'run.quantum_ns'" --set run.quantum_ns=fast
expect pass.elf 2 "--image nothing: expected FILE@ADDRESS" --image nothing
expect . 2 "is a directory, not a file"
expect pass.elf 2 "config error: .*main_memory: size_bytes must not be 0" --set mem.main.size_bytes=0
expect pass.elf 2 "config error: .*uart0: cannot open tx_file '/nonexistent/out.txt'" --set uart0.tx_file=/nonexistent/out.txt
expect pass.elf 2 "config error: /nonexistent.json: cannot open config file" --config /nonexistent.json
expect pass.elf 2 "option --stats: cannot write stats file '/nonexistent/stats.json'" --stats /nonexistent/stats.json
expect pass.elf 2 "option --stats-csv: cannot write stats file '/nonexistent/stats.csv'" --stats-csv /nonexistent/stats.csv
expect pass.elf 2 "option --stats: cannot write stats file '.': " --stats .
expect pass.elf 2 "option --vcd: cannot write VCD file '/nonexistent/run.vcd': No such file or directory" --vcd /nonexistent/run.vcd
expect pass.elf 2 "option --vcd: cannot write VCD file '.': " --vcd .
expect pass.elf 2 "option --trace: unknown trace group 'gpu' \(groups: cpu, bus, irq, dma, uart, rtm, energy, roi\)" --vcd "$dir/t.vcd" --trace cpu,gpu
expect pass.elf 2 "option --trace: unknown trace group '' " --vcd "$dir/t.vcd" --trace cpu,
expect pass.elf 2 "option --trace: needs --vcd FILE" --trace cpu
expect pass.elf 2 "firmware command line too long: 2049 bytes .*the limit is 2048" -- "$(head -c $((2048 - ${#dir} - 10)) /dev/zero | tr '\0' a)"
expect pass.elf 0 "" -- "$(head -c $((2048 - ${#dir} - 11)) /dev/zero | tr '\0' a)"
expect pass.elf 0 ""
expect htif_fail3.elf 3 ""
expect spin.elf 124 "time limit" --max-time 20us
expect spin.elf 125 "instruction limit" --max-instructions 1000

# No command: exit 2, the problem and then the usage on stderr, nothing on stdout.
out=$("$pimsoc" 2>"$dir/no_command.err"); actual=$?
if [ "$actual" -ne 2 ] || [ -n "$out" ] || ! head -1 "$dir/no_command.err" | grep -q "^pimsoc: no command given" ||
   ! grep -q "^usage:" "$dir/no_command.err"; then
  echo "FAIL no command: exit $actual (want 2), stdout '$out', stderr: $(cat "$dir/no_command.err")"; failures=$((failures + 1))
else
  echo "ok   no command: exit 2 with the usage on stderr"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures case(s) failed"; exit 1
fi
