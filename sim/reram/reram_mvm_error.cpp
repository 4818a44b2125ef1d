// Prints the table "MVM error by non-ideality" of docs/models/reram.md: the relative RMS error of
// the crossbars' MVM outputs against the exact integers, for each non-ideality alone at its
// default (or a stated value) and for the defaults together. Data from the seeded random streams,
// so the table is the same on every host. Usage: reram_mvm_error (no arguments).
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

#include "reram/model/reram_array.h"

using namespace pimsoc;
using namespace pimsoc::reram;

namespace {

constexpr uint32_t inputs = 128;
constexpr uint32_t outputs = 64;
constexpr int vectors = 20;

struct Row {
    const char* effect;
    std::function<void(ReramConfig&)> set;
};

// Every non-ideality off, a 16-bit ADC (every level resolved): rows switch effects on from here.
ReramConfig without_effects()
{
    ReramConfig c;
    c.non_ideal = switched_off(c.non_ideal);
    c.geometry.adc_bits = 16;
    return c;
}

double relative_rms_error(const ReramConfig& config, const WeightBlock& w, const std::vector<std::vector<int64_t>>& xs)
{
    ReramArray xbars(config, RandomStreams(1), "reram");
    if (xbars.program(0, w).error != ReramError::none) return NAN;
    double error2 = 0, exact2 = 0;
    for (const std::vector<int64_t>& x : xs) {
        std::vector<int64_t> out;
        if (xbars.mvm(0, ElemType::u8, x, &out).error != ReramError::none) return NAN;
        for (uint32_t o = 0; o < outputs; ++o) {
            int64_t exact = 0;
            for (uint32_t i = 0; i < inputs; ++i) exact += w.weights[o * inputs + i] * x[i];
            error2 += std::pow(static_cast<double>(out[o] - exact), 2);
            exact2 += std::pow(static_cast<double>(exact), 2);
        }
    }
    return std::sqrt(error2 / exact2);
}

}  // namespace

int main(int argc, char**)
{
    if (argc > 1) {
        std::fprintf(stderr, "reram_mvm_error: takes no arguments\n");
        return 2;
    }
    // Weights N(0, 30) rounded and clipped to int8; inputs uint8, half of them zero (ReLU outputs).
    RandomStream data = RandomStreams(1).stream("reram_mvm_error.data");
    WeightBlock w{ElemType::i8, inputs, outputs, std::vector<int64_t>(inputs * outputs)};
    for (int64_t& v : w.weights) v = static_cast<int64_t>(std::fmin(127, std::fmax(-128, std::round(data.normal(0, 30)))));
    std::vector<std::vector<int64_t>> xs(vectors, std::vector<int64_t>(inputs));
    for (std::vector<int64_t>& x : xs)
        for (int64_t& v : x) v = data.bernoulli(0.5) ? 0 : static_cast<int64_t>(data.uniform_u64(0, 255));

    const ReramConfig d;  // the defaults
    const Row rows[] = {
        {"none (16-bit ADC)", [](ReramConfig&) {}},
        {"ADC 8 bits, full scale 0.5 (default)", [](ReramConfig& c) { c.geometry.adc_bits = 8; }},
        {"ADC 7 bits, full scale 0.5", [](ReramConfig& c) { c.geometry.adc_bits = 7; }},
        {"ADC 8 bits, full scale 1.0", [](ReramConfig& c) { c.geometry.adc_bits = 8, c.geometry.adc_full_scale = 1; }},
        {"ADC 6 bits, full scale 1.0", [](ReramConfig& c) { c.geometry.adc_bits = 6, c.geometry.adc_full_scale = 1; }},
        {"programming variation 5 %", [&](ReramConfig& c) { c.non_ideal.programming_sigma = d.non_ideal.programming_sigma; }},
        {"stuck-on 1 %", [&](ReramConfig& c) { c.non_ideal.stuck_on_rate = d.non_ideal.stuck_on_rate; }},
        {"stuck-off 9 %", [&](ReramConfig& c) { c.non_ideal.stuck_off_rate = d.non_ideal.stuck_off_rate; }},
        {"stuck-on 0.1 % and stuck-off 0.1 %",
         [](ReramConfig& c) { c.non_ideal.stuck_on_rate = c.non_ideal.stuck_off_rate = 0.001; }},
        {"read noise 1 %", [&](ReramConfig& c) { c.non_ideal.read_noise_sigma = d.non_ideal.read_noise_sigma; }},
        {"read noise 5 %", [](ReramConfig& c) { c.non_ideal.read_noise_sigma = 0.05; }},
        {"ADC offset 0.2 LSB (8 bits, full scale 0.5)",
         [&](ReramConfig& c) { c.geometry.adc_bits = 8, c.non_ideal.adc_offset_sigma_lsb = d.non_ideal.adc_offset_sigma_lsb; }},
        {"drift, nu 0.003 after 1 day", [&](ReramConfig& c) { c.non_ideal.drift_nu = d.non_ideal.drift_nu; }},
        {"IR drop, 1 Ohm", [&](ReramConfig& c) { c.non_ideal.wire_ohm = d.non_ideal.wire_ohm; }},
        {"IR drop, 0.1 Ohm", [](ReramConfig& c) { c.non_ideal.wire_ohm = 0.1; }},
        {"all defaults except the stuck-at faults",
         [&](ReramConfig& c) { c = d, c.non_ideal.stuck_on_rate = c.non_ideal.stuck_off_rate = 0; }},
        {"all defaults", [&](ReramConfig& c) { c = d; }},
    };
    std::printf("| effect | relative RMS error |\n|---|---|\n");
    for (const Row& row : rows) {
        ReramConfig c = without_effects();
        row.set(c);
        std::printf("| %s | %.4f |\n", row.effect, relative_rms_error(c, w, xs));
    }
    return 0;
}
