/* plic_selftest: the PLIC seen from the firmware. Registers (priority, enable, threshold, claim of
 * nothing), then a real source: the UART's THR-empty interrupt (IER.ETBEI) on source 10, through
 * pending, mip.MEIP, threshold masking, claim, complete (re-arming a still-high level source) and
 * the irq dispatcher. Prints one line per check and "plic_selftest: PASS"; on a mismatch prints
 * what was expected and exits 1. Output is deterministic: see expected_output.txt.
 *
 * The CPU runs ahead of the other models by up to one quantum, so a line change made by a device
 * becomes visible some time after the access that caused it: checks of pending and mip poll with
 * a timeout measured on mtime. No printf while the UART interrupt is enabled (printing touches
 * THR, which is the source under test). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "hal/clint.h"
#include "hal/csr.h"
#include "hal/irq.h"
#include "hal/mmio.h"
#include "hal/plic.h"
#include "memory_map.h"
#include "uart/uart_regs.h"

#define UART_REG(off) ((uintptr_t)PIMSOC_UART0_BASE + (off))
#define SRC PIMSOC_IRQ_UART0
#define TIMEOUT_TICKS 100000u /* 10 ms */

static void uart_irq_off(void) { mmio_write8(UART_REG(UART_IER), 0); }

static void fail(const char *what, uint32_t got, uint32_t expected)
{
    uart_irq_off();
    printf("plic_selftest: FAIL: %s: got 0x%08lx, expected 0x%08lx\n", what, (unsigned long)got,
           (unsigned long)expected);
    exit(1);
}

static void check(const char *what, uint32_t got, uint32_t expected)
{
    if (got != expected)
        fail(what, got, expected);
}

static uint32_t read_mip(void) { return csr_read(CSR_MIP); }

/* Polls read() until (read() & mask) == want, or fails after the timeout. */
static void expect_eventually(const char *what, uint32_t (*read)(void), uint32_t mask, uint32_t want)
{
    uint64_t start = clint_mtime();
    uint32_t v;
    while (((v = read()) & mask) != want) {
        if (clint_mtime() - start > TIMEOUT_TICKS)
            fail(what, v & mask, want);
    }
}

/* Lets the other models catch up with the CPU (well over one quantum). */
static void settle(void)
{
    uint64_t start = clint_mtime();
    while (clint_mtime() - start < 1000u) {
    }
}

static volatile unsigned s_uart_irqs;
static volatile unsigned s_uart_source;

/* Counts THRE interrupts the UART reports. A call with nothing to report can happen: the PLIC sees
 * the UART's line drop only once the kernel catches up with the CPU (up to one quantum later), so
 * a complete right after the handler may re-arm the source for one more claim. */
static void on_uart(unsigned source)
{
    s_uart_source = source;
    uint8_t iir = mmio_read8(UART_REG(UART_IIR)); /* reading IIR clears the THRE interrupt */
    if ((iir & (UART_IIR_NO_INT | UART_IIR_ID_MASK)) == UART_IIR_THRI)
        s_uart_irqs++;
}

static void test_registers(void)
{
    check("pending after reset", plic_pending(), 0);
    check("enables after reset", plic_enables(), 0);
    check("threshold after reset", plic_threshold(), 0);
    check("priority after reset", plic_priority(SRC), 0);
    plic_set_priority(SRC, 5);
    check("priority write", plic_priority(SRC), 5);
    plic_set_priority(SRC, 0xFF);
    check("priority is 3 bits", plic_priority(SRC), 7);
    plic_set_priority(0, 3);
    check("source 0 has no priority", plic_priority(0), 0);
    plic_set_priority(SRC, 0);
    mmio_write32(PIMSOC_PLIC_BASE + 0x2000u, 0xFFFFFFFFu);
    check("enable bit 0 is hardwired to 0", plic_enables(), 0xFFFFFFFEu);
    mmio_write32(PIMSOC_PLIC_BASE + 0x2000u, 0);
    plic_enable(SRC);
    check("plic_enable", plic_enables(), 1u << SRC);
    plic_disable(SRC);
    check("plic_disable", plic_enables(), 0);
    plic_set_threshold(7);
    check("threshold write", plic_threshold(), 7);
    plic_set_threshold(0xFF);
    check("threshold is 3 bits", plic_threshold(), 7);
    plic_set_threshold(0);
    check("claim with nothing pending", plic_claim(), 0);
    printf("registers: ok\n");
}

