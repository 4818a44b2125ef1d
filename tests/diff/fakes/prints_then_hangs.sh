#!/usr/bin/env bash
# A stand-in simulator for run_diff.sh's own tests: prints one fixed line (whatever its arguments)
# and never exits, as a guest stuck in a loop after its output would. Used as both QEMU and pimsoc.
echo "same line on both sides"
exec sleep 3600
