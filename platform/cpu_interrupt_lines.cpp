#include "cpu_interrupt_lines.h"

namespace pimsoc {

namespace {
// mip bit positions (privileged spec): machine software, timer, external interrupt pending.
constexpr unsigned mip_msip_bit = 3;
constexpr unsigned mip_mtip_bit = 7;
constexpr unsigned mip_meip_bit = 11;
}  // namespace

CpuInterruptLines::CpuInterruptLines(const sc_core::sc_module_name& name, Cpu& cpu)
    : sc_core::sc_module(name), msip("msip"), mtip("mtip"), meip("meip"), m_cpu(cpu)
{
    SC_HAS_PROCESS(CpuInterruptLines);
    SC_METHOD(on_msip);
    sensitive << msip;
    dont_initialize();
    SC_METHOD(on_mtip);
    sensitive << mtip;
    dont_initialize();
    SC_METHOD(on_meip);
    sensitive << meip;
    dont_initialize();
}

void CpuInterruptLines::on_msip() { m_cpu.set_irq(mip_msip_bit, msip.read()); }
void CpuInterruptLines::on_mtip() { m_cpu.set_irq(mip_mtip_bit, mtip.read()); }
void CpuInterruptLines::on_meip() { m_cpu.set_irq(mip_meip_bit, meip.read()); }

}  // namespace pimsoc
