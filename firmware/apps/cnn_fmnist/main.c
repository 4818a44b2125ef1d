/* cnn_fmnist: classifies Fashion-MNIST test images with a LeNet-5 (firmware/models: the int8 model
 * w8a8 or a low-bit one, --model) through the inference library (firmware/cnn), reading the images
 * from the dataset blob in the data ROM:
 *
 *   pimsoc run cnn_fmnist.elf --image build/data/fmnist_t10k.bin@0x60000000 [-- OPTION...]
 *
 * Options (usage_text below, docs/cnn.md): --images N, --first K, --model NAME, --engine cpu|rtm|mram|reram, --layers
 * NAME=ENGINE,..., --mover cpu|dma, --wait wfi|poll, --spread, --stage sram|main, --print
 * predictions|logits, --checkpoint none|image|layer|tile|accumulator, --help. A bad option exits 2 with one line.
 * With --checkpoint the run goes on through power failures (cnn_resume.c, docs/power.md): it prints
 * what a run without failures prints, the cost report replaced by a "checkpoint:" line.
 * Prints the accuracy, the confusion matrix, cycles, instructions and simulated time per inference
 * and cycles per layer. With layers on the RTM or the MRAM the per-layer table names each layer's
 * engine (rtm, mram, reram or cpu) and adds its simulated time (mcycle does not count the cycles the CPU
 * sleeps in wfi while the accelerator computes); the accelerator's counters per inference follow
 * (from the first image on: the weights are written once, at init), then the engine's placement
 * in the array. Marks each inference as
 * sysctl region 1 named "inference" and each layer i as region 0x100 + i named by the layer
 * (per-region stats). Exit codes: 0 done, 2 no dataset blob or a bad argument, 3 bad model, 4 run
 * error, 5 the RTM, MRAM or ReRAM engine cannot start (e.g. the model does not fit the array). Deterministic
 * output. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cnn/cnn.h"
#include "cnn/cnn_dataset.h"
#include "cnn/cnn_report.h"
#include "cnn_resume.h"
#include "engines/mram_engine.h"
#include "cnn_pipeline.h"
#include "engines/reram_engine.h"
#include "engines/rtm_engine.h"
#include "fmnist_models.h"
#include "hal/args.h"
#include "hal/csr.h"
#include "hal/mram.h"
#include "hal/reram.h"
#include "hal/rtm.h"
#include "hal/sysctl.h"
#include "memory_map.h"

#define DEFAULT_IMAGES 100u
#define ROI_INFERENCE 1u
#define ROI_LAYER(i) (0x100u + (i))
#define MAX_LAYERS 32u

static const char usage_text[] =
    "usage: pimsoc run cnn_fmnist.elf --image build/data/fmnist_t10k.bin@0x60000000 [-- OPTION...]\n"
    "  --images N               classify N images (default 100; clamped to the dataset)\n"
    "  --first K                start at image K (default 0)\n"
    "  --model NAME             the network: w8a8 (int8, default), w4a4, w2a2, w1a4, w1a2 or w1a1\n"
    "                           (weight:activation bits)\n"
    "  --engine cpu|rtm|mram|reram  cpu: every layer on the CPU (default); rtm: conv and fc layers on the\n"
    "                           racetrack memory; mram: conv and fc layers on the SOT-MRAM; reram: conv\n"
    "                           and fc layers on the ReRAM crossbar tiles\n"
    "  --layers NAME=ENGINE,... engine per layer by name (e.g. conv1=rtm,fc3=cpu), after --engine;\n"
    "                           a layer the engine cannot run stays on the cpu, with a note\n"
    "  --mover cpu|dma          RTM/MRAM engine: who moves activations in and accumulators out (default cpu)\n"
    "  --wait wfi|poll          RTM/MRAM engine: sleep until the DONE interrupt (default) or poll STATUS\n"
    "  --spread                 RTM engine: spread every layer over all banks\n"
    "  --stage sram|main        RTM/MRAM engine: stage the accumulators in the SRAM (default) or main memory\n"
    "  --pipeline               with --engine reram: the whole network as a layer pipeline on the tiles\n"
    "                           (PIPELINE; pimsoc-alloc's allocation, e.g. --set reram.tiles=16)\n"
    "  --print predictions      one line per image: image I: label L predicted P\n"
    "  --print logits           the same with the logits appended\n"
    "  --checkpoint none|image|layer|tile|accumulator\n"
    "                           run through power failures: checkpoint in non-volatile memory after\n"
    "                           each image, layer or output tile and resume from it, or (none)\n"
    "                           restart from scratch; accumulator: as layer, and an MRAM layer goes\n"
    "                           on from the command cut in the array (mram.nv_partial_state=true);\n"
    "                           prints results once, no cost report\n"
    "  --help                   this text\n";

static const char *const engine_names[] = {"cpu", "rtm", "mram", "reram", NULL};
static const char *const mover_names[] = {"cpu", "dma", NULL};
static const char *const wait_names[] = {"wfi", "poll", NULL};
static const char *const stage_names[] = {"sram", "main", NULL};
static const char *const print_names[] = {"none", "predictions", "logits", NULL};
static const char *const checkpoint_names[] = {"none", "image", "layer", "tile", "accumulator",
                                               NULL}; /* resume_granularity */

