/* mram_selftest: checks the SOT-MRAM accelerator controller (ip/mram,
 * docs/models/mram_controller.md) and its driver (hal/mram.h) from the CPU's side:
 *   - ID, CAPS, GEOMETRY, BANK_BYTES, SEGMENT_BITS, reset values, descriptor registers reading back;
 *   - the operand window: byte, halfword and word round trips in every bank, neighbours untouched;
 *   - DOT batches (with and without biases) at width pairs from 1:1 to 8:8, unsigned, two's
 *     complement and {-1,+1} weights, CONV2D (stride, padding, channels) and MVM (row pitch,
 *     biases) against plain C references on the CPU, the result regions' neighbours untouched;
 *   - every error code the device returns (bad opcode, bad type, zero size, out of range, cross
 *     bank, misaligned, bad stride, bad kernel, bad padding, overlap, bad CMD, RESUME with nothing
 *     in progress, START while a command is in progress): mram_error_code() and its name,
 *     STATUS.ERR, IRQ_STATUS.ERR, no counter moved; the driver's own field checks;
 *   - a step budget: the command stops part-way (IN_PROGRESS, STEPS_DONE), RESUME finishes it;
 *   - banks: two commands on two banks take about the time of one (STATUS bank-busy bits);
 *   - the DONE and ERR interrupts through the PLIC (PIMSOC_IRQ_MRAM) while the CPU sleeps in wfi;
 *   - the counters increase as the operations imply, and CTRL.CLEAR_COUNTERS zeroes them.
 * Needs 2+ banks of 48 KiB or more (the defaults: 4 x 64 KiB). Prints one line per group and
 * "mram_selftest: PASS" (exit 0); on the first mismatch "mram_selftest: FAIL: <what> (line N)" and
 * exit 1. Deterministic output: expected_output.txt. */
#include <stdint.h>
#include <stdio.h>

#include "hal/csr.h"
#include "hal/irq.h"
#include "hal/mmio.h"
#include "hal/mram.h"
#include "hal/sysctl.h"
#include "memory_map.h"

#define MRAM_REG(off) ((uintptr_t)PIMSOC_MRAM_BASE + (off))
#define GUARD 0xA5u

#define SELFTEST_NAME "mram_selftest"
#include "apps/selftest.h"

static struct mram_info s_info;

static uint32_t bank_base(uint32_t bank) { return bank * s_info.bank_bytes; }

/* ---- pseudo-random data and the window ---------------------------------------------------- */

#define SELFTEST_WINDOW(off) mram_window(off)
#define SELFTEST_RNG_SEED 0x9E3779B9u
#include "apps/selftest_window.h"

/* ---- packed operands and the C reference -------------------------------------------------- */

#define MAX_ELEMS 512

static uint32_t packed_bytes(uint32_t bits, uint32_t n) { return (bits * n + 7u) / 8u; }

/* Writes n raw `bits`-bit elements packed (least significant bit first) at window offset off. */
static void put_packed(uint32_t off, uint32_t bits, const uint8_t *raw, uint32_t n)
{
    uint8_t bytes[MAX_ELEMS] = {0};
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t b = 0; b < bits; b++)
            if ((raw[i] >> b) & 1u)
                bytes[(i * bits + b) / 8u] |= (uint8_t)(1u << ((i * bits + b) % 8u));
    for (uint32_t i = 0; i < packed_bytes(bits, n); i++)
        win_w8(off + i, bytes[i]);
}

static void random_raw(uint8_t *raw, uint32_t n, uint32_t bits)
{
    for (uint32_t i = 0; i < n; i++)
        raw[i] = (uint8_t)(rnd() & ((1u << bits) - 1u));
}

static int32_t activation_value(const struct mram_types *t, uint8_t raw)
{
    if (t->a_signed && ((raw >> (t->a_bits - 1)) & 1u))
        return (int32_t)raw - (int32_t)(1u << t->a_bits);
    return raw;
}

static int32_t weight_value(const struct mram_types *t, uint8_t raw)
{
    if (t->plus_minus_one)
        return (raw & 1u) ? 1 : -1;
    if (t->w_signed && ((raw >> (t->w_bits - 1)) & 1u))
        return (int32_t)raw - (int32_t)(1u << t->w_bits);
    return raw;
}

