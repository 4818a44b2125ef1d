#!/bin/sh
# Builds bench.bin (raw image for 0x80000000) for the ISS benchmark; ITERATIONS sets the run length.
set -e
cd "$(dirname "$0")"
ITER=${1:-20}
riscv64-unknown-elf-gcc -march=rv32imac_zicsr_zifencei -mabi=ilp32 -O2 -nostdlib -nostartfiles -ffreestanding \
  -DITERATIONS=$ITER -T link.ld start.S bench.c -o bench.elf
riscv64-unknown-elf-objcopy -O binary bench.elf bench.bin
riscv64-unknown-elf-size bench.elf
