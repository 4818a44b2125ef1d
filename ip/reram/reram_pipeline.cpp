// The ReRAM controller's PIPELINE command (docs/models/reram_controller.md, "PIPELINE"): a whole
// network as a layer pipeline on the tiles, without the CPU between layers. The table at SRC
// describes each layer (geometry, its R copies on the crossbars, biases, requantization, clamp,
// max-pool); the command computes every layer's values through its copies' crossbars (the model's
// MVMs: ideal mode exact, the non-idealities as for MVM) and the output unit (the golden model's
// integer requantization, clamp and max-pool), and takes the time of the step schedule of
// reram/pipeline (simulate_pipeline, the simulator pimsoc-alloc --simulate runs).
#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include "cnn/cnn.h"
#include "reram/pipeline/layer_compute.h"
#include "reram/pipeline/pipeline_sim.h"
#include "reram/reram.h"

namespace pimsoc {
namespace {

using pim::ElemType;
using pim::Error;

// A block of one copy: its crossbars' offset from the copy's first, its inputs and outputs.
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
    std::vector<cnn_requant> rq;
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

Refusal refuse(Error e, std::string why)
{
    return {e, pim::code(e), std::move(why)};
}

Refusal bad(std::string why)
{
    return {Error::none, RERAM_ERR_BAD_PIPELINE, std::move(why)};
}

uint32_t field(uint32_t word, unsigned shift)
{
    return (word >> shift) & 0xFFu;
}

int64_t value_min(uint32_t dtype)
{
    return dtype == RERAM_PIPE_OUT_U8 ? 0 : dtype == RERAM_PIPE_OUT_S8 ? -128 : INT32_MIN;
}

int64_t value_max(uint32_t dtype)
{
    return dtype == RERAM_PIPE_OUT_U8 ? 255 : dtype == RERAM_PIPE_OUT_S8 ? 127 : INT32_MAX;
}

uint32_t out_bytes(uint32_t dtype)
{
    return dtype == RERAM_PIPE_OUT_S32 ? 4u : 1u;
}

// The golden model's output of one accumulator (docs/cnn.md): S32 as it is, else requantized
// (TFLite's MultiplyByQuantizedMultiplier, the function of firmware/cnn) and clamped.
int64_t output_value(const PipeLayer& l, uint32_t channel, int32_t acc)
{
    if (l.out_dtype == RERAM_PIPE_OUT_S32) return acc;
    const cnn_requant& r = l.rq.at(l.per_channel ? channel : 0);
    const int32_t v = cnn_multiply_by_quantized_multiplier(acc, r.multiplier, r.shift);
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

}  // namespace

// --- decoding and checking the table -----------------------------------------------------------

namespace {

class TableReader {
public:
    TableReader(const std::vector<uint8_t>& buffer, const reram::ReramArray& array) : m_buf(buffer), m_array(array) {}

    Refusal read(uint32_t src, PipeTable& table)
    {
        if (src % 4 != 0) return refuse(Error::misaligned, "the table at SRC is not 4-byte aligned");
        uint32_t header[RERAM_PIPE_HEADER_WORDS];
        if (!words(src, RERAM_PIPE_HEADER_WORDS, header))
            return refuse(Error::out_of_range, "the table's header runs past the buffers");
        const uint32_t layers = header[2];
        if (layers == 0) return refuse(Error::zero_size, "the table has 0 layers");
        if (layers > RERAM_PIPE_MAX_LAYERS)
            return refuse(Error::too_large, "the table has " + std::to_string(layers) + " layers, more than " +
                                                std::to_string(RERAM_PIPE_MAX_LAYERS));
        table.input = header[0];
        table.output = header[1];
        for (uint32_t i = 0; i < layers; ++i) {
            uint32_t w[RERAM_PIPE_LAYER_WORDS];
            const uint64_t at = src + 4ull * (RERAM_PIPE_HEADER_WORDS + i * RERAM_PIPE_LAYER_WORDS);
            if (!words(at, RERAM_PIPE_LAYER_WORDS, w))
                return refuse(Error::out_of_range, "layer " + std::to_string(i) + "'s entry runs past the buffers");
            PipeLayer l;
            Refusal r = layer(w, l);
            if (r.code == 0) r = copies(l);
            if (r.code == 0) r = parameters(l);
            if (r.code == 0 && i > 0) r = chain(table.layers.back(), l);
            if (r.code != 0) {
                r.why = "layer " + std::to_string(i) + ": " + r.why;
                return r;
            }
            table.layers.push_back(std::move(l));
        }
        const PipeLayer& first = table.layers.front();
        const PipeLayer& last = table.layers.back();
        for (size_t i = 0; i < table.layers.size(); ++i)
            for (size_t j = 0; j < i; ++j)
                if (overlap(table.layers[i], table.layers[j]))
                    return bad("layers " + std::to_string(j) + " and " + std::to_string(i) + " share crossbars");
        for (size_t i = 0; i + 1 < table.layers.size(); ++i)
            if (table.layers[i].out_dtype == RERAM_PIPE_OUT_S32)
                return bad("layer " + std::to_string(i) + ": int32 outputs are only for the last layer");
        if (!region(table.input, pim::packed_bytes(first.x_type, static_cast<uint64_t>(first.in_c) * first.in_h * first.in_w)))
            return refuse(Error::out_of_range, "the input runs past the buffers");
        const uint64_t out = static_cast<uint64_t>(last.out_c) * last.pool_h * last.pool_w * out_bytes(last.out_dtype);
        if (!region(table.output, out)) return refuse(Error::out_of_range, "the output runs past the buffers");
        if (last.out_dtype == RERAM_PIPE_OUT_S32 && table.output % 4 != 0)
            return refuse(Error::misaligned, "int32 outputs not 4-byte aligned");
        return {};
    }

private:
    static bool overlap(const PipeLayer& a, const PipeLayer& b)
    {
        const uint64_t a_end = a.xbar + static_cast<uint64_t>(a.copies) * a.copy_crossbars;
        const uint64_t b_end = b.xbar + static_cast<uint64_t>(b.copies) * b.copy_crossbars;
        return a.xbar < b_end && b.xbar < a_end;
    }

