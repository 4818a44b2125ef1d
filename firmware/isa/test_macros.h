/* pimsoc ISA self-test macros, in the spirit of riscv-tests (written for pimsoc).
 *
 * A test program is one assembly file:
 *     #include "isa/test_macros.h"
 *     RVTEST_BEGIN
 *     TEST_RR_OP(2, add, 3, 1, 2)
 *     ...
 *     RVTEST_END
 * Each case has a number (TESTNUM, kept in x31). The first failing case jumps to `fail`, which
 * prints "FAIL test N" on the UART, writes (N << 1) | 1 to tohost and exits through the finisher
 * with code N. Reaching RVTEST_END prints "PASS", writes 1 to tohost and exits 0.
 *
 * Register use: x31 = TESTNUM, x7 = expected value, x11/x12/x13 = operands, x14 = result.
 * gp (x3) and tp (x4) are never touched (the C reporting code needs them); sp (x2) is restored
 * by tests that change it. Code is assembled with .option norvc/norelax (exact 32-bit encodings)
 * unless a test switches to .option rvc on purpose.
 * Immediates are written as signed decimals; 32-bit values may be written in hex.
 */
#ifndef PIMSOC_ISA_TEST_MACROS_H
#define PIMSOC_ISA_TEST_MACROS_H

#define TESTNUM x31

/* ---------------------------------------------------------------- program frame */

#define RVTEST_BEGIN                     \
    .section .text.isa_test, "ax", @progbits; \
    .option norvc;                       \
    .option norelax;                     \
    .globl main;                         \
    .type main, @function;               \
main:                                    \
    li TESTNUM, 0;

#define RVTEST_END                       \
pass:                                    \
    li TESTNUM, 0;                       \
    .option push; .option relax;         \
    tail isa_pass;                       \
    .option pop;                         \
fail:                                    \
    mv a0, TESTNUM;                      \
    .option push; .option relax;         \
    tail isa_fail;                       \
    .option pop;                         \
    .size main, . - main;

#define RVTEST_DATA_BEGIN .section .data.isa_test, "aw", @progbits; .balign 64;
#define RVTEST_DATA_END

/* ---------------------------------------------------------------- basic cases */

/* Runs `code`, then requires register testreg == correctval. */
#define TEST_CASE(testnum, testreg, correctval, code...) \
test_##testnum:                                          \
    li TESTNUM, testnum;                                 \
    code;                                                \
    li x7, correctval;                                   \
    bne testreg, x7, fail;

/* Requires reg == val inside a case (extra checks under the same number). */
#define CHECK_EQ(reg, val) li x7, val; bne reg, x7, fail;
#define CHECK_REG_EQ(reg1, reg2) bne reg1, reg2, fail;
#define CHECK_NE(reg, val) li x7, val; beq reg, x7, fail;

/* reg-reg ALU: x14 = inst(val1, val2) */
#define TEST_RR_OP(testnum, inst, result, val1, val2) \
    TEST_CASE(testnum, x14, result, li x11, val1; li x12, val2; inst x14, x11, x12)
/* rd == rs1, rd == rs2, rs1 == rs2 */
#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2) \
    TEST_CASE(testnum, x11, result, li x11, val1; li x12, val2; inst x11, x11, x12)
#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2) \
    TEST_CASE(testnum, x12, result, li x11, val1; li x12, val2; inst x12, x11, x12)
#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val1) \
    TEST_CASE(testnum, x11, result, li x11, val1; inst x11, x11, x11)
/* x0 as a source reads 0; x0 as destination stays 0 */
#define TEST_RR_ZEROSRC1(testnum, inst, result, val) \
    TEST_CASE(testnum, x14, result, li x12, val; inst x14, x0, x12)
#define TEST_RR_ZEROSRC2(testnum, inst, result, val) \
    TEST_CASE(testnum, x14, result, li x11, val; inst x14, x11, x0)
#define TEST_RR_ZERODEST(testnum, inst, val1, val2) \
    TEST_CASE(testnum, x0, 0, li x11, val1; li x12, val2; inst x0, x11, x12)

