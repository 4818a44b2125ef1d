/* Power manager driver (PIMSOC_POWER_BASE, registers in ip/power/power_regs.h,
 * docs/models/power.md): why the SoC booted, how often and how long the power was lost, the
 * supply voltage and its warning interrupt (harvest mode), and the checkpoint marks that let the
 * simulator attribute a checkpoint commit's energy (docs/power.md). */
#ifndef PIMSOC_HAL_POWER_H
#define PIMSOC_HAL_POWER_H

#include <stdint.h>

#include "power/power_regs.h"

uint32_t power_id(void);
uint32_t power_mode(void);         /* POWER_MODE_* */
uint32_t power_boot_cause(void);   /* POWER_BOOT_COLD or POWER_BOOT_POWER_FAILURE */
uint32_t power_failures(void);     /* since the start of the run */
uint64_t power_time_off_ns(void);  /* since the start of the run (HI, LO, HI) */
uint32_t power_supply_mv(void);    /* harvest mode; 0 otherwise */

/* Low-voltage warning (harvest mode): threshold in mV, interrupt enable, pending flag (cleared by
 * power_warning_clear()). */
void power_set_warning_mv(uint32_t mv);
void power_warning_irq_enable(int enable);
int power_warning_pending(void);
void power_warning_clear(void);

/* Around a checkpoint commit: the energy between them is the run's checkpoint_energy_pj. */
void power_checkpoint_begin(void);
void power_checkpoint_end(void);
uint32_t power_checkpoints(void); /* committed since the start of the run */

#endif /* PIMSOC_HAL_POWER_H */
