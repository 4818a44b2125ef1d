// pimsoc CNN inference library: integer (int8 / low-bit) layers walked from a layer table.
//
// Plain C11, no heap, no libc beyond <stdint.h>/<stddef.h>/<string.h>: the same sources build for
// the RV32 firmware and for the host, where they are the golden model the VP is checked against.
//
// Number formats (TFLite / CMSIS-NN style, documented in docs/cnn.md):
// - Tensors are CHW (channel-major, then rows, then columns), like PyTorch without the batch.
// - Activations: CNN_U8 (unsigned, zero point 0) or CNN_S8 (signed, zero point 0); real value =
//   scale * q, the scale lives only in the requantization multipliers.
// - Weights: int8, symmetric (zero point 0), per output channel or per tensor. Low-bit models keep
//   their N-bit levels (two's complement, or -1/+1 for 1 bit) in int8 storage, one per byte
//   (cnn_layer.weight_bits / input_bits say N and M).
// - Biases and accumulators: int32 in the scale input_scale * weight_scale[channel].
// - Requantization: out = clamp(MultiplyByQuantizedMultiplier(acc, multiplier, shift),
//   act_min, act_max), with TFLite's rounding (round to nearest, ties away from zero, done as a
//   saturating rounding doubling high multiply and then a rounding right shift).
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CNN_U8 = 0,   // uint8 activations (image pixels, outputs of fused ReLU)
    CNN_S8 = 1,   // int8 activations
    CNN_S32 = 2,  // raw int32 accumulators (logits of the last layer)
} cnn_dtype;

typedef enum {
    CNN_OP_CONV2D = 0,      // in C_in x H x W -> out C_out x H' x W'; weights [C_out][C_in][kh][kw]
    CNN_OP_FC = 1,          // in flattened (C*H*W, CHW order) -> out N x 1 x 1; weights [N][C*H*W]
    CNN_OP_RELU = 2,        // S8 -> S8 (max(0, x)); same shape
    CNN_OP_MAXPOOL = 3,     // U8/S8 -> same dtype
    CNN_OP_AVGPOOL = 4,     // U8/S8 -> same dtype; mean of the valid (unpadded) inputs, rounded
    CNN_OP_REQUANTIZE = 5,  // S32 -> U8/S8, per channel multiplier/shift
    CNN_OP_COUNT
} cnn_op;

// Engines that can execute a layer. The CPU engine runs every op; accelerator engines register
// themselves with cnn_register_engine() and run what they support.
typedef enum {
    CNN_ENGINE_CPU = 0,
    CNN_ENGINE_RTM = 1,    // racetrack-memory banks
    CNN_ENGINE_MRAM = 2,   // SOT-MRAM compute subarray
    CNN_ENGINE_RERAM = 3,  // ReRAM crossbar tile
    CNN_ENGINE_COUNT
} cnn_engine_id;

typedef enum {
    CNN_OK = 0,
    CNN_ERR_BAD_LAYER = -1,    // inconsistent shapes/dtypes/parameters (cnn_check_model says which)
    CNN_ERR_NO_ENGINE = -2,    // the layer's engine id is not registered
    CNN_ERR_UNSUPPORTED = -3,  // the engine does not execute this op / dtype combination
    CNN_ERR_ARENA = -4,        // the activation arena is too small or misaligned
    CNN_ERR_ENGINE = -5,       // the engine reported a device error
} cnn_status;

typedef struct {
    uint16_t c, h, w;
    uint8_t dtype;  // cnn_dtype
} cnn_shape;

// Per-channel requantization: real multiplier = multiplier * 2^(shift - 31), multiplier in
// [2^30, 2^31) (or 0). shift > 0 shifts left before the multiply, shift < 0 rounds right after.
typedef struct {
    int32_t multiplier;
    int32_t shift;
} cnn_requant;

