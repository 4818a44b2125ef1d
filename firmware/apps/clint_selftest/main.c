/* clint_selftest: the CLINT seen from the firmware: reset values, mtime advancing and writable,
 * msip and mtimecmp driving mip, a timer interrupt taken no earlier than mtimecmp, a software
 * interrupt. Prints one line per check and "clint_selftest: PASS"; on a mismatch prints what was
 * expected and exits 1. Output is deterministic: see expected_output.txt. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "clint/clint_regs.h"
#include "hal/clint.h"
#include "hal/csr.h"
#include "hal/irq.h"
#include "hal/mmio.h"
#include "memory_map.h"

#define CLINT_REG(off) ((uintptr_t)PIMSOC_CLINT_BASE + (off))
#define TIMEOUT_TICKS 100000u /* 10 ms: far above the CPU's interrupt latency (one quantum) */

static void fail(const char *what, uint64_t got, uint64_t expected)
{
    printf("clint_selftest: FAIL: %s: got 0x%08lx%08lx, expected 0x%08lx%08lx\n", what,
           (unsigned long)(got >> 32), (unsigned long)got, (unsigned long)(expected >> 32),
           (unsigned long)expected);
    exit(1);
}

static void check(const char *what, uint64_t got, uint64_t expected)
{
    if (got != expected)
        fail(what, got, expected);
}

/* Polls mip until (mip & bit) == want or the timeout passes; returns whether it got there. */
static int wait_mip(uint32_t bit, uint32_t want)
{
    uint64_t start = clint_mtime();
    while ((csr_read(CSR_MIP) & bit) != want) {
        if (clint_mtime() - start > TIMEOUT_TICKS)
            return 0;
    }
    return 1;
}

static volatile unsigned s_timer_count;
static volatile uint64_t s_timer_mtime;
static volatile unsigned s_soft_count;

static void on_timer(void)
{
    s_timer_mtime = clint_mtime();
    s_timer_count++;
    clint_set_mtimecmp(UINT64_MAX); /* one shot */
}

static void on_software(void)
{
    s_soft_count++;
    clint_msip(0);
}

/* Sleeps until *counter reaches target, taking interrupts only around WFI (no lost wake-up). */
static void sleep_until(volatile unsigned *counter, unsigned target, const char *what)
{
    uint64_t start = clint_mtime();
    while (*counter < target) {
        wfi();          /* wakes on a pending enabled interrupt, whatever mstatus.MIE */
        irq_enable();   /* the interrupt is taken here */
        irq_disable();
        if (clint_mtime() - start > TIMEOUT_TICKS)
            fail(what, *counter, target);
    }
}

int main(void)
{
    /* Reset values. */
    check("msip after reset", mmio_read32(CLINT_REG(CLINT_MSIP)), 0);
    check("mtimecmp after reset", clint_mtimecmp(), UINT64_MAX);
    check("mtimecmp low half", mmio_read32(CLINT_REG(CLINT_MTIMECMP)), 0xFFFFFFFFu);
    check("mtimecmp high half", mmio_read32(CLINT_REG(CLINT_MTIMECMP_HI)), 0xFFFFFFFFu);
    check("mip.MTIP after reset", csr_read(CSR_MIP) & MIP_MTIP, 0);
    printf("reset values: ok\n");

    /* mtime advances. */
    uint64_t t0 = clint_mtime();
    for (volatile int i = 0; i < 2000; i++) {
    }
    uint64_t t1 = clint_mtime();
    if (t1 <= t0)
        fail("mtime advances", t1, t0 + 1);
    printf("mtime advances: ok\n");

    /* mtime is writable; the 64-bit read is consistent across the carry into the high half. */
    mmio_write32(CLINT_REG(CLINT_MTIME), 0xFFFFFF00u);
    mmio_write32(CLINT_REG(CLINT_MTIME_HI), 0x00000007u);
    uint64_t m = clint_mtime();
    if (m < 0x7FFFFFF00ull || m > 0x7FFFFFF00ull + 1000u)
        fail("mtime after write", m, 0x7FFFFFF00ull);
    while (clint_mtime() < 0x800000010ull) {
    }
    check("mtime high half after the carry", mmio_read32(CLINT_REG(CLINT_MTIME_HI)), 8);
    printf("mtime write: ok\n");

    /* mtimecmp read/write, MTIP in mip (interrupts masked in mie). */
    clint_set_mtimecmp(0x0123456789ABCDEFull);
    check("mtimecmp write", clint_mtimecmp(), 0x0123456789ABCDEFull);
    clint_set_mtimecmp(0); /* in the past: MTIP at once */
    if (!wait_mip(MIP_MTIP, MIP_MTIP))
        fail("mip.MTIP with mtimecmp in the past", 0, 1);
    clint_set_mtimecmp(UINT64_MAX);
    if (!wait_mip(MIP_MTIP, 0))
        fail("mip.MTIP cleared by a future mtimecmp", 1, 0);
    printf("mtimecmp and mip.MTIP: ok\n");

    /* msip in mip. */
    clint_msip(1);
    check("msip write", mmio_read32(CLINT_REG(CLINT_MSIP)), 1);
    if (!wait_mip(MIP_MSIP, MIP_MSIP))
        fail("mip.MSIP", 0, 1);
    clint_msip(0);
    if (!wait_mip(MIP_MSIP, 0))
        fail("mip.MSIP cleared", 1, 0);
    printf("msip and mip.MSIP: ok\n");

    /* Timer interrupt, taken no earlier than mtimecmp. */
    irq_init();
    irq_attach_timer(on_timer);
    uint64_t deadline = clint_mtime() + 1000; /* 100 us */
    clint_set_mtimecmp(deadline);
    check("no timer interrupt before the deadline", s_timer_count, 0);
    sleep_until(&s_timer_count, 1, "timer interrupt taken");
    if (s_timer_mtime < deadline)
        fail("timer interrupt not before mtimecmp", s_timer_mtime, deadline);
    if (s_timer_mtime > deadline + TIMEOUT_TICKS)
        fail("timer interrupt latency", s_timer_mtime, deadline);
    check("one timer interrupt", s_timer_count, 1);
    printf("timer interrupt: ok\n");

    /* Software interrupt. */
    irq_attach_software(on_software);
    clint_msip(1);
    sleep_until(&s_soft_count, 1, "software interrupt taken");
    check("msip cleared by the handler", mmio_read32(CLINT_REG(CLINT_MSIP)), 0);
    check("one software interrupt", s_soft_count, 1);
    check("timer interrupts still one", s_timer_count, 1);
    printf("software interrupt: ok\n");

    irq_attach_timer(NULL);
    irq_attach_software(NULL);
    printf("clint_selftest: PASS\n");
    return 0;
}
