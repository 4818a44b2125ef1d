#include "hal/reram.h"

#include "hal/mmio.h"
#include "memory_map.h"

#define RERAM_REG(off) ((uintptr_t)PIMSOC_RERAM_BASE + (off))

/* OP holds each width in 5 bits: a larger value would spill into the sign bit. The device
 * rejects 0 and 17..31 itself. */
#define RERAM_BITS_FIELD_MAX 0x1Fu

int reram_probe(struct reram_info *info)
{
    if (mmio_read32(RERAM_REG(RERAM_ID)) != RERAM_ID_VALUE)
        return 0;
    if (info) {
        uint32_t caps = mmio_read32(RERAM_REG(RERAM_CAPS));
        uint32_t geometry = mmio_read32(RERAM_REG(RERAM_GEOMETRY));
        uint32_t cell = mmio_read32(RERAM_REG(RERAM_CELL));
        info->tiles = caps & RERAM_CAPS_TILES_MASK;
        info->crossbars_per_tile = (caps & RERAM_CAPS_XBARS_MASK) >> RERAM_CAPS_XBARS_SHIFT;
        info->ideal = (caps & RERAM_CAPS_IDEAL) != 0;
        info->rows = geometry & RERAM_GEOMETRY_ROWS_MASK;
        info->columns = (geometry & RERAM_GEOMETRY_COLUMNS_MASK) >> RERAM_GEOMETRY_COLUMNS_SHIFT;
        info->cell_bits = cell & RERAM_CELL_BITS_MASK;
        info->dac_bits = (cell & RERAM_CELL_DAC_MASK) >> RERAM_CELL_DAC_SHIFT;
        info->adc_bits = (cell & RERAM_CELL_ADC_MASK) >> RERAM_CELL_ADC_SHIFT;
        info->tile_bytes = mmio_read32(RERAM_REG(RERAM_TILE_BYTES));
    }
    return 1;
}

/* Writes CMD and returns the controller's verdict (ERR_CODE is that of the last CMD write). */
static int reram_command(void)
{
    /* The command reads the buffer the CPU (or the DMA) may just have written: order first. */
    mmio_fence();
    mmio_write32(RERAM_REG(RERAM_CMD), RERAM_CMD_START);
    return (int)mmio_read32(RERAM_REG(RERAM_ERR_CODE));
}

/* OP for `opcode` with input type x and weight type w, or 0 when a width does not fit its field. */
static uint32_t op_value(uint32_t opcode, struct reram_type x, struct reram_type w)
{
    if (x.bits > RERAM_BITS_FIELD_MAX || w.bits > RERAM_BITS_FIELD_MAX)
        return 0;
    return RERAM_OP_VALUE(opcode, x.bits, x.is_signed, w.bits, w.is_signed);
}

static const struct reram_type no_type = {0, 0};

uint32_t reram_plan(struct reram_type w, uint32_t outputs)
{
    uint32_t op = op_value(RERAM_OP_PROGRAM, no_type, w);
    if (op == 0)
        return 0;
    mmio_write32(RERAM_REG(RERAM_OP), op);
    mmio_write32(RERAM_REG(RERAM_OUTPUTS), outputs);
    return mmio_read32(RERAM_REG(RERAM_PLAN));
}

int reram_program(const struct reram_program *p)
{
    uint32_t op = op_value(RERAM_OP_PROGRAM, no_type, p->w);
    if (op == 0)
        return (int)RERAM_ERR_BAD_TYPE;
    mmio_write32(RERAM_REG(RERAM_OP), op);
    mmio_write32(RERAM_REG(RERAM_XBAR), p->xbar);
    mmio_write32(RERAM_REG(RERAM_SRC), p->src);
    mmio_write32(RERAM_REG(RERAM_STRIDE), p->stride);
    mmio_write32(RERAM_REG(RERAM_INPUTS), p->inputs);
    mmio_write32(RERAM_REG(RERAM_OUTPUTS), p->outputs);
    return reram_command();
}

int reram_mvm(const struct reram_mvm *m)
{
    uint32_t op = op_value(RERAM_OP_MVM, m->x, no_type);
    if (op == 0)
        return (int)RERAM_ERR_BAD_TYPE;
    mmio_write32(RERAM_REG(RERAM_OP), op);
    mmio_write32(RERAM_REG(RERAM_XBAR), m->xbar);
    mmio_write32(RERAM_REG(RERAM_SRC), m->src);
    mmio_write32(RERAM_REG(RERAM_STRIDE), m->stride);
    mmio_write32(RERAM_REG(RERAM_DST), m->dst);
    mmio_write32(RERAM_REG(RERAM_COUNT), m->count);
    return reram_command();
}

