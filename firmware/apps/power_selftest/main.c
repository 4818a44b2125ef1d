/* power_selftest: boots through injected power failures (docs/power.md) and checks, at each boot,
 * what survives and what the power manager reports (docs/models/power.md).
 *
 *   pimsoc run power_selftest.elf --set power.mode=periodic --set power.period=2ms --set power.off_time=100us
 *
 * A boot counter in non-volatile main memory (a .data variable: the ELF is loaded once and crt0
 * copies no .data, so it keeps its value across boots) is incremented at each boot, committed
 * between checkpoint marks. Each boot checks: ID; BOOT_CAUSE cold at boot 1 and POWER_FAILURE
 * after; FAILURES = boots - 1; TIME_OFF_NS grows with each failure; CHECKPOINTS = boots - 1 before
 * this boot's commit. Boots 1 and 2 then spin until the power fails; boot 3 prints PASS and exits 0.
 * Without failures (power.mode=off) it fails at once: "FAIL: power.mode is off" and exit 1.
 * Output (deterministic): expected_output.txt. */
#include <stdint.h>
#include <stdio.h>

#include "hal/power.h"

#define BOOTS 3u

/* Forced into .data (zero-initialised variables go to .bss, which crt0 clears at each boot). */
static volatile uint32_t boots __attribute__((section(".data.power_selftest"))) = 0;
static volatile uint64_t last_time_off_ns __attribute__((section(".data.power_selftest"))) = 0;

static int failed = 0;

static void check(int ok, const char *what, uint32_t got, uint32_t expected)
{
    if (!ok) {
        printf("power_selftest: FAIL: %s: got %lu, expected %lu\n", what, (unsigned long)got, (unsigned long)expected);
        failed = 1;
    }
}

int main(void)
{
    if (power_mode() == POWER_MODE_OFF) {
        printf("power_selftest: FAIL: power.mode is off (run it with failures, see main.c)\n");
        return 1;
    }
    const uint32_t checkpoints_before = power_checkpoints();
    power_checkpoint_begin();
    const uint32_t boot = boots + 1u;
    boots = boot;
    power_checkpoint_end();

    const uint32_t cause = power_boot_cause();
    const uint64_t time_off = power_time_off_ns();
    printf("boot %lu: cause %s, failures %lu\n", (unsigned long)boot,
           cause == POWER_BOOT_COLD ? "cold" : cause == POWER_BOOT_POWER_FAILURE ? "power failure" : "?",
           (unsigned long)power_failures());
    check(power_id() == POWER_ID_VALUE, "ID", power_id(), POWER_ID_VALUE);
    check(cause == (boot == 1u ? POWER_BOOT_COLD : POWER_BOOT_POWER_FAILURE), "BOOT_CAUSE", cause,
          boot == 1u ? POWER_BOOT_COLD : POWER_BOOT_POWER_FAILURE);
    check(power_failures() == boot - 1u, "FAILURES", power_failures(), boot - 1u);
    check(checkpoints_before == boot - 1u, "CHECKPOINTS before the commit", checkpoints_before, boot - 1u);
    check(boot == 1u ? time_off == 0 : time_off > last_time_off_ns, "TIME_OFF_NS grows", (uint32_t)time_off,
          (uint32_t)last_time_off_ns);
    last_time_off_ns = time_off;
    if (failed) {
        return 1;
    }
    if (boot < BOOTS) {
        for (;;) {
            /* spin until the power fails: the next boot starts at the reset vector */
        }
    }
    printf("power_selftest: PASS\n");
    return 0;
}
