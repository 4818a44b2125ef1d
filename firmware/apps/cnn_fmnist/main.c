/* cnn_fmnist: classifies Fashion-MNIST test images with the int8 LeNet-5 (firmware/models) through
 * the inference library (firmware/cnn), reading the images from the dataset blob in the data ROM:
 *
 *   pimsoc run cnn_fmnist.elf --image build/data/fmnist_t10k.bin@0x60000000 [--set sysctl.argN=V]
 *
 * Arguments (sysctl.argN): arg0 number of images (0 = 100, clamped to the blob), arg1 flags (bit 0
 * print each prediction, bit 1 with its logits), arg2 index of the first image, arg3 engine
 * mapping (0 = every layer on the CPU, the default; 1 = the conv2d and fc layers on the racetrack
 * memory, engines/rtm_engine.h; with bit 31 set, bits 0..30 = the layers on the RTM, bit i = layer
 * i: layers the RTM cannot run stay on the CPU, with a note), arg4 activation mover of the RTM
 * engine (0 = CPU loads/stores through the window, 1 = DMA), arg5 RTM engine flags (bit 0 poll
 * STATUS instead of sleeping in wfi until the DONE interrupt, bit 1 spread every layer over all
 * banks instead of one bank per layer, bit 2 stage the int32 accumulators in main memory instead
 * of the SRAM).
 * Prints the accuracy, the confusion matrix, cycles, instructions and simulated time per inference
 * and cycles per layer. With layers on the RTM the per-layer table names each layer's engine (rtm
 * or cpu) and adds its simulated time (mcycle does not count the cycles the CPU sleeps in wfi while
 * the RTM computes); the RTM's counters per inference follow (from the first image on: the weights
 * are written once, at init), then the engine's placement in the array. Marks each inference as
 * sysctl region 1 and each layer i as region 0x100 + i
 * (per-region stats). Exit codes: 0 done, 2 no dataset blob or a bad argument, 3 bad model, 4 run
 * error, 5 the RTM engine cannot start (e.g. the model does not fit the array). Deterministic
 * output. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cnn/cnn.h"
#include "cnn/cnn_dataset.h"
#include "cnn/cnn_report.h"
#include "engines/rtm_engine.h"
#include "fmnist_lenet5.h"
#include "hal/csr.h"
#include "hal/rtm.h"
#include "hal/sysctl.h"
#include "memory_map.h"

#define DEFAULT_IMAGES 100u
#define FLAG_PRINT_PREDICTIONS 0x1u
#define FLAG_PRINT_LOGITS 0x2u
#define ROI_INFERENCE 1u
#define ROI_LAYER(i) (0x100u + (i))
#define MAX_LAYERS 32u
#define ARG3_ALL_ON_RTM 1u
#define ARG3_MASK 0x80000000u
#define ARG5_POLL 0x1u
#define ARG5_SPREAD 0x2u
#define ARG5_STAGE_IN_MAIN_MEMORY 0x4u

static const cnn_model *const s_model = &fmnist_lenet5;
static uint32_t s_arena[FMNIST_LENET5_ARENA_BYTES / 4];
static cnn_tally s_tally;

typedef struct {
    uint32_t started; /* mcycle (low word) at the layer's start */
    uint64_t cycles[MAX_LAYERS];
    uint64_t started_ns; /* timed profile (RTM runs): simulated time at the layer's start */
    uint64_t ns[MAX_LAYERS];
} layer_profile;

static void profile_layer(void *user, unsigned index, const cnn_layer *layer, cnn_layer_phase phase)
{
    (void)layer;
    layer_profile *profile = user;
    if (phase == CNN_LAYER_BEGIN) {
        sysctl_roi_begin(ROI_LAYER(index));
        profile->started = csr_read(CSR_MCYCLE);
    } else {
        profile->cycles[index] += (uint32_t)(csr_read(CSR_MCYCLE) - profile->started);
        sysctl_roi_end(ROI_LAYER(index));
    }
}

/* The same with the simulated time of each layer (the CPU may sleep in wfi inside the layer). */
static void profile_layer_timed(void *user, unsigned index, const cnn_layer *layer, cnn_layer_phase phase)
{
    (void)layer;
    layer_profile *profile = user;
    if (phase == CNN_LAYER_BEGIN) {
        sysctl_roi_begin(ROI_LAYER(index));
        profile->started_ns = sysctl_sim_time_ns();
        profile->started = csr_read(CSR_MCYCLE);
    } else {
        profile->cycles[index] += (uint32_t)(csr_read(CSR_MCYCLE) - profile->started);
        profile->ns[index] += sysctl_sim_time_ns() - profile->started_ns;
        sysctl_roi_end(ROI_LAYER(index));
    }
}

