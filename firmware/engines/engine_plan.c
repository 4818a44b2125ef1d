/* Placement pieces of the PIM CNN engines: see engine_plan.h. */
#include "engines/engine_plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int engine_layer_fits_commands(const cnn_layer* layer)
{
    if (layer->op != CNN_OP_CONV2D && layer->op != CNN_OP_FC) return 0;
    if ((layer->in.dtype != CNN_U8 && layer->in.dtype != CNN_S8) || layer->out.dtype > CNN_S32 ||
        !layer->weights)
        return 0;
    if (layer->out.dtype != CNN_S32 && !layer->requant) return 0;
    if (layer->op == CNN_OP_CONV2D)
        return layer->in.c <= 0xFFu && layer->in.h <= 0xFFFu && layer->in.w <= 0xFFFu &&
               layer->kernel_h <= 15u && layer->kernel_w <= 15u && layer->stride_h <= 15u &&
               layer->stride_w <= 15u && layer->pad_h <= 15u && layer->pad_w <= 15u;
    return 1;
}

int engine_banks_init(engine_banks* b, uint32_t banks, uint32_t bank_bytes)
{
    memset(b, 0, sizeof *b);
    if (banks == 0 || banks > ENGINE_MAX_BANKS || bank_bytes == 0) return -1;
    b->banks = banks;
    b->bank_bytes = bank_bytes;
    return 0;
}

uint32_t engine_banks_left(const engine_banks* b, uint32_t bank)
{
    return b->bank_bytes - b->free[bank];
}

int engine_banks_pick(engine_banks* b, uint32_t need)
{
    for (uint32_t t = 0; t < b->banks; t++) {
        const uint32_t bank = (b->next + t) % b->banks;
        if (need <= engine_banks_left(b, bank)) {
            b->next = (bank + 1) % b->banks;
            return (int)bank;
        }
    }
    return -1;
}

uint32_t engine_banks_largest_left(const engine_banks* b)
{
    uint32_t largest = 0;
    for (uint32_t bank = 0; bank < b->banks; bank++)
        if (engine_banks_left(b, bank) > largest) largest = engine_banks_left(b, bank);
    return largest;
}

uint32_t engine_banks_next_offset(const engine_banks* b, uint32_t bank)
{
    return bank * b->bank_bytes + b->free[bank];
}

void engine_banks_end(engine_banks* b, uint32_t bank, uint32_t end)
{
    b->free[bank] = end - bank * b->bank_bytes;
}

uint32_t engine_banks_used(const engine_banks* b)
{
    uint32_t used = 0;
    for (uint32_t bank = 0; bank < b->banks; bank++) used += b->free[bank];
    return used;
}

int engine_pick_staging(void* given, uint32_t given_bytes, int32_t* own, uint32_t own_bytes, int32_t** buffer,
                        uint32_t* bytes)
{
    *buffer = own;
    *bytes = own_bytes;
    if (!given) return 0;
    if (((uintptr_t)given & 3u) != 0) return -1;
    *buffer = (int32_t*)given;
    *bytes = given_bytes & ~3u;
    return 0;
}

int engine_plan_model(const char *device, engine_banks *b, uint32_t banks, uint32_t bank_bytes,
                      const cnn_model *model, uint32_t layer_mask, unsigned max_layers,
                      int (*supports)(const cnn_layer *), int (*plan)(unsigned, const cnn_layer *), char *error,
                      uint32_t error_size)
{
    if (engine_banks_init(b, banks, bank_bytes) != 0) {
        snprintf(error, error_size, "%s reports %lu banks of %lu bytes", device, (unsigned long)banks,
                 (unsigned long)bank_bytes);
        return -1;
    }
    if (model->num_layers > max_layers) {
        snprintf(error, error_size, "model %s has %u layers, the engine at most %u", model->name, model->num_layers,
                 max_layers);
        return -1;
    }
    for (unsigned i = 0; i < model->num_layers; i++) {
        if (!(layer_mask & (1u << i)))
            continue;
        const cnn_layer *l = &model->layers[i];
        if (!supports(l)) {
            snprintf(error, error_size, "layer %s cannot run on the %s", l->name, device);
            return -1;
        }
        if (plan(i, l) != 0)
            return -1;
    }
    return 0;
}

int engine_layer_index(const cnn_model *model, const cnn_layer *layer, unsigned max_layers)
{
    if (!model || layer < model->layers || layer >= model->layers + model->num_layers)
        return -1;
    const unsigned index = (unsigned)(layer - model->layers);
    return index < max_layers ? (int)index : -1;
}

void engine_set_error(char *error, uint32_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error, size, fmt, ap);
    va_end(ap);
}
