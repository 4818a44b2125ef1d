# Sourced by same_results.sh and same_output.sh: run_pair NAME "$@" parses
# "-- REFERENCE_COMMAND... -- CANDIDATE_COMMAND...", runs both into a scratch directory $dir
# (removed at exit) and sets ref_code and cand_code; $dir/{reference,candidate}.{out,err}.
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