enum { ENGINE_CPU, ENGINE_RTM, ENGINE_MRAM, ENGINE_RERAM };
enum { PRINT_NONE, PRINT_PREDICTIONS, PRINT_LOGITS };

/* What the command line asks for. */
typedef struct {
    uint32_t images;
    uint32_t first;
    int print;
    uint32_t rtm_wanted;   /* bit i: layer i on the RTM */
    uint32_t mram_wanted;  /* bit i: layer i on the MRAM */
    uint32_t reram_wanted; /* bit i: layer i on the ReRAM tiles */
    uint32_t explicit_layers; /* bit i: --layers named layer i (a note when its engine cannot run it) */
    int mover, wait, spread, stage;
    int checkpoint; /* resume_granularity, or -1: no --checkpoint */
    int pipeline;   /* --pipeline */
    int help;
} cnn_settings;

static const cnn_model *s_model; /* --model (parse_args), fixed from then on */
static uint32_t s_arena[FMNIST_MODELS_ARENA_BYTES / 4];
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
static uint32_t s_rtm_layers;  /* layers on the RTM (bit i = layer i) */
static uint32_t s_mram_layers; /* layers on the MRAM */
static uint32_t s_reram_layers; /* layers on the ReRAM tiles */
static engine_options s_engine_options; /* the RTM's and the MRAM's */

static void print_rtm_report(uint32_t images);
static void print_mram_report(uint32_t images);
static void print_reram_report(uint32_t images);

/* The run's costs per inference: cycles, instructions and simulated time, then each layer's CPU
 * cycles and their share (the engine from the run's map). With layers on an accelerator also each
 * layer's simulated time (the CPU sleeps in wfi while the accelerator computes, and mcycle does not
 * count that) and each accelerator's counters and placement. */
static void print_costs(uint32_t images, uint64_t cycles, uint64_t instructions, uint64_t sim_ns,
                        const layer_profile *profile)
{
    const int accelerated = (s_rtm_layers | s_mram_layers | s_reram_layers) != 0;
    printf("per inference: %lu cycles, %lu instructions, ", (unsigned long)(cycles / images),
           (unsigned long)(instructions / images));
    print_ratio(sim_ns, (uint64_t)images * 1000u, " us simulated\n");
    uint64_t layer_total = 0;
    for (unsigned i = 0; i < s_model->num_layers; i++)
        layer_total += profile->cycles[i];
    printf(accelerated ? "per layer (CPU cycles per inference, share of the layers' cycles, simulated time per "
                         "inference):\n"
                       : "per layer (cycles per inference, share of the layers' cycles):\n");
    for (unsigned i = 0; i < s_model->num_layers; i++) {
        const cnn_layer *layer = &s_model->layers[i];
        const cnn_engine *engine = cnn_find_engine(s_engine_map[i]);
        printf("  %-8s %-10s %-6s %9lu  ", layer->name, op_name(layer->op), engine ? engine->name : "-",
               (unsigned long)(profile->cycles[i] / images));
        print_ratio(profile->cycles[i] * 100u, layer_total, accelerated ? " %  " : " %\n");
        if (accelerated)
            print_ratio(profile->ns[i], (uint64_t)images * 1000u, " us\n");
    }
    if (s_rtm_layers)
        print_rtm_report(images);
    if (s_mram_layers)
        print_mram_report(images);
    if (s_reram_layers)
        print_reram_report(images);
}

