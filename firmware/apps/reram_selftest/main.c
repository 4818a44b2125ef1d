/* reram_selftest: checks the ReRAM crossbar tile controller (ip/reram,
 * docs/models/reram_controller.md) and its driver (hal/reram.h) from the CPU's side:
 *   - ID, CAPS, GEOMETRY, CELL, TILE_BYTES, reset values, descriptor registers reading back, PLAN;
 *   - the buffer window: byte, halfword and word round trips in every tile, neighbours untouched;
 *   - PROGRAM of int8 blocks, then MVM batches of unsigned and signed 8-bit and 4-bit vectors and
 *     a CONV (channels, stride, padding) against plain C references on the CPU (ideal mode: the
 *     test needs --set reram.ideal=true), the output regions' neighbours untouched;
 *   - error codes (bad opcode, bad type, zero size, out of range, cross tile, misaligned, bad
 *     stride, bad kernel, bad padding, overlap, too large, bad CMD, MVM with no block): the code and
 *     its name, STATUS.ERR, no counter moved; the driver's own field checks;
 *   - tiles: two PROGRAMs on two tiles run at once (STATUS tile-busy bits);
 *   - the DONE and ERR interrupts through the PLIC (PIMSOC_IRQ_RERAM) while the CPU sleeps in wfi;
 *   - the counters increase as the operations imply, and CTRL.CLEAR_COUNTERS zeroes them.
 * Needs 2+ tiles of 8+ crossbars of 32 x 32 or more and 4 KiB of buffer per tile (the defaults:
 * 2 x 72 crossbars of 128 x 128, 64 KiB). Prints one line per group and "reram_selftest: PASS"
 * (exit 0); on the first mismatch "reram_selftest: FAIL: <what> (line N)" and exit 1.
 * Deterministic output: expected_output.txt. */
#include <stdint.h>
#include <stdio.h>

#include "hal/csr.h"
#include "hal/irq.h"
#include "hal/mmio.h"
#include "hal/reram.h"
#include "memory_map.h"

#define RERAM_REG(off) ((uintptr_t)PIMSOC_RERAM_BASE + (off))
#define GUARD 0xA5u

#define SELFTEST_NAME "reram_selftest"
#include "apps/selftest.h"

static struct reram_info s_info;

static uint32_t tile_base(uint32_t tile) { return tile * s_info.tile_bytes; }
static uint32_t tile_xbar(uint32_t tile) { return tile * s_info.crossbars_per_tile; }

#define SELFTEST_WINDOW(off) reram_buffer(off)
#define SELFTEST_RNG_SEED 0x2545F491u
#include "apps/selftest_window.h"

static const struct reram_type s_i8 = {8, 1};

/* ---- operands and the C reference --------------------------------------------------------- */

#define MAX_INPUTS 32
#define MAX_OUTPUTS 16

/* n random values of `bits` bits, signed or not, packed at buffer offset off (as int8 bytes for
 * 8 bits, nibbles for 4). */
static void put_values(uint32_t off, struct reram_type t, int32_t *v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t raw = rnd() & ((1u << t.bits) - 1u);
        v[i] = (t.is_signed && (raw >> (t.bits - 1))) ? (int32_t)raw - (int32_t)(1u << t.bits) : (int32_t)raw;
    }
    for (uint32_t i = 0; i < (n * t.bits + 7u) / 8u; i++)
        win_w8(off + i, 0);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t raw = (uint32_t)v[i] & ((1u << t.bits) - 1u);
        uint32_t bit = i * t.bits;
        uint8_t byte = win_r8(off + bit / 8u);
        win_w8(off + bit / 8u, (uint8_t)(byte | (raw << (bit % 8u))));
    }
}

static int check_outputs(const char *what, uint32_t off, const int32_t *expected, uint32_t n)
{
    CHECK(win_r32(off - 4u) == 0x5A5A5A5Au, "%s: the word before the outputs changed", what);
    for (uint32_t i = 0; i < n; i++)
        CHECK((int32_t)win_r32(off + 4u * i) == expected[i], "%s: output %lu = %ld, expected %ld", what,
              (unsigned long)i, (long)(int32_t)win_r32(off + 4u * i), (long)expected[i]);
    CHECK(win_r32(off + 4u * n) == 0x5A5A5A5Au, "%s: the word after the outputs changed", what);
    return 0;
}

