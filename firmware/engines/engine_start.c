/* The PIM engines' shared init sequence: see engine_start.h. */
#include "engines/engine_start.h"

#include <stdio.h>

#include "hal/dma.h"
#include "hal/irq.h"

int engine_start(const engine_device *device, const engine_options *options, engine_banks *banks,
                 const cnn_model *model, uint32_t layer_mask, int32_t **staging, uint32_t *staging_bytes,
                 char *error, uint32_t error_size)
{
    error[0] = '\0';
    if (engine_pick_staging(options->scratch, options->scratch_bytes, device->own_staging,
                            device->own_staging_bytes, staging, staging_bytes) != 0) {
        snprintf(error, error_size, "the staging buffer at %p is not 4-byte aligned", options->scratch);
        return -1;
    }
    uint32_t nbanks = 0, bank_bytes = 0;
    if (!device->probe(&nbanks, &bank_bytes)) {
        snprintf(error, error_size, "no %s at 0x%08x", device->controller, (unsigned)device->base);
        return -1;
    }
    if (engine_plan_model(device->device, banks, nbanks, bank_bytes, model, layer_mask, device->max_layers,
                          device->supports, device->plan, error, error_size) != 0)
        return -1;
    device->quiesce();
    if (options->mover == ENGINE_MOVER_DMA)
        dma_clear_status();
    for (unsigned i = 0; i < model->num_layers && !options->weights_in_array; i++)
        if (device->load(i) != 0)
            return -1;
    if (options->wait == ENGINE_WAIT_WFI) {
        irq_init();
        irq_attach(device->irq, device->isr, 1);
        device->enable_done();
    }
    device->wait();
    cnn_register_engine(device->id, device->engine);
    return 0;
}