/* One accelerator's part of the report: its counters per inference over the images (cleared before
 * the first image), its energy, then the engine's options and placement. */
typedef struct {
    const char *label;
    uint64_t (*read)(void);
} report_counter;

typedef struct {
    const char *name;               /* "rtm": the lines' first word */
    const report_counter *counters; /* in the order printed */
    unsigned ncounters;
    uint64_t (*energy_pj)(void);
    const char *placement;          /* "one bank per layer", ... */
    uint32_t banks, bank_bytes;
    const char *weights;            /* what init wrote ("weights and biases") */
    uint32_t (*used_bytes)(void);
    uint32_t (*weight_bytes)(void);
    void (*print_plan)(void);
} device_report;

static void print_device_report(const device_report *d, uint32_t images)
{
    printf("%s per inference: ", d->name);
    for (unsigned i = 0; i < d->ncounters; i++)
        printf("%lu %s, ", (unsigned long)(d->counters[i].read() / images), d->counters[i].label);
    print_ratio(d->energy_pj(), images, " pJ\n");
    printf("%s engine: mover %s, wait %s, %s, accumulators staged in %s; %lu banks x %lu bytes, %lu bytes used, "
           "%lu bytes of %s written at init:\n",
           d->name, s_engine_options.mover == ENGINE_MOVER_DMA ? "dma" : "cpu",
           s_engine_options.wait == ENGINE_WAIT_POLL ? "poll" : "wfi", d->placement,
           s_engine_options.scratch ? "sram" : "main memory", (unsigned long)d->banks, (unsigned long)d->bank_bytes,
           (unsigned long)d->used_bytes(), (unsigned long)d->weight_bytes(), d->weights);
    d->print_plan();
}

static void print_rtm_report(uint32_t images)
{
    static const report_counter counters[] = {
        {"shifts", rtm_shifts}, {"reads", rtm_reads},       {"writes", rtm_writes},
        {"mults (MACs)", rtm_mults}, {"adds", rtm_adds},    {"commands", rtm_commands},
        {"busy cycles", rtm_busy_cycles},
    };
    struct rtm_info info;
    rtm_probe(&info);
    const device_report d = {"rtm", counters, sizeof counters / sizeof counters[0], rtm_energy_pj,
                             s_engine_options.spread ? "layers spread over the banks" : "one bank per layer",
                             info.banks, info.bank_bytes, "weights and biases", rtm_engine_used_bytes,
                             rtm_engine_weight_bytes, rtm_engine_print_plan};
    print_device_report(&d, images);
}

static void print_mram_report(uint32_t images)
{
    static const report_counter counters[] = {
        {"row writes", mram_row_writes}, {"row reads", mram_row_reads}, {"senses", mram_senses},
        {"counts", mram_counts},         {"shifts", mram_shifts},       {"adds", mram_adds},
        {"commands", mram_commands},     {"busy cycles", mram_busy_cycles},
    };
    struct mram_info info;
    mram_probe(&info);
    const device_report d = {"mram", counters, sizeof counters / sizeof counters[0], mram_energy_pj,
                             "one bank per layer", info.banks, info.bank_bytes, "packed weights and biases",
                             mram_engine_used_bytes, mram_engine_weight_bytes, mram_engine_print_plan};
    print_device_report(&d, images);
}