/* Width pairs and signed schemes the command tests walk. */
static const struct mram_types s_types[] = {
    {1, 1, 0, 0, 0}, {2, 1, 0, 0, 1}, {8, 1, 1, 0, 1}, {2, 2, 0, 1, 0},
    {4, 4, 1, 1, 0}, {3, 5, 1, 0, 0}, {8, 8, 0, 1, 0}, {5, 7, 1, 1, 0},
};
#define N_TYPES (sizeof s_types / sizeof s_types[0])

static const char *types_name(const struct mram_types *t)
{
    static char name[32];
    snprintf(name, sizeof name, "W%lu%s:A%lu%s", (unsigned long)t->w_bits,
             t->plus_minus_one ? "(+-1)" : t->w_signed ? "s" : "", (unsigned long)t->a_bits, t->a_signed ? "s" : "");
    return name;
}

static int wait_idle(void) { return mram_wait(); }

/* ---- registers ---------------------------------------------------------------------------- */

static int test_registers(void)
{
    CHECK(mram_probe(&s_info), "no MRAM controller at 0x%08lx", (unsigned long)PIMSOC_MRAM_BASE);
    printf("  %lu banks x %lu bytes: %lu sub-arrays of %lu x %lu, segments of %lu columns, nv state %s\n",
           (unsigned long)s_info.banks, (unsigned long)s_info.bank_bytes, (unsigned long)s_info.subarrays_per_bank,
           (unsigned long)s_info.rows, (unsigned long)s_info.columns, (unsigned long)s_info.segment_bits,
           s_info.nv_partial_state ? "on" : "off");
    CHECK(s_info.banks >= 2 && s_info.bank_bytes >= 0xC000u, "needs 2 banks of 48 KiB or more");
    CHECK(mram_status() == 0 && mram_error_code() == 0, "STATUS / ERR_CODE after reset");
    CHECK(mmio_read32(MRAM_REG(MRAM_COUNT)) == 1u, "COUNT resets to 1");
    CHECK(mmio_read32(MRAM_REG(MRAM_STEPS)) == 0u && mram_steps_total() == 0u, "STEPS / STEPS_TOTAL after reset");
    CHECK(mmio_read32(MRAM_REG(MRAM_IRQ_EN)) == 0 && mram_irq_status() == 0, "IRQ_EN / IRQ_STATUS after reset");
    mmio_write32(MRAM_REG(MRAM_LENGTH), 0x1234u);
    mmio_write32(MRAM_REG(MRAM_STRIDE_W), 0x40u);
    CHECK(mmio_read32(MRAM_REG(MRAM_LENGTH)) == 0x1234u && mmio_read32(MRAM_REG(MRAM_STRIDE_W)) == 0x40u,
          "descriptor registers read back");
    return 0;
}

/* ---- window ------------------------------------------------------------------------------- */

static int test_window(void)
{
    for (uint32_t bank = 0; bank < s_info.banks; bank++) {
        const uint32_t base = bank_base(bank) + 0x3000u;
        win_fill(base, 16, GUARD);
        win_w8(base + 1, 0x11u);
        win_w16(base + 4, 0x2233u);
        win_w32(base + 8, 0x44556677u);
        CHECK(win_r8(base + 1) == 0x11u && win_r16(base + 4) == 0x2233u && win_r32(base + 8) == 0x44556677u,
              "bank %lu: round trips", (unsigned long)bank);
        CHECK(win_r8(base) == GUARD && win_r8(base + 2) == GUARD && win_r8(base + 12) == GUARD,
              "bank %lu: neighbours", (unsigned long)bank);
        CHECK(win_r8(base + 8) == 0x77u, "bank %lu: little-endian", (unsigned long)bank);
    }
    return 0;
}

/* ---- commands ----------------------------------------------------------------------------- */

static int check_results(const char *what, uint32_t dst, const int32_t *expected, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        CHECK((int32_t)win_r32(dst + 4 * i) == expected[i], "%s: result %lu = %ld, expected %ld", what,
              (unsigned long)i, (long)(int32_t)win_r32(dst + 4 * i), (long)expected[i]);
    CHECK(win_r8(dst + 4 * n) == GUARD, "%s: the byte after the results changed", what);
    return 0;
}

