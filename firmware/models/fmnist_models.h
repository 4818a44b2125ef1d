/* The named Fashion-MNIST LeNet-5 models (cnn_fmnist --model NAME, cnn_golden --model NAME): the
 * int8 model w8a8 (the default) and the low-bit ones, by weight:activation bits. The names are
 * model_zoo.py's (scripts rely on them); the models are the generated ones in generated/. */
#ifndef FMNIST_MODELS_H
#define FMNIST_MODELS_H

#include "cnn/cnn.h"
#include "fmnist_lenet5.h"
#include "fmnist_lenet5_w1a1.h"
#include "fmnist_lenet5_w1a2.h"
#include "fmnist_lenet5_w1a4.h"
#include "fmnist_lenet5_w2a2.h"
#include "fmnist_lenet5_w4a4.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FMNIST_MAX2(a, b) ((a) > (b) ? (a) : (b))
/* Bytes of an activation arena that fits every named model. */
#define FMNIST_MODELS_ARENA_BYTES                                                                            \
    FMNIST_MAX2(FMNIST_MAX2(FMNIST_MAX2(FMNIST_LENET5_ARENA_BYTES, FMNIST_LENET5_W4A4_ARENA_BYTES),          \
                            FMNIST_MAX2(FMNIST_LENET5_W2A2_ARENA_BYTES, FMNIST_LENET5_W1A4_ARENA_BYTES)),    \
                FMNIST_MAX2(FMNIST_LENET5_W1A2_ARENA_BYTES, FMNIST_LENET5_W1A1_ARENA_BYTES))

#define FMNIST_DEFAULT_MODEL "w8a8"

/* The names, NULL-terminated, in the order w8a8, w4a4, w2a2, w1a4, w1a2, w1a1 (for args_choice). */
extern const char *const fmnist_model_names[];
/* The model of a name, NULL for an unknown one. */
const cnn_model *fmnist_find_model(const char *name);

#ifdef __cplusplus
}
#endif

#endif
