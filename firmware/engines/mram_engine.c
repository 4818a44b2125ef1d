/* The SOT-MRAM CNN engine: see mram_engine.h. */
#include "engines/mram_engine.h"

#include <stdio.h>
#include <string.h>

#include "engines/engine_mover.h"
#include "engines/engine_pack.h"
#include "engines/engine_plan.h"
#include "engines/engine_start.h"
#include "hal/dma.h"
#include "hal/irq.h"
#include "hal/mram.h"
#include "memory_map.h"

/* One placed layer: its operand widths and the window offsets of its regions (one bank). */
typedef struct {
    const cnn_layer *layer; /* NULL: not placed */
    struct mram_types types;
    uint32_t elements_in;   /* input activations */
    uint32_t k;             /* fc: inputs per neuron; conv2d: weights per output channel */
    uint32_t row_bytes;     /* pitch of the packed weight rows (fc) or kernels (conv2d), whole words */
    uint32_t in_bytes;      /* the packed input */
    uint32_t plane;         /* accumulators per output channel (conv2d: H' x W', fc: 1) */
    uint32_t bank;
    uint32_t in, weights, bias, out, end; /* window offsets (bias: fc with a bias only) */
} mram_layer_plan;

static struct {
    const cnn_model *model;
    engine_options options;
    struct mram_info info;
    engine_banks banks;
    uint32_t weight_bytes;
    mram_layer_plan plan[MRAM_ENGINE_MAX_LAYERS];
} s_mram;

static int32_t s_own_scratch[MRAM_ENGINE_SCRATCH_BYTES / 4];
static int32_t *s_scratch = s_own_scratch;
static uint32_t s_scratch_bytes = sizeof s_own_scratch;
static uint32_t s_pack[MRAM_ENGINE_PACK_BYTES / 4]; /* words: the CPU mover stores whole words */
static char s_error[256];

#define set_error(...) engine_set_error(s_error, sizeof s_error, __VA_ARGS__)

const char *mram_engine_error(void) { return s_error; }

static uint32_t align4(uint32_t n) { return (n + 3u) & ~3u; }
static uint32_t packed_bytes(uint32_t bits, uint32_t elements) { return engine_packed_bytes(bits, elements); }

/* ---- operand widths ------------------------------------------------------------------------- */

/* The device's types for a layer: weights N-bit two's complement (N = 8 for 0), {-1,+1} for N = 1;
 * activations M-bit unsigned (M = 8 for 0; S8 input: 8-bit signed). */
static struct mram_types layer_types(const cnn_layer *l)
{
    struct mram_types t = {0};
    const uint32_t n = l->weight_bits ? l->weight_bits : 8u;
    const uint32_t m = l->input_bits ? l->input_bits : 8u;
    t.a_bits = m;
    t.a_signed = l->in.dtype == CNN_S8 && m == 8u;
    t.w_bits = n;
    t.w_signed = n > 1u;
    t.plus_minus_one = n == 1u;
    return t;
}

/* Packs n elements of `bits` bits into the pack buffer (engine_pack: weights in the layer's coding,
 * activations as they are). Returns the bytes written. */
static uint32_t pack(const struct mram_types *t, uint32_t bits, const int8_t *w, const uint8_t *a, uint32_t n)
{
    return engine_pack((uint8_t *)s_pack, bits, w, a, n, t->plus_minus_one);
}

/* ---- moving data ---------------------------------------------------------------------------- */

static uint32_t window_address(uint32_t off) { return PIMSOC_MRAM_DATA_BASE + off; }

static int dma_mover(void) { return s_mram.options.mover == ENGINE_MOVER_DMA; }

/* `bytes` from src to window offset `off` (4-aligned) with the mover; waits for a DMA. 0 or -1. */
static int to_window(uint32_t off, const void *src, uint32_t bytes, const cnn_layer *l, const char *what)
{
    const int rc = engine_to_window(window_address(off), src, bytes, dma_mover());
    if (rc != 0)
        set_error("layer %s: DMA of the %s failed: %s", l->name, what, dma_error_name((uint32_t)rc));
    return rc != 0 ? -1 : 0;
}

