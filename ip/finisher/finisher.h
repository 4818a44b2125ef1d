// SiFive test device ("test finisher", as on QEMU virt): a 32-bit write ends the simulation with a
// pass or fail code. Register layout in finisher/finisher_regs.h; see docs/models/finisher.md.
#pragma once

#include <cstdint>

#include "common/mmio_target.h"
#include "common/sim_exit.h"

namespace pimsoc {

class Finisher : public MmioTarget {
public:
    Finisher(const sc_core::sc_module_name& name, SimulationExit& exit);

    // The finisher holds no register state (its register reads 0 and acts on writes), so a reset
    // restores nothing; the ignored-writes count is a record of the run and survives. Present so
    // that every memory-mapped device can be reset the same way.
    void reset() override {}

    // Writes that did not end the simulation (unknown values); for tests and stats.
    uint64_t ignored_writes() const { return m_ignored_writes; }

private:
    RegStatus read_register(const MmioAccess& access, uint64_t& value) override;
    RegStatus write_register(const MmioAccess& access, uint64_t value) override;

    SimulationExit& m_exit;
    uint64_t m_ignored_writes = 0;
};

}  // namespace pimsoc