    bool region(uint64_t at, uint64_t bytes) const { return at <= m_buf.size() && bytes <= m_buf.size() - at; }

    bool words(uint64_t at, uint32_t n, uint32_t* out) const
    {
        if (!region(at, 4ull * n)) return false;
        for (uint32_t i = 0; i < n; ++i) {
            const uint8_t* b = &m_buf[at + 4ull * i];
            out[i] = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
        }
        return true;
    }

    // A square window (kernel | stride << 8 | padding << 16) over an h x w map.
    static Refusal window(uint32_t word, const std::string& what, uint32_t h, uint32_t w, uint32_t& k, uint32_t& s,
                          uint32_t& p)
    {
        k = field(word, 0);
        s = field(word, 8);
        p = field(word, 16);
        if (k == 0) return refuse(Error::zero_size, what + " kernel 0");
        if (s == 0) return refuse(Error::bad_stride, what + " stride 0");
        if (p >= k) return refuse(Error::bad_padding, what + " padding not smaller than the kernel");
        if (k > h + 2 * p || k > w + 2 * p) return refuse(Error::bad_kernel, what + " window larger than its padded input");
        return {};
    }

    Refusal layer(const uint32_t* w, PipeLayer& l) const
    {
        const uint32_t kind = w[RERAM_PIPE_KIND] & 0xFFu;
        if (kind != RERAM_PIPE_KIND_CONV && kind != RERAM_PIPE_KIND_FC)
            return bad("kind " + std::to_string(kind) + " is not conv (0) or fc (1)");
        l.fc = kind == RERAM_PIPE_KIND_FC;
        const uint32_t bits = (w[RERAM_PIPE_KIND] & RERAM_OP_X_BITS_MASK) >> RERAM_OP_X_BITS_SHIFT;
        l.x_type = (w[RERAM_PIPE_KIND] & RERAM_OP_X_SIGNED) != 0 ? ElemType::signed_bits(bits) : ElemType::unsigned_bits(bits);
        if (!l.x_type.is_valid() || bits > reram::max_input_bits) return refuse(Error::bad_type, "input width not in 1..16");
        l.out_dtype = (w[RERAM_PIPE_KIND] >> RERAM_PIPE_OUT_SHIFT) & 3u;
        if (l.out_dtype > RERAM_PIPE_OUT_S32) return bad("output dtype 3 is not U8, S8 or S32");
        l.per_channel = (w[RERAM_PIPE_KIND] & RERAM_PIPE_PER_CHANNEL) != 0;
        l.in_c = w[RERAM_PIPE_IN_C];
        l.in_h = w[RERAM_PIPE_IN_H];
        l.in_w = w[RERAM_PIPE_IN_W];
        l.out_c = w[RERAM_PIPE_OUT_C];
        if (l.in_c == 0 || l.in_h == 0 || l.in_w == 0 || l.out_c == 0) return refuse(Error::zero_size, "a size is 0");
        if (l.in_c > 4096 || l.in_h > 4096 || l.in_w > 4096 || l.out_c > 4096)
            return refuse(Error::too_large, "a size above 4096");
        if (!l.fc) {
            if (Refusal r = window(w[RERAM_PIPE_CONV], "conv", l.in_h, l.in_w, l.k, l.s, l.p); r.code != 0) return r;
            l.out_h = (l.in_h + 2 * l.p - l.k) / l.s + 1;
            l.out_w = (l.in_w + 2 * l.p - l.k) / l.s + 1;
            l.inputs = l.in_c * l.k * l.k;
        } else {
            if (w[RERAM_PIPE_CONV] != 0 || w[RERAM_PIPE_POOL] != 0) return bad("an fc layer with conv or pool geometry");
            l.inputs = l.in_c * l.in_h * l.in_w;
        }
        if (w[RERAM_PIPE_POOL] != 0) {
            if (Refusal r = window(w[RERAM_PIPE_POOL], "pool", l.out_h, l.out_w, l.pk, l.ps, l.pp); r.code != 0) return r;
        }
        l.pool_h = (l.out_h + 2 * l.pp - l.pk) / l.ps + 1;
        l.pool_w = (l.out_w + 2 * l.pp - l.pk) / l.ps + 1;
        l.xbar = w[RERAM_PIPE_XBAR];
        l.copies = w[RERAM_PIPE_COPIES];
        l.in_blocks = w[RERAM_PIPE_BLOCKS] & 0xFFFFu;
        l.out_blocks = w[RERAM_PIPE_BLOCKS] >> 16;
        if (l.copies == 0 || l.in_blocks == 0 || l.out_blocks == 0) return refuse(Error::zero_size, "copies or blocks 0");
        l.bias = w[RERAM_PIPE_BIAS];
        l.requant = w[RERAM_PIPE_REQUANT];
        l.act_min = static_cast<int16_t>(w[RERAM_PIPE_CLAMP] & 0xFFFFu);
        l.act_max = static_cast<int16_t>(w[RERAM_PIPE_CLAMP] >> 16);
        if (l.out_dtype != RERAM_PIPE_OUT_S32 &&
            (l.act_min > l.act_max || l.act_min < value_min(l.out_dtype) || l.act_max > value_max(l.out_dtype)))
            return bad("clamp [" + std::to_string(l.act_min) + ", " + std::to_string(l.act_max) + "] not within the output type");
        return {};
    }