static void guard_outputs(uint32_t off, uint32_t n)
{
    win_w32(off - 4u, 0x5A5A5A5Au);
    win_w32(off + 4u * n, 0x5A5A5A5Au);
}

/* ---- registers ---------------------------------------------------------------------------- */

static int test_registers(void)
{
    CHECK(reram_probe(&s_info), "no ReRAM controller at 0x%08lx", (unsigned long)PIMSOC_RERAM_BASE);
    printf("  %lu tiles x %lu crossbars of %lu x %lu, %lu-bit cells, %lu-bit DACs, %lu-bit ADCs, %lu buffer bytes, %s\n",
           (unsigned long)s_info.tiles, (unsigned long)s_info.crossbars_per_tile, (unsigned long)s_info.rows,
           (unsigned long)s_info.columns, (unsigned long)s_info.cell_bits, (unsigned long)s_info.dac_bits,
           (unsigned long)s_info.adc_bits, (unsigned long)s_info.tile_bytes, s_info.ideal ? "ideal" : "non-ideal");
    CHECK(s_info.ideal, "needs --set reram.ideal=true (exact results)");
    CHECK(s_info.tiles >= 2 && s_info.crossbars_per_tile >= 8 && s_info.rows >= 32 && s_info.columns >= 32 &&
              s_info.tile_bytes >= 4096u,
          "needs 2 tiles of 8 crossbars of 32 x 32 and 4 KiB");
    CHECK(reram_status() == 0 && reram_error_code() == 0, "STATUS / ERR_CODE after reset");
    CHECK(mmio_read32(RERAM_REG(RERAM_COUNT)) == 1u, "COUNT resets to 1");
    mmio_write32(RERAM_REG(RERAM_XBAR), 5);
    mmio_write32(RERAM_REG(RERAM_STRIDE), 12);
    CHECK(mmio_read32(RERAM_REG(RERAM_XBAR)) == 5u && mmio_read32(RERAM_REG(RERAM_STRIDE)) == 12u,
          "descriptor registers read back");
    /* int8 on b-bit cells: ceil(8 / b) slices, x2 with differential pairs (the default scheme). */
    uint32_t slices = (8u + s_info.cell_bits - 1u) / s_info.cell_bits;
    CHECK(reram_plan(s_i8, 16) == 2u * slices, "PLAN for int8: %lu", (unsigned long)reram_plan(s_i8, 16));
    CHECK(reram_plan(s_i8, s_info.columns + 1u) == 0u, "PLAN for a block wider than a crossbar");
    return 0;
}

/* ---- buffer window ------------------------------------------------------------------------ */

static int test_buffer(void)
{
    for (uint32_t t = 0; t < s_info.tiles && t < 2; t++) {
        uint32_t base = tile_base(t) + 0x100u;
        win_fill(base, 16, GUARD);
        win_w8(base + 4, 0x11);
        win_w16(base + 6, 0x2233);
        win_w32(base + 8, 0x44556677u);
        CHECK(win_r8(base + 4) == 0x11 && win_r16(base + 6) == 0x2233 && win_r32(base + 8) == 0x44556677u,
              "tile %lu: round trips", (unsigned long)t);
        CHECK(win_r8(base + 3) == GUARD && win_r8(base + 5) == GUARD && win_r8(base + 12) == GUARD,
              "tile %lu: neighbours changed", (unsigned long)t);
    }
    return 0;
}

/* ---- PROGRAM, MVM, CONV ------------------------------------------------------------------- */

enum { INPUTS = 27, OUTPUTS = 10, VECTORS = 3 };
static int32_t s_w[OUTPUTS * INPUTS];

/* Programs the INPUTS x OUTPUTS int8 block s_w onto crossbar 0 (staged at tile 0's 0x000). */
static int program_block(void)
{
    put_values(0, s_i8, s_w, OUTPUTS * INPUTS);
    const struct reram_program p = {tile_xbar(0), 0, 0, INPUTS, OUTPUTS, s_i8};
    CHECK(reram_program(&p) == 0, "PROGRAM rejected: %s", reram_error_name(reram_error_code()));
    return reram_wait();
}

