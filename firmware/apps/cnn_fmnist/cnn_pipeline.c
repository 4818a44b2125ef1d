/* cnn_fmnist's layer pipeline on the ReRAM tiles: see cnn_pipeline.h. */
#include "cnn_pipeline.h"

#include <stdio.h>
#include <stdlib.h>

#include "engines/reram_pipeline.h"
#include "engines/reram_pipeline_lenet5.h"
#include "hal/sysctl.h"

#define ROI_INFERENCE 1u

void pipeline_start(const cnn_model *model)
{
    if (reram_pipeline_init(model, reram_pipeline_lenet5_copies, RERAM_PIPELINE_LENET5_LAYERS) != 0) {
        printf("cnn_fmnist: reram pipeline: %s\n", reram_pipeline_error());
        exit(5);
    }
}

/* The time model's prediction: its steps for this allocation x TC, the device's slowest layer step
 * (what pimsoc-alloc --simulate sets TC to). */
static uint64_t predicted_ns(const reram_pipeline_timing *t)
{
    return ((uint64_t)RERAM_PIPELINE_LENET5_MODEL_STEPS * t->step_ps + 500u) / 1000u;
}

/* (predicted - measured) / measured in hundredths of a percent, printed signed with two decimals. */
static void print_error(uint64_t predicted, uint64_t measured)
{
    const int64_t diff = (int64_t)predicted - (int64_t)measured;
    const uint64_t mag = (uint64_t)(diff < 0 ? -diff : diff);
    const uint64_t hundredths = measured ? (mag * 10000u + measured / 2u) / measured : 0;
    printf("%c%lu.%02lu %%", diff < 0 ? '-' : '+', (unsigned long)(hundredths / 100u), (unsigned long)(hundredths % 100u));
}

int pipeline_classify(const cnn_model *model, const cnn_dataset *dataset, uint32_t first, uint32_t count, int print,
                      cnn_tally *tally)
{
    const cnn_layer *last = &model->layers[model->num_layers - 1];
    int32_t output[RERAM_PIPELINE_MAX_OUT_BYTES / 4u];
    reram_pipeline_timing t = {0};
    uint64_t measured_sum = 0;
    for (uint32_t i = first; i < first + count; i++) {
        sysctl_roi_begin(ROI_INFERENCE);
        const int rc = reram_pipeline_run(cnn_dataset_image(dataset, i), output, &t);
        sysctl_roi_end(ROI_INFERENCE);
        if (rc != 0) {
            printf("cnn_fmnist: image %lu: reram pipeline: %s\n", (unsigned long)i, reram_pipeline_error());
            return 4;
        }
        const unsigned label = cnn_dataset_label(dataset, i);
        const unsigned predicted = cnn_argmax(output, last->out.dtype, model->num_classes);
        cnn_tally_add(tally, label, predicted);
        measured_sum += t.measured_ns;
        if (print) {
            cnn_print_result(i, label, predicted, output, &last->out, print == 2);
            printf("pipeline image %lu: measured %lu ns, predicted %lu ns, error ", (unsigned long)i,
                   (unsigned long)t.measured_ns, (unsigned long)predicted_ns(&t));
            print_error(predicted_ns(&t), t.measured_ns);
            printf(" (device schedule %lu ns)\n", (unsigned long)t.device_ns);
        }
    }
    cnn_print_tally(tally, model->num_classes);
    const uint64_t mean = count ? (measured_sum + count / 2u) / count : 0;
    printf("reram pipeline: R =");
    for (unsigned i = 0; i < RERAM_PIPELINE_LENET5_LAYERS; i++)
        printf(" %lu", (unsigned long)reram_pipeline_lenet5_copies[i]);
    printf(" (pimsoc-alloc lenet5 --crossbars %u), %lu crossbars\n", RERAM_PIPELINE_LENET5_CROSSBARS,
           (unsigned long)reram_pipeline_crossbars());
    reram_pipeline_print_plan();
    printf("reram pipeline per image: measured %lu ns (START to idle), device schedule %lu ns (%lu steps, slowest "
           "step %lu ps); predicted %lu ns (time model: %u steps x TC); error ",
           (unsigned long)mean, (unsigned long)t.device_ns, (unsigned long)t.steps, (unsigned long)t.step_ps,
           (unsigned long)predicted_ns(&t), RERAM_PIPELINE_LENET5_MODEL_STEPS);
    print_error(predicted_ns(&t), mean);
    printf(" (against the schedule ");
    print_error(predicted_ns(&t), t.device_ns);
    printf(")\n");
    return 0;
}
