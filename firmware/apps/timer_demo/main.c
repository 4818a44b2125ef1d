/* timer_demo: a periodic tick from the CLINT. Ten ticks of 1 ms of simulated time each: mtimecmp is
 * moved forward by one period from the previous deadline (no drift), and the CPU sleeps in WFI in
 * between. Each tick prints its number and the mtime delta since the previous deadline; the demo
 * checks that every tick came at or after its deadline and less than a period late, and exits 0
 * (1 with a message otherwise). Output is deterministic: see expected_output.txt.
 * `-- --period-us US` sets another period (e.g. 100000: ten ticks of 100 ms = 1 s asleep); a bad
 * option exits 2 with one line. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include "hal/args.h"
#include "hal/clint.h"
#include "hal/csr.h"
#include "hal/irq.h"

#define TICKS 10u
#define DEFAULT_PERIOD_US 1000u

static unsigned s_period_us;
static uint64_t s_period; /* mtime ticks per period */

static volatile unsigned s_ticks;
static volatile uint64_t s_deadline;
static volatile uint64_t s_woke_at[TICKS + 1];

static void on_timer(void)
{
    uint64_t now = clint_mtime();
    unsigned n = s_ticks + 1;
    if (n <= TICKS)
        s_woke_at[n] = now;
    s_ticks = n;
    s_deadline += s_period;
    clint_set_mtimecmp(n < TICKS ? s_deadline : UINT64_MAX);
}

/* --period-us US; ARGS_OK or ARGS_ERROR after one line. */
static int parse_args(int argc, char **argv)
{
    args_cursor cursor;
    args_begin(&cursor, argc, argv, "timer_demo");
    uint32_t period = DEFAULT_PERIOD_US;
    const char *word;
    while ((word = args_next(&cursor)) != NULL) {
        int rc = strcmp(word, "--period-us") == 0 ? args_u32(&cursor, word, 1, 1000000000u, &period)
                                                  : args_unknown(&cursor, word);
        if (rc != ARGS_OK)
            return rc;
    }
    s_period_us = period;
    return ARGS_OK;
}

int main(int argc, char **argv)
{
    if (parse_args(argc, argv) != ARGS_OK)
        return ARGS_ERROR;
    s_period = (uint64_t)CLINT_TIMEBASE_HZ / 1000000u * s_period_us;
    irq_init();
    irq_attach_timer(on_timer);

    uint64_t start = clint_mtime();
    uint64_t previous = start;
    s_deadline = start + s_period;
    printf("timer_demo: %u ticks of %u us (%lu mtime ticks at %lu Hz)\n", TICKS, s_period_us,
           (unsigned long)s_period, (unsigned long)CLINT_TIMEBASE_HZ);
    clint_set_mtimecmp(s_deadline);

    for (unsigned seen = 0; seen < TICKS;) {
        while (s_ticks == seen) {
            wfi();         /* sleep until MTIP; interrupts are taken only here, so no lost wake-up */
            irq_enable();
            irq_disable();
        }
        seen++;
        uint64_t deadline = start + (uint64_t)seen * s_period;
        uint64_t woke = s_woke_at[seen];
        if (woke < deadline || woke - deadline >= s_period) {
            printf("timer_demo: FAIL: tick %u at mtime %lu, deadline %lu\n", seen, (unsigned long)woke,
                   (unsigned long)deadline);
            exit(1);
        }
        printf("tick %2u: mtime delta %lu\n", seen, (unsigned long)(deadline - previous));
        previous = deadline;
    }
    irq_attach_timer(NULL);
    printf("timer_demo: %u ticks, %lu mtime ticks in all\n", TICKS, (unsigned long)(previous - start));
    return 0;
}
