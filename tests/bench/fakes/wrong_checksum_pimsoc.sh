#!/usr/bin/env bash
# A stand-in for pimsoc in mips.sh's own tests: a benchmark run that computed the wrong checksum
# (bench_coremark's line with crc 0xdead) and still exits ${FAKE_EXIT:-0} with a normal run summary,
# as bench_coremark did before it checked its result. FAKE_CRC=0x10fe makes it a right run (for
# the test of mips.sh's QEMU check).
echo "bench_coremark: iterations=4500 crc=${FAKE_CRC:-0xdead}"
echo "pimsoc: simulated 5.000000000 s, 500000000 instructions, 500000000 cycles busy, 0 asleep, host 2.000 s, 250.0 MIPS" >&2
exit "${FAKE_EXIT:-0}"
