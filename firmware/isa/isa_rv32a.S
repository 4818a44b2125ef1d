/* isa_rv32a: RV32A: lr.w / sc.w (success and failure paths) and every AMO
 * (amoswap, amoadd, amoxor, amoand, amoor, amomin, amomax, amominu, amomaxu), each returning
 * the old memory value; .aq/.rl variants; rd = x0. */
#include "isa/test_macros.h"

RVTEST_BEGIN
    /* ---- AMOs: TEST_AMO_OP(n, inst, init, operand, mem_after) */
    TEST_AMO_OP(2, amoswap.w, 0x12345678, 0xdeadbeef, 0xdeadbeef)
    TEST_AMO_OP(3, amoswap.w, 0x00000000, 0xffffffff, 0xffffffff)
    TEST_AMO_OP(4, amoadd.w, 0x00000001, 0x00000002, 0x00000003)
    TEST_AMO_OP(5, amoadd.w, 0x7fffffff, 0x00000001, 0x80000000)
    TEST_AMO_OP(6, amoadd.w, 0xffffffff, 0x00000001, 0x00000000)
    TEST_AMO_OP(7, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0)
    TEST_AMO_OP(8, amoand.w, 0xff00ff00, 0x0ff00ff0, 0x0f000f00)
    TEST_AMO_OP(9, amoor.w, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0)
    TEST_AMO_OP(10, amomin.w, 0x00000005, 0xfffffffb, 0xfffffffb)
    TEST_AMO_OP(11, amomin.w, 0xfffffffb, 0x00000005, 0xfffffffb)
    TEST_AMO_OP(12, amomin.w, 0x80000000, 0x7fffffff, 0x80000000)
    TEST_AMO_OP(13, amomin.w, 0x00000007, 0x00000007, 0x00000007)
    TEST_AMO_OP(14, amomax.w, 0x00000005, 0xfffffffb, 0x00000005)
    TEST_AMO_OP(15, amomax.w, 0xfffffffb, 0x00000005, 0x00000005)
    TEST_AMO_OP(16, amomax.w, 0x80000000, 0x7fffffff, 0x7fffffff)
    TEST_AMO_OP(17, amominu.w, 0x00000005, 0xfffffffb, 0x00000005)
    TEST_AMO_OP(18, amominu.w, 0xfffffffb, 0x00000005, 0x00000005)
    TEST_AMO_OP(19, amominu.w, 0x80000000, 0x7fffffff, 0x7fffffff)
    TEST_AMO_OP(20, amomaxu.w, 0x00000005, 0xfffffffb, 0xfffffffb)
    TEST_AMO_OP(21, amomaxu.w, 0xfffffffb, 0x00000005, 0xfffffffb)
    TEST_AMO_OP(22, amomaxu.w, 0x80000000, 0x7fffffff, 0x80000000)
    /* ordering bits do not change the result */
    TEST_AMO_OP(23, amoadd.w.aq, 0x00000010, 0x00000020, 0x00000030)
    TEST_AMO_OP(24, amoadd.w.rl, 0x00000010, 0x00000020, 0x00000030)
    TEST_AMO_OP(25, amoswap.w.aqrl, 0x00000010, 0x00000020, 0x00000020)
    /* rd = x0: memory still updated */
    TEST_CASE(26, x15, 0x00000007, la x11, amo_word; li x12, 3; sw x12, 0(x11); li x13, 4; amoadd.w x0, x13, (x11); lw x15, 0(x11))
    /* rd == rs2: old value lands in rd, new value computed from the old rs2 */
    TEST_CASE(27, x13, 0x00000003, la x11, amo_word; li x12, 3; sw x12, 0(x11); li x13, 4; amoadd.w x13, x13, (x11)); lw x15, 0(x11); CHECK_EQ(x15, 7)
    /* AMO on the second word of a pair leaves the first alone */
    TEST_CASE(28, x15, 0x11111111, la x11, amo_word; li x12, 0x11111111; sw x12, 0(x11); addi x11, x11, 4; li x13, 1; amoswap.w x14, x13, (x11); addi x11, x11, -4; lw x15, 0(x11))

    /* ---- LR/SC */
    /* success: lr reads the value, sc writes 0 to rd and stores */
    TEST_CASE(29, x14, 0x00000064, la x11, amo_word; li x12, 100; sw x12, 0(x11); lr.w x14, (x11))
    TEST_CASE(30, x15, 0, li x13, 200; sc.w x15, x13, (x11)); lw x16, 0(x11); CHECK_EQ(x16, 200)
    /* failure: the reservation is gone after a successful sc -> non-zero rd, no store */
    TEST_CASE(31, x16, 200, li x13, 300; sc.w x15, x13, (x11); lw x16, 0(x11)); CHECK_NE(x15, 0)
    /* failure: sc to an address outside the reservation set */
    TEST_CASE(32, x16, 0x00000055, la x11, amo_word; la x12, far_word; li x13, 0x55; sw x13, 0(x12); \
              lr.w x14, (x11); li x13, 0x66; sc.w x15, x13, (x12); lw x16, 0(x12)); CHECK_NE(x15, 0)
    /* the failed sc above left no reservation: another sc to amo_word fails too */
    TEST_CASE(33, x16, 200, la x11, amo_word; li x13, 0x77; sc.w x15, x13, (x11); lw x16, 0(x11)); CHECK_NE(x15, 0)
    /* success with .aq/.rl, and rd = x0 */
    TEST_CASE(34, x16, 0x0000abcd, la x11, amo_word; lr.w.aq x14, (x11); li x13, 0xabcd; sc.w.rl x0, x13, (x11); lw x16, 0(x11))
    /* lr/sc loop: atomic increment, 10 times */
    TEST_CASE(35, x16, 10, la x11, amo_word; sw x0, 0(x11); li x17, 10; \
              1: lr.w x14, (x11); addi x14, x14, 1; sc.w x15, x14, (x11); bnez x15, 1b; addi x17, x17, -1; bnez x17, 1b; \
              lw x16, 0(x11))
RVTEST_END

RVTEST_DATA_BEGIN
amo_word:
    .word 0, 0
    .balign 256
far_word:
    .word 0
RVTEST_DATA_END
