/* The interrupt side of the device self-tests and demos (rtm_selftest, mram_selftest, dma_demo):
 * an ISR that records and clears the device's IRQ_STATUS, and a wfi loop that sleeps until it ran. Define
 * SELFTEST_IRQ_STATUS() and SELFTEST_IRQ_CLEAR(mask) (the driver's functions) before including;
 * attach device_isr to the device's PLIC source with irq_attach(). */
#ifndef PIMSOC_APPS_SELFTEST_IRQ_H
#define PIMSOC_APPS_SELFTEST_IRQ_H

#include <stdint.h>

#include "hal/csr.h"
#include "hal/irq.h"

#if !defined(SELFTEST_IRQ_STATUS) || !defined(SELFTEST_IRQ_CLEAR)
#error "define SELFTEST_IRQ_STATUS() and SELFTEST_IRQ_CLEAR(mask) before including apps/selftest_irq.h"
#endif

static volatile uint32_t s_irq_events;
static volatile uint32_t s_irq_seen;

static void device_isr(unsigned source)
{
    (void)source;
    uint32_t status = SELFTEST_IRQ_STATUS();
    SELFTEST_IRQ_CLEAR(status); /* lower the level before the dispatcher completes the claim */
    s_irq_seen |= status;
    s_irq_events++;
}

/* Sleeps in wfi until the ISR ran `events` times in all (a timer is not needed: a missing
 * interrupt leaves nothing to simulate and pimsoc stops with "stalled"). Returns the sleeps. */
static uint32_t sleep_until_events(uint32_t events)
{
    uint32_t sleeps = 0;
    irq_global_disable();
    while (s_irq_events < events) {
        wfi();
        sleeps++;
        irq_global_enable(); /* take the pending interrupt */
        irq_global_disable();
    }
    irq_global_enable();
    return sleeps;
}

#endif /* PIMSOC_APPS_SELFTEST_IRQ_H */
