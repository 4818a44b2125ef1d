// cnn_check_model: validates a layer table once (the app calls it before the first cnn_run).
#include "cnn_internal.h"

static uint64_t shape_bytes64(const cnn_shape* s)
{
    return (uint64_t)s->c * s->h * s->w * cnn_dtype_bytes(s->dtype);
}

static int shape_ok(const cnn_shape* s)
{
    return s->c > 0 && s->h > 0 && s->w > 0 && s->dtype <= CNN_S32;
}

static int same_shape(const cnn_shape* a, const cnn_shape* b)
{
    return a->c == b->c && a->h == b->h && a->w == b->w && a->dtype == b->dtype;
}

// Output size along one axis for kernel/stride/pad geometry (0 if the kernel does not fit).
static unsigned geometry_out(unsigned in, unsigned kernel, unsigned stride, unsigned pad)
{
    if (kernel == 0 || stride == 0 || in + 2u * pad < kernel)
        return 0;
    return (in + 2u * pad - kernel) / stride + 1u;
}

static int geometry_ok(const cnn_layer* l)
{
    return l->out.h == geometry_out(l->in.h, l->kernel_h, l->stride_h, l->pad_h) &&
           l->out.w == geometry_out(l->in.w, l->kernel_w, l->stride_w, l->pad_w);
}

// Requantization parameters: present, one per output channel (or one), multiplier 0 or in
// [2^30, 2^31), shift in TFLite's range [-31, 30]; clamp within the output dtype.
static int requant_ok(const cnn_layer* l)
{
    if (!l->requant)
        return 0;
    const unsigned count = l->per_channel ? l->out.c : 1u;
    for (unsigned i = 0; i < count; i++) {
        const cnn_requant* r = &l->requant[i];
        if (r->multiplier != 0 && r->multiplier < (INT32_C(1) << 30))
            return 0;
        if (r->shift < -31 || r->shift > 30)
            return 0;
    }
    const int lo = l->out.dtype == CNN_U8 ? 0 : INT8_MIN;
    const int hi = l->out.dtype == CNN_U8 ? UINT8_MAX : INT8_MAX;
    return l->act_min <= l->act_max && l->act_min >= lo && l->act_max <= hi;
}

// Output requantization of conv2d / fc: requant present iff the output is U8/S8.
static int output_ok(const cnn_layer* l)
{
    if (l->out.dtype == CNN_S32)
        return l->requant == NULL;
    return requant_ok(l);
}

// No int32 accumulator can overflow: for every output channel, sum |w| * max|x| + |bias| must fit
// (exact worst case over all inputs of the input dtype).
static int accumulators_ok(const cnn_layer* l, uint32_t k)
{
    const int64_t max_x = l->in.dtype == CNN_U8 ? 255 : 128;
    const int8_t* w = l->weights;
    for (unsigned oc = 0; oc < l->out.c; oc++) {
        int64_t bound = l->bias ? l->bias[oc] : 0;
        bound = bound < 0 ? -bound : bound;
        for (uint32_t i = 0; i < k; i++, w++)
            bound += (*w < 0 ? -(int64_t)*w : *w) * max_x;
        if (bound > INT32_MAX)
            return 0;
    }
    return 1;
}

// Every weight within weight_bits' levels: int8 (0, 8), N-bit two's complement (2..7), -1/+1 (1).
static int weight_levels_ok(const cnn_layer* l, uint32_t k)
{
    const unsigned bits = l->weight_bits;
    if (bits > 8)
        return 0;
    if (bits == 0 || bits == 8)
        return 1;
    const int lo = bits == 1 ? -1 : -(1 << (bits - 1)), hi = bits == 1 ? 1 : (1 << (bits - 1)) - 1;
    const uint32_t count = (uint32_t)l->out.c * k;
    for (uint32_t i = 0; i < count; i++) {
        const int w = l->weights[i];
        if (w < lo || w > hi || (bits == 1 && w == 0))
            return 0;
    }
    return 1;
}

