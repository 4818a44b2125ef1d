#include "decoded_block.h"

#include "decoded_cache.h"
#include "decoder.h"

namespace pimsoc::cpu {

bool ends_block(Op op)
{
    const OpClass c = op_class(op);
    return handler_of[static_cast<unsigned>(op)] == Handler::system || c == OpClass::branch ||
           c == OpClass::jump;
}

template <std::size_t N>
BlockSummary summarise_block(const std::array<DecodedInsn, N>& entries, unsigned first,
                             uint32_t taken_extra_cycles)
{
    BlockSummary block;
    for (unsigned index = first; index < N;) {
        const DecodedInsn& d = entries[index];
        if (d.op == Op::undecoded) {
            break;
        }
        ++block.insns;
        block.base_cycles += d.cycles;
        const OpClass c = op_class(d.op);
        block.loads += c == OpClass::load ? 1 : 0;
        block.stores += c == OpClass::store ? 1 : 0;
        if (ends_block(d.op)) {
            block.base_cycles += c == OpClass::branch ? taken_extra_cycles : 0;
            break;
        }
        index += d.len / 2;
    }
    return block;
}

template BlockSummary summarise_block(const std::array<DecodedInsn, DecodedCache::entries_per_page>&,
                                      unsigned, uint32_t);

}  // namespace pimsoc::cpu
