#!/usr/bin/env bash
# Installs exactly the Debian packages pimsoc needs to build, run and test. Idempotent: a fast
# no-op when everything is there. Run as root (or with sudo available).
set -euo pipefail

packages=(
  # host build
  cmake make g++ pkg-config
  # simulator libraries
  libsystemc-dev libspdlog-dev libfmt-dev libboost-dev
  # the CPU's block JIT (x86-64 code generation; header-only)
  libxbyak-dev
  # tests
  libgtest-dev libgmock-dev
  # firmware cross toolchain and C library
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf
  # differential tests: the same programs on QEMU (qemu-system-riscv32); the program generator
  qemu-system-misc python3
  # CNN: the Fashion-MNIST test set (blob built at build time) and numpy for the integer
  # reference of the exporter round-trip test. Training (python3-torch) is not needed to build.
  dataset-fashion-mnist python3-numpy
  # VCD traces: GTKWave (viewer; its vcd2fst/fst2vcd check in a test that it reads our VCDs)
  gtkwave
  # debugging firmware on the VP (pimsoc run --gdb) and its tests: GDB for RISC-V
  gdb-multiarch
  # co-exploration sweeps (pimsoc-sweep): the energy/latency vs area plot; without it the sweep
  # still writes its CSVs and warns that the plot was skipped
  python3-matplotlib
  # pimsoc-sweep --backend slurm and its test (sweep_slurm), which starts a private single-node
  # cluster: slurmctld, slurmd and the client commands (sbatch, squeue), and munge for their
  # authentication. The test configures and starts them itself (no systemd, nothing in /etc).
  slurm-wlm munge
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup.sh: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup.sh: run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
