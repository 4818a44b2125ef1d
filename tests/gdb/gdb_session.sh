#!/usr/bin/env bash
# A gdb-multiarch batch session against `pimsoc run gdb_demo.elf --gdb 0 --gdb-wait`: break at
# main, step into a function, print a global, watch a write (a hardware watchpoint on a debug
# trigger), a hardware breakpoint, monitor
# commands, continue to the exit and see the exit code. Also: simulated time stands still while
# halted, and the debugged run retires exactly the instructions and cycles of a plain run.
# Usage: gdb_session.sh PIMSOC GDB_DEMO_ELF
set -uo pipefail
pimsoc=$1
elf=$2
gdb=gdb-multiarch
command -v "$gdb" >/dev/null || { echo "FAIL: $gdb not found (./setup.sh installs it)"; exit 1; }

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$pimsoc" run "$elf" --gdb 0 --gdb-wait >"$work/out" 2>"$work/err" &
pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^pimsoc: gdb: listening on 127\.0\.0\.1:\([0-9][0-9]*\) .*/\1/p' "$work/err")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "FAIL: pimsoc printed no port"; cat "$work/err"; exit 1; }

timeout 120 "$gdb" -batch -nx \
  -ex "set pagination off" \
  -ex "target remote 127.0.0.1:$port" \
  -ex "break main" \
  -ex "continue" \
  -ex "next" \
  -ex "step" \
  -ex "print x" \
  -ex "print total" \
  -ex "print/x \$mstatus" \
  -ex "print/x \$misa" \
  -ex "monitor time" \
  -ex "shell sleep 0.3" \
  -ex "monitor time" \
  -ex "monitor instructions" \
  -ex "monitor stats" \
  -ex "watch total" \
  -ex "continue" \
  -ex "delete" \
  -ex "print squares" \
  -ex "continue" \
  "$elf" >"$work/gdb" 2>&1
gdb_status=$?
wait "$pid"
status=$?
pid=

failures=0
expect() {  # expect FILE REGEX
  if ! grep -Eq -- "$2" "$1"; then
    echo "FAIL: $(basename "$1") lacks: $2"
    failures=$((failures + 1))
  fi
}
expect "$work/gdb" '^Breakpoint 1, main \(\) at .*main\.c:16$'
expect "$work/gdb" '^square \(x=1\) at .*main\.c:11$'
expect "$work/gdb" '^\$1 = 1$'
expect "$work/gdb" '^\$2 = 0$'
expect "$work/gdb" '^\$3 = 0x1800$'
expect "$work/gdb" '^\$4 = 0x40001105$'
expect "$work/gdb" '^instructions retired: [0-9]+, cycles busy: [0-9]+, cycles asleep: 0$'
expect "$work/gdb" '^cpu +[0-9]+ '
expect "$work/gdb" '^Hardware watchpoint 2: total$'
expect "$work/gdb" '^Old value = 0$'
expect "$work/gdb" '^New value = 1$'
expect "$work/gdb" '^\$5 = \{1, 0, 0, 0\}$'
expect "$work/gdb" '^\[Inferior 1 \(Remote target\) exited with code 03\]$'
expect "$work/out" '^gdb_demo: total = 30$'
expect "$work/err" '^pimsoc: firmware exited with code 3 '

# Simulated time stands still while the target is halted (0.3 s of host time between the two).
times=$(grep '^simulated time: ' "$work/gdb")
if [ "$(echo "$times" | wc -l)" -ne 2 ] || [ "$(echo "$times" | sort -u | wc -l)" -ne 1 ]; then
  echo "FAIL: monitor time changed while halted: $times"
  failures=$((failures + 1))
fi

# Debugging changes nothing in the run: the same instructions and cycles as without a debugger.
summary() { grep -o '[0-9]* instructions, [0-9]* cycles busy' "$1"; }
"$pimsoc" run "$elf" >/dev/null 2>"$work/plain_err"
plain=$(summary "$work/plain_err")
"$pimsoc" run "$elf" --gdb 0 --gdb-wait >/dev/null 2>"$work/err2" &
pid=$!
for _ in $(seq 100); do
  port=$(sed -n 's/^pimsoc: gdb: listening on 127\.0\.0\.1:\([0-9][0-9]*\) .*/\1/p' "$work/err2")
  [ -n "$port" ] && break
  sleep 0.1
done
timeout 120 "$gdb" -batch -nx -ex "target remote 127.0.0.1:$port" -ex "hbreak square" -ex "continue" \
  -ex "continue" -ex "delete" -ex "continue" "$elf" >"$work/gdb2" 2>&1
wait "$pid"
pid=
debugged=$(summary "$work/err2")
if [ -z "$plain" ] || [ "$plain" != "$debugged" ]; then
  echo "FAIL: the debugged run differs: '$debugged' against '$plain' without a debugger"
  failures=$((failures + 1))
fi
expect "$work/gdb2" '^Hardware assisted breakpoint 1 at '
expect "$work/gdb2" '^Breakpoint 1, square \(x=2\) at .*main\.c:11$'

if [ "$gdb_status" -ne 0 ] || [ "$status" -ne 3 ] || [ "$failures" -ne 0 ]; then
  echo "FAIL: gdb exit $gdb_status (want 0), pimsoc exit $status (want 3), $failures failed checks"
  echo "--- gdb"; cat "$work/gdb"; echo "--- pimsoc stderr"; cat "$work/err"
  exit 1
fi
echo "PASS"