static const char *op_name(unsigned op)
{
    static const char *const names[CNN_OP_COUNT] = {"conv2d", "fc", "relu", "maxpool", "avgpool", "requantize"};
    return op < CNN_OP_COUNT ? names[op] : "?";
}

/* value / count with two decimals, as text (integer arithmetic: no float printf needed). */
static void print_ratio(uint64_t value, uint64_t count, const char *unit)
{
    uint64_t hundredths = count ? (value * 100u + count / 2u) / count : 0;
    printf("%lu.%02lu%s", (unsigned long)(hundredths / 100u), (unsigned long)(hundredths % 100u), unit);
}

static uint8_t s_engine_map[MAX_LAYERS];
static uint32_t s_rtm_layers; /* layers on the RTM (bit i = layer i) */
static rtm_engine_options s_rtm_options;

static void print_rtm_counters(uint32_t images);

static void print_costs_rtm(uint32_t images, uint64_t cycles, uint64_t instructions, uint64_t sim_ns,
                            const layer_profile *profile);

static void print_costs(uint32_t images, uint64_t cycles, uint64_t instructions, uint64_t sim_ns,
                        const layer_profile *profile)
{
    if (s_rtm_layers) {
        print_costs_rtm(images, cycles, instructions, sim_ns, profile);
        return;
    }
    printf("per inference: %lu cycles, %lu instructions, ", (unsigned long)(cycles / images),
           (unsigned long)(instructions / images));
    print_ratio(sim_ns, (uint64_t)images * 1000u, " us simulated\n");
    uint64_t layer_total = 0;
    for (unsigned i = 0; i < s_model->num_layers; i++)
        layer_total += profile->cycles[i];
    printf("per layer (cycles per inference, share of the layers' cycles):\n");
    for (unsigned i = 0; i < s_model->num_layers; i++) {
        const cnn_layer *layer = &s_model->layers[i];
        const cnn_engine *engine = cnn_find_engine(layer->engine);
        printf("  %-8s %-10s %-6s %9lu  ", layer->name, op_name(layer->op), engine ? engine->name : "-",
               (unsigned long)(profile->cycles[i] / images));
        print_ratio(profile->cycles[i] * 100u, layer_total, " %\n");
    }
}

/* With layers on the RTM: the engine of each layer from the run's map, its simulated time (the
 * CPU sleeps in wfi while the RTM computes, and mcycle does not count that), and the RTM's counters. */
static __attribute__((noinline)) void print_costs_rtm(uint32_t images, uint64_t cycles, uint64_t instructions,
                                                      uint64_t sim_ns, const layer_profile *profile)
{
    printf("per inference: %lu cycles, %lu instructions, ", (unsigned long)(cycles / images),
           (unsigned long)(instructions / images));
    print_ratio(sim_ns, (uint64_t)images * 1000u, " us simulated\n");
    uint64_t layer_total = 0;
    for (unsigned i = 0; i < s_model->num_layers; i++)
        layer_total += profile->cycles[i];
    printf("per layer (CPU cycles per inference, share of the layers' cycles, simulated time per inference):\n");
    for (unsigned i = 0; i < s_model->num_layers; i++) {
        const cnn_layer *layer = &s_model->layers[i];
        const cnn_engine *engine = cnn_find_engine(s_engine_map[i]);
        printf("  %-8s %-10s %-6s %9lu  ", layer->name, op_name(layer->op), engine ? engine->name : "-",
               (unsigned long)(profile->cycles[i] / images));
        print_ratio(profile->cycles[i] * 100u, layer_total, " %  ");
        print_ratio(profile->ns[i], (uint64_t)images * 1000u, " us\n");
    }
    print_rtm_counters(images);
    struct rtm_info info;
    rtm_probe(&info);
    printf("rtm engine: mover %s, wait %s, %s, accumulators staged in %s; %lu banks x %lu bytes, %lu bytes used, "
           "%lu bytes of weights and biases written at init:\n",
           s_rtm_options.mover == RTM_ENGINE_MOVER_DMA ? "dma" : "cpu",
           s_rtm_options.wait == RTM_ENGINE_WAIT_POLL ? "poll" : "wfi",
           s_rtm_options.spread ? "layers spread over the banks" : "one bank per layer",
           s_rtm_options.scratch ? "sram" : "main memory", (unsigned long)info.banks,
           (unsigned long)info.bank_bytes, (unsigned long)rtm_engine_used_bytes(),
           (unsigned long)rtm_engine_weight_bytes());
    rtm_engine_print_plan();
}

