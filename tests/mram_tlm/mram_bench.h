// The SOT-MRAM controller on a test bench: register and window initiators, the interrupt sink, and
// a second model (the twin) fed the same calls for the expected results; a long CONV2D on bank 1.
// Shared by the device tests (test_mram_device.cpp, test_mram_power_cut.cpp).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/tlm_test_initiator.h"
#include "mram/mram.h"
#include "mram/mram_test_util.h"
#include "mram_tlm/mram_small_params.h"

namespace pimsoc::test_bench {

using sc_core::SC_PS;
using sc_core::sc_time;

constexpr uint32_t kBank = 1024;
constexpr uint32_t kU4S4 = MRAM_OP_VALUE(MRAM_OP_DOT, 4, false, 4, true);

inline sc_time ps(uint64_t value)
{
    return sc_time(static_cast<double>(value), SC_PS);
}

struct Bench {
    // `prefix`: before the modules' names (two benches in one simulation).
    explicit Bench(const MramParams& p = test::mram_small_params(), const std::string& prefix = "")
        : name_prefix(prefix), params(p)
    {
        regs.socket.bind(mram.socket);
        win.socket.bind(mram.window);
        mram.irq.bind(irq.signal);
    }

    std::string name_prefix;
    MramParams params;
    Mram mram{(name_prefix + "mram").c_str(), params};
    mram::MramArray twin{params.to_model()};  // the same calls, outside SystemC: the expected results
    test::TlmTestInitiator regs{(name_prefix + "regs").c_str()};
    test::TlmTestInitiator win{(name_prefix + "win").c_str()};
    test::IrqSink irq{(name_prefix + "irq_sink").c_str()};

    uint32_t reg(uint32_t offset) { return static_cast<uint32_t>(regs.read32(offset).value); }
    void set(uint32_t offset, uint32_t value)
    {
        EXPECT_EQ(regs.write32(offset, value), tlm::TLM_OK_RESPONSE);
    }

    // Fills [address, address + bytes) with a pattern through the window and in the twin.
    void fill(uint32_t address, uint32_t bytes, uint8_t seed)
    {
        std::vector<uint8_t> data(bytes);
        for (uint32_t i = 0; i < bytes; ++i) {
            data[i] = static_cast<uint8_t>(seed + i * 37);
        }
        EXPECT_EQ(win.access(tlm::TLM_WRITE_COMMAND, address, data.data(), bytes), tlm::TLM_OK_RESPONSE);
        EXPECT_TRUE(twin.load(address, data.data(), bytes));
        win.sync();
    }

    // The descriptor registers of a DOT batch (stride_a 0: one activation vector).
    void dot(uint32_t op, uint32_t dst, uint32_t a, uint32_t w, uint32_t length, uint32_t count,
             uint32_t stride_w, int32_t init)
    {
        set(MRAM_OP, op);
        set(MRAM_SRC_A, a);
        set(MRAM_SRC_W, w);
        set(MRAM_DST, dst);
        set(MRAM_LENGTH, length);
        set(MRAM_COUNT, count);
        set(MRAM_STRIDE_A, 0);
        set(MRAM_STRIDE_W, stride_w);
        set(MRAM_INIT, static_cast<uint32_t>(init));
    }

    static mram::DotCommand twin_dot(pim::ElemType ta, pim::ElemType tw, uint32_t dst, uint32_t a, uint32_t w,
                                     uint32_t length, uint32_t count, uint32_t stride_w, int32_t init)
    {
        mram::DotCommand c = mram::test::dot(ta, tw, a, w, length, count, 0, stride_w, dst);
        c.init = init;
        return c;
    }

    std::vector<int32_t> results(uint32_t address, size_t count)
    {
        std::vector<int32_t> out(count);
        EXPECT_TRUE(mram.array().dump(address, out.data(), 4 * count));
        return out;
    }
    std::vector<uint8_t> window_bytes(uint32_t address, uint32_t bytes)
    {
        std::vector<uint8_t> data(bytes);
        EXPECT_TRUE(mram.array().dump(address, data.data(), bytes));
        return data;
    }
    // Waits until every bank is idle (well past any command of these tests).
    void drain()
    {
        sc_core::wait(sc_time(1, sc_core::SC_MS));
        EXPECT_EQ(reg(MRAM_STATUS) & MRAM_STATUS_BUSY, 0u);
    }
};

// A conv long enough for several passes, on bank 1, with its twin.
struct LongConv {
    static void program(Bench& b)
    {
        b.fill(kBank, 4 * 8 * 8, 5);        // input 4 x 8 x 8 u8
        b.fill(kBank + 300, 4 * 3 * 3, 9);  // kernel 4 x 3 x 3 s8
        b.set(MRAM_OP, MRAM_OP_VALUE(MRAM_OP_CONV2D, 8, false, 8, true));
        b.set(MRAM_SRC_A, kBank);
        b.set(MRAM_SRC_W, kBank + 300);
        b.set(MRAM_DST, kBank + 512);
        b.set(MRAM_INIT, 0);
        b.set(MRAM_CONV_IN, PIM_CONV_IN_VALUE(4, 8, 8));
        b.set(MRAM_CONV_K, PIM_CONV_K_VALUE(3, 3, 1, 1, 0, 0));
    }
    static mram::Conv2dCommand twin()
    {
        mram::Conv2dCommand c;
        c.in_type = pim::ElemType::u8;
        c.kernel_type = pim::ElemType::i8;
        c.in = kBank;
        c.channels = 4;
        c.height = 8;
        c.width = 8;
        c.kernel = kBank + 300;
        c.kernel_h = 3;
        c.kernel_w = 3;
        c.dst = kBank + 512;
        return c;
    }
};

}  // namespace pimsoc::test_bench
