/* LeNet-5 as a layer pipeline on the ReRAM tiles: see reram_pipeline.h. */
#include "engines/reram_pipeline.h"

#include <stdio.h>
#include <string.h>

#include "engines/engine_mover.h"
#include "engines/engine_plan.h"
#include "engines/reram_engine.h"
#include "hal/reram.h"
#include "hal/sysctl.h"
#include "memory_map.h"

/* A pipeline layer: a conv2d (with the maxpool after it, if any) or an fc. */
typedef struct {
    reram_layer_cut cut;
    const cnn_layer *pool; /* NULL: none */
    uint32_t copies, xbar, copy_crossbars;
} pipe_layer;

static struct {
    const cnn_model *model;
    struct reram_info info;
    unsigned layers;
    pipe_layer layer[RERAM_PIPE_MAX_LAYERS];
    uint32_t crossbars;
    uint32_t input, output, out_bytes; /* buffer offsets of the image and the outputs */
} s_pipe;

/* The table, its biases and requantization, staged here and written once. */
static uint32_t s_table[RERAM_PIPELINE_AREA_BYTES / 4];
static char s_error[256];

#define set_error(...) engine_set_error(s_error, sizeof s_error, __VA_ARGS__)

const char *reram_pipeline_error(void) { return s_error; }
uint32_t reram_pipeline_crossbars(void) { return s_pipe.crossbars; }

/* The model's layers as pipeline layers; 0, or -1 with the error set. */
static int fuse_layers(const cnn_model *m)
{
    s_pipe.layers = 0;
    for (unsigned i = 0; i < m->num_layers; i++) {
        const cnn_layer *l = &m->layers[i];
        if ((l->op != CNN_OP_CONV2D && l->op != CNN_OP_FC) || !reram_engine_supports(l)) {
            set_error("layer %s: the pipeline holds conv2d and fc layers the ReRAM engine supports, each with a "
                      "maxpool after it or none", l->name);
            return -1;
        }
        if (s_pipe.layers == RERAM_PIPE_MAX_LAYERS) {
            set_error("model %s has more than %u pipeline layers", m->name, RERAM_PIPE_MAX_LAYERS);
            return -1;
        }
        pipe_layer *p = &s_pipe.layer[s_pipe.layers++];
        memset(p, 0, sizeof *p);
        if (reram_engine_cut(l, &s_pipe.info, &p->cut) != 0) {
            set_error("%s", reram_engine_error());
            return -1;
        }
        const cnn_layer *next = i + 1 < m->num_layers ? &m->layers[i + 1] : NULL;
        if (next && next->op == CNN_OP_MAXPOOL) {
            if (next->kernel_h != next->kernel_w || next->stride_h != next->stride_w || next->pad_h != next->pad_w) {
                set_error("layer %s: the pipeline pools with square windows", next->name);
                return -1;
            }
            p->pool = next;
            i++;
        }
        if (l->op == CNN_OP_CONV2D && (l->kernel_h != l->kernel_w || l->stride_h != l->stride_w || l->pad_h != l->pad_w)) {
            set_error("layer %s: the pipeline convolves with square kernels", l->name);
            return -1;
        }
    }
    return 0;
}

/* Copies one after another from crossbar 0; a block must not span two tiles. */
static int place(const uint32_t *copies, unsigned count)
{
    if (count != s_pipe.layers) {
        set_error("the allocation has %u copy counts for the model's %u pipeline layers", count, s_pipe.layers);
        return -1;
    }
    const uint32_t per_tile = s_pipe.info.crossbars_per_tile;
    const uint32_t total = s_pipe.info.tiles * per_tile;
    uint32_t need = 0;
    for (unsigned i = 0; i < count; i++)
        need += copies[i] * s_pipe.layer[i].cut.crossbars;
    if (need > total) {
        set_error("the allocation needs %lu crossbars, the device has %lu (%lu tiles of %lu): run with --set "
                  "reram.tiles=%lu", (unsigned long)need, (unsigned long)total, (unsigned long)s_pipe.info.tiles,
                  (unsigned long)per_tile, (unsigned long)((need + per_tile - 1u) / per_tile));
        return -1;
    }
    uint32_t xbar = 0;
    for (unsigned i = 0; i < count; i++) {
        pipe_layer *p = &s_pipe.layer[i];
        p->copies = copies[i];
        p->xbar = xbar;
        p->copy_crossbars = p->cut.crossbars;
        for (uint32_t c = 0; c < p->copies; c++) {
            for (uint32_t b = 0; b < p->cut.blocks; b++) {
                const uint32_t first = xbar, last = xbar + p->cut.block[b].crossbars - 1u;
                if (first / per_tile != last / per_tile) {
                    set_error("layer %s copy %lu: block %lu would span tiles %lu and %lu (crossbars %lu..%lu)",
                              p->cut.layer->name, (unsigned long)c, (unsigned long)b, (unsigned long)(first / per_tile),
                              (unsigned long)(last / per_tile), (unsigned long)first, (unsigned long)last);
                    return -1;
                }
                xbar = last + 1u;
            }
        }
    }
    s_pipe.crossbars = xbar;
    return 0;
}