    // Copy c's blocks lie one after another from xbar + c x (crossbars of a copy), each as PROGRAM
    // left it: the same split of inputs and outputs in every copy, one weight type.
    Refusal copies(PipeLayer& l) const
    {
        const uint64_t blocks = static_cast<uint64_t>(l.in_blocks) * l.out_blocks;
        for (uint32_t c = 0; c < l.copies; ++c) {
            uint64_t x = l.xbar + static_cast<uint64_t>(c) * l.copy_crossbars;
            uint32_t in_first = 0;
            for (uint64_t b = 0; b < blocks; ++b) {
                if (x >= m_array.crossbar_count())
                    return refuse(Error::out_of_range, "copy " + std::to_string(c) + " runs past the last crossbar");
                const reram::ProgrammedBlock* pb = m_array.block(static_cast<uint32_t>(x));
                const std::string at = "copy " + std::to_string(c) + " block " + std::to_string(b) + " (crossbar " +
                                       std::to_string(x) + ")";
                if (pb == nullptr || pb->first_crossbar != x) return bad(at + ": no block programmed there");
                const uint32_t ob = static_cast<uint32_t>(b % l.out_blocks);
                if (c == 0) {
                    if (b == 0) l.w_type = pb->type;
                    const uint32_t out_first = ob == 0 ? 0 : l.blocks.back().out_first + l.blocks.back().outputs;
                    if (ob == 0 && b > 0) in_first += l.blocks.back().inputs;
                    l.blocks.push_back({static_cast<uint32_t>(x - l.xbar), in_first, pb->inputs, out_first, pb->outputs});
                    if (pb->type != l.w_type) return bad(at + ": a weight type unlike the layer's first block");
                    if (!l.fc && pb->inputs % (l.k * l.k) != 0) return bad(at + ": inputs not whole input channels");
                    if (ob > 0 && pb->inputs != l.blocks[b - ob].inputs) return bad(at + ": inputs unlike its row's");
                    if (b >= l.out_blocks && pb->outputs != l.blocks[ob].outputs) return bad(at + ": outputs unlike its column's");
                } else {
                    const PipeBlock& ref = l.blocks[b];
                    if (pb->inputs != ref.inputs || pb->outputs != ref.outputs || pb->type != l.w_type ||
                        x - l.xbar - static_cast<uint64_t>(c) * l.copy_crossbars != ref.offset)
                        return bad(at + ": not a copy of copy 0");
                }
                x += pb->plan.crossbars;
            }
            if (c == 0) {
                l.copy_crossbars = static_cast<uint32_t>(x - l.xbar);
                const PipeBlock& end = l.blocks.back();
                if (end.in_first + end.inputs != l.inputs || end.out_first + end.outputs != l.out_c)
                    return bad("the blocks hold " + std::to_string(end.in_first + end.inputs) + " x " +
                               std::to_string(end.out_first + end.outputs) + " weights, the layer needs " +
                               std::to_string(l.inputs) + " x " + std::to_string(l.out_c));
            }
        }
        return {};
    }

