/* What the accelerator self-tests (rtm_selftest, mram_selftest) share: a deterministic xorshift
 * stream and byte/halfword/word accesses to the device's data window. Define SELFTEST_WINDOW(off)
 * (a volatile uint8_t * at window offset off) and SELFTEST_RNG_SEED before including. */
#ifndef PIMSOC_APPS_SELFTEST_WINDOW_H
#define PIMSOC_APPS_SELFTEST_WINDOW_H

#include <stdint.h>

#if !defined(SELFTEST_WINDOW) || !defined(SELFTEST_RNG_SEED)
#error "define SELFTEST_WINDOW(off) and SELFTEST_RNG_SEED before including apps/selftest_window.h"
#endif

static uint32_t s_rng = SELFTEST_RNG_SEED;
static uint32_t rnd(void)
{
    s_rng ^= s_rng << 13;
    s_rng ^= s_rng >> 17;
    s_rng ^= s_rng << 5;
    return s_rng;
}

static void win_w8(uint32_t off, uint8_t v) { *SELFTEST_WINDOW(off) = v; }
static uint8_t win_r8(uint32_t off) { return *SELFTEST_WINDOW(off); }
static void win_w16(uint32_t off, uint16_t v) { *(volatile uint16_t *)SELFTEST_WINDOW(off) = v; }
static uint16_t win_r16(uint32_t off) { return *(volatile uint16_t *)SELFTEST_WINDOW(off); }
static void win_w32(uint32_t off, uint32_t v) { *(volatile uint32_t *)SELFTEST_WINDOW(off) = v; }
static uint32_t win_r32(uint32_t off) { return *(volatile uint32_t *)SELFTEST_WINDOW(off); }

static void win_fill(uint32_t off, uint32_t n, uint8_t v)
{
    for (uint32_t i = 0; i < n; i++)
        win_w8(off + i, v);
}

#endif /* PIMSOC_APPS_SELFTEST_WINDOW_H */
