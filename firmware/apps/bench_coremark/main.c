/* bench_coremark: a CPU-bound integer workload in the style of CoreMark (written for pimsoc, not
 * the EEMBC code, and not comparable with CoreMark scores). Each iteration runs (coremark.c)
 *   - list:   find and merge-sort a 64-node linked list (by value, then back by index),
 *   - matrix: 16x16 int16 matrix add-constant, multiply-constant, matrix-matrix multiply (int32),
 *             multiply with bit extraction,
 *   - state:  a number-scanning state machine over a 256-byte string that changes each iteration,
 * and folds every result into a CRC16. Prints the iteration count and the final CRC, then checks
 * the CRC against the value the host computes for the same count (expected.h): exit 0 when it
 * matches, 1 with a FAIL line when it differs, 2 when expected.h has no value for the count.
 * Deterministic: no timers, no input. Change the work with -DBENCH_ITERATIONS=<n> (default 4500,
 * about 500 million RV32IMAC instructions, ~111k per iteration). -DBENCH_PRINT_INSTRET also prints
 * minstret (off by default: the count differs between simulators). */
#include <stdint.h>
#include <stdio.h>

#include "coremark.h"
#include "expected.h"
#include "hal/csr.h"

#ifndef BENCH_ITERATIONS
#define BENCH_ITERATIONS 4500
#endif

int main(void)
{
    uint16_t crc = coremark_crc(BENCH_ITERATIONS);
    printf("bench_coremark: iterations=%lu crc=0x%04x\n", (unsigned long)BENCH_ITERATIONS, crc);
#ifdef BENCH_PRINT_INSTRET
    printf("%s: minstret=%llu\n", "bench_coremark", (unsigned long long)csr_read_minstret64());
#endif
    return bench_check("bench_coremark", BENCH_ITERATIONS, crc, coremark_expected,
                       sizeof coremark_expected / sizeof coremark_expected[0]);
}
