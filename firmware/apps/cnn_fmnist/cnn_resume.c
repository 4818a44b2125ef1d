/* See cnn_resume.h. State in non-volatile memory (.nvdata): each image's result (written before the
 * commit that counts it, so an uncommitted one is simply redone), and a checkpoint store whose
 * payload says where the run is: the next image, the next layer and output tile of that image, the
 * running checksum of the committed results, and the activations the next step needs. */
#include "cnn_resume.h"

#include <stdio.h>
#include <string.h>

#include "fmnist_models.h"
#include "hal/power.h"
#include "hal/sysctl.h"
#include "runtime/checkpoint.h"
#include "runtime/nv_console.h"

#define OUTPUT_WORDS 16u /* the last layer's output of every model (10 int32 logits) */
#define RESULTS_SEED 0x43524553u

typedef struct {
    uint32_t predicted;
    uint32_t output[OUTPUT_WORDS];
} image_result;

/* Where the run is. Followed in the payload by the activations: layer > 0, layer's input (layer
 * - 1's output); tile > 0, also layer's output so far. */
typedef struct {
    uint32_t next_image; /* images [first, next_image) done, their results committed */
    uint32_t layer;      /* of image next_image: layers [0, layer) done */
    uint32_t tile;       /* of layer `layer`: output tiles [0, tile) done */
    uint32_t console_at;   /* the output stream's position at the commit (nv_console_seek) */
    uint32_t line_pending; /* image next_image - 1's line not printed yet at the commit */
    uint32_t pad;
    uint64_t results_sum; /* ckpt_checksum of the committed results, in order */
} run_point;

#define PAYLOAD_BYTES (sizeof(run_point) + FMNIST_MODELS_ARENA_BYTES)

static image_result s_results[RESUME_MAX_IMAGES] CKPT_NV;
static uint32_t s_store_words[CKPT_STORE_WORDS(PAYLOAD_BYTES)] CKPT_NV;
static ckpt_store s_store;

static int cold_boot(void) { return power_boot_cause() != POWER_BOOT_POWER_FAILURE; }

int resume_after_power_failure(void) { return !cold_boot(); }

#define WEIGHTS_MAGIC 0x57475453u /* "WGTS" */
static volatile uint32_t s_weights_written CKPT_NV;

int resume_weights_in_array(void)
{
    if (cold_boot())
        s_weights_written = 0;
    return s_weights_written == WEIGHTS_MAGIC;
}

void resume_mark_weights_in_array(void) { s_weights_written = WEIGHTS_MAGIC; }

static engine_nv_progress s_nv_progress CKPT_NV;

engine_nv_progress *resume_nv_progress(void)
{
    if (cold_boot())
        memset(&s_nv_progress, 0, sizeof s_nv_progress);
    return &s_nv_progress;
}

static const char *const granularity_names[] = {"none", "image", "layer", "tile", "accumulator"};

void resume_open_console(void) { nv_console_open(cold_boot()); }

static uint8_t *arena_half(const resume_job *job, unsigned layer)
{
    const size_t half = ((size_t)job->model->max_activation_bytes + 3u) & ~(size_t)3u;
    return (uint8_t *)job->arena + (layer & 1u) * half;
}

/* Layer `layer`'s input: the image, or layer - 1's output in its arena half. */
static const void *layer_input(const resume_job *job, uint32_t image, unsigned layer)
{
    return layer == 0 ? (const void *)cnn_dataset_image(job->dataset, image) : arena_half(job, layer - 1u);
}

/* Commits `point` with the activations it needs from the arena. */
static void commit(const resume_job *job, const run_point *point)
{
    if (job->granularity == RESUME_NONE)
        return;
    uint8_t *payload = ckpt_begin(&s_store);
    run_point *saved = (run_point *)payload;
    *saved = *point;
    saved->console_at = nv_console_position();
    saved->line_pending = point->layer == 0 && point->tile == 0 && point->next_image > job->first;
    uint32_t bytes = sizeof *point;
    const cnn_layer *layers = job->model->layers;
    if (point->layer > 0) {
        const size_t in_bytes = cnn_shape_bytes(&layers[point->layer - 1u].out);
        memcpy(payload + bytes, arena_half(job, point->layer - 1u), in_bytes);
        bytes += (uint32_t)((in_bytes + 3u) & ~(size_t)3u);
    }
    if (point->tile > 0) {
        const size_t out_bytes = cnn_shape_bytes(&layers[point->layer].out);
        memcpy(payload + bytes, arena_half(job, point->layer), out_bytes);
        bytes += (uint32_t)out_bytes;
    }
    ckpt_commit(&s_store, bytes);
}

