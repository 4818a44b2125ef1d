/* isa_counters: the counter CSRs' write and inhibit rules on pimsoc. A write to either half of
 * minstret/mcycle writes the 64-bit counter and replaces the writing instruction's increment;
 * mcountinhibit CY/IR freeze mcycle/minstret (TM and the absent hpm counters read 0); the user
 * aliases cycle/time/instret(h) are read-only; mcounteren does not exist (no U-mode). Not in the
 * differential suite: QEMU's counters follow host time unless run with -icount. */
#include "isa/test_macros.h"
#include "cpu/csr_regs.h"

#define CSR_MCOUNTEREN_NUM 0x306

RVTEST_BEGIN
    INSTALL_TEST_TRAP_HANDLER

    /* ---- a write to minstreth does not carry this instruction's increment into the high half */
    TEST_CASE(2, x14, 0, li x11, -1; csrw minstret, x11; csrw minstreth, x11; nop; csrr x14, minstret)
    TEST_CASE(3, x14, 0, li x11, -1; csrw minstret, x11; csrw minstreth, x11; nop; csrr x14, minstreth)
    TEST_CASE(4, x14, 100, li x11, 100; csrw minstret, x11; csrr x14, minstret)
    /* mcycle: after the write the counter counts only the following instructions' cycles */
    TEST_CASE(5, x14, 1, li x11, -1; csrw mcycle, x11; csrw mcycleh, x11; csrr x12, mcycleh; seqz x14, x12)

    /* ---- mcountinhibit freezes both views; clearing it resumes counting */
    TEST_CASE(6, x14, 0, csrwi mcountinhibit, MCOUNTINHIBIT_CY | MCOUNTINHIBIT_IR; csrr x11, minstret; nop; nop; \
              csrr x12, minstret; sub x14, x12, x11)
    TEST_CASE(7, x14, 0, csrr x11, mcycle; nop; nop; csrr x12, mcycle; sub x14, x12, x11)
    TEST_CASE(8, x14, 1, csrr x11, cycle; csrr x12, instret; csrr x13, mcycle; xor x13, x13, x11; seqz x14, x13)
    TEST_CASE(9, x14, 1, csrwi mcountinhibit, 0; csrr x11, minstret; csrr x12, minstret; sub x14, x12, x11)
    TEST_CASE(10, x14, MCOUNTINHIBIT_CY | MCOUNTINHIBIT_IR, li x11, -1; csrw mcountinhibit, x11; \
              csrr x14, mcountinhibit; csrw mcountinhibit, x0)

    /* ---- read-only aliases and no mcounteren: illegal instruction, mtval = the instruction */
    TEST_CASE(11, x28, CAUSE_ILLEGAL_INSTRUCTION, CLEAR_TRAP_REGS; 1: csrw cycle, x0); la x13, 1b; CHECK_REG_EQ(x29, x13)
    TEST_CASE(12, x28, CAUSE_ILLEGAL_INSTRUCTION, CLEAR_TRAP_REGS; csrw time, x0)
    TEST_CASE(13, x28, CAUSE_ILLEGAL_INSTRUCTION, CLEAR_TRAP_REGS; csrw instret, x0)
    TEST_CASE(14, x28, CAUSE_ILLEGAL_INSTRUCTION, CLEAR_TRAP_REGS; csrw cycleh, x0)
    TEST_CASE(15, x28, CAUSE_ILLEGAL_INSTRUCTION, CLEAR_TRAP_REGS; csrw timeh, x0)
    TEST_CASE(16, x28, CAUSE_ILLEGAL_INSTRUCTION, CLEAR_TRAP_REGS; csrsi instreth, 1)
    TEST_CASE(17, x28, CAUSE_ILLEGAL_INSTRUCTION, CLEAR_TRAP_REGS; csrr x14, CSR_MCOUNTEREN_NUM)
    TEST_CASE(18, x24, 7, nop)

    RESTORE_DEFAULT_TRAP_HANDLER
    j pass

    TEST_TRAP_HANDLER
RVTEST_END
