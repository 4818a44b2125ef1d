/* HTIF tohost exit (riscv-tests convention): 1 = pass, (code << 1) | 1 = fail with code.
 * tohost/fromhost are defined in boot/htif.S (section .tohost, 64-byte aligned). */
#ifndef PIMSOC_HAL_HTIF_H
#define PIMSOC_HAL_HTIF_H

#include <stdint.h>

extern volatile uint64_t tohost;
extern volatile uint64_t fromhost;

/* Writes tohost; returns only if the platform ignores HTIF (e.g. QEMU virt). */
static inline void htif_exit(uint32_t code)
{
    __asm__ volatile("fence" ::: "memory");
    tohost = ((uint64_t)code << 1) | 1u;
}
static inline void htif_pass(void) { htif_exit(0); }
static inline void htif_fail(uint32_t code) { htif_exit(code == 0 ? 1u : code); }

#endif /* PIMSOC_HAL_HTIF_H */
