// SiFive test device ("test finisher", as on QEMU virt): a 32-bit write ends the simulation with a
// pass or fail code. Register layout in finisher/finisher_regs.h; see docs/models/finisher.md.
#pragma once

#include <cstdint>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "common/log.h"
#include "common/sim_exit.h"

namespace pimsoc {

class Finisher : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<Finisher> socket;

    Finisher(sc_core::sc_module_name name, SimulationExit& exit);

    // Writes that did not end the simulation (unknown values); for tests and stats.
    uint64_t ignored_writes() const { return m_ignored_writes; }

private:
    void b_transport(tlm::tlm_generic_payload& trans, sc_core::sc_time& delay);
    unsigned int transport_dbg(tlm::tlm_generic_payload& trans);
    void on_write(uint32_t value, const sc_core::sc_time& delay);

    SimulationExit& m_exit;
    uint64_t m_ignored_writes = 0;
    Logger m_log;
};

}  // namespace pimsoc
