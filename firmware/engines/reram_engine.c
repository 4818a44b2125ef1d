/* The ReRAM CNN engine: see reram_engine.h. */
#include "engines/reram_engine.h"

#include <stdio.h>
#include <string.h>

#include "engines/engine_mover.h"
#include "engines/engine_pack.h"
#include "engines/engine_plan.h"
#include "engines/engine_start.h"
#include "hal/dma.h"
#include "hal/reram.h"
#include "memory_map.h"

/* A layer as the engine places it: its cut (reram_engine.h) and where it lives. */
typedef struct {
    reram_layer_cut c;
    uint32_t tile, in, out, end; /* buffer offsets: packed input, partial sums (one plane set per input block) */
} reram_layer_plan;

static struct {
    const cnn_model *model;
    engine_options options;
    struct reram_info info;
    engine_banks banks; /* the tiles' buffers */
    uint32_t xbar_used[ENGINE_MAX_BANKS];
    uint32_t next_tile;
    uint32_t crossbars;
    uint32_t weight_bytes; /* packed weights programmed at init */
    reram_layer_plan plan[RERAM_ENGINE_MAX_LAYERS];
} s_reram;

static int32_t s_own_scratch[RERAM_ENGINE_SCRATCH_BYTES / 4];
static int32_t *s_scratch = s_own_scratch;
static uint32_t s_scratch_bytes = sizeof s_own_scratch;
static uint32_t s_pack[RERAM_ENGINE_PACK_BYTES / 4]; /* words: the CPU mover stores whole words */
static char s_error[256];

#define set_error(...) engine_set_error(s_error, sizeof s_error, __VA_ARGS__)

const char *reram_engine_error(void) { return s_error; }

static uint32_t align4(uint32_t n) { return (n + 3u) & ~3u; }
static uint32_t div_up(uint32_t a, uint32_t b) { return (a + b - 1u) / b; }

/* The device's types for a layer: weights N-bit two's complement (N = 8 for 0); activations M-bit
 * unsigned (M = 8 for 0; S8 input: 8-bit signed). */
static void layer_types(const cnn_layer *l, struct reram_type *x, struct reram_type *w)
{
    w->bits = l->weight_bits ? l->weight_bits : 8u;
    w->is_signed = 1;
    x->bits = l->input_bits ? l->input_bits : 8u;
    x->is_signed = l->in.dtype == CNN_S8 && x->bits == 8u;
}

/* ---- moving data and waiting ---------------------------------------------------------------- */

static uint32_t buffer_address(uint32_t off) { return PIMSOC_RERAM_BUF_BASE + off; }
static int dma_mover(void) { return s_reram.options.mover == ENGINE_MOVER_DMA; }

static int to_buffer(uint32_t off, const void *src, uint32_t bytes, const cnn_layer *l, const char *what)
{
    const int rc = engine_to_window(buffer_address(off), src, bytes, dma_mover());
    if (rc != 0)
        set_error("layer %s: DMA of the %s failed: %s", l->name, what, dma_error_name((uint32_t)rc));
    return rc != 0 ? -1 : 0;
}

static void reram_isr(unsigned source)
{
    (void)source;
    reram_irq_clear(reram_irq_status()); /* lower the line before the dispatcher completes the claim */
}

static void wait_tile(uint32_t tile)
{
    const uint32_t busy = tile < 8u ? 1u << (RERAM_STATUS_TILE_BUSY_SHIFT + tile) : RERAM_STATUS_BUSY;
    engine_wait_idle(reram_status, busy, s_reram.options.wait == ENGINE_WAIT_POLL);
}

/* ---- what the engine runs ------------------------------------------------------------------- */

int reram_engine_supports(const cnn_layer *layer)
{
    if (!engine_layer_fits_commands(layer) || layer->weight_bits == 1u || layer->weight_bits > 8u ||
        layer->input_bits > 8u)
        return 0;
    struct reram_type x, w;
    layer_types(layer, &x, &w);
    const uint32_t elements_in = (uint32_t)layer->in.c * layer->in.h * layer->in.w;
    return engine_packed_bytes(x.bits, elements_in) <= RERAM_ENGINE_PACK_BYTES;
}