static void print_reram_report(uint32_t images)
{
    static const report_counter counters[] = {
        {"crossbar reads", reram_crossbar_reads}, {"row activations", reram_row_activations},
        {"ADC conversions", reram_adc_conversions}, {"ADC clips", reram_adc_clips},
        {"shift-adds", reram_shift_adds},         {"MVMs", reram_mvms},
        {"commands", reram_commands},             {"busy cycles", reram_busy_cycles},
    };
    struct reram_info info;
    reram_probe(&info);
    printf("reram device: %lu crossbars of %lu x %lu used, %lu-bit cells, %lu-bit ADCs, %s\n",
           (unsigned long)reram_engine_crossbars(), (unsigned long)info.rows, (unsigned long)info.columns,
           (unsigned long)info.cell_bits, (unsigned long)info.adc_bits, info.ideal ? "ideal" : "non-ideal");
    const device_report d = {"reram", counters, sizeof counters / sizeof counters[0], reram_energy_pj,
                             "one tile per layer", info.tiles, info.tile_bytes, "packed weights",
                             reram_engine_used_bytes, reram_engine_weight_bytes, reram_engine_print_plan};
    print_device_report(&d, images);
}

/* --layers NAME=ENGINE,...: sets or clears the layers' bits in settings->rtm_wanted / mram_wanted /
 * reram_wanted. */
static int parse_layer_map(const args_cursor *cursor, const char *text, cnn_settings *settings)
{
    while (*text) {
        const char *end = text;
        while (*end && *end != ',')
            end++;
        const char *equals = text;
        while (equals < end && *equals != '=')
            equals++;
        char name[32], engine[16];
        size_t name_len = (size_t)(equals - text), engine_len = equals < end ? (size_t)(end - equals - 1) : 0;
        if (equals == end || name_len == 0 || name_len >= sizeof name || engine_len >= sizeof engine)
            return args_error(cursor, "option --layers: '%.*s' is not NAME=ENGINE", (int)(end - text), text);
        memcpy(name, text, name_len);
        name[name_len] = '\0';
        memcpy(engine, equals + 1, engine_len);
        engine[engine_len] = '\0';
        unsigned layer = 0;
        while (layer < s_model->num_layers && strcmp(s_model->layers[layer].name, name) != 0)
            layer++;
        if (layer == s_model->num_layers)
            return args_error(cursor, "option --layers: no layer '%s' in model %s", name, s_model->name);
        const int choice = args_find(engine, engine_names);
        if (choice < 0)
            return args_error(cursor, "option --layers: unknown engine '%s' for layer %s (expected cpu, rtm, mram or reram)",
                              engine, name);
        settings->explicit_layers |= 1u << layer;
        settings->rtm_wanted &= ~(1u << layer);
        settings->mram_wanted &= ~(1u << layer);
        settings->reram_wanted &= ~(1u << layer);
        if (choice == ENGINE_RTM)
            settings->rtm_wanted |= 1u << layer;
        else if (choice == ENGINE_MRAM)
            settings->mram_wanted |= 1u << layer;
        else if (choice == ENGINE_RERAM)
            settings->reram_wanted |= 1u << layer;
        text = *end ? end + 1 : end;
    }
    return ARGS_OK;
}