/* count products of `length` elements: one activation vector, weight rows at a pitch. */
static int test_dot(void)
{
    const uint32_t base = bank_base(1);
    const uint32_t length = 37, count = 5;
    static uint8_t a[MAX_ELEMS], w[8][MAX_ELEMS];
    int32_t expected[8], bias[8];
    for (uint32_t k = 0; k < N_TYPES; k++) {
        const struct mram_types *t = &s_types[k];
        const uint32_t pitch = packed_bytes(t->w_bits, length) + 3u;
        const int has_bias = (k & 1u) != 0;
        random_raw(a, length, t->a_bits);
        put_packed(base, t->a_bits, a, length);
        for (uint32_t j = 0; j < count; j++) {
            random_raw(w[j], length, t->w_bits);
            put_packed(base + 0x400u + j * pitch, t->w_bits, w[j], length);
            bias[j] = (int32_t)(rnd() % 2001u) - 1000;
            win_w32(base + 0x800u + 4 * j, (uint32_t)bias[j]);
        }
        for (uint32_t j = 0; j < count; j++) {
            int32_t sum = has_bias ? bias[j] : -7;
            for (uint32_t i = 0; i < length; i++)
                sum += activation_value(t, a[i]) * weight_value(t, w[j][i]);
            expected[j] = sum;
        }
        win_fill(base + 0x1000u, 4 * count + 4, GUARD);
        struct mram_dot d = {.dst = base + 0x1000u, .a = base, .stride_a = 0, .w = base + 0x400u, .stride_w = pitch,
                             .length = length, .count = count, .init = -7, .has_bias = has_bias,
                             .bias = base + 0x800u, .types = *t};
        int rc = mram_dot(&d);
        CHECK(rc == 0, "DOT %s rejected: %s", types_name(t), mram_error_name((uint32_t)rc));
        wait_idle();
        if (check_results(types_name(t), base + 0x1000u, expected, count) != 0)
            return 1;
        CHECK(mram_result() == expected[count - 1], "DOT %s: RESULT", types_name(t));
    }
    return 0;
}

static int test_conv(void)
{
    const uint32_t base = bank_base(0) + 0x1000u;
    enum { C = 3, H = 7, W = 6, KH = 3, KW = 2, SH = 2, SW = 1, PH = 1, PW = 0 };
    enum { OH = (H + 2 * PH - KH) / SH + 1, OW = (W + 2 * PW - KW) / SW + 1 };
    static uint8_t in[C * H * W], kernel[C * KH * KW];
    int32_t expected[OH * OW];
    for (uint32_t k = 0; k < N_TYPES; k++) {
        const struct mram_types *t = &s_types[k];
        random_raw(in, C * H * W, t->a_bits);
        random_raw(kernel, C * KH * KW, t->w_bits);
        put_packed(base, t->a_bits, in, C * H * W);
        put_packed(base + 0x200u, t->w_bits, kernel, C * KH * KW);
        for (int y = 0; y < OH; y++)
            for (int x = 0; x < OW; x++) {
                int32_t sum = 11;
                for (int c = 0; c < C; c++)
                    for (int i = 0; i < KH; i++)
                        for (int j = 0; j < KW; j++) {
                            const int iy = y * SH + i - PH, ix = x * SW + j - PW;
                            if (iy < 0 || iy >= H || ix < 0 || ix >= W)
                                continue;
                            sum += activation_value(t, in[(c * H + iy) * W + ix]) *
                                   weight_value(t, kernel[(c * KH + i) * KW + j]);
                        }
                expected[y * OW + x] = sum;
            }
        win_fill(base + 0x400u, 4 * OH * OW + 4, GUARD);
        struct mram_conv cv = {.dst = base + 0x400u, .in = base, .kernel = base + 0x200u, .channels = C, .height = H,
                               .width = W, .kh = KH, .kw = KW, .stride_h = SH, .stride_w = SW, .pad_h = PH,
                               .pad_w = PW, .init = 11, .types = *t};
        int rc = mram_conv2d(&cv);
        CHECK(rc == 0, "CONV2D %s rejected: %s", types_name(t), mram_error_name((uint32_t)rc));
        wait_idle();
        if (check_results(types_name(t), base + 0x400u, expected, OH * OW) != 0)
            return 1;
    }
    return 0;
}

