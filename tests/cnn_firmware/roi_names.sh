#!/usr/bin/env bash
# roi_names.sh PIMSOC ELF BLOB SCRATCH_DIR: cnn_fmnist names its regions of interest through sysctl;
# the stats JSON, CSV and table carry the names next to the ids: region 0x000001 "inference",
# 0x000100 + i the layer names.
set -u
pimsoc=$1 elf=$2 blob=$3 dir=$4
mkdir -p "$dir" || exit 1
base="$dir/roi_names.$$"
trap 'rm -f "$base".*' EXIT
SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 "$pimsoc" run "$elf" --image "$blob@0x60000000" --stats "$base.json" \
  --stats-csv "$base.csv" -- --images 2 >"$base.out" 2>"$base.err"
code=$?
[ "$code" -eq 0 ] || { echo "FAIL: exit code $code"; cat "$base.out" "$base.err"; exit 1; }
grep -qE '^region 0x000001 \(inference\): 2 occurrence\(s\)$' "$base.err" || { echo "FAIL: table lacks the named region"; exit 1; }
python3 - "$base.json" "$base.csv" <<'PY'
import csv, json, sys
expected = {1: "inference", 0x100: "conv1", 0x101: "pool1", 0x102: "conv2", 0x103: "pool2", 0x104: "fc1",
            0x105: "fc2", 0x106: "fc3"}
doc = json.load(open(sys.argv[1]))
names = {r["id"]: r["name"] for r in doc["regions"]}
if names != expected:
    sys.exit(f"FAIL: JSON region names {names}, expected {expected}")
rows = [r for r in csv.DictReader(open(sys.argv[2])) if r["scope"] in ("region", "inference")]
csv_names = {(int(r["region_id"], 16), r["region_name"]) for r in rows}
if csv_names != set(expected.items()):
    sys.exit(f"FAIL: CSV region names {sorted(csv_names)}")
print("ok: regions named", ", ".join(expected.values()))
PY
