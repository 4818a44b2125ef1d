/* cnn_fmnist: classifies Fashion-MNIST test images with the int8 LeNet-5 (firmware/models) through
 * the inference library (firmware/cnn), reading the images from the dataset blob in the data ROM:
 *
 *   pimsoc run cnn_fmnist.elf --image build/data/fmnist_t10k.bin@0x60000000 [--set sysctl.argN=V]
 *
 * Arguments (sysctl.argN): arg0 number of images (0 = 100, clamped to the blob), arg1 flags (bit 0
 * print each prediction, bit 1 with its logits), arg2 index of the first image.
 * Prints the accuracy, the confusion matrix, cycles, instructions and simulated time per inference
 * and cycles per layer. Marks each inference as sysctl region 1 and each layer i as region
 * 0x100 + i (per-region stats). Exit codes: 0 done, 2 no dataset blob, 3 bad model, 4 run error.
 * Deterministic output. */
#include <stdint.h>
#include <stdio.h>

#include "cnn/cnn.h"
#include "cnn/cnn_dataset.h"
#include "cnn/cnn_report.h"
#include "fmnist_lenet5.h"
#include "hal/csr.h"
#include "hal/sysctl.h"
#include "memory_map.h"

#define DEFAULT_IMAGES 100u
#define FLAG_PRINT_PREDICTIONS 0x1u
#define FLAG_PRINT_LOGITS 0x2u
#define ROI_INFERENCE 1u
#define ROI_LAYER(i) (0x100u + (i))
#define MAX_LAYERS 32u

static const cnn_model *const s_model = &fmnist_lenet5;
static uint32_t s_arena[FMNIST_LENET5_ARENA_BYTES / 4];
static cnn_tally s_tally;

typedef struct {
    uint32_t started; /* mcycle (low word) at the layer's start */
    uint64_t cycles[MAX_LAYERS];
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

static void print_costs(uint32_t images, uint64_t cycles, uint64_t instructions, uint64_t sim_ns,
                        const layer_profile *profile)
{
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

    static layer_profile profile;
    cnn_run_options options = {.engine_map = NULL, .layer_hook = profile_layer, .user = &profile};
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
    print_costs(count, cycles, instret, sim_ns, &profile);
    return 0;
}