/* argv -> settings; ARGS_OK, or ARGS_ERROR after one line. */
static int parse_args(int argc, char **argv, cnn_settings *settings)
{
    args_cursor cursor;
    args_begin(&cursor, argc, argv, "cnn_fmnist");
    const char *layers = NULL;
    int engine = ENGINE_CPU;
    s_model = fmnist_find_model(FMNIST_DEFAULT_MODEL);
    const char *word;
    while ((word = args_next(&cursor)) != NULL) {
        int rc = ARGS_OK;
        if (strcmp(word, "--images") == 0) {
            rc = args_u32(&cursor, word, 1, 0xFFFFFFFFu, &settings->images);
        } else if (strcmp(word, "--first") == 0) {
            rc = args_u32(&cursor, word, 0, 0xFFFFFFFFu, &settings->first);
        } else if (strcmp(word, "--model") == 0) {
            const int choice = args_choice(&cursor, word, "model", fmnist_model_names);
            rc = choice < 0 ? ARGS_ERROR : ARGS_OK;
            if (choice >= 0)
                s_model = fmnist_find_model(fmnist_model_names[choice]);
        } else if (strcmp(word, "--engine") == 0) {
            rc = (engine = args_choice(&cursor, word, "engine", engine_names)) < 0 ? ARGS_ERROR : ARGS_OK;
        } else if (strcmp(word, "--layers") == 0) {
            rc = args_value(&cursor, word, &layers);
        } else if (strcmp(word, "--mover") == 0) {
            rc = (settings->mover = args_choice(&cursor, word, "mover", mover_names)) < 0 ? ARGS_ERROR : ARGS_OK;
        } else if (strcmp(word, "--wait") == 0) {
            rc = (settings->wait = args_choice(&cursor, word, "wait", wait_names)) < 0 ? ARGS_ERROR : ARGS_OK;
        } else if (strcmp(word, "--stage") == 0) {
            rc = (settings->stage = args_choice(&cursor, word, "stage", stage_names)) < 0 ? ARGS_ERROR : ARGS_OK;
        } else if (strcmp(word, "--print") == 0) {
            rc = (settings->print = args_choice(&cursor, word, "print mode", print_names)) < 0 ? ARGS_ERROR : ARGS_OK;
        } else if (strcmp(word, "--checkpoint") == 0) {
            rc = (settings->checkpoint = args_choice(&cursor, word, "checkpoint granularity", checkpoint_names)) < 0
                     ? ARGS_ERROR
                     : ARGS_OK;
        } else if (strcmp(word, "--spread") == 0) {
            settings->spread = 1;
        } else if (strcmp(word, "--pipeline") == 0) {
            settings->pipeline = 1;
        } else if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) {
            settings->help = 1;
        } else {
            rc = args_unknown(&cursor, word);
        }
        if (rc != ARGS_OK)
            return rc;
    }
    settings->rtm_wanted = engine == ENGINE_RTM ? 0xFFFFFFFFu : 0;
    settings->mram_wanted = engine == ENGINE_MRAM ? 0xFFFFFFFFu : 0;
    settings->reram_wanted = engine == ENGINE_RERAM ? 0xFFFFFFFFu : 0;
    if (settings->pipeline && (engine != ENGINE_RERAM || layers || settings->checkpoint >= 0))
        return args_error(&cursor, "option --pipeline: needs --engine reram, without --layers and --checkpoint");
    return layers ? parse_layer_map(&cursor, layers, settings) : ARGS_OK;
}

/* settings -> the engine map (a layer an engine cannot run stays on the CPU; a note when --layers
 * named it) and the RTM and MRAM engines' options. */
static void plan_engines(const cnn_settings *settings, uint8_t *map)
{
    s_rtm_layers = s_mram_layers = s_reram_layers = 0;
    for (unsigned i = 0; i < s_model->num_layers; i++) {
        const cnn_layer *layer = &s_model->layers[i];
        const uint32_t bit = 1u << i;
        map[i] = layer->engine;
        const char *refused = NULL;
        if ((settings->rtm_wanted & bit) && rtm_engine_supports(layer)) {
            map[i] = CNN_ENGINE_RTM;
            s_rtm_layers |= bit;
        } else if (settings->rtm_wanted & bit) {
            refused = "rtm";
        } else if ((settings->mram_wanted & bit) && mram_engine_supports(layer)) {
            map[i] = CNN_ENGINE_MRAM;
            s_mram_layers |= bit;
        } else if (settings->mram_wanted & bit) {
            refused = "mram";
        } else if ((settings->reram_wanted & bit) && reram_engine_supports(layer)) {
            map[i] = CNN_ENGINE_RERAM;
            s_reram_layers |= bit;
        } else if (settings->reram_wanted & bit) {
            refused = "reram";
        }
        if (refused && (settings->explicit_layers & bit))
            printf("cnn_fmnist: layer %s (%s) cannot run on the %s: it stays on the cpu\n", layer->name,
                   op_name(layer->op), refused);
    }
    s_engine_options.mover = settings->mover ? ENGINE_MOVER_DMA : ENGINE_MOVER_CPU;
    s_engine_options.wait = settings->wait ? ENGINE_WAIT_POLL : ENGINE_WAIT_WFI;
    s_engine_options.spread = settings->spread != 0;
    if (settings->stage == 0) { /* the SRAM: no program data lives there; the engines use it in turn */
        s_engine_options.scratch = (void *)(uintptr_t)PIMSOC_SRAM_BASE;
        s_engine_options.scratch_bytes = PIMSOC_SRAM_DEFAULT_SIZE;
    }
}