/* The RTM's counters over the images, per inference (cleared before the first image). */
static void print_rtm_counters(uint32_t images)
{
    printf("rtm per inference: %lu shifts, %lu reads, %lu writes, %lu mults (MACs), %lu adds, %lu commands, "
           "%lu busy cycles, ",
           (unsigned long)(rtm_shifts() / images), (unsigned long)(rtm_reads() / images),
           (unsigned long)(rtm_writes() / images), (unsigned long)(rtm_mults() / images),
           (unsigned long)(rtm_adds() / images), (unsigned long)(rtm_commands() / images),
           (unsigned long)(rtm_busy_cycles() / images));
    print_ratio(rtm_energy_pj(), images, " pJ\n");
}

/* arg3..arg5 -> the engine map and the RTM engine's options; 0, or the exit code after a message. */
static int parse_engine_args(uint8_t *map, uint32_t *rtm_layers, rtm_engine_options *rtm_options)
{
    const uint32_t arg3 = sysctl_arg(3), arg4 = sysctl_arg(4), arg5 = sysctl_arg(5);
    const unsigned n = s_model->num_layers;
    uint32_t wanted;
    if (arg3 == 0 || arg3 == ARG3_ALL_ON_RTM) {
        wanted = arg3 ? 0xFFFFFFFFu : 0;
    } else if (arg3 & ARG3_MASK) {
        wanted = arg3 & ~ARG3_MASK;
        if (n < 31 && (wanted >> n) != 0) {
            printf("cnn_fmnist: arg3 = 0x%08lx names layers past the model's %u\n", (unsigned long)arg3, n);
            return 2;
        }
    } else {
        printf("cnn_fmnist: arg3 = %lu is not 0 (CPU), 1 (conv and fc on the RTM) or 0x80000000 | layer mask\n",
               (unsigned long)arg3);
        return 2;
    }
    if (arg4 > RTM_ENGINE_MOVER_DMA) {
        printf("cnn_fmnist: arg4 = %lu is not 0 (CPU mover) or 1 (DMA mover)\n", (unsigned long)arg4);
        return 2;
    }
    if (arg5 & ~(ARG5_POLL | ARG5_SPREAD | ARG5_STAGE_IN_MAIN_MEMORY)) {
        printf("cnn_fmnist: arg5 = 0x%lx has bits other than 1 (poll), 2 (spread over the banks) and 4 (stage in "
               "main memory)\n",
               (unsigned long)arg5);
        return 2;
    }
    *rtm_layers = 0;
    for (unsigned i = 0; i < n; i++) {
        const cnn_layer *layer = &s_model->layers[i];
        map[i] = layer->engine;
        if (!(wanted & (1u << i)))
            continue;
        if (rtm_engine_supports(layer)) {
            map[i] = CNN_ENGINE_RTM;
            *rtm_layers |= 1u << i;
        } else if (arg3 & ARG3_MASK) {
            printf("cnn_fmnist: layer %s (%s) cannot run on the rtm: it stays on the cpu\n", layer->name,
                   op_name(layer->op));
        }
    }
    rtm_options->mover = arg4 ? RTM_ENGINE_MOVER_DMA : RTM_ENGINE_MOVER_CPU;
    rtm_options->wait = (arg5 & ARG5_POLL) ? RTM_ENGINE_WAIT_POLL : RTM_ENGINE_WAIT_WFI;
    rtm_options->spread = (arg5 & ARG5_SPREAD) != 0;
    if (!(arg5 & ARG5_STAGE_IN_MAIN_MEMORY)) { /* the SRAM: no program data lives there */
        rtm_options->scratch = (void *)(uintptr_t)PIMSOC_SRAM_BASE;
        rtm_options->scratch_bytes = PIMSOC_SRAM_DEFAULT_SIZE;
    }
    return 0;
}

static layer_profile s_profile;
static const uint8_t *s_run_map; /* the run's engine map; NULL: each layer's own engine */
static void (*s_run_hook)(void *, unsigned, const cnn_layer *, cnn_layer_phase) = profile_layer;

/* A run that failed inside the RTM engine (exit 4) says why. */
static void report_engine_error(void)
{
    if (rtm_engine_error()[0])
        printf("cnn_fmnist: rtm engine: %s\n", rtm_engine_error());
}