/* `words` accumulators from window offset `off` to dst with the mover. 0 or -1. */
static int from_window(int32_t *dst, uint32_t off, uint32_t words, const cnn_layer *l)
{
    const int rc = engine_from_window(dst, window_address(off), words, dma_mover());
    if (rc != 0)
        set_error("layer %s: DMA of the accumulators failed: %s", l->name, dma_error_name((uint32_t)rc));
    return rc != 0 ? -1 : 0;
}

/* ---- waiting for the MRAM ------------------------------------------------------------------- */

static void mram_isr(unsigned source)
{
    (void)source;
    mram_irq_clear(mram_irq_status()); /* lower the line before the dispatcher completes the claim */
}

static void wait_bank(uint32_t bank)
{
    const uint32_t busy = bank < 8u ? 1u << (MRAM_STATUS_BANK_BUSY_SHIFT + bank) : MRAM_STATUS_BUSY;
    engine_wait_idle(mram_status, busy, s_mram.options.wait == ENGINE_WAIT_POLL);
}

/* ---- what the engine runs ------------------------------------------------------------------- */

int mram_engine_supports(const cnn_layer *layer)
{
    if (!engine_layer_fits_commands(layer) || layer->weight_bits > 8u || layer->input_bits > 8u)
        return 0;
    const struct mram_types t = layer_types(layer);
    const uint32_t elements_in = (uint32_t)layer->in.c * layer->in.h * layer->in.w;
    const uint32_t k =
        layer->op == CNN_OP_FC ? elements_in : (uint32_t)layer->in.c * layer->kernel_h * layer->kernel_w;
    return packed_bytes(t.a_bits, elements_in) <= MRAM_ENGINE_PACK_BYTES &&
           packed_bytes(t.w_bits, k) <= MRAM_ENGINE_PACK_BYTES;
}

/* ---- placement ------------------------------------------------------------------------------ */

static uint32_t layer_bytes(const mram_layer_plan *p)
{
    const cnn_layer *l = p->layer;
    uint32_t bytes = align4(p->in_bytes) + align4(l->out.c * p->row_bytes) + 4u * l->out.c * p->plane;
    if (l->op == CNN_OP_FC && l->bias)
        bytes += 4u * l->out.c;
    return bytes;
}

static void place(mram_layer_plan *p, uint32_t bank)
{
    const cnn_layer *l = p->layer;
    uint32_t off = engine_banks_next_offset(&s_mram.banks, bank);
    p->bank = bank;
    p->in = off;
    off += align4(p->in_bytes);
    p->weights = off;
    off += align4(l->out.c * p->row_bytes);
    p->bias = off;
    if (l->op == CNN_OP_FC && l->bias)
        off += 4u * l->out.c;
    p->out = off;
    off += 4u * l->out.c * p->plane;
    p->end = off;
    engine_banks_end(&s_mram.banks, bank, off);
}

