/* The verdict of a benchmark app (bench_coremark, bench_conv): its checksum against the expected
 * value for its iteration count. The expected values are computed independently of the VP, by the
 * same kernel built for the host (tests/bench/bench_reference.c, ctest
 * bench_expected_values_match_host), so a CPU model that computes wrongly makes the benchmark fail
 * instead of printing a MIPS figure for a wrong run. Plain C: the host reference includes it too. */
#ifndef PIMSOC_APPS_BENCH_CHECK_H
#define PIMSOC_APPS_BENCH_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct bench_expected {
    uint32_t iterations;
    uint32_t checksum;
};

/* 0 if `checksum` is the table's value for `iterations`; otherwise prints one line
 * "<name>: FAIL: ..." and returns 1 (a wrong result) or 2 (no expected value for that count). */
static inline int bench_check(const char *name, uint32_t iterations, uint32_t checksum,
                              const struct bench_expected *table, size_t entries)
{
    for (size_t i = 0; i < entries; i++) {
        if (table[i].iterations != iterations)
            continue;
        if (table[i].checksum == checksum)
            return 0;
        printf("%s: FAIL: checksum 0x%08lx for %lu iterations, expected 0x%08lx\n", name,
               (unsigned long)checksum, (unsigned long)iterations, (unsigned long)table[i].checksum);
        return 1;
    }
    printf("%s: FAIL: no expected checksum for %lu iterations: add it to its expected.h from "
           "the host reference (bench_reference)\n", name, (unsigned long)iterations);
    return 2;
}

#endif /* PIMSOC_APPS_BENCH_CHECK_H */
