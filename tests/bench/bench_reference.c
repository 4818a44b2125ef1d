/* bench_reference: the benchmark apps' kernels (firmware/apps/bench_coremark/coremark.c,
 * firmware/apps/bench_conv/conv.c) built for the host. Recomputes every entry of their expected.h
 * tables, so the values the firmware checks its result against come from a second compiler and a
 * real CPU, not from a run on the VP; and checks that bench_check() rejects a wrong checksum and a
 * count without an expected value. Prints one line per entry; exits 1 on any mismatch.
 * To add an iteration count: add it to expected.h with any value, run this, copy the host value. */
#include <stdio.h>

#include "apps/bench_check.h"
#include "bench_conv/conv.h"
#include "bench_conv/expected.h"
#include "bench_coremark/coremark.h"
#include "bench_coremark/expected.h"

#define ENTRIES(table) (sizeof(table) / sizeof((table)[0]))

static int check_table(const char *name, const struct bench_expected *table, size_t entries,
                       uint32_t (*kernel)(uint32_t))
{
    int failures = 0;
    for (size_t i = 0; i < entries; i++) {
        uint32_t host = kernel(table[i].iterations);
        int ok = host == table[i].checksum;
        printf("%s %lu iterations: host 0x%08lx, expected.h 0x%08lx: %s\n", name,
               (unsigned long)table[i].iterations, (unsigned long)host,
               (unsigned long)table[i].checksum, ok ? "ok" : "FAIL");
        failures += !ok;
    }
    return failures;
}

static uint32_t coremark_kernel(uint32_t iterations) { return coremark_crc(iterations); }

/* bench_check's verdicts: the table's value passes, anything else does not. */
static int check_verdicts(void)
{
    const struct bench_expected table[] = {{3, 0x1234}};
    int failures = 0;
    failures += bench_check("verdict", 3, 0x1234, table, 1) != 0;
    failures += bench_check("verdict", 3, 0x1235, table, 1) != 1; /* a wrong result */
    failures += bench_check("verdict", 4, 0x1234, table, 1) != 2; /* no expected value */
    printf("bench_check verdicts (match 0, wrong checksum 1, unknown count 2): %s\n",
           failures ? "FAIL" : "ok");
    return failures;
}

int main(void)
{
    int failures = check_table("bench_coremark", coremark_expected, ENTRIES(coremark_expected),
                               coremark_kernel);
    failures += check_table("bench_conv", conv_expected, ENTRIES(conv_expected), conv_crc);
    failures += check_verdicts();
    return failures ? 1 : 0;
}
