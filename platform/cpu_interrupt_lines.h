// The CPU's three machine-mode interrupt inputs as signal ports: the CLINT drives MSIP and MTIP,
// the PLIC drives MEIP; each change reaches the core through Cpu::set_irq at the simulated time
// of the change.
#pragma once

#include <systemc>

#include "cpu/cpu.h"

namespace pimsoc {

class CpuInterruptLines : public sc_core::sc_module {
public:
    sc_core::sc_in<bool> msip;
    sc_core::sc_in<bool> mtip;
    sc_core::sc_in<bool> meip;

    CpuInterruptLines(const sc_core::sc_module_name& name, Cpu& cpu);

private:
    void on_msip();
    void on_mtip();
    void on_meip();

    Cpu& m_cpu;
};

}  // namespace pimsoc
