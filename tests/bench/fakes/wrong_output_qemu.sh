#!/usr/bin/env bash
# A stand-in for QEMU in mips.sh's own tests: a run that prints a wrong checksum and exits 0.
echo "bench_coremark: iterations=4500 crc=0xdead"
