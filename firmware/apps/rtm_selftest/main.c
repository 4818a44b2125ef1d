/* rtm_selftest: checks the racetrack-memory PIM controller (ip/rtm, docs/models/rtm.md) and its
 * driver (hal/rtm.h) from the CPU's side:
 *   - ID, CAPS, GEOMETRY and BANK_BYTES (consistent with each other), reset values, descriptor
 *     registers reading back;
 *   - the data window: byte, halfword and word round trips (aligned and misaligned) at several
 *     offsets in every bank, neighbours untouched, little-endian byte order;
 *   - ADD and MUL element-wise on u8/s8/u16/s16/u32/s32 vectors against the CPU (wrapping);
 *   - DOT single and batched (fully connected: stride_a 0, stride_b = row pitch, with and without
 *     RTM_OP_FLAG_BIAS; both strides non-zero), CONV2D (padding, stride 2, kh != kw, several element
 *     types) against naive CPU references, and the result regions' neighbours untouched;
 *   - every error code the device returns through its registers (bad opcode, bad type, zero size,
 *     out of range, cross bank, misaligned, bad stride, bad kernel, bad padding, overlap, bad CMD):
 *     rtm_error_code(), STATUS.ERR, IRQ_STATUS.ERR, no counter moved and the result region
 *     untouched; the driver's own range checks of the CONV_IN/CONV_K fields (TOO_LARGE cannot come
 *     from the device: CONV_IN's fields are narrower than the model's limit);
 *   - banks: two commands on two banks overlap, two on one bank queue; STATUS bank-busy bits;
 *   - the DONE and ERR interrupts through the PLIC (hal/irq.h, PIMSOC_IRQ_RTM) while the CPU sleeps
 *     in wfi, and no interrupt with IRQ_EN = 0;
 *   - the counters (shifts, reads, writes, adds, mults, busy cycles, energy, commands) increase
 *     as the operations imply, and CTRL.CLEAR_COUNTERS zeroes them.
 * The checks follow the probed geometry (any rtm.* configuration with 2+ banks of 64 KiB or more:
 * the test regions lie at fixed offsets below 64 KiB in each bank). Prints one line
 * per group and "rtm_selftest: PASS" (exit 0); on the first mismatch
 * "rtm_selftest: FAIL: <what> (line N)" and exit 1. Deterministic output: expected_output.txt. */
#include <stdint.h>
#include <stdio.h>

#include "hal/csr.h"
#include "hal/irq.h"
#include "hal/mmio.h"
#include "hal/rtm.h"
#include "hal/sysctl.h"
#include "memory_map.h"

#define RTM_REG(off) ((uintptr_t)PIMSOC_RTM_BASE + (off))
#define GUARD 0xA5u

#define SELFTEST_NAME "rtm_selftest"
#include "apps/selftest.h"

static struct rtm_info s_info;
static uint32_t s_window_bytes;

static uint32_t bank_base(uint32_t bank) { return bank * s_info.bank_bytes; }

/* ---- pseudo-random data and the window as bytes ----------------------------------------- */

#define SELFTEST_WINDOW(off) rtm_window(off)
#define SELFTEST_RNG_SEED 0x2545F491u
#include "apps/selftest_window.h"

/* Index of the first byte of [off, off + n) that is not v, or n. */
static uint32_t win_first_not(uint32_t off, uint32_t n, uint8_t v)
{
    for (uint32_t i = 0; i < n; i++)
        if (win_r8(off + i) != v)
            return i;
    return n;
}

/* ---- elements ----------------------------------------------------------------------------- */

static uint32_t elem_bytes(uint32_t type) { return type <= RTM_TYPE_S8 ? 1u : type <= RTM_TYPE_S16 ? 2u : 4u; }

/* The element value of the low elem_bytes(type) bytes of raw, sign- or zero-extended to 32 bits. */
static uint32_t elem_ext(uint32_t type, uint32_t raw)
{
    switch (type) {
    case RTM_TYPE_U8: return raw & 0xFFu;
    case RTM_TYPE_S8: return (uint32_t)(int32_t)(int8_t)raw;
    case RTM_TYPE_U16: return raw & 0xFFFFu;
    case RTM_TYPE_S16: return (uint32_t)(int32_t)(int16_t)raw;
    default: return raw;
    }
}

static uint32_t elem_mask(uint32_t type)
{
    uint32_t bytes = elem_bytes(type);
    return bytes == 4 ? 0xFFFFFFFFu : (1u << (8 * bytes)) - 1u;
}

static void put_elems(uint32_t off, uint32_t type, const uint32_t *v, uint32_t n)
{
    uint32_t bytes = elem_bytes(type);
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t b = 0; b < bytes; b++)
            win_w8(off + i * bytes + b, (uint8_t)(v[i] >> (8 * b)));
}

static uint32_t get_elem(uint32_t off, uint32_t type, uint32_t i)
{
    uint32_t bytes = elem_bytes(type), raw = 0;
    for (uint32_t b = 0; b < bytes; b++)
        raw |= (uint32_t)win_r8(off + i * bytes + b) << (8 * b);
    return elem_ext(type, raw);
}

/* n random values of the type, the first ones the extremes. */
static void random_elems(uint32_t *v, uint32_t n, uint32_t type)
{
    static const uint32_t extremes[] = {0u, 1u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x7Fu, 0x80u, 0x7FFFu, 0x8000u};
    for (uint32_t i = 0; i < n; i++)
        v[i] = elem_ext(type, i < sizeof extremes / sizeof extremes[0] ? extremes[i] : rnd());
}

/* Small values (|v| < 2^bits) of the type, for sums that must not wrap. */
static void small_elems(uint32_t *v, uint32_t n, uint32_t type, unsigned bits)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t r = rnd() & ((1u << bits) - 1u);
        if ((type & 1u) && (rnd() & 1u))
            r = (uint32_t)-(int32_t)r;
        v[i] = elem_ext(type, r);
    }
}

static const char *const s_type_names[] = {"u8", "s8", "u16", "s16", "u32", "s32"};

/* Waits for the controller with a bound (a command that never ends is a FAIL, not a hang). */
static int wait_idle(void)
{
    uint64_t start = sysctl_sim_time_ns();
    while (rtm_status() & RTM_STATUS_BUSY) {
        if (sysctl_sim_time_ns() - start > 100000000u) /* 100 ms */
            return 1;
    }
    mmio_fence();
    return 0;
}

/* ---- registers ---------------------------------------------------------------------------- */

