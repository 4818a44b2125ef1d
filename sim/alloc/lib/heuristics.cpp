#include "heuristics.h"

#include <algorithm>
#include <stdexcept>

namespace pimsoc::alloc {

namespace {
int64_t used(const std::vector<int64_t>& copies, const std::vector<int64_t>& sets) {
    int64_t total = 0;
    for (size_t i = 0; i < copies.size(); ++i) total += copies[i] * sets[i];
    return total;
}

// R_i = clamp(floor(weight_i / divisor)) for the smallest divisor in [1, max] that fits: the
// scaling is monotone, so a binary search over the divisor finds it.
std::vector<int64_t> scaled(const Network& net, const std::vector<int64_t>& sets,
                            const std::vector<double>& weight, int64_t total) {
    auto at = [&](double divisor) {
        std::vector<int64_t> copies;
        for (size_t i = 0; i < weight.size(); ++i) {
            const auto r = static_cast<int64_t>(weight[i] / divisor);
            copies.push_back(std::clamp<int64_t>(r, 1, max_copies(net.layers[i])));
        }
        return copies;
    };
    double lo = 1e-9, hi = *std::max_element(weight.begin(), weight.end()) + 1;
    if (used(at(lo), sets) <= total) return at(lo);
    for (int iter = 0; iter < 200; ++iter) {
        const double mid = (lo + hi) / 2;
        (used(at(mid), sets) <= total ? hi : lo) = mid;
    }
    return at(hi);
}
}  // namespace

const std::vector<std::string>& baseline_names() {
    static const std::vector<std::string> names = {"proportional", "isaac", "uniform"};
    return names;
}

std::vector<int64_t> baseline_allocation(const std::string& name, const Network& net,
                                         int64_t total_crossbars, int64_t crossbar_size) {
    const std::vector<int64_t> sets = crossbar_sets(net, crossbar_size);
    const size_t layers = net.layers.size();
    if (name == "proportional") {
        std::vector<double> weight;
        for (const Layer& l : net.layers) weight.push_back(static_cast<double>(l.outputs()));
        return scaled(net, sets, weight, total_crossbars);
    }
    if (name == "isaac") {
        std::vector<double> weight(layers, 1.0);
        for (size_t i = layers - 1; i-- > 0;) {
            const Layer& next = net.layers[i + 1];
            const int64_t stride = next.fc ? 1 : next.sc * net.layers[i].sp;
            weight[i] = weight[i + 1] * static_cast<double>(stride * stride);
        }
        // Integer divisors only: ISAAC keeps the ratios exact.
        for (int64_t divisor = 1;; ++divisor) {
            std::vector<int64_t> copies;
            for (size_t i = 0; i < layers; ++i)
                copies.push_back(std::clamp<int64_t>(static_cast<int64_t>(weight[i]) / divisor, 1,
                                                     max_copies(net.layers[i])));
            if (used(copies, sets) <= total_crossbars) return copies;
        }
    }
    if (name == "uniform") {
        int64_t r = 1;
        auto at = [&](int64_t copies_each) {
            std::vector<int64_t> copies;
            for (const Layer& l : net.layers) copies.push_back(std::min(copies_each, max_copies(l)));
            return copies;
        };
        while (r < total_crossbars && used(at(r + 1), sets) <= total_crossbars &&
               at(r + 1) != at(r))
            ++r;
        return at(r);
    }
    throw std::invalid_argument("unknown baseline \"" + name +
                                "\" (expected proportional, isaac or uniform)");
}

}  // namespace pimsoc::alloc
