#include "network.h"

#include <stdexcept>

namespace pimsoc::reram {

namespace {
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

void require(bool ok, const Network& net, size_t index, const char* what) {
    if (!ok)
        throw std::invalid_argument("layer " + std::to_string(index + 1) + " (" +
                                    net.layers[index].name + "): " + what);
}
}  // namespace

int64_t crossbar_set(const Layer& layer, int64_t size) {
    return ceil_div(layer.weight_rows(), size) * ceil_div(layer.co, size);
}

std::vector<int64_t> crossbar_sets(const Network& net, int64_t size) {
    std::vector<int64_t> sets;
    for (const Layer& layer : net.layers) sets.push_back(crossbar_set(layer, size));
    return sets;
}

int64_t max_copies(const Layer& layer) { return layer.fc ? 1 : layer.outputs(); }

void validate(const Network& net) {
    if (net.layers.empty()) throw std::invalid_argument("no layers");
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        require(l.ci >= 1 && l.co >= 1, net, i, "Ci and Co must be >= 1");
        if (l.fc) continue;
        require(l.wo >= 1 && l.ho >= 1, net, i, "Wo and Ho must be >= 1");
        require(l.kc >= 1 && l.kp >= 1, net, i, "Kc and Kp must be >= 1");
        require(l.sc >= 1 && l.sp >= 1, net, i, "Sc and Sp must be >= 1");
        require(l.pc >= 0 && l.pp >= 0, net, i, "Pc and Pp must be >= 0");
        require(l.pc < l.kc, net, i, "Pc must be smaller than Kc");
        require(l.kp <= l.wo + 2 * l.pp && l.kp <= l.ho + 2 * l.pp, net, i,
                "the pooling window Kp is larger than the padded conv output");
    }
}

}  // namespace pimsoc::reram