static int test_registers(void)
{
    CHECK(mmio_read32(RTM_REG(RTM_ID)) == RTM_ID_VALUE, "ID = 0x%08lx", (unsigned long)mmio_read32(RTM_REG(RTM_ID)));
    CHECK(rtm_probe(&s_info) == 1, "rtm_probe");
    uint32_t caps = mmio_read32(RTM_REG(RTM_CAPS)), geometry = mmio_read32(RTM_REG(RTM_GEOMETRY));
    CHECK(s_info.banks == (caps & 0xFFu) && s_info.banks >= 2 && s_info.banks <= 64, "CAPS banks = %lu",
          (unsigned long)s_info.banks);
    CHECK(s_info.word_bytes == 1 || s_info.word_bytes == 2 || s_info.word_bytes == 4 || s_info.word_bytes == 8,
          "CAPS word bytes = %lu", (unsigned long)s_info.word_bytes);
    CHECK(s_info.ports_per_track >= 1 && s_info.ports_per_track <= 8 &&
              s_info.ports_per_track <= s_info.domains_per_track,
          "CAPS ports = %lu", (unsigned long)s_info.ports_per_track);
    CHECK((caps & 0xFF000000u) == 0, "CAPS reserved bits 0x%08lx", (unsigned long)caps);
    CHECK(s_info.domains_per_track >= 1 && s_info.dbcs_per_subarray >= 1 && s_info.subarrays_per_bank >= 1,
          "GEOMETRY = 0x%08lx", (unsigned long)geometry);
    CHECK(s_info.bank_bytes == s_info.subarrays_per_bank * s_info.dbcs_per_subarray * s_info.domains_per_track *
                                   s_info.word_bytes,
          "BANK_BYTES %lu is not subarrays x DBCs x domains x word bytes", (unsigned long)s_info.bank_bytes);
    CHECK(s_info.bank_bytes >= 0x10000u, "banks of %lu bytes: this test needs 64 KiB or more",
          (unsigned long)s_info.bank_bytes);
    s_window_bytes = s_info.banks * s_info.bank_bytes;
    CHECK(s_window_bytes <= PIMSOC_RTM_DATA_MAX_SIZE, "window of %lu bytes", (unsigned long)s_window_bytes);
    printf("  %lu banks x %lu bytes: %lu subarrays x %lu DBCs x %lu domains x %lu-byte words, %lu port(s)\n",
           (unsigned long)s_info.banks, (unsigned long)s_info.bank_bytes, (unsigned long)s_info.subarrays_per_bank,
           (unsigned long)s_info.dbcs_per_subarray, (unsigned long)s_info.domains_per_track,
           (unsigned long)s_info.word_bytes, (unsigned long)s_info.ports_per_track);

    /* Reset values. */
    CHECK(rtm_status() == 0, "STATUS after reset = 0x%lx", (unsigned long)rtm_status());
    CHECK(rtm_error_code() == RTM_ERR_NONE, "ERR_CODE after reset");
    CHECK(mmio_read32(RTM_REG(RTM_IRQ_EN)) == 0 && rtm_irq_status() == 0, "IRQ_EN / IRQ_STATUS after reset");
    CHECK(mmio_read32(RTM_REG(RTM_CTRL)) == 0, "CTRL reads 0");
    CHECK(mmio_read32(RTM_REG(RTM_COUNT)) == 1, "COUNT after reset = %lu", (unsigned long)mmio_read32(RTM_REG(RTM_COUNT)));
    CHECK(rtm_shifts() == 0 && rtm_reads() == 0 && rtm_writes() == 0 && rtm_adds() == 0 && rtm_mults() == 0 &&
              rtm_busy_cycles() == 0 && rtm_energy_pj() == 0 && rtm_commands() == 0,
          "counters after reset");

    /* The descriptor registers read back; writing them starts nothing. */
    static const uint32_t desc[] = {RTM_OP,     RTM_SRC_A, RTM_SRC_B,   RTM_DST,    RTM_LENGTH, RTM_COUNT,
                                    RTM_STRIDE_A, RTM_STRIDE_B, RTM_INIT, RTM_CONV_IN, RTM_CONV_K, RTM_BIAS};
    for (unsigned i = 0; i < sizeof desc / sizeof desc[0]; i++) {
        uint32_t v = 0x9E3779B9u * (i + 1);
        mmio_write32(RTM_REG(desc[i]), v);
        CHECK(mmio_read32(RTM_REG(desc[i])) == v, "descriptor register 0x%03lx reads back", (unsigned long)desc[i]);
    }
    mmio_write32(RTM_REG(RTM_COUNT), 1);
    mmio_write32(RTM_REG(RTM_IRQ_EN), 0xFFFFFFFFu);
    CHECK(mmio_read32(RTM_REG(RTM_IRQ_EN)) == RTM_IRQ_MASK, "IRQ_EN keeps only its bits");
    mmio_write32(RTM_REG(RTM_IRQ_EN), 0);
    CHECK(rtm_status() == 0 && rtm_commands() == 0, "writing the descriptor starts nothing");
    return 0;
}

/* ---- data window -------------------------------------------------------------------------- */

/* Around `off`: 16 bytes of pattern; byte, halfword and word writes read back with every width,
 * little-endian, neighbours untouched. */
static int window_at(uint32_t off)
{
    uint32_t lo = off >= 8 ? off - 8 : 0;
    uint32_t hi = off + 8 <= s_window_bytes ? off + 8 : s_window_bytes;
    uint8_t ref[16];
    for (uint32_t i = lo; i < hi; i++) {
        ref[i - lo] = (uint8_t)(rnd() | 1u);
        win_w8(i, ref[i - lo]);
    }
    /* byte */
    win_w8(off, 0x5Au);
    ref[off - lo] = 0x5Au;
    CHECK(win_r8(off) == 0x5Au, "byte at 0x%05lx reads 0x%02x", (unsigned long)off, win_r8(off));
    /* halfword (misaligned when off is odd; not across the end of the window) */
    if (off + 2 <= hi) {
        win_w16(off, 0xBEEFu);
        ref[off - lo] = 0xEFu;
        ref[off + 1 - lo] = 0xBEu;
        CHECK(win_r16(off) == 0xBEEFu, "halfword at 0x%05lx reads 0x%04x", (unsigned long)off, win_r16(off));
        CHECK(win_r8(off) == 0xEFu && win_r8(off + 1) == 0xBEu, "halfword at 0x%05lx: byte order", (unsigned long)off);
    }
    /* word */
    if (off + 4 <= hi) {
        uint32_t v = 0xC0DE0000u | (off & 0xFFFFu);
        win_w32(off, v);
        for (unsigned b = 0; b < 4; b++)
            ref[off + b - lo] = (uint8_t)(v >> (8 * b));
        CHECK(win_r32(off) == v, "word at 0x%05lx reads 0x%08lx", (unsigned long)off, (unsigned long)win_r32(off));
        CHECK(win_r16(off) == (uint16_t)v && win_r16(off + 2) == (uint16_t)(v >> 16),
              "word at 0x%05lx read as halfwords", (unsigned long)off);
        /* bytes written one by one, read as a word */
        for (unsigned b = 0; b < 4; b++)
            win_w8(off + b, (uint8_t)(0x11u * (b + 1)));
        for (unsigned b = 0; b < 4; b++)
            ref[off + b - lo] = (uint8_t)(0x11u * (b + 1));
        CHECK(win_r32(off) == 0x44332211u, "bytes at 0x%05lx read as a word: 0x%08lx", (unsigned long)off,
              (unsigned long)win_r32(off));
    }
    for (uint32_t i = lo; i < hi; i++)
        CHECK(win_r8(i) == ref[i - lo], "around 0x%05lx: byte 0x%05lx is 0x%02x, expected 0x%02x", (unsigned long)off,
              (unsigned long)i, win_r8(i), ref[i - lo]);
    return 0;
}

