#!/usr/bin/env bash
# per_layer_stats.sh PIMSOC ELF BLOB: with the conv and fc layers on the RTM, the stats
# report gives each layer's latency and energy per inference (its region 0x100 + i, named after the
# layer): the RTM's energy falls in the conv and fc layers' regions and not in the pools', the
# layers' latencies and energies add up to no more than an inference's, and the text's summary has
# a line per layer with the same figures as the JSON.
set -u
pimsoc=$1 elf=$2 blob=$3
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT
base="$scratch/run"
SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 "$pimsoc" run "$elf" --image "$blob@0x60000000" --stats "$base.json" \
  -- --images 2 --engine rtm >"$base.out" 2>"$base.err"
code=$?
[ "$code" -eq 0 ] || { echo "FAIL: exit code $code"; tail -n 5 "$base.out" "$base.err"; exit 1; }
python3 - "$base.json" "$base.err" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
regions = {r["name"]: r for r in doc["regions"]}
layers = ["conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "fc3"]
def rtm_dynamic(r):
    c = next((c for c in r["components"] if c["name"] == "rtm"), None)
    return c["dynamic_energy_pj"] if c else 0.0
fail = []
for name in layers:
    r = regions.get(name)
    if r is None or r["occurrences"] != 2:
        sys.exit(f"FAIL: no region {name} with 2 occurrences")
    on_rtm = not name.startswith("pool")
    if (rtm_dynamic(r) > 0) != on_rtm:
        fail.append(f"{name}: RTM dynamic energy {rtm_dynamic(r)} pJ")
    latency, energy = r["latency_per_occurrence_ns"], r["energy_per_occurrence_pj"]
    if abs(latency - r["elapsed_ns"] / 2) > 0.002 or abs(energy - r["total"]["total_energy_pj"] / 2) > 0.002:
        fail.append(f"{name}: per occurrence {latency} ns / {energy} pJ")
    line = re.search(r"^  0x%06x %s +2 +([0-9.]+) +([0-9.]+) +([0-9.]+)%%$" % (r["id"], name), text, re.M)
    if not line or line.group(1) != "%.3f" % latency or line.group(2) != "%.3f" % (energy / 1000):
        fail.append(f"{name}: text summary line missing or different")
total_latency = sum(regions[n]["latency_per_occurrence_ns"] for n in layers)
total_energy = sum(regions[n]["energy_per_occurrence_pj"] for n in layers)
if total_latency > doc["latency_per_inference_ns"] or total_energy > doc["energy_per_inference_pj"]:
    fail.append(f"layers sum to {total_latency} ns / {total_energy} pJ, more than an inference")
if fail:
    sys.exit("FAIL: " + "; ".join(fail))
print("ok: per layer (ns, nJ):", ", ".join("%s %.0f %.1f" % (n, regions[n]["latency_per_occurrence_ns"],
      regions[n]["energy_per_occurrence_pj"] / 1000) for n in layers))
PY