typedef struct cnn_layer {
    const char* name;
    uint8_t op;      // cnn_op
    uint8_t engine;  // cnn_engine_id that runs this layer unless the run options override it
    cnn_shape in;
    cnn_shape out;
    // CONV2D / MAXPOOL / AVGPOOL geometry. Padding before (top/left) is pad_h/pad_w; the padding
    // after follows from the output size: out = (in + 2*pad - kernel) / stride + 1 (floor).
    uint8_t kernel_h, kernel_w;
    uint8_t stride_h, stride_w;
    uint8_t pad_h, pad_w;
    // CONV2D / FC: weights and optional bias (NULL = zero).
    const int8_t* weights;
    const int32_t* bias;
    // CONV2D / FC with U8/S8 output, and REQUANTIZE: one entry per output channel, or one for the
    // whole tensor when per_channel is 0. NULL when the output is S32.
    const cnn_requant* requant;
    uint8_t per_channel;
    // Clamp of U8/S8 outputs after requantization (fused ReLU: act_min = 0; k-bit activations:
    // act_max = 2^k - 1).
    int16_t act_min, act_max;
    // CONV2D / FC operand bit widths (low-bit models, docs/cnn.md "Low-bit layers"), so that a
    // bit-plane engine (AND-accumulation over N weight x M activation bit planes) knows N and M;
    // the CPU kernels compute the same int32 sums from the int8 storage without them.
    // weight_bits N: 0 or 8 = int8 weights; 2..7 = N-bit two's complement, each weight in
    // [-2^(N-1), 2^(N-1) - 1]; 1 = binary, each weight -1 or +1 (bit b, weight 2b - 1).
    // input_bits M: 0 or 8 = the whole input dtype; 1..7 = unsigned M-bit input activations in
    // [0, 2^M - 1] (U8 input only; the layer that produces them clamps to act_max <= 2^M - 1).
    // cnn_check_model() checks both.
    uint8_t weight_bits, input_bits;
} cnn_layer;

typedef struct {
    const char* name;
    const cnn_layer* layers;
    uint16_t num_layers;
    uint16_t num_classes;
    cnn_shape input;                // shape of the model input (U8 image for Fashion-MNIST)
    uint32_t max_activation_bytes;  // largest tensor of the model, bytes (arena sizing)
} cnn_model;

// An engine: run_layer executes one layer from `in` to `out` (both in the caller's arena or
// input buffer) and returns CNN_OK or a negative cnn_status. `context` is the engine's own.
typedef struct cnn_engine {
    const char* name;
    int (*run_layer)(const struct cnn_engine* self, const cnn_layer* layer, const void* in, void* out);
    void* context;
} cnn_engine;

// The built-in CPU engine (registered by default under CNN_ENGINE_CPU).
const cnn_engine* cnn_engine_cpu(void);
// Registers (or with NULL removes) the engine for an id. Returns CNN_OK or CNN_ERR_NO_ENGINE for an
// id out of range. Removing CNN_ENGINE_CPU restores the built-in one.
int cnn_register_engine(unsigned id, const cnn_engine* engine);
const cnn_engine* cnn_find_engine(unsigned id);

typedef enum { CNN_LAYER_BEGIN = 0, CNN_LAYER_END = 1 } cnn_layer_phase;

typedef struct {
    // Per-layer engine override (num_layers entries) or NULL: use each layer's own engine.
    const uint8_t* engine_map;
    // Called around every layer (profiling, ROI marks); may be NULL.
    void (*layer_hook)(void* user, unsigned index, const cnn_layer* layer, cnn_layer_phase phase);
    void* user;
} cnn_run_options;

// Bytes of one tensor of this shape.
size_t cnn_shape_bytes(const cnn_shape* shape);
size_t cnn_dtype_bytes(unsigned dtype);

