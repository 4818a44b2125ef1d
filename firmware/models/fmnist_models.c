/* The named models (fmnist_models.h): name -> generated model. */
#include "fmnist_models.h"

#include <string.h>

#define FMNIST_NAME(name, model, bytes) #name,
const char *const fmnist_model_names[] = {FMNIST_MODEL_LIST(FMNIST_NAME) NULL};

#define FMNIST_MODEL(name, model, bytes) &model,
static const cnn_model *const models[] = {FMNIST_MODEL_LIST(FMNIST_MODEL)};

const cnn_model *fmnist_find_model(const char *name)
{
    for (unsigned i = 0; fmnist_model_names[i]; i++)
        if (strcmp(fmnist_model_names[i], name) == 0)
            return models[i];
    return NULL;
}
