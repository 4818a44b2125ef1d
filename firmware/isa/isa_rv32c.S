/* isa_rv32c: every RV32C instruction, written with its c. mnemonic inside .option rvc so the
 * assembler emits exactly the 16-bit form (checks around them are 32-bit).
 * c.addi4spn c.lw c.sw c.nop c.addi c.jal c.li c.addi16sp c.lui c.srli c.srai c.andi c.sub c.xor
 * c.or c.and c.j c.beqz c.bnez c.slli c.lwsp c.jr c.mv c.jalr c.add c.swsp (c.ebreak: isa_traps). */
#include "isa/test_macros.h"

#define C(insn...) .option push; .option rvc; insn; .option pop

RVTEST_BEGIN
    /* c.addi4spn rd', sp, nzuimm (x4 scaled, 4..1020) */
    TEST_CASE(2, x14, 16, C(c.addi4spn x10, sp, 16); sub x14, x10, sp)
    TEST_CASE(3, x14, 1020, C(c.addi4spn x15, sp, 1020); sub x14, x15, sp)
    TEST_CASE(4, x14, 4, C(c.addi4spn x8, sp, 4); sub x14, x8, sp)

    /* c.lw / c.sw: offsets 0..124, registers x8..x15 */
    TEST_CASE(5, x10, 0xdeadbeef, la x11, c_data; C(c.lw x10, 0(x11)))
    TEST_CASE(6, x12, 0x80000001, la x11, c_data; C(c.lw x12, 124(x11)))
    TEST_CASE(7, x11, 0x12345678, la x11, c_data; C(c.lw x11, 4(x11)))
    TEST_CASE(8, x14, 0xcafef00d, la x9, c_data; li x13, 0xcafef00d; C(c.sw x13, 8(x9)); lw x14, 8(x9))
    TEST_CASE(9, x14, 0x0badc0de, la x8, c_data; li x15, 0x0badc0de; C(c.sw x15, 120(x8)); lw x14, 120(x8))

    /* c.nop */
    TEST_CASE(10, x14, 3, li x14, 3; C(c.nop))

    /* c.addi rd, nzimm (-32..31) */
    TEST_CASE(11, x14, 0xffffffe0, li x14, 0; C(c.addi x14, -32))
    TEST_CASE(12, x14, 32, li x14, 1; C(c.addi x14, 31))
    TEST_CASE(13, x20, 0x80000000, li x20, 0x7fffffff; C(c.addi x20, 1))
    TEST_CASE(14, x1, 0xffffffff, li x1, 0; C(c.addi x1, -1))

    /* c.li rd, imm (-32..31) */
    TEST_CASE(15, x14, 0xffffffe0, li x14, 0; C(c.li x14, -32))
    TEST_CASE(16, x14, 31, li x14, 0; C(c.li x14, 31))
    TEST_CASE(17, x20, 0, li x20, 5; C(c.li x20, 0))

    /* c.lui rd, nzimm (1..31 or 0xfffe0..0xfffff) */
    TEST_CASE(18, x14, 0x00001000, C(c.lui x14, 1))
    TEST_CASE(19, x14, 0x0001f000, C(c.lui x14, 0x1f))
    TEST_CASE(20, x14, 0xfffff000, C(c.lui x14, 0xfffff))
    TEST_CASE(21, x30, 0xfffe0000, C(c.lui x30, 0xfffe0))

    /* c.addi16sp sp, nzimm (x16 scaled, -512..496) */
    TEST_CASE(22, x14, 64, mv x20, sp; C(c.addi16sp sp, -64); sub x14, x20, sp; C(c.addi16sp sp, 64); bne sp, x20, fail)
    TEST_CASE(23, x14, 512, mv x20, sp; C(c.addi16sp sp, -512); sub x14, x20, sp; C(c.addi16sp sp, 496); C(c.addi16sp sp, 16); bne sp, x20, fail)

    /* c.srli / c.srai / c.andi (rd' in x8..x15) */
    TEST_CASE(24, x10, 1, li x10, 0x80000000; C(c.srli x10, 31))
    TEST_CASE(25, x10, 0x7fffffff, li x10, 0xffffffff; C(c.srli x10, 1))
    TEST_CASE(26, x15, 0x00123456, li x15, 0x12345678; C(c.srli x15, 8))
    TEST_CASE(27, x10, 0xffffffff, li x10, 0x80000000; C(c.srai x10, 31))
    TEST_CASE(28, x10, 0xf8000000, li x10, 0x80000000; C(c.srai x10, 4))
    TEST_CASE(29, x10, 0x3fffffff, li x10, 0x7ffffffe; C(c.srai x10, 1))
    TEST_CASE(30, x10, 0xff00ff00, li x10, 0xff00ff00; C(c.andi x10, -1))
    TEST_CASE(31, x10, 0x00000018, li x10, 0x12345678; C(c.andi x10, 31))
    TEST_CASE(32, x10, 0x12345660, li x10, 0x12345678; C(c.andi x10, -32))
    TEST_CASE(33, x8, 0, li x8, 0x12345678; C(c.andi x8, 0))

    /* c.sub / c.xor / c.or / c.and (rd', rs2' in x8..x15) */
    TEST_CASE(34, x10, 0xfffffffe, li x10, 5; li x11, 7; C(c.sub x10, x11))
    TEST_CASE(35, x12, 0x80000000, li x12, 0x7fffffff; li x13, 0xffffffff; C(c.sub x12, x13))
    TEST_CASE(36, x10, 0xf0f0f0f0, li x10, 0xff00ff00; li x11, 0x0ff00ff0; C(c.xor x10, x11))
    TEST_CASE(37, x14, 0xfff0fff0, li x14, 0xff00ff00; li x15, 0x0ff00ff0; C(c.or x14, x15))
    TEST_CASE(38, x9, 0x0f000f00, li x9, 0xff00ff00; li x8, 0x0ff00ff0; C(c.and x9, x8))
    TEST_CASE(39, x10, 0, li x10, 0x12345678; C(c.xor x10, x10))

    /* c.slli rd, shamt (any rd) */
    TEST_CASE(40, x14, 0x80000000, li x14, 1; C(c.slli x14, 31))
    TEST_CASE(41, x20, 0x23456780, li x20, 0x12345678; C(c.slli x20, 4))
    TEST_CASE(42, x1, 0xfffffffe, li x1, 0xffffffff; C(c.slli x1, 1))

    /* c.mv / c.add (any rd, rs2 != x0) */
    TEST_CASE(43, x14, 0x12345678, li x11, 0x12345678; li x14, 0; C(c.mv x14, x11))
    TEST_CASE(44, x20, 0x80000000, li x21, 0x80000000; C(c.mv x20, x21))
    TEST_CASE(45, x14, 0x00000000, li x14, 0xffffffff; li x11, 1; C(c.add x14, x11))
    TEST_CASE(46, x20, 0x2468acf0, li x20, 0x12345678; C(c.add x20, x20))
    TEST_CASE(47, x30, 0x80000000, li x30, 0x7fffffff; li x29, 1; C(c.add x30, x29))

    /* c.swsp / c.lwsp (offsets 0..252, any register) */
    TEST_CASE(48, x14, 0x11223344, addi sp, sp, -256; li x12, 0x11223344; C(c.swsp x12, 0(sp)); \
              C(c.lwsp x14, 0(sp)); addi sp, sp, 256)
    TEST_CASE(49, x20, 0x55667788, addi sp, sp, -256; li x21, 0x55667788; C(c.swsp x21, 252(sp)); \
              lw x20, 252(sp); addi sp, sp, 256)
    TEST_CASE(50, x30, 0x99aabbcc, addi sp, sp, -256; li x12, 0x99aabbcc; sw x12, 128(sp); \
              C(c.lwsp x30, 128(sp)); addi sp, sp, 256)

    /* c.j: forward and backward */
    TEST_CASE(51, x14, 1, li x14, 0; C(c.j 2f); j fail; 1: addi x14, x14, 1; C(c.j 3f); j fail; 2: C(c.j 1b); j fail; 3:)
    /* c.beqz / c.bnez: taken forward/backward and not taken */
    TEST_CASE(52, x14, 2, li x14, 0; li x10, 0; C(c.beqz x10, 2f); j fail; 1: addi x14, x14, 1; j 3f; 2: addi x14, x14, 1; C(c.beqz x10, 1b); j fail; 3:)
    TEST_CASE(53, x14, 1, li x14, 0; li x10, 0x80000000; C(c.beqz x10, 1f); addi x14, x14, 1; 1:)
    TEST_CASE(54, x14, 2, li x14, 0; li x15, 0xffffffff; C(c.bnez x15, 2f); j fail; 1: addi x14, x14, 1; j 3f; 2: addi x14, x14, 1; C(c.bnez x15, 1b); j fail; 3:)
    TEST_CASE(55, x14, 1, li x14, 0; li x15, 0; C(c.bnez x15, 1f); addi x14, x14, 1; 1:)

    /* c.jal: ra = pc + 2; c.jr back through ra */
    TEST_CASE(56, x20, 0, li x1, 0; C(c.jal 2f); 1: j 3f; 2: la x13, 1b; sub x20, x1, x13; C(c.jr x1); j fail; 3:)
    /* c.jalr rs1: ra = pc + 2 */
    TEST_CASE(57, x20, 0, la x5, 2f; li x1, 0; C(c.jalr x5); 1: j 3f; 2: la x13, 1b; sub x20, x1, x13; jr x1; 3:)
    /* c.jalr with rs1 == ra: target read before ra is written */
    TEST_CASE(58, x20, 0, la x1, 2f; C(c.jalr x1); 1: j 3f; 2: la x13, 1b; sub x20, x1, x13; jr x1; 3:)
    /* c.jr to a non-ra register */
    TEST_CASE(59, x14, 7, li x14, 7; la x6, 1f; C(c.jr x6); li x14, 0; 1:)

    /* a run of compressed code with 32-bit instructions at 2-byte aligned addresses */
    TEST_CASE(60, x10, 0x00000036, .option push; .option rvc; .balign 4; c.li x10, 1; addi x10, x10, 2; c.slli x10, 4; \
              c.nop; addi x10, x10, 6; c.li x11, 0; .option pop)
RVTEST_END

RVTEST_DATA_BEGIN
c_data:
    .word 0xdeadbeef, 0x12345678
    .fill 29, 4, 0
    .word 0x80000001
RVTEST_DATA_END