/* Engine selection (arg3..arg5). With layers on the RTM: starts the engine (placement, weights
 * written once), points the run at the engine map and the timed profile and clears the RTM's
 * counters. A bad argument (exit 2) or an engine that cannot start (exit 5: no RTM, the model does
 * not fit the array) ends the program with one line. Runs before main (a constructor), so that
 * main's image loop is the very code it was without engines: the default run's output, cycles
 * included, is unchanged. */
static __attribute__((constructor)) void start_engines(void)
{
    int rc = parse_engine_args(s_engine_map, &s_rtm_layers, &s_rtm_options);
    if (rc != 0)
        exit(rc);
    if (s_rtm_layers == 0)
        return;
    if (rtm_engine_init(s_model, s_rtm_layers, &s_rtm_options) != 0) {
        printf("cnn_fmnist: rtm engine: %s\n", rtm_engine_error());
        exit(5);
    }
    atexit(report_engine_error);
    s_run_map = s_engine_map;
    s_run_hook = profile_layer_timed;
    rtm_clear_counters(); /* count the inferences, not the weights written at init */
}

int main(void)
{
    cnn_dataset dataset;
    cnn_dataset_status status = cnn_dataset_open(&dataset, (const void *)PIMSOC_ROM_BASE, PIMSOC_ROM_MAX_SIZE);
    if (status != CNN_DATASET_OK) {
        printf("cnn_fmnist: %s at 0x%08x: load one with --image build/data/fmnist_t10k.bin@0x60000000\n",
               cnn_dataset_status_text(status), (unsigned)PIMSOC_ROM_BASE);
        return 2;
    }
    unsigned bad_layer = 0;
    if (cnn_check_model(s_model, &bad_layer) != CNN_OK || s_model->num_layers > MAX_LAYERS) {
        printf("cnn_fmnist: model %s: layer %u is invalid\n", s_model->name, bad_layer);
        return 3;
    }
    const cnn_shape *input = &s_model->input;
    if (dataset.channels != input->c || dataset.rows != input->h || dataset.cols != input->w) {
        printf("cnn_fmnist: dataset images are %ux%ux%u, model %s expects %ux%ux%u\n", dataset.channels,
               dataset.rows, dataset.cols, s_model->name, input->c, input->h, input->w);
        return 2;
    }

    uint32_t first = sysctl_arg(2);
    uint32_t count = sysctl_arg(0) ? sysctl_arg(0) : DEFAULT_IMAGES;
    uint32_t flags = sysctl_arg(1);
    if (first >= dataset.count) {
        printf("cnn_fmnist: first image %lu is past the %lu images of the dataset\n", (unsigned long)first,
               (unsigned long)dataset.count);
        return 2;
    }
    if (count > dataset.count - first)
        count = dataset.count - first;
    printf("cnn_fmnist: model %s (%u layers), images %lu..%lu of %lu\n", s_model->name, s_model->num_layers,
           (unsigned long)first, (unsigned long)(first + count - 1), (unsigned long)dataset.count);

    cnn_run_options options = {.engine_map = s_run_map, .layer_hook = s_run_hook, .user = &s_profile};
    const cnn_layer *last = &s_model->layers[s_model->num_layers - 1];
    uint64_t cycles0 = csr_read_mcycle64(), instret0 = csr_read_minstret64(), time0 = sysctl_sim_time_ns();
    for (uint32_t i = first; i < first + count; i++) {
        const void *output = NULL;
        sysctl_roi_begin(ROI_INFERENCE);
        int rc = cnn_run(s_model, cnn_dataset_image(&dataset, i), s_arena, sizeof s_arena, &options, &output);
        sysctl_roi_end(ROI_INFERENCE);
        if (rc != CNN_OK) {
            printf("cnn_fmnist: image %lu: cnn_run failed with status %d\n", (unsigned long)i, rc);
            return 4;
        }
        unsigned label = cnn_dataset_label(&dataset, i);
        unsigned predicted = cnn_argmax(output, last->out.dtype, s_model->num_classes);
        cnn_tally_add(&s_tally, label, predicted);
        if (flags & (FLAG_PRINT_PREDICTIONS | FLAG_PRINT_LOGITS))
            cnn_print_result(i, label, predicted, output, &last->out, (flags & FLAG_PRINT_LOGITS) != 0);
    }
    uint64_t cycles = csr_read_mcycle64() - cycles0, instret = csr_read_minstret64() - instret0;
    uint64_t sim_ns = sysctl_sim_time_ns() - time0;

    cnn_print_tally(&s_tally, s_model->num_classes);
    print_costs(count, cycles, instret, sim_ns, &s_profile);
    return 0;
}
