/* The racetrack-memory CNN engine: see rtm_engine.h. */
#include "engines/rtm_engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engines/engine_mover.h"
#include "engines/engine_plan.h"
#include "engines/engine_start.h"
#include "hal/dma.h"
#include "hal/irq.h"
#include "hal/rtm.h"
#include "memory_map.h"

#define MAX_PARTS 8u /* parts of one layer with `spread` (at most one per bank) */

/* One part of a layer: output channels (conv2d) or neurons (fc) [first, first + count) in one
 * bank, with the window offsets of its regions. */
typedef struct {
    uint32_t bank;
    uint32_t first, count;
    uint32_t in, weights, bias, out; /* window offsets (bias: fc with a bias only) */
    uint32_t end;                    /* first byte after the part's regions */
} rtm_part;

typedef struct {
    const cnn_layer *layer; /* NULL: not placed */
    uint32_t in_bytes;      /* input activations */
    uint32_t k;             /* fc: inputs per neuron; conv2d: weights per output channel */
    uint32_t plane;         /* accumulators per output channel (conv2d: H' x W', fc: 1) */
    uint32_t type_in;       /* the activations' RTM_TYPE_* (rtm_input_type) */
    uint32_t type_w;        /* the weights' RTM_TYPE_* (rtm_weight_type) */
    unsigned nparts;
    rtm_part part[MAX_PARTS];
} rtm_layer_plan;

static struct {
    const cnn_model *model;
    engine_options options;
    struct rtm_info info;
    engine_banks banks;
    uint32_t weight_bytes;
    rtm_layer_plan plan[RTM_ENGINE_MAX_LAYERS];
} s_rtm;

static int32_t s_own_scratch[RTM_ENGINE_SCRATCH_BYTES / 4];
static int32_t *s_scratch = s_own_scratch;
static uint32_t s_scratch_bytes = sizeof s_own_scratch;
static char s_error[256];

static void set_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s_error, sizeof s_error, fmt, ap);
    va_end(ap);
}

const char *rtm_engine_error(void) { return s_error; }

static uint32_t align4(uint32_t n) { return (n + 3u) & ~3u; }

/* ---- moving data ---------------------------------------------------------------------------- */

static void cpu_to_window(uint32_t off, const void *src, uint32_t bytes)
{
    engine_cpu_to_window((volatile uint32_t *)rtm_window(off), src, bytes);
}

static uint32_t window_address(uint32_t off) { return PIMSOC_RTM_DATA_BASE + off; }

/* ---- waiting for the RTM -------------------------------------------------------------------- */

static void rtm_isr(unsigned source)
{
    (void)source;
    rtm_irq_clear(rtm_irq_status()); /* lower the line before the dispatcher completes the claim */
}

/* Until `bank` is idle (STATUS has busy bits for banks 0..7; beyond, until every bank is). Every
 * completion wakes the CPU once (engine_wait_idle). */
static void wait_bank(uint32_t bank)
{
    const uint32_t busy = bank < 8u ? 1u << (RTM_STATUS_BANK_BUSY_SHIFT + bank) : RTM_STATUS_BUSY;
    engine_wait_idle(rtm_status, busy, s_rtm.options.wait == ENGINE_WAIT_POLL);
}

/* ---- what the engine runs ------------------------------------------------------------------- */

int rtm_engine_supports(const cnn_layer *layer) { return engine_layer_fits_commands(layer); }

/* ---- element types -------------------------------------------------------------------------- */

/* The layer's operands at the narrowest RTM width that holds them (1, 2, 4 or 8 bits), so the cells
 * compute at the model's widths (fewer Booth digits, narrower partial products and accumulators).
 * The RTM stores a narrow element one per byte, its low bits: the model's int8 storage of the
 * levels (docs/cnn.md, "Low-bit layers") goes to the window as it is. Activations: M-bit unsigned
 * (S8 input: 8-bit signed); weights: N-bit two's complement, {-1,+1} (N = 1) as 2-bit (-1 = 11b,
 * +1 = 01b), whose single Booth digit adds or subtracts the activation. */
