// One decoded instruction: a dense opcode (switch dispatch becomes a jump table) with the operand
// fields pre-extracted, so execution never looks at instruction bits again.
#pragma once

#include <cstdint>

namespace pimsoc::cpu {

enum class Op : uint8_t {
    undecoded = 0,  // zero-initialised cache entries: decode on first execution
    illegal,        // imm holds the instruction bits (mtval)
    lui, auipc, jal, jalr,
    beq, bne, blt, bge, bltu, bgeu,
    lb, lh, lw, lbu, lhu, sb, sh, sw,
    addi, slti, sltiu, xori, ori, andi, slli, srli, srai,
    add, sub, sll, slt, sltu, xor_, srl, sra, or_, and_,
    mul, mulh, mulhsu, mulhu, div, divu, rem, remu,
    lr_w, sc_w, amoswap_w, amoadd_w, amoxor_w, amoand_w, amoor_w, amomin_w, amomax_w, amominu_w, amomaxu_w,
    fence, fence_i, ecall, ebreak, mret, wfi,
    csrrw, csrrs, csrrc, csrrwi, csrrsi, csrrci,  // imm = CSR address; for *i forms rs1 = uimm
    trigger_fire,  // an armed execute trigger matches this pc: breakpoint before the instruction runs
    debug_break,  // a debugger's breakpoint at this pc (not an instruction: halts before it, counts nothing)
    count_
};

enum class OpClass : uint8_t { alu, branch, jump, load, store, mul, div, csr, amo, system };

OpClass op_class(Op op);
const char* op_name(Op op);

struct DecodedInsn {
    Op op = Op::undecoded;
    uint8_t rd = 0;   // architectural rd; the core maps x0 to a scratch register
    uint8_t rs1 = 0;
    uint8_t rs2 = 0;
    int32_t imm = 0;
    uint16_t cycles = 0;  // cost from the cycle table (branches: the not-taken cost)
    uint8_t len = 0;      // 2 (compressed) or 4 bytes
    uint8_t reserved = 0;
    // The hot loop's handler for op (opaque here: DecodedCache::set_dispatch); 0 = undecoded.
    // Kept in the entry so that dispatch is one load from it, not op -> table -> handler.
    int32_t dispatch = 0;
};
static_assert(sizeof(DecodedInsn) == 16, "keep decoded entries small: they fill the decoded cache");

}  // namespace pimsoc::cpu
