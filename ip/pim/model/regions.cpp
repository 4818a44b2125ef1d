#include "regions.h"

namespace pimsoc::pim {

namespace {

constexpr uint32_t int32_bytes = 4;

// Bytes from the first vector's start to the last one's end; false when the strides alone run
// past the memory (so the caller never computes an overflowing product).
bool strided_bytes(uint64_t count, uint64_t stride, uint64_t vector_bytes, uint64_t capacity, uint64_t& total)
{
    if (stride != 0 && count - 1 > capacity / stride) return false;
    total = (count - 1) * stride + vector_bytes;
    return true;
}

}  // namespace

CommandRegions regions(const DotCommand& cmd, uint64_t capacity)
{
    CommandRegions r;
    uint64_t len_a = 0;
    uint64_t len_b = 0;
    if (!strided_bytes(cmd.count, cmd.stride_a, packed_bytes(cmd.type_a, cmd.length), capacity, len_a) ||
        !strided_bytes(cmd.count, cmd.stride_b, packed_bytes(cmd.type_b, cmd.length), capacity, len_b)) {
        r.overflow = true;
        return r;
    }
    r.add_in({cmd.a, len_a, elem_bytes(cmd.type_a)});
    r.add_in({cmd.b, len_b, elem_bytes(cmd.type_b)});
    if (cmd.has_bias) r.add_in({cmd.bias, uint64_t{int32_bytes} * cmd.count, int32_bytes});
    if (cmd.write_result) r.add_out({cmd.dst, uint64_t{int32_bytes} * cmd.count, int32_bytes});
    return r;
}

CommandRegions regions(const Conv2dCommand& cmd)
{
    CommandRegions r;
    const uint64_t in_elems = uint64_t{cmd.channels} * cmd.height * cmd.width;
    const uint64_t k_elems = uint64_t{cmd.channels} * cmd.kernel_h * cmd.kernel_w;
    r.add_in({cmd.in, packed_bytes(cmd.in_type, in_elems), elem_bytes(cmd.in_type)});
    r.add_in({cmd.kernel, packed_bytes(cmd.kernel_type, k_elems), elem_bytes(cmd.kernel_type)});
    if (cmd.write_result)
        r.add_out({cmd.dst, uint64_t{int32_bytes} * conv_out_height(cmd) * conv_out_width(cmd), int32_bytes});
    return r;
}

Error check_regions(const CommandRegions& regions, const BankedMemory& memory)
{
    if (regions.overflow) return Error::out_of_range;
    const Region* all[CommandRegions::max_in + CommandRegions::max_out];
    size_t n = 0;
    for (size_t i = 0; i < regions.n_in; ++i) all[n++] = &regions.in[i];
    for (size_t i = 0; i < regions.n_out; ++i) all[n++] = &regions.out[i];
    if (n == 0) return Error::none;
    for (size_t i = 0; i < n; ++i)
        if (!memory.contains(all[i]->address, all[i]->length)) return Error::out_of_range;
    for (size_t i = 0; i < n; ++i)
        if (all[i]->address % all[i]->align != 0) return Error::misaligned;
    const uint64_t bank = memory.bank_of(all[0]->address);
    for (size_t i = 0; i < n; ++i)
        if (memory.bank_of(all[i]->address) != bank || memory.bank_of(all[i]->address + all[i]->length - 1) != bank)
            return Error::cross_bank;
    for (size_t o = 0; o < regions.n_out; ++o)
        for (size_t i = 0; i < regions.n_in; ++i)
            if (regions.out[o].address < regions.in[i].address + regions.in[i].length &&
                regions.in[i].address < regions.out[o].address + regions.out[o].length)
                return Error::overlap;
    return Error::none;
}

}  // namespace pimsoc::pim