static int test_mvm(void)
{
    const uint32_t base = bank_base(1) + 0x2000u;
    enum { ROWS = 9, COLS = 50 };
    static uint8_t x[COLS], m[ROWS][COLS];
    int32_t expected[ROWS];
    for (uint32_t k = 0; k < N_TYPES; k += 2) {
        const struct mram_types *t = &s_types[k];
        const uint32_t pitch = packed_bytes(t->w_bits, COLS) + 1u;
        random_raw(x, COLS, t->a_bits);
        put_packed(base, t->a_bits, x, COLS);
        for (uint32_t r = 0; r < ROWS; r++) {
            random_raw(m[r], COLS, t->w_bits);
            put_packed(base + 0x100u + r * pitch, t->w_bits, m[r], COLS);
            int32_t sum = (int32_t)r * 100 - 400;
            win_w32(base + 0x600u + 4 * r, (uint32_t)sum);
            for (uint32_t c = 0; c < COLS; c++)
                sum += weight_value(t, m[r][c]) * activation_value(t, x[c]);
            expected[r] = sum;
        }
        win_fill(base + 0x700u, 4 * ROWS + 4, GUARD);
        struct mram_mvm mv = {.dst = base + 0x700u, .x = base, .matrix = base + 0x100u, .rows = ROWS, .cols = COLS,
                              .row_stride = pitch, .init = 0, .has_bias = 1, .bias = base + 0x600u, .types = *t};
        int rc = mram_mvm(&mv);
        CHECK(rc == 0, "MVM %s rejected: %s", types_name(t), mram_error_name((uint32_t)rc));
        wait_idle();
        if (check_results(types_name(t), base + 0x700u, expected, ROWS) != 0)
            return 1;
    }
    return 0;
}

/* ---- errors ------------------------------------------------------------------------------- */

struct counters {
    uint64_t row_writes, senses, commands;
};
static void read_counters(struct counters *c)
{
    c->row_writes = mram_row_writes();
    c->senses = mram_senses();
    c->commands = mram_commands();
}

static int reject(const char *what, uint32_t code, int rc, const struct counters *before)
{
    struct counters after;
    CHECK(rc == (int)code, "%s: got %d (%s), expected %lu (%s)", what, rc, mram_error_name((uint32_t)rc),
          (unsigned long)code, mram_error_name(code));
    CHECK(mram_error_code() == code && (mram_status() & MRAM_STATUS_ERR), "%s: ERR_CODE / STATUS.ERR", what);
    CHECK(mram_irq_status() & MRAM_IRQ_ERR, "%s: IRQ_STATUS.ERR", what);
    read_counters(&after);
    CHECK(after.row_writes == before->row_writes && after.senses == before->senses, "%s: counters moved", what);
    mram_irq_clear(MRAM_IRQ_ERR);
    return 0;
}
/* `call` must be rejected with `code` and change no counter. */
#define REJECT(what, code, call)                         \
    do {                                                 \
        struct counters before_;                         \
        read_counters(&before_);                         \
        const int rc_ = (call);                          \
        if (reject(what, code, rc_, &before_) != 0)      \
            return 1;                                    \
    } while (0)

static int raw_command(uint32_t cmd)
{
    mmio_write32(MRAM_REG(MRAM_CMD), cmd);
    return (int)mram_error_code();
}

