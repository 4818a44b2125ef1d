// A small valid model that uses every op and dtype path, for the cnn_check_model and cnn_run tests:
//   0 conv2d   U8 1x8x8  -> S8 4x8x8   3x3 pad 1, per-channel requant, bias
//   1 relu     S8 4x8x8  -> S8 4x8x8
//   2 maxpool  S8 4x8x8  -> S8 4x4x4   2x2 stride 2
//   3 avgpool  S8 4x4x4  -> S8 4x2x2   3x3 stride 2 pad 1
//   4 conv2d   S8 4x2x2  -> S32 3x2x2  1x1, no requant
//   5 requant  S32 3x2x2 -> U8 3x2x2   per tensor, act [0, 15]
//   6 fc       U8 12     -> S32 5x1x1  bias
#pragma once

#include <vector>

#include "cnn/cnn.h"
#include "cnn_random.h"

namespace cnnref {

struct TestModel {
    std::vector<OwnedLayer> owned;
    std::vector<cnn_layer> layers;
    cnn_model model{};

    // Re-points the model at `layers` (after edits to the vector or copies of the struct).
    void link()
    {
        model.layers = layers.data();
        model.num_layers = static_cast<uint16_t>(layers.size());
    }
    TestModel(const TestModel& o) : owned(o.owned), layers(o.layers), model(o.model)
    {
        // The copied layers still point at o's arrays; point them at ours.
        for (size_t i = 0; i < owned.size(); i++) {
            if (layers[i].weights) layers[i].weights = owned[i].weights.data();
            if (layers[i].bias) layers[i].bias = owned[i].bias.data();
            if (layers[i].requant) layers[i].requant = owned[i].requant.data();
        }
        link();
    }
    TestModel& operator=(const TestModel&) = delete;

    explicit TestModel(uint32_t seed = 1)
    {
        Rng rng(seed);
        auto add = [&](cnn_op op, cnn_shape in, cnn_shape out, int k, int s, int p) -> OwnedLayer& {
            OwnedLayer o;
            o.layer.name = "layer";
            o.layer.op = static_cast<uint8_t>(op);
            o.layer.engine = CNN_ENGINE_CPU;
            o.layer.in = in;
            o.layer.out = out;
            o.layer.kernel_h = o.layer.kernel_w = static_cast<uint8_t>(k);
            o.layer.stride_h = o.layer.stride_w = static_cast<uint8_t>(s);
            o.layer.pad_h = o.layer.pad_w = static_cast<uint8_t>(p);
            owned.push_back(o);
            return owned.back();
        };
        auto params = [&](OwnedLayer& o, unsigned channels, size_t k, bool per_channel, int act_min,
                          int act_max) {
            o.weights.resize(channels * k);
            for (auto& w : o.weights) w = static_cast<int8_t>(rng.uniform(-128, 127));
            o.layer.weights = o.weights.data();
            o.bias.resize(channels);
            for (auto& b : o.bias) b = rng.uniform(-3000, 3000);
            o.layer.bias = o.bias.data();
            if (o.layer.out.dtype != CNN_S32) {
                o.layer.per_channel = per_channel;
                for (unsigned c = 0; c < (per_channel ? channels : 1u); c++)
                    o.requant.push_back(
                        cnn_requant{rng.uniform(1 << 30, 0x7fffffff), -9 - rng.uniform(0, 2)});
                o.layer.requant = o.requant.data();
                o.layer.act_min = static_cast<int16_t>(act_min);
                o.layer.act_max = static_cast<int16_t>(act_max);
            }
        };
        params(add(CNN_OP_CONV2D, shape(1, 8, 8, CNN_U8), shape(4, 8, 8, CNN_S8), 3, 1, 1), 4, 9, true, -128,
               127);
        add(CNN_OP_RELU, shape(4, 8, 8, CNN_S8), shape(4, 8, 8, CNN_S8), 0, 0, 0);
        add(CNN_OP_MAXPOOL, shape(4, 8, 8, CNN_S8), shape(4, 4, 4, CNN_S8), 2, 2, 0);
        add(CNN_OP_AVGPOOL, shape(4, 4, 4, CNN_S8), shape(4, 2, 2, CNN_S8), 3, 2, 1);
        params(add(CNN_OP_CONV2D, shape(4, 2, 2, CNN_S8), shape(3, 2, 2, CNN_S32), 1, 1, 0), 3, 4, false, 0,
               0);
        {
            OwnedLayer& rq = add(CNN_OP_REQUANTIZE, shape(3, 2, 2, CNN_S32), shape(3, 2, 2, CNN_U8), 0, 0, 0);
            rq.requant.push_back(cnn_requant{1 << 30, -4});
            rq.layer.requant = rq.requant.data();
            rq.layer.act_min = 0;
            rq.layer.act_max = 15;
        }
        params(add(CNN_OP_FC, shape(3, 2, 2, CNN_U8), shape(5, 1, 1, CNN_S32), 1, 1, 0), 5, 12, false, 0, 0);
        for (auto& o : owned) {
            o.relink();
            layers.push_back(o.layer);
        }
        model.name = "test_model";
        model.num_classes = 5;
        model.input = shape(1, 8, 8, CNN_U8);
        model.max_activation_bytes = 4 * 8 * 8;
        link();
    }
};

}  // namespace cnnref
