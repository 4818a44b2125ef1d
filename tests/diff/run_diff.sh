#!/usr/bin/env bash
# run_diff.sh PIMSOC ELF [EXIT_CODE]
# Differential test: runs ELF on QEMU (qemu-system-riscv32 -M virt) and on pimsoc; passes when the
# UART output is byte-for-byte equal and the exit codes are equal: QEMU's is the reference (most
# programs exit with a checksum of their results), or, when EXIT_CODE is given, both must exit
# EXIT_CODE. Two identical failures never pass: a timeout on either side fails (even when both time
# out with the same output), and so does a crash on either side (the runtime's trap report,
# "*** unexpected trap:", in the output). On a failure prints a unified diff (qemu -> pimsoc) and
# both exit codes. See docs/testing-differential.md.
# Environment: PIMSOC_QEMU (default qemu-system-riscv32), PIMSOC_DIFF_QEMU_TIMEOUT (10 s),
# PIMSOC_DIFF_PIMSOC_TIMEOUT (30 s), PIMSOC_DIFF_KEEP=DIR keeps both outputs in DIR,
# PIMSOC_DIFF_ARGS: more pimsoc options (words), e.g. --set cpu.jit=false.
set -u
if [ $# -lt 2 ] || [ $# -gt 3 ] || { [ $# -eq 3 ] && ! [[ $3 =~ ^[0-9]+$ ]]; }; then
  echo "usage: run_diff.sh PIMSOC ELF [EXIT_CODE]"; exit 2
fi
pimsoc=$1 elf=$2 expected=${3:-}
qemu=${PIMSOC_QEMU:-qemu-system-riscv32}
qemu_timeout=${PIMSOC_DIFF_QEMU_TIMEOUT:-10}
pimsoc_timeout=${PIMSOC_DIFF_PIMSOC_TIMEOUT:-30}

if ! command -v "$qemu" >/dev/null 2>&1; then
  echo "FAIL: $qemu not found: install qemu-system-misc: ./setup.sh"
  exit 1
fi
if [ ! -f "$elf" ]; then
  case $(basename "$elf") in
    diff_gen_*) echo "FAIL: $elf was not built (generated programs need /usr/bin/python3: install python3; then rebuild)" ;;
    *) echo "FAIL: $elf was not built (build the firmware: cmake --build <build>)" ;;
  esac
  exit 1
fi
[ -x "$pimsoc" ] || { echo "FAIL: $pimsoc was not built"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# QEMU: UART on stdout only (-serial stdio; no monitor, no display, stdin not a terminal, so no
# terminal mode changes or escape sequences); its own messages go to stderr.
# -cpu: RV32 I M A C without F/D/H/S, the closest to pimsoc's misa (QEMU adds U).
timeout --verbose -k 2 "$qemu_timeout" "$qemu" -M virt -cpu rv32,f=off,d=off,h=off,s=off -smp 1 -m 128M -icount shift=0 \
  -bios none -display none -monitor none -serial stdio -kernel "$elf" \
  </dev/null >"$tmp/qemu.out" 2>"$tmp/qemu.err"
qemu_rc=$?
timeout --verbose -k 2 "$pimsoc_timeout" "$pimsoc" run "$elf" --quiet ${PIMSOC_DIFF_ARGS:-} </dev/null >"$tmp/pimsoc.out" 2>"$tmp/pimsoc.err"
pimsoc_rc=$?

if [ -n "${PIMSOC_DIFF_KEEP:-}" ]; then
  mkdir -p "$PIMSOC_DIFF_KEEP"
  name=$(basename "$elf" .elf)
  for f in qemu.out qemu.err pimsoc.out pimsoc.err; do cp "$tmp/$f" "$PIMSOC_DIFF_KEEP/$name.$f"; done
fi

status=0
notes=()
# A timeout is told by timeout's own message, not by exit code 124 (a checksum may be 124).
timed_out='^timeout: sending signal'
if grep -q "$timed_out" "$tmp/qemu.err"; then
  echo "FAIL: QEMU timed out after ${qemu_timeout} s (killed)"; status=1
fi
if grep -q "$timed_out" "$tmp/pimsoc.err"; then
  echo "FAIL: pimsoc timed out after ${pimsoc_timeout} s (killed)"; status=1
fi
for side in qemu pimsoc; do
  if grep -q '^\*\*\* unexpected trap:' "$tmp/$side.out"; then
    echo "FAIL: the program crashed on $side: $(grep -m1 '^\*\*\* unexpected trap:' "$tmp/$side.out")"; status=1
  fi
done
if [ ! -s "$tmp/qemu.out" ] && [ ! -s "$tmp/pimsoc.out" ]; then
  notes+=("no UART output from either simulator (every diff program prints)")
  status=1
fi
if ! cmp -s "$tmp/qemu.out" "$tmp/pimsoc.out"; then
  echo "FAIL: UART output differs (--- qemu, +++ pimsoc):"
  diff -u -a --label "qemu: $elf" --label "pimsoc: $elf" "$tmp/qemu.out" "$tmp/pimsoc.out"
  status=1
fi
if [ -n "$expected" ] && { [ "$qemu_rc" -ne "$expected" ] || [ "$pimsoc_rc" -ne "$expected" ]; }; then
  echo "FAIL: exit codes qemu $qemu_rc, pimsoc $pimsoc_rc, expected $expected on both"
  status=1
elif [ "$qemu_rc" -ne "$pimsoc_rc" ]; then
  echo "FAIL: exit codes differ"
  status=1
fi
if [ $status -ne 0 ]; then
  echo "exit codes: qemu $qemu_rc, pimsoc $pimsoc_rc"
  for n in "${notes[@]}"; do echo "note: $n"; done
  if [ -s "$tmp/qemu.err" ]; then echo "--- qemu stderr:"; cat "$tmp/qemu.err"; fi
  if [ -s "$tmp/pimsoc.err" ]; then echo "--- pimsoc stderr:"; cat "$tmp/pimsoc.err"; fi
  exit 1
fi
echo "OK: $(wc -c <"$tmp/pimsoc.out") bytes of UART output equal, exit code $pimsoc_rc on both"
exit 0