/* reg-imm ALU: x14 = inst(val1, imm) */
#define TEST_IMM_OP(testnum, inst, result, val1, imm) \
    TEST_CASE(testnum, x14, result, li x11, val1; inst x14, x11, imm)
#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm) \
    TEST_CASE(testnum, x11, result, li x11, val1; inst x11, x11, imm)
#define TEST_IMM_ZEROSRC1(testnum, inst, result, imm) \
    TEST_CASE(testnum, x14, result, inst x14, x0, imm)
#define TEST_IMM_ZERODEST(testnum, inst, val1, imm) \
    TEST_CASE(testnum, x0, 0, li x11, val1; inst x0, x11, imm)

/* loads: x14 = inst offset(base) */
#define TEST_LD_OP(testnum, inst, result, offset, base) \
    TEST_CASE(testnum, x14, result, la x11, base; inst x14, offset(x11))
/* stores: store result at offset(base), read it back with load_inst */
#define TEST_ST_OP(testnum, load_inst, store_inst, result, offset, base) \
    TEST_CASE(testnum, x14, result, la x11, base; li x12, result;        \
              store_inst x12, offset(x11); load_inst x14, offset(x11))

/* branches: taken cases jump both forward and backward, not-taken cases fall through twice */
#define TEST_BR2_OP_TAKEN(testnum, inst, val1, val2) \
test_##testnum:                                      \
    li TESTNUM, testnum;                             \
    li x11, val1;                                    \
    li x12, val2;                                    \
    inst x11, x12, 2f;                               \
    j fail;                                          \
1:  j 3f;                                            \
2:  inst x11, x12, 1b;                               \
    j fail;                                          \
3:

#define TEST_BR2_OP_NOTTAKEN(testnum, inst, val1, val2) \
test_##testnum:                                         \
    li TESTNUM, testnum;                                \
    li x11, val1;                                       \
    li x12, val2;                                       \
    inst x11, x12, 1f;                                  \
    j 2f;                                               \
1:  j fail;                                             \
2:  inst x11, x12, 1b;                                  \
3:

/* AMO: memory word = init; x14 = inst(x13 = operand, (x11)); requires x14 == init (old value)
 * and memory == mem_after */
#define TEST_AMO_OP(testnum, inst, init, operand, mem_after) \
    TEST_CASE(testnum, x14, init, la x11, amo_word; li x12, init; sw x12, 0(x11); \
              li x13, operand; inst x14, x13, (x11));                               \
    lw x15, 0(x11);                                                                 \
    CHECK_EQ(x15, mem_after)

/* ---------------------------------------------------------------- traps
 * TEST_TRAP_HANDLER defines `test_trap_handler` (64-byte aligned, usable in direct and vectored
 * mode for exceptions). It records mcause -> x28, mepc -> x29, mtval -> x30, mstatus -> x25,
 * counts traps in x24, and returns past the trapping instruction (mepc + 2 or + 4 from the
 * instruction's low bits). Uses x26 as scratch. INSTALL_TEST_TRAP_HANDLER points mtvec at it;
 * CLEAR_TRAP_REGS zeroes the record before a case. */
#define TEST_TRAP_HANDLER                 \
    .balign 64;                           \
test_trap_handler:                        \
    csrr x28, mcause;                     \
    csrr x29, mepc;                       \
    csrr x30, mtval;                      \
    csrr x25, mstatus;                    \
    addi x24, x24, 1;                     \
    lhu x26, 0(x29);                      \
    andi x26, x26, 3;                     \
    addi x26, x26, -3;                    \
    beqz x26, 91f;                        \
    addi x26, x29, 2;                     \
    j 92f;                                \
91: addi x26, x29, 4;                     \
92: csrw mepc, x26;                       \
    mret;

#define INSTALL_TEST_TRAP_HANDLER la x26, test_trap_handler; csrw mtvec, x26; li x24, 0;
#define RESTORE_DEFAULT_TRAP_HANDLER la x26, trap_vector; csrw mtvec, x26;
#define CLEAR_TRAP_REGS li x28, 0; li x29, 0; li x30, 0; li x25, 0;

#endif /* PIMSOC_ISA_TEST_MACROS_H */
