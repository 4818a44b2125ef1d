#!/usr/bin/env bash
# regenerate.sh [BUILD_DIR] [CASE...]: rewrites traces/golden/CASE.vcd (all cases by default) from
# the current build. Run it on purpose, after a change that is meant to alter the traces, and
# review the difference (build/bin/vcd_tool compare OLD NEW) before committing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$src/build}" && pwd) || exit 2
shift || true
. "$here/trace_case.sh"
names=("$@")
[ ${#names[@]} -gt 0 ] || mapfile -t names < <(grep -vE '^(#|$)' "$here/cases.txt" | cut -d' ' -f1)
status=0
for name in "${names[@]}"; do
  out=$src/traces/golden/$name.vcd
  run_case "$src" "$build/firmware/bin" "$build/bin/pimsoc" "$name" "$out"
  rm -f "$out.log"
  if [ "$case_status" -eq 0 ] && "$build/bin/vcd_tool" check "$out" >/dev/null; then
    echo "wrote $out"
  else
    echo "FAIL: $name"; status=1
  fi
done
exit $status