/* ---- placement ------------------------------------------------------------------------------ */

/* Outputs per block: the most (up to the columns) whose PLAN fits a crossbar and a tile. */
static uint32_t outputs_per_block(const reram_layer_cut *p, const struct reram_info *info)
{
    uint32_t n = p->layer->out.c < info->columns ? p->layer->out.c : info->columns;
    while (n > 0 && reram_plan(p->w, n) == 0)
        n--;
    return n;
}

/* Cuts the layer into blocks (input units x outputs); 0, or -1 with the error set. */
static int cut_blocks(reram_layer_cut *p, const struct reram_info *info, uint32_t *crossbars)
{
    const cnn_layer *l = p->layer;
    const uint32_t units = l->op == CNN_OP_CONV2D ? (uint32_t)l->in.c : p->elements_in;
    if (p->taps > info->rows) {
        set_error("layer %s: a kernel window of %lu taps exceeds the crossbar's %lu rows", l->name,
                  (unsigned long)p->taps, (unsigned long)info->rows);
        return -1;
    }
    p->in_blocks = div_up(units, info->rows / p->taps);
    const uint32_t per_in = div_up(units, p->in_blocks); /* balanced */
    const uint32_t max_out = outputs_per_block(p, info);
    if (max_out == 0) {
        set_error("layer %s: %lu-bit weights of one output do not fit a tile", l->name, (unsigned long)p->w.bits);
        return -1;
    }
    const uint32_t out_blocks = div_up(l->out.c, max_out);
    const uint32_t per_out = div_up(l->out.c, out_blocks);
    p->blocks = p->in_blocks * out_blocks;
    if (p->blocks > RERAM_ENGINE_MAX_BLOCKS) {
        set_error("layer %s needs %lu blocks, more than the engine's %u", l->name, (unsigned long)p->blocks,
                  RERAM_ENGINE_MAX_BLOCKS);
        return -1;
    }
    *crossbars = 0;
    for (uint32_t ib = 0; ib < p->in_blocks; ib++) {
        for (uint32_t ob = 0; ob < out_blocks; ob++) {
            reram_block *b = &p->block[ib * out_blocks + ob];
            b->unit_first = ib * per_in;
            b->units = units - b->unit_first < per_in ? units - b->unit_first : per_in;
            b->out_first = ob * per_out;
            b->outputs = l->out.c - b->out_first < per_out ? l->out.c - b->out_first : per_out;
            b->crossbars = reram_plan(p->w, b->outputs);
            *crossbars += b->crossbars;
            /* The block's input starts on a byte: its first element's bit offset is a multiple of 8. */
            if ((b->unit_first * p->unit_elements * p->x.bits) % 8u != 0) {
                set_error("layer %s: input block %lu does not start on a byte at %lu-bit activations", l->name,
                          (unsigned long)ib, (unsigned long)p->x.bits);
                return -1;
            }
        }
    }
    return 0;
}

/* The first tile from the round robin's position with `bytes` of buffer and `crossbars` free. */
static int pick_tile(uint32_t bytes, uint32_t crossbars)
{
    for (uint32_t n = 0; n < s_reram.info.tiles; n++) {
        const uint32_t t = (s_reram.next_tile + n) % s_reram.info.tiles;
        if (engine_banks_left(&s_reram.banks, t) >= bytes &&
            s_reram.xbar_used[t] + crossbars <= s_reram.info.crossbars_per_tile) {
            s_reram.next_tile = t + 1u;
            return (int)t;
        }
    }
    return -1;
}

