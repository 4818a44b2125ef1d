/* bench_conv's expected CRC32 per iteration count (main.c checks its result against it). The
 * values come from conv.c built for the host (build/tests/bench_reference prints them); the ctest
 * bench_expected_values_match_host recomputes every entry on the host and fails if one differs,
 * so none is copied from a run on the VP. */
#ifndef PIMSOC_APPS_CONV_EXPECTED_H
#define PIMSOC_APPS_CONV_EXPECTED_H

#include "apps/bench_check.h"

static const struct bench_expected conv_expected[] = {
    {1, 0x2d947fff},  /* a short run: -DBENCH_CONV_ITERATIONS=1 */
    {20, 0x56144431}, /* the default (main.c) */
};

#endif /* PIMSOC_APPS_CONV_EXPECTED_H */
