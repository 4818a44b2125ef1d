/* isa_pmp: physical memory protection seen from machine mode (privileged spec 3.7), on pimsoc
 * and on QEMU virt (the differential suite runs it on both): unlocked entries read back and do not
 * restrict M-mode; a locked entry applies to M-mode: NAPOT, NA4 and TOR regions refuse loads
 * (mcause 5), stores (7) and fetches (1) they do not permit, with mtval = the faulting address;
 * locked entries ignore writes (a locked TOR entry also locks the address below it). Locks last
 * until reset, so each case uses its own entries and its own part of pmp_buf; the rest of memory
 * matches no entry and stays accessible, so the program can still report. */
#include "isa/test_macros.h"
#include "cpu/csr_regs.h"

#define NAPOT(base_reg, size) srli base_reg, base_reg, 2; ori base_reg, base_reg, ((size) >> 3) - 1
#define CFG(entry, bits) ((bits) << (8 * ((entry) % 4)))

RVTEST_BEGIN
    INSTALL_TEST_TRAP_HANDLER

    /* ---- entry 15 (unlocked, OFF) reads back what was written and protects nothing */
    TEST_CASE(2, x14, 0x12345678, li x11, 0x12345678; csrw pmpaddr15, x11; csrr x14, pmpaddr15)
    TEST_CASE(3, x14, CFG(15, PMP_R | PMP_W | PMP_X), li x11, CFG(15, PMP_R | PMP_W | PMP_X); csrw pmpcfg3, x11; \
              csrr x14, pmpcfg3)

    /* ---- entry 0: locked NAPOT, read-only: pmp_buf[0..63] */
    TEST_CASE(4, x14, CFG(0, PMP_L | PMP_A_NAPOT | PMP_R), la x11, pmp_buf; NAPOT(x11, 64); csrw pmpaddr0, x11; \
              li x11, CFG(0, PMP_L | PMP_A_NAPOT | PMP_R); csrw pmpcfg0, x11; csrr x14, pmpcfg0)
    TEST_CASE(5, x14, 0x11111111, CLEAR_TRAP_REGS; la x11, pmp_buf; lw x14, 60(x11)); CHECK_EQ(x28, 0)
    TEST_CASE(6, x28, CAUSE_STORE_ACCESS, CLEAR_TRAP_REGS; la x11, pmp_buf; 1: sw x0, 4(x11)); \
              la x13, 1b; CHECK_REG_EQ(x29, x13); addi x13, x11, 4; CHECK_REG_EQ(x30, x13); lw x15, 4(x11); \
              CHECK_EQ(x15, 0x11111111)
    /* locked: its address and config ignore writes */
    TEST_CASE(7, x14, 1, la x11, pmp_buf; NAPOT(x11, 64); csrw pmpaddr0, x0; csrr x12, pmpaddr0; \
              li x13, CFG(0, PMP_R | PMP_W | PMP_X); csrw pmpcfg0, x13; csrr x13, pmpcfg0; \
              xor x12, x12, x11; li x7, CFG(0, PMP_L | PMP_A_NAPOT | PMP_R); xor x13, x13, x7; or x12, x12, x13; \
              seqz x14, x12)

    /* ---- entry 1: locked NA4 without permissions: pmp_buf[64..67] */
    TEST_CASE(8, x28, CAUSE_LOAD_ACCESS, CLEAR_TRAP_REGS; la x11, pmp_buf + 64; srli x12, x11, 2; csrw pmpaddr1, x12; \
              li x12, CFG(0, PMP_L | PMP_A_NAPOT | PMP_R) | CFG(1, PMP_L | PMP_A_NA4); csrw pmpcfg0, x12; \
              li x14, 0x77; 1: lw x14, 0(x11)); CHECK_EQ(x14, 0x77); CHECK_REG_EQ(x30, x11)
    TEST_CASE(9, x14, 0x22222222, CLEAR_TRAP_REGS; la x11, pmp_buf + 64; lw x14, 4(x11)); CHECK_EQ(x28, 0)

    /* ---- entries 2 (OFF, the bottom) and 3 (locked TOR, read-only): pmp_buf[128..191] */
    TEST_CASE(10, x28, CAUSE_STORE_ACCESS, CLEAR_TRAP_REGS; la x11, pmp_buf + 128; srli x12, x11, 2; csrw pmpaddr2, x12; \
              addi x12, x12, 16; csrw pmpaddr3, x12; \
              li x12, CFG(0, PMP_L | PMP_A_NAPOT | PMP_R) | CFG(1, PMP_L | PMP_A_NA4) | CFG(3, PMP_L | PMP_A_TOR | PMP_R); \
              csrw pmpcfg0, x12; 1: sw x0, 60(x11)); addi x13, x11, 60; CHECK_REG_EQ(x30, x13)
    TEST_CASE(11, x24, 3, CLEAR_TRAP_REGS; la x11, pmp_buf + 128; sw x0, 64(x11); sw x0, -4(x11); lw x14, 0(x11))
    /* the locked TOR entry locks pmpaddr2 too */
    TEST_CASE(12, x14, 1, la x11, pmp_buf + 128; srli x11, x11, 2; csrw pmpaddr2, x0; csrr x12, pmpaddr2; \
              xor x12, x12, x11; seqz x14, x12)

    /* ---- entry 4: locked NAPOT without X over pmp_code: fetches fault */
    TEST_CASE(13, x28, CAUSE_FETCH_ACCESS, CLEAR_TRAP_REGS; la x26, return_to_ra; csrw mtvec, x26; \
              la x11, pmp_code; NAPOT(x11, 64); csrw pmpaddr4, x11; li x12, CFG(4, PMP_L | PMP_A_NAPOT | PMP_R); \
              csrw pmpcfg1, x12; li x14, 0; la x11, pmp_code; jalr ra, x11, 0); \
              CHECK_REG_EQ(x29, x11); CHECK_REG_EQ(x30, x11); CHECK_EQ(x14, 0); INSTALL_TEST_TRAP_HANDLER
    /* it may still be read */
    TEST_CASE(14, x14, 0x00170713, la x11, pmp_code; lw x14, 0(x11))

    RESTORE_DEFAULT_TRAP_HANDLER
    j pass

    TEST_TRAP_HANDLER

/* A fetch fault inside pmp_code: record it like the test handler, then return to the caller. */
    .balign 64
return_to_ra:
    csrr x28, mcause
    csrr x29, mepc
    csrr x30, mtval
    addi x24, x24, 1
    csrw mepc, ra
    mret

    .balign 64
pmp_code:
    addi x14, x14, 1
    ret
    .balign 64
RVTEST_END

RVTEST_DATA_BEGIN
    .balign 256
pmp_buf:
    .fill 16, 4, 0x11111111
    .fill 16, 4, 0x22222222
    .fill 32, 4, 0x33333333
RVTEST_DATA_END