static int test_errors(void)
{
    const uint32_t b0 = bank_base(0) + 0x2000u, b1 = bank_base(1);
    const struct mram_types u4s4 = {4, 4, 0, 1, 0};
    const struct mram_dot dot = {.dst = b0 + 0x100u, .a = b0, .w = b0 + 0x40u, .stride_w = 8, .length = 16,
                                 .count = 2, .bias = b0 + 0x80u, .types = u4s4};
    const struct mram_conv conv = {.dst = b0 + 0x100u, .in = b0, .kernel = b0 + 0x40u, .channels = 1, .height = 4,
                                   .width = 4, .kh = 3, .kw = 3, .stride_h = 1, .stride_w = 1, .types = u4s4};
    const struct mram_mvm mvm = {.dst = b0 + 0x100u, .x = b0, .matrix = b0 + 0x40u, .rows = 2, .cols = 16,
                                 .row_stride = 8, .types = u4s4};
    struct mram_dot dx;
    struct mram_conv cx;
    struct mram_mvm mx;
    CHECK(wait_idle() == 0, "idle before the error test");

    mmio_write32(MRAM_REG(MRAM_OP), 0x7Fu);
    REJECT("opcode 0x7f", MRAM_ERR_BAD_OPCODE, raw_command(MRAM_CMD_START));
    dx = dot, dx.types.a_bits = 9;
    REJECT("9-bit activations", MRAM_ERR_BAD_TYPE, mram_dot(&dx));
    dx = dot, dx.types.w_bits = 0;
    REJECT("0-bit weights", MRAM_ERR_BAD_TYPE, mram_dot(&dx));
    dx = dot, dx.types.w_bits = 2, dx.types.plus_minus_one = 1;
    REJECT("2-bit +-1 weights", MRAM_ERR_BAD_TYPE, mram_dot(&dx));
    dx = dot, dx.length = 0;
    REJECT("DOT of length 0", MRAM_ERR_ZERO_SIZE, mram_dot(&dx));
    mx = mvm, mx.rows = 0;
    REJECT("MVM of 0 rows", MRAM_ERR_ZERO_SIZE, mram_mvm(&mx));
    dx = dot, dx.w = s_info.banks * s_info.bank_bytes - 4u;
    REJECT("DOT weights past the window", MRAM_ERR_OUT_OF_RANGE, mram_dot(&dx));
    dx = dot, dx.w = b1;
    REJECT("DOT weights in bank 1", MRAM_ERR_CROSS_BANK, mram_dot(&dx));
    dx = dot, dx.dst = b0 + 0x102u;
    REJECT("DOT results at +2", MRAM_ERR_MISALIGNED, mram_dot(&dx));
    mx = mvm, mx.row_stride = 7;
    REJECT("MVM rows of 8 bytes at a pitch of 7", MRAM_ERR_BAD_STRIDE, mram_mvm(&mx));
    cx = conv, cx.stride_h = 0;
    REJECT("CONV2D stride 0", MRAM_ERR_BAD_STRIDE, mram_conv2d(&cx));
    cx = conv, cx.kh = 5, cx.kw = 5;
    REJECT("CONV2D 5x5 on 4x4", MRAM_ERR_BAD_KERNEL, mram_conv2d(&cx));
    cx = conv, cx.pad_h = 3;
    REJECT("CONV2D padding 3 for a 3x3 kernel", MRAM_ERR_BAD_PADDING, mram_conv2d(&cx));
    dx = dot, dx.dst = b0 + 0x40u;
    REJECT("DOT results over the weights", MRAM_ERR_OVERLAP, mram_dot(&dx));
    REJECT("CMD = 7", MRAM_ERR_BAD_CMD, raw_command(7u));
    REJECT("RESUME with nothing in progress", MRAM_ERR_BAD_CMD, mram_resume());

    /* The driver's own checks: CMD is not written, ERR_CODE keeps the last verdict. */
    dx = dot, dx.types.a_bits = 16;
    CHECK(mram_dot(&dx) == (int)MRAM_ERR_BAD_TYPE && mram_error_code() == MRAM_ERR_BAD_CMD, "driver: width 16");
    cx = conv, cx.channels = 256;
    CHECK(mram_conv2d(&cx) == (int)MRAM_ERR_TOO_LARGE && mram_error_code() == MRAM_ERR_BAD_CMD,
          "driver: 256 channels");

    /* An accepted command clears ERR; CLEAR_STATUS clears DONE. */
    CHECK(mram_dot(&dot) == 0, "DOT after the errors rejected");
    CHECK(!(mram_status() & MRAM_STATUS_ERR), "an accepted command clears ERR");
    CHECK(wait_idle() == 0 && (mram_status() & MRAM_STATUS_DONE), "DONE after the DOT");
    mram_clear_status();
    CHECK(mram_status() == 0 && mram_error_code() == MRAM_ERR_NONE, "CLEAR_STATUS");
    mram_irq_clear(MRAM_IRQ_MASK);
    return 0;
}

