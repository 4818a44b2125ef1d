/* bench_conv: an int8 convolution layer as a CPU workload (conv.c).
 * Input 32x32x8 (HWC, int8), 16 filters of 5x5x8 (int8), zero padding 2, stride 1 -> output
 * 32x32x16; int32 accumulation + bias, requantized to int8 with a fixed-point multiplier and
 * shift (round half up, saturate), ReLU. Each iteration feeds a mix of its output back as the next
 * input, so no run repeats. Prints the iteration count and a CRC32 over all outputs, then checks
 * the CRC against the value the host computes for the same count (expected.h): exit 0 when it
 * matches, 1 with a FAIL line when it differs, 2 when expected.h has no value for the count.
 * -DBENCH_PRINT_INSTRET also prints minstret (not deterministic across simulators: off by default).
 * Deterministic. Change the work with -DBENCH_ITERATIONS=<n> (default 20, about 513 million
 * RV32IMAC instructions, ~25.7 million per iteration). */
#include <stdint.h>
#include <stdio.h>

#include "conv.h"
#include "expected.h"
#include "hal/csr.h"

#ifndef BENCH_ITERATIONS
#define BENCH_ITERATIONS 20
#endif

int main(void)
{
    uint32_t crc = conv_crc(BENCH_ITERATIONS);
    printf("bench_conv: iterations=%lu crc32=0x%08lx\n", (unsigned long)BENCH_ITERATIONS,
           (unsigned long)crc);
#ifdef BENCH_PRINT_INSTRET
    printf("%s: minstret=%llu\n", "bench_conv", (unsigned long long)csr_read_minstret64());
#endif
    return bench_check("bench_conv", BENCH_ITERATIONS, crc, conv_expected,
                       sizeof conv_expected / sizeof conv_expected[0]);
}