int reram_engine_cut(const cnn_layer *l, const struct reram_info *info, reram_layer_cut *p)
{
    memset(p, 0, sizeof *p);
    p->layer = l;
    layer_types(l, &p->x, &p->w);
    p->elements_in = (uint32_t)l->in.c * l->in.h * l->in.w;
    p->in_bytes = engine_packed_bytes(p->x.bits, p->elements_in);
    if (l->op == CNN_OP_CONV2D) {
        p->taps = (uint32_t)l->kernel_h * l->kernel_w;
        p->unit_elements = (uint32_t)l->in.h * l->in.w;
        p->k = (uint32_t)l->in.c * p->taps;
        p->plane = (uint32_t)l->out.h * l->out.w;
    } else {
        p->taps = p->unit_elements = p->plane = 1;
        p->k = p->elements_in;
    }
    return cut_blocks(p, info, &p->crossbars);
}

static int plan_layer(unsigned index, const cnn_layer *l)
{
    reram_layer_plan *p = &s_reram.plan[index];
    if (reram_engine_cut(l, &s_reram.info, &p->c) != 0)
        return -1;
    const uint32_t crossbars = p->c.crossbars;
    const uint32_t partial_words = p->c.in_blocks * l->out.c * p->c.plane;
    if (4u * partial_words > s_scratch_bytes) {
        set_error("layer %s: %lu bytes of partial sums exceed the engine's staging buffer of %lu bytes", l->name,
                  (unsigned long)(4u * partial_words), (unsigned long)s_scratch_bytes);
        return -1;
    }
    const uint32_t need = align4(p->c.in_bytes) + 4u * partial_words;
    const int tile = pick_tile(need, crossbars);
    if (tile < 0) {
        set_error("layer %s needs %lu crossbars and %lu buffer bytes in one tile (%lu blocks) but no tile has them "
                  "(%lu tile(s) of %lu crossbars and %lu bytes): the model does not fit the tiles",
                  l->name, (unsigned long)crossbars, (unsigned long)need, (unsigned long)p->c.blocks,
                  (unsigned long)s_reram.info.tiles, (unsigned long)s_reram.info.crossbars_per_tile,
                  (unsigned long)s_reram.info.tile_bytes);
        return -1;
    }
    p->tile = (uint32_t)tile;
    uint32_t xbar = p->tile * s_reram.info.crossbars_per_tile + s_reram.xbar_used[p->tile];
    for (uint32_t i = 0; i < p->c.blocks; i++) {
        p->c.block[i].xbar = xbar;
        xbar += p->c.block[i].crossbars;
    }
    s_reram.xbar_used[p->tile] += crossbars;
    s_reram.crossbars += crossbars;
    p->in = engine_banks_next_offset(&s_reram.banks, p->tile);
    p->out = p->in + align4(p->c.in_bytes);
    p->end = p->out + 4u * partial_words;
    engine_banks_end(&s_reram.banks, p->tile, p->end);
    return 0;
}

int reram_engine_program_block(const reram_layer_cut *cut, uint32_t i, uint32_t xbar, uint32_t staging,
                                uint32_t staging_bytes)
{
    const cnn_layer *l = cut->layer;
    const reram_block *b = &cut->block[i];
    const uint32_t inputs = b->units * cut->taps;
    const uint32_t pitch = engine_packed_bytes(cut->w.bits, inputs);
    const uint32_t bytes = pitch * b->outputs;
    if (bytes > RERAM_ENGINE_PACK_BYTES || bytes > staging_bytes) {
        set_error("layer %s: block %lu's %lu bytes of weights do not fit the staging space", l->name,
                  (unsigned long)i, (unsigned long)bytes);
        return -1;
    }
    uint8_t *out = (uint8_t *)s_pack;
    for (uint32_t o = 0; o < b->outputs; o++)
        engine_pack(out + o * pitch, cut->w.bits, l->weights + (size_t)(b->out_first + o) * cut->k + b->unit_first * cut->taps,
                    NULL, inputs, 0);
    if (to_buffer(staging, s_pack, bytes, l, "weights") != 0)
        return -1;
    const struct reram_program prog = {xbar, staging, pitch, inputs, b->outputs, cut->w};
    const int rc = reram_program(&prog);
    if (rc != 0) {
        set_error("layer %s: PROGRAM of block %lu on crossbars %lu.. rejected: %s", l->name, (unsigned long)i,
                  (unsigned long)xbar, reram_error_name((uint32_t)rc));
        return -1;
    }
    reram_wait();
    s_reram.weight_bytes += bytes;
    return 0;
}