int reram_conv(const struct reram_conv *c)
{
    uint32_t op = op_value(RERAM_OP_CONV, c->x, no_type);
    if (op == 0)
        return (int)RERAM_ERR_BAD_TYPE;
    const unsigned fields = pim_conv_fields_check(c->channels, c->height, c->width, c->kh, c->kw, c->stride_h,
                                                  c->stride_w, c->pad_h, c->pad_w);
    if (fields != PIM_ERR_NONE)
        return (int)fields;
    mmio_write32(RERAM_REG(RERAM_OP), op);
    mmio_write32(RERAM_REG(RERAM_XBAR), c->xbar);
    mmio_write32(RERAM_REG(RERAM_SRC), c->src);
    mmio_write32(RERAM_REG(RERAM_DST), c->dst);
    mmio_write32(RERAM_REG(RERAM_CONV_IN), PIM_CONV_IN_VALUE(c->channels, c->height, c->width));
    mmio_write32(RERAM_REG(RERAM_CONV_K), PIM_CONV_K_VALUE(c->kh, c->kw, c->stride_h, c->stride_w, c->pad_h, c->pad_w));
    return reram_command();
}

int reram_pipeline(uint32_t table)
{
    mmio_write32(RERAM_REG(RERAM_OP), RERAM_OP_PIPELINE);
    mmio_write32(RERAM_REG(RERAM_SRC), table);
    return reram_command();
}

uint32_t reram_pipe_steps(void) { return mmio_read32(RERAM_REG(RERAM_PIPE_STEPS)); }
uint32_t reram_pipe_step_ps(void) { return mmio_read32(RERAM_REG(RERAM_PIPE_STEP_PS)); }
uint32_t reram_pipe_time_ns(void) { return mmio_read32(RERAM_REG(RERAM_PIPE_TIME_NS)); }

int reram_wait(void)
{
    while (mmio_read32(RERAM_REG(RERAM_STATUS)) & RERAM_STATUS_BUSY) {
    }
    mmio_fence();
    return 0;
}

uint32_t reram_status(void) { return mmio_read32(RERAM_REG(RERAM_STATUS)); }
uint32_t reram_error_code(void) { return mmio_read32(RERAM_REG(RERAM_ERR_CODE)); }
void reram_clear_status(void) { mmio_write32(RERAM_REG(RERAM_CTRL), RERAM_CTRL_CLEAR_STATUS); }

/* The names are the PIM devices' shared table (ip/pim/pim_errors.h), and the ReRAM's own. */
const char *reram_error_name(uint32_t code)
{
    return code == RERAM_ERR_BAD_PIPELINE ? "bad pipeline table" : pim_error_name(code);
}

void reram_irq_enable(uint32_t mask) { mmio_write32(RERAM_REG(RERAM_IRQ_EN), mask); }
uint32_t reram_irq_status(void) { return mmio_read32(RERAM_REG(RERAM_IRQ_STATUS)); }
void reram_irq_clear(uint32_t mask) { mmio_write32(RERAM_REG(RERAM_IRQ_STATUS), mask); }

uint64_t reram_crossbar_reads(void) { return mmio_read64_stable(RERAM_REG(RERAM_CROSSBAR_READS)); }
uint64_t reram_row_activations(void) { return mmio_read64_stable(RERAM_REG(RERAM_ROW_ACTIVATIONS)); }
uint64_t reram_adc_conversions(void) { return mmio_read64_stable(RERAM_REG(RERAM_ADC_CONVERSIONS)); }
uint64_t reram_adc_clips(void) { return mmio_read64_stable(RERAM_REG(RERAM_ADC_CLIPS)); }
uint64_t reram_shift_adds(void) { return mmio_read64_stable(RERAM_REG(RERAM_SHIFT_ADDS)); }
uint64_t reram_cells_programmed(void) { return mmio_read64_stable(RERAM_REG(RERAM_CELLS_PROGRAMMED)); }
uint64_t reram_write_pulses(void) { return mmio_read64_stable(RERAM_REG(RERAM_WRITE_PULSES)); }
uint64_t reram_mvms(void) { return mmio_read64_stable(RERAM_REG(RERAM_MVMS)); }
uint64_t reram_busy_cycles(void) { return mmio_read64_stable(RERAM_REG(RERAM_BUSY_CYCLES)); }
uint64_t reram_energy_pj(void) { return mmio_read64_stable(RERAM_REG(RERAM_ENERGY_PJ)); }
uint64_t reram_commands(void) { return mmio_read64_stable(RERAM_REG(RERAM_COMMANDS)); }
void reram_clear_counters(void) { mmio_write32(RERAM_REG(RERAM_CTRL), RERAM_CTRL_CLEAR_COUNTERS); }
