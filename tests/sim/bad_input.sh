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
expect pass.elf 2 "config error: cpu.pmp_entries: 15 is not 0, 16 or 64" --set cpu.pmp_entries=15
expect pass.elf 2 "config error: cpu.pmp_granularity: 12 bytes is not a power of two between 4 and 2\^31" --set cpu.pmp_granularity=12
expect pass.elf 2 "config error: rtm.cost_model: 'rtsim' is not circuit or legacy" --set rtm.cost_model=rtsim
expect pass.elf 2 "parameter 'rtm.shift_pj_per_track_domain' \(real\): '-1' is negative" --set rtm.shift_pj_per_track_domain=-1
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
expect pass.elf 2 "option --trace: unknown trace group 'gpu' \(groups: cpu, bus, irq, uart, dma, power, rtm, mram, reram, energy, roi\)" --vcd "$dir/t.vcd" --trace cpu,gpu
expect pass.elf 2 "option --trace: unknown trace group '' " --vcd "$dir/t.vcd" --trace cpu,
# Power manager parameters (docs/models/power.md): one line naming the key, exit 2.
expect pass.elf 2 "config error: power.mtbf: must be > 0" --set power.mode=random --set power.mtbf=0ms
expect pass.elf 2 "config error: power.mode: 'sometimes' is not a mode" --set power.mode=sometimes
expect pass.elf 2 "config error: power.times: 'zz' is not a duration" --set power.mode=times --set power.times=1ms,zz
expect pass.elf 2 "config error: power.v_warning: must be >= power.v_brownout" --set power.mode=harvest --set power.v_warning=1.0
expect pass.elf 2 "config error: power.harvest_trace: cannot open '/nonexistent/trace.csv'" --set power.mode=harvest --set power.harvest_trace=/nonexistent/trace.csv
expect pass.elf 2 "option --trace: needs --vcd FILE" --trace cpu
expect pass.elf 2 "option --gdb: 'x' is not a TCP port \(0..65535\) or HOST:PORT" --gdb x
expect pass.elf 2 "option --gdb-wait: needs --gdb PORT" --gdb-wait
expect pass.elf 2 "option --gdb: cannot resolve no.such.host.invalid:1234: " --gdb no.such.host.invalid:1234
expect pass.elf 2 "option --gdb: cannot listen on 192.0.2.1:1234: " --gdb 192.0.2.1:1234
expect pass.elf 2 "firmware command line too long: 2049 bytes .*the limit is 2048" -- "$(head -c $((2048 - 9)) /dev/zero | tr '\0' a)"
expect pass.elf 0 "" -- "$(head -c $((2048 - 10)) /dev/zero | tr '\0' a)"
expect pass.elf 0 ""
expect htif_fail3.elf 3 ""
expect spin.elf 124 "time limit" --max-time 20us
expect spin.elf 125 "instruction limit" --max-instructions 1000
# A guest that makes no progress (a trap at the trap vector itself) is a simulator-fatal error (3),
# reported as a trap loop, whatever limits are set.
expect fetch_fault_vector.elf 3 "error: .*trap loop at the trap vector 0x00000000: the guest makes no progress"
expect illegal_vector.elf 3 "trap loop at the trap vector 0x80000100: the guest makes no progress \(mcause 2 at mepc 0x80000100" --max-instructions 1000000
expect illegal_vector.elf 3 "trap loop at the trap vector 0x80000100" --max-time 1s
# Sizes that cannot be mapped are refused before anything is allocated.
expect pass.elf 2 "parameter 'mem.main.size_bytes': 18446744073709551615 bytes do not fit the window at 0x80000000" --set mem.main.size_bytes=18446744073709551615
expect pass.elf 2 "parameter 'mem.main.size_bytes': 4294967295 bytes do not fit" --set mem.main.size_bytes=4294967295
expect pass.elf 2 "parameter 'mem.sram.size_bytes': 1879048193 bytes do not fit the window at 0x90000000" --set mem.sram.size_bytes=0x70000001
expect pass.elf 2 "parameter 'mem.rom.size_bytes': 67108865 bytes do not fit" --set mem.rom.size_bytes=0x4000001
# An image over the firmware or over another image would silently overwrite it.
head -c 64 /dev/zero > "$dir/image64.bin"
expect pass.elf 2 "image $dir/image64.bin@0x80000020: \[0x80000020, 0x80000060\) overlaps $dir/pass.elf's segment 0 \[0x80000000," --image "$dir/image64.bin@0x80000020"
expect pass.elf 2 "image $dir/image64.bin@0x90000020: \[0x90000020, 0x90000060\) overlaps image $dir/image64.bin@0x90000000 \[0x90000000, 0x90000040\)" --image "$dir/image64.bin@0x90000000" --image "$dir/image64.bin@0x90000020"
expect pass.elf 0 "" --image "$dir/image64.bin@0x90000000" --image "$dir/image64.bin@0x90000040"
# A config file nested past the limit is refused before the JSON parser recurses into it.
python3 -c 'print("{\"a\":" * 100000 + "1" + "}" * 100000)' > "$dir/deep.json"
expect pass.elf 2 "config error: $dir/deep.json:1: JSON nested deeper than 64 levels" --config "$dir/deep.json"
# Files that never end are refused, not read until the host runs out of memory.
expect pass.elf 2 "config error: /dev/zero: config file larger than 1048576 bytes" --config /dev/zero
ln -sf /dev/zero "$dir/zero.elf"
expect zero.elf 2 "zero.elf: not a regular file"
expect pass.elf 2 "/dev/zero: not a regular file" --image /dev/zero@0x90000000

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
