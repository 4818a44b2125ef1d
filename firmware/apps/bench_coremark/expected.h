/* bench_coremark's expected CRC16 per iteration count (main.c checks its result against it).
 * The values come from coremark.c built for the host (build/tests/bench_reference prints them);
 * the ctest bench_expected_values_match_host recomputes every entry on the host and fails if
 * one differs, so none is copied from a run on the VP. */
#ifndef PIMSOC_APPS_COREMARK_EXPECTED_H
#define PIMSOC_APPS_COREMARK_EXPECTED_H

#include "apps/bench_check.h"

static const struct bench_expected coremark_expected[] = {
    {100, 0x490f}, /* a short run: -DBENCH_COREMARK_ITERATIONS=100 */
    {4500, 0x10fe}, /* the default (main.c) */
};

#endif /* PIMSOC_APPS_COREMARK_EXPECTED_H */