static int test_mvm(void)
{
    static const struct reram_type types[] = {{8, 0}, {8, 1}, {4, 0}, {4, 1}};
    if (program_block() != 0)
        return 1;
    for (uint32_t k = 0; k < sizeof types / sizeof types[0]; k++) {
        int32_t x[VECTORS * INPUTS], expected[VECTORS * OUTPUTS];
        uint32_t pitch = (INPUTS * types[k].bits + 7u) / 8u;
        for (uint32_t v = 0; v < VECTORS; v++)
            put_values(0x400u + v * pitch, types[k], &x[v * INPUTS], INPUTS);
        for (uint32_t v = 0; v < VECTORS; v++)
            for (uint32_t o = 0; o < OUTPUTS; o++) {
                int32_t sum = 0;
                for (uint32_t i = 0; i < INPUTS; i++)
                    sum += s_w[o * INPUTS + i] * x[v * INPUTS + i];
                expected[v * OUTPUTS + o] = sum;
            }
        guard_outputs(0x600u, VECTORS * OUTPUTS);
        const struct reram_mvm m = {tile_xbar(0), 0x400u, 0, 0x600u, VECTORS, types[k]};
        CHECK(reram_mvm(&m) == 0, "MVM %lu%s rejected: %s", (unsigned long)types[k].bits, types[k].is_signed ? "s" : "",
              reram_error_name(reram_error_code()));
        reram_wait();
        if (check_outputs("MVM", 0x600u, expected, VECTORS * OUTPUTS) != 0)
            return 1;
    }
    return 0;
}

static int test_conv(void)
{
    /* The block of test_mvm is a 3 x 3 x 3 kernel (INPUTS = 27) with OUTPUTS channels. */
    enum { C = 3, H = 6, W = 5, K = 3, S = 2, P = 1 };
    enum { OH = (H + 2 * P - K) / S + 1, OW = (W + 2 * P - K) / S + 1 };
    static int32_t in[C * H * W], expected[OUTPUTS * OH * OW];
    const struct reram_type u8 = {8, 0};
    put_values(0x400u, u8, in, C * H * W);
    for (uint32_t o = 0; o < OUTPUTS; o++)
        for (int y = 0; y < OH; y++)
            for (int x = 0; x < OW; x++) {
                int32_t sum = 0;
                for (int c = 0; c < C; c++)
                    for (int i = 0; i < K; i++)
                        for (int j = 0; j < K; j++) {
                            int iy = y * S + i - P, ix = x * S + j - P;
                            if (iy >= 0 && iy < H && ix >= 0 && ix < W)
                                sum += in[(c * H + iy) * W + ix] * s_w[o * INPUTS + (c * K + i) * K + j];
                        }
                expected[(o * OH + y) * OW + x] = sum;
            }
    guard_outputs(0x800u, OUTPUTS * OH * OW);
    const struct reram_conv cv = {tile_xbar(0), 0x400u, 0x800u, C, H, W, K, K, S, S, P, P, u8};
    CHECK(reram_conv(&cv) == 0, "CONV rejected: %s", reram_error_name(reram_error_code()));
    reram_wait();
    return check_outputs("CONV", 0x800u, expected, OUTPUTS * OH * OW);
}

/* ---- errors ------------------------------------------------------------------------------- */

static int expect_error(const char *what, int got, uint32_t code, uint64_t reads_before)
{
    CHECK(got == (int)code, "%s: got %d (%s), expected %lu (%s)", what, got, reram_error_name((uint32_t)got),
          (unsigned long)code, reram_error_name(code));
    CHECK(reram_status() & RERAM_STATUS_ERR, "%s: STATUS.ERR not set", what);
    CHECK(reram_crossbar_reads() == reads_before && reram_cells_programmed() == 0, "%s: a counter moved", what);
    reram_clear_status();
    return 0;
}

