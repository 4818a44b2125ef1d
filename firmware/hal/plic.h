/* PLIC driver (SiFive layout subset at PIMSOC_PLIC_BASE, context 0 = hart 0 M-mode).
 * Registers in ip/plic/plic_regs.h; the model is described in docs/models/plic.md.
 * Sources are 1..31 (0 = none); priorities 0..7 (0 = never interrupts). */
#ifndef PIMSOC_HAL_PLIC_H
#define PIMSOC_HAL_PLIC_H

#include <stdint.h>

void plic_set_priority(unsigned source, unsigned prio);
unsigned plic_priority(unsigned source);
void plic_enable(unsigned source);
void plic_disable(unsigned source);
/* Sources with a priority <= threshold do not interrupt. */
void plic_set_threshold(unsigned threshold);
unsigned plic_threshold(void);
/* The raw pending and enable words (bit n = source n). */
uint32_t plic_pending(void);
uint32_t plic_enables(void);
/* Claims the highest-priority pending enabled source above the threshold; 0 if none. */
unsigned plic_claim(void);
/* Ends the service of a claimed source (its gateway takes the next request). */
void plic_complete(unsigned source);

#endif /* PIMSOC_HAL_PLIC_H */