static int test_window(void)
{
    const uint32_t bb = s_info.bank_bytes;
    const uint32_t offsets[] = {0, 1, 2, 3, 6, 0x101, 0x3FE, bb / 2 + 5, bb / 2 + 1024, bb - 8, bb - 4, bb - 3, bb - 1};
    for (uint32_t b = 0; b < s_info.banks; b++)
        for (unsigned i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
            if (window_at(bank_base(b) + offsets[i]))
                return 1;
    /* A longer run of words across many DBCs, then read back. */
    for (uint32_t b = 0; b < s_info.banks; b++) {
        uint32_t base = bank_base(b) + 0x800u;
        for (uint32_t i = 0; i < 512; i++)
            win_w32(base + 4 * i, 0x01000193u * (i + 1) + b);
        for (uint32_t i = 0; i < 512; i++)
            CHECK(win_r32(base + 4 * i) == 0x01000193u * (i + 1) + b, "bank %lu word %lu", (unsigned long)b,
                  (unsigned long)i);
    }
    return 0;
}

/* ---- element-wise ------------------------------------------------------------------------- */

#define EW_N 37u

static int elementwise(uint32_t opcode, uint32_t type, uint32_t bank)
{
    uint32_t a[EW_N], b[EW_N];
    const uint32_t es = elem_bytes(type), bytes = EW_N * es;
    const uint32_t base = bank_base(bank) + 0x100u + 8u * type, pa = base, pb = base + 0x200u, pd = base + 0x400u;
    random_elems(a, EW_N, type);
    random_elems(b, EW_N, type);
    for (uint32_t i = 9; i < EW_N; i += 5) /* some equal and opposite pairs too */
        b[i] = elem_ext(type, (uint32_t)-(int32_t)a[i]);
    put_elems(pa, type, a, EW_N);
    put_elems(pb, type, b, EW_N);
    win_fill(pd - 4, bytes + 8, GUARD);
    const char *what = opcode == RTM_OP_ADD ? "ADD" : "MUL";
    int rc = opcode == RTM_OP_ADD ? rtm_add(pd, pa, pb, EW_N, type) : rtm_mul(pd, pa, pb, EW_N, type);
    CHECK(rc == 0, "%s %s rejected: %s", what, s_type_names[type], rtm_error_name((uint32_t)rc));
    CHECK(wait_idle() == 0, "%s %s never finished", what, s_type_names[type]);
    CHECK(rtm_status() & RTM_STATUS_DONE, "%s %s: STATUS.DONE", what, s_type_names[type]);
    for (uint32_t i = 0; i < EW_N; i++) {
        uint32_t want = elem_ext(type, (opcode == RTM_OP_ADD ? a[i] + b[i] : a[i] * b[i]) & elem_mask(type));
        uint32_t got = get_elem(pd, type, i);
        CHECK(got == want, "%s %s element %lu: 0x%lx op 0x%lx = 0x%lx, expected 0x%lx", what, s_type_names[type],
              (unsigned long)i, (unsigned long)a[i], (unsigned long)b[i], (unsigned long)got, (unsigned long)want);
    }
    CHECK(win_first_not(pd - 4, 4, GUARD) == 4 && win_first_not(pd + bytes, 4, GUARD) == 4,
          "%s %s wrote outside its result", what, s_type_names[type]);
    /* The operands are unchanged. */
    for (uint32_t i = 0; i < EW_N; i++)
        CHECK(get_elem(pa, type, i) == a[i] && get_elem(pb, type, i) == b[i], "%s %s changed an operand", what,
              s_type_names[type]);
    return 0;
}

static int test_elementwise(void)
{
    for (uint32_t type = RTM_TYPE_U8; type <= RTM_TYPE_S32; type++) {
        if (elementwise(RTM_OP_ADD, type, type % s_info.banks) || elementwise(RTM_OP_MUL, type, (type + 1) % s_info.banks))
            return 1;
    }
    /* A long u8 ADD spanning many DBCs, in the last bank. */
    const uint32_t n = 1500, base = bank_base(s_info.banks - 1) + 0x2000u;
    for (uint32_t i = 0; i < n; i++) {
        win_w8(base + i, (uint8_t)(i * 7u));
        win_w8(base + 0x800u + i, (uint8_t)(i * 13u + 5u));
    }
    int rc = rtm_add(base + 0x1000u, base, base + 0x800u, n, RTM_TYPE_U8);
    CHECK(rc == 0, "long ADD rejected: %s", rtm_error_name((uint32_t)rc));
    CHECK(wait_idle() == 0, "long ADD never finished");
    for (uint32_t i = 0; i < n; i++)
        CHECK(win_r8(base + 0x1000u + i) == (uint8_t)(i * 20u + 5u), "long ADD element %lu", (unsigned long)i);
    return 0;
}

/* ---- DOT ---------------------------------------------------------------------------------- */

#define DOT_MAX_A 512u
#define DOT_MAX_B 1024u
#define DOT_MAX_COUNT 16u

/* Runs a DOT with random (or small) operands written at a / b, checks every result (dst and
 * RESULT) against the CPU and the words around dst. */
static int dot_case(const char *what, uint32_t bank, uint32_t type_a, uint32_t type_b, uint32_t length,
                    uint32_t count, uint32_t stride_a, uint32_t stride_b, int has_bias, int32_t init, int small)
{
    static uint32_t va[DOT_MAX_A], vb[DOT_MAX_B];
    static int32_t bias[DOT_MAX_COUNT];
    const uint32_t ea = elem_bytes(type_a), eb = elem_bytes(type_b);
    const uint32_t na = ((count - 1) * stride_a) / ea + length, nb = ((count - 1) * stride_b) / eb + length;
    if (na > DOT_MAX_A || nb > DOT_MAX_B || count > DOT_MAX_COUNT) {
        printf("rtm_selftest: FAIL: %s: case too large for the buffers\n", what);
        return 1;
    }
    const uint32_t base = bank_base(bank) + 0x4000u;
    const uint32_t pa = base, pb = base + 0x1000u, pbias = base + 0x2000u, pd = base + 0x2100u;
    if (small) {
        small_elems(va, na, type_a, 7);
        small_elems(vb, nb, type_b, 7);
    } else {
        random_elems(va, na, type_a);
        random_elems(vb, nb, type_b);
    }
    for (uint32_t k = 0; k < count; k++)
        bias[k] = (int32_t)(rnd() % 200001u) - 100000;
    put_elems(pa, type_a, va, na);
    put_elems(pb, type_b, vb, nb);
    for (uint32_t k = 0; k < count; k++)
        win_w32(pbias + 4 * k, (uint32_t)bias[k]);
    win_fill(pd - 4, 4 * count + 8, GUARD);
    struct rtm_dot d = {.dst = pd, .a = pa, .stride_a = stride_a, .b = pb, .stride_b = stride_b, .length = length,
                        .count = count, .init = init, .has_bias = has_bias, .bias = pbias, .type_a = type_a,
                        .type_b = type_b};
    int rc = rtm_dot(&d);
    CHECK(rc == 0, "DOT %s rejected: %s", what, rtm_error_name((uint32_t)rc));
    CHECK(wait_idle() == 0, "DOT %s never finished", what);
    uint32_t want = 0;
    for (uint32_t k = 0; k < count; k++) {
        want = has_bias ? (uint32_t)bias[k] : (uint32_t)init;
        for (uint32_t i = 0; i < length; i++)
            want += va[k * stride_a / ea + i] * vb[k * stride_b / eb + i]; /* mod 2^32 */
        uint32_t got = win_r32(pd + 4 * k);
        CHECK(got == want, "DOT %s result %lu = %ld, expected %ld", what, (unsigned long)k, (long)(int32_t)got,
              (long)(int32_t)want);
    }
    CHECK((uint32_t)rtm_result() == want, "DOT %s: RESULT = %ld, expected the last result %ld", what,
          (long)rtm_result(), (long)(int32_t)want);
    CHECK(win_first_not(pd - 4, 4, GUARD) == 4 && win_first_not(pd + 4 * count, 4, GUARD) == 4,
          "DOT %s wrote outside its results", what);
    return 0;
}

static int test_dot(void)
{
    const uint32_t nb = s_info.banks;
    /* single dot products */
    if (dot_case("u8 x s8", 0, RTM_TYPE_U8, RTM_TYPE_S8, 50, 1, 0, 0, 0, -777, 0) ||
        dot_case("s8 x s8", 1 % nb, RTM_TYPE_S8, RTM_TYPE_S8, 64, 1, 0, 0, 0, 12345, 0) ||
        dot_case("u16 x s16", 2 % nb, RTM_TYPE_U16, RTM_TYPE_S16, 33, 1, 0, 0, 0, 0, 0) ||
        dot_case("s32 x s32 (wrapping)", 3 % nb, RTM_TYPE_S32, RTM_TYPE_S32, 7, 1, 0, 0, 0, 1, 0) ||
        dot_case("u32 x u8", 0, RTM_TYPE_U32, RTM_TYPE_U8, 9, 1, 0, 0, 0, -1, 0) ||
        dot_case("s16 x u8, length 1", 1 % nb, RTM_TYPE_S16, RTM_TYPE_U8, 1, 1, 0, 0, 0, 3, 0))
        return 1;
    /* fully connected: one input (stride_a 0), rows of weights at a pitch wider than the row */
    if (dot_case("fc u8 x s8, 12 rows of 40 at pitch 44", 1 % nb, RTM_TYPE_U8, RTM_TYPE_S8, 40, 12, 0, 44, 0, 5, 0) ||
        dot_case("fc u8 x s8 with bias", 2 % nb, RTM_TYPE_U8, RTM_TYPE_S8, 40, 12, 0, 40, 1, 0, 0) ||
        dot_case("fc s8 x s8 with bias, pitch 52", 3 % nb, RTM_TYPE_S8, RTM_TYPE_S8, 49, 16, 0, 52, 1, 0, 0) ||
        dot_case("fc s16 x s16 with bias", 0, RTM_TYPE_S16, RTM_TYPE_S16, 20, 10, 0, 40, 1, 0, 1))
        return 1;
    /* both operands move: batch item k reads a + k * stride_a, b + k * stride_b */
    if (dot_case("batched s8 x s8, both strides", 1 % nb, RTM_TYPE_S8, RTM_TYPE_S8, 12, 5, 16, 20, 0, -9, 0) ||
        dot_case("batched u16 x s8 with bias", 2 % nb, RTM_TYPE_U16, RTM_TYPE_S8, 10, 6, 24, 10, 1, 0, 0))
        return 1;
    return 0;
}

/* ---- CONV2D ------------------------------------------------------------------------------- */

#define CONV_MAX_IN 1024u
#define CONV_MAX_K 256u
#define CONV_MAX_OUT 1024u

static int conv_case(const char *what, uint32_t bank, uint32_t in_type, uint32_t k_type, uint32_t c, uint32_t h,
                     uint32_t w, uint32_t kh, uint32_t kw, uint32_t sh, uint32_t sw, uint32_t ph, uint32_t pw,
                     int32_t init)
{
    static uint32_t vin[CONV_MAX_IN], vk[CONV_MAX_K];
    const uint32_t oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
    if (c * h * w > CONV_MAX_IN || c * kh * kw > CONV_MAX_K || oh * ow > CONV_MAX_OUT) {
        printf("rtm_selftest: FAIL: %s: case too large for the buffers\n", what);
        return 1;
    }
    const uint32_t base = bank_base(bank) + 0x6000u;
    const uint32_t pin = base, pk = base + 0x1000u, pd = base + 0x1400u;
    random_elems(vin, c * h * w, in_type);
    random_elems(vk, c * kh * kw, k_type);
    put_elems(pin, in_type, vin, c * h * w);
    put_elems(pk, k_type, vk, c * kh * kw);
    win_fill(pd - 4, 4 * oh * ow + 8, GUARD);
    struct rtm_conv cv = {.dst = pd, .in = pin, .kernel = pk, .channels = c, .height = h, .width = w, .kh = kh,
                          .kw = kw, .stride_h = sh, .stride_w = sw, .pad_h = ph, .pad_w = pw, .init = init,
                          .in_type = in_type, .kernel_type = k_type};
    int rc = rtm_conv2d(&cv);
    CHECK(rc == 0, "CONV2D %s rejected: %s", what, rtm_error_name((uint32_t)rc));
    CHECK(wait_idle() == 0, "CONV2D %s never finished", what);
    for (uint32_t y = 0; y < oh; y++) {
        for (uint32_t x = 0; x < ow; x++) {
            uint32_t want = (uint32_t)init;
            for (uint32_t ch = 0; ch < c; ch++)
                for (uint32_t i = 0; i < kh; i++)
                    for (uint32_t j = 0; j < kw; j++) {
                        int32_t iy = (int32_t)(y * sh + i) - (int32_t)ph, ix = (int32_t)(x * sw + j) - (int32_t)pw;
                        if (iy < 0 || ix < 0 || iy >= (int32_t)h || ix >= (int32_t)w)
                            continue;
                        want += vin[(ch * h + (uint32_t)iy) * w + (uint32_t)ix] * vk[(ch * kh + i) * kw + j];
                    }
            uint32_t got = win_r32(pd + 4 * (y * ow + x));
            CHECK(got == want, "CONV2D %s out[%lu][%lu] = %ld, expected %ld", what, (unsigned long)y,
                  (unsigned long)x, (long)(int32_t)got, (long)(int32_t)want);
        }
    }
    CHECK(win_first_not(pd - 4, 4, GUARD) == 4 && win_first_not(pd + 4 * oh * ow, 4, GUARD) == 4,
          "CONV2D %s wrote outside its %lu x %lu results", what, (unsigned long)oh, (unsigned long)ow);
    return 0;
}

static int test_conv(void)
{
    const uint32_t nb = s_info.banks;
    return conv_case("u8 x s8 3x9x11, 3x3, stride 2, pad 1", 0, RTM_TYPE_U8, RTM_TYPE_S8, 3, 9, 11, 3, 3, 2, 2, 1, 1,
                     100) ||
           conv_case("u8 x s8 1x28x28, 5x5, pad 2 (conv1)", 1 % nb, RTM_TYPE_U8, RTM_TYPE_S8, 1, 28, 28, 5, 5, 1, 1, 2,
                     2, -50) ||
           conv_case("u8 x s8 6x10x10, 5x5, no padding (conv2)", 2 % nb, RTM_TYPE_U8, RTM_TYPE_S8, 6, 10, 10, 5, 5, 1,
                     1, 0, 0, 7) ||
           conv_case("s8 x s8 2x7x10, 5x3, stride 1x2, pad 2x1", 3 % nb, RTM_TYPE_S8, RTM_TYPE_S8, 2, 7, 10, 5, 3, 1, 2,
                     2, 1, 0) ||
           conv_case("s16 x s16 2x6x6, 3x3, stride 2, pad 2", 0, RTM_TYPE_S16, RTM_TYPE_S16, 2, 6, 6, 3, 3, 2, 2, 2, 2,
                     -3) ||
           conv_case("s32 x s8 1x5x4, 2x2, stride 3 (wrapping)", 1 % nb, RTM_TYPE_S32, RTM_TYPE_S8, 1, 5, 4, 2, 2, 3, 3,
                     0, 0, 0) ||
           conv_case("u8 x s8 4x3x3, 3x3 -> 1x1", 2 % nb, RTM_TYPE_U8, RTM_TYPE_S8, 4, 3, 3, 3, 3, 1, 1, 0, 0, 11);
}

/* ---- errors ------------------------------------------------------------------------------- */

struct counters {
    uint64_t shifts, reads, writes, adds, mults, busy, energy, commands;
};

static void read_counters(struct counters *c)
{
    c->shifts = rtm_shifts();
    c->reads = rtm_reads();
    c->writes = rtm_writes();
    c->adds = rtm_adds();
    c->mults = rtm_mults();
    c->busy = rtm_busy_cycles();
    c->energy = rtm_energy_pj();
    c->commands = rtm_commands();
}

static int same_counters(const struct counters *a, const struct counters *b)
{
    return a->shifts == b->shifts && a->reads == b->reads && a->writes == b->writes && a->adds == b->adds &&
           a->mults == b->mults && a->busy == b->busy && a->energy == b->energy && a->commands == b->commands;
}

/* Result region of the rejected command (the part inside the window), filled with GUARD first. */
static uint32_t s_err_dst, s_err_dst_bytes;

static void err_region(uint32_t dst, uint32_t bytes)
{
    if (dst >= s_window_bytes)
        bytes = 0;
    else if (bytes > s_window_bytes - dst)
        bytes = s_window_bytes - dst;
    s_err_dst = dst;
    s_err_dst_bytes = bytes;
    win_fill(dst, bytes, GUARD);
}

/* The command just written was rejected with `code`: the driver returned it, ERR_CODE and
 * STATUS.ERR show it, IRQ_STATUS.ERR is set, nothing started, no counter moved, the result region
 * is untouched. */
static int expect_rejected(const char *what, int rc, uint32_t code, const struct counters *before)
{
    CHECK(rc == (int)code, "%s: driver returned %d (%s), expected %lu (%s)", what, rc, rtm_error_name((uint32_t)rc),
          (unsigned long)code, rtm_error_name(code));
    CHECK(rtm_error_code() == code, "%s: ERR_CODE = %lu", what, (unsigned long)rtm_error_code());
    uint32_t st = rtm_status();
    CHECK((st & RTM_STATUS_ERR) && !(st & RTM_STATUS_BUSY), "%s: STATUS = 0x%lx", what, (unsigned long)st);
    CHECK(rtm_irq_status() & RTM_IRQ_ERR, "%s: IRQ_STATUS.ERR", what);
    struct counters after;
    read_counters(&after);
    CHECK(same_counters(before, &after), "%s: a rejected command moved the counters", what);
    uint32_t bad = win_first_not(s_err_dst, s_err_dst_bytes, GUARD);
    CHECK(bad == s_err_dst_bytes, "%s: result byte %lu changed", what, (unsigned long)bad);
    rtm_irq_clear(RTM_IRQ_ERR);
    return 0;
}

/* The command register interface bypassing the driver, for opcodes and CMD values it never writes. */
static int raw_command(uint32_t op, uint32_t a, uint32_t b, uint32_t dst, uint32_t length, uint32_t cmd)
{
    mmio_write32(RTM_REG(RTM_OP), op);
    mmio_write32(RTM_REG(RTM_SRC_A), a);
    mmio_write32(RTM_REG(RTM_SRC_B), b);
    mmio_write32(RTM_REG(RTM_DST), dst);
    mmio_write32(RTM_REG(RTM_LENGTH), length);
    mmio_fence();
    mmio_write32(RTM_REG(RTM_CMD), cmd);
    return (int)mmio_read32(RTM_REG(RTM_ERR_CODE));
}

#define REJECT(what, code, dst, bytes, call)                   \
    do {                                                       \
        err_region((dst), (bytes));                            \
        read_counters(&before);                                \
        int rc_ = (call);                                      \
        if (expect_rejected((what), rc_, (code), &before))     \
            return 1;                                          \
    } while (0)

static int test_errors(void)
{
    struct counters before;
    const uint32_t b0 = bank_base(0) + 0x8000u, b1 = bank_base(1) + 0x8000u;
    const uint32_t a = b0, b = b0 + 0x100u, d = b0 + 0x200u, bias = b0 + 0x300u;
    struct rtm_dot dot = {.dst = d, .a = a, .stride_a = 0, .b = b, .stride_b = 8, .length = 8, .count = 4,
                          .init = 0, .has_bias = 1, .bias = bias, .type_a = RTM_TYPE_U8, .type_b = RTM_TYPE_S8};
    struct rtm_conv conv = {.dst = d, .in = a, .kernel = b, .channels = 1, .height = 4, .width = 4, .kh = 3, .kw = 3,
                            .stride_h = 1, .stride_w = 1, .pad_h = 1, .pad_w = 1, .init = 0,
                            .in_type = RTM_TYPE_U8, .kernel_type = RTM_TYPE_S8};
    struct rtm_dot dx;
    struct rtm_conv cx;
    rtm_clear_status();
    rtm_irq_clear(RTM_IRQ_MASK);

    /* The valid forms of the commands below are accepted (so each rejection is the one field). */
    CHECK(rtm_dot(&dot) == 0 && wait_idle() == 0, "the valid DOT: %s", rtm_error_name(rtm_error_code()));
    CHECK(rtm_conv2d(&conv) == 0 && wait_idle() == 0, "the valid CONV2D: %s", rtm_error_name(rtm_error_code()));
    rtm_irq_clear(RTM_IRQ_MASK);

    /* 1 bad opcode */
    REJECT("opcode 0", RTM_ERR_BAD_OPCODE, d, 16, raw_command(RTM_OP_VALUE(0u, RTM_TYPE_U8, RTM_TYPE_U8), a, b, d, 16, RTM_CMD_START));
    REJECT("opcode 5", RTM_ERR_BAD_OPCODE, d, 16, raw_command(RTM_OP_VALUE(5u, RTM_TYPE_U8, RTM_TYPE_U8), a, b, d, 16, RTM_CMD_START));
    REJECT("opcode 0xFF", RTM_ERR_BAD_OPCODE, d, 16, raw_command(0xFFu, a, b, d, 16, RTM_CMD_START));
    /* 2 bad type */
    REJECT("ADD of type 12", RTM_ERR_BAD_TYPE, d, 16, rtm_add(d, a, b, 16, 12u));
    REJECT("MUL of type 15", RTM_ERR_BAD_TYPE, d, 16, rtm_mul(d, a, b, 16, 15u));
    dx = dot, dx.type_b = 13u;
    REJECT("DOT with B of type 13", RTM_ERR_BAD_TYPE, d, 16, rtm_dot(&dx));
    cx = conv, cx.in_type = 14u;
    REJECT("CONV2D input of type 14", RTM_ERR_BAD_TYPE, d, 64, rtm_conv2d(&cx));
    /* 3 zero size */
    REJECT("ADD of length 0", RTM_ERR_ZERO_SIZE, d, 16, rtm_add(d, a, b, 0, RTM_TYPE_U8));
    dx = dot, dx.count = 0;
    REJECT("DOT of count 0", RTM_ERR_ZERO_SIZE, d, 16, rtm_dot(&dx));
    dx = dot, dx.length = 0;
    REJECT("DOT of length 0", RTM_ERR_ZERO_SIZE, d, 16, rtm_dot(&dx));
    cx = conv, cx.channels = 0;
    REJECT("CONV2D of 0 channels", RTM_ERR_ZERO_SIZE, d, 64, rtm_conv2d(&cx));
    cx = conv, cx.width = 0;
    REJECT("CONV2D of width 0", RTM_ERR_ZERO_SIZE, d, 64, rtm_conv2d(&cx));
    cx = conv, cx.kh = 0;
    REJECT("CONV2D of kernel height 0", RTM_ERR_ZERO_SIZE, d, 64, rtm_conv2d(&cx));
    /* 4 out of range */
    REJECT("ADD result past the window", RTM_ERR_OUT_OF_RANGE, s_window_bytes - 2, 4,
           rtm_add(s_window_bytes - 2, a, b, 4, RTM_TYPE_U8));
    REJECT("ADD operand past the window", RTM_ERR_OUT_OF_RANGE, d, 4, rtm_add(d, s_window_bytes, b, 4, RTM_TYPE_U8));
    dx = dot, dx.stride_b = 0x40000000u;
    REJECT("DOT rows past the window", RTM_ERR_OUT_OF_RANGE, d, 16, rtm_dot(&dx));
    dx = dot, dx.bias = 0xFFFFFFF0u;
    REJECT("DOT bias past the window", RTM_ERR_OUT_OF_RANGE, d, 16, rtm_dot(&dx));
    /* 5 cross bank */
    REJECT("ADD with operands in banks 0 and 1", RTM_ERR_CROSS_BANK, d, 16, rtm_add(d, a, b1, 16, RTM_TYPE_U8));
    REJECT("ADD with the result in bank 1", RTM_ERR_CROSS_BANK, b1, 16, rtm_add(b1, a, b, 16, RTM_TYPE_U8));
    REJECT("ADD with an operand across a bank boundary", RTM_ERR_CROSS_BANK, d, 16,
           rtm_add(d, bank_base(1) - 8u, b, 16, RTM_TYPE_U8));
    dx = dot, dx.bias = b1;
    REJECT("DOT with the bias in bank 1", RTM_ERR_CROSS_BANK, d, 16, rtm_dot(&dx));
    cx = conv, cx.kernel = b1;
    REJECT("CONV2D with the kernel in bank 1", RTM_ERR_CROSS_BANK, d, 64, rtm_conv2d(&cx));
    /* 6 misaligned */
    REJECT("u16 ADD at an odd address", RTM_ERR_MISALIGNED, d, 16, rtm_add(d, a + 1, b, 8, RTM_TYPE_U16));
    REJECT("s32 MUL result at +2", RTM_ERR_MISALIGNED, d + 2, 16, rtm_mul(d + 2, a, b, 4, RTM_TYPE_S32));
    dx = dot, dx.dst = d + 1;
    REJECT("DOT result at +1", RTM_ERR_MISALIGNED, d + 1, 16, rtm_dot(&dx));
    dx = dot, dx.bias = bias + 2;
    REJECT("DOT bias at +2", RTM_ERR_MISALIGNED, d, 16, rtm_dot(&dx));
    cx = conv, cx.dst = d + 2;
    REJECT("CONV2D result at +2", RTM_ERR_MISALIGNED, d + 2, 64, rtm_conv2d(&cx));
    /* 7 bad stride */
    dx = dot, dx.type_b = RTM_TYPE_S16, dx.stride_b = 3;
    REJECT("s16 DOT with stride_b 3", RTM_ERR_BAD_STRIDE, d, 16, rtm_dot(&dx));
    dx = dot, dx.type_a = RTM_TYPE_S32, dx.stride_a = 6;
    REJECT("s32 DOT with stride_a 6", RTM_ERR_BAD_STRIDE, d, 16, rtm_dot(&dx));
    cx = conv, cx.stride_h = 0;
    REJECT("CONV2D with stride 0", RTM_ERR_BAD_STRIDE, d, 64, rtm_conv2d(&cx));
    /* 8 bad kernel: larger than the padded input */
    cx = conv, cx.height = 2, cx.width = 2, cx.kh = 5, cx.kw = 5, cx.pad_h = 1, cx.pad_w = 1;
    REJECT("CONV2D 5x5 on 2x2 with padding 1", RTM_ERR_BAD_KERNEL, d, 64, rtm_conv2d(&cx));
    cx = conv, cx.width = 1, cx.kw = 3, cx.pad_w = 0;
    REJECT("CONV2D 3-wide kernel on a 1-wide input", RTM_ERR_BAD_KERNEL, d, 64, rtm_conv2d(&cx));
    /* 9 bad padding */
    cx = conv, cx.pad_h = 3;
    REJECT("CONV2D with padding 3 for a 3x3 kernel", RTM_ERR_BAD_PADDING, d, 64, rtm_conv2d(&cx));
    /* 10 overlap */
    REJECT("ADD result over operand A", RTM_ERR_OVERLAP, a + 1, 16, rtm_add(a + 1, a, b, 16, RTM_TYPE_U8));
    REJECT("MUL in place", RTM_ERR_OVERLAP, b, 16, rtm_mul(b, a, b, 16, RTM_TYPE_U8));
    dx = dot, dx.dst = bias + 4;
    REJECT("DOT results over the bias", RTM_ERR_OVERLAP, bias + 4, 16, rtm_dot(&dx));
    dx = dot, dx.dst = b + 28; /* the weight rows end at b + 3 * 8 + 8 = b + 32 */
    REJECT("DOT results over the last row of B", RTM_ERR_OVERLAP, b + 28, 16, rtm_dot(&dx));
    cx = conv, cx.dst = a + 12;
    REJECT("CONV2D results over the input", RTM_ERR_OVERLAP, a + 12, 64, rtm_conv2d(&cx));
    /* 16 bad CMD: the descriptor is valid, the CMD value is not */
    REJECT("CMD = 2", RTM_ERR_BAD_CMD, d, 16, raw_command(RTM_OP_VALUE(RTM_OP_ADD, RTM_TYPE_U8, RTM_TYPE_U8), a, b, d, 16, 2u));
    REJECT("CMD = 0", RTM_ERR_BAD_CMD, d, 16, raw_command(RTM_OP_VALUE(RTM_OP_ADD, RTM_TYPE_U8, RTM_TYPE_U8), a, b, d, 16, 0u));

    /* An accepted command clears ERR and ERR_CODE; CLEAR_STATUS clears DONE and ERR. */
    CHECK(rtm_add(d, a, b, 16, RTM_TYPE_U8) == 0, "ADD after the errors rejected");
    CHECK(rtm_error_code() == RTM_ERR_NONE && !(rtm_status() & RTM_STATUS_ERR), "accepted command clears ERR");
    CHECK(wait_idle() == 0 && (rtm_status() & RTM_STATUS_DONE), "DONE after the ADD");
    REJECT("ADD of type 12 (again)", RTM_ERR_BAD_TYPE, d, 16, rtm_add(d, a, b, 16, 12u));
    rtm_clear_status();
    CHECK(rtm_status() == 0 && rtm_error_code() == RTM_ERR_NONE, "CLEAR_STATUS: STATUS = 0x%lx ERR_CODE = %lu",
          (unsigned long)rtm_status(), (unsigned long)rtm_error_code());
    rtm_irq_clear(RTM_IRQ_MASK);
    CHECK(rtm_irq_status() == 0, "IRQ_STATUS write-1-to-clear");
    return 0;
}

/* The driver refuses what the OP type fields and the CONV_IN / CONV_K fields cannot encode
 * (BAD_TYPE, TOO_LARGE, BAD_KERNEL, BAD_STRIDE, BAD_PADDING) without writing CMD: ERR_CODE keeps the
 * previous verdict. */
static int test_driver_limits(void)
{
    const uint32_t a = bank_base(0) + 0x8000u;
    struct rtm_conv conv = {.dst = a + 0x200u, .in = a, .kernel = a + 0x100u, .channels = 1, .height = 4, .width = 4,
                            .kh = 3, .kw = 3, .stride_h = 1, .stride_w = 1, .pad_h = 1, .pad_w = 1, .init = 0,
                            .in_type = RTM_TYPE_U8, .kernel_type = RTM_TYPE_S8};
    struct rtm_conv cx;
    struct counters before, after;
    rtm_clear_status();
    read_counters(&before);
    cx = conv, cx.channels = 256;
    CHECK(rtm_conv2d(&cx) == RTM_ERR_TOO_LARGE, "256 channels");
    cx = conv, cx.height = 4096;
    CHECK(rtm_conv2d(&cx) == RTM_ERR_TOO_LARGE, "height 4096");
    cx = conv, cx.width = 5000;
    CHECK(rtm_conv2d(&cx) == RTM_ERR_TOO_LARGE, "width 5000");
    cx = conv, cx.kh = 16, cx.height = 40;
    CHECK(rtm_conv2d(&cx) == RTM_ERR_BAD_KERNEL, "kernel height 16");
    cx = conv, cx.stride_w = 16;
    CHECK(rtm_conv2d(&cx) == RTM_ERR_BAD_STRIDE, "stride 16");
    cx = conv, cx.pad_w = 16;
    CHECK(rtm_conv2d(&cx) == RTM_ERR_BAD_PADDING, "padding 16");
    cx = conv, cx.kernel_type = 16;
    CHECK(rtm_conv2d(&cx) == RTM_ERR_BAD_TYPE, "CONV2D kernel type 16");
    CHECK(rtm_add(a + 0x200u, a, a + 0x100u, 4, 16u) == RTM_ERR_BAD_TYPE, "ADD of type 16");
    struct rtm_dot dx = {.dst = a + 0x200u, .a = a, .b = a + 0x100u, .length = 4, .count = 1, .type_a = 0x11u,
                         .type_b = RTM_TYPE_S8};
    CHECK(rtm_dot(&dx) == RTM_ERR_BAD_TYPE, "DOT of type 0x11");
    read_counters(&after);
    CHECK(same_counters(&before, &after) && rtm_status() == 0 && rtm_error_code() == RTM_ERR_NONE,
          "the driver wrote CMD for a descriptor it cannot encode");
    /* The largest encodable kernel, stride and padding are accepted. */
    cx = conv, cx.height = 16, cx.width = 16, cx.kh = 15, cx.kw = 15, cx.stride_h = 15, cx.stride_w = 15,
    cx.pad_h = 14, cx.pad_w = 14;
    int rc = rtm_conv2d(&cx);
    CHECK(rc == 0, "15x15 kernel, stride 15, padding 14: %s", rtm_error_name((uint32_t)rc));
    CHECK(wait_idle() == 0, "15x15 conv never finished");
    return 0;
}

/* ---- banks in parallel -------------------------------------------------------------------- */

static uint64_t s_one_conv_ns;

/* A 1x28x28 5x5 pad 2 convolution in bank `bank` (a few hundred us). */
static int start_long_conv(uint32_t bank, uint32_t slot)
{
    const uint32_t base = bank_base(bank) + 0xA000u + slot * 0x2000u;
    struct rtm_conv cv = {.dst = base + 0x400u, .in = base, .kernel = base + 0x320u, .channels = 1, .height = 28,
                          .width = 28, .kh = 5, .kw = 5, .stride_h = 1, .stride_w = 1, .pad_h = 2, .pad_w = 2,
                          .init = 0, .in_type = RTM_TYPE_U8, .kernel_type = RTM_TYPE_S8};
    return rtm_conv2d(&cv);
}

/* The same operands in every slot, so that every long conv has the same latency. */
static void prepare_long_conv(uint32_t bank, uint32_t slot)
{
    const uint32_t base = bank_base(bank) + 0xA000u + slot * 0x2000u;
    uint32_t x = 12345u;
    for (uint32_t i = 0; i < 28 * 28; i += 4) {
        x = x * 1664525u + 1013904223u;
        win_w32(base + i, x);
    }
    for (uint32_t i = 0; i < 28; i += 4) {
        x = x * 1664525u + 1013904223u;
        win_w32(base + 0x320u + i, x | 0x01010101u);
    }
}

static int test_banks(void)
{
    prepare_long_conv(0, 0);
    prepare_long_conv(0, 1);
    prepare_long_conv(1, 0);
    prepare_long_conv(2 % s_info.banks, 0);
    CHECK(wait_idle() == 0, "idle before the bank test");
    /* One command alone. */
    uint64_t t0 = sysctl_sim_time_ns();
    CHECK(start_long_conv(0, 0) == 0, "conv on bank 0");
    uint32_t st = rtm_status();
    CHECK((st & RTM_STATUS_BUSY) && (st & RTM_STATUS_BANK_BUSY_MASK) == (1u << RTM_STATUS_BANK_BUSY_SHIFT),
          "STATUS while bank 0 runs = 0x%lx", (unsigned long)st);
    CHECK(wait_idle() == 0, "conv on bank 0 never finished");
    s_one_conv_ns = sysctl_sim_time_ns() - t0;
    CHECK(s_one_conv_ns > 10000u, "one conv took only %lu ns", (unsigned long)s_one_conv_ns);
    /* Two banks: they overlap. */
    t0 = sysctl_sim_time_ns();
    CHECK(start_long_conv(0, 0) == 0 && start_long_conv(1, 0) == 0, "convs on banks 0 and 1");
    st = rtm_status();
    CHECK((st & RTM_STATUS_BANK_BUSY_MASK) == (3u << RTM_STATUS_BANK_BUSY_SHIFT), "STATUS with banks 0 and 1 busy = 0x%lx",
          (unsigned long)st);
    CHECK(wait_idle() == 0, "two banks never finished");
    uint64_t two_banks = sysctl_sim_time_ns() - t0;
    CHECK(two_banks * 4 < s_one_conv_ns * 5, "two banks took %lu ns, one command %lu ns: no overlap",
          (unsigned long)two_banks, (unsigned long)s_one_conv_ns);
    /* One bank: the second command waits for the first. */
    t0 = sysctl_sim_time_ns();
    CHECK(start_long_conv(0, 0) == 0 && start_long_conv(0, 1) == 0, "two convs on bank 0");
    CHECK(rtm_error_code() == RTM_ERR_NONE, "a command on a busy bank is accepted");
    CHECK(wait_idle() == 0, "two on one bank never finished");
    uint64_t one_bank = sysctl_sim_time_ns() - t0;
    CHECK(one_bank * 10 >= s_one_conv_ns * 18, "two commands on one bank took %lu ns, one %lu ns: not queued",
          (unsigned long)one_bank, (unsigned long)s_one_conv_ns);
    return 0;
}

/* ---- interrupts --------------------------------------------------------------------------- */

#define SELFTEST_IRQ_STATUS() rtm_irq_status()
#define SELFTEST_IRQ_CLEAR(mask) rtm_irq_clear(mask)
#include "apps/selftest_irq.h"

static int test_irq(void)
{
    CHECK(wait_idle() == 0, "idle before the irq test");
    irq_init();
    irq_attach(PIMSOC_IRQ_RTM, device_isr, 1);
    rtm_irq_clear(RTM_IRQ_MASK);
    rtm_irq_enable(RTM_IRQ_DONE | RTM_IRQ_ERR);
    irq_enable();
    CHECK(s_irq_events == 0, "an interrupt before any command");

    /* DONE: the CPU sleeps through a long command. */
    uint64_t t0 = sysctl_sim_time_ns();
    irq_global_disable();
    CHECK(start_long_conv(2 % s_info.banks, 0) == 0, "long conv rejected");
    uint32_t sleeps = sleep_until_events(1);
    uint64_t slept = sysctl_sim_time_ns() - t0;
    CHECK(s_irq_seen == RTM_IRQ_DONE, "interrupt status 0x%lx, expected DONE", (unsigned long)s_irq_seen);
    CHECK(!(rtm_status() & RTM_STATUS_BUSY), "DONE interrupt while still busy");
    CHECK(sleeps >= 1, "the CPU never slept");
    CHECK(slept * 10 >= s_one_conv_ns * 9, "woke after %lu ns, the command takes %lu ns", (unsigned long)slept,
          (unsigned long)s_one_conv_ns);
    CHECK(rtm_irq_status() == 0, "IRQ_STATUS after the handler = 0x%lx", (unsigned long)rtm_irq_status());

    /* Several commands on two banks: sleep until all are done, one interrupt at least. */
    s_irq_seen = 0;
    uint32_t before = s_irq_events;
    irq_global_disable();
    CHECK(start_long_conv(0, 0) == 0 && start_long_conv(0, 1) == 0 && start_long_conv(1, 0) == 0,
          "three convs rejected");
    while (rtm_status() & RTM_STATUS_BUSY) {
        wfi();
        irq_global_enable();
        irq_global_disable();
    }
    irq_global_enable();
    CHECK(s_irq_events > before && s_irq_seen == RTM_IRQ_DONE, "three commands: %lu interrupts, status 0x%lx",
          (unsigned long)(s_irq_events - before), (unsigned long)s_irq_seen);

    /* ERR: a rejected command interrupts at once. */
    s_irq_seen = 0;
    before = s_irq_events;
    irq_global_disable();
    int rc = rtm_add(bank_base(0), bank_base(0), bank_base(1), 4, RTM_TYPE_U8);
    CHECK(rc == RTM_ERR_CROSS_BANK, "cross-bank ADD returned %d", rc);
    sleep_until_events(before + 1);
    CHECK(s_irq_seen == RTM_IRQ_ERR, "interrupt status 0x%lx, expected ERR", (unsigned long)s_irq_seen);
    rtm_clear_status();

    /* IRQ_EN = 0: the status bits are set, the line stays low. */
    rtm_irq_enable(0);
    before = s_irq_events;
    CHECK(start_long_conv(1, 0) == 0, "conv with interrupts off");
    CHECK(wait_idle() == 0, "conv with interrupts off never finished");
    uint64_t t1 = sysctl_sim_time_ns();
    while (sysctl_sim_time_ns() - t1 < 20000u) { /* well over a quantum */
    }
    CHECK(s_irq_events == before, "an interrupt with IRQ_EN = 0");
    CHECK(rtm_irq_status() == RTM_IRQ_DONE, "IRQ_STATUS with IRQ_EN = 0 = 0x%lx", (unsigned long)rtm_irq_status());
    rtm_irq_clear(RTM_IRQ_MASK);
    irq_attach(PIMSOC_IRQ_RTM, NULL, 0);
    irq_disable();
    return 0;
}

/* ---- counters ----------------------------------------------------------------------------- */

static int test_counters(void)
{
    struct counters c0, c1, c2;
    CHECK(wait_idle() == 0, "idle before the counter test");
    read_counters(&c0);
    CHECK(c0.commands > 0 && c0.shifts > 0 && c0.reads > 0 && c0.writes > 0 && c0.mults > 0 && c0.adds > 0 &&
              c0.busy > 0 && c0.energy > 0,
          "counters after the tests above");
    rtm_clear_counters();
    read_counters(&c1);
    CHECK(c1.shifts == 0 && c1.reads == 0 && c1.writes == 0 && c1.adds == 0 && c1.mults == 0 && c1.busy == 0 &&
              c1.energy == 0 && c1.commands == 0,
          "CLEAR_COUNTERS: shifts %lu reads %lu writes %lu commands %lu", (unsigned long)c1.shifts,
          (unsigned long)c1.reads, (unsigned long)c1.writes, (unsigned long)c1.commands);

    /* Window writes and reads: one access per array word each 32-bit store or load touches. */
    const uint32_t per32 = s_info.word_bytes >= 4 ? 1u : 4u / s_info.word_bytes;
    const uint32_t base = bank_base(0) + 0xC000u;
    for (uint32_t i = 0; i < 16; i++)
        win_w32(base + 4 * i, i * 0x01010101u);
    read_counters(&c1);
    CHECK(c1.writes == 16 * per32 && c1.reads == 0 && c1.commands == 0 && c1.busy == 0,
          "16 word writes: writes %lu reads %lu", (unsigned long)c1.writes, (unsigned long)c1.reads);
    CHECK(c1.energy > 0, "energy of the writes");
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 16; i++)
        sum += win_r32(base + 4 * i);
    CHECK(sum == 120u * 0x01010101u, "window read back");
    read_counters(&c2);
    CHECK(c2.reads == 16 * per32 && c2.writes == 16 * per32, "16 word reads: reads %lu", (unsigned long)c2.reads);
    CHECK(c2.shifts >= c1.shifts && c2.energy > c1.energy, "reads add energy");

    /* A DOT of 64 x 1: 64 MACs (64 multiplications, 64 additions), one command, one result write. */
    struct rtm_dot d = {.dst = base + 0x100u, .a = base, .stride_a = 0, .b = base + 0x40u, .stride_b = 0,
                        .length = 64, .count = 1, .init = 0, .has_bias = 0, .bias = 0,
                        .type_a = RTM_TYPE_U8, .type_b = RTM_TYPE_S8};
    for (uint32_t i = 0; i < 64; i += 4)
        win_w32(base + 0x40u + i, 0x03FD02FFu);
    read_counters(&c1);
    CHECK(rtm_dot(&d) == 0 && wait_idle() == 0, "counter DOT");
    read_counters(&c2);
    CHECK(c2.commands == c1.commands + 1, "commands %lu -> %lu", (unsigned long)c1.commands, (unsigned long)c2.commands);
    CHECK(c2.mults == c1.mults + 64, "mults %lu -> %lu", (unsigned long)c1.mults, (unsigned long)c2.mults);
    CHECK(c2.adds >= c1.adds + 64, "adds %lu -> %lu", (unsigned long)c1.adds, (unsigned long)c2.adds);
    CHECK(c2.writes == c1.writes + per32, "result writes %lu -> %lu", (unsigned long)c1.writes, (unsigned long)c2.writes);
    CHECK(c2.reads > c1.reads && c2.shifts > c1.shifts, "operand reads and shifts");
    CHECK(c2.busy > c1.busy && c2.energy > c1.energy, "busy cycles %lu -> %lu, energy %lu -> %lu",
          (unsigned long)c1.busy, (unsigned long)c2.busy, (unsigned long)c1.energy, (unsigned long)c2.energy);

    /* A CONV2D: 4x4 input, 3x3 kernel, pad 1 -> 16 outputs of 4..9 taps (100 MACs), 64 bytes of
     * results written word by word of the array. */
    const uint32_t cbase = bank_base(1) + 0xC000u;
    for (uint32_t i = 0; i < 16; i += 4)
        win_w32(cbase + i, 0x04030201u);
    for (uint32_t i = 0; i < 12; i += 4)
        win_w32(cbase + 0x20u + i, 0x01FF02FEu);
    struct rtm_conv cv = {.dst = cbase + 0x40u, .in = cbase, .kernel = cbase + 0x20u, .channels = 1, .height = 4,
                          .width = 4, .kh = 3, .kw = 3, .stride_h = 1, .stride_w = 1, .pad_h = 1, .pad_w = 1,
                          .init = 0, .in_type = RTM_TYPE_U8, .kernel_type = RTM_TYPE_S8};
    read_counters(&c1);
    CHECK(rtm_conv2d(&cv) == 0 && wait_idle() == 0, "counter CONV2D");
    read_counters(&c2);
    CHECK(c2.mults == c1.mults + 100, "CONV2D mults %lu -> %lu (100 taps inside the input)", (unsigned long)c1.mults,
          (unsigned long)c2.mults);
    CHECK(c2.writes == c1.writes + (64 + s_info.word_bytes - 1) / s_info.word_bytes, "CONV2D result writes %lu -> %lu", (unsigned long)c1.writes,
          (unsigned long)c2.writes);
    CHECK(c2.commands == c1.commands + 1, "CONV2D commands");

    /* The counters are monotonic until cleared, and CLEAR_COUNTERS zeroes all of them again. */
    CHECK(c2.shifts >= c1.shifts && c2.reads >= c1.reads && c2.busy >= c1.busy, "monotonic");
    rtm_clear_counters();
    read_counters(&c1);
    CHECK(c1.shifts == 0 && c1.reads == 0 && c1.writes == 0 && c1.adds == 0 && c1.mults == 0 && c1.busy == 0 &&
              c1.energy == 0 && c1.commands == 0,
          "second CLEAR_COUNTERS");
    return 0;
}

int main(void)
{
    printf("rtm_selftest: start\n");
    RUN(test_registers);
    RUN(test_window);
    RUN(test_elementwise);
    RUN(test_dot);
    RUN(test_conv);
    RUN(test_errors);
    RUN(test_driver_limits);
    RUN(test_banks);
    RUN(test_irq);
    RUN(test_counters);
    printf("rtm_selftest: PASS\n");
    return 0;
}
