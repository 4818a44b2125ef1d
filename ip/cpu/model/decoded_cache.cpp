#include "decoded_cache.h"

#include <algorithm>

namespace pimsoc::cpu {

DecodedCache::DecodedCache() : m_code_page(size_t{1} << (32 - page_shift), 0) {}

DecodedCache::Page* DecodedCache::find(uint32_t page_number) const
{
    const auto& dir = m_dirs[page_number >> dir_bits];
    return dir ? (*dir)[page_number & ((1u << dir_bits) - 1)] : nullptr;
}

DecodedCache::Page& DecodedCache::page_for(uint32_t pc)
{
    const uint32_t page_number = pc >> page_shift;
    auto& dir = m_dirs[page_number >> dir_bits];
    if (!dir) {
        dir = std::make_unique<Directory>();
        dir->fill(nullptr);
    }
    Page*& slot = (*dir)[page_number & ((1u << dir_bits) - 1)];
    if (!slot) {
        m_pages.push_back(std::make_unique<Page>());
        m_page_numbers.push_back(page_number);
        slot = m_pages.back().get();
    }
    return *slot;
}

// Block summaries need no other invalidation: an entry dropped by a store, fence.i or a DMI
// invalidation reads as undecoded, a block stops there (the loop decodes it at its top), and the
// instructions before it are those the summary counted; decoding it again drops the summaries.
void DecodedCache::mark_code(Page& page, uint32_t pc, unsigned len)
{
    drop_blocks_up_to(page, (pc & page_mask) >> line_shift);
    DecodedInsn& entry = page.entries[(pc & page_mask) >> 1];
    entry.dispatch = m_dispatch[static_cast<unsigned>(entry.op)];
    page.code_lines |= uint64_t{1} << ((pc & page_mask) >> line_shift);
    m_code_page[pc >> page_shift] = 1;
    // A 4-byte instruction may straddle into the next page: a store there must find it too
    // (invalidate_range looks 2 bytes back).
    m_code_page[(pc + len - 1) >> page_shift] = 1;
}

// m_code_page stays set until flush(): a page may also be marked by an instruction straddling
// into it from the previous page.
bool DecodedCache::invalidate_lines(Page& page, uint32_t first_line, uint32_t last_line)
{
    constexpr unsigned entries_per_line = entries_per_page / lines_per_page;
    bool dropped = false;
    for (uint32_t line = first_line; line <= last_line; ++line) {
        const uint64_t bit = uint64_t{1} << line;
        if (page.code_lines & bit) {
            page.code_lines &= ~bit;
            std::fill_n(page.entries.begin() + line * entries_per_line, entries_per_line, DecodedInsn{});
            dropped = true;
        }
    }
    if (dropped) {  // translations covering the dropped entries would still run them
        drop_blocks_up_to(page, last_line);
    }
    return dropped;
}

void DecodedCache::drop_blocks_up_to(Page& page, uint32_t last_line)
{
    constexpr unsigned entries_per_line = entries_per_page / lines_per_page;
    const uint64_t lines =
        last_line + 1 >= lines_per_page ? ~uint64_t{0} : (uint64_t{1} << (last_line + 1)) - 1;
    uint64_t built = page.block_lines & lines;
    page.block_lines &= ~lines;
    while (built != 0) {
        const auto line = static_cast<unsigned>(__builtin_ctzll(built));
        built &= built - 1;
        std::fill_n(page.blocks.begin() + line * entries_per_line, entries_per_line, BlockSummary{});
        std::fill_n(page.jit.begin() + line * entries_per_line, entries_per_line, nullptr);
    }
}

bool DecodedCache::invalidate_range(uint32_t addr, uint32_t len)
{
    bool dropped = false;
    constexpr uint32_t straddle = 2;  // a 4-byte instruction starting 2 bytes earlier overlaps
    const uint64_t first = addr >= straddle ? addr - straddle : 0;
    const uint64_t last = uint64_t{addr} + (len ? len - 1 : 0);
    for (uint64_t page_start = first & ~uint64_t{page_mask}; page_start <= last; page_start += page_size) {
        const auto page_number = static_cast<uint32_t>(page_start >> page_shift);
        Page* page = find(page_number);
        if (!page) {
            continue;
        }
        const uint64_t lo = std::max(first, page_start);
        const uint64_t hi = std::min(last, page_start + page_mask);
        dropped |= invalidate_lines(*page, static_cast<uint32_t>((lo & page_mask) >> line_shift),
                                    static_cast<uint32_t>((hi & page_mask) >> line_shift));
    }
    return dropped;
}

void DecodedCache::flush()
{
    for (size_t n = 0; n < m_pages.size(); ++n) {
        Page& page = *m_pages[n];
        if (page.code_lines != 0) {
            page.entries.fill(DecodedInsn{});
            page.code_lines = 0;
        }
        drop_blocks_up_to(page, lines_per_page - 1);
        m_code_page[m_page_numbers[n]] = 0;
    }
}

void DecodedCache::drop_translations()
{
    for (const auto& page : m_pages) {
        page->jit.fill(nullptr);
    }
}

}  // namespace pimsoc::cpu
