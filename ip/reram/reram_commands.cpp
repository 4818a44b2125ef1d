// The ReRAM controller's commands: PROGRAM, MVM and CONV decoded from the descriptor, checked,
// and run on the model with the operands from the tiles' buffers (docs/models/reram_controller.md,
// "Commands" and "Errors").
#include <cstring>

#include "pim/model/conv_registers.h"
#include "pim/model/regions.h"
#include "reram/reram.h"

namespace pimsoc {
namespace {

using pim::Error;
using pim::ElemType;

ElemType element_type(uint32_t op, uint32_t bits_mask, uint32_t bits_shift, uint32_t signed_bit)
{
    const uint32_t bits = (op & bits_mask) >> bits_shift;
    return (op & signed_bit) != 0 ? ElemType::signed_bits(bits) : ElemType::unsigned_bits(bits);
}

ElemType input_type(uint32_t op)
{
    return element_type(op, RERAM_OP_X_BITS_MASK, RERAM_OP_X_BITS_SHIFT, RERAM_OP_X_SIGNED);
}

ElemType weight_type(uint32_t op)
{
    return element_type(op, RERAM_OP_W_BITS_MASK, RERAM_OP_W_BITS_SHIFT, RERAM_OP_W_SIGNED);
}

bool supported(ElemType t, uint32_t max_bits)
{
    return t.is_valid() && t.bits() <= max_bits;
}

// The byte pitch of vectors of `count` elements: `stride`, or packed one after another when 0;
// bad_stride when it is smaller than one vector or not a multiple of the element's alignment.
Error vector_pitch(ElemType type, uint32_t count, uint32_t stride, uint64_t& pitch)
{
    const uint64_t bytes = pim::packed_bytes(type, count);
    pitch = stride == 0 ? bytes : stride;
    return pitch < bytes || pitch % pim::elem_bytes(type) != 0 ? Error::bad_stride : Error::none;
}

}  // namespace

Error Reram::check_regions(const pim::CommandRegions& regions) const
{
    const Error e = pim::check_regions(regions, pim::BankedMemory{m_buffer.size(), m_tile_bytes});
    if (e != Error::none) {
        return e;
    }
    // check_regions() put every region in the first one's tile: it must be the block's.
    return regions.in[0].address / m_tile_bytes == m_array.tile_of(m_desc.xbar) ? Error::none : Error::cross_bank;
}

std::vector<int64_t> Reram::unpack(uint64_t address, ElemType type, uint64_t count) const
{
    std::vector<int64_t> values(count);
    pim::unpack(&m_buffer[address], type, values.data(), count);
    return values;
}

void Reram::store_int32(uint64_t address, int64_t value)
{
    const auto word = static_cast<uint32_t>(value);  // int32 results wrap (docs/models/pim.md)
    for (unsigned i = 0; i < 4; ++i) {
        m_buffer[address + i] = static_cast<uint8_t>(word >> (8 * i));
    }
}

void Reram::add(Run& run, const reram::Result& r)
{
    run.latency_ps += r.cost.latency_ps;
    run.counters += r.cost.counters;
}

Error Reram::program(Run& run)
{
    const Descriptor& d = m_desc;
    const ElemType type = weight_type(d.op);
    const reram::Geometry& g = m_array.config().geometry;
    if (!supported(type, reram::max_weight_bits)) return Error::bad_type;
    if (d.inputs == 0 || d.outputs == 0) return Error::zero_size;
    if (d.inputs > g.rows || d.outputs > g.columns) return Error::too_large;  // before reading the weights
    if (d.xbar >= m_array.crossbar_count()) return Error::out_of_range;
    uint64_t pitch = 0;
    if (const Error e = vector_pitch(type, d.inputs, d.stride, pitch); e != Error::none) return e;
    pim::CommandRegions regions;
    regions.add_in({d.src, (d.outputs - 1) * pitch + pim::packed_bytes(type, d.inputs), pim::elem_bytes(type)});
    if (const Error e = check_regions(regions); e != Error::none) return e;

    reram::WeightBlock block{type, d.inputs, d.outputs, {}};
    block.weights.reserve(static_cast<size_t>(d.inputs) * d.outputs);
    for (uint32_t o = 0; o < d.outputs; ++o) {
        const std::vector<int64_t> row = unpack(d.src + o * pitch, type, d.inputs);
        block.weights.insert(block.weights.end(), row.begin(), row.end());
    }
    const reram::Result r = m_array.program(d.xbar, block);  // its checks: columns, crossbars, tile
    if (r.error != Error::none) return r.error;
    add(run, r);
    run.crossbars = m_array.block(d.xbar)->plan.crossbars;
    return Error::none;
}

Error Reram::check_block(ElemType x_type) const
{
    if (m_desc.xbar >= m_array.crossbar_count()) return Error::out_of_range;
    if (m_array.block(m_desc.xbar) == nullptr) return Error::bad_cmd;
    return supported(x_type, reram::max_input_bits) ? Error::none : Error::bad_type;
}

Error Reram::mvm(Run& run)
{
    const Descriptor& d = m_desc;
    const ElemType type = input_type(d.op);
    if (const Error e = check_block(type); e != Error::none) return e;
    const reram::ProgrammedBlock& b = *m_array.block(d.xbar);
    if (d.count == 0) return Error::zero_size;
    uint64_t pitch = 0;
    if (const Error e = vector_pitch(type, b.inputs, d.stride, pitch); e != Error::none) return e;
    pim::CommandRegions regions;
    regions.add_in({d.src, (d.count - 1) * pitch + pim::packed_bytes(type, b.inputs), pim::elem_bytes(type)});
    regions.add_out({d.dst, 4ull * d.count * b.outputs, 4});
    if (const Error e = check_regions(regions); e != Error::none) return e;

    std::vector<int64_t> out;
    for (uint32_t k = 0; k < d.count; ++k) {
        const reram::Result r = m_array.mvm(d.xbar, type, unpack(d.src + k * pitch, type, b.inputs), &out);
        add(run, r);
        for (uint32_t o = 0; o < b.outputs; ++o) {
            store_int32(d.dst + 4ull * (static_cast<uint64_t>(k) * b.outputs + o), out[o]);
        }
    }
    run.crossbars = b.plan.crossbars;
    return Error::none;
}

Error Reram::conv(Run& run)
{
    const Descriptor& d = m_desc;
    const ElemType type = input_type(d.op);
    if (const Error e = check_block(type); e != Error::none) return e;
    const reram::ProgrammedBlock& b = *m_array.block(d.xbar);
    pim::Conv2dCommand c;
    c.in_type = type;
    c.kernel_type = b.type;
    pim::set_conv_geometry(c, d.conv_in, d.conv_k);
    if (const Error e = pim::validate(c); e != Error::none) return e;
    const uint32_t taps = c.kernel_h * c.kernel_w;
    if (b.inputs != c.channels * taps) return Error::too_large;  // the block is not this kernel's
    const uint32_t out_h = pim::conv_out_height(c), out_w = pim::conv_out_width(c);
    const uint64_t plane = static_cast<uint64_t>(c.height) * c.width;
    pim::CommandRegions regions;
    regions.add_in({d.src, pim::packed_bytes(type, c.channels * plane), pim::elem_bytes(type)});
    regions.add_out({d.dst, 4ull * b.outputs * out_h * out_w, 4});
    if (const Error e = check_regions(regions); e != Error::none) return e;

    const std::vector<int64_t> in = unpack(d.src, type, c.channels * plane);
    std::vector<int64_t> im2col(b.inputs), out;
    for (uint32_t y = 0; y < out_h; ++y) {
        for (uint32_t x = 0; x < out_w; ++x) {
            // The im2col window at (y, x): taps in the padding are 0.
            for (uint32_t ch = 0; ch < c.channels; ++ch) {
                for (uint32_t i = 0; i < c.kernel_h; ++i) {
                    for (uint32_t j = 0; j < c.kernel_w; ++j) {
                        const int64_t iy = static_cast<int64_t>(y) * c.stride_h + i - c.pad_h;
                        const int64_t ix = static_cast<int64_t>(x) * c.stride_w + j - c.pad_w;
                        const bool inside = iy >= 0 && iy < c.height && ix >= 0 && ix < c.width;
                        im2col[ch * taps + i * c.kernel_w + j] =
                            inside ? in[ch * plane + static_cast<uint64_t>(iy) * c.width + static_cast<uint64_t>(ix)] : 0;
                    }
                }
            }
            add(run, m_array.mvm(d.xbar, type, im2col, &out));
            for (uint32_t o = 0; o < b.outputs; ++o) {
                store_int32(d.dst + 4ull * ((static_cast<uint64_t>(o) * out_h + y) * out_w + x), out[o]);
            }
        }
    }
    run.crossbars = b.plan.crossbars;
    return Error::none;
}

}  // namespace pimsoc
