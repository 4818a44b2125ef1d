#!/usr/bin/env bash
# cnn_reram_program_cut.sh PIMSOC ELF BLOB IMAGES: cnn_fmnist on the ReRAM engine (ideal tiles)
# through one power failure placed inside the third PROGRAM of the weights' first write (docs/power.md,
# "The CNN app through failures"). The failure time is found from the failure-free run's ReRAM
# debug log (the middle of its third PROGRAM), so it stays inside one if timings change. Then the
# run through that failure must print exactly what the failure-free run prints (predictions and
# logits), its log must show the cut PROGRAM (its block forgotten) and, after the boot, the init
# redone (the weights' mark in .nvdata was not set): the cut block and the two before it
# programmed again, 3 PROGRAMs more than without the failure.
set -u
pimsoc=$1 elf=$2 blob=$3 images=$4
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
app=(--images "$images" --engine reram --print logits --checkpoint layer)
run() { "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet --set reram.ideal=true --log soc.reram=debug "$@"; }
programs() { grep -Ec '\[soc\.reram\] debug: op \S+ on tile [0-9]+ \([0-9]+ crossbars\): 0 mvms, [0-9]+ crossbar reads, [1-9][0-9]* cells programmed' "$1"; }

run -- "${app[@]}" >"$dir/ref" 2>"$dir/ref.log" || { echo "FAIL: the failure-free run"; cat "$dir/ref"; exit 1; }
t=0ns
for k in 1 2 3; do # the third PROGRAM: two done before it, to be redone too
  t=$(python3 "$here/next_cut.py" "$dir/ref.log" "${t%ns}" 0.5 reram-program) ||
    { echo "FAIL: fewer than 3 PROGRAMs in the log"; exit 1; }
done
echo "power failure inside the third PROGRAM, at $t"
run --set power.mode=times --set power.times="$t" --stats "$dir/cut.json" -- "${app[@]}" >"$dir/cut" 2>"$dir/cut.log"
rc=$?
status=0
[ "$rc" -eq 0 ] || { echo "FAIL: the run through the failure exited $rc"; status=1; }
diff -u "$dir/ref" "$dir/cut" || { echo "FAIL: the output through the failure differs"; status=1; }
failures=$(grep -o '"failures": *[0-9]*' "$dir/cut.json" | grep -o '[0-9]*$')
[ "$failures" = 1 ] || { echo "FAIL: $failures failures, expected 1"; status=1; }
cut=$(grep -E "PROGRAM at crossbar [0-9]+ cut by the power failure at" "$dir/cut.log") ||
  { echo "FAIL: no PROGRAM cut in the log"; status=1; }
echo "${cut#*debug: }"
ref_programs=$(programs "$dir/ref.log") cut_programs=$(programs "$dir/cut.log")
echo "PROGRAMs: $ref_programs without the failure, $cut_programs through it (the 2 before the cut one and it redone)"
[ "$cut_programs" -eq $((ref_programs + 3)) ] || { echo "FAIL: expected $((ref_programs + 3)) PROGRAMs"; status=1; }
exit $status