/* Programs each block: its rows (one per output, the block's inputs) packed one after another in
 * the tile's free buffer space, then PROGRAM and wait (the staging space is reused). */
static int load_layer(const reram_layer_plan *p)
{
    const uint32_t staging = engine_banks_next_offset(&s_reram.banks, p->tile);
    for (uint32_t i = 0; i < p->c.blocks; i++)
        if (reram_engine_program_block(&p->c, i, p->c.block[i].xbar, staging,
                                       engine_banks_left(&s_reram.banks, p->tile)) != 0)
            return -1;
    return 0;
}

/* ---- running a layer ------------------------------------------------------------------------ */

/* Starts block i; a START the tile's full queue refuses is retried once the tile is idle. */
static int start_block(const reram_layer_plan *p, uint32_t i)
{
    const cnn_layer *l = p->c.layer;
    const reram_block *b = &p->c.block[i];
    const uint32_t ib = i / (p->c.blocks / p->c.in_blocks);
    const uint32_t src = p->in + b->unit_first * p->c.unit_elements * p->c.x.bits / 8u;
    const uint32_t dst = p->out + 4u * (ib * l->out.c + b->out_first) * p->c.plane;
    int rc;
    for (int attempt = 0;; attempt++) {
        if (l->op == CNN_OP_FC) {
            const struct reram_mvm m = {b->xbar, src, 0, dst, 1, p->c.x};
            rc = reram_mvm(&m);
        } else {
            const struct reram_conv c = {b->xbar, src, dst, b->units, l->in.h, l->in.w, l->kernel_h, l->kernel_w,
                                         l->stride_h, l->stride_w, l->pad_h, l->pad_w, p->c.x};
            rc = reram_conv(&c);
        }
        if (rc != (int)RERAM_ERR_BUSY || attempt > 0)
            break;
        wait_tile(p->tile);
        reram_clear_status();
    }
    if (rc != 0) {
        set_error("layer %s: %s of block %lu on tile %lu rejected: %s", l->name, l->op == CNN_OP_FC ? "MVM" : "CONV",
                  (unsigned long)i, (unsigned long)p->tile, reram_error_name((uint32_t)rc));
        return -1;
    }
    return 0;
}

static int reram_run_layer(const cnn_engine *self, const cnn_layer *layer, const void *in, void *out)
{
    (void)self;
    const int index = engine_layer_index(s_reram.model, layer, RERAM_ENGINE_MAX_LAYERS);
    if (index < 0 || s_reram.plan[index].c.layer != layer)
        return CNN_ERR_UNSUPPORTED; /* not a layer placed at init */
    const reram_layer_plan *p = &s_reram.plan[index];

    /* 1. the input, packed to M bits (8: as it is), into the tile's buffer */
    const void *src = in;
    if (p->c.x.bits < 8u) {
        engine_pack((uint8_t *)s_pack, p->c.x.bits, NULL, (const uint8_t *)in, p->c.elements_in, 0);
        src = s_pack;
    }
    if (to_buffer(p->in, src, p->c.in_bytes, layer, "input") != 0)
        return CNN_ERR_ENGINE;

    /* 2. one command per block, queued on the tile; 3. the partial sums back once it is idle */
    for (uint32_t i = 0; i < p->c.blocks; i++)
        if (start_block(p, i) != 0)
            return CNN_ERR_ENGINE;
    wait_tile(p->tile);
    const uint32_t words = layer->out.c * p->c.plane;
    const int rc = engine_from_window(s_scratch, buffer_address(p->out), p->c.in_blocks * words, dma_mover());
    if (rc != 0) {
        set_error("layer %s: DMA of the partial sums failed: %s", layer->name, dma_error_name((uint32_t)rc));
        return CNN_ERR_ENGINE;
    }

    /* 4. partial sums and biases added, then requantization and clamp on the CPU */
    int32_t *acc = layer->out.dtype == CNN_S32 ? (int32_t *)out : s_scratch;
    for (uint32_t j = 0; j < words; j++) {
        int32_t sum = layer->bias ? layer->bias[j / p->c.plane] : 0;
        for (uint32_t ib = 0; ib < p->c.in_blocks; ib++)
            sum += s_scratch[ib * words + j];
        acc[j] = sum; /* in place: s_scratch[j] is read before it is written, the later planes after it */
    }
    if (layer->out.dtype != CNN_S32)
        engine_requantize(layer, acc, out, 0, layer->out.c, p->c.plane);
    return CNN_OK;
}