    // Biases and requantization from the buffers, in the golden model's ranges (cnn_check_model).
    Refusal parameters(PipeLayer& l) const
    {
        l.bias_values.assign(l.out_c, 0);
        if (l.bias != RERAM_PIPE_NONE) {
            if (l.bias % 4 != 0) return refuse(Error::misaligned, "biases not 4-byte aligned");
            if (!words(l.bias, l.out_c, reinterpret_cast<uint32_t*>(l.bias_values.data())))
                return refuse(Error::out_of_range, "the biases run past the buffers");
        }
        if (l.out_dtype == RERAM_PIPE_OUT_S32) return {};
        const uint32_t n = l.per_channel ? l.out_c : 1;
        std::vector<uint32_t> pairs(2ull * n);
        if (l.requant % 4 != 0) return refuse(Error::misaligned, "requantization not 4-byte aligned");
        if (!words(l.requant, 2 * n, pairs.data())) return refuse(Error::out_of_range, "the requantization runs past the buffers");
        for (uint32_t c = 0; c < n; ++c) {
            const auto m = static_cast<int32_t>(pairs[2 * c]);
            const auto s = static_cast<int32_t>(pairs[2 * c + 1]);
            if ((m != 0 && m < (1 << 30)) || m < 0 || s < -31 || s > 30)
                return bad("requantization " + std::to_string(c) + ": multiplier " + std::to_string(m) + " shift " +
                           std::to_string(s) + " outside [2^30, 2^31) x [-31, 30]");
            l.rq.push_back({m, s});
        }
        return {};
    }

    // Layer l reads what `prev` hands on: its pooled shape, values its input type holds.
    static Refusal chain(const PipeLayer& prev, const PipeLayer& l)
    {
        if (l.in_c != prev.out_c || l.in_h != prev.pool_h || l.in_w != prev.pool_w)
            return bad("input " + std::to_string(l.in_c) + "x" + std::to_string(l.in_h) + "x" + std::to_string(l.in_w) +
                       " is not the previous layer's output " + std::to_string(prev.out_c) + "x" +
                       std::to_string(prev.pool_h) + "x" + std::to_string(prev.pool_w));
        if (prev.out_dtype == RERAM_PIPE_OUT_S32 || prev.act_min < pim::min_value(l.x_type) || prev.act_max > pim::max_value(l.x_type))
            return bad("the input type does not hold the previous layer's outputs");
        return {};
    }

    const std::vector<uint8_t>& m_buf;
    const reram::ReramArray& m_array;
};

// The table as the step simulator's network (fused conv+pool and fc layers).
reram::Network pipeline_network(const PipeTable& t)
{
    reram::Network net;
    net.name = "pipeline";
    for (size_t i = 0; i < t.layers.size(); ++i) {
        const PipeLayer& l = t.layers[i];
        reram::Layer n;
        n.name = "layer " + std::to_string(i);
        n.fc = l.fc;
        n.ci = l.fc ? l.inputs : l.in_c;
        n.co = l.out_c;
        n.wo = l.out_w;
        n.ho = l.out_h;
        n.kc = l.k;
        n.sc = l.s;
        n.pc = l.p;
        n.kp = l.pk;
        n.sp = l.ps;
        n.pp = l.pp;
        net.layers.push_back(n);
    }
    return net;
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
    const Refusal r = TableReader(m_buffer, m_array).read(m_desc.src, table);
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
    for (const PipeLayer& l : table.layers) {
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
                used.insert(m_array.tile_of(base + b.offset));
            }
            for (uint32_t o = 0; o < l.out_c; ++o) {
                const auto acc = static_cast<int32_t>(static_cast<uint32_t>(sums[o] + l.bias_values[o]));  // int32 wraps
                conv[static_cast<size_t>(o) * positions + p] = output_value(l, o, acc);
            }
        }
        act = max_pool(l, conv);
        run.crossbars += l.copies * l.copy_crossbars;
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