static int test_errors(void)
{
    const struct reram_type u8 = {8, 0}, bad = {0, 0}, wide = {17, 1};
    reram_clear_counters();
    uint64_t reads = reram_crossbar_reads();
    struct reram_program p = {tile_xbar(0), 0, 0, INPUTS, OUTPUTS, wide};
    if (expect_error("weight width 17", reram_program(&p), RERAM_ERR_BAD_TYPE, reads))
        return 1;
    p.w = s_i8;
    p.outputs = 0;
    if (expect_error("no outputs", reram_program(&p), RERAM_ERR_ZERO_SIZE, reads))
        return 1;
    p.outputs = OUTPUTS;
    p.inputs = s_info.rows + 1u;
    if (expect_error("more inputs than rows", reram_program(&p), RERAM_ERR_TOO_LARGE, reads))
        return 1;
    p.inputs = INPUTS;
    p.xbar = s_info.tiles * s_info.crossbars_per_tile;
    if (expect_error("past the last crossbar", reram_program(&p), RERAM_ERR_OUT_OF_RANGE, reads))
        return 1;
    p.xbar = tile_xbar(1) - 1u;
    if (expect_error("over two tiles", reram_program(&p), RERAM_ERR_CROSS_BANK, reads))
        return 1;
    p.xbar = tile_xbar(1);
    if (expect_error("weights in tile 0's buffer", reram_program(&p), RERAM_ERR_CROSS_BANK, reads))
        return 1;
    p.xbar = tile_xbar(0);
    p.stride = INPUTS - 1u;
    if (expect_error("stride below a row", reram_program(&p), RERAM_ERR_BAD_STRIDE, reads))
        return 1;
    struct reram_mvm m = {tile_xbar(0), 0x400u, 0, 0x600u, 1, bad};
    if (expect_error("input width 0", reram_mvm(&m), RERAM_ERR_BAD_TYPE, reads))
        return 1;
    m.x = u8;
    m.count = 0;
    if (expect_error("no vectors", reram_mvm(&m), RERAM_ERR_ZERO_SIZE, reads))
        return 1;
    m.count = 1;
    m.dst = 0x602u;
    if (expect_error("misaligned outputs", reram_mvm(&m), RERAM_ERR_MISALIGNED, reads))
        return 1;
    m.dst = 0x404u;
    if (expect_error("outputs over the inputs", reram_mvm(&m), RERAM_ERR_OVERLAP, reads))
        return 1;
    m.dst = 0x600u;
    m.xbar = tile_xbar(1);
    if (expect_error("MVM with no block", reram_mvm(&m), RERAM_ERR_BAD_CMD, reads))
        return 1;
    struct reram_conv cv = {tile_xbar(0), 0x400u, 0x800u, 3, 2, 9, 3, 3, 1, 1, 0, 0, u8};
    if (expect_error("kernel above the input", reram_conv(&cv), RERAM_ERR_BAD_KERNEL, reads))
        return 1;
    cv.height = 9;
    cv.pad_h = 3;
    if (expect_error("padding not below the kernel", reram_conv(&cv), RERAM_ERR_BAD_PADDING, reads))
        return 1;
    cv.pad_h = 0;
    cv.channels = 2;
    if (expect_error("block not the kernel's", reram_conv(&cv), RERAM_ERR_TOO_LARGE, reads))
        return 1;
    cv.channels = 3;
    cv.stride_h = 16; /* beyond its field: the driver refuses it without writing CMD */
    CHECK(reram_conv(&cv) == (int)RERAM_ERR_BAD_STRIDE && !(reram_status() & RERAM_STATUS_ERR),
          "stride 16: the driver's field check");
    mmio_write32(RERAM_REG(RERAM_OP), 0x7Fu);
    mmio_fence();
    mmio_write32(RERAM_REG(RERAM_CMD), RERAM_CMD_START);
    if (expect_error("unknown opcode", (int)reram_error_code(), RERAM_ERR_BAD_OPCODE, reads))
        return 1;
    mmio_write32(RERAM_REG(RERAM_CMD), 2u);
    if (expect_error("unknown CMD", (int)reram_error_code(), RERAM_ERR_BAD_CMD, reads))
        return 1;
    CHECK(reram_commands() == 0u, "COMMANDS after refused commands");
    return 0;
}

/* ---- tiles, interrupts, counters ---------------------------------------------------------- */

static int start_programs_on_both_tiles(void)
{
    const struct reram_program p0 = {tile_xbar(0) + 8u, 0, 0, INPUTS, OUTPUTS, s_i8};
    const struct reram_program p1 = {tile_xbar(1), tile_base(1), 0, INPUTS, OUTPUTS, s_i8};
    for (uint32_t i = 0; i < OUTPUTS * INPUTS; i++)
        win_w8(tile_base(1) + i, win_r8(i));
    CHECK(reram_program(&p0) == 0 && reram_program(&p1) == 0, "PROGRAMs rejected");
    return 0;
}

static int test_tiles(void)
{
    if (start_programs_on_both_tiles() != 0)
        return 1;
    uint32_t busy = reram_status() & RERAM_STATUS_TILE_BUSY_MASK;
    CHECK(busy == (3u << RERAM_STATUS_TILE_BUSY_SHIFT), "tile-busy bits 0x%lx: not both tiles at once",
          (unsigned long)busy);
    reram_wait();
    CHECK((reram_status() & RERAM_STATUS_TILE_BUSY_MASK) == 0u, "tiles busy after the wait");
    return 0;
}