static uint32_t rtm_input_type(const cnn_layer *l)
{
    const uint32_t m = l->input_bits;
    if (l->in.dtype == CNN_S8)
        return RTM_TYPE_S8;
    return m == 1u ? RTM_TYPE_U1 : m == 2u ? RTM_TYPE_U2 : (m == 3u || m == 4u) ? RTM_TYPE_U4 : RTM_TYPE_U8;
}

static uint32_t rtm_weight_type(const cnn_layer *l)
{
    const uint32_t n = l->weight_bits;
    return (n == 1u || n == 2u) ? RTM_TYPE_S2 : (n == 3u || n == 4u) ? RTM_TYPE_S4 : RTM_TYPE_S8;
}

static uint32_t rtm_type_bits(uint32_t type)
{
    switch (type) {
    case RTM_TYPE_U1: case RTM_TYPE_S1: return 1u;
    case RTM_TYPE_U2: case RTM_TYPE_S2: return 2u;
    case RTM_TYPE_U4: case RTM_TYPE_S4: return 4u;
    default: return 8u;
    }
}

/* ---- placement ------------------------------------------------------------------------------ */

static uint32_t part_bytes(const rtm_layer_plan *p, uint32_t count)
{
    const cnn_layer *l = p->layer;
    uint32_t bytes = align4(p->in_bytes) + align4(count * p->k) + 4u * count * p->plane;
    if (l->op == CNN_OP_FC && l->bias)
        bytes += 4u * count;
    return bytes;
}

/* Lays out a part from the bank's next free byte. */
static void place_part(rtm_layer_plan *p, rtm_part *part, uint32_t bank, uint32_t first, uint32_t count)
{
    uint32_t off = engine_banks_next_offset(&s_rtm.banks, bank);
    part->bank = bank;
    part->first = first;
    part->count = count;
    part->in = off;
    off += align4(p->in_bytes);
    part->weights = off;
    off += align4(count * p->k);
    part->bias = off;
    if (p->layer->op == CNN_OP_FC && p->layer->bias)
        off += 4u * count;
    part->out = off;
    off += 4u * count * p->plane;
    part->end = off;
    engine_banks_end(&s_rtm.banks, bank, off);
}

static int plan_layer(unsigned index, const cnn_layer *l)
{
    rtm_layer_plan *p = &s_rtm.plan[index];
    const uint32_t banks = s_rtm.info.banks, bank_bytes = s_rtm.info.bank_bytes;
    const uint32_t outputs = l->out.c; /* output channels, or neurons (N x 1 x 1) */
    p->layer = l;
    p->in_bytes = (uint32_t)l->in.c * l->in.h * l->in.w;
    p->type_in = rtm_input_type(l);
    p->type_w = rtm_weight_type(l);
    if (l->op == CNN_OP_CONV2D) {
        p->k = (uint32_t)l->in.c * l->kernel_h * l->kernel_w;
        p->plane = (uint32_t)l->out.h * l->out.w;
    } else {
        p->k = p->in_bytes;
        p->plane = 1;
    }
    if (l->out.dtype != CNN_S32 && 4u * outputs * p->plane > s_scratch_bytes) {
        set_error("layer %s: %lu bytes of accumulators exceed the engine's staging buffer of %lu bytes", l->name,
                  (unsigned long)(4u * outputs * p->plane), (unsigned long)s_scratch_bytes);
        return -1;
    }
    if (s_rtm.options.spread) {
        unsigned n = banks < outputs ? banks : outputs;
        if (n > MAX_PARTS)
            n = MAX_PARTS;
        p->nparts = n;
        for (unsigned i = 0; i < n; i++) {
            uint32_t first = outputs * i / n, count = outputs * (i + 1) / n - first;
            uint32_t need = part_bytes(p, count);
            if (need > engine_banks_left(&s_rtm.banks, i)) {
                set_error("layer %s, part %u of %u: needs %lu bytes in bank %u, which has %lu of %lu bytes left: "
                          "the model does not fit the array spread over %lu banks",
                          l->name, i + 1, n, (unsigned long)need, i, (unsigned long)engine_banks_left(&s_rtm.banks, i),
                          (unsigned long)bank_bytes, (unsigned long)banks);
                return -1;
            }
            place_part(p, &p->part[i], i, first, count);
        }
        return 0;
    }
    const uint32_t need = part_bytes(p, outputs);
    const int bank = engine_banks_pick(&s_rtm.banks, need);
    if (bank >= 0) {
        p->nparts = 1;
        place_part(p, &p->part[0], (uint32_t)bank, 0, outputs);
        return 0;
    }
    const uint32_t largest = engine_banks_largest_left(&s_rtm.banks);
    set_error("layer %s needs %lu bytes in one bank (input %lu, weights %lu, %saccumulators %lu) but the largest "
              "free space is %lu bytes (%lu bank(s) of %lu bytes): the model does not fit the array",
              l->name, (unsigned long)need, (unsigned long)p->in_bytes, (unsigned long)(outputs * p->k),
              (l->op == CNN_OP_FC && l->bias) ? "bias " : "", (unsigned long)(4u * outputs * p->plane),
              (unsigned long)largest, (unsigned long)banks, (unsigned long)bank_bytes);
    return -1;
}

