// Configuration of the pure ISS core: per-instruction-class cycle costs and architectural options.
#pragma once

#include <cstdint>

namespace pimsoc::cpu {

// Cycles charged per retired instruction, by class. Defaults are an estimate for a simple in-order
// 4/5-stage RV32 core (CV32E40P user manual "instruction latencies" table, riscv-vp's cycle model):
// single-cycle ALU, 3-cycle taken branches (pipeline flush), 2-cycle jumps, loads with an average
// load-use stall, iterative divider.
struct CycleTable {
    uint32_t alu = 1;               // register/immediate arithmetic, lui, auipc, fence
    uint32_t branch_taken = 3;      // taken conditional branch
    uint32_t branch_not_taken = 1;  // not-taken conditional branch
    uint32_t jump = 2;              // jal, jalr
    uint32_t load = 2;              // lb..lw (includes an average load-use stall)
    uint32_t store = 1;             // sb, sh, sw
    uint32_t mul = 1;               // mul, mulh, mulhsu, mulhu
    uint32_t div = 35;              // div, divu, rem, remu (worst case of an iterative divider)
    uint32_t csr = 4;               // csrrw .. csrrci
    uint32_t amo = 4;               // lr.w, sc.w, amo*.w (read-modify-write on the bus)
    uint32_t system = 4;            // ecall, ebreak, mret, wfi, fence.i, and trap/interrupt entry
};

struct CoreConfig {
    CycleTable cycles;
    // false: misaligned loads/stores are performed (as Zicclsm cores do); true: they raise
    // load/store address-misaligned exceptions. Misaligned LR/SC/AMOs always trap.
    bool trap_misaligned = false;
    uint32_t hart_id = 0;
    // Physical memory protection: number of entries (0, 16 or 64) and the granularity in bytes (a
    // power of two >= 4); Pmp::check_config() says what is wrong with other values.
    uint32_t pmp_entries = 16;
    uint32_t pmp_granularity = 4;
    // Translate hot basic blocks to host code (block_jit.h; x86-64 hosts only). Same results as
    // the interpreter, instruction for instruction and cycle for cycle; false: interpreter only.
    bool jit = true;
};

}  // namespace pimsoc::cpu
