// Parameters of the SOT-MRAM accelerator (config keys "mram.*"): the model's geometry, operation
// costs, leakage, non-volatile partial state and area (ip/mram/model/mram_config.h, defaults and
// sources in docs/models/mram.md). The controller's own keys (clock, register latency, queue
// depth) come with it (issue 13 part 3).
#pragma once

#include "common/params.h"
#include "mram/model/mram_config.h"

namespace pimsoc {

struct MramParams {
    mram::MramConfig model;

    void bind(const ParamBinder& b);

    // The model config; throws std::invalid_argument with validate()'s message
    // ("mram.<key>: <value> <problem>") when it is not valid.
    mram::MramConfig to_model() const;
};

}  // namespace pimsoc
