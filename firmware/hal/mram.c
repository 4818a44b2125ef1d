#include "hal/mram.h"

#include "hal/mmio.h"
#include "memory_map.h"

#define MRAM_REG(off) ((uintptr_t)PIMSOC_MRAM_BASE + (off))

/* OP holds each width in 4 bits: a larger value would spill into the next field. The device
 * rejects 0 and 9..15 itself. */
#define MRAM_BITS_FIELD_MAX 0xFu

int mram_probe(struct mram_info *info)
{
    if (mmio_read32(MRAM_REG(MRAM_ID)) != MRAM_ID_VALUE)
        return 0;
    if (info) {
        uint32_t caps = mmio_read32(MRAM_REG(MRAM_CAPS));
        uint32_t geometry = mmio_read32(MRAM_REG(MRAM_GEOMETRY));
        info->banks = caps & MRAM_CAPS_BANKS_MASK;
        info->subarrays_per_bank = (caps & MRAM_CAPS_SUBARRAYS_MASK) >> MRAM_CAPS_SUBARRAYS_SHIFT;
        info->nv_partial_state = (caps & MRAM_CAPS_NV_PARTIAL_STATE) != 0;
        info->rows = geometry & MRAM_GEOMETRY_ROWS_MASK;
        info->columns = (geometry & MRAM_GEOMETRY_COLUMNS_MASK) >> MRAM_GEOMETRY_COLUMNS_SHIFT;
        info->segment_bits = mmio_read32(MRAM_REG(MRAM_SEGMENT_BITS));
        info->bank_bytes = mmio_read32(MRAM_REG(MRAM_BANK_BYTES));
    }
    return 1;
}

/* Writes CMD and returns the controller's verdict (ERR_CODE is that of the last CMD write). */
static int mram_command(uint32_t cmd)
{
    /* The command reads the window the CPU (or the DMA) may just have written: order first. */
    mmio_fence();
    mmio_write32(MRAM_REG(MRAM_CMD), cmd);
    return (int)mmio_read32(MRAM_REG(MRAM_ERR_CODE));
}

/* OP for `opcode` with these types, or 0 when a width does not fit its field. */
static uint32_t op_value(uint32_t opcode, const struct mram_types *t)
{
    if (t->a_bits > MRAM_BITS_FIELD_MAX || t->w_bits > MRAM_BITS_FIELD_MAX)
        return 0;
    return MRAM_OP_VALUE(opcode, t->a_bits, t->a_signed, t->w_bits, t->w_signed) |
           (t->plus_minus_one ? MRAM_OP_W_PLUS_MINUS_ONE : 0u);
}

int mram_dot(const struct mram_dot *d)
{
    uint32_t op = op_value(MRAM_OP_DOT, &d->types);
    if (op == 0)
        return (int)MRAM_ERR_BAD_TYPE;
    mmio_write32(MRAM_REG(MRAM_OP), op | (d->has_bias ? MRAM_OP_FLAG_BIAS : 0u));
    mmio_write32(MRAM_REG(MRAM_BIAS), d->bias);
    mmio_write32(MRAM_REG(MRAM_SRC_A), d->a);
    mmio_write32(MRAM_REG(MRAM_SRC_W), d->w);
    mmio_write32(MRAM_REG(MRAM_DST), d->dst);
    mmio_write32(MRAM_REG(MRAM_LENGTH), d->length);
    mmio_write32(MRAM_REG(MRAM_COUNT), d->count);
    mmio_write32(MRAM_REG(MRAM_STRIDE_A), d->stride_a);
    mmio_write32(MRAM_REG(MRAM_STRIDE_W), d->stride_w);
    mmio_write32(MRAM_REG(MRAM_INIT), (uint32_t)d->init);
    return mram_command(MRAM_CMD_START);
}

int mram_conv2d(const struct mram_conv *c)
{
    uint32_t op = op_value(MRAM_OP_CONV2D, &c->types);
    if (op == 0)
        return (int)MRAM_ERR_BAD_TYPE;
    const unsigned fields = pim_conv_fields_check(c->channels, c->height, c->width, c->kh, c->kw, c->stride_h,
                                                  c->stride_w, c->pad_h, c->pad_w);
    if (fields != PIM_ERR_NONE)
        return (int)fields;
    mmio_write32(MRAM_REG(MRAM_OP), op);
    mmio_write32(MRAM_REG(MRAM_SRC_A), c->in);
    mmio_write32(MRAM_REG(MRAM_SRC_W), c->kernel);
    mmio_write32(MRAM_REG(MRAM_DST), c->dst);
    mmio_write32(MRAM_REG(MRAM_INIT), (uint32_t)c->init);
    mmio_write32(MRAM_REG(MRAM_CONV_IN), PIM_CONV_IN_VALUE(c->channels, c->height, c->width));
    mmio_write32(MRAM_REG(MRAM_CONV_K), PIM_CONV_K_VALUE(c->kh, c->kw, c->stride_h, c->stride_w, c->pad_h, c->pad_w));
    return mram_command(MRAM_CMD_START);
}