static layer_profile s_profile;
static const uint8_t *s_run_map; /* the run's engine map; NULL: each layer's own engine */
static void (*s_run_hook)(void *, unsigned, const cnn_layer *, cnn_layer_phase) = profile_layer;

/* A run that failed inside the RTM or MRAM engine (exit 4) says why. */
static void report_engine_error(void)
{
    if (s_rtm_layers && rtm_engine_error()[0])
        printf("cnn_fmnist: rtm engine: %s\n", rtm_engine_error());
    if (s_mram_layers && mram_engine_error()[0])
        printf("cnn_fmnist: mram engine: %s\n", mram_engine_error());
    if (s_reram_layers && reram_engine_error()[0])
        printf("cnn_fmnist: reram engine: %s\n", reram_engine_error());
}

/* With layers on the RTM or the MRAM: starts the engines (placement, weights written once), points
 * the run at the engine map and the timed profile and clears the devices' counters. An engine that
 * cannot start (no device, the model does not fit the array) ends the program with one line and
 * exit code 5. */
static void start_engines(const cnn_settings *settings)
{
    plan_engines(settings, s_engine_map);
    if ((s_rtm_layers | s_mram_layers | s_reram_layers) == 0)
        return;
    if (s_rtm_layers && rtm_engine_init(s_model, s_rtm_layers, &s_engine_options) != 0) {
        printf("cnn_fmnist: rtm engine: %s\n", rtm_engine_error());
        exit(5);
    }
    if (s_mram_layers && mram_engine_init(s_model, s_mram_layers, &s_engine_options) != 0) {
        printf("cnn_fmnist: mram engine: %s\n", mram_engine_error());
        exit(5);
    }
    if (s_reram_layers && reram_engine_init(s_model, s_reram_layers, &s_engine_options) != 0) {
        printf("cnn_fmnist: reram engine: %s\n", reram_engine_error());
        exit(5);
    }
    atexit(report_engine_error);
    s_run_map = s_engine_map;
    s_run_hook = profile_layer_timed;
    if (s_rtm_layers)
        rtm_clear_counters(); /* count the inferences, not the weights written at init */
    if (s_mram_layers)
        mram_clear_counters();
    if (s_reram_layers)
        reram_clear_counters();
}

/* Names the regions for the stats report and the VCD: "inference" and each layer's name. */
static void name_regions(void)
{
    sysctl_roi_name(ROI_INFERENCE, "inference");
    for (unsigned i = 0; i < s_model->num_layers; i++)
        sysctl_roi_name(ROI_LAYER(i), s_model->layers[i].name);
}

/* --checkpoint accumulator needs layers on the MRAM with non-volatile accumulators: 0, or -1 with a
 * line naming what is missing. */
static int check_accumulator_granularity(void)
{
    struct mram_info info;
    if (s_mram_layers == 0) {
        printf("cnn_fmnist: --checkpoint accumulator needs layers on the mram engine (--engine mram)\n");
        return -1;
    }
    if (!mram_probe(&info) || !info.nv_partial_state) {
        printf("cnn_fmnist: --checkpoint accumulator needs the MRAM's non-volatile partial state "
               "(--set mram.nv_partial_state=true)\n");
        return -1;
    }
    return 0;
}

/* --checkpoint: the images through power failures (cnn_resume.c); the tally and the checkpoint line,
 * no cost report (mcycle restarts at each boot; the VP's stats have the run's totals). */
static int run_with_checkpoints(const cnn_settings *settings, const cnn_dataset *dataset, uint32_t first,
                                uint32_t count, const cnn_run_options *options)
{
    const resume_job job = {s_model, dataset, first, count, (resume_granularity)settings->checkpoint,
                            settings->print == PRINT_NONE ? -1 : settings->print == PRINT_LOGITS,
                            s_arena, sizeof s_arena, options};
    const int rc = resume_run(&job, &s_tally);
    if (rc != 0)
        return rc;
    cnn_print_tally(&s_tally, s_model->num_classes);
    resume_print_summary(&job);
    return 0;
}

