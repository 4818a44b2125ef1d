#include "hal/rtm.h"

#include "hal/mmio.h"
#include "memory_map.h"

#define RTM_REG(off) ((uintptr_t)PIMSOC_RTM_BASE + (off))

int rtm_probe(struct rtm_info *info)
{
    if (mmio_read32(RTM_REG(RTM_ID)) != RTM_ID_VALUE)
        return 0;
    if (info) {
        uint32_t caps = mmio_read32(RTM_REG(RTM_CAPS));
        uint32_t geometry = mmio_read32(RTM_REG(RTM_GEOMETRY));
        info->banks = caps & RTM_CAPS_BANKS_MASK;
        info->word_bytes = (caps & RTM_CAPS_WORD_BYTES_MASK) >> RTM_CAPS_WORD_BYTES_SHIFT;
        info->ports_per_track = (caps & RTM_CAPS_PORTS_MASK) >> RTM_CAPS_PORTS_SHIFT;
        info->domains_per_track = geometry & RTM_GEOMETRY_DOMAINS_MASK;
        info->dbcs_per_subarray = (geometry & RTM_GEOMETRY_DBCS_MASK) >> RTM_GEOMETRY_DBCS_SHIFT;
        info->subarrays_per_bank = (geometry & RTM_GEOMETRY_SUBARRAYS_MASK) >> RTM_GEOMETRY_SUBARRAYS_SHIFT;
        info->bank_bytes = mmio_read32(RTM_REG(RTM_BANK_BYTES));
    }
    return 1;
}

/* Writes CMD and returns the controller's verdict (ERR_CODE is that of the last CMD write). */
static int rtm_start(void)
{
    /* The command reads the array the CPU (or the DMA) may just have written: order first. */
    mmio_fence();
    mmio_write32(RTM_REG(RTM_CMD), RTM_CMD_START);
    return (int)mmio_read32(RTM_REG(RTM_ERR_CODE));
}

/* OP holds each element type in 4 bits: a larger value would spill into the next field (type 16
 * of A would read as u8 with B's field set). The device rejects 12..15 itself. */
#define RTM_TYPE_FIELD_MAX 0xFu

static int rtm_elementwise(uint32_t opcode, uint32_t dst, uint32_t a, uint32_t b, uint32_t length, uint32_t type)
{
    if (type > RTM_TYPE_FIELD_MAX)
        return (int)RTM_ERR_BAD_TYPE;
    mmio_write32(RTM_REG(RTM_OP), RTM_OP_VALUE(opcode, type, type));
    mmio_write32(RTM_REG(RTM_SRC_A), a);
    mmio_write32(RTM_REG(RTM_SRC_B), b);
    mmio_write32(RTM_REG(RTM_DST), dst);
    mmio_write32(RTM_REG(RTM_LENGTH), length);
    return rtm_start();
}

int rtm_add(uint32_t dst, uint32_t a, uint32_t b, uint32_t length, uint32_t type)
{
    return rtm_elementwise(RTM_OP_ADD, dst, a, b, length, type);
}

int rtm_mul(uint32_t dst, uint32_t a, uint32_t b, uint32_t length, uint32_t type)
{
    return rtm_elementwise(RTM_OP_MUL, dst, a, b, length, type);
}

int rtm_dot(const struct rtm_dot *d)
{
    if (d->type_a > RTM_TYPE_FIELD_MAX || d->type_b > RTM_TYPE_FIELD_MAX)
        return (int)RTM_ERR_BAD_TYPE;
    mmio_write32(RTM_REG(RTM_OP), RTM_OP_VALUE(RTM_OP_DOT, d->type_a, d->type_b) | (d->has_bias ? RTM_OP_FLAG_BIAS : 0));
    mmio_write32(RTM_REG(RTM_BIAS), d->bias);
    mmio_write32(RTM_REG(RTM_SRC_A), d->a);
    mmio_write32(RTM_REG(RTM_SRC_B), d->b);
    mmio_write32(RTM_REG(RTM_DST), d->dst);
    mmio_write32(RTM_REG(RTM_LENGTH), d->length);
    mmio_write32(RTM_REG(RTM_COUNT), d->count);
    mmio_write32(RTM_REG(RTM_STRIDE_A), d->stride_a);
    mmio_write32(RTM_REG(RTM_STRIDE_B), d->stride_b);
    mmio_write32(RTM_REG(RTM_INIT), (uint32_t)d->init);
    return rtm_start();
}