/* ---- step budget -------------------------------------------------------------------------- */

/* A 48 x 24 x 24 u8 conv with a 3 x 3 s8 kernel in `bank` (from 16 KiB to 46 KiB): about 9 us
 * with the defaults, longer than the CPU takes to start a command on another bank. */
#define LONG_BASE 0x4000u
#define LONG_CHANNELS 48u
#define LONG_SIZE 24u
#define LONG_KERNEL 0x6C00u
#define LONG_DST 0x6E00u
#define LONG_OUTPUTS ((LONG_SIZE - 2u) * (LONG_SIZE - 2u))

static int start_long_conv(uint32_t bank)
{
    const uint32_t base = bank_base(bank) + LONG_BASE;
    const struct mram_conv cv = {.dst = base + LONG_DST, .in = base, .kernel = base + LONG_KERNEL,
                                 .channels = LONG_CHANNELS, .height = LONG_SIZE, .width = LONG_SIZE, .kh = 3, .kw = 3,
                                 .stride_h = 1, .stride_w = 1, .types = {8, 8, 0, 1, 0}};
    return mram_conv2d(&cv);
}

static void prepare_long_conv(uint32_t bank)
{
    const uint32_t base = bank_base(bank) + LONG_BASE;
    for (uint32_t i = 0; i < LONG_CHANNELS * LONG_SIZE * LONG_SIZE; i += 4)
        win_w32(base + i, rnd());
    for (uint32_t i = 0; i < LONG_CHANNELS * 9; i += 4)
        win_w32(base + LONG_KERNEL + i, rnd());
}

/* A checksum of the long conv's results in `bank`, and zeroes them. */
static uint32_t take_long_results(uint32_t bank)
{
    const uint32_t dst = bank_base(bank) + LONG_BASE + LONG_DST;
    uint32_t sum = 0;
    for (uint32_t i = 0; i < LONG_OUTPUTS; i++) {
        sum = sum * 31u + win_r32(dst + 4 * i);
        win_w32(dst + 4 * i, 0);
    }
    return sum;
}

static int test_steps(void)
{
    prepare_long_conv(0);
    CHECK(start_long_conv(0) == 0, "the long conv rejected");
    wait_idle();
    const uint32_t whole = take_long_results(0);

    mram_set_step_budget(100);
    CHECK(start_long_conv(0) == 0, "the long conv with a budget rejected");
    wait_idle();
    CHECK(mram_status() & MRAM_STATUS_IN_PROGRESS, "not in progress after 100 steps");
    CHECK(mram_steps_done() == 100u && mram_steps_total() > 100u, "steps %lu of %lu",
          (unsigned long)mram_steps_done(), (unsigned long)mram_steps_total());
    REJECT("START while a command is in progress", MRAM_ERR_BUSY, start_long_conv(0));
    uint32_t resumes = 0;
    while (mram_status() & MRAM_STATUS_IN_PROGRESS) {
        CHECK(mram_resume() == 0, "RESUME rejected");
        wait_idle();
        resumes++;
    }
    mram_set_step_budget(0);
    CHECK(resumes >= 1 && mram_steps_total() == 0, "%lu resumes", (unsigned long)resumes);
    CHECK(take_long_results(0) == whole, "the results in slices differ from the whole command's");
    mram_clear_status();
    return 0;
}

/* ---- banks -------------------------------------------------------------------------------- */

