/* CLINT driver (SiFive layout at PIMSOC_CLINT_BASE, hart 0): mtime, mtimecmp, msip.
 * Registers in ip/clint/clint_regs.h; the model is described in docs/models/clint.md. */
#ifndef PIMSOC_HAL_CLINT_H
#define PIMSOC_HAL_CLINT_H

#include <stdint.h>

#include "clint/clint_regs.h"

/* mtime ticks per second of the default SoC (clint.timebase_hz; clint/clint_regs.h). */
#define CLINT_TIMEBASE_HZ CLINT_DEFAULT_TIMEBASE_HZ

/* The 64-bit timer, read as hi/lo/hi until the high half is stable. */
uint64_t clint_mtime(void);
/* Sets mtimecmp without a spurious compare on the way: high half to all ones, low, then high.
 * MTIP is (mtime >= mtimecmp); UINT64_MAX means "no timer interrupt". */
void clint_set_mtimecmp(uint64_t value);
uint64_t clint_mtimecmp(void);
/* Raises (on != 0) or clears the machine software interrupt of hart 0. */
void clint_msip(int on);
/* Whether msip of hart 0 is set. */
int clint_msip_pending(void);

#endif /* PIMSOC_HAL_CLINT_H */
