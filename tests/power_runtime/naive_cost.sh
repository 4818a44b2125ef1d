#!/usr/bin/env bash
# naive_cost.sh PIMSOC ELF BLOB IMAGES MTBF LIMIT
# Under a harsh failure rate (MTBF shorter than an image) the naive mode (--checkpoint none:
# restart from scratch) must not finish within LIMIT of simulated time (pimsoc exits 124), while
# the tile granularity finishes within it with the failure-free output: the cost of not
# checkpointing, detected.
set -u
pimsoc=$1 elf=$2 blob=$3 images=$4 mtbf=$5 limit=$6
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
run() { "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet "$@"; }
failing=(--set power.mode=random --set power.mtbf="$mtbf" --max-time "$limit")
status=0
run -- --images "$images" --checkpoint tile >"$dir/reference" || { echo "FAIL: the run without failures failed"; exit 1; }
run "${failing[@]}" -- --images "$images" --checkpoint none >"$dir/naive"
rc=$?
[ "$rc" -eq 124 ] || { echo "FAIL: the naive run exited $rc, expected 124 (time limit $limit)"; status=1; }
run "${failing[@]}" -- --images "$images" --checkpoint tile >"$dir/tile"
rc=$?
[ "$rc" -eq 0 ] || { echo "FAIL: the tile run exited $rc within $limit"; status=1; }
diff -u "$dir/reference" "$dir/tile" || { echo "FAIL: the tile run's output differs"; status=1; }
[ $status -eq 0 ] && echo "naive: no result within $limit at mtbf $mtbf; tile: done, same output"
exit $status