static const cnn_engine s_reram_engine = {"reram", reram_run_layer, NULL};

/* ---- init ----------------------------------------------------------------------------------- */

static int probe(uint32_t *tiles, uint32_t *tile_bytes)
{
    if (!reram_probe(&s_reram.info))
        return 0;
    *tiles = s_reram.info.tiles;
    *tile_bytes = s_reram.info.tile_bytes;
    return 1;
}

static void quiesce(void)
{
    reram_clear_status();
    reram_irq_enable(0);
    reram_irq_clear(RERAM_IRQ_MASK);
}

static int load(unsigned index) { return s_reram.plan[index].c.layer ? load_layer(&s_reram.plan[index]) : 0; }

static void enable_done(void) { reram_irq_enable(RERAM_IRQ_DONE); }

static const engine_device s_device = {
    .device = "ReRAM",
    .controller = "ReRAM tile controller",
    .base = PIMSOC_RERAM_BASE,
    .max_layers = RERAM_ENGINE_MAX_LAYERS,
    .own_staging = s_own_scratch,
    .own_staging_bytes = sizeof s_own_scratch,
    .probe = probe,
    .supports = reram_engine_supports,
    .plan = plan_layer,
    .quiesce = quiesce,
    .load = load,
    .irq = PIMSOC_IRQ_RERAM,
    .isr = reram_isr,
    .enable_done = enable_done,
    .wait = reram_wait,
    .id = CNN_ENGINE_RERAM,
    .engine = &s_reram_engine,
};

int reram_engine_init(const cnn_model *model, uint32_t layer_mask, const engine_options *options)
{
    memset(&s_reram, 0, sizeof s_reram);
    if (options)
        s_reram.options = *options;
    s_reram.model = model;
    return engine_start(&s_device, &s_reram.options, &s_reram.banks, model, layer_mask, &s_scratch,
                        &s_scratch_bytes, s_error, sizeof s_error);
}

uint32_t reram_engine_used_bytes(void) { return engine_banks_used(&s_reram.banks); }

uint32_t reram_engine_crossbars(void) { return s_reram.crossbars; }

uint32_t reram_engine_weight_bytes(void) { return s_reram.weight_bytes; }

void reram_engine_print_plan(void)
{
    const cnn_model *m = s_reram.model;
    for (unsigned i = 0; m && i < m->num_layers; i++) {
        const reram_layer_plan *p = &s_reram.plan[i];
        if (!p->c.layer)
            continue;
        uint32_t crossbars = 0;
        for (uint32_t b = 0; b < p->c.blocks; b++)
            crossbars += p->c.block[b].crossbars;
        printf("  %-8s tile %lu crossbars %lu..%lu: %lu block(s) (%lu input x %lu output), %lu:%lu%s bits, "
               "buffer [0x%05lx, 0x%05lx): input %lu B, partial sums %lu B\n",
               p->c.layer->name, (unsigned long)p->tile, (unsigned long)p->c.block[0].xbar,
               (unsigned long)(p->c.block[0].xbar + crossbars - 1u), (unsigned long)p->c.blocks,
               (unsigned long)p->c.in_blocks, (unsigned long)(p->c.blocks / p->c.in_blocks), (unsigned long)p->c.w.bits,
               (unsigned long)p->c.x.bits, p->c.x.is_signed ? "s" : "", (unsigned long)p->in, (unsigned long)p->end,
               (unsigned long)p->c.in_bytes, (unsigned long)(p->end - p->out));
    }
}
