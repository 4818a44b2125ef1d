/* isa_zifencei: self-modifying code. Runs a routine, overwrites one of its instructions,
 * executes fence.i and checks that the new instruction runs; also patches straight-line code
 * just ahead of the pc. .text lives in writable RAM. */
#include "isa/test_macros.h"

#define ADDI_X14_X0(imm) (((imm) << 20) | (14 << 7) | 0x13) /* addi x14, x0, imm */

RVTEST_BEGIN
    /* original routine returns 1 */
    TEST_CASE(2, x14, 1, jal x1, smc_routine)
    /* patch to addi x14, x0, 2; fence.i; call */
    TEST_CASE(3, x14, 2, la x11, smc_routine; li x12, ADDI_X14_X0(2); sw x12, 0(x11); fence.i; jal x1, smc_routine)
    /* patch again (2047), executed twice */
    TEST_CASE(4, x14, 2047, la x11, smc_routine; li x12, ADDI_X14_X0(2047); sw x12, 0(x11); fence.i; jal x1, smc_routine; \
              li x14, 0; jal x1, smc_routine)
    /* patch the next instructions in straight-line code */
    TEST_CASE(5, x14, 0x00000155, la x11, 1f; li x12, ADDI_X14_X0(0x155); sw x12, 0(x11); fence.i; \
              1: addi x14, x0, 1)
    /* patch a loop body between iterations: first pass adds 1, later passes add 16 */
    TEST_CASE(6, x14, 0x21, li x14, 0; li x13, 3; la x11, 2f; li x12, 0x01070713 /* addi x14, x14, 16 */; \
              1: addi x13, x13, -1; 2: addi x14, x14, 1; sw x12, 0(x11); fence.i; bnez x13, 1b)
    /* restore the routine */
    TEST_CASE(7, x14, 1, la x11, smc_routine; li x12, ADDI_X14_X0(1); sw x12, 0(x11); fence.i; jal x1, smc_routine)
    j pass

    .balign 4
smc_routine:
    addi x14, x0, 1
    ret
RVTEST_END
