#include "hal/irq.h"

#include <stddef.h>
#include <stdint.h>

#include "boot/trap.h"
#include "hal/clint.h"
#include "hal/csr.h"
#include "hal/plic.h"
#include "plic/plic_regs.h"

static irq_handler_t s_handlers[PLIC_MAX_SOURCES];
static void (*s_timer_handler)(void);
static void (*s_software_handler)(void);

static void dispatch_external(void)
{
    unsigned source;
    while ((source = plic_claim()) != 0) {
        irq_handler_t handler = source < PLIC_MAX_SOURCES ? s_handlers[source] : NULL;
        if (handler != NULL)
            handler(source);
        else
            plic_disable(source); /* nobody serves it: keep it from firing forever */
        plic_complete(source);
    }
}

static void irq_trap_handler(struct trap_frame *frame)
{
    uint32_t cause = frame->mcause;
    if (cause & MCAUSE_INTERRUPT) {
        switch (cause & ~MCAUSE_INTERRUPT) {
        case IRQ_M_EXT:
            dispatch_external();
            return;
        case IRQ_M_TIMER:
            if (s_timer_handler != NULL) {
                s_timer_handler();
                return;
            }
            break;
        case IRQ_M_SOFT:
            if (s_software_handler != NULL) {
                s_software_handler();
                return;
            }
            break;
        default:
            break;
        }
    }
    trap_default_handler(frame);
}

void irq_init(void)
{
    plic_set_threshold(0);
    trap_set_handler(irq_trap_handler);
}

void irq_attach(unsigned plic_source, irq_handler_t handler, unsigned priority)
{
    if (plic_source == 0 || plic_source >= PLIC_MAX_SOURCES)
        return;
    if (handler == NULL) {
        plic_disable(plic_source);
        s_handlers[plic_source] = NULL;
        return;
    }
    s_handlers[plic_source] = handler;
    plic_set_priority(plic_source, priority);
    plic_enable(plic_source);
    csr_set(CSR_MIE, MIE_MEIE);
}

void irq_attach_timer(void (*handler)(void))
{
    s_timer_handler = handler;
    if (handler != NULL)
        csr_set(CSR_MIE, MIE_MTIE);
    else
        csr_clear(CSR_MIE, MIE_MTIE);
}

void irq_attach_software(void (*handler)(void))
{
    s_software_handler = handler;
    if (handler != NULL)
        csr_set(CSR_MIE, MIE_MSIE);
    else
        csr_clear(CSR_MIE, MIE_MSIE);
}

void irq_enable(void) { csr_set(CSR_MSTATUS, MSTATUS_MIE); }
void irq_disable(void) { csr_clear(CSR_MSTATUS, MSTATUS_MIE); }
