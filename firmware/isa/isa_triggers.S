/* isa_triggers: debug triggers (Sdtrig, type 2 mcontrol) on pimsoc: four triggers found through
 * tselect, execute/load/store address matches raising a breakpoint exception (mcause 3, mtval =
 * the address) before the instruction or the access, only with the m bit and tcontrol.mte set, the
 * hit bit, and mte cleared in the handler (so its own accesses do not fire) and restored by mret.
 * Not in the differential suite: QEMU 7.2 has no tcontrol and matches only "equal". */
#include "isa/test_macros.h"
#include "cpu/csr_regs.h"

#define MCONTROL (TDATA1_TYPE_MCONTROL << TDATA1_TYPE_SHIFT)
#define MATCH(m) ((m) << MCONTROL_MATCH_SHIFT)

RVTEST_BEGIN
    INSTALL_TEST_TRAP_HANDLER

    /* ---- four triggers: a tselect beyond them is ignored */
    TEST_CASE(2, x14, 3, li x11, 3; csrw tselect, x11; li x11, 4; csrw tselect, x11; csrr x14, tselect)
    TEST_CASE(3, x14, 0, csrw tselect, x0; csrr x14, tselect)
    TEST_CASE(4, x14, 0, csrr x14, tcontrol)

    /* ---- execute trigger: fires before the instruction (it does not run) */
    TEST_CASE(5, x28, CAUSE_BREAKPOINT, CLEAR_TRAP_REGS; li x11, TCONTROL_MTE; csrw tcontrol, x11; \
              la x11, 1f; csrw tdata2, x11; li x12, MCONTROL | MCONTROL_M | MCONTROL_EXECUTE; csrw tdata1, x12; \
              li x14, 0; 1: addi x14, x14, 1); CHECK_EQ(x14, 0); CHECK_REG_EQ(x29, x11); CHECK_REG_EQ(x30, x11)
    /* the hit bit is set; mret restored mte */
    TEST_CASE(6, x14, MCONTROL_HIT, csrr x14, tdata1; li x11, MCONTROL_HIT; and x14, x14, x11)
    TEST_CASE(7, x14, TCONTROL_MTE | TCONTROL_MPTE, csrr x14, tcontrol)
    /* without the m bit it does not fire */
    TEST_CASE(8, x14, 1, CLEAR_TRAP_REGS; la x11, 1f; csrw tdata2, x11; li x12, MCONTROL | MCONTROL_EXECUTE; \
              csrw tdata1, x12; li x14, 0; 1: addi x14, x14, 1); CHECK_EQ(x28, 0)

    /* ---- load trigger (trigger 1): fires before the load, not on a store */
    TEST_CASE(9, x28, CAUSE_BREAKPOINT, CLEAR_TRAP_REGS; li x11, 1; csrw tselect, x11; la x11, watched; \
              csrw tdata2, x11; li x12, MCONTROL | MCONTROL_M | MCONTROL_LOAD; csrw tdata1, x12; \
              sw x0, 0(x11); li x14, 0x77; 1: lw x14, 0(x11)); CHECK_EQ(x14, 0x77); CHECK_REG_EQ(x30, x11); \
              la x13, 1b; CHECK_REG_EQ(x29, x13)
    TEST_CASE(10, x24, 2, csrw tdata1, x0; la x11, watched; lw x14, 0(x11))

    /* ---- store trigger (trigger 2) on a NAPOT range watched+16 .. watched+31 */
    TEST_CASE(11, x28, CAUSE_BREAKPOINT, CLEAR_TRAP_REGS; li x11, 2; csrw tselect, x11; la x11, watched + 16; \
              ori x12, x11, 7; csrw tdata2, x12; li x12, MCONTROL | MATCH(MCONTROL_MATCH_NAPOT) | MCONTROL_M | MCONTROL_STORE; \
              csrw tdata1, x12; sw x0, 16(x11); sw x0, -4(x11); li x13, 0x55; 1: sb x13, 15(x11)); \
              addi x13, x11, 15; CHECK_REG_EQ(x30, x13); lbu x15, 15(x11); CHECK_EQ(x15, 0xaa)
    TEST_CASE(12, x24, 3, csrw tdata1, x0; nop)

    RESTORE_DEFAULT_TRAP_HANDLER
    j pass

    TEST_TRAP_HANDLER
RVTEST_END

RVTEST_DATA_BEGIN
watched:
    .fill 16, 4, 0xaaaaaaaa
RVTEST_DATA_END