/* Writes a part's weights (and fc biases) with the mover. */
static int load_part(const rtm_layer_plan *p, const rtm_part *part)
{
    const cnn_layer *l = p->layer;
    const int8_t *w = l->weights + (size_t)part->first * p->k;
    const uint32_t w_bytes = part->count * p->k;
    const int has_bias = l->op == CNN_OP_FC && l->bias;
    if (s_rtm.options.mover == ENGINE_MOVER_DMA) {
        int rc = engine_dma_queue(window_address(part->weights), (uint32_t)(uintptr_t)w, w_bytes);
        if (rc == 0 && has_bias)
            rc = engine_dma_queue(window_address(part->bias), (uint32_t)(uintptr_t)(l->bias + part->first),
                                  4u * part->count);
        if (rc == 0)
            rc = dma_wait();
        if (rc != 0) {
            set_error("layer %s: DMA of the weights failed: %s", l->name, dma_error_name((uint32_t)rc));
            return -1;
        }
    } else {
        cpu_to_window(part->weights, w, w_bytes);
        if (has_bias)
            cpu_to_window(part->bias, l->bias + part->first, 4u * part->count);
    }
    s_rtm.weight_bytes += w_bytes + (has_bias ? 4u * part->count : 0u);
    return 0;
}

/* ---- running a layer ------------------------------------------------------------------------ */

/* Starts the command(s) of part `part`: fc, its DOT (all its neurons); conv2d, output channel
 * first + j. 0, or -1 with the error set. */
static int start_part(const rtm_layer_plan *p, const rtm_part *part, uint32_t j)
{
    const cnn_layer *l = p->layer;
    int rc;
    if (l->op == CNN_OP_FC) {
        struct rtm_dot d = {.dst = part->out, .a = part->in, .stride_a = 0, .b = part->weights, .stride_b = p->k,
                            .length = p->k, .count = part->count, .init = 0, .has_bias = l->bias != NULL,
                            .bias = part->bias, .type_a = p->type_in, .type_b = p->type_w};
        rc = rtm_dot(&d);
    } else {
        const uint32_t oc = part->first + j;
        struct rtm_conv c = {.dst = part->out + 4u * j * p->plane, .in = part->in, .kernel = part->weights + j * p->k,
                             .channels = l->in.c, .height = l->in.h, .width = l->in.w, .kh = l->kernel_h,
                             .kw = l->kernel_w, .stride_h = l->stride_h, .stride_w = l->stride_w, .pad_h = l->pad_h,
                             .pad_w = l->pad_w, .init = l->bias ? l->bias[oc] : 0, .in_type = p->type_in,
                             .kernel_type = p->type_w};
        rc = rtm_conv2d(&c);
    }
    if (rc != 0) {
        set_error("layer %s: %s of %s %lu on bank %lu rejected: %s", l->name, l->op == CNN_OP_FC ? "DOT" : "CONV2D",
                  l->op == CNN_OP_FC ? "neurons from" : "channel", (unsigned long)(part->first + j),
                  (unsigned long)part->bank, rtm_error_name((uint32_t)rc));
        return -1;
    }
    return 0;
}

