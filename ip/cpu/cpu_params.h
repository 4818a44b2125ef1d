// Parameters of the CPU model; member initializers are the documented defaults
// (docs/models/cpu.md names their sources).
#pragma once

#include <cstdint>

#include "common/params.h"
#include "cpu/model/core_config.h"

namespace pimsoc {

// Dynamic energy per retired instruction by class, leakage and area, for the energy ledger.
// Defaults and their sources: docs/models/cpu.md ("Energy and area"); all are estimates.
struct CpuEnergyParams {
    double alu_pj = 10.0;     // base cost of an instruction (fetch, decode, register file, pipeline)
    double branch_pj = 10.0;
    double jump_pj = 10.0;
    double load_pj = 12.0;    // core side only: the memory's access energy is the memory's
    double store_pj = 12.0;
    double mul_pj = 13.1;     // base + int32 multiply 3.1 pJ (Horowitz, ISSCC 2014, 45 nm)
    double div_pj = 45.0;     // base + ~35 cycles of an iterative divider at ~1 pJ per cycle
    double csr_pj = 10.0;
    double amo_pj = 15.0;
    double system_pj = 10.0;
    double trap_pj = 10.0;    // per trap or interrupt entry (not an instruction)
    double leakage_uw = 20.0;
    double area_um2 = 30000.0;

    void bind(const ParamBinder& b);
};

struct CpuParams {
    uint64_t clock_hz = 100'000'000;  // core clock
    cpu::CycleTable cycles;           // cycles per instruction class
    bool trap_misaligned = false;     // misaligned loads/stores trap instead of being performed
    uint64_t max_instructions = 0;    // stop after this many attempted (retired or trapped) instructions; 0 = no limit
    bool dmi = true;                  // use DMI pointers for memories that offer them
    bool jit = true;                  // translate basic blocks to host code (cpu/model/block_jit.h)
    uint32_t hart_id = 0;             // value of mhartid
    uint64_t pmp_entries = 16;        // PMP entries: 0, 16 or 64
    uint64_t pmp_granularity = 4;     // PMP granularity in bytes: a power of two from 4 to 2^31
    CpuEnergyParams energy;           // ledger figures (keys cpu.energy.*)

    void bind(const ParamBinder& b);
    cpu::CoreConfig core_config() const;  // throws std::invalid_argument naming a bad value
};

}  // namespace pimsoc
