/* isa_misaligned: misaligned loads and stores must be performed in hardware (pimsoc's default:
 * no misaligned trap). Any trap here goes to the default handler (report + exit 132/134).
 * Covers lw/lh/lhu/sw/sh at every misaligned offset, including a word crossing an 8-byte
 * boundary, and the compressed c.lw/c.sw/c.lwsp/c.swsp forms. */
#include "isa/test_macros.h"

#define C(insn...) .option push; .option rvc; insn; .option pop

RVTEST_BEGIN
    TEST_LD_OP(2, lw, 0x55443322, 1, mis_data)
    TEST_LD_OP(3, lw, 0x66554433, 2, mis_data)
    TEST_LD_OP(4, lw, 0x77665544, 3, mis_data)
    TEST_LD_OP(5, lw, 0xbbaa9988, 7, mis_data)
    TEST_LD_OP(6, lh, 0x00003322, 1, mis_data)
    TEST_LD_OP(7, lh, 0xffff9988, 7, mis_data)
    TEST_LD_OP(8, lhu, 0x00009988, 7, mis_data)
    TEST_LD_OP(9, lhu, 0x0000aa99, 8, mis_data)
    TEST_ST_OP(10, lw, sw, 0xa1b2c3d4, 1, st_data)
    TEST_ST_OP(11, lw, sw, 0x01020304, 6, st_data)
    TEST_ST_OP(12, lw, sw, 0xdeadbeef, 15, st_data)
    TEST_ST_OP(13, lh, sh, 0xffff8765, 3, st_data)
    TEST_ST_OP(14, lhu, sh, 0x00008765, 7, st_data)
    /* the bytes around a misaligned store are untouched */
    TEST_CASE(15, x14, 0x44332211, la x11, mis_data; lw x12, 0(x11); la x11, st_data; sw x12, 20(x11); sw x12, 24(x11); \
              li x13, 0xaabbccdd; sw x13, 22(x11); lw x14, 20(x11); li x13, 0xccdd2211; bne x14, x13, fail; lw x14, 24(x11); \
              li x13, 0x4433aabb; bne x14, x13, fail; li x14, 0x44332211)
    /* compressed forms */
    TEST_CASE(16, x10, 0x55443322, la x11, mis_data; addi x11, x11, 1; C(c.lw x10, 0(x11)))
    TEST_CASE(17, x14, 0x12345678, la x9, st_data; addi x9, x9, 33; li x13, 0x12345678; C(c.sw x13, 4(x9)); lw x14, 4(x9))
    TEST_CASE(18, x14, 0x0badf00d, mv x20, sp; addi sp, sp, -64; addi sp, sp, 2; li x12, 0x0badf00d; \
              C(c.swsp x12, 8(sp)); C(c.lwsp x14, 8(sp)); mv sp, x20)
RVTEST_END

RVTEST_DATA_BEGIN
mis_data:
    .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc
    .balign 16
st_data:
    .fill 16, 4, 0
RVTEST_DATA_END
