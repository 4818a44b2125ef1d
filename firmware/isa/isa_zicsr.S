/* isa_zicsr: CSR instructions and the pimsoc machine-mode CSR rules:
 * csrrw/csrrs/csrrc and the immediate forms on mscratch (old value returned, rd = x0 forms),
 * csrrs/csrrc with rs1 = x0 (and csrrsi/csrrci with 0) never write, so they may read read-only
 * CSRs; writing a read-only CSR is an illegal instruction (mcause 2); misa = 0x40001105
 * (RV32 IMAC + U); mhartid = 0; mcycle and minstret (and cycle/instret) increase. */
#include "isa/test_macros.h"

#define PIMSOC_MISA 0x40001105

RVTEST_BEGIN
    INSTALL_TEST_TRAP_HANDLER

    /* ---- identification */
    TEST_CASE(2, x14, PIMSOC_MISA, csrr x14, misa)
    TEST_CASE(3, x14, 0, csrr x14, mhartid)
    TEST_CASE(4, x24, 0, csrr x14, mvendorid; csrr x14, marchid; csrr x14, mimpid)  /* readable, no trap */

    /* ---- mscratch read/write forms */
    TEST_CASE(5, x14, 0x12345678, li x11, 0x12345678; csrw mscratch, x11; csrr x14, mscratch)
    TEST_CASE(6, x14, 0x12345678, li x11, 0xcafef00d; csrrw x14, mscratch, x11); csrr x15, mscratch; CHECK_EQ(x15, 0xcafef00d)
    TEST_CASE(7, x14, 0xcafef00d, li x11, 0x00000ff2; csrrs x14, mscratch, x11); csrr x15, mscratch; CHECK_EQ(x15, 0xcafeffff)
    TEST_CASE(8, x14, 0xcafeffff, li x11, 0xffff0000; csrrc x14, mscratch, x11); csrr x15, mscratch; CHECK_EQ(x15, 0x0000ffff)
    TEST_CASE(9, x14, 0x0000ffff, csrrwi x14, mscratch, 31); csrr x15, mscratch; CHECK_EQ(x15, 31)
    TEST_CASE(10, x14, 31, csrrci x14, mscratch, 5); csrr x15, mscratch; CHECK_EQ(x15, 26)
    TEST_CASE(11, x14, 26, csrrsi x14, mscratch, 1); csrr x15, mscratch; CHECK_EQ(x15, 27)
    TEST_CASE(12, x14, 0x80000000, li x11, 0x80000000; csrrw x0, mscratch, x11; csrr x14, mscratch)
    TEST_CASE(13, x14, 0x80000001, csrsi mscratch, 1; csrr x14, mscratch)
    TEST_CASE(14, x14, 0x00000001, li x11, 0x80000000; csrc mscratch, x11; csrr x14, mscratch)
    TEST_CASE(15, x14, 0x00000000, csrci mscratch, 1; csrr x14, mscratch)
    TEST_CASE(16, x14, 0x5a5a5a5a, li x11, 0x5a5a5a5a; csrw mscratch, x11; csrrs x14, mscratch, x0; csrrc x15, mscratch, x0; \
              csrrsi x15, mscratch, 0; csrrci x15, mscratch, 0; csrr x14, mscratch)
    /* rd == rs1: the old value is returned, the new value comes from the old rs1 */
    TEST_CASE(17, x11, 0x5a5a5a5a, li x11, 0x77; csrrw x11, mscratch, x11); csrr x15, mscratch; CHECK_EQ(x15, 0x77)

    /* ---- no write when rs1 = x0 / uimm = 0: reading read-only CSRs does not trap */
    TEST_CASE(18, x24, 0, csrrs x14, mhartid, x0; csrrc x14, mhartid, x0; csrrsi x14, mhartid, 0; \
              csrrci x14, mvendorid, 0; csrr x14, cycle; csrr x14, instret; csrr x14, misa)

    /* ---- writes to read-only CSRs are illegal instructions (mtval = the instruction bits) */
    TEST_CASE(19, x28, 2, CLEAR_TRAP_REGS; li x11, 1; 1: csrw mhartid, x11); la x13, 1b; CHECK_REG_EQ(x29, x13)
    TEST_CASE(20, x28, 2, CLEAR_TRAP_REGS; 1: csrrs x14, mvendorid, x11); la x13, 1b; CHECK_REG_EQ(x29, x13)
    TEST_CASE(21, x28, 2, CLEAR_TRAP_REGS; 1: csrrwi x0, mhartid, 0); la x13, 1b; CHECK_REG_EQ(x29, x13)
    TEST_CASE(22, x28, 2, CLEAR_TRAP_REGS; 1: csrw cycle, x11); la x13, 1b; CHECK_REG_EQ(x29, x13)
    TEST_CASE(23, x28, 2, CLEAR_TRAP_REGS; 1: csrrci x14, marchid, 1); la x13, 1b; CHECK_REG_EQ(x29, x13)
    /* unimp (csrrw x0, cycle, x0) is the canonical illegal instruction */
    TEST_CASE(24, x28, 2, CLEAR_TRAP_REGS; 1: .word 0xc0001073); CHECK_EQ(x30, 0xc0001073)
    TEST_CASE(25, x30, 0xf1401073, CLEAR_TRAP_REGS; csrrw x0, mhartid, x0)
    TEST_CASE(26, x24, 7, nop)  /* exactly the 7 traps above */

    /* ---- counters */
    TEST_CASE(27, x14, 1, csrr x11, minstret; nop; nop; nop; nop; csrr x12, minstret; sltu x14, x11, x12)
    TEST_CASE(28, x14, 1, csrr x11, mcycle; nop; nop; nop; nop; csrr x12, mcycle; sltu x14, x11, x12)
    TEST_CASE(29, x14, 1, csrr x11, instret; li x13, 100; 1: addi x13, x13, -1; bnez x13, 1b; csrr x12, instret; \
              sub x12, x12, x11; sltiu x14, x12, 200; xori x14, x14, 1)   /* >= 200 instructions retired */
    TEST_CASE(30, x14, 1, csrr x11, cycle; li x13, 10; 1: addi x13, x13, -1; bnez x13, 1b; csrr x12, cycle; sltu x14, x11, x12)
    TEST_CASE(31, x24, 7, csrr x14, mcycleh; csrr x14, minstreth; csrr x14, cycleh; csrr x14, instreth) /* readable */

    /* ---- other machine CSRs hold what is written */
    TEST_CASE(32, x14, 0x80000100, li x11, 0x80000100; csrw mepc, x11; csrr x14, mepc)
    TEST_CASE(33, x14, 0x00000000, csrw mie, x0; csrr x14, mie)

    RESTORE_DEFAULT_TRAP_HANDLER
    j pass

    TEST_TRAP_HANDLER
RVTEST_END
