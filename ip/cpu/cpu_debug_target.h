// The CPU as GDB sees it (gdb::DebugTarget): x0..x31, pc and the CSRs the core has, described by
// a RISC-V target description; memory through the bus's debug transport (no side effects on
// devices: MmioTarget refuses debug writes to registers, memories accept them); software
// breakpoints in the core's decoder (guest memory is never patched).
#pragma once

#include <functional>
#include <string>

#include "cpu/cpu.h"
#include "gdb/debug_target.h"

namespace pimsoc {

class CpuDebugTarget : public gdb::DebugTarget {
public:
    // GDB's RISC-V register numbers.
    static constexpr unsigned pc_regnum = 32;
    static constexpr unsigned first_csr_regnum = 65;

    explicit CpuDebugTarget(Cpu& cpu) : m_cpu(cpu) {}

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
    bool target_description(const std::string& annex, std::string& xml) override;
    std::string monitor(const std::string& line) override;

private:
    size_t debug_transport(bool write, uint64_t addr, uint8_t* data, size_t length);
    std::string build_target_xml();

    Cpu& m_cpu;
    std::function<std::string(const std::string&)> m_monitor;
    std::string m_target_xml;  // built on first request
};

}  // namespace pimsoc
