#!/usr/bin/env bash
# Runs one pimsoc-sweep spec of the benchmark sweeps (mram_sweep.sh, rtm_coexploration.sh) from the
# repository root with the build in BUILD_DIR, writing into OUT. The specs name build/...: a build
# directory elsewhere is reached through a link. Exit 1 from the sweep (some point failed) still
# writes the CSVs and is not an error here: the callers count the failed points.
#   usage: tests/bench/run_spec_sweep.sh BUILD_DIR SPEC OUT   (JOBS=N: points in parallel, default 2)
set -euo pipefail
build=$1 spec=$2 out=$3
root=$(pwd) bin=$(realpath "$build/bin")
run_in=$root
if [ "$build" != build ]; then
  run_in=$(mktemp -d)
  trap 'rm -rf "$run_in"' EXIT
  ln -s "$(realpath "$build")" "$run_in/build"
fi
(cd "$run_in" && "$bin/pimsoc-sweep" "$root/$spec" --jobs "${JOBS:-2}" --out "$out" --quiet) || [ $? -eq 1 ]