static int program(void)
{
    const uint32_t tile_bytes = s_pipe.info.tile_bytes;
    if (tile_bytes <= RERAM_PIPELINE_AREA_BYTES) {
        set_error("a tile's buffer of %lu bytes leaves no staging space after the pipeline's %u",
                  (unsigned long)tile_bytes, RERAM_PIPELINE_AREA_BYTES);
        return -1;
    }
    for (unsigned i = 0; i < s_pipe.layers; i++) {
        const pipe_layer *p = &s_pipe.layer[i];
        uint32_t xbar = p->xbar;
        for (uint32_t c = 0; c < p->copies; c++) {
            for (uint32_t b = 0; b < p->cut.blocks; b++) {
                const uint32_t tile = xbar / s_pipe.info.crossbars_per_tile;
                if (reram_engine_program_block(&p->cut, b, xbar, tile * tile_bytes + RERAM_PIPELINE_AREA_BYTES,
                                               tile_bytes - RERAM_PIPELINE_AREA_BYTES) != 0) {
                    set_error("%s", reram_engine_error());
                    return -1;
                }
                xbar += p->cut.block[b].crossbars;
            }
        }
    }
    return 0;
}

static uint32_t geometry(uint32_t kernel, uint32_t stride, uint32_t pad)
{
    return RERAM_PIPE_GEOMETRY(kernel, stride, pad);
}

static uint32_t out_dtype(const cnn_layer *l)
{
    return l->out.dtype == CNN_S32 ? RERAM_PIPE_OUT_S32 : l->out.dtype == CNN_S8 ? RERAM_PIPE_OUT_S8 : RERAM_PIPE_OUT_U8;
}

/* The table in s_table: header, entries, then each layer's biases and requantization, the
 * image and the outputs; written into tile 0's buffer. */
static int write_table(void)
{
    uint32_t *t = s_table;
    memset(s_table, 0, sizeof s_table);
    uint32_t next = 4u * (RERAM_PIPE_HEADER_WORDS + s_pipe.layers * RERAM_PIPE_LAYER_WORDS); /* bytes */
    for (unsigned i = 0; i < s_pipe.layers; i++) {
        const pipe_layer *p = &s_pipe.layer[i];
        const cnn_layer *l = p->cut.layer;
        uint32_t *e = t + RERAM_PIPE_HEADER_WORDS + i * RERAM_PIPE_LAYER_WORDS;
        const uint32_t channels = l->out.c;
        const uint32_t rq_entries = l->per_channel ? channels : 1u;
        const uint32_t need = 4u * channels + (l->requant ? 8u * rq_entries : 0u);
        if (next + need > sizeof s_table) {
            set_error("layer %s: the pipeline table's parameters exceed its %u bytes", l->name, RERAM_PIPELINE_AREA_BYTES);
            return -1;
        }
        e[RERAM_PIPE_KIND] = (l->op == CNN_OP_FC ? RERAM_PIPE_KIND_FC : RERAM_PIPE_KIND_CONV) |
                             (p->cut.x.bits << RERAM_OP_X_BITS_SHIFT) | (p->cut.x.is_signed ? RERAM_OP_X_SIGNED : 0u) |
                             (out_dtype(l) << RERAM_PIPE_OUT_SHIFT) | (l->per_channel ? RERAM_PIPE_PER_CHANNEL : 0u);
        e[RERAM_PIPE_IN_C] = l->in.c;
        e[RERAM_PIPE_IN_H] = l->in.h;
        e[RERAM_PIPE_IN_W] = l->in.w;
        e[RERAM_PIPE_OUT_C] = channels;
        e[RERAM_PIPE_CONV] = l->op == CNN_OP_FC ? 0u : geometry(l->kernel_h, l->stride_h, l->pad_h);
        e[RERAM_PIPE_POOL] = p->pool ? geometry(p->pool->kernel_h, p->pool->stride_h, p->pool->pad_h) : 0u;
        e[RERAM_PIPE_XBAR] = p->xbar;
        e[RERAM_PIPE_COPIES] = p->copies;
        e[RERAM_PIPE_BLOCKS] = p->cut.in_blocks | (p->cut.blocks / p->cut.in_blocks) << 16;
        e[RERAM_PIPE_BIAS] = RERAM_PIPE_NONE;
        if (l->bias) {
            e[RERAM_PIPE_BIAS] = next;
            memcpy((uint8_t *)t + next, l->bias, 4u * channels);
            next += 4u * channels;
        }
        if (l->requant) {
            e[RERAM_PIPE_REQUANT] = next;
            memcpy((uint8_t *)t + next, l->requant, 8u * rq_entries); /* {multiplier, shift} int32 pairs */
            next += 8u * rq_entries;
        }
        e[RERAM_PIPE_CLAMP] = (uint16_t)l->act_min | (uint32_t)(uint16_t)l->act_max << 16;
    }
    const cnn_layer *first = s_pipe.layer[0].cut.layer;
    const pipe_layer *lastp = &s_pipe.layer[s_pipe.layers - 1u];
    const cnn_shape *out = lastp->pool ? &lastp->pool->out : &lastp->cut.layer->out;
    s_pipe.input = next;
    next += (first->in.c * first->in.h * first->in.w + 3u) & ~3u;
    s_pipe.output = next;
    s_pipe.out_bytes = (uint32_t)out->c * out->h * out->w * (out->dtype == CNN_S32 ? 4u : 1u);
    if (s_pipe.out_bytes > RERAM_PIPELINE_MAX_OUT_BYTES) {
        set_error("the last layer's %lu output bytes exceed the pipeline's %u", (unsigned long)s_pipe.out_bytes,
                  RERAM_PIPELINE_MAX_OUT_BYTES);
        return -1;
    }
    if (next + s_pipe.out_bytes > sizeof s_table) {
        set_error("the image and the outputs exceed the pipeline area's %u bytes", RERAM_PIPELINE_AREA_BYTES);
        return -1;
    }
    t[0] = s_pipe.input;
    t[1] = s_pipe.output;
    t[2] = s_pipe.layers;
    return engine_to_window(PIMSOC_RERAM_BUF_BASE, s_table, s_pipe.input, 0) == 0 ? 0 : -1;
}