static int plan_layer(unsigned index, const cnn_layer *l)
{
    mram_layer_plan *p = &s_mram.plan[index];
    const uint32_t banks = s_mram.info.banks, bank_bytes = s_mram.info.bank_bytes;
    p->layer = l;
    p->types = layer_types(l);
    p->elements_in = (uint32_t)l->in.c * l->in.h * l->in.w;
    p->in_bytes = packed_bytes(p->types.a_bits, p->elements_in);
    if (l->op == CNN_OP_CONV2D) {
        p->k = (uint32_t)l->in.c * l->kernel_h * l->kernel_w;
        p->plane = (uint32_t)l->out.h * l->out.w;
    } else {
        p->k = p->elements_in;
        p->plane = 1;
    }
    p->row_bytes = align4(packed_bytes(p->types.w_bits, p->k)); /* word stores by the CPU mover */
    if (l->out.dtype != CNN_S32 && 4u * l->out.c * p->plane > s_scratch_bytes) {
        set_error("layer %s: %lu bytes of accumulators exceed the engine's staging buffer of %lu bytes", l->name,
                  (unsigned long)(4u * l->out.c * p->plane), (unsigned long)s_scratch_bytes);
        return -1;
    }
    const uint32_t need = layer_bytes(p);
    const int bank = engine_banks_pick(&s_mram.banks, need);
    if (bank >= 0) {
        place(p, (uint32_t)bank);
        return 0;
    }
    const uint32_t largest = engine_banks_largest_left(&s_mram.banks);
    set_error("layer %s needs %lu bytes in one bank (input %lu, weights %lu at %lu bits, %saccumulators %lu) but "
              "the largest free space is %lu bytes (%lu bank(s) of %lu bytes): the model does not fit the array",
              l->name, (unsigned long)need, (unsigned long)p->in_bytes, (unsigned long)(l->out.c * p->row_bytes),
              (unsigned long)p->types.w_bits, (l->op == CNN_OP_FC && l->bias) ? "bias " : "",
              (unsigned long)(4u * l->out.c * p->plane), (unsigned long)largest, (unsigned long)banks,
              (unsigned long)bank_bytes);
    return -1;
}

/* Writes a layer's packed weights, one row (kernel) at a time through the pack buffer, and its fc
 * biases, with the mover. */
static int load_layer(const mram_layer_plan *p)
{
    const cnn_layer *l = p->layer;
    for (uint32_t r = 0; r < l->out.c; r++) {
        const uint32_t bytes = pack(&p->types, p->types.w_bits, l->weights + (size_t)r * p->k, NULL, p->k);
        if (to_window(p->weights + r * p->row_bytes, s_pack, bytes, l, "weights") != 0)
            return -1;
    }
    s_mram.weight_bytes += l->out.c * p->row_bytes;
    if (l->op == CNN_OP_FC && l->bias) {
        if (to_window(p->bias, l->bias, 4u * l->out.c, l, "biases") != 0)
            return -1;
        s_mram.weight_bytes += 4u * l->out.c;
    }
    return 0;
}

/* ---- running a layer ------------------------------------------------------------------------ */

/* Starts conv2d output channel j (fc: j = 0, the MVM of all neurons) on the layer's bank; a START
 * the bank's full queue refuses (MRAM_ERR_BUSY) is retried once the bank is idle. 0, or -1 with the
 * error set. */
static int start_command(const mram_layer_plan *p, uint32_t j)
{
    const cnn_layer *l = p->layer;
    int rc;
    for (int attempt = 0;; attempt++) {
        if (l->op == CNN_OP_FC) {
            struct mram_mvm m = {.dst = p->out, .x = p->in, .matrix = p->weights, .rows = l->out.c, .cols = p->k,
                                 .row_stride = p->row_bytes, .init = 0, .has_bias = l->bias != NULL,
                                 .bias = p->bias, .types = p->types};
            rc = mram_mvm(&m);
        } else {
            struct mram_conv c = {.dst = p->out + 4u * j * p->plane, .in = p->in,
                                  .kernel = p->weights + j * p->row_bytes, .channels = l->in.c, .height = l->in.h,
                                  .width = l->in.w, .kh = l->kernel_h, .kw = l->kernel_w, .stride_h = l->stride_h,
                                  .stride_w = l->stride_w, .pad_h = l->pad_h, .pad_w = l->pad_w,
                                  .init = l->bias ? l->bias[j] : 0, .types = p->types};
            rc = mram_conv2d(&c);
        }
        if (rc != (int)MRAM_ERR_BUSY || attempt > 0)
            break;
        wait_bank(p->bank);
        mram_clear_status();
    }
    if (rc != 0) {
        set_error("layer %s: %s of %s %lu on bank %lu rejected: %s", l->name, l->op == CNN_OP_FC ? "MVM" : "CONV2D",
                  l->op == CNN_OP_FC ? "neurons from" : "channel", (unsigned long)j, (unsigned long)p->bank,
                  mram_error_name((uint32_t)rc));
        return -1;
    }
    return 0;
}