/* `words` accumulators from window offset `off` to dst with the mover. */
static int read_back(int32_t *dst, uint32_t off, uint32_t words, const cnn_layer *l)
{
    const int rc = engine_from_window(dst, window_address(off), words, s_rtm.options.mover == ENGINE_MOVER_DMA);
    if (rc != 0)
        set_error("layer %s: DMA of the accumulators failed: %s", l->name, dma_error_name((uint32_t)rc));
    return rc != 0 ? -1 : 0;
}

static int rtm_run_layer(const cnn_engine *self, const cnn_layer *layer, const void *in, void *out)
{
    (void)self;
    const cnn_model *m = s_rtm.model;
    if (!m || layer < m->layers || layer >= m->layers + m->num_layers)
        return CNN_ERR_UNSUPPORTED; /* not a layer of the model placed at init */
    const unsigned index = (unsigned)(layer - m->layers);
    if (index >= RTM_ENGINE_MAX_LAYERS || s_rtm.plan[index].layer != layer)
        return CNN_ERR_UNSUPPORTED;
    const rtm_layer_plan *p = &s_rtm.plan[index];
    const int s32 = layer->out.dtype == CNN_S32;
    int32_t *acc = s32 ? (int32_t *)out : s_scratch;

    /* 1. the input activations into every part's bank */
    if (s_rtm.options.mover == ENGINE_MOVER_DMA) {
        int rc = 0;
        for (unsigned i = 0; i < p->nparts && rc == 0; i++)
            rc = engine_dma_queue(window_address(p->part[i].in), (uint32_t)(uintptr_t)in, p->in_bytes);
        if (rc == 0)
            rc = dma_wait();
        if (rc != 0) {
            set_error("layer %s: DMA of the input failed: %s", layer->name, dma_error_name((uint32_t)rc));
            return CNN_ERR_ENGINE;
        }
    } else {
        for (unsigned i = 0; i < p->nparts; i++)
            cpu_to_window(p->part[i].in, in, p->in_bytes);
    }

    /* 2. the first command of every part */
    for (unsigned i = 0; i < p->nparts; i++)
        if (start_part(p, &p->part[i], 0) != 0)
            return CNN_ERR_ENGINE;

    if (layer->op == CNN_OP_FC) {
        /* 3. each part's DOT done: its accumulators back, then 4. requantization */
        for (unsigned i = 0; i < p->nparts; i++) {
            const rtm_part *part = &p->part[i];
            wait_bank(part->bank);
            if (read_back(acc + part->first, part->out, part->count, layer) != 0)
                return CNN_ERR_ENGINE;
        }
        if (!s32)
            engine_requantize(layer, acc, out, 0, layer->out.c, 1);
        return CNN_OK;
    }

    /* conv2d, one output channel per command, pipelined: as soon as a part's channel j is done its
     * accumulators come back and its channel j + 1 starts; the CPU requantizes channel j while the
     * banks compute j + 1. (A window access waits for its bank, so the read-back comes before the
     * next command on that bank.) */
    uint32_t most = 0;
    for (unsigned i = 0; i < p->nparts; i++)
        if (p->part[i].count > most)
            most = p->part[i].count;
    for (uint32_t j = 0; j < most; j++) {
        for (unsigned i = 0; i < p->nparts; i++) {
            const rtm_part *part = &p->part[i];
            if (j >= part->count)
                continue;
            wait_bank(part->bank);
            if (read_back(acc + (part->first + j) * p->plane, part->out + 4u * j * p->plane, p->plane, layer) != 0)
                return CNN_ERR_ENGINE;
            if (j + 1 < part->count && start_part(p, part, j + 1) != 0)
                return CNN_ERR_ENGINE;
        }
        if (!s32)
            for (unsigned i = 0; i < p->nparts; i++)
                if (j < p->part[i].count)
                    engine_requantize(layer, acc, out, p->part[i].first + j, 1, p->plane);
    }
    return CNN_OK;
}

