// The CPU as GDB sees it (gdb::DebugTarget): x0..x31, pc and the CSRs the core has, described by
// a RISC-V target description; memory through the bus's debug transport (no side effects on
// devices: MmioTarget refuses debug writes to registers, memories accept them); software
// breakpoints in the core's decoder (guest memory is never patched); hardware breakpoints and
// watchpoints on the core's debug triggers (dmode, action 1: they halt into the debugger).
#pragma once

#include <functional>
#include <string>

#include "cpu/cpu.h"
#include "gdb/debug_target.h"

namespace pimsoc {

// GDB's Z1..Z4 on the core's debug triggers: one trigger per breakpoint or watchpoint, matching
// exactly the watched bytes; as many as the core has triggers (the guest's own come first).
class CpuHardwareTriggers : public gdb::HardwareTriggers {
public:
    explicit CpuHardwareTriggers(Cpu& cpu) : m_cpu(cpu) {}
    bool insert(gdb::TriggerKind kind, uint64_t addr, uint64_t length) override;
    bool remove(gdb::TriggerKind kind, uint64_t addr, uint64_t length) override;

    // The stop reply of a halt on trigger `index` at address addr.
    gdb::StopEvent stop_event(unsigned index, uint32_t addr) const;

private:
    Cpu& m_cpu;
};

class CpuDebugTarget : public gdb::DebugTarget {
public:
    // GDB's RISC-V register numbers.
    static constexpr unsigned pc_regnum = 32;
    static constexpr unsigned first_csr_regnum = 65;

    explicit CpuDebugTarget(Cpu& cpu) : m_cpu(cpu), m_triggers(cpu) {}

    // What `monitor LINE` answers (the platform's commands); default: none known.
    void set_monitor(std::function<std::string(const std::string& line)> monitor) { m_monitor = std::move(monitor); }

    unsigned register_bytes() const override { return 4; }
    unsigned g_register_count() const override { return pc_regnum + 1; }
    bool read_register(unsigned regnum, uint64_t& value) override;
    bool write_register(unsigned regnum, uint64_t value) override;
    size_t read_memory(uint64_t addr, uint8_t* data, size_t length) override;
    size_t write_memory(uint64_t addr, const uint8_t* data, size_t length) override;
    bool insert_breakpoint(uint64_t addr) override;
    bool remove_breakpoint(uint64_t addr) override;
    CpuHardwareTriggers* triggers() override { return &m_triggers; }
    bool target_description(const std::string& annex, std::string& xml) override;
    std::string monitor(const std::string& line) override;

private:
    size_t debug_transport(bool write, uint64_t addr, uint8_t* data, size_t length);
    std::string build_target_xml();

    Cpu& m_cpu;
    CpuHardwareTriggers m_triggers;
    std::function<std::string(const std::string&)> m_monitor;
    std::string m_target_xml;  // built on first request
};

}  // namespace pimsoc
