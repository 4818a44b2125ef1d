/* SOT-MRAM bit-wise CNN accelerator driver (PIMSOC_MRAM_BASE, registers in ip/mram/mram_regs.h,
 * the operand window at PIMSOC_MRAM_DATA_BASE; docs/models/mram_controller.md). Window offsets are
 * byte offsets into the operand window; operands are packed n-bit elements (element i in bits
 * [i n, (i + 1) n) of the bytes from its offset, least significant bit first). Functions returning
 * int give 0 when the controller accepted the command, else the MRAM_ERR_* code it was rejected
 * with; they do not wait (mram_wait()). Polling; for interrupts enable MRAM_IRQ_* with
 * mram_irq_enable() and attach a handler to PLIC source PIMSOC_IRQ_MRAM. The driver itself refuses
 * what the register fields cannot encode (a width above 15, CONV geometry beyond its fields) with
 * the device's code for it, without writing CMD. */
#ifndef PIMSOC_HAL_MRAM_H
#define PIMSOC_HAL_MRAM_H

#include <stdint.h>

#include "memory_map.h"
#include "mram/mram_regs.h"

struct mram_info {
    uint32_t banks;
    uint32_t subarrays_per_bank;
    uint32_t rows, columns, segment_bits;
    uint32_t bank_bytes;
    int nv_partial_state;
};

/* 1 if the controller answers with MRAM_ID_VALUE (and fills *info when info is not NULL). */
int mram_probe(struct mram_info *info);

/* The operand window as CPU-visible memory: offset -> address. */
static inline volatile uint8_t *mram_window(uint32_t offset)
{
    return (volatile uint8_t *)(uintptr_t)(PIMSOC_MRAM_DATA_BASE + offset);
}

/* Operand widths and signs: M-bit activations, N-bit weights (1..8), two's complement when signed;
 * plus_minus_one: 1-bit unsigned weights standing for -1 (bit 0) and +1 (bit 1). */
struct mram_types {
    uint32_t a_bits, w_bits;
    int a_signed, w_signed, plus_minus_one;
};

/* count dot products: dst[j] (int32) = init_j + sum_i a_j[i] * w_j[i], a_j = a + j * stride_a,
 * w_j = w + j * stride_w (byte strides, 0 = the same vector), init_j = bias[j] if has_bias. */
struct mram_dot {
    uint32_t dst, a, stride_a, w, stride_w;
    uint32_t length, count;
    int32_t init;
    int has_bias;
    uint32_t bias;
    struct mram_types types;
};
int mram_dot(const struct mram_dot *d);

/* One output channel of a convolution (CHW input, C x kh x kw kernel, H' x W' int32 outputs). The
 * CONV_IN/CONV_K fields hold channels <= 255, height and width <= 4095, kh, kw, strides and
 * padding <= 15 (pim_conv_fields_check()). */
struct mram_conv {
    uint32_t dst, in, kernel;
    uint32_t channels, height, width;
    uint32_t kh, kw, stride_h, stride_w, pad_h, pad_w;
    int32_t init;
    struct mram_types types;
};
int mram_conv2d(const struct mram_conv *c);

/* dst[r] = init_r + sum_c W[r][c] * x[c], r < rows, c < cols; row r at matrix + r * row_stride. */
struct mram_mvm {
    uint32_t dst, x, matrix;
    uint32_t rows, cols, row_stride;
    int32_t init;
    int has_bias;
    uint32_t bias;
    struct mram_types types;
};
int mram_mvm(const struct mram_mvm *m);

/* The step budget of the next START or RESUME (0: to the end). A command stopped at its budget
 * stays in progress (STATUS.IN_PROGRESS) until mram_resume() finishes it. */
void mram_set_step_budget(uint32_t steps);
int mram_resume(void);
uint32_t mram_steps_done(void);
uint32_t mram_steps_total(void);

/* Polls until no bank is busy; 0. */
int mram_wait(void);
/* The last result of the last command that completed (after mram_wait()). */
int32_t mram_result(void);

uint32_t mram_status(void);
uint32_t mram_error_code(void);
void mram_clear_status(void);
const char *mram_error_name(uint32_t code);

void mram_irq_enable(uint32_t mask);
uint32_t mram_irq_status(void);
void mram_irq_clear(uint32_t mask);

/* 64-bit counters */
uint64_t mram_row_writes(void);
uint64_t mram_row_reads(void);
uint64_t mram_senses(void);
uint64_t mram_counts(void);
uint64_t mram_shifts(void);
uint64_t mram_adds(void);
uint64_t mram_nv_writes(void);
uint64_t mram_steps_run(void);
uint64_t mram_busy_cycles(void);
uint64_t mram_energy_pj(void);
uint64_t mram_commands(void);
void mram_clear_counters(void);

#endif /* PIMSOC_HAL_MRAM_H */