/* One conv alone, then one on each of two banks: the two take about the time of one. */
static int test_banks(void)
{
    prepare_long_conv(1);
    uint64_t t0 = sysctl_sim_time_ns();
    CHECK(start_long_conv(0) == 0, "conv on bank 0 rejected");
    wait_idle();
    const uint64_t one = sysctl_sim_time_ns() - t0;

    t0 = sysctl_sim_time_ns();
    CHECK(start_long_conv(0) == 0, "conv on bank 0 rejected");
    CHECK(start_long_conv(1) == 0, "conv on bank 1 rejected");
    const uint32_t st = mram_status();
    CHECK((st & MRAM_STATUS_BANK_BUSY_MASK) == (3u << MRAM_STATUS_BANK_BUSY_SHIFT), "banks 0 and 1 not both busy: "
          "STATUS 0x%lx", (unsigned long)st);
    wait_idle();
    const uint64_t two = sysctl_sim_time_ns() - t0;
    CHECK(two * 2 < one * 3, "two banks took %lu ns, one conv %lu ns: not in parallel", (unsigned long)two,
          (unsigned long)one);
    CHECK((mram_status() & MRAM_STATUS_BANK_BUSY_MASK) == 0, "bank bits after both");
    mram_clear_status();
    return 0;
}

/* ---- interrupts --------------------------------------------------------------------------- */

#define SELFTEST_IRQ_STATUS() mram_irq_status()
#define SELFTEST_IRQ_CLEAR(mask) mram_irq_clear(mask)
#include "apps/selftest_irq.h"

static int test_irq(void)
{
    CHECK(wait_idle() == 0, "idle before the irq test");
    irq_init();
    irq_attach(PIMSOC_IRQ_MRAM, device_isr, 1);
    mram_irq_clear(MRAM_IRQ_MASK);
    mram_irq_enable(MRAM_IRQ_DONE | MRAM_IRQ_ERR);
    irq_enable();
    CHECK(s_irq_events == 0, "an interrupt before any command");

    irq_global_disable();
    CHECK(start_long_conv(1) == 0, "long conv rejected");
    uint32_t sleeps = sleep_until_events(1);
    CHECK(s_irq_seen == MRAM_IRQ_DONE, "interrupt status 0x%lx, expected DONE", (unsigned long)s_irq_seen);
    CHECK(!(mram_status() & MRAM_STATUS_BUSY), "DONE interrupt while still busy");
    CHECK(sleeps >= 1, "the CPU never slept");

    s_irq_seen = 0;
    irq_global_disable();
    CHECK(mram_resume() == (int)MRAM_ERR_BAD_CMD, "RESUME with nothing in progress accepted");
    sleep_until_events(2);
    CHECK(s_irq_seen == MRAM_IRQ_ERR, "interrupt status 0x%lx, expected ERR", (unsigned long)s_irq_seen);
    mram_irq_enable(0);
    mram_clear_status();
    return 0;
}

/* ---- counters ----------------------------------------------------------------------------- */

static int test_counters(void)
{
    mram_clear_counters();
    CHECK(mram_row_writes() == 0 && mram_senses() == 0 && mram_commands() == 0 && mram_energy_pj() == 0,
          "counters after CLEAR_COUNTERS");
    CHECK(start_long_conv(0) == 0, "conv rejected");
    wait_idle();
    CHECK(mram_commands() == 1u, "COMMANDS = %lu", (unsigned long)mram_commands());
    CHECK(mram_row_writes() > 0 && mram_senses() > 0 && mram_counts() > 0 && mram_shifts() > 0 && mram_adds() > 0 &&
              mram_steps_run() > 0,
          "the conv counted nothing");
    CHECK(mram_row_reads() == 0, "row reads without +-1 weights");
    CHECK(mram_busy_cycles() > 0 && mram_energy_pj() > 0, "busy cycles / energy");
    /* A window write of 64 bytes is SOT writes of 512 bits: their energy is counted too. */
    const uint64_t energy = mram_energy_pj();
    for (uint32_t i = 0; i < 64; i += 4)
        win_w32(bank_base(1) + 0x100u + i, i);
    CHECK(mram_energy_pj() > energy, "a window write cost no energy");
    mram_clear_counters();
    CHECK(mram_row_writes() == 0 && mram_commands() == 0, "CLEAR_COUNTERS");
    return 0;
}

int main(void)
{
    printf("mram_selftest: start\n");
    RUN(test_registers);
    RUN(test_window);
    RUN(test_dot);
    RUN(test_conv);
    RUN(test_mvm);
    RUN(test_errors);
    RUN(test_steps);
    RUN(test_banks);
    RUN(test_irq);
    RUN(test_counters);
    printf("mram_selftest: PASS\n");
    return 0;
}
