# Sourced by same_results.sh and same_output.sh: run_pair NAME "$@" parses
# "-- REFERENCE_COMMAND... -- CANDIDATE_COMMAND...", runs both into a scratch directory $dir
# (removed at exit) and sets ref_code and cand_code; $dir/{reference,candidate}.{out,err}.
# require_exit SIDE CODE EXPECTED fails the comparison (status=1) unless that side exited EXPECTED,
# so that two identical failures never pass as "the same".
run_pair() {
  local name=$1; shift
  [ "${1:-}" = "--" ] || { echo "usage: $name ... -- REFERENCE... -- CANDIDATE..."; exit 2; }
  shift
  local reference=() candidate=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do reference+=("$1"); shift; done
  [ "${1:-}" = "--" ] || { echo "$name: missing the second --"; exit 2; }
  shift
  candidate=("$@")
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  "${reference[@]}" >"$dir/reference.out" 2>"$dir/reference.err"
  ref_code=$?
  "${candidate[@]}" >"$dir/candidate.out" 2>"$dir/candidate.err"
  cand_code=$?
}

require_exit() {
  local side=$1 code=$2 expected=$3
  [ "$code" -eq "$expected" ] && return
  echo "FAIL: $side exited $code, expected $expected; its last lines:"
  tail -n 5 "$dir/$side.out" "$dir/$side.err"
  status=1
}
