// A tiny RV32IMAC assembler for tests: one function per instruction, returning its encoding.
#pragma once

#include <cstdint>

namespace rvasm {

using u32 = uint32_t;
using u16 = uint16_t;

constexpr u32 r_type(u32 f7, u32 rs2, u32 rs1, u32 f3, u32 rd, u32 opc)
{
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
constexpr u32 i_type(int32_t imm, u32 rs1, u32 f3, u32 rd, u32 opc)
{
    return (static_cast<u32>(imm & 0xFFF) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
constexpr u32 s_type(int32_t imm, u32 rs2, u32 rs1, u32 f3, u32 opc)
{
    const u32 i = static_cast<u32>(imm);
    return (((i >> 5) & 0x7F) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((i & 0x1F) << 7) | opc;
}
constexpr u32 b_type(int32_t imm, u32 rs2, u32 rs1, u32 f3, u32 opc)
{
    const u32 i = static_cast<u32>(imm);
    return (((i >> 12) & 1) << 31) | (((i >> 5) & 0x3F) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
           (((i >> 1) & 0xF) << 8) | (((i >> 11) & 1) << 7) | opc;
}
constexpr u32 u_type(u32 imm20, u32 rd, u32 opc) { return (imm20 << 12) | (rd << 7) | opc; }
constexpr u32 j_type(int32_t imm, u32 rd, u32 opc)
{
    const u32 i = static_cast<u32>(imm);
    return (((i >> 20) & 1) << 31) | (((i >> 1) & 0x3FF) << 21) | (((i >> 11) & 1) << 20) | (((i >> 12) & 0xFF) << 12) |
           (rd << 7) | opc;
}

// RV32I
constexpr u32 lui(u32 rd, u32 imm20) { return u_type(imm20, rd, 0x37); }
constexpr u32 auipc(u32 rd, u32 imm20) { return u_type(imm20, rd, 0x17); }
constexpr u32 jal(u32 rd, int32_t off) { return j_type(off, rd, 0x6F); }
constexpr u32 jalr(u32 rd, u32 rs1, int32_t off) { return i_type(off, rs1, 0, rd, 0x67); }
constexpr u32 beq(u32 rs1, u32 rs2, int32_t off) { return b_type(off, rs2, rs1, 0, 0x63); }
constexpr u32 bne(u32 rs1, u32 rs2, int32_t off) { return b_type(off, rs2, rs1, 1, 0x63); }
constexpr u32 blt(u32 rs1, u32 rs2, int32_t off) { return b_type(off, rs2, rs1, 4, 0x63); }
constexpr u32 bge(u32 rs1, u32 rs2, int32_t off) { return b_type(off, rs2, rs1, 5, 0x63); }
constexpr u32 bltu(u32 rs1, u32 rs2, int32_t off) { return b_type(off, rs2, rs1, 6, 0x63); }
constexpr u32 bgeu(u32 rs1, u32 rs2, int32_t off) { return b_type(off, rs2, rs1, 7, 0x63); }
constexpr u32 lb(u32 rd, u32 rs1, int32_t off) { return i_type(off, rs1, 0, rd, 0x03); }
constexpr u32 lh(u32 rd, u32 rs1, int32_t off) { return i_type(off, rs1, 1, rd, 0x03); }
constexpr u32 lw(u32 rd, u32 rs1, int32_t off) { return i_type(off, rs1, 2, rd, 0x03); }
constexpr u32 lbu(u32 rd, u32 rs1, int32_t off) { return i_type(off, rs1, 4, rd, 0x03); }
constexpr u32 lhu(u32 rd, u32 rs1, int32_t off) { return i_type(off, rs1, 5, rd, 0x03); }
constexpr u32 sb(u32 rs2, u32 rs1, int32_t off) { return s_type(off, rs2, rs1, 0, 0x23); }
constexpr u32 sh(u32 rs2, u32 rs1, int32_t off) { return s_type(off, rs2, rs1, 1, 0x23); }
constexpr u32 sw(u32 rs2, u32 rs1, int32_t off) { return s_type(off, rs2, rs1, 2, 0x23); }
constexpr u32 addi(u32 rd, u32 rs1, int32_t imm) { return i_type(imm, rs1, 0, rd, 0x13); }
constexpr u32 slti(u32 rd, u32 rs1, int32_t imm) { return i_type(imm, rs1, 2, rd, 0x13); }
constexpr u32 sltiu(u32 rd, u32 rs1, int32_t imm) { return i_type(imm, rs1, 3, rd, 0x13); }
constexpr u32 xori(u32 rd, u32 rs1, int32_t imm) { return i_type(imm, rs1, 4, rd, 0x13); }
constexpr u32 ori(u32 rd, u32 rs1, int32_t imm) { return i_type(imm, rs1, 6, rd, 0x13); }
constexpr u32 andi(u32 rd, u32 rs1, int32_t imm) { return i_type(imm, rs1, 7, rd, 0x13); }
constexpr u32 slli(u32 rd, u32 rs1, u32 sh) { return i_type(static_cast<int32_t>(sh), rs1, 1, rd, 0x13); }
constexpr u32 srli(u32 rd, u32 rs1, u32 sh) { return i_type(static_cast<int32_t>(sh), rs1, 5, rd, 0x13); }
constexpr u32 srai(u32 rd, u32 rs1, u32 sh) { return i_type(static_cast<int32_t>(sh | 0x400), rs1, 5, rd, 0x13); }
constexpr u32 add(u32 rd, u32 rs1, u32 rs2) { return r_type(0, rs2, rs1, 0, rd, 0x33); }
constexpr u32 sub(u32 rd, u32 rs1, u32 rs2) { return r_type(0x20, rs2, rs1, 0, rd, 0x33); }
constexpr u32 sll(u32 rd, u32 rs1, u32 rs2) { return r_type(0, rs2, rs1, 1, rd, 0x33); }
constexpr u32 slt(u32 rd, u32 rs1, u32 rs2) { return r_type(0, rs2, rs1, 2, rd, 0x33); }
constexpr u32 sltu(u32 rd, u32 rs1, u32 rs2) { return r_type(0, rs2, rs1, 3, rd, 0x33); }
constexpr u32 xor_(u32 rd, u32 rs1, u32 rs2) { return r_type(0, rs2, rs1, 4, rd, 0x33); }
constexpr u32 srl(u32 rd, u32 rs1, u32 rs2) { return r_type(0, rs2, rs1, 5, rd, 0x33); }
constexpr u32 sra(u32 rd, u32 rs1, u32 rs2) { return r_type(0x20, rs2, rs1, 5, rd, 0x33); }
constexpr u32 or_(u32 rd, u32 rs1, u32 rs2) { return r_type(0, rs2, rs1, 6, rd, 0x33); }
constexpr u32 and_(u32 rd, u32 rs1, u32 rs2) { return r_type(0, rs2, rs1, 7, rd, 0x33); }
constexpr u32 fence() { return 0x0FF0000F; }
constexpr u32 fence_i() { return 0x0000100F; }
constexpr u32 ecall() { return 0x00000073; }
constexpr u32 ebreak() { return 0x00100073; }
constexpr u32 mret() { return 0x30200073; }
constexpr u32 wfi() { return 0x10500073; }
// Zicsr
constexpr u32 csrrw(u32 rd, u32 csr, u32 rs1) { return i_type(static_cast<int32_t>(csr), rs1, 1, rd, 0x73); }
constexpr u32 csrrs(u32 rd, u32 csr, u32 rs1) { return i_type(static_cast<int32_t>(csr), rs1, 2, rd, 0x73); }
constexpr u32 csrrc(u32 rd, u32 csr, u32 rs1) { return i_type(static_cast<int32_t>(csr), rs1, 3, rd, 0x73); }
constexpr u32 csrrwi(u32 rd, u32 csr, u32 uimm) { return i_type(static_cast<int32_t>(csr), uimm, 5, rd, 0x73); }
constexpr u32 csrrsi(u32 rd, u32 csr, u32 uimm) { return i_type(static_cast<int32_t>(csr), uimm, 6, rd, 0x73); }
constexpr u32 csrrci(u32 rd, u32 csr, u32 uimm) { return i_type(static_cast<int32_t>(csr), uimm, 7, rd, 0x73); }
// M
constexpr u32 mul(u32 rd, u32 rs1, u32 rs2) { return r_type(1, rs2, rs1, 0, rd, 0x33); }
constexpr u32 mulh(u32 rd, u32 rs1, u32 rs2) { return r_type(1, rs2, rs1, 1, rd, 0x33); }
constexpr u32 mulhsu(u32 rd, u32 rs1, u32 rs2) { return r_type(1, rs2, rs1, 2, rd, 0x33); }
constexpr u32 mulhu(u32 rd, u32 rs1, u32 rs2) { return r_type(1, rs2, rs1, 3, rd, 0x33); }
constexpr u32 div(u32 rd, u32 rs1, u32 rs2) { return r_type(1, rs2, rs1, 4, rd, 0x33); }
constexpr u32 divu(u32 rd, u32 rs1, u32 rs2) { return r_type(1, rs2, rs1, 5, rd, 0x33); }
constexpr u32 rem(u32 rd, u32 rs1, u32 rs2) { return r_type(1, rs2, rs1, 6, rd, 0x33); }
constexpr u32 remu(u32 rd, u32 rs1, u32 rs2) { return r_type(1, rs2, rs1, 7, rd, 0x33); }
// A (aq/rl = 0)
constexpr u32 amo(u32 funct5, u32 rd, u32 rs1, u32 rs2) { return r_type(funct5 << 2, rs2, rs1, 2, rd, 0x2F); }
constexpr u32 lr_w(u32 rd, u32 rs1) { return amo(0x02, rd, rs1, 0); }
constexpr u32 sc_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x03, rd, rs1, rs2); }
constexpr u32 amoswap_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x01, rd, rs1, rs2); }
constexpr u32 amoadd_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x00, rd, rs1, rs2); }
constexpr u32 amoxor_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x04, rd, rs1, rs2); }
constexpr u32 amoand_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x0C, rd, rs1, rs2); }
constexpr u32 amoor_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x08, rd, rs1, rs2); }
constexpr u32 amomin_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x10, rd, rs1, rs2); }
constexpr u32 amomax_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x14, rd, rs1, rs2); }
constexpr u32 amominu_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x18, rd, rs1, rs2); }
constexpr u32 amomaxu_w(u32 rd, u32 rs1, u32 rs2) { return amo(0x1C, rd, rs1, rs2); }