// input_bits M in 1..7: U8 input whose largest possible value `in_max` fits M bits.
static int input_bits_ok(const cnn_layer* l, int32_t in_max)
{
    const unsigned bits = l->input_bits;
    if (bits == 0 || bits == 8)
        return 1;
    return bits < 8 && l->in.dtype == CNN_U8 && in_max <= (INT32_C(1) << bits) - 1;
}

// conv2d / fc operands: the accumulators, the weight levels and the input bit width.
static int operands_ok(const cnn_layer* l, uint32_t k, int32_t in_max)
{
    return accumulators_ok(l, k) && weight_levels_ok(l, k) && input_bits_ok(l, in_max);
}

// Largest value a layer's U8/S8 output can hold, from its input's (`in_max`).
static int32_t output_max(const cnn_layer* l, int32_t in_max)
{
    if (l->op == CNN_OP_MAXPOOL || l->op == CNN_OP_AVGPOOL || l->op == CNN_OP_RELU)
        return in_max;
    return l->out.dtype == CNN_S32 ? INT32_MAX : l->act_max;
}

static int layer_ok(const cnn_layer* l, int32_t in_max)
{
    if (!shape_ok(&l->in) || !shape_ok(&l->out) || l->engine >= CNN_ENGINE_COUNT)
        return 0;
    const unsigned in_dtype = l->in.dtype, out_dtype = l->out.dtype;
    switch (l->op) {
    case CNN_OP_CONV2D:
        return cnn_is_act_dtype(in_dtype) && geometry_ok(l) && l->weights != NULL && output_ok(l) &&
               operands_ok(l, (uint32_t)l->in.c * l->kernel_h * l->kernel_w, in_max);
    case CNN_OP_FC:
        return cnn_is_act_dtype(in_dtype) && l->out.h == 1 && l->out.w == 1 && l->weights != NULL &&
               output_ok(l) && operands_ok(l, (uint32_t)l->in.c * l->in.h * l->in.w, in_max);
    case CNN_OP_RELU:
        return in_dtype == CNN_S8 && same_shape(&l->in, &l->out);
    case CNN_OP_MAXPOOL:
    case CNN_OP_AVGPOOL:
        // pad < kernel: every window holds at least one valid input.
        return cnn_is_act_dtype(in_dtype) && out_dtype == in_dtype && l->out.c == l->in.c &&
               geometry_ok(l) && l->pad_h < l->kernel_h && l->pad_w < l->kernel_w;
    case CNN_OP_REQUANTIZE:
        return in_dtype == CNN_S32 && cnn_is_act_dtype(out_dtype) && l->out.c == l->in.c &&
               l->out.h == l->in.h && l->out.w == l->in.w && requant_ok(l);
    default:
        return 0;
    }
}

int cnn_check_model(const cnn_model* model, unsigned* bad_layer)
{
    unsigned index = 0;
    int ok = model->layers != NULL && model->num_layers > 0 && shape_ok(&model->input);
    // Largest value of the tensor the next layer reads (U8/S8; the model input: its whole dtype).
    int32_t in_max = ok && model->input.dtype == CNN_S8 ? INT8_MAX : UINT8_MAX;
    for (; ok && index < model->num_layers; index++) {
        const cnn_layer* l = &model->layers[index];
        const cnn_shape* expected_in = index == 0 ? &model->input : &model->layers[index - 1].out;
        ok = same_shape(&l->in, expected_in) && layer_ok(l, in_max) &&
             shape_bytes64(&l->in) <= model->max_activation_bytes &&
             shape_bytes64(&l->out) <= model->max_activation_bytes;
        // The classes are the first num_classes elements of the last output.
        if (ok && index + 1u == model->num_layers)
            ok = (uint64_t)model->num_classes <= (uint64_t)l->out.c * l->out.h * l->out.w;
        if (!ok)
            break;
        in_max = output_max(l, in_max);
    }
    if (ok)
        return CNN_OK;
    if (bad_layer)
        *bad_layer = index;
    return CNN_ERR_BAD_LAYER;
}
