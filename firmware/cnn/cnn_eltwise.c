// Element-wise ops and helpers: relu, requantize, argmax, the requantization entry points (the
// arithmetic is pim/pim_requant.h) and shape sizes.
#include "cnn_internal.h"

int32_t cnn_multiply_by_quantized_multiplier(int32_t acc, int32_t multiplier, int32_t shift)
{
    return pim_multiply_by_quantized_multiplier(acc, multiplier, shift);
}

int32_t cnn_requantize_value(const cnn_layer* layer, unsigned channel, int32_t acc)
{
    const cnn_rq rq = cnn_rq_for(layer, channel);
    return cnn_rq_apply(&rq, acc);
}

void cnn_relu(const cnn_layer* layer, const void* in, void* out)
{
    const int8_t* x = (const int8_t*)in;
    int8_t* y = (int8_t*)out;
    const size_t n = (size_t)layer->in.c * layer->in.h * layer->in.w;
    for (size_t i = 0; i < n; i++)
        y[i] = x[i] > 0 ? x[i] : 0;
}

void cnn_requantize(const cnn_layer* layer, const void* in, void* out)
{
    const int32_t* x = (const int32_t*)in;
    uint8_t* y = (uint8_t*)out;
    const size_t plane = (size_t)layer->in.h * layer->in.w;
    for (unsigned c = 0; c < layer->in.c; c++) {
        const cnn_rq rq = cnn_rq_for(layer, c);
        for (size_t i = 0; i < plane; i++)
            *y++ = (uint8_t)cnn_rq_apply(&rq, *x++);
    }
}

unsigned cnn_argmax(const void* data, unsigned dtype, unsigned count)
{
    unsigned best = 0;
    int32_t best_value = INT32_MIN;
    for (unsigned i = 0; i < count; i++) {
        int32_t v;
        if (dtype == CNN_S32)
            v = ((const int32_t*)data)[i];
        else
            v = cnn_act((const uint8_t*)data, (ptrdiff_t)i, dtype == CNN_S8);
        if (i == 0 || v > best_value) {
            best = i;
            best_value = v;
        }
    }
    return best;
}

size_t cnn_dtype_bytes(unsigned dtype)
{
    return dtype == CNN_S32 ? 4u : cnn_is_act_dtype(dtype) ? 1u : 0u;
}

size_t cnn_shape_bytes(const cnn_shape* shape)
{
    const uint64_t bytes = (uint64_t)shape->c * shape->h * shape->w * cnn_dtype_bytes(shape->dtype);
    return bytes > (uint64_t)SIZE_MAX ? SIZE_MAX : (size_t)bytes;
}
