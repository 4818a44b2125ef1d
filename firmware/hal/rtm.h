/* Racetrack-memory PIM controller driver (PIMSOC_RTM_BASE, registers in ip/rtm/rtm_regs.h, the
 * array at PIMSOC_RTM_DATA_BASE; docs/models/rtm.md). Window offsets are byte offsets into the
 * array. Functions returning int give 0 when the controller accepted the command, else the
 * RTM_ERR_* code it was rejected with; they do not wait (rtm_wait()). Polling; for interrupts
 * enable RTM_IRQ_* with rtm_irq_enable() and attach a handler to PLIC source PIMSOC_IRQ_RTM.
 * The driver itself refuses what the register fields cannot encode (an element type > 15, see also
 * rtm_conv2d) with the device's code for it, without writing CMD. */
#ifndef PIMSOC_HAL_RTM_H
#define PIMSOC_HAL_RTM_H

#include <stdint.h>

#include "memory_map.h"
#include "rtm/rtm_regs.h"

struct rtm_info {
    uint32_t banks;
    uint32_t bank_bytes;
    uint32_t word_bytes; /* tracks per DBC / 8 */
    uint32_t ports_per_track;
    uint32_t domains_per_track;
    uint32_t dbcs_per_subarray;
    uint32_t subarrays_per_bank;
};

/* 1 if the controller answers with RTM_ID_VALUE (and fills *info when info is not NULL). */
int rtm_probe(struct rtm_info *info);

/* The array as CPU-visible memory: offset -> address in the data window. */
static inline volatile uint8_t *rtm_window(uint32_t offset)
{
    return (volatile uint8_t *)(uintptr_t)(PIMSOC_RTM_DATA_BASE + offset);
}

/* Element-wise dst[i] = a[i] op b[i], length elements of `type` (RTM_TYPE_*). */
int rtm_add(uint32_t dst, uint32_t a, uint32_t b, uint32_t length, uint32_t type);
int rtm_mul(uint32_t dst, uint32_t a, uint32_t b, uint32_t length, uint32_t type);

/* count dot products: dst[j] (int32) = init_j + sum_i a_j[i] * b_j[i], a_j = a + j * stride_a,
 * b_j = b + j * stride_b (byte strides, 0 = the same vector), init_j = bias[j] (int32 at bias) if
 * has_bias, else init. A fully connected layer: a = the input, stride_a = 0, b = the weights,
 * stride_b = the row pitch, count = the outputs. */
struct rtm_dot {
    uint32_t dst, a, stride_a, b, stride_b;
    uint32_t length, count;
    int32_t init;
    int has_bias;
    uint32_t bias;
    uint32_t type_a, type_b; /* RTM_TYPE_* */
};
int rtm_dot(const struct rtm_dot *d);

/* One output channel of a convolution: in = channels x height x width (CHW) of in_type, kernel =
 * channels x kh x kw of kernel_type, dst = int32 H' x W' accumulators starting at init,
 * out = (in + 2 * pad - k) / stride + 1; taps in the padding contribute 0. The register fields
 * hold channels <= 255, height and width <= 4095, kh, kw, strides and padding <= 15: beyond
 * those the driver returns RTM_ERR_TOO_LARGE, _BAD_KERNEL, _BAD_STRIDE or _BAD_PADDING itself,
 * without writing CMD (ERR_CODE and STATUS keep the previous verdict). */
struct rtm_conv {
    uint32_t dst, in, kernel;
    uint32_t channels, height, width;
    uint32_t kh, kw, stride_h, stride_w, pad_h, pad_w;
    int32_t init;
    uint32_t in_type, kernel_type; /* RTM_TYPE_* */
};
int rtm_conv2d(const struct rtm_conv *c);

/* Polls until no bank is busy; 0. */
int rtm_wait(void);
/* The last DOT's accumulator (after rtm_wait()). */
int32_t rtm_result(void);

uint32_t rtm_status(void);
uint32_t rtm_error_code(void);
void rtm_clear_status(void);
const char *rtm_error_name(uint32_t code);

void rtm_irq_enable(uint32_t mask);
uint32_t rtm_irq_status(void);
void rtm_irq_clear(uint32_t mask);

/* 64-bit counters */
uint64_t rtm_shifts(void);
uint64_t rtm_reads(void);
uint64_t rtm_writes(void);
uint64_t rtm_adds(void);
uint64_t rtm_mults(void);
uint64_t rtm_busy_cycles(void);
uint64_t rtm_energy_pj(void);
uint64_t rtm_commands(void);
void rtm_clear_counters(void);

#endif /* PIMSOC_HAL_RTM_H */