static void test_uart_source(void)
{
    /* THR is empty: enabling ETBEI raises the UART's interrupt at once. */
    mmio_write8(UART_REG(UART_IER), UART_IER_THRI);
    expect_eventually("pending with the UART line high", plic_pending, 1u << SRC, 1u << SRC);
    settle();
    check("claim of a disabled source", plic_claim(), 0);
    check("mip.MEIP with the source disabled", read_mip() & MIP_MEIP, 0);

    plic_set_priority(SRC, 1);
    plic_enable(SRC);
    expect_eventually("mip.MEIP with the source enabled", read_mip, MIP_MEIP, MIP_MEIP);

    plic_set_threshold(1); /* priority 1 is not above threshold 1 */
    expect_eventually("mip.MEIP masked by the threshold", read_mip, MIP_MEIP, 0);
    check("claim below the threshold", plic_claim(), 0);
    plic_set_threshold(0);
    expect_eventually("mip.MEIP with threshold 0", read_mip, MIP_MEIP, MIP_MEIP);

    check("claim", plic_claim(), SRC);
    check("claim clears pending", plic_pending() & (1u << SRC), 0);
    expect_eventually("mip.MEIP after the claim", read_mip, MIP_MEIP, 0);
    check("second claim", plic_claim(), 0);

    plic_complete(SRC); /* the UART line is still high: pending again */
    expect_eventually("pending again after complete", plic_pending, 1u << SRC, 1u << SRC);
    expect_eventually("mip.MEIP again after complete", read_mip, MIP_MEIP, MIP_MEIP);

    check("claim again", plic_claim(), SRC);
    (void)mmio_read8(UART_REG(UART_IIR)); /* the device's request goes away */
    settle();
    plic_complete(SRC);
    expect_eventually("not pending after the device cleared it", plic_pending, 1u << SRC, 0);
    expect_eventually("mip.MEIP low after the device cleared it", read_mip, MIP_MEIP, 0);
    uart_irq_off();
    plic_disable(SRC);
    plic_set_priority(SRC, 0);
    printf("UART source: pending, threshold, claim, complete, mip.MEIP: ok\n");
}

static void test_dispatcher(void)
{
    irq_init();
    irq_attach(SRC, on_uart, 2);
    check("irq_attach sets the priority", plic_priority(SRC), 2);
    check("irq_attach enables the source", plic_enables(), 1u << SRC);
    check("irq_attach sets mie.MEIE", csr_read(CSR_MIE) & MIE_MEIE, MIE_MEIE);

    mmio_write8(UART_REG(UART_IER), UART_IER_THRI);
    uint64_t start = clint_mtime();
    while (s_uart_irqs == 0) {
        wfi();
        irq_enable(); /* taken here */
        irq_disable();
        if (clint_mtime() - start > TIMEOUT_TICKS)
            fail("UART interrupt taken", s_uart_irqs, 1);
    }
    uart_irq_off();
    settle();
    check("one UART interrupt", s_uart_irqs, 1);
    check("handler got its source", s_uart_source, SRC);
    check("nothing left pending", plic_pending(), 0);
    check("nothing left to claim", plic_claim(), 0);
    irq_attach(SRC, NULL, 0);
    check("detached source disabled", plic_enables(), 0);
    printf("dispatcher: ok\n");
}

int main(void)
{
    test_registers();
    test_uart_source();
    test_dispatcher();
    printf("plic_selftest: PASS\n");
    return 0;
}
