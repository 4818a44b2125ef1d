#!/usr/bin/env bash
# run_diff.sh PIMSOC ELF EXIT_CODE
# Differential test: runs ELF on QEMU (qemu-system-riscv32 -M virt) and on pimsoc; passes when the
# UART output is byte-for-byte equal and both simulators exit EXIT_CODE (the program's own code, 0
# for every program of the suite). A timeout on either side fails, even when both time out with
# the same output. On a failure prints a unified diff (qemu -> pimsoc) and both exit codes. See
# docs/testing-differential.md.
# Environment: PIMSOC_QEMU (default qemu-system-riscv32), PIMSOC_DIFF_QEMU_TIMEOUT (10 s),
# PIMSOC_DIFF_PIMSOC_TIMEOUT (30 s), PIMSOC_DIFF_KEEP=DIR keeps both outputs in DIR.
set -u
if [ $# -ne 3 ] || ! [[ $3 =~ ^[0-9]+$ ]]; then
  echo "usage: run_diff.sh PIMSOC ELF EXIT_CODE"; exit 2
fi
pimsoc=$1 elf=$2 expected=$3
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
timeout -k 2 "$qemu_timeout" "$qemu" -M virt -cpu rv32,f=off,d=off,h=off,s=off -smp 1 -m 128M -icount shift=0 \
  -bios none -display none -monitor none -serial stdio -kernel "$elf" \
  </dev/null >"$tmp/qemu.out" 2>"$tmp/qemu.err"
qemu_rc=$?
timeout -k 2 "$pimsoc_timeout" "$pimsoc" run "$elf" --quiet </dev/null >"$tmp/pimsoc.out" 2>"$tmp/pimsoc.err"
pimsoc_rc=$?

if [ -n "${PIMSOC_DIFF_KEEP:-}" ]; then
  mkdir -p "$PIMSOC_DIFF_KEEP"
  name=$(basename "$elf" .elf)
  for f in qemu.out qemu.err pimsoc.out pimsoc.err; do cp "$tmp/$f" "$PIMSOC_DIFF_KEEP/$name.$f"; done
fi

status=0
notes=()
# (timeout's 124 is also what a killed simulator returns; a program of the suite never exits 124)
if [ "$qemu_rc" -eq 124 ]; then
  echo "FAIL: QEMU timed out after ${qemu_timeout} s (killed)"; status=1
fi
if [ "$pimsoc_rc" -eq 124 ]; then
  echo "FAIL: pimsoc timed out (its own --max-time or the ${pimsoc_timeout} s host limit)"; status=1
fi
if [ ! -s "$tmp/qemu.out" ] && [ ! -s "$tmp/pimsoc.out" ]; then
  notes+=("no UART output from either simulator (every diff program prints)")
  status=1
fi
if ! cmp -s "$tmp/qemu.out" "$tmp/pimsoc.out"; then
  echo "FAIL: UART output differs (--- qemu, +++ pimsoc):"
  diff -u -a --label "qemu: $elf" --label "pimsoc: $elf" "$tmp/qemu.out" "$tmp/pimsoc.out"
  status=1
fi
if [ "$qemu_rc" -ne "$expected" ] || [ "$pimsoc_rc" -ne "$expected" ]; then
  echo "FAIL: exit codes qemu $qemu_rc, pimsoc $pimsoc_rc, expected $expected on both"
  status=1
fi
if [ $status -ne 0 ]; then
  echo "exit codes: qemu $qemu_rc, pimsoc $pimsoc_rc"
  for n in "${notes[@]}"; do echo "note: $n"; done
  if [ -s "$tmp/qemu.err" ]; then echo "--- qemu stderr:"; cat "$tmp/qemu.err"; fi
  if [ -s "$tmp/pimsoc.err" ]; then echo "--- pimsoc stderr:"; cat "$tmp/pimsoc.err"; fi
  exit 1
fi
echo "OK: $(wc -c <"$tmp/pimsoc.out") bytes of UART output equal, exit code $expected on both"
exit 0
