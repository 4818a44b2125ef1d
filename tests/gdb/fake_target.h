// A DebugTarget without a CPU for the protocol and transport tests: 4 general registers (0..3,
// the 'g' packet), a read-only register 4, 256 bytes of memory at 0x1000, breakpoints in a set,
// optional hardware triggers, a small target description and an echoing monitor.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "gdb/debug_target.h"

namespace pimsoc::gdb {

class FakeTriggers : public HardwareTriggers {
public:
    bool insert(TriggerKind kind, uint64_t addr, uint64_t length) override
    {
        inserted.push_back({kind, addr, length});
        return addr != 0;
    }
    bool remove(TriggerKind, uint64_t, uint64_t) override { return true; }
    struct Entry {
        TriggerKind kind;
        uint64_t addr;
        uint64_t length;
    };
    std::vector<Entry> inserted;
};

class FakeTarget : public DebugTarget {
public:
    static constexpr uint64_t base = 0x1000;
    uint32_t regs[5] = {0, 0x11223344, 2, 0x80000000, 7};
    std::vector<uint8_t> memory = std::vector<uint8_t>(0x100, 0);
    std::set<uint64_t> breakpoints;
    FakeTriggers* hw = nullptr;
    std::string xml = "<target>0123456789</target>";
    std::string last_monitor;

    unsigned register_bytes() const override { return 4; }
    unsigned g_register_count() const override { return 4; }
    bool read_register(unsigned n, uint64_t& value) override
    {
        if (n > 4) {
            return false;
        }
        value = regs[n];
        return true;
    }
    bool write_register(unsigned n, uint64_t value) override
    {
        if (n >= 4) {
            return false;
        }
        regs[n] = static_cast<uint32_t>(value);
        return true;
    }
    size_t read_memory(uint64_t addr, uint8_t* data, size_t length) override
    {
        size_t done = 0;
        for (; done < length && addr + done >= base && addr + done < base + memory.size(); ++done) {
            data[done] = memory[addr + done - base];
        }
        return done;
    }
    size_t write_memory(uint64_t addr, const uint8_t* data, size_t length) override
    {
        size_t done = 0;
        for (; done < length && addr + done >= base && addr + done < base + memory.size(); ++done) {
            memory[addr + done - base] = data[done];
        }
        return done;
    }
    bool insert_breakpoint(uint64_t addr) override { return breakpoints.insert(addr).second; }
    bool remove_breakpoint(uint64_t addr) override { return breakpoints.erase(addr) == 1; }
    HardwareTriggers* triggers() override { return hw; }
    bool target_description(const std::string& annex, std::string& out) override
    {
        out = xml;
        return annex == "target.xml";
    }
    std::string monitor(const std::string& line) override
    {
        last_monitor = line;
        return "out:" + line + "\n";
    }
};

}  // namespace pimsoc::gdb
