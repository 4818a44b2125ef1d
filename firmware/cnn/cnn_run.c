// The engine registry, the built-in CPU engine and cnn_run (the layer walk).
#include "cnn_internal.h"

typedef void (*cnn_kernel)(const cnn_layer* layer, const void* in, void* out);

// The CPU engine's kernels, indexed by op.
static const cnn_kernel s_cpu_kernels[CNN_OP_COUNT] = {
    [CNN_OP_CONV2D] = cnn_conv2d,   [CNN_OP_FC] = cnn_fully_connected, [CNN_OP_RELU] = cnn_relu,
    [CNN_OP_MAXPOOL] = cnn_maxpool, [CNN_OP_AVGPOOL] = cnn_avgpool,    [CNN_OP_REQUANTIZE] = cnn_requantize,
};

// Cheap per-layer guard (not a model check): the input dtype each kernel reads.
static int cpu_supports(const cnn_layer* layer)
{
    switch (layer->op) {
    case CNN_OP_RELU: return layer->in.dtype == CNN_S8;
    case CNN_OP_REQUANTIZE: return layer->in.dtype == CNN_S32 && cnn_is_act_dtype(layer->out.dtype);
    case CNN_OP_MAXPOOL:
    case CNN_OP_AVGPOOL: return cnn_is_act_dtype(layer->in.dtype) && layer->out.dtype == layer->in.dtype;
    default: return cnn_is_act_dtype(layer->in.dtype) && layer->out.dtype <= CNN_S32 && layer->weights;
    }
}

static int cpu_run_layer(const cnn_engine* self, const cnn_layer* layer, const void* in, void* out)
{
    (void)self;
    if (layer->op >= CNN_OP_COUNT || !cpu_supports(layer))
        return CNN_ERR_UNSUPPORTED;
    s_cpu_kernels[layer->op](layer, in, out);
    return CNN_OK;
}

static const cnn_engine s_cpu_engine = {"cpu", cpu_run_layer, NULL};
static const cnn_engine* s_engines[CNN_ENGINE_COUNT] = {[CNN_ENGINE_CPU] = &s_cpu_engine};

const cnn_engine* cnn_engine_cpu(void) { return &s_cpu_engine; }

int cnn_register_engine(unsigned id, const cnn_engine* engine)
{
    if (id >= CNN_ENGINE_COUNT)
        return CNN_ERR_NO_ENGINE;
    s_engines[id] = (engine == NULL && id == CNN_ENGINE_CPU) ? &s_cpu_engine : engine;
    return CNN_OK;
}

const cnn_engine* cnn_find_engine(unsigned id)
{
    return id < CNN_ENGINE_COUNT ? s_engines[id] : NULL;
}

int cnn_run(const cnn_model* model, const void* input, void* arena, size_t arena_bytes,
            const cnn_run_options* options, const void** output)
{
    return cnn_run_range(model, 0, model->num_layers, input, arena, arena_bytes, options, output);
}

int cnn_run_range(const cnn_model* model, unsigned begin, unsigned end, const void* input, void* arena,
                  size_t arena_bytes, const cnn_run_options* options, const void** output)
{
    static const cnn_run_options no_options = {NULL, NULL, NULL};
    if (!options)
        options = &no_options;
    const size_t half = ((size_t)model->max_activation_bytes + 3u) & ~(size_t)3u;
    if (((uintptr_t)arena & 3u) != 0 || half == 0 || arena_bytes / 2u < half)
        return CNN_ERR_ARENA;
    uint8_t* const halves[2] = {(uint8_t*)arena, (uint8_t*)arena + half};
    const void* in = input;
    if (end > model->num_layers)
        end = model->num_layers;
    for (unsigned i = begin; i < end; i++) {
        const cnn_layer* layer = &model->layers[i];
        // Memory safety even for a model nobody checked: the output must fit its half.
        if (cnn_shape_bytes(&layer->out) > half)
            return CNN_ERR_ARENA;
        const unsigned engine_id = options->engine_map ? options->engine_map[i] : layer->engine;
        const cnn_engine* engine = cnn_find_engine(engine_id);
        if (!engine || !engine->run_layer)
            return CNN_ERR_NO_ENGINE;
        void* out = halves[i & 1u];
        if (options->layer_hook)
            options->layer_hook(options->user, i, layer, CNN_LAYER_BEGIN);
        int status = engine->run_layer(engine, layer, in, out);
        if (options->layer_hook)
            options->layer_hook(options->user, i, layer, CNN_LAYER_END);
        if (status != CNN_OK)
            return status < 0 ? status : CNN_ERR_ENGINE;
        in = out;
    }
    if (output)
        *output = in;
    return CNN_OK;
}