int main(int argc, char **argv)
{
    cnn_settings settings = {.images = DEFAULT_IMAGES, .checkpoint = -1};
    if (parse_args(argc, argv, &settings) != ARGS_OK)
        return ARGS_ERROR;
    if (settings.checkpoint >= 0)
        resume_open_console(); /* every line from here on is printed once over the boots */
    if (settings.help) {
        printf("%s", usage_text);
        return 0;
    }
    /* After a power failure the arrays still hold the weights: placing the layers is enough (a
     * boot that rewrote them could take longer than the power stays on). */
    s_engine_options.weights_in_array = settings.checkpoint >= 0 && resume_weights_in_array();
    if (settings.checkpoint == RESUME_ACCUMULATOR)
        s_engine_options.nv_progress = resume_nv_progress();
    if (settings.pipeline)
        pipeline_start(s_model);
    else
        start_engines(&settings);
    if (settings.checkpoint == RESUME_ACCUMULATOR && check_accumulator_granularity() != 0)
        return 2;
    if (settings.checkpoint >= 0)
        resume_mark_weights_in_array();
    name_regions();

    cnn_dataset dataset;
    cnn_dataset_status status = cnn_dataset_open(&dataset, (const void *)PIMSOC_ROM_BASE, PIMSOC_ROM_MAX_SIZE);
    if (status != CNN_DATASET_OK) {
        printf("cnn_fmnist: %s at 0x%08x: load one with --image build/data/fmnist_t10k.bin@0x60000000\n",
               cnn_dataset_status_text(status), (unsigned)PIMSOC_ROM_BASE);
        return 2;
    }
    /* The layer table is read-only: checked at the cold boot, a boot after a power failure skips
     * the check (about 20 ms of the CPU's, longer than the power stays on at harsh failure rates). */
    unsigned bad_layer = 0;
    const int checked = settings.checkpoint >= 0 && resume_after_power_failure();
    if ((!checked && cnn_check_model(s_model, &bad_layer) != CNN_OK) || s_model->num_layers > MAX_LAYERS) {
        printf("cnn_fmnist: model %s: layer %u is invalid\n", s_model->name, bad_layer);
        return 3;
    }
    const cnn_shape *input = &s_model->input;
    if (dataset.channels != input->c || dataset.rows != input->h || dataset.cols != input->w) {
        printf("cnn_fmnist: dataset images are %ux%ux%u, model %s expects %ux%ux%u\n", dataset.channels,
               dataset.rows, dataset.cols, s_model->name, input->c, input->h, input->w);
        return 2;
    }

    /* Locals, not the settings struct (its address escaped to parse_args): the loop keeps them in
     * registers, so its code and cycles are those of the app before it took options. */
    uint32_t first = settings.first;
    uint32_t count = settings.images;
    const int print = settings.print;
    if (first >= dataset.count) {
        printf("cnn_fmnist: first image %lu is past the %lu images of the dataset\n", (unsigned long)first,
               (unsigned long)dataset.count);
        return 2;
    }
    if (count > dataset.count - first)
        count = dataset.count - first;
    printf("cnn_fmnist: model %s (%u layers), images %lu..%lu of %lu\n", s_model->name, s_model->num_layers,
           (unsigned long)first, (unsigned long)(first + count - 1), (unsigned long)dataset.count);

    if (settings.pipeline)
        return pipeline_classify(s_model, &dataset, first, count, print, &s_tally);
    cnn_run_options options = {.engine_map = s_run_map, .layer_hook = s_run_hook, .user = &s_profile};
    if (settings.checkpoint >= 0)
        return run_with_checkpoints(&settings, &dataset, first, count, &options);
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
        if (print != PRINT_NONE)
            cnn_print_result(i, label, predicted, output, &last->out, print == PRINT_LOGITS);
    }
    uint64_t cycles = csr_read_mcycle64() - cycles0, instret = csr_read_minstret64() - instret0;
    uint64_t sim_ns = sysctl_sim_time_ns() - time0;

    cnn_print_tally(&s_tally, s_model->num_classes);
    print_costs(count, cycles, instret, sim_ns, &s_profile);
    return 0;
}
