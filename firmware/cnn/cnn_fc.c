// Fully connected: input flattened in CHW order (U8 or S8, K = C*H*W elements), weights [N][K],
// output N x 1 x 1 (U8/S8 requantized, or S32). CNN_MAX_BLOCK neurons at a time share each
// input load; the MAC loop is unrolled by 8.
#include "cnn_dot.h"

CNN_INLINE void fc_neurons(const cnn_layer* layer, const uint8_t* in, void* out, unsigned first,
                           int block, int is_signed)
{
    const int k = (int)layer->in.c * layer->in.h * layer->in.w;
    int32_t acc[CNN_MAX_BLOCK];
    CNN_UNROLL4
    for (int j = 0; j < block; j++)
        acc[j] = layer->bias ? layer->bias[first + (unsigned)j] : 0;
    cnn_mac_shared_input_any(acc, block, in, layer->weights + (size_t)first * (size_t)k, k, k, is_signed);
    CNN_UNROLL4
    for (int j = 0; j < block; j++) {
        const cnn_rq rq = cnn_rq_for(layer, first + (unsigned)j);
        cnn_store(out, first + (unsigned)j, layer->out.dtype, &rq, acc[j]);
    }
}

CNN_INLINE void fc_body(const cnn_layer* layer, const uint8_t* in, void* out, int is_signed)
{
    const unsigned n = layer->out.c;
    unsigned i = 0;
    for (; i + CNN_MAX_BLOCK <= n; i += CNN_MAX_BLOCK)
        fc_neurons(layer, in, out, i, CNN_MAX_BLOCK, is_signed);
    for (; i < n; i++)
        fc_neurons(layer, in, out, i, 1, is_signed);
}

CNN_INSTANCE void fc_u8(const cnn_layer* layer, const uint8_t* in, void* out) { fc_body(layer, in, out, 0); }
CNN_INSTANCE void fc_s8(const cnn_layer* layer, const uint8_t* in, void* out) { fc_body(layer, in, out, 1); }

void cnn_fully_connected(const cnn_layer* layer, const void* in, void* out)
{
    cnn_run_for_input_dtype(layer, in, out, fc_u8, fc_s8);
}
