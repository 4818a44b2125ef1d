// Test bench for the pure ISS core: an array-backed memory (optionally exposed as DMI) and a
// program builder.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "cpu/model/rv_core.h"
#include "rv_asm.h"

namespace pimsoc::cpu::test {

constexpr uint32_t ram_base = 0x80000000;
constexpr uint32_t ram_size = 64 * 1024;
constexpr uint32_t data_addr = ram_base + 0x8000;  // scratch data area used by tests
constexpr uint32_t trap_vector = ram_base + 0x4000;

// Registers by ABI-ish number for readability.
enum Reg : uint32_t { x0, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7 };

class TestMemory : public MemoryInterface {
public:
    std::vector<uint8_t> bytes = std::vector<uint8_t>(ram_size, 0);
    unsigned reads = 0;
    unsigned writes = 0;
    unsigned fetches = 0;
    bool stop_on_access = false;
    RvCore* core = nullptr;

    bool in_ram(uint32_t addr, unsigned len) const { return addr >= ram_base && uint64_t{addr - ram_base} + len <= ram_size; }
    MemStatus read(uint32_t addr, void* data, unsigned len) override
    {
        ++reads;
        if (!in_ram(addr, len)) {
            return MemStatus::access_fault;
        }
        std::memcpy(data, &bytes[addr - ram_base], len);
        maybe_stop();
        return MemStatus::ok;
    }
    MemStatus write(uint32_t addr, const void* data, unsigned len) override
    {
        ++writes;
        if (!in_ram(addr, len)) {
            return MemStatus::access_fault;
        }
        std::memcpy(&bytes[addr - ram_base], data, len);
        maybe_stop();
        return MemStatus::ok;
    }
    MemStatus fetch(uint32_t addr, void* data, unsigned len) override
    {
        ++fetches;
        if (!in_ram(addr, len)) {
            return MemStatus::access_fault;
        }
        std::memcpy(data, &bytes[addr - ram_base], len);
        return MemStatus::ok;
    }
    void maybe_stop()
    {
        if (stop_on_access && core) {
            core->request_stop();
        }
    }
    uint32_t word(uint32_t addr) const
    {
        uint32_t v;
        std::memcpy(&v, &bytes[addr - ram_base], 4);
        return v;
    }
    void set_word(uint32_t addr, uint32_t v) { std::memcpy(&bytes[addr - ram_base], &v, 4); }
};

// The whole of a test memory as one read/write DMI region.
inline DmiRegion ram_dmi(TestMemory& mem, uint32_t read_latency, uint32_t write_latency)
{
    DmiRegion r;
    r.base = ram_base;
    r.size = ram_size;
    r.host = mem.bytes.data();
    r.readable = true;
    r.writable = true;
    r.read_latency_cycles = read_latency;
    r.write_latency_cycles = write_latency;
    return r;
}

class CoreTestBase : public ::testing::Test {
protected:
    explicit CoreTestBase(CoreConfig config = {}, bool dmi = true) : m_core(m_mem, config)
    {
        m_mem.core = &m_core;
        if (dmi) {
            add_ram_dmi();
        }
        m_core.reset(ram_base);
    }
    void add_ram_dmi(uint32_t read_latency = 0, uint32_t write_latency = 0)
    {
        m_core.add_dmi_region(ram_dmi(m_mem, read_latency, write_latency));
    }

    // Appends instructions at the current program position.
    void emit(uint32_t insn)
    {
        m_mem.set_word(m_pos, insn);
        m_pos += 4;
    }
    void emit16(uint16_t insn)
    {
        std::memcpy(&m_mem.bytes[m_pos - ram_base], &insn, 2);
        m_pos += 2;
    }
    void emit_at(uint32_t addr, uint32_t insn) { m_mem.set_word(addr, insn); }
    // Loads a 32-bit constant (lui + addi).
    void li(uint32_t rd, uint32_t value)
    {
        const uint32_t hi = (value + 0x800) >> 12;
        emit(rvasm::lui(rd, hi & 0xFFFFF));
        emit(rvasm::addi(rd, rd, static_cast<int32_t>(value << 20) >> 20));
    }
    void set_trap_vector(uint32_t mtvec = trap_vector)
    {
        li(t0, mtvec);
        emit(rvasm::csrrw(x0, csr::mtvec, t0));
    }
    // Emits a CSR write of a constant (through t0).
    void write_csr(uint32_t addr, uint32_t value)
    {
        li(t0, value);
        emit(rvasm::csrrw(x0, addr, t0));
    }
    // Emits the trap handler at trap_vector: it stops (jumps to itself). Tests run to it.
    void stop_at_trap_vector()
    {
        const uint32_t pos = m_pos;
        m_pos = trap_vector;
        emit(rvasm::jal(x0, 0));
        m_pos = pos;
    }
    // Emits at `at` a function that increments a5 and returns (jalr x0, ra), leaving the program
    // position where it was; returns `at`.
    uint32_t emit_counting_function(uint32_t at)
    {
        const uint32_t pos = m_pos;
        m_pos = at;
        emit(rvasm::addi(a5, a5, 1));
        emit(rvasm::jalr(x0, ra, 0));
        m_pos = pos;
        return at;
    }
    // Emits the end of a trap handler that returns past the trapping 4-byte instruction.
    void emit_return_past_trap()
    {
        emit(rvasm::csrrs(t1, csr::mepc, x0));
        emit(rvasm::addi(t1, t1, 4));
        emit(rvasm::csrrw(x0, csr::mepc, t1));
        emit(rvasm::mret());
    }
    uint32_t mcause() const { return csr(csr::mcause); }
    uint32_t mtval() const { return csr(csr::mtval); }
    uint32_t mepc() const { return csr(csr::mepc); }

    // One instruction or one trap entry: a 1-cycle budget ends the run after whatever comes first.
    RunResult step() { return m_core.run(1, 1); }
    // Runs until the pc reaches `end` (at most `limit` instructions).
    void run_to(uint32_t end, unsigned limit = 10000)
    {
        for (unsigned i = 0; i < limit && m_core.pc() != end; ++i) {
            step();
        }
        ASSERT_EQ(m_core.pc(), end);
    }
    // Runs the emitted program from its start to its end.
    void run_program() { run_to(m_pos); }
    uint32_t x(unsigned n) const { return m_core.reg(n); }
    uint32_t csr(uint32_t addr) const
    {
        uint32_t v = 0;
        EXPECT_TRUE(m_core.read_csr(addr, v));
        return v;
    }

    TestMemory m_mem;
    RvCore m_core;
    uint32_t m_pos = ram_base;
};

class CoreTest : public CoreTestBase {};

}  // namespace pimsoc::cpu::test
