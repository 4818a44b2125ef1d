#!/usr/bin/env bash
# screenshot.sh [BUILD_DIR] [OUT.png]: the README's picture of a trace. Runs the CNN demo on two
# images with every trace group, opens the VCD in GTKWave under a virtual X server with
# traces/run.gtkw, zooms to fit and saves the screen as a PNG (default traces/cnn_fmnist.png).
# Needs: apt-get install gtkwave xvfb imagemagick
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
out=${2:-$here/cnn_fmnist.png}
for tool in gtkwave Xvfb import; do
  command -v "$tool" >/dev/null || { echo "screenshot.sh: $tool missing (apt-get install gtkwave xvfb imagemagick)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 "$build/bin/pimsoc" run "$build/firmware/bin/cnn_fmnist.elf" --quiet \
  --image "$build/data/fmnist_t10k.bin@0x60000000" --vcd "$work/run.vcd" -- --images 2 >/dev/null
echo 'gtkwave::/Time/Zoom/Zoom_Best_Fit' >"$work/zoom.tcl"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1400x1000x24 >/dev/null 2>&1 &
sleep 2
DISPLAY=$display gtkwave -S "$work/zoom.tcl" "$work/run.vcd" "$here/run.gtkw" >/dev/null 2>&1 &
sleep 8
DISPLAY=$display import -window root "$out"
echo "wrote $out"