/* Runs the commands [0, count) of the layer one at a time, recording each in the non-volatile
 * record: after a power failure the command the record says was started and not seen done is
 * RESUMEd when the array holds it in progress (STATUS.IN_PROGRESS: only its step in flight is
 * lost), else started again (the failure fell before its first step, or after its end before the
 * record's store). */
static int run_commands_resumable(const mram_layer_plan *p, uint32_t count, engine_nv_progress *nv)
{
    uint32_t j = nv->done;
    if (nv->started > j) {
        if (mram_status() & MRAM_STATUS_IN_PROGRESS) {
            const int rc = mram_resume();
            if (rc != 0) {
                set_error("layer %s: RESUME of command %lu rejected: %s", p->layer->name, (unsigned long)j,
                          mram_error_name((uint32_t)rc));
                return -1;
            }
        } else if (start_command(p, j) != 0) {
            return -1;
        }
        wait_bank(p->bank);
        nv->done = ++j;
    }
    for (; j < count; j++) {
        nv->started = j + 1u;
        if (start_command(p, j) != 0)
            return -1;
        wait_bank(p->bank);
        nv->done = j + 1u;
    }
    return 0;
}

/* A new layer run for the record: a command an earlier run left in progress is finished first (its
 * bank's window refuses writes until then), then the record starts over. */
static void begin_record(engine_nv_progress *nv)
{
    if (nv->key == nv->run_key)
        return;
    if (mram_status() & MRAM_STATUS_IN_PROGRESS) {
        (void)mram_resume();
        wait_bank(8u); /* every bank: the command may be another layer's */
    }
    nv->input_in = nv->started = nv->done = 0;
    nv->key = nv->run_key;
}

static int mram_run_layer(const cnn_engine *self, const cnn_layer *layer, const void *in, void *out)
{
    (void)self;
    const int index = engine_layer_index(s_mram.model, layer, MRAM_ENGINE_MAX_LAYERS);
    if (index < 0 || s_mram.plan[index].layer != layer)
        return CNN_ERR_UNSUPPORTED; /* not a layer placed at init */
    const mram_layer_plan *p = &s_mram.plan[index];
    int32_t *acc = layer->out.dtype == CNN_S32 ? (int32_t *)out : s_scratch;

    engine_nv_progress *nv = s_mram.options.nv_progress;
    if (nv)
        begin_record(nv);

    /* 1. the input activations, packed to M bits by the CPU (8 bits: as they are), into the array
     *    (with the record: once, the window is non-volatile) */
    if (!nv || !nv->input_in) {
        const void *src = in;
        if (p->types.a_bits < 8u) {
            pack(&p->types, p->types.a_bits, NULL, (const uint8_t *)in, p->elements_in);
            src = s_pack;
        }
        if (to_window(p->in, src, p->in_bytes, layer, "input") != 0)
            return CNN_ERR_ENGINE;
        if (nv)
            nv->input_in = 1;
    }

    /* 2. the commands, queued on the layer's bank (with the record: one at a time, resumable);
     * 3. all accumulators back once the bank is idle */
    const uint32_t commands = layer->op == CNN_OP_FC ? 1u : layer->out.c;
    if (nv) {
        if (run_commands_resumable(p, commands, nv) != 0)
            return CNN_ERR_ENGINE;
    } else {
        for (uint32_t j = 0; j < commands; j++)
            if (start_command(p, j) != 0)
                return CNN_ERR_ENGINE;
    }
    wait_bank(p->bank);
    if (from_window(acc, p->out, layer->out.c * p->plane, layer) != 0)
        return CNN_ERR_ENGINE;

    /* 4. requantization and clamp on the CPU */
    if (layer->out.dtype != CNN_S32)
        engine_requantize(layer, acc, out, 0, layer->out.c, p->plane);
    return CNN_OK;
}

