// The PIPELINE command's table: see pipeline_table.h.
#include "reram/pipeline_table.h"

#include <algorithm>
#include <climits>
#include <string>
#include <utility>

namespace pimsoc::reram_pipe {
namespace {

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

}  // namespace

uint32_t out_bytes(uint32_t dtype)
{
    return dtype == RERAM_PIPE_OUT_S32 ? 4u : 1u;
}

Refusal read_table(const std::vector<uint8_t>& buffer, const reram::ReramArray& array, uint32_t src, PipeTable& table)
{
    return TableReader(buffer, array).read(src, table);
}

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

}  // namespace pimsoc::reram_pipe
