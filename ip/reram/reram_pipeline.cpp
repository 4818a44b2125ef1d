// The ReRAM controller's PIPELINE command (docs/models/reram_controller.md, "PIPELINE"): a whole
// network as a layer pipeline on the tiles, without the CPU between layers. The table at SRC
// describes each layer (geometry, its R copies on the crossbars, biases, requantization, clamp,
// max-pool); the command computes every layer's values through its copies' crossbars (the model's
// MVMs: ideal mode exact, the non-idealities as for MVM) and the output unit (the golden model's
// integer requantization, pim/pim_requant.h, clamp and max-pool), and takes the time of the step
// schedule of reram/pipeline (simulate_pipeline, the simulator pimsoc-alloc --simulate runs).
// Beyond the MVMs' costs it counts the output unit's busy tile-steps and the activations' buffer
// bytes.
#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include "pim/pim_requant.h"
#include "reram/pipeline/layer_compute.h"
#include "reram/pipeline/pipeline_sim.h"
#include "reram/pipeline_table.h"
#include "reram/reram.h"

namespace pimsoc {
namespace {

using namespace reram_pipe;

// The golden model's output of one accumulator (docs/cnn.md): S32 as it is, else requantized
// (TFLite's MultiplyByQuantizedMultiplier of pim/pim_requant.h, the header firmware/cnn uses) and
// clamped.
int64_t output_value(const PipeLayer& l, uint32_t channel, int32_t acc)
{
    if (l.out_dtype == RERAM_PIPE_OUT_S32) return acc;
    const Requant& r = l.rq.at(l.per_channel ? channel : 0);
    const int32_t v = pim_multiply_by_quantized_multiplier(acc, r.multiplier, r.shift);
    return std::clamp<int64_t>(v, l.act_min, l.act_max);
}

// Max-pool over the valid inputs of each window (padding ignored, as cnn_maxpool).
std::vector<int64_t> max_pool(const PipeLayer& l, const std::vector<int64_t>& in)
{
    if (l.pk == 1 && l.ps == 1 && l.pp == 0) return in;
    std::vector<int64_t> out(static_cast<size_t>(l.out_c) * l.pool_h * l.pool_w);
    for (uint32_t c = 0; c < l.out_c; ++c) {
        for (uint32_t y = 0; y < l.pool_h; ++y) {
            for (uint32_t x = 0; x < l.pool_w; ++x) {
                int64_t best = INT64_MIN;
                for (uint32_t i = 0; i < l.pk; ++i) {
                    for (uint32_t j = 0; j < l.pk; ++j) {
                        const int64_t iy = static_cast<int64_t>(y) * l.ps + i - l.pp;
                        const int64_t ix = static_cast<int64_t>(x) * l.ps + j - l.pp;
                        if (iy >= 0 && iy < l.out_h && ix >= 0 && ix < l.out_w)
                            best = std::max(best, in[(static_cast<size_t>(c) * l.out_h + iy) * l.out_w + ix]);
                    }
                }
                out[(static_cast<size_t>(c) * l.pool_h + y) * l.pool_w + x] = best;
            }
        }
    }
    return out;
}

// The table's schedule (simulate_pipeline): each layer's step from the tile model at its own
// widths plus the output unit; "" or the reason it is refused. slowest_ns: the slowest layer's step.
std::string schedule_of(const PipeTable& table, const reram::ReramArray& array, const ReramParams& params,
                        reram::PipelineRun& run, double& slowest_ns)
{
    const reram::Network net = pipeline_network(table);
    const reram::Geometry& g = array.config().geometry;
    reram::PipelineSetup setup;
    std::vector<int64_t> copies;
    try {
        reram::validate(net);
        for (size_t i = 0; i < table.layers.size(); ++i) {
            const PipeLayer& l = table.layers[i];
            reram::Network one;
            one.layers.push_back(net.layers[i]);
            const double ns = reram::layer_compute_ns(one, array.config(), {l.x_type.bits(), l.w_type}).at(0);
            setup.compute_ns.push_back(ns + params.pipeline_output_ns);
            copies.push_back(l.copies);
        }
        // A logical crossbar (the allocator's) is one full-width block: PLAN crossbars of the weight type.
        const uint32_t per_logical = std::max<uint32_t>(1, array.plan(table.layers[0].w_type, g.columns).crossbars);
        setup.hw.crossbar_size = g.rows;
        setup.hw.crossbars_per_tile = std::max<int64_t>(1, g.crossbars_per_tile / per_logical);
        setup.hw.bandwidth_limited = params.pipeline_bandwidth;
        setup.hw.buffer_bytes_per_ns = params.pipeline_buffer_gbps;
        setup.hw.bus_bytes_per_ns = params.pipeline_bus_gbps;
        setup.hw.bytes_per_element = pim::elem_bytes(table.layers[0].x_type);
        setup.bus_broadcast = params.pipeline_bus_broadcast;
        run = reram::simulate_pipeline(net, copies, setup);
    } catch (const std::exception& e) {
        return e.what();
    }
    slowest_ns = *std::max_element(setup.compute_ns.begin(), setup.compute_ns.end());
    return "";
}

}  // namespace

// --- the command -------------------------------------------------------------------------------

uint32_t Reram::pipeline(Run& run, std::vector<unsigned>& tiles)
{
    PipeTable table;
    const Refusal r = read_table(m_buffer, m_array, m_desc.src, table);
    if (r.code != 0) {
        m_pipe_why = r.why;
        return r.code;
    }
    reram::PipelineRun schedule;
    double slowest_ns = 0;
    if (const std::string why = schedule_of(table, m_array, m_params, schedule, slowest_ns); !why.empty()) {
        m_pipe_why = "the schedule refuses it: " + why;
        return RERAM_ERR_BAD_PIPELINE;
    }

    // The values, layer after layer; output position p of a layer on copy p mod R.
    const PipeLayer& first = table.layers.front();
    std::vector<int64_t> act = unpack(table.input, first.x_type, static_cast<uint64_t>(first.in_c) * first.in_h * first.in_w);
    std::set<unsigned> used;
    std::vector<int64_t> taps_in, out;
    PipelineCounters costs;
    for (size_t li = 0; li < table.layers.size(); ++li) {
        const PipeLayer& l = table.layers[li];
        std::set<unsigned> layer_tiles;
        const uint32_t positions = l.out_h * l.out_w;
        std::vector<int64_t> conv(static_cast<size_t>(l.out_c) * positions);
        std::vector<int64_t> sums(l.out_c);
        for (uint32_t p = 0; p < positions; ++p) {
            const uint32_t y = p / l.out_w, x = p % l.out_w;
            if (l.fc) {
                taps_in = act;
            } else {
                taps_in.assign(l.inputs, 0);
                const uint32_t taps = l.k * l.k;
                for (uint32_t c = 0; c < l.in_c; ++c)
                    for (uint32_t i = 0; i < l.k; ++i)
                        for (uint32_t j = 0; j < l.k; ++j) {
                            const int64_t iy = static_cast<int64_t>(y) * l.s + i - l.p;
                            const int64_t ix = static_cast<int64_t>(x) * l.s + j - l.p;
                            if (iy >= 0 && iy < l.in_h && ix >= 0 && ix < l.in_w)
                                taps_in[c * taps + i * l.k + j] = act[(static_cast<size_t>(c) * l.in_h + iy) * l.in_w + ix];
                        }
            }
            const uint32_t base = l.xbar + (p % l.copies) * l.copy_crossbars;
            std::fill(sums.begin(), sums.end(), 0);
            for (const PipeBlock& b : l.blocks) {
                const std::vector<int64_t> slice(taps_in.begin() + b.in_first, taps_in.begin() + b.in_first + b.inputs);
                add(run, m_array.mvm(base + b.offset, l.x_type, slice, &out));
                for (uint32_t o = 0; o < b.outputs; ++o) sums[b.out_first + o] += out[o];
                layer_tiles.insert(m_array.tile_of(base + b.offset));
                costs.activation_read_bytes += 4ull * b.outputs;  // the output unit reads the MVM's int32 sums
            }
            for (uint32_t o = 0; o < l.out_c; ++o) {
                const auto acc = static_cast<int32_t>(static_cast<uint32_t>(sums[o] + l.bias_values[o]));  // int32 wraps
                conv[static_cast<size_t>(o) * positions + p] = output_value(l, o, acc);
            }
        }
        act = max_pool(l, conv);
        run.crossbars += l.copies * l.copy_crossbars;
        // The output unit of each tile the layer's copies use works in every step the layer computes;
        // it writes the pooled outputs into the buffers (the next layer's MVMs read them as inputs).
        costs.output_unit_steps += static_cast<uint64_t>(schedule.layers.at(li).busy_steps) * layer_tiles.size();
        costs.activation_write_bytes += act.size() * (l.out_dtype == RERAM_PIPE_OUT_S32 ? 4u : 1u);
        used.insert(layer_tiles.begin(), layer_tiles.end());
    }
    const PipeLayer& last = table.layers.back();
    for (size_t i = 0; i < act.size(); ++i) {
        if (last.out_dtype == RERAM_PIPE_OUT_S32)
            store_int32(table.output + 4 * i, act[i]);
        else
            m_buffer[table.output + i] = static_cast<uint8_t>(act[i]);
    }
    run.latency_ps = static_cast<uint64_t>(std::llround(schedule.total_ns * 1000.0));
    m_pipe_steps = static_cast<uint32_t>(schedule.steps);
    m_pipe_time_ns = static_cast<uint32_t>(std::min<uint64_t>(run.latency_ps / 1000, UINT32_MAX));
    m_pipe_step_ps = static_cast<uint32_t>(std::llround(slowest_ns * 1000.0));
    tiles.assign(used.begin(), used.end());
    m_pipe_counters.output_unit_steps += costs.output_unit_steps;
    m_pipe_counters.activation_read_bytes += costs.activation_read_bytes;
    m_pipe_counters.activation_write_bytes += costs.activation_write_bytes;
    return RERAM_ERR_NONE;
}

void Reram::start_pipeline(const sc_core::sc_time& at)
{
    // The command needs its tiles idle: it takes them all for the whole run.
    for (unsigned t = 0; t < tile_count(); ++t) {
        if (m_banks.unit_busy(t, at)) {
            reject(RERAM_ERR_BUSY, at, "PIPELINE: a tile is busy");
            return;
        }
    }
    Run run;
    std::vector<unsigned> tiles;
    m_pipe_why.clear();
    const uint32_t code = pipeline(run, tiles);
    if (code != RERAM_ERR_NONE) {
        const std::string why = "PIPELINE: " + m_pipe_why;
        reject(code, at, why.c_str());
        return;
    }
    const unsigned first = tiles.empty() ? 0 : tiles.front();
    if (!tiles.empty()) tiles.erase(tiles.begin());
    accept(first, run, at, tiles);
}

}  // namespace pimsoc
