// What the GDB stub needs from the target it debugs: registers, memory, breakpoints, the target
// description and monitor commands. Pure C++ (no SystemC, no sockets): the CPU side implements it
// (ip/cpu/cpu_debug_target.h), the protocol (gdb_stub.h) and its unit tests only call it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pimsoc::gdb {

// Hardware breakpoints and watchpoints (GDB's Z1..Z4). The stub answers Z1..Z4 with the empty
// reply ("not supported") while the target has none; a target with triggers returns them from
// DebugTarget::triggers() and GDB uses them instead of single-stepping software watchpoints.
enum class TriggerKind : uint8_t { execute = 1, write = 2, read = 3, access = 4 };  // = Z packet type

class HardwareTriggers {
public:
    virtual ~HardwareTriggers() = default;
    // false when no trigger is free or the kind/length is not supported (the stub replies E..).
    virtual bool insert(TriggerKind kind, uint64_t addr, uint64_t length) = 0;
    virtual bool remove(TriggerKind kind, uint64_t addr, uint64_t length) = 0;
};

// Why the target halted, for the stop reply.
struct StopEvent {
    enum class Why : uint8_t { breakpoint, step, interrupted, watchpoint };
    Why why = Why::breakpoint;
    TriggerKind watch_kind = TriggerKind::write;  // watchpoint only (execute: a hardware breakpoint)
    uint64_t watch_addr = 0;                      // watchpoint only: the data address
};

class DebugTarget {
public:
    virtual ~DebugTarget() = default;

    // Registers in GDB's numbering of the target description (RISC-V: x0..x31 = 0..31, pc = 32,
    // CSR c = 65 + c), each register_bytes() wide, little endian.
    virtual unsigned register_bytes() const = 0;
    // The registers of the 'g' packet: 0..g_register_count()-1 (the others are read with 'p').
    virtual unsigned g_register_count() const = 0;
    virtual bool read_register(unsigned regnum, uint64_t& value) = 0;   // false: no such register
    virtual bool write_register(unsigned regnum, uint64_t value) = 0;   // false: none, or read-only

    // Debug accesses (no side effects on devices); return the bytes transferred (a prefix).
    virtual size_t read_memory(uint64_t addr, uint8_t* data, size_t length) = 0;
    virtual size_t write_memory(uint64_t addr, const uint8_t* data, size_t length) = 0;

    // Software breakpoints (Z0/z0). false: cannot be placed there.
    virtual bool insert_breakpoint(uint64_t addr) = 0;
    virtual bool remove_breakpoint(uint64_t addr) = 0;
    // nullptr: no hardware breakpoints or watchpoints.
    virtual HardwareTriggers* triggers() { return nullptr; }

    // qXfer:features:read: the document named annex ("target.xml", ...); false when none.
    virtual bool target_description(const std::string& annex, std::string& xml) = 0;

    // `monitor LINE` (qRcmd): the text to show (ending in a newline).
    virtual std::string monitor(const std::string& line) = 0;
};

}  // namespace pimsoc::gdb
