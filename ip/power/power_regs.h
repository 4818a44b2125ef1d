/* The power manager's registers (ip/power, PIMSOC_POWER_BASE = 0x1000_2000, PLIC source 12): one
 * header for the SystemC model and the firmware driver (firmware/hal/power.h). Plain C, no
 * includes. All registers are 32 bits (32-bit accesses only). See docs/models/power.md.
 *
 * The power manager sits in the always-on domain: BOOT_CAUSE, FAILURES, TIME_OFF_NS and
 * CHECKPOINTS survive a power failure; IRQ_EN, IRQ_STATUS and WARN_MV return to their reset
 * values at each boot. */
#ifndef PIMSOC_POWER_REGS_H
#define PIMSOC_POWER_REGS_H

#define POWER_REG_SPACE 0x1000u

#define POWER_ID 0x000u          /* RO "PWRM" */
#define POWER_VERSION 0x004u     /* RO major << 16 | minor */
#define POWER_STATUS 0x008u      /* RO POWER_STATUS_* */
#define POWER_IRQ_EN 0x00Cu      /* RW POWER_IRQ_* */
#define POWER_IRQ_STATUS 0x010u  /* RW1C POWER_IRQ_* ; the line is IRQ_STATUS & IRQ_EN */
#define POWER_MODE 0x014u        /* RO POWER_MODE_* (power.mode) */
#define POWER_BOOT_CAUSE 0x018u  /* RO POWER_BOOT_* of the current boot */
#define POWER_FAILURES 0x01Cu    /* RO power failures since the start of the run */
#define POWER_TIME_OFF_LO 0x020u /* RO 64-bit: ns spent without power since the start of the run */
#define POWER_TIME_OFF_HI 0x024u /*    (read HI, LO, HI and retry while HI changed) */
#define POWER_SUPPLY_MV 0x028u   /* RO harvest mode: the capacitor's voltage in mV at the last supply check; other modes 0 */
#define POWER_WARN_MV 0x02Cu     /* RW harvest mode: low-voltage warning threshold in mV (reset: power.v_warning) */
#define POWER_CHECKPOINT 0x030u  /* W  POWER_CHECKPOINT_BEGIN / _END around a checkpoint commit; reads CHECKPOINTS */
#define POWER_CHECKPOINTS 0x034u /* RO committed checkpoints (BEGIN..END pairs) since the start of the run */
#define POWER_REGS_END 0x038u

#define POWER_ID_VALUE 0x5057524Du /* "PWRM" */
#define POWER_VERSION_VALUE 0x00010000u

/* STATUS */
#define POWER_STATUS_LOW_VOLTAGE 0x1u   /* harvest mode: the supply is below WARN_MV */
#define POWER_STATUS_IN_CHECKPOINT 0x2u /* a CHECKPOINT_BEGIN without its END */

/* IRQ_EN / IRQ_STATUS */
#define POWER_IRQ_LOW_VOLTAGE 0x1u /* the supply fell below WARN_MV (harvest mode), raised once per crossing */
#define POWER_IRQ_MASK 0x1u

/* BOOT_CAUSE */
#define POWER_BOOT_COLD 0u          /* the first boot of the run */
#define POWER_BOOT_POWER_FAILURE 1u /* a boot after a power failure */

/* MODE */
#define POWER_MODE_OFF 0u
#define POWER_MODE_TIMES 1u
#define POWER_MODE_PERIODIC 2u
#define POWER_MODE_RANDOM 3u
#define POWER_MODE_HARVEST 4u

/* CHECKPOINT writes */
#define POWER_CHECKPOINT_BEGIN 1u
#define POWER_CHECKPOINT_END 2u

#endif /* PIMSOC_POWER_REGS_H */
