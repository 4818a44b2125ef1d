/* PLIC (platform-level interrupt controller), SiFive layout subset: 32 sources (1..31; 0 = none)
 * and one context (0 = hart 0 M-mode). Register offsets shared by the SystemC model and the
 * firmware driver. All registers are 32 bits wide. See docs/models/plic.md. */
#ifndef PIMSOC_PLIC_REGS_H
#define PIMSOC_PLIC_REGS_H

#define PLIC_PRIORITY_BASE 0x000000u  /* + 4 * source: priority (0 = never interrupts) */
#define PLIC_PRIORITY(source) (PLIC_PRIORITY_BASE + 4u * (source))
#define PLIC_PENDING 0x001000u        /* read-only: bit n = source n pending */
#define PLIC_ENABLE 0x002000u         /* context 0: bit n = source n enabled */
#define PLIC_THRESHOLD 0x200000u      /* context 0: sources with priority <= threshold are masked */
#define PLIC_CLAIM 0x200004u          /* context 0: read = claim (source id or 0), write = complete */
#define PLIC_COMPLETE PLIC_CLAIM
#define PLIC_SIZE 0x400000u

#define PLIC_MAX_SOURCES 32u /* source ids 0..31; 0 is "no interrupt" */
#define PLIC_MAX_PRIORITY 7u /* with the default 3 priority bits */

#endif /* PIMSOC_PLIC_REGS_H */
