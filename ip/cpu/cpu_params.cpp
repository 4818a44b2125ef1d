#include "cpu/cpu_params.h"

namespace pimsoc {

void CpuParams::bind(const ParamBinder& b)
{
    b.bind("clock_hz", clock_hz, "Hz", "core clock frequency");
    b.bind("trap_misaligned", trap_misaligned, "",
           "misaligned loads/stores raise address-misaligned traps instead of being performed");
    b.bind("max_instructions", max_instructions, "instructions", "end the simulation after this many; 0 = no limit");
    b.bind("dmi", dmi, "", "access memories through DMI pointers when the target allows it");
    b.bind("hart_id", hart_id, "", "value of the mhartid CSR");
    const ParamBinder c = b.scope("cycles");
    c.bind("alu", cycles.alu, "cycles", "ALU, lui, auipc, fence");
    c.bind("branch_taken", cycles.branch_taken, "cycles", "taken conditional branch");
    c.bind("branch_not_taken", cycles.branch_not_taken, "cycles", "not-taken conditional branch");
    c.bind("jump", cycles.jump, "cycles", "jal, jalr");
    c.bind("load", cycles.load, "cycles", "loads (includes an average load-use stall)");
    c.bind("store", cycles.store, "cycles", "stores");
    c.bind("mul", cycles.mul, "cycles", "mul, mulh, mulhsu, mulhu");
    c.bind("div", cycles.div, "cycles", "div, divu, rem, remu");
    c.bind("csr", cycles.csr, "cycles", "CSR instructions");
    c.bind("amo", cycles.amo, "cycles", "lr.w, sc.w, amo*.w");
    c.bind("system", cycles.system, "cycles", "ecall, ebreak, mret, wfi, fence.i, trap entry");
}

cpu::CoreConfig CpuParams::core_config() const
{
    cpu::CoreConfig config;
    config.cycles = cycles;
    config.trap_misaligned = trap_misaligned;
    config.hart_id = hart_id;
    return config;
}

}  // namespace pimsoc
