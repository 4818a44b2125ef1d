#include "hal/power.h"

#include "hal/mmio.h"
#include "memory_map.h"

static uint32_t power_read(uint32_t offset) { return mmio_read32(PIMSOC_POWER_BASE + offset); }
static void power_write(uint32_t offset, uint32_t value) { mmio_write32(PIMSOC_POWER_BASE + offset, value); }

uint32_t power_id(void) { return power_read(POWER_ID); }
uint32_t power_mode(void) { return power_read(POWER_MODE); }
uint32_t power_boot_cause(void) { return power_read(POWER_BOOT_CAUSE); }
uint32_t power_failures(void) { return power_read(POWER_FAILURES); }
uint64_t power_time_off_ns(void) { return mmio_read64_stable(PIMSOC_POWER_BASE + POWER_TIME_OFF_LO); }
uint32_t power_supply_mv(void) { return power_read(POWER_SUPPLY_MV); }

void power_set_warning_mv(uint32_t mv) { power_write(POWER_WARN_MV, mv); }

void power_warning_irq_enable(int enable)
{
    const uint32_t en = power_read(POWER_IRQ_EN);
    power_write(POWER_IRQ_EN, enable ? (en | POWER_IRQ_LOW_VOLTAGE) : (en & ~POWER_IRQ_LOW_VOLTAGE));
}

int power_warning_pending(void) { return (power_read(POWER_IRQ_STATUS) & POWER_IRQ_LOW_VOLTAGE) != 0; }
void power_warning_clear(void) { power_write(POWER_IRQ_STATUS, POWER_IRQ_LOW_VOLTAGE); }

void power_checkpoint_begin(void)
{
    mmio_fence(); /* the state before the commit is written first */
    power_write(POWER_CHECKPOINT, POWER_CHECKPOINT_BEGIN);
}

void power_checkpoint_end(void)
{
    mmio_fence(); /* the commit's stores come before the mark */
    power_write(POWER_CHECKPOINT, POWER_CHECKPOINT_END);
}

uint32_t power_checkpoints(void) { return power_read(POWER_CHECKPOINTS); }
