#include "cpu/cpu_params.h"

#include <stdexcept>

#include "cpu/model/pmp.h"

namespace pimsoc {

void CpuParams::bind(const ParamBinder& b)
{
    b.bind("clock_hz", clock_hz, "Hz", "core clock frequency");
    b.bind("trap_misaligned", trap_misaligned, "",
           "misaligned loads/stores raise address-misaligned traps instead of being performed");
    b.bind("max_instructions", max_instructions, "instructions",
           "end the simulation after this many attempted instructions (retired or trapped); 0 = no limit");
    b.bind("dmi", dmi, "", "access memories through DMI pointers when the target allows it");
    b.bind("jit", jit, "", "translate basic blocks to x86-64 code (same results as the interpreter; false: interpreter only)");
    b.bind("hart_id", hart_id, "", "value of the mhartid CSR");
    b.bind("pmp_entries", pmp_entries, "", "physical memory protection entries: 0, 16 or 64");
    b.bind("pmp_granularity", pmp_granularity, "bytes", "PMP granularity: a power of two from 4 to 2^31");
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
    energy.bind(b.scope("energy"));
}

void CpuEnergyParams::bind(const ParamBinder& b)
{
    b.bind("alu_pj", alu_pj, "pJ", "dynamic energy per ALU instruction (also lui, auipc, fence); estimate");
    b.bind("branch_pj", branch_pj, "pJ", "per conditional branch; estimate");
    b.bind("jump_pj", jump_pj, "pJ", "per jal/jalr; estimate");
    b.bind("load_pj", load_pj, "pJ", "per load, core side (the memory bills its access); estimate");
    b.bind("store_pj", store_pj, "pJ", "per store, core side (the memory bills its access); estimate");
    b.bind("mul_pj", mul_pj, "pJ", "per multiply (base + 3.1 pJ int32 mult, Horowitz ISSCC 2014)");
    b.bind("div_pj", div_pj, "pJ", "per divide/remainder (iterative divider); estimate");
    b.bind("csr_pj", csr_pj, "pJ", "per CSR instruction; estimate");
    b.bind("amo_pj", amo_pj, "pJ", "per LR/SC/AMO, core side; estimate");
    b.bind("system_pj", system_pj, "pJ", "per ecall/ebreak/mret/wfi/fence.i that retires; estimate");
    b.bind("trap_pj", trap_pj, "pJ", "per trap or interrupt entry; estimate");
    b.bind("leakage_uw", leakage_uw, "uW", "static power of the core while powered (also asleep in wfi); estimate");
    b.bind("area_um2", area_um2, "um2", "core area (small RV32IMAC core, 25-40 kGE at 45 nm); estimate");
}

cpu::CoreConfig CpuParams::core_config() const
{
    cpu::CoreConfig config;
    config.cycles = cycles;
    config.trap_misaligned = trap_misaligned;
    config.hart_id = hart_id;
    const std::string problem = cpu::Pmp::check_config(pmp_entries, pmp_granularity);
    if (!problem.empty()) {
        throw std::invalid_argument(problem);
    }
    config.pmp_entries = static_cast<uint32_t>(pmp_entries);
    config.pmp_granularity = static_cast<uint32_t>(pmp_granularity);
    config.jit = jit;
    return config;
}

}  // namespace pimsoc
