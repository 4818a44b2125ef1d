#!/usr/bin/env bash
# faster.sh PIMSOC ELF BLOB "REFERENCE_ARGS" "CANDIDATE_ARGS": runs cnn_fmnist twice with the
# firmware options given (each one string, split at blanks); both runs must exit 0 and the
# candidate's simulated time per inference ("per inference: ... X us simulated") must be below the
# reference's. Prints both and the speed-up.
set -u
pimsoc=$1 elf=$2 blob=$3 reference_args=$4 candidate_args=$5
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
us() {  # us NAME ARGS: runs, prints the simulated us per inference
  # shellcheck disable=SC2086  # the options are split on purpose
  SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 "$pimsoc" run "$elf" --image "$blob@0x60000000" --quiet -- $2 >"$dir/$1.out" 2>&1
  local code=$?
  [ "$code" -eq 0 ] || { echo "FAIL: $1 ($2) exited $code" >&2; tail -n 5 "$dir/$1.out" >&2; return 1; }
  sed -nE 's/^per inference: .* ([0-9]+\.[0-9]+) us simulated$/\1/p' "$dir/$1.out" | head -n 1
}
ref=$(us reference "$reference_args") || exit 1
cand=$(us candidate "$candidate_args") || exit 1
[ -n "$ref" ] && [ -n "$cand" ] || { echo "FAIL: no 'per inference: ... us simulated' line"; exit 1; }
echo "reference ($reference_args): ${ref} us, candidate ($candidate_args): ${cand} us per inference"
awk -v r="$ref" -v c="$cand" 'BEGIN { exit !(c < r) }' || { echo "FAIL: the candidate is not faster"; exit 1; }
echo "ok: $(awk -v r="$ref" -v c="$cand" 'BEGIN { printf "%.2fx", r / c }') faster"