static const cnn_engine s_rtm_engine = {"rtm", rtm_run_layer, NULL};

/* ---- init ----------------------------------------------------------------------------------- */

static int probe(uint32_t *banks, uint32_t *bank_bytes)
{
    if (!rtm_probe(&s_rtm.info))
        return 0;
    *banks = s_rtm.info.banks;
    *bank_bytes = s_rtm.info.bank_bytes;
    return 1;
}

static void quiesce(void)
{
    rtm_clear_status();
    rtm_irq_enable(0);
    rtm_irq_clear(RTM_IRQ_MASK);
}

static int load(unsigned index)
{
    const rtm_layer_plan *p = &s_rtm.plan[index];
    for (unsigned j = 0; p->layer && j < p->nparts; j++)
        if (load_part(p, &p->part[j]) != 0)
            return -1;
    return 0;
}

static void enable_done(void) { rtm_irq_enable(RTM_IRQ_DONE); }

static const engine_device s_device = {
    .device = "RTM",
    .controller = "racetrack-memory controller",
    .base = PIMSOC_RTM_BASE,
    .max_layers = RTM_ENGINE_MAX_LAYERS,
    .own_staging = s_own_scratch,
    .own_staging_bytes = sizeof s_own_scratch,
    .probe = probe,
    .supports = rtm_engine_supports,
    .plan = plan_layer,
    .quiesce = quiesce,
    .load = load,
    .irq = PIMSOC_IRQ_RTM,
    .isr = rtm_isr,
    .enable_done = enable_done,
    .wait = rtm_wait,
    .id = CNN_ENGINE_RTM,
    .engine = &s_rtm_engine,
};

int rtm_engine_init(const cnn_model *model, uint32_t layer_mask, const engine_options *options)
{
    memset(&s_rtm, 0, sizeof s_rtm);
    if (options)
        s_rtm.options = *options;
    s_rtm.model = model;
    return engine_start(&s_device, &s_rtm.options, &s_rtm.banks, model, layer_mask, &s_scratch, &s_scratch_bytes,
                        s_error, sizeof s_error);
}

uint32_t rtm_engine_used_bytes(void) { return engine_banks_used(&s_rtm.banks); }

uint32_t rtm_engine_weight_bytes(void) { return s_rtm.weight_bytes; }

void rtm_engine_print_plan(void)
{
    const cnn_model *m = s_rtm.model;
    for (unsigned i = 0; m && i < m->num_layers; i++) {
        const rtm_layer_plan *p = &s_rtm.plan[i];
        for (unsigned j = 0; p->layer && j < p->nparts; j++) {
            const rtm_part *part = &p->part[j];
            const int has_bias = p->layer->op == CNN_OP_FC && p->layer->bias;
            printf("  %-8s bank %lu [0x%05lx, 0x%05lx): %s %lu..%lu: %s%lu:%lu bits, input %lu B, weights %lu B, ",
                   p->layer->name, (unsigned long)part->bank, (unsigned long)part->in, (unsigned long)part->end,
                   p->layer->op == CNN_OP_FC ? "neurons" : "channels", (unsigned long)part->first,
                   (unsigned long)(part->first + part->count - 1), p->layer->weight_bits == 1u ? "{-1,+1} " : "",
                   (unsigned long)rtm_type_bits(p->type_w), (unsigned long)rtm_type_bits(p->type_in),
                   (unsigned long)p->in_bytes, (unsigned long)(part->count * p->k));
            if (has_bias)
                printf("bias %lu B, ", (unsigned long)(4u * part->count));
            printf("accumulators %lu B\n", (unsigned long)(4u * part->count * p->plane));
        }
    }
}
