#!/usr/bin/env bash
# stats_output.sh PIMSOC ELF EXIT_CODE WORKDIR [-- PIMSOC_ARGS...]
# The stats report and files (docs/observability.md):
#  - every run exits EXIT_CODE (the firmware's documented code: three identical failures fail);
#  - writing --stats/--stats-csv changes no result: same UART output as without;
#  - the files are deterministic: two runs give identical JSON and CSV;
#  - JSON and CSV follow the documented schema (units in the field names) and agree with each other
#    and with the text table printed to stderr after the run summary; --quiet suppresses the table.
set -u
[ $# -ge 4 ] && [[ $3 =~ ^[0-9]+$ ]] || { echo "usage: stats_output.sh PIMSOC ELF EXIT_CODE WORKDIR [-- PIMSOC_ARGS...]"; exit 2; }
pimsoc=$1 elf=$2 expected=$3 dir=$4; shift 4
[ "${1:-}" = "--" ] && shift
extra=("$@")
[ -f "$elf" ] || { echo "FAIL: $elf was not built"; exit 1; }
mkdir -p "$dir" || exit 1
name=$(basename "$elf" .elf)
base="$dir/$name.$$"
trap 'rm -f "$base".*' EXIT
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

"$pimsoc" run "$elf" "${extra[@]}" >"$base.plain.out" 2>"$base.plain.err"; plain_exit=$?
"$pimsoc" run "$elf" "${extra[@]}" --stats "$base.a.json" --stats-csv "$base.a.csv" >"$base.a.out" 2>"$base.a.err"
a_exit=$?
"$pimsoc" run "$elf" "${extra[@]}" --quiet --stats "$base.b.json" --stats-csv "$base.b.csv" >"$base.b.out" 2>"$base.b.err"
b_exit=$?

status=0
fail() { echo "FAIL: $*"; status=1; }
[ "$plain_exit" -eq "$expected" ] && [ "$a_exit" -eq "$expected" ] && [ "$b_exit" -eq "$expected" ] ||
  fail "exit codes $plain_exit (plain), $a_exit (--stats), $b_exit (--stats --quiet), expected $expected"
cmp -s "$base.plain.out" "$base.a.out" || fail "UART output changes with --stats"
cmp -s "$base.plain.out" "$base.b.out" || fail "UART output changes with --stats --quiet"
cmp -s "$base.a.json" "$base.b.json" || fail "JSON differs between two runs"
cmp -s "$base.a.csv" "$base.b.csv" || fail "CSV differs between two runs"
grep -q '^pimsoc: stats at the end of the run$' "$base.a.err" || fail "no stats table on stderr"
grep -q '^pimsoc: stats at the end of the run$' "$base.b.err" && fail "--quiet printed the stats table"
# The table comes after the run summary.
summary_line=$(grep -n ' MIPS$' "$base.a.err" | head -1 | cut -d: -f1)
table_line=$(grep -n '^pimsoc: stats at the end of the run$' "$base.a.err" | head -1 | cut -d: -f1)
[ -n "$summary_line" ] && [ -n "$table_line" ] && [ "$table_line" -gt "$summary_line" ] ||
  fail "the stats table is not after the run summary"

python3 - "$base.a.json" "$base.a.csv" "$base.a.err" <<'EOF' || status=1
import csv, json, sys
json_path, csv_path, err_path = sys.argv[1:4]
failures = []
def check(cond, what):
    if not cond:
        failures.append(what)

doc = json.load(open(json_path))
check(doc.get("schema") == "pimsoc-stats-1", "schema id")
for key in ("run", "inference_region_id", "inferences", "energy_per_inference_pj", "latency_per_inference_ns", "regions"):
    check(key in doc, "top-level key " + key)
component_keys = {"name", "operations", "busy_ns", "utilisation", "events", "dynamic_energy_pj",
                  "leakage_energy_pj", "total_energy_pj", "area_um2"}
names = [c["name"] for c in doc["run"]["components"]]
check(names[:6] == ["cpu", "bus", "main_memory", "sram", "rom", "dma"], "components " + str(names))
for scope in [doc["run"]] + doc["regions"]:
    total = 0.0
    for c in scope["components"]:
        check(set(c) == component_keys, "component keys of " + c["name"])
        dyn = sum(e["energy_pj"] for e in c["events"])
        check(abs(dyn - c["dynamic_energy_pj"]) < 0.01 * (1 + len(c["events"])), "dynamic sum of " + c["name"])
        for e in c["events"]:
            check(abs(e["count"] * e["energy_pj_per_event"] - e["energy_pj"]) < 0.001 + 1e-9 * e["energy_pj"],
                  "count x energy of %s.%s" % (c["name"], e["name"]))
        check(abs(c["dynamic_energy_pj"] + c["leakage_energy_pj"] - c["total_energy_pj"]) < 0.002, "total of " + c["name"])
        total += c["total_energy_pj"]
    check(abs(total - scope["total"]["total_energy_pj"]) < 0.01 * (1 + len(scope["components"])), "scope total")
    for key in ("dynamic_energy_pj", "leakage_energy_pj", "total_energy_pj", "area_um2", "average_power_uw"):
        check(key in scope["total"], "total key " + key)

rows = list(csv.DictReader(open(csv_path)))
check(rows and list(rows[0].keys()) == ["scope", "region_id", "region_name", "occurrences", "elapsed_ns", "component", "item", "count",
                                        "energy_pj_per_event", "energy_pj", "busy_ns", "utilisation", "area_um2",
                                        "average_power_uw"], "CSV header")
csv_index = {(r["scope"], r["region_id"], r["component"], r["item"]): r for r in rows}
for region in json.load(open(json_path))["regions"]:
    names = {r["region_name"] for r in rows if r["scope"] == "region" and r["region_id"] == region["id_hex"]}
    check(names == {region["name"]}, "CSV region_name of " + region["id_hex"] + " is the JSON name")
raw = json.load(open(json_path), parse_float=str, parse_int=str)  # the figures as written
def scope_key(region):
    return ("region", region["id_hex"]) if region is not None else ("run", "")
for region in [None] + raw["regions"]:
    scope = raw["run"] if region is None else region
    kind, rid = scope_key(region)
    for c in scope["components"]:
        row = csv_index.get((kind, rid, c["name"], "total"))
        check(row is not None and row["energy_pj"] == c["total_energy_pj"] and row["busy_ns"] == c["busy_ns"]
              and row["count"] == c["operations"], "CSV total row of %s %s %s" % (kind, rid, c["name"]))
        for e in c["events"]:
            row = csv_index.get((kind, rid, c["name"], e["name"]))
            check(row is not None and row["count"] == e["count"] and row["energy_pj"] == e["energy_pj"],
                  "CSV event row %s %s %s.%s" % (kind, rid, c["name"], e["name"]))

# The text table's run section: component, operations, busy_ns, util, dynamic/leakage/total nJ, area.
table = {}
in_run = False
for line in open(err_path):
    if line.startswith("pimsoc: stats at the end of the run"):
        in_run = True
        continue
    if in_run and (line.startswith("region ") or line.startswith("elapsed ")):
        break
    cells = line.split()
    if in_run and cells and (len(cells) == 8 or cells[0] == "total") and not line.startswith(" "):
        table[cells[0]] = cells
for c in raw["run"]["components"]:
    cells = table.get(c["name"])
    check(cells is not None, "text row of " + c["name"])
    if cells:
        check(cells[1] == c["operations"] and cells[2] == c["busy_ns"], "text ops/busy of " + c["name"])
        check(abs(float(cells[6]) - float(c["total_energy_pj"]) / 1000) <= 0.0005 + 1e-12 * float(c["total_energy_pj"]),
              "text total of " + c["name"])
if "total" in table:
    check(abs(float(table["total"][3]) - float(raw["run"]["total"]["total_energy_pj"]) / 1000) <= 0.0005 + 1e-12 *
          float(raw["run"]["total"]["total_energy_pj"]), "text total line")
if failures:
    print("FAIL: " + "\nFAIL: ".join(failures))
    sys.exit(1)
print("ok: %d components, %d regions, %d CSV rows" % (len(names), len(doc["regions"]), len(rows)))
EOF
exit $status
