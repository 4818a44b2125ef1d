#!/usr/bin/env bash
# gtkwave_round_trip.sh PIMSOC VCD_TOOL VCD2FST FST2VCD ELF GROUPS [-- PIMSOC_ARGS...]
# GTKWave reads what pimsoc writes: the VCD converts to FST (gtkwave's vcd2fst) and back
# (fst2vcd), and the result has the same signals and value changes as the original. A missing
# converter (CMake passes ...-NOTFOUND) fails the test: setup.sh installs gtkwave.
set -u
pimsoc=$1 vcd_tool=$2 vcd2fst=$3 fst2vcd=$4 elf=$5 groups=$6; shift 6
for tool in "$vcd2fst" "$fst2vcd"; do
  [ -x "$tool" ] || { echo "FAIL: gtkwave's converter '$tool' not found: install gtkwave (./setup.sh)"; exit 1; }
done
[ "${1:-}" = "--" ] && shift
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 "$pimsoc" run "$elf" --quiet --vcd "$dir/run.vcd" --trace "$groups" "$@" >/dev/null ||
  { echo "FAIL: pimsoc run failed"; exit 1; }
"$vcd2fst" "$dir/run.vcd" "$dir/run.fst" >"$dir/vcd2fst.log" 2>&1 || { echo "FAIL: vcd2fst"; cat "$dir/vcd2fst.log"; exit 1; }
"$fst2vcd" "$dir/run.fst" >"$dir/back.vcd" 2>"$dir/fst2vcd.log" || { echo "FAIL: fst2vcd"; cat "$dir/fst2vcd.log"; exit 1; }
"$vcd_tool" compare "$dir/run.vcd" "$dir/back.vcd" || { echo "FAIL: the VCD changed in GTKWave's round trip"; exit 1; }
# With the roi group, GTKWave's copy names at least one region (a string change other than "-").
if [[ ",$groups," == *,roi,* ]] && ! grep -qE '^s[^- ][^ ]* ' "$dir/back.vcd"; then
  echo "FAIL: no region name in the roi signal after the round trip"; exit 1
fi
echo "ok: GTKWave's round trip kept every signal and change"
