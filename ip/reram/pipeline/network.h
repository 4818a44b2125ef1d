#pragma once
// A CNN as the allocation framework of Li, Han and Chen (TODAES 2024) sees it: a chain of fused
// conv+pool layers and fully connected layers, each mapped onto copies of a set of crossbars.
// Shared by the allocator (sim/alloc, which spells it pimsoc::alloc::Network) and the layer
// pipeline simulator (pipeline_sim.h). Pure C++17, no SystemC.
#include <cstdint>
#include <string>
#include <vector>

namespace pimsoc::reram {

// One fused layer: a convolution and the pooling that follows it (Kp = Sp = 1: no pooling).
// Wo x Ho is the convolution's output size; a fully connected layer has Wo = Ho = 1 and needs the
// whole output of the layer before it.
struct Layer {
    std::string name;
    bool fc = false;
    int64_t ci = 1;  // input channels (fc: input features)
    int64_t co = 1;  // output channels (fc: output features)
    int64_t wo = 1, ho = 1;  // convolution output width and height
    int64_t kc = 1, kp = 1;  // convolution and pooling kernel size
    int64_t sc = 1, sp = 1;  // convolution and pooling stride
    int64_t pc = 0, pp = 0;  // convolution and pooling padding

    int64_t outputs() const { return wo * ho; }
    // Rows of one weight matrix: the inputs one output position needs.
    int64_t weight_rows() const { return fc ? ci : kc * kc * ci; }
    // Width and height of the pooled map handed to the next layer.
    int64_t pooled_width() const { return (wo - kp + 2 * pp) / sp + 1; }
    int64_t pooled_height() const { return (ho - kp + 2 * pp) / sp + 1; }
};

struct Network {
    std::string name;
    std::vector<Layer> layers;
};

// Logical crossbars (size x size) holding one copy of a layer's weights.
int64_t crossbar_set(const Layer& layer, int64_t size);
std::vector<int64_t> crossbar_sets(const Network& net, int64_t size);
// Largest useful number of copies: one per output position; fc layers get exactly one.
int64_t max_copies(const Layer& layer);

// Throws std::invalid_argument naming the layer and field when a value is out of range
// ("layer 2 (conv2): Pc must be smaller than Kc"); the caller adds the file name.
void validate(const Network& net);

}  // namespace pimsoc::reram
