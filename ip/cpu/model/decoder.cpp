#include "decoder.h"

namespace pimsoc::cpu {
namespace {

// Major opcodes (bits [6:0]).
constexpr uint32_t opc_load = 0x03;
constexpr uint32_t opc_misc_mem = 0x0F;
constexpr uint32_t opc_op_imm = 0x13;
constexpr uint32_t opc_auipc = 0x17;
constexpr uint32_t opc_store = 0x23;
constexpr uint32_t opc_amo = 0x2F;
constexpr uint32_t opc_op = 0x33;
constexpr uint32_t opc_lui = 0x37;
constexpr uint32_t opc_branch = 0x63;
constexpr uint32_t opc_jalr = 0x67;
constexpr uint32_t opc_jal = 0x6F;
constexpr uint32_t opc_system = 0x73;

constexpr uint32_t funct7_base = 0x00;
constexpr uint32_t funct7_alt = 0x20;  // sub, sra, srai
constexpr uint32_t funct7_muldiv = 0x01;

constexpr uint32_t insn_ecall = 0x00000073;
constexpr uint32_t insn_ebreak = 0x00100073;
constexpr uint32_t insn_mret = 0x30200073;
constexpr uint32_t insn_wfi = 0x10500073;

constexpr uint32_t bits(uint32_t v, unsigned hi, unsigned lo) { return (v >> lo) & ((1u << (hi - lo + 1)) - 1); }
constexpr uint32_t bit(uint32_t v, unsigned n) { return (v >> n) & 1u; }
constexpr int32_t sext(uint32_t v, unsigned width)
{
    const uint32_t m = 1u << (width - 1);
    return static_cast<int32_t>((v ^ m) - m);
}

DecodedInsn make(Op op, uint32_t rd, uint32_t rs1, uint32_t rs2, int32_t imm, unsigned len)
{
    DecodedInsn d;
    d.op = op;
    d.rd = static_cast<uint8_t>(rd);
    d.rs1 = static_cast<uint8_t>(rs1);
    d.rs2 = static_cast<uint8_t>(rs2);
    d.imm = imm;
    d.len = static_cast<uint8_t>(len);
    return d;
}

DecodedInsn illegal(uint32_t insn, unsigned len) { return make(Op::illegal, 0, 0, 0, static_cast<int32_t>(insn), len); }

int32_t imm_i(uint32_t i) { return static_cast<int32_t>(i) >> 20; }
int32_t imm_s(uint32_t i) { return sext((bits(i, 31, 25) << 5) | bits(i, 11, 7), 12); }
int32_t imm_b(uint32_t i)
{
    return sext((bit(i, 31) << 12) | (bit(i, 7) << 11) | (bits(i, 30, 25) << 5) | (bits(i, 11, 8) << 1), 13);
}
int32_t imm_u(uint32_t i) { return static_cast<int32_t>(i & 0xFFFFF000u); }
int32_t imm_j(uint32_t i)
{
    return sext((bit(i, 31) << 20) | (bits(i, 19, 12) << 12) | (bit(i, 20) << 11) | (bits(i, 30, 21) << 1), 21);
}

DecodedInsn decode_op(uint32_t i, uint32_t rd, uint32_t rs1, uint32_t rs2, uint32_t f3)
{
    static constexpr Op base_ops[8] = {Op::add, Op::sll, Op::slt, Op::sltu, Op::xor_, Op::srl, Op::or_, Op::and_};
    static constexpr Op muldiv_ops[8] = {Op::mul, Op::mulh, Op::mulhsu, Op::mulhu, Op::div, Op::divu, Op::rem, Op::remu};
    const uint32_t f7 = bits(i, 31, 25);
    if (f7 == funct7_base) {
        return make(base_ops[f3], rd, rs1, rs2, 0, 4);
    }
    if (f7 == funct7_muldiv) {
        return make(muldiv_ops[f3], rd, rs1, rs2, 0, 4);
    }
    if (f7 == funct7_alt && f3 == 0) {
        return make(Op::sub, rd, rs1, rs2, 0, 4);
    }
    if (f7 == funct7_alt && f3 == 5) {
        return make(Op::sra, rd, rs1, rs2, 0, 4);
    }
    return illegal(i, 4);
}

DecodedInsn decode_op_imm(uint32_t i, uint32_t rd, uint32_t rs1, uint32_t f3)
{
    const int32_t imm = imm_i(i);
    const uint32_t f7 = bits(i, 31, 25);
    const uint32_t shamt = bits(i, 24, 20);
    switch (f3) {
    case 0: return make(Op::addi, rd, rs1, 0, imm, 4);
    case 2: return make(Op::slti, rd, rs1, 0, imm, 4);
    case 3: return make(Op::sltiu, rd, rs1, 0, imm, 4);
    case 4: return make(Op::xori, rd, rs1, 0, imm, 4);
    case 6: return make(Op::ori, rd, rs1, 0, imm, 4);
    case 7: return make(Op::andi, rd, rs1, 0, imm, 4);
    case 1:
        return f7 == funct7_base ? make(Op::slli, rd, rs1, 0, static_cast<int32_t>(shamt), 4) : illegal(i, 4);
    default:  // 5
        if (f7 == funct7_base) {
            return make(Op::srli, rd, rs1, 0, static_cast<int32_t>(shamt), 4);
        }
        return f7 == funct7_alt ? make(Op::srai, rd, rs1, 0, static_cast<int32_t>(shamt), 4) : illegal(i, 4);
    }
}

DecodedInsn decode_amo(uint32_t i, uint32_t rd, uint32_t rs1, uint32_t rs2, uint32_t f3)
{
    constexpr uint32_t width_word = 2;
    if (f3 != width_word) {
        return illegal(i, 4);
    }
    Op op;
    switch (bits(i, 31, 27)) {
    case 0x02:
        if (rs2 != 0) {
            return illegal(i, 4);
        }
        op = Op::lr_w;
        break;
    case 0x03: op = Op::sc_w; break;
    case 0x01: op = Op::amoswap_w; break;
    case 0x00: op = Op::amoadd_w; break;
    case 0x04: op = Op::amoxor_w; break;
    case 0x0C: op = Op::amoand_w; break;
    case 0x08: op = Op::amoor_w; break;
    case 0x10: op = Op::amomin_w; break;
    case 0x14: op = Op::amomax_w; break;
    case 0x18: op = Op::amominu_w; break;
    case 0x1C: op = Op::amomaxu_w; break;
    default: return illegal(i, 4);
    }
    return make(op, rd, rs1, rs2, 0, 4);
}

DecodedInsn decode_system(uint32_t i, uint32_t rd, uint32_t rs1, uint32_t f3)
{
    static constexpr Op csr_ops[8] = {Op::illegal, Op::csrrw, Op::csrrs, Op::csrrc,
                                      Op::illegal, Op::csrrwi, Op::csrrsi, Op::csrrci};
    if (f3 == 0) {
        switch (i) {
        case insn_ecall: return make(Op::ecall, 0, 0, 0, 0, 4);
        case insn_ebreak: return make(Op::ebreak, 0, 0, 0, 0, 4);
        case insn_mret: return make(Op::mret, 0, 0, 0, 0, 4);
        case insn_wfi: return make(Op::wfi, 0, 0, 0, 0, 4);
        default: return illegal(i, 4);
        }
    }
    if (csr_ops[f3] == Op::illegal) {
        return illegal(i, 4);
    }
    return make(csr_ops[f3], rd, rs1, 0, static_cast<int32_t>(bits(i, 31, 20)), 4);
}

}  // namespace

DecodedInsn decode32(uint32_t i)
{
    const uint32_t rd = bits(i, 11, 7);
    const uint32_t rs1 = bits(i, 19, 15);
    const uint32_t rs2 = bits(i, 24, 20);
    const uint32_t f3 = bits(i, 14, 12);
    switch (bits(i, 6, 0)) {
    case opc_lui: return make(Op::lui, rd, 0, 0, imm_u(i), 4);
    case opc_auipc: return make(Op::auipc, rd, 0, 0, imm_u(i), 4);
    case opc_jal: return make(Op::jal, rd, 0, 0, imm_j(i), 4);
    case opc_jalr: return f3 == 0 ? make(Op::jalr, rd, rs1, 0, imm_i(i), 4) : illegal(i, 4);
    case opc_branch: {
        static constexpr Op ops[8] = {Op::beq, Op::bne, Op::illegal, Op::illegal, Op::blt, Op::bge, Op::bltu, Op::bgeu};
        return ops[f3] == Op::illegal ? illegal(i, 4) : make(ops[f3], 0, rs1, rs2, imm_b(i), 4);
    }
    case opc_load: {
        static constexpr Op ops[8] = {Op::lb, Op::lh, Op::lw, Op::illegal, Op::lbu, Op::lhu, Op::illegal, Op::illegal};
        return ops[f3] == Op::illegal ? illegal(i, 4) : make(ops[f3], rd, rs1, 0, imm_i(i), 4);
    }
    case opc_store: {
        static constexpr Op ops[8] = {Op::sb, Op::sh, Op::sw, Op::illegal, Op::illegal, Op::illegal, Op::illegal, Op::illegal};
        return ops[f3] == Op::illegal ? illegal(i, 4) : make(ops[f3], 0, rs1, rs2, imm_s(i), 4);
    }
    case opc_op_imm: return decode_op_imm(i, rd, rs1, f3);
    case opc_op: return decode_op(i, rd, rs1, rs2, f3);
    case opc_amo: return decode_amo(i, rd, rs1, rs2, f3);
    case opc_misc_mem:
        if (f3 == 0) {
            return make(Op::fence, 0, 0, 0, 0, 4);
        }
        return f3 == 1 ? make(Op::fence_i, 0, 0, 0, 0, 4) : illegal(i, 4);
    case opc_system: return decode_system(i, rd, rs1, f3);
    default: return illegal(i, 4);
    }
}

namespace {

constexpr uint32_t reg_sp = 2;
constexpr uint32_t reg_ra = 1;
constexpr uint32_t compressed_reg_base = 8;  // 3-bit register fields name x8..x15

uint32_t creg(uint32_t field) { return compressed_reg_base + field; }

int32_t cj_offset(uint32_t i)
{
    return sext((bit(i, 12) << 11) | (bit(i, 11) << 4) | (bits(i, 10, 9) << 8) | (bit(i, 8) << 10) | (bit(i, 7) << 6) |
                    (bit(i, 6) << 7) | (bits(i, 5, 3) << 1) | (bit(i, 2) << 5),
                12);
}

int32_t cb_offset(uint32_t i)
{
    return sext((bit(i, 12) << 8) | (bits(i, 11, 10) << 3) | (bits(i, 6, 5) << 6) | (bits(i, 4, 3) << 1) | (bit(i, 2) << 5),
                9);
}

int32_t ci_imm(uint32_t i) { return sext((bit(i, 12) << 5) | bits(i, 6, 2), 6); }

uint32_t cl_word_offset(uint32_t i) { return (bits(i, 12, 10) << 3) | (bit(i, 6) << 2) | (bit(i, 5) << 6); }

DecodedInsn decode_q0(uint32_t i)
{
    const uint32_t rd_rs2 = creg(bits(i, 4, 2));
    const uint32_t rs1 = creg(bits(i, 9, 7));
    switch (bits(i, 15, 13)) {
    case 0: {  // c.addi4spn; imm 0 (including the all-zero instruction) is reserved
        const uint32_t imm = (bits(i, 12, 11) << 4) | (bits(i, 10, 7) << 6) | (bit(i, 6) << 2) | (bit(i, 5) << 3);
        return imm == 0 ? illegal(i, 2) : make(Op::addi, rd_rs2, reg_sp, 0, static_cast<int32_t>(imm), 2);
    }
    case 2: return make(Op::lw, rd_rs2, rs1, 0, static_cast<int32_t>(cl_word_offset(i)), 2);
    case 6: return make(Op::sw, 0, rs1, rd_rs2, static_cast<int32_t>(cl_word_offset(i)), 2);
    default: return illegal(i, 2);  // floating-point loads/stores (no F/D) and the reserved slot
    }
}

DecodedInsn decode_q1(uint32_t i)
{
    const uint32_t rd = bits(i, 11, 7);
    const uint32_t rdp = creg(bits(i, 9, 7));
    const uint32_t rs2p = creg(bits(i, 4, 2));
    switch (bits(i, 15, 13)) {
    case 0: return make(Op::addi, rd, rd, 0, ci_imm(i), 2);  // c.addi / c.nop (and hints)
    case 1: return make(Op::jal, reg_ra, 0, 0, cj_offset(i), 2);
    case 2: return make(Op::addi, rd, 0, 0, ci_imm(i), 2);  // c.li
    case 3:
        if (rd == reg_sp) {  // c.addi16sp
            const int32_t imm = sext((bit(i, 12) << 9) | (bit(i, 6) << 4) | (bit(i, 5) << 6) | (bits(i, 4, 3) << 7) |
                                         (bit(i, 2) << 5),
                                     10);
            return imm == 0 ? illegal(i, 2) : make(Op::addi, reg_sp, reg_sp, 0, imm, 2);
        } else {  // c.lui; rd = x0 is a hint
            const int32_t imm = ci_imm(i) * (1 << 12);
            return imm == 0 ? illegal(i, 2) : make(Op::lui, rd, 0, 0, imm, 2);
        }
    case 4:
        switch (bits(i, 11, 10)) {
        case 0:  // c.srli; shamt[5] = 1 is reserved on RV32
            return bit(i, 12) ? illegal(i, 2) : make(Op::srli, rdp, rdp, 0, static_cast<int32_t>(bits(i, 6, 2)), 2);
        case 1:
            return bit(i, 12) ? illegal(i, 2) : make(Op::srai, rdp, rdp, 0, static_cast<int32_t>(bits(i, 6, 2)), 2);
        case 2: return make(Op::andi, rdp, rdp, 0, ci_imm(i), 2);
        default: {
            if (bit(i, 12)) {
                return illegal(i, 2);  // c.subw/c.addw are RV64 only; the rest is reserved
            }
            static constexpr Op ops[4] = {Op::sub, Op::xor_, Op::or_, Op::and_};
            return make(ops[bits(i, 6, 5)], rdp, rdp, rs2p, 0, 2);
        }
        }
    case 5: return make(Op::jal, 0, 0, 0, cj_offset(i), 2);
    case 6: return make(Op::beq, 0, rdp, 0, cb_offset(i), 2);
    default: return make(Op::bne, 0, rdp, 0, cb_offset(i), 2);
    }
}

DecodedInsn decode_q2(uint32_t i)
{
    const uint32_t rd = bits(i, 11, 7);
    const uint32_t rs2 = bits(i, 6, 2);
    switch (bits(i, 15, 13)) {
    case 0: return bit(i, 12) ? illegal(i, 2) : make(Op::slli, rd, rd, 0, static_cast<int32_t>(rs2), 2);
    case 2: {  // c.lwsp; rd = x0 is reserved
        const uint32_t imm = (bit(i, 12) << 5) | (bits(i, 6, 4) << 2) | (bits(i, 3, 2) << 6);
        return rd == 0 ? illegal(i, 2) : make(Op::lw, rd, reg_sp, 0, static_cast<int32_t>(imm), 2);
    }
    case 4:
        if (bit(i, 12) == 0) {
            if (rs2 == 0) {  // c.jr; rs1 = x0 is reserved
                return rd == 0 ? illegal(i, 2) : make(Op::jalr, 0, rd, 0, 0, 2);
            }
            return make(Op::add, rd, 0, rs2, 0, 2);  // c.mv
        }
        if (rs2 == 0) {
            return rd == 0 ? make(Op::ebreak, 0, 0, 0, 0, 2) : make(Op::jalr, reg_ra, rd, 0, 0, 2);
        }
        return make(Op::add, rd, rd, rs2, 0, 2);  // c.add
    case 6: {
        const uint32_t imm = (bits(i, 12, 9) << 2) | (bits(i, 8, 7) << 6);
        return make(Op::sw, 0, reg_sp, rs2, static_cast<int32_t>(imm), 2);
    }
    default: return illegal(i, 2);  // floating-point stack loads/stores
    }
}

}  // namespace

DecodedInsn decode16(uint16_t insn)
{
    const uint32_t i = insn;
    switch (i & 3u) {
    case 0: return decode_q0(i);
    case 1: return decode_q1(i);
    default: return decode_q2(i);
    }
}

DecodedInsn decode(uint32_t insn)
{
    const uint16_t low = static_cast<uint16_t>(insn);
    if (insn_length(low) == 2) {
        return decode16(low);
    }
    constexpr uint32_t longer_encoding = 0x1C;  // bits [4:2] = 111: 48-bit and longer formats
    if ((insn & longer_encoding) == longer_encoding) {
        return illegal(insn, 4);
    }
    return decode32(insn);
}

OpClass op_class(Op op)
{
    switch (op) {
    case Op::jal:
    case Op::jalr: return OpClass::jump;
    case Op::beq: case Op::bne: case Op::blt: case Op::bge: case Op::bltu: case Op::bgeu: return OpClass::branch;
    case Op::lb: case Op::lh: case Op::lw: case Op::lbu: case Op::lhu: return OpClass::load;
    case Op::sb: case Op::sh: case Op::sw: return OpClass::store;
    case Op::mul: case Op::mulh: case Op::mulhsu: case Op::mulhu: return OpClass::mul;
    case Op::div: case Op::divu: case Op::rem: case Op::remu: return OpClass::div;
    case Op::lr_w: case Op::sc_w: case Op::amoswap_w: case Op::amoadd_w: case Op::amoxor_w: case Op::amoand_w:
    case Op::amoor_w: case Op::amomin_w: case Op::amomax_w: case Op::amominu_w: case Op::amomaxu_w: return OpClass::amo;
    case Op::csrrw: case Op::csrrs: case Op::csrrc: case Op::csrrwi: case Op::csrrsi: case Op::csrrci: return OpClass::csr;
    case Op::fence_i: case Op::ecall: case Op::ebreak: case Op::mret: case Op::wfi: case Op::illegal: case Op::undecoded:
    case Op::trigger_fire:
    case Op::debug_break:
        return OpClass::system;
    default: return OpClass::alu;
    }
}

const char* op_name(Op op)
{
    static constexpr const char* names[] = {
        "undecoded", "illegal", "lui", "auipc", "jal", "jalr", "beq", "bne", "blt", "bge", "bltu", "bgeu",
        "lb", "lh", "lw", "lbu", "lhu", "sb", "sh", "sw", "addi", "slti", "sltiu", "xori", "ori", "andi",
        "slli", "srli", "srai", "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
        "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "lr.w", "sc.w", "amoswap.w",
        "amoadd.w", "amoxor.w", "amoand.w", "amoor.w", "amomin.w", "amomax.w", "amominu.w", "amomaxu.w",
        "fence", "fence.i", "ecall", "ebreak", "mret", "wfi", "csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi",
        "csrrci", "trigger", "debug_break"};
    static_assert(sizeof(names) / sizeof(names[0]) == static_cast<unsigned>(Op::count_), "one name per Op");
    return names[static_cast<unsigned>(op)];
}

}  // namespace pimsoc::cpu