// C: rdp/rs1p/rs2p are full register numbers x8..x15.
constexpr u32 cr(u32 r) { return r - 8; }
constexpr u32 bit(u32 v, u32 n) { return (v >> n) & 1; }
constexpr u16 c16(u32 v) { return static_cast<u16>(v); }
constexpr u16 c_addi4spn(u32 rdp, u32 imm)
{
    return c16((bit(imm, 5) << 11) | (bit(imm, 4) << 12) | (((imm >> 6) & 0xF) << 7) | (bit(imm, 2) << 6) |
               (bit(imm, 3) << 5) | (cr(rdp) << 2));
}
constexpr u16 c_lw(u32 rdp, u32 rs1p, u32 off)
{
    return c16((2u << 13) | (((off >> 3) & 7) << 10) | (cr(rs1p) << 7) | (bit(off, 2) << 6) | (bit(off, 6) << 5) |
               (cr(rdp) << 2));
}
constexpr u16 c_sw(u32 rs2p, u32 rs1p, u32 off)
{
    return c16((6u << 13) | (((off >> 3) & 7) << 10) | (cr(rs1p) << 7) | (bit(off, 2) << 6) | (bit(off, 6) << 5) |
               (cr(rs2p) << 2));
}
constexpr u16 ci(u32 f3, u32 rd, int32_t imm, u32 op)
{
    const u32 i = static_cast<u32>(imm);
    return c16((f3 << 13) | (bit(i, 5) << 12) | (rd << 7) | ((i & 0x1F) << 2) | op);
}
constexpr u16 c_addi(u32 rd, int32_t imm) { return ci(0, rd, imm, 1); }
constexpr u16 c_nop() { return ci(0, 0, 0, 1); }
constexpr u16 c_li(u32 rd, int32_t imm) { return ci(2, rd, imm, 1); }
constexpr u16 c_lui(u32 rd, int32_t imm6) { return ci(3, rd, imm6, 1); }
constexpr u16 c_addi16sp(int32_t imm)
{
    const u32 i = static_cast<u32>(imm);
    return c16((3u << 13) | (bit(i, 9) << 12) | (2u << 7) | (bit(i, 4) << 6) | (bit(i, 6) << 5) | (((i >> 7) & 3) << 3) |
               (bit(i, 5) << 2) | 1);
}
constexpr u16 cj(u32 f3, int32_t off)
{
    const u32 i = static_cast<u32>(off);
    return c16((f3 << 13) | (bit(i, 11) << 12) | (bit(i, 4) << 11) | (((i >> 8) & 3) << 9) | (bit(i, 10) << 8) |
               (bit(i, 6) << 7) | (bit(i, 7) << 6) | (((i >> 1) & 7) << 3) | (bit(i, 5) << 2) | 1);
}
constexpr u16 c_jal(int32_t off) { return cj(1, off); }
constexpr u16 c_j(int32_t off) { return cj(5, off); }
constexpr u16 cb(u32 f3, u32 rs1p, int32_t off)
{
    const u32 i = static_cast<u32>(off);
    return c16((f3 << 13) | (bit(i, 8) << 12) | (((i >> 3) & 3) << 10) | (cr(rs1p) << 7) | (((i >> 6) & 3) << 5) |
               (((i >> 1) & 3) << 3) | (bit(i, 5) << 2) | 1);
}
constexpr u16 c_beqz(u32 rs1p, int32_t off) { return cb(6, rs1p, off); }
constexpr u16 c_bnez(u32 rs1p, int32_t off) { return cb(7, rs1p, off); }
constexpr u16 c_srli(u32 rdp, u32 sh) { return c16((4u << 13) | (bit(sh, 5) << 12) | (cr(rdp) << 7) | ((sh & 0x1F) << 2) | 1); }
constexpr u16 c_srai(u32 rdp, u32 sh)
{
    return c16((4u << 13) | (bit(sh, 5) << 12) | (1u << 10) | (cr(rdp) << 7) | ((sh & 0x1F) << 2) | 1);
}
constexpr u16 c_andi(u32 rdp, int32_t imm)
{
    const u32 i = static_cast<u32>(imm);
    return c16((4u << 13) | (bit(i, 5) << 12) | (2u << 10) | (cr(rdp) << 7) | ((i & 0x1F) << 2) | 1);
}
constexpr u16 c_arith(u32 f2, u32 rdp, u32 rs2p)
{
    return c16((4u << 13) | (3u << 10) | (cr(rdp) << 7) | (f2 << 5) | (cr(rs2p) << 2) | 1);
}
constexpr u16 c_sub(u32 rdp, u32 rs2p) { return c_arith(0, rdp, rs2p); }
constexpr u16 c_xor(u32 rdp, u32 rs2p) { return c_arith(1, rdp, rs2p); }
constexpr u16 c_or(u32 rdp, u32 rs2p) { return c_arith(2, rdp, rs2p); }
constexpr u16 c_and(u32 rdp, u32 rs2p) { return c_arith(3, rdp, rs2p); }
constexpr u16 c_slli(u32 rd, u32 sh) { return c16((bit(sh, 5) << 12) | (rd << 7) | ((sh & 0x1F) << 2) | 2); }
constexpr u16 c_lwsp(u32 rd, u32 off)
{
    return c16((2u << 13) | (bit(off, 5) << 12) | (rd << 7) | (((off >> 2) & 7) << 4) | (((off >> 6) & 3) << 2) | 2);
}
constexpr u16 c_swsp(u32 rs2, u32 off) { return c16((6u << 13) | (((off >> 2) & 0xF) << 9) | (((off >> 6) & 3) << 7) | (rs2 << 2) | 2); }
constexpr u16 c_jr(u32 rs1) { return c16((4u << 13) | (rs1 << 7) | 2); }
constexpr u16 c_mv(u32 rd, u32 rs2) { return c16((4u << 13) | (rd << 7) | (rs2 << 2) | 2); }
constexpr u16 c_ebreak() { return c16((4u << 13) | (1u << 12) | 2); }
constexpr u16 c_jalr(u32 rs1) { return c16((4u << 13) | (1u << 12) | (rs1 << 7) | 2); }
constexpr u16 c_add(u32 rd, u32 rs2) { return c16((4u << 13) | (1u << 12) | (rd << 7) | (rs2 << 2) | 2); }

}  // namespace rvasm
