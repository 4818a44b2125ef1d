# Sourced by golden_trace.sh and regenerate.sh: runs one case of cases.txt.
#   run_case SRC FIRMWARE_BIN PIMSOC CASE OUT.vcd [EXTRA_ARGS...]  -> sets case_status (0 ok)
# The firmware's UART output and pimsoc's messages go to OUT.vcd.log.
run_case() {
  local src=$1 bin=$2 pimsoc=$3 name=$4 out=$5; shift 5
  local line
  line=$(grep -E "^$name " "$src/tests/golden_trace/cases.txt") || { echo "no case '$name' in cases.txt"; case_status=2; return; }
  read -r -a fields <<<"${line//@SRC@/$src}"
  local elf=$bin/${fields[1]}.elf exit_code=${fields[2]} groups=${fields[3]}
  [ -f "$elf" ] || { echo "FAIL: $elf was not built"; case_status=1; return; }
  SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1 "$pimsoc" run "$elf" --quiet --vcd "$out" --trace "$groups" \
    "${fields[@]:4}" "$@" >"$out.log" 2>&1
  local actual=$?
  if [ "$actual" -ne "$exit_code" ]; then
    echo "FAIL: $name: exit code $actual, expected $exit_code"; cat "$out.log"; case_status=1; return
  fi
  case_status=0
}
