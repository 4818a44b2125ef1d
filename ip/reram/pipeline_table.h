// The PIPELINE command's table (ip/reram/reram_regs.h, RERAM_PIPE_*; docs/models/reram_controller.md,
// "PIPELINE"): decoded from the buffer window and checked against the programmed blocks before
// anything runs, and the step simulator's network built from it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pim/model/elem_type.h"
#include "pim/model/error.h"
#include "reram/model/reram_array.h"
#include "reram/pipeline/network.h"
#include "reram/reram_regs.h"

namespace pimsoc::reram_pipe {

using pim::ElemType;
using pim::Error;

// A requantization entry: TFLite's (multiplier, shift), as cnn_requant.
struct Requant {
    int32_t multiplier = 0, shift = 0;
};

struct PipeBlock {
    uint32_t offset = 0, in_first = 0, inputs = 0, out_first = 0, outputs = 0;
};

struct PipeLayer {
    bool fc = false;
    ElemType x_type;
    uint32_t out_dtype = 0;
    bool per_channel = false;
    uint32_t in_c = 0, in_h = 0, in_w = 0, out_c = 0;
    uint32_t k = 1, s = 1, p = 0;     // convolution
    uint32_t pk = 1, ps = 1, pp = 0;  // max-pool
    uint32_t xbar = 0, copies = 0, in_blocks = 0, out_blocks = 0;
    uint32_t bias = RERAM_PIPE_NONE, requant = 0;
    int32_t act_min = 0, act_max = 0;
    // derived
    uint32_t out_h = 1, out_w = 1, pool_h = 1, pool_w = 1, inputs = 0, copy_crossbars = 0;
    ElemType w_type;
    std::vector<PipeBlock> blocks;
    std::vector<int32_t> bias_values;
    std::vector<Requant> rq;
};

struct PipeTable {
    uint32_t input = 0, output = 0;
    std::vector<PipeLayer> layers;
};

// A refusal: the code and one line naming the problem.
struct Refusal {
    Error error = Error::none;
    uint32_t code = 0;
    std::string why;
};

// Reads the table at `src` of `buffer` (the tiles' buffers) against the blocks programmed in
// `array`; code 0, or the first problem's RERAM_ERR_* code and a line naming it.
Refusal read_table(const std::vector<uint8_t>& buffer, const reram::ReramArray& array, uint32_t src, PipeTable& table);

// Bytes per output element of an output dtype (RERAM_PIPE_OUT_*).
uint32_t out_bytes(uint32_t dtype);

// The table as the step simulator's network (fused conv+pool and fc layers).
reram::Network pipeline_network(const PipeTable& t);

}  // namespace pimsoc::reram_pipe