int mram_mvm(const struct mram_mvm *m)
{
    uint32_t op = op_value(MRAM_OP_MVM, &m->types);
    if (op == 0)
        return (int)MRAM_ERR_BAD_TYPE;
    mmio_write32(MRAM_REG(MRAM_OP), op | (m->has_bias ? MRAM_OP_FLAG_BIAS : 0u));
    mmio_write32(MRAM_REG(MRAM_BIAS), m->bias);
    mmio_write32(MRAM_REG(MRAM_SRC_A), m->x);
    mmio_write32(MRAM_REG(MRAM_SRC_W), m->matrix);
    mmio_write32(MRAM_REG(MRAM_DST), m->dst);
    mmio_write32(MRAM_REG(MRAM_LENGTH), m->cols);
    mmio_write32(MRAM_REG(MRAM_COUNT), m->rows);
    mmio_write32(MRAM_REG(MRAM_STRIDE_W), m->row_stride);
    mmio_write32(MRAM_REG(MRAM_INIT), (uint32_t)m->init);
    return mram_command(MRAM_CMD_START);
}

void mram_set_step_budget(uint32_t steps) { mmio_write32(MRAM_REG(MRAM_STEPS), steps); }
int mram_resume(void) { return mram_command(MRAM_CMD_RESUME); }
uint32_t mram_steps_done(void) { return mmio_read32(MRAM_REG(MRAM_STEPS_DONE)); }
uint32_t mram_steps_total(void) { return mmio_read32(MRAM_REG(MRAM_STEPS_TOTAL)); }

int mram_wait(void)
{
    while (mmio_read32(MRAM_REG(MRAM_STATUS)) & MRAM_STATUS_BUSY) {
    }
    mmio_fence();
    return 0;
}

int32_t mram_result(void) { return (int32_t)mmio_read32(MRAM_REG(MRAM_RESULT)); }
uint32_t mram_status(void) { return mmio_read32(MRAM_REG(MRAM_STATUS)); }
uint32_t mram_error_code(void) { return mmio_read32(MRAM_REG(MRAM_ERR_CODE)); }
void mram_clear_status(void) { mmio_write32(MRAM_REG(MRAM_CTRL), MRAM_CTRL_CLEAR_STATUS); }

/* The names are the PIM devices' shared table (ip/pim/pim_errors.h). */
const char *mram_error_name(uint32_t code) { return pim_error_name(code); }

void mram_irq_enable(uint32_t mask) { mmio_write32(MRAM_REG(MRAM_IRQ_EN), mask); }
uint32_t mram_irq_status(void) { return mmio_read32(MRAM_REG(MRAM_IRQ_STATUS)); }
void mram_irq_clear(uint32_t mask) { mmio_write32(MRAM_REG(MRAM_IRQ_STATUS), mask); }

uint64_t mram_row_writes(void) { return mmio_read64_stable(MRAM_REG(MRAM_ROW_WRITES)); }
uint64_t mram_row_reads(void) { return mmio_read64_stable(MRAM_REG(MRAM_ROW_READS)); }
uint64_t mram_senses(void) { return mmio_read64_stable(MRAM_REG(MRAM_SENSES)); }
uint64_t mram_counts(void) { return mmio_read64_stable(MRAM_REG(MRAM_COUNTS)); }
uint64_t mram_shifts(void) { return mmio_read64_stable(MRAM_REG(MRAM_SHIFTS)); }
uint64_t mram_adds(void) { return mmio_read64_stable(MRAM_REG(MRAM_ADDS)); }
uint64_t mram_nv_writes(void) { return mmio_read64_stable(MRAM_REG(MRAM_NV_WRITES)); }
uint64_t mram_steps_run(void) { return mmio_read64_stable(MRAM_REG(MRAM_STEPS_RUN)); }
uint64_t mram_busy_cycles(void) { return mmio_read64_stable(MRAM_REG(MRAM_BUSY_CYCLES)); }
uint64_t mram_energy_pj(void) { return mmio_read64_stable(MRAM_REG(MRAM_ENERGY_PJ)); }
uint64_t mram_commands(void) { return mmio_read64_stable(MRAM_REG(MRAM_COMMANDS)); }
void mram_clear_counters(void) { mmio_write32(MRAM_REG(MRAM_CTRL), MRAM_CTRL_CLEAR_COUNTERS); }
