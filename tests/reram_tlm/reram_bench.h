// The ReRAM controller's TLM test bench (tests/reram_tlm): the small device of reram_small_params()
// on two test initiators (registers, buffer window) and an interrupt sink, a twin model fed the
// same calls, and integer references.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/tlm_test_initiator.h"
#include "reram/reram.h"
#include "reram_tlm/reram_small_params.h"

namespace pimsoc::reram_test {

using pim::ElemType;
using sc_core::SC_NS;
using sc_core::SC_PS;
using sc_core::sc_time;

constexpr uint32_t kTile = 1024;  // buffer bytes per tile
constexpr uint64_t kSeed = 7;
constexpr uint32_t kProgramI8 = RERAM_OP_VALUE(RERAM_OP_PROGRAM, 0, false, 8, true);
constexpr uint32_t kMvmU8 = RERAM_OP_VALUE(RERAM_OP_MVM, 8, false, 8, true);

inline sc_time ps(uint64_t value)
{
    return sc_time(static_cast<double>(value), SC_PS);
}

inline ReramParams ideal_params()
{
    ReramParams p = test::reram_small_params();
    p.model.non_ideal.ideal = true;
    return p;
}

// Deterministic values of a type (a simple LCG over its range).
inline std::vector<int64_t> values(ElemType t, size_t n, uint32_t seed)
{
    std::vector<int64_t> v(n);
    uint32_t s = seed;
    const int64_t span = pim::max_value(t) - pim::min_value(t) + 1;
    for (int64_t& x : v) {
        s = s * 1664525u + 1013904223u;
        x = pim::min_value(t) + static_cast<int64_t>((s >> 8) % static_cast<uint64_t>(span));
    }
    return v;
}

struct Bench {
    // `prefix`: before the modules' names (two benches in one simulation).
    explicit Bench(const ReramParams& p = test::reram_small_params(), const std::string& prefix = "")
        : name_prefix(prefix), params(p)
    {
        regs.socket.bind(reram.socket);
        win.socket.bind(reram.window);
        reram.irq.bind(irq.signal);
    }

    std::string name_prefix;
    ReramParams params;
    Reram reram{(name_prefix + "reram").c_str(), params, RandomStreams(kSeed)};
    reram::ReramArray twin{params.to_model(), RandomStreams(kSeed), "reram"};  // the same calls: expected results
    test::TlmTestInitiator regs{(name_prefix + "regs").c_str()};
    test::TlmTestInitiator win{(name_prefix + "win").c_str()};
    test::IrqSink irq{(name_prefix + "irq_sink").c_str()};

    uint32_t reg(uint32_t offset) { return static_cast<uint32_t>(regs.read32(offset).value); }
    void set(uint32_t offset, uint32_t value) { EXPECT_EQ(regs.write32(offset, value), tlm::TLM_OK_RESPONSE); }

    // Packs `v` of type t at buffer offset `address` through the window.
    void put(uint32_t address, ElemType t, const std::vector<int64_t>& v)
    {
        std::vector<uint8_t> bytes(pim::packed_bytes(t, v.size()));
        pim::pack(bytes.data(), t, v.data(), v.size());
        EXPECT_EQ(win.access(tlm::TLM_WRITE_COMMAND, address, bytes.data(), static_cast<unsigned>(bytes.size())),
                  tlm::TLM_OK_RESPONSE);
        win.sync();
    }
    std::vector<int32_t> results(uint32_t address, size_t count)
    {
        std::vector<int32_t> out(count);
        EXPECT_EQ(win.debug_read(address, reinterpret_cast<uint8_t*>(out.data()), static_cast<unsigned>(4 * count)),
                  4 * count);
        return out;
    }

    // PROGRAM of `outputs` x `inputs` weights (int8, or OP `op`'s) staged at `src` onto crossbar `xbar`.
    void program(uint32_t xbar, uint32_t src, uint32_t inputs, uint32_t outputs, uint32_t op = kProgramI8)
    {
        set(RERAM_OP, op);
        set(RERAM_XBAR, xbar);
        set(RERAM_SRC, src);
        set(RERAM_INPUTS, inputs);
        set(RERAM_OUTPUTS, outputs);
        set(RERAM_STRIDE, 0);
        set(RERAM_CMD, RERAM_CMD_START);
    }
    void mvm(uint32_t op, uint32_t xbar, uint32_t src, uint32_t dst, uint32_t count)
    {
        set(RERAM_OP, op);
        set(RERAM_XBAR, xbar);
        set(RERAM_SRC, src);
        set(RERAM_DST, dst);
        set(RERAM_COUNT, count);
        set(RERAM_STRIDE, 0);
        set(RERAM_CMD, RERAM_CMD_START);
    }
    // When a START written next (the tile idle) starts: after the register access's latency.
    sc_time next_start()
    {
        regs.sync();
        return sc_core::sc_time_stamp() + sc_time(params.access_latency_ns, SC_NS);
    }
    void drain()
    {
        sc_core::wait(sc_time(1, sc_core::SC_MS));
        EXPECT_EQ(reg(RERAM_STATUS) & RERAM_STATUS_BUSY, 0u);
    }
};

// W[o][i] for a block, row-major by output.
inline std::vector<int64_t> weights(uint32_t inputs, uint32_t outputs, uint32_t seed)
{
    return values(ElemType::i8, static_cast<size_t>(inputs) * outputs, seed);
}

inline std::vector<int32_t> dot_products(const std::vector<int64_t>& w, const std::vector<int64_t>& x, uint32_t outputs)
{
    std::vector<int32_t> out(outputs, 0);
    for (uint32_t o = 0; o < outputs; ++o) {
        int64_t sum = 0;
        for (size_t i = 0; i < x.size(); ++i) sum += w[o * x.size() + i] * x[i];
        out[o] = static_cast<int32_t>(sum);
    }
    return out;
}

}  // namespace pimsoc::reram_test
