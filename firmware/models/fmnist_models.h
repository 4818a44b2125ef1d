/* The named Fashion-MNIST LeNet-5 models (cnn_fmnist --model NAME, cnn_golden --model NAME): the
 * int8 model w8a8 (the default) and the low-bit ones, by weight:activation bits, and the
 * co-exploration variants (width multiplier _x05 / _x2, conv1 kernel 3 _k3). The names are
 * model_zoo.py's (scripts rely on them); the models are the generated ones in generated/. */
#ifndef FMNIST_MODELS_H
#define FMNIST_MODELS_H

#include "cnn/cnn.h"
#include "fmnist_lenet5.h"
#include "fmnist_lenet5_w1a1.h"
#include "fmnist_lenet5_w1a2.h"
#include "fmnist_lenet5_w1a4.h"
#include "fmnist_lenet5_w2a2.h"
#include "fmnist_lenet5_w2a2_k3.h"
#include "fmnist_lenet5_w2a2_x05.h"
#include "fmnist_lenet5_w2a2_x2.h"
#include "fmnist_lenet5_w4a4.h"
#include "fmnist_lenet5_w4a4_k3.h"
#include "fmnist_lenet5_w4a4_x05.h"
#include "fmnist_lenet5_w4a4_x2.h"
#include "fmnist_lenet5_w8a8_k3.h"
#include "fmnist_lenet5_w8a8_x05.h"
#include "fmnist_lenet5_w8a8_x2.h"

#ifdef __cplusplus
extern "C" {
#endif

/* X(name, model, arena bytes) per named model, in the order of fmnist_model_names: one list for the
 * name table, the model table and the arena size, so that they cannot disagree. */
#define FMNIST_MODEL_LIST(X)                                                                                 \
    X(w8a8, fmnist_lenet5, FMNIST_LENET5_ARENA_BYTES)                                                        \
    X(w4a4, fmnist_lenet5_w4a4, FMNIST_LENET5_W4A4_ARENA_BYTES)                                              \
    X(w2a2, fmnist_lenet5_w2a2, FMNIST_LENET5_W2A2_ARENA_BYTES)                                              \
    X(w1a4, fmnist_lenet5_w1a4, FMNIST_LENET5_W1A4_ARENA_BYTES)                                              \
    X(w1a2, fmnist_lenet5_w1a2, FMNIST_LENET5_W1A2_ARENA_BYTES)                                              \
    X(w1a1, fmnist_lenet5_w1a1, FMNIST_LENET5_W1A1_ARENA_BYTES)                                              \
    X(w8a8_x05, fmnist_lenet5_w8a8_x05, FMNIST_LENET5_W8A8_X05_ARENA_BYTES)                                  \
    X(w4a4_x05, fmnist_lenet5_w4a4_x05, FMNIST_LENET5_W4A4_X05_ARENA_BYTES)                                  \
    X(w2a2_x05, fmnist_lenet5_w2a2_x05, FMNIST_LENET5_W2A2_X05_ARENA_BYTES)                                  \
    X(w8a8_x2, fmnist_lenet5_w8a8_x2, FMNIST_LENET5_W8A8_X2_ARENA_BYTES)                                     \
    X(w4a4_x2, fmnist_lenet5_w4a4_x2, FMNIST_LENET5_W4A4_X2_ARENA_BYTES)                                     \
    X(w2a2_x2, fmnist_lenet5_w2a2_x2, FMNIST_LENET5_W2A2_X2_ARENA_BYTES)                                     \
    X(w8a8_k3, fmnist_lenet5_w8a8_k3, FMNIST_LENET5_W8A8_K3_ARENA_BYTES)                                     \
    X(w4a4_k3, fmnist_lenet5_w4a4_k3, FMNIST_LENET5_W4A4_K3_ARENA_BYTES)                                     \
    X(w2a2_k3, fmnist_lenet5_w2a2_k3, FMNIST_LENET5_W2A2_K3_ARENA_BYTES)

/* Its size is the largest arena of the named models (a union is as large as its largest member). */
#define FMNIST_ARENA_MEMBER(name, model, bytes) char name[bytes];
union fmnist_model_arenas {
    FMNIST_MODEL_LIST(FMNIST_ARENA_MEMBER)
};
#undef FMNIST_ARENA_MEMBER

/* Bytes of an activation arena that fits every named model. */
#define FMNIST_MODELS_ARENA_BYTES sizeof(union fmnist_model_arenas)

#define FMNIST_DEFAULT_MODEL "w8a8"

/* The names, NULL-terminated, in FMNIST_MODEL_LIST's order (for args_choice). */
extern const char *const fmnist_model_names[];
/* The model of a name, NULL for an unknown one. */
const cnn_model *fmnist_find_model(const char *name);

#ifdef __cplusplus
}
#endif

#endif