// Checks every layer (shapes chain, output size from geometry, dtypes per op, parameters present,
// requant multipliers in range, act_min <= act_max within the dtype). Returns CNN_OK or
// CNN_ERR_BAD_LAYER and, when bad_layer is not NULL, the index of the first bad layer.
// In detail: non-empty shapes of a known dtype; layer[0].in == model->input and layer[i].in ==
// layer[i-1].out (dims and dtype); op < CNN_OP_COUNT, engine < CNN_ENGINE_COUNT; kernel and stride
// >= 1 and out = (in + 2*pad - kernel) / stride + 1 (conv2d, pools); pools also pad < kernel (no
// window entirely in the padding), same channels and dtype in and out; conv2d/fc: input U8/S8,
// weights present, fc output N x 1 x 1; relu S8 -> S8 and requantize S32 -> U8/S8 with the same
// dims; requant present iff the output of conv2d/fc/requantize is U8/S8, each entry (one per
// output channel, or one) with multiplier 0 or in [2^30, 2^31) and shift in [-31, 30] (TFLite's
// range), act_min <= act_max within the output dtype (act_* are ignored for other layers);
// conv2d/fc accumulators cannot overflow int32 for any input (per output channel
// |bias| + sum |w| * max|x| <= INT32_MAX); conv2d/fc weight_bits and input_bits <= 8, every weight
// within weight_bits' range, input_bits 1..7 only for U8 input whose largest possible value (the
// model input 255, else the act_max of the conv2d/fc/requantize that produced it, through pools)
// fits M bits; every tensor fits max_activation_bytes; num_classes <= elements of the last output.
// A model without layers is bad at index 0.
int cnn_check_model(const cnn_model* model, unsigned* bad_layer);

// Runs the model on `input` (model->input). `arena` is 4-byte aligned and holds at least
// 2 * model->max_activation_bytes: layers ping-pong between its halves. On success *output points
// at the last layer's output (model->layers[num_layers-1].out) inside the arena.
// Details: each half is max_activation_bytes rounded up to 4 bytes; layer i reads the input (i = 0)
// or the other half and writes half i % 2. The model is not checked here (call cnn_check_model()
// once): only each output's size against the half (else CNN_ERR_ARENA, nothing written). A layer
// whose engine is not registered stops the run with CNN_ERR_NO_ENGINE before its BEGIN hook; an
// engine's error is returned as is (a positive return as CNN_ERR_ENGINE) after the layer's END
// hook. *output is written only on success; options may be NULL.
int cnn_run(const cnn_model* model, const void* input, void* arena, size_t arena_bytes,
            const cnn_run_options* options, const void** output);

// Runs layers [begin, end) (end clamped to num_layers) as cnn_run runs them: `input` is layer
// begin's input, layer i writes the arena's half i % 2, so an input in the arena must be in the
// other half (half (begin - 1) % 2: where layer begin - 1 left it). cnn_run is the whole range.
// Lets a caller stop after any layer and resume later (the checkpointing app, docs/power.md).
int cnn_run_range(const cnn_model* model, unsigned begin, unsigned end, const void* input, void* arena,
                  size_t arena_bytes, const cnn_run_options* options, const void** output);

// Index of the largest element (first one on ties) of `count` elements of `dtype`.
unsigned cnn_argmax(const void* data, unsigned dtype, unsigned count);

// ---- Kernels (the CPU engine; public so tests and other engines can use them) ----------------
// They expect a layer cnn_check_model() accepts (an unsupported input dtype writes nothing); `in`
// and `out` must not overlap, S32 tensors are 4-byte aligned.
// TFLite MultiplyByQuantizedMultiplier: exact, with saturation of the doubling high multiply
// (pim_multiply_by_quantized_multiplier of ip/pim/pim_requant.h, which the ReRAM output unit uses).
// Defined for every shift: a left shift (shift > 0) is done in 64 bits and saturated to int32
// before the multiply (where TFLite's int32 shift would overflow), a right shift beyond 31 rounds
// to 0 (or -1 for -0.5).
int32_t cnn_multiply_by_quantized_multiplier(int32_t acc, int32_t multiplier, int32_t shift);
// The layer's requantization of one accumulator of output channel `channel`, clamped to
// [act_min, act_max].
int32_t cnn_requantize_value(const cnn_layer* layer, unsigned channel, int32_t acc);

void cnn_conv2d(const cnn_layer* layer, const void* in, void* out);
void cnn_fully_connected(const cnn_layer* layer, const void* in, void* out);
void cnn_relu(const cnn_layer* layer, const void* in, void* out);
void cnn_maxpool(const cnn_layer* layer, const void* in, void* out);
void cnn_avgpool(const cnn_layer* layer, const void* in, void* out);
void cnn_requantize(const cnn_layer* layer, const void* in, void* out);

#ifdef __cplusplus
}
#endif