#define SELFTEST_IRQ_STATUS() reram_irq_status()
#define SELFTEST_IRQ_CLEAR(mask) reram_irq_clear(mask)
#include "apps/selftest_irq.h"

static int test_irq(void)
{
    irq_init();
    irq_attach(PIMSOC_IRQ_RERAM, device_isr, 1);
    reram_irq_clear(RERAM_IRQ_MASK);
    reram_irq_enable(RERAM_IRQ_DONE | RERAM_IRQ_ERR);
    irq_enable();
    CHECK(s_irq_events == 0, "an interrupt before any command");

    irq_global_disable();
    const struct reram_program p = {tile_xbar(0), 0, 0, INPUTS, OUTPUTS, s_i8};
    CHECK(reram_program(&p) == 0, "PROGRAM rejected");
    uint32_t sleeps = sleep_until_events(1);
    CHECK(s_irq_seen == RERAM_IRQ_DONE, "interrupt status 0x%lx, expected DONE", (unsigned long)s_irq_seen);
    CHECK(!(reram_status() & RERAM_STATUS_BUSY), "DONE interrupt while still busy");
    CHECK(sleeps >= 1, "the CPU never slept");

    s_irq_seen = 0;
    irq_global_disable();
    mmio_write32(RERAM_REG(RERAM_CMD), 2u);
    sleep_until_events(2);
    CHECK(s_irq_seen == RERAM_IRQ_ERR, "interrupt status 0x%lx, expected ERR", (unsigned long)s_irq_seen);
    reram_irq_enable(0);
    reram_clear_status();
    return 0;
}

static int test_counters(void)
{
    reram_clear_counters();
    CHECK(reram_crossbar_reads() == 0 && reram_cells_programmed() == 0 && reram_commands() == 0 &&
              reram_energy_pj() == 0,
          "counters after CLEAR_COUNTERS");
    const struct reram_program p = {tile_xbar(0), 0, 0, INPUTS, OUTPUTS, s_i8};
    CHECK(reram_program(&p) == 0, "PROGRAM rejected");
    const struct reram_mvm m = {tile_xbar(0), 0x400u, 0, 0x600u, 2, {8, 0}};
    CHECK(reram_mvm(&m) == 0, "MVM rejected");
    reram_wait();
    uint32_t crossbars = reram_plan(s_i8, OUTPUTS);
    CHECK(reram_cells_programmed() == (uint64_t)crossbars * INPUTS * OUTPUTS, "CELLS_PROGRAMMED = %lu",
          (unsigned long)reram_cells_programmed());
    CHECK(reram_write_pulses() >= reram_cells_programmed(), "WRITE_PULSES below the cells");
    CHECK(reram_mvms() == 2u && reram_commands() == 2u, "MVMS / COMMANDS");
    /* 8-bit inputs on d-bit DACs: ceil(8 / d) reads of each of the block's crossbars per MVM. */
    uint64_t reads = 2u * crossbars * ((8u + s_info.dac_bits - 1u) / s_info.dac_bits);
    CHECK(reram_crossbar_reads() == reads, "CROSSBAR_READS = %lu, expected %lu", (unsigned long)reram_crossbar_reads(),
          (unsigned long)reads);
    CHECK(reram_adc_conversions() >= reram_crossbar_reads() * OUTPUTS, "ADC_CONVERSIONS below the columns read");
    CHECK(reram_shift_adds() == reram_adc_conversions(), "SHIFT_ADDS differ from the conversions");
    CHECK(reram_adc_clips() == 0u, "ADC clips in ideal mode");
    CHECK(reram_busy_cycles() > 0 && reram_energy_pj() > 0, "no busy time or energy");
    reram_clear_counters();
    CHECK(reram_mvms() == 0 && reram_busy_cycles() == 0, "CLEAR_COUNTERS");
    return 0;
}

int main(void)
{
    printf("reram_selftest: start\n");
    RUN(test_registers);
    RUN(test_buffer);
    RUN(test_mvm);
    RUN(test_conv);
    RUN(test_errors);
    RUN(test_tiles);
    RUN(test_irq);
    RUN(test_counters);
    printf("reram_selftest: PASS\n");
    return 0;
}
