/* The named models (fmnist_models.h): name -> generated model. */
#include "fmnist_models.h"

#include <string.h>

const char *const fmnist_model_names[] = {"w8a8", "w4a4", "w2a2", "w1a4", "w1a2", "w1a1", NULL};

static const cnn_model *const models[] = {&fmnist_lenet5,      &fmnist_lenet5_w4a4, &fmnist_lenet5_w2a2,
                                          &fmnist_lenet5_w1a4, &fmnist_lenet5_w1a2, &fmnist_lenet5_w1a1};

const cnn_model *fmnist_find_model(const char *name)
{
    for (unsigned i = 0; fmnist_model_names[i]; i++)
        if (strcmp(fmnist_model_names[i], name) == 0)
            return models[i];
    return NULL;
}
