// Decoded-instruction cache keyed by pc: one lazily allocated page of entries per 4 KiB of guest
// code (one entry per halfword, since compressed instructions make every 2-byte pc valid).
// Pages are never freed while the core lives, so the run loop may keep a page pointer across a
// flush; invalidation only resets entries.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "decoded_block.h"
#include "decoded_insn.h"
#include "jit_context.h"

namespace pimsoc::cpu {

class DecodedCache {
public:
    static constexpr unsigned page_shift = 12;
    static constexpr uint32_t page_size = 1u << page_shift;
    static constexpr uint32_t page_mask = page_size - 1;
    static constexpr unsigned entries_per_page = page_size / 2;
    // Code is tracked in lines so that data stores next to code (same page) stay cheap.
    static constexpr unsigned line_shift = 6;
    static constexpr unsigned lines_per_page = page_size >> line_shift;
    static_assert(lines_per_page == 64, "one bit per line in a uint64_t mask");

    struct Page {
        std::array<DecodedInsn, entries_per_page> entries{};
        uint64_t code_lines = 0;  // lines holding decoded entries
        // Block summaries by start entry (decoded_block.h), built on first use; block_lines marks
        // the lines holding built ones. A summary covers entries after its start, so decoding an
        // entry drops the summaries of its line and every line before it on the page.
        std::array<BlockSummary, entries_per_page> blocks{};
        uint64_t block_lines = 0;
        // Translations of those blocks (block_jit.h), by start entry; nullptr: not translated yet.
        // Only built blocks have one, and they are dropped with the summaries, which also happens
        // whenever decoded entries of the page are dropped (translated code never looks at them).
        std::array<JitBlockFn, entries_per_page> jit{};
    };

    DecodedCache();

    // The page for pc, allocated on first use.
    Page& page_for(uint32_t pc);

    // Marks the bytes of a just-decoded instruction as code so that stores to them invalidate it
    // (and drops the block summaries that stopped short of it); sets its dispatch value.
    void mark_code(Page& page, uint32_t pc, unsigned len);

    // The DecodedInsn::dispatch value of each Op, set by the hot loop before it decodes anything.
    bool has_dispatch() const { return m_has_dispatch; }
    void set_dispatch(const std::array<int32_t, op_count>& by_op)
    {
        m_dispatch = by_op;
        m_has_dispatch = true;
    }

    // The block that starts at pc (on `page`); summarised on first use. Empty when pc is not decoded.
    const BlockSummary& block_at(Page& page, uint32_t pc, uint32_t taken_extra_cycles)
    {
        const unsigned index = (pc & page_mask) >> 1;
        BlockSummary& block = page.blocks[index];
        if (block.insns == 0) {
            block = summarise_block(page.entries, index, taken_extra_cycles);
            page.block_lines |= uint64_t{1} << ((pc & page_mask) >> line_shift);
        }
        return block;
    }

    // True when a store to [addr, addr+len) may hit decoded code (cheap: one byte per page).
    bool may_hold_code(uint32_t addr, unsigned len) const
    {
        return (m_code_page[addr >> page_shift] | m_code_page[(addr + len - 1) >> page_shift]) != 0;
    }

    // Drops decoded entries overlapping [addr, addr+len) (including a 4-byte instruction that
    // starts 2 bytes before addr); true when any were dropped.
    bool invalidate_range(uint32_t addr, uint32_t len);
    void flush();
    // Drops every block translation (the JIT's code buffer is about to be reused).
    void drop_translations();

    // One byte per 4 KiB guest page, nonzero when the page may hold decoded code (for translated
    // stores, which leave such stores to the interpreter).
    const uint8_t* code_page_bytes() const { return m_code_page.data(); }

private:
    static constexpr unsigned dir_bits = 10;
    using Directory = std::array<Page*, 1u << dir_bits>;

    Page* find(uint32_t page_number) const;
    bool invalidate_lines(Page& page, uint32_t first_line, uint32_t last_line);
    static void drop_blocks_up_to(Page& page, uint32_t last_line);

    std::array<std::unique_ptr<Directory>, 1u << dir_bits> m_dirs{};
    std::vector<std::unique_ptr<Page>> m_pages;  // ownership; the directories hold raw pointers
    std::vector<uint32_t> m_page_numbers;        // of m_pages, for flush()
    std::vector<uint8_t> m_code_page;            // per guest page: 1 when it holds decoded code
    std::array<int32_t, op_count> m_dispatch{};
    bool m_has_dispatch = false;
};

}  // namespace pimsoc::cpu