static const cnn_engine s_mram_engine = {"mram", mram_run_layer, NULL};

/* ---- init ----------------------------------------------------------------------------------- */

static int probe(uint32_t *banks, uint32_t *bank_bytes)
{
    if (!mram_probe(&s_mram.info))
        return 0;
    *banks = s_mram.info.banks;
    *bank_bytes = s_mram.info.bank_bytes;
    return 1;
}

static void quiesce(void)
{
    mram_set_step_budget(0); /* every command to its end: the window of its bank stays writable */
    /* A command a power failure cut stays in progress with non-volatile partial state and keeps
     * its bank from new commands: without the record that resumes it in its layer, finish it. */
    if (!s_mram.options.nv_progress && (mram_status() & MRAM_STATUS_IN_PROGRESS)) {
        (void)mram_resume();
        (void)mram_wait();
    }
    mram_clear_status();
    mram_irq_enable(0);
    mram_irq_clear(MRAM_IRQ_MASK);
}

static int load(unsigned index) { return s_mram.plan[index].layer ? load_layer(&s_mram.plan[index]) : 0; }

static void enable_done(void) { mram_irq_enable(MRAM_IRQ_DONE); }

static const engine_device s_device = {
    .device = "MRAM",
    .controller = "SOT-MRAM controller",
    .base = PIMSOC_MRAM_BASE,
    .max_layers = MRAM_ENGINE_MAX_LAYERS,
    .own_staging = s_own_scratch,
    .own_staging_bytes = sizeof s_own_scratch,
    .probe = probe,
    .supports = mram_engine_supports,
    .plan = plan_layer,
    .quiesce = quiesce,
    .load = load,
    .irq = PIMSOC_IRQ_MRAM,
    .isr = mram_isr,
    .enable_done = enable_done,
    .wait = mram_wait,
    .id = CNN_ENGINE_MRAM,
    .engine = &s_mram_engine,
};

int mram_engine_init(const cnn_model *model, uint32_t layer_mask, const engine_options *options)
{
    memset(&s_mram, 0, sizeof s_mram);
    if (options)
        s_mram.options = *options;
    s_mram.model = model;
    return engine_start(&s_device, &s_mram.options, &s_mram.banks, model, layer_mask, &s_scratch, &s_scratch_bytes,
                        s_error, sizeof s_error);
}

uint32_t mram_engine_used_bytes(void) { return engine_banks_used(&s_mram.banks); }

uint32_t mram_engine_weight_bytes(void) { return s_mram.weight_bytes; }

void mram_engine_print_plan(void)
{
    const cnn_model *m = s_mram.model;
    for (unsigned i = 0; m && i < m->num_layers; i++) {
        const mram_layer_plan *p = &s_mram.plan[i];
        if (!p->layer)
            continue;
        printf("  %-8s bank %lu [0x%05lx, 0x%05lx): %s%lu:%lu%s bits, input %lu B, weights %lu B, ", p->layer->name,
               (unsigned long)p->bank, (unsigned long)p->in, (unsigned long)p->end,
               p->types.plus_minus_one ? "{-1,+1} " : "", (unsigned long)p->types.w_bits,
               (unsigned long)p->types.a_bits, p->types.a_signed ? "s" : "", (unsigned long)p->in_bytes,
               (unsigned long)(p->layer->out.c * p->row_bytes));
        if (p->layer->op == CNN_OP_FC && p->layer->bias)
            printf("bias %lu B, ", (unsigned long)(4u * p->layer->out.c));
        printf("accumulators %lu B\n", (unsigned long)(4u * p->layer->out.c * p->plane));
    }
}
