// Parameters of the CPU model; member initializers are the documented defaults
// (docs/models/cpu.md names their sources).
#pragma once

#include <cstdint>

#include "common/params.h"
#include "cpu/model/core_config.h"

namespace pimsoc {

struct CpuParams {
    uint64_t clock_hz = 100'000'000;  // core clock
    cpu::CycleTable cycles;           // cycles per instruction class
    bool trap_misaligned = false;     // misaligned loads/stores trap instead of being performed
    uint64_t max_instructions = 0;    // stop the simulation after this many instructions; 0 = no limit
    bool dmi = true;                  // use DMI pointers for memories that offer them
    uint32_t hart_id = 0;             // value of mhartid

    void bind(const ParamBinder& b);
    cpu::CoreConfig core_config() const;
};

}  // namespace pimsoc