/* The committed point, its activations put back into the arena; a fresh start without one. */
static int restore(const resume_job *job, run_point *point)
{
    const int cold = cold_boot();
    ckpt_open(&s_store, s_store_words, sizeof s_store_words, cold || job->granularity == RESUME_NONE);
    memset(point, 0, sizeof *point);
    point->next_image = job->first;
    point->results_sum = RESULTS_SEED;
    const ckpt_status status = ckpt_check(&s_store);
    if (status == CKPT_NONE)
        return 0;
    if (status != CKPT_OK) {
        printf("cnn_fmnist: checkpoint %lu is corrupt\n", (unsigned long)ckpt_version(&s_store));
        return 6;
    }
    const uint8_t *payload = ckpt_restore(&s_store, NULL);
    memcpy(point, payload, sizeof *point);
    uint32_t at = sizeof *point;
    const cnn_layer *layers = job->model->layers;
    if (point->layer > 0) {
        const size_t in_bytes = cnn_shape_bytes(&layers[point->layer - 1u].out);
        memcpy(arena_half(job, point->layer - 1u), payload + at, in_bytes);
        at += (uint32_t)((in_bytes + 3u) & ~(size_t)3u);
    }
    if (point->tile > 0)
        memcpy(arena_half(job, point->layer), payload + at, cnn_shape_bytes(&layers[point->layer].out));
    return 0;
}

/* Output channels [begin, end) of a CPU conv2d or fc layer: the layer narrowed to them. */
static void run_tile(const cnn_layer *layer, const void *in, void *out, unsigned begin, unsigned end)
{
    cnn_layer part = *layer;
    const size_t plane = (size_t)layer->out.h * layer->out.w;
    const size_t weights_per_channel = layer->op == CNN_OP_FC
                                           ? (size_t)layer->in.c * layer->in.h * layer->in.w
                                           : (size_t)layer->in.c * layer->kernel_h * layer->kernel_w;
    part.out.c = (uint16_t)(end - begin);
    part.weights += begin * weights_per_channel;
    if (part.bias)
        part.bias += begin;
    if (part.requant && part.per_channel)
        part.requant += begin;
    uint8_t *tile_out = (uint8_t *)out + begin * plane * cnn_dtype_bytes(layer->out.dtype);
    if (layer->op == CNN_OP_FC)
        cnn_fully_connected(&part, in, tile_out);
    else
        cnn_conv2d(&part, in, tile_out);
}

static int tiled(const resume_job *job, unsigned index)
{
    const cnn_layer *layer = &job->model->layers[index];
    const unsigned engine = job->options->engine_map ? job->options->engine_map[index] : layer->engine;
    return job->granularity == RESUME_TILE && engine == CNN_ENGINE_CPU &&
           (layer->op == CNN_OP_CONV2D || layer->op == CNN_OP_FC) && layer->out.c >= RESUME_TILES_PER_LAYER;
}

/* Layer `index` of image `image` from output tile point->tile on, committing after each tile. */
static void run_tiles(const resume_job *job, run_point *point, uint32_t image, unsigned index)
{
    const cnn_layer *layer = &job->model->layers[index];
    const unsigned channels = layer->out.c;
    void (*hook)(void *, unsigned, const cnn_layer *, cnn_layer_phase) = job->options->layer_hook;
    if (hook)
        hook(job->options->user, index, layer, CNN_LAYER_BEGIN);
    for (unsigned t = point->tile; t < RESUME_TILES_PER_LAYER; t++) {
        run_tile(layer, layer_input(job, image, index), arena_half(job, index), channels * t / RESUME_TILES_PER_LAYER,
                 channels * (t + 1u) / RESUME_TILES_PER_LAYER);
        if (t + 1u < RESUME_TILES_PER_LAYER) {
            point->tile = t + 1u;
            commit(job, point);
        }
    }
    if (hook)
        hook(job->options->user, index, layer, CNN_LAYER_END);
    point->tile = 0;
}

