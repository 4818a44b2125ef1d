// Making block translations (block_jit.h) for the hot loop; kept out of rv_core_exec.cpp, whose
// code layout is tuned for threaded dispatch.
#include "block_jit.h"
#include "rv_core.h"

namespace pimsoc::cpu {

JitBlockFn RvCore::translate_block(DecodedCache::Page& page, uint32_t pc, const BlockSummary& block)
{
    if (!m_jit->has_room()) {  // reuse the code buffer: no translation runs while we are here
        m_decoded.drop_translations();
        m_jit->reset();
    }
    const unsigned index = (pc & DecodedCache::page_mask) >> 1;
    const JitBlockFn fn = m_jit->translate(&page.entries[index], block, pc, m_decoded);
    page.jit[index] = fn;
    return fn;
}

}  // namespace pimsoc::cpu