int reram_pipeline_init(const cnn_model *model, const uint32_t *copies, unsigned layers)
{
    memset(&s_pipe, 0, sizeof s_pipe);
    s_error[0] = '\0';
    s_pipe.model = model;
    if (!reram_probe(&s_pipe.info)) {
        set_error("no ReRAM tile controller at 0x%08lx", (unsigned long)PIMSOC_RERAM_BASE);
        return -1;
    }
    if (fuse_layers(model) != 0 || place(copies, layers) != 0 || program() != 0 || write_table() != 0)
        return -1;
    reram_clear_status();
    return 0;
}

int reram_pipeline_run(const void *image, void *out, reram_pipeline_timing *timing)
{
    const cnn_layer *first = s_pipe.layer[0].cut.layer;
    if (engine_to_window(PIMSOC_RERAM_BUF_BASE + s_pipe.input, image, (uint32_t)first->in.c * first->in.h * first->in.w,
                         0) != 0) {
        set_error("the image did not reach the buffer");
        return -1;
    }
    const uint64_t t0 = sysctl_sim_time_ns();
    const int rc = reram_pipeline(0);
    if (rc != 0) {
        set_error("PIPELINE rejected: %s (code %d)", reram_error_name((uint32_t)rc), rc);
        return -1;
    }
    reram_wait();
    const uint64_t t1 = sysctl_sim_time_ns();
    const uint32_t words = (s_pipe.out_bytes + 3u) / 4u;
    int32_t result[RERAM_PIPELINE_MAX_OUT_BYTES / 4u];
    if (engine_from_window(result, PIMSOC_RERAM_BUF_BASE + s_pipe.output, words, 0) != 0) {
        set_error("the outputs did not come back");
        return -1;
    }
    memcpy(out, result, s_pipe.out_bytes);
    if (timing) {
        timing->measured_ns = t1 - t0;
        timing->steps = reram_pipe_steps();
        timing->step_ps = reram_pipe_step_ps();
        timing->device_ns = reram_pipe_time_ns();
    }
    return 0;
}

void reram_pipeline_print_plan(void)
{
    for (unsigned i = 0; i < s_pipe.layers; i++) {
        const pipe_layer *p = &s_pipe.layer[i];
        printf("  %-6s%s%-6s R %3lu: crossbars %4lu..%4lu, %lu per copy (%lu block(s)), %lu:%lu bits\n",
               p->cut.layer->name, p->pool ? "+" : " ", p->pool ? p->pool->name : "", (unsigned long)p->copies,
               (unsigned long)p->xbar, (unsigned long)(p->xbar + p->copies * p->copy_crossbars - 1u),
               (unsigned long)p->copy_crossbars, (unsigned long)p->cut.blocks, (unsigned long)p->cut.w.bits,
               (unsigned long)p->cut.x.bits);
    }
}