/* The rest of image point->next_image, from point->layer (and tile) on; its output. */
static int run_image(const resume_job *job, run_point *point, const void **output)
{
    const uint32_t image = point->next_image;
    const unsigned layers = job->model->num_layers;
    const int per_layer = job->granularity >= RESUME_LAYER;
    for (unsigned i = point->layer; i < layers; i++) {
        s_nv_progress.run_key = (image - job->first + 1u) * 256u + i + 1u; /* the layer run's name */
        if (tiled(job, i)) {
            run_tiles(job, point, image, i);
            *output = arena_half(job, i);
        } else {
            const int rc = cnn_run_range(job->model, i, i + 1u, layer_input(job, image, i), job->arena,
                                         job->arena_bytes, job->options, output);
            if (rc != CNN_OK) {
                printf("cnn_fmnist: image %lu: cnn_run failed with status %d\n", (unsigned long)image, rc);
                return 4;
            }
        }
        if (per_layer && i + 1u < layers) {
            point->layer = i + 1u;
            commit(job, point);
        }
    }
    return 0;
}

static void print_result(const resume_job *job, uint32_t image, const image_result *result)
{
    const cnn_layer *last = &job->model->layers[job->model->num_layers - 1];
    if (job->print_logits >= 0)
        cnn_print_result(image, cnn_dataset_label(job->dataset, image), result->predicted, result->output,
                         &last->out, job->print_logits);
}

int resume_run(const resume_job *job, cnn_tally *tally)
{
    const cnn_layer *last = &job->model->layers[job->model->num_layers - 1];
    if (job->count > RESUME_MAX_IMAGES || cnn_shape_bytes(&last->out) > sizeof s_results[0].output) {
        printf("cnn_fmnist: --checkpoint keeps at most %u results of %u bytes\n", RESUME_MAX_IMAGES,
               (unsigned)sizeof s_results[0].output);
        return 2;
    }
    run_point point;
    int rc = restore(job, &point);
    if (rc != 0)
        return rc;
    /* What the earlier boots committed: tallied; the output skipped to where the commit left it,
     * then the line of the image it committed if it had not printed it yet (the console drops what
     * was sent of it). */
    for (uint32_t i = job->first; i < point.next_image; i++)
        cnn_tally_add(tally, cnn_dataset_label(job->dataset, i), s_results[i - job->first].predicted);
    if (point.console_at > nv_console_position())
        nv_console_seek(point.console_at);
    if (point.line_pending)
        print_result(job, point.next_image - 1u, &s_results[point.next_image - 1u - job->first]);
    while (point.next_image < job->first + job->count) {
        const uint32_t image = point.next_image;
        const void *output = NULL;
        sysctl_roi_begin(1u);
        rc = run_image(job, &point, &output);
        sysctl_roi_end(1u);
        if (rc != 0)
            return rc;
        image_result *result = &s_results[image - job->first];
        memset(result, 0, sizeof *result);
        memcpy(result->output, output, cnn_shape_bytes(&last->out));
        result->predicted = cnn_argmax(output, last->out.dtype, job->model->num_classes);
        point.results_sum = ckpt_checksum((const uint32_t *)result, sizeof *result / 4u, point.results_sum);
        point.next_image = image + 1u;
        point.layer = point.tile = 0;
        commit(job, &point);
        cnn_tally_add(tally, cnn_dataset_label(job->dataset, image), result->predicted);
        print_result(job, image, result);
    }
    /* The non-volatile check: the results as stored now against the checksum committed with them. */
    const uint64_t sum = ckpt_checksum((const uint32_t *)s_results, job->count * (sizeof s_results[0] / 4u), RESULTS_SEED);
    if (sum != point.results_sum) {
        printf("cnn_fmnist: the results in non-volatile memory do not match their checksum\n");
        return 6;
    }
    return 0;
}

void resume_print_summary(const resume_job *job)
{
    printf("checkpoint: granularity %s, results checksum ok\n", granularity_names[job->granularity]);
}
