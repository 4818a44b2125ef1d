#!/usr/bin/env bash
# A stand-in simulator for run_diff.sh's own tests, used as both QEMU and pimsoc (whatever its
# arguments), so that both sides fail the same way:
#   FAKE_SIM=hang   prints one line and never exits (a guest stuck in a loop after its output);
#   FAKE_SIM=crash  prints the runtime's trap report and exits 130, as a guest that crashed.
case ${FAKE_SIM:-} in
  hang) echo "same line on both sides"; exec sleep 3600 ;;
  crash) echo "*** unexpected trap: mcause=0x00000002 (illegal instruction) mepc=0x80000000 mtval=0x00000000"; exit 130 ;;
  *) echo "fake_simulator.sh: set FAKE_SIM=hang or FAKE_SIM=crash" >&2; exit 2 ;;
esac