int rtm_conv2d(const struct rtm_conv *c)
{
    /* What the CONV_IN/CONV_K fields cannot encode is refused here (pim_conv_regs.h), with the
     * code the device gives for the same kind of problem (CMD is not written). */
    if (c->in_type > RTM_TYPE_FIELD_MAX || c->kernel_type > RTM_TYPE_FIELD_MAX)
        return (int)RTM_ERR_BAD_TYPE;
    const unsigned fields = pim_conv_fields_check(c->channels, c->height, c->width, c->kh, c->kw, c->stride_h,
                                                  c->stride_w, c->pad_h, c->pad_w);
    if (fields != PIM_ERR_NONE)
        return (int)fields;
    mmio_write32(RTM_REG(RTM_OP), RTM_OP_VALUE(RTM_OP_CONV2D, c->in_type, c->kernel_type));
    mmio_write32(RTM_REG(RTM_SRC_A), c->in);
    mmio_write32(RTM_REG(RTM_SRC_B), c->kernel);
    mmio_write32(RTM_REG(RTM_DST), c->dst);
    mmio_write32(RTM_REG(RTM_INIT), (uint32_t)c->init);
    mmio_write32(RTM_REG(RTM_CONV_IN), RTM_CONV_IN_VALUE(c->channels, c->height, c->width));
    mmio_write32(RTM_REG(RTM_CONV_K), RTM_CONV_K_VALUE(c->kh, c->kw, c->stride_h, c->stride_w, c->pad_h, c->pad_w));
    return rtm_start();
}

int rtm_wait(void)
{
    while (mmio_read32(RTM_REG(RTM_STATUS)) & RTM_STATUS_BUSY) {
    }
    mmio_fence();
    return 0;
}

int32_t rtm_result(void) { return (int32_t)mmio_read32(RTM_REG(RTM_RESULT)); }
uint32_t rtm_status(void) { return mmio_read32(RTM_REG(RTM_STATUS)); }
uint32_t rtm_error_code(void) { return mmio_read32(RTM_REG(RTM_ERR_CODE)); }
void rtm_clear_status(void) { mmio_write32(RTM_REG(RTM_CTRL), RTM_CTRL_CLEAR_STATUS); }

/* The names are the PIM devices' shared table (ip/pim/pim_errors.h). */
const char *rtm_error_name(uint32_t code) { return pim_error_name(code); }

void rtm_irq_enable(uint32_t mask) { mmio_write32(RTM_REG(RTM_IRQ_EN), mask); }
uint32_t rtm_irq_status(void) { return mmio_read32(RTM_REG(RTM_IRQ_STATUS)); }
void rtm_irq_clear(uint32_t mask) { mmio_write32(RTM_REG(RTM_IRQ_STATUS), mask); }

uint64_t rtm_shifts(void) { return mmio_read64_stable(RTM_REG(RTM_SHIFTS)); }
uint64_t rtm_reads(void) { return mmio_read64_stable(RTM_REG(RTM_READS)); }
uint64_t rtm_writes(void) { return mmio_read64_stable(RTM_REG(RTM_WRITES)); }
uint64_t rtm_adds(void) { return mmio_read64_stable(RTM_REG(RTM_ADDS)); }
uint64_t rtm_mults(void) { return mmio_read64_stable(RTM_REG(RTM_MULTS)); }
uint64_t rtm_busy_cycles(void) { return mmio_read64_stable(RTM_REG(RTM_BUSY_CYCLES)); }
uint64_t rtm_energy_pj(void) { return mmio_read64_stable(RTM_REG(RTM_ENERGY_PJ)); }
uint64_t rtm_commands(void) { return mmio_read64_stable(RTM_REG(RTM_COMMANDS)); }
void rtm_clear_counters(void) { mmio_write32(RTM_REG(RTM_CTRL), RTM_CTRL_CLEAR_COUNTERS); }
