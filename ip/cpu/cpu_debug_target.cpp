#include "cpu/cpu_debug_target.h"

#include <algorithm>

#include "cpu/model/csr_names.h"

namespace pimsoc {
namespace {

constexpr uint64_t address_space_end = 0x100000000ull;
constexpr uint32_t csr_count = 4096;

// GDB's RISC-V integer register names (its own riscv-32bit-cpu.xml spells them so).
constexpr const char* xreg_names[] = {"zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "fp", "s1", "a0",
                                      "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
                                      "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
static_assert(sizeof(xreg_names) / sizeof(xreg_names[0]) == cpu::RvCore::num_regs, "one name per x register");

}  // namespace

bool CpuDebugTarget::read_register(unsigned regnum, uint64_t& value)
{
    cpu::RvCore& core = m_cpu.core();
    if (regnum < cpu::RvCore::num_regs) {
        value = core.reg(regnum);
        return true;
    }
    if (regnum == pc_regnum) {
        value = core.pc();
        return true;
    }
    uint32_t csr_value = 0;
    if (regnum >= first_csr_regnum && regnum - first_csr_regnum < csr_count &&
        core.read_csr(regnum - first_csr_regnum, csr_value)) {
        value = csr_value;
        return true;
    }
    return false;
}

bool CpuDebugTarget::write_register(unsigned regnum, uint64_t value)
{
    cpu::RvCore& core = m_cpu.core();
    const auto word = static_cast<uint32_t>(value);
    if (regnum < cpu::RvCore::num_regs) {
        core.set_reg(regnum, word);  // x0 stays 0
        return true;
    }
    if (regnum == pc_regnum) {
        core.set_pc(word & ~1u);  // IALIGN = 16
        return true;
    }
    return regnum >= first_csr_regnum && regnum - first_csr_regnum < csr_count &&
           core.write_csr(regnum - first_csr_regnum, word);
}

size_t CpuDebugTarget::debug_transport(bool write, uint64_t addr, uint8_t* data, size_t length)
{
    if (addr >= address_space_end) {
        return 0;
    }
    length = static_cast<size_t>(std::min<uint64_t>(length, address_space_end - addr));
    size_t done = 0;
    // The bus clips a debug access at the end of a region: go on in the next one.
    while (done < length) {
        tlm::tlm_generic_payload payload;
        payload.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        payload.set_address(addr + done);
        payload.set_data_ptr(data + done);
        payload.set_data_length(static_cast<unsigned>(length - done));
        payload.set_streaming_width(static_cast<unsigned>(length - done));
        const unsigned n = m_cpu.bus->transport_dbg(payload);
        if (n == 0) {
            break;
        }
        done += n;
    }
    return done;
}

size_t CpuDebugTarget::read_memory(uint64_t addr, uint8_t* data, size_t length)
{
    const size_t done = debug_transport(false, addr, data, length);
    if (done == 0 && length >= 4) {
        // Register devices answer debug reads of whole registers only: try word by word.
        size_t words = 0;
        while (words + 4 <= length && debug_transport(false, addr + words, data + words, 4) == 4) {
            words += 4;
        }
        return words;
    }
    return done;
}

size_t CpuDebugTarget::write_memory(uint64_t addr, const uint8_t* data, size_t length)
{
    // TLM takes a non-const pointer; a write command does not modify the data.
    const size_t done = debug_transport(true, addr, const_cast<uint8_t*>(data), length);
    if (done > 0) {
        m_cpu.core().flush_decoded();  // the debugger may have changed code
    }
    return done;
}

// --- hardware breakpoints and watchpoints ------------------------------------------------------

namespace {

// The trigger request of a Z1..Z4 packet; false when it cannot be one (past the address space).
bool trigger_request(gdb::TriggerKind kind, uint64_t addr, uint64_t length, cpu::Triggers::DebuggerRequest& request)
{
    if (kind == gdb::TriggerKind::execute) {
        length = 1;  // Z1's length is the instruction's size: only its first byte (the pc) matches
    }
    if (addr >= address_space_end || length == 0 || length > address_space_end - addr) {
        return false;
    }
    switch (kind) {
    case gdb::TriggerKind::execute: request.kinds = MCONTROL_EXECUTE; break;
    case gdb::TriggerKind::write: request.kinds = MCONTROL_STORE; break;
    case gdb::TriggerKind::read: request.kinds = MCONTROL_LOAD; break;
    case gdb::TriggerKind::access: request.kinds = MCONTROL_LOAD | MCONTROL_STORE; break;
    }
    request.addr = static_cast<uint32_t>(addr);
    request.length = static_cast<uint32_t>(length);
    return true;
}

}  // namespace

bool CpuHardwareTriggers::insert(gdb::TriggerKind kind, uint64_t addr, uint64_t length)
{
    cpu::Triggers::DebuggerRequest request;
    return trigger_request(kind, addr, length, request) && m_cpu.core().insert_debug_trigger(request);
}

bool CpuHardwareTriggers::remove(gdb::TriggerKind kind, uint64_t addr, uint64_t length)
{
    cpu::Triggers::DebuggerRequest request;
    return trigger_request(kind, addr, length, request) && m_cpu.core().remove_debug_trigger(request);
}

gdb::StopEvent CpuHardwareTriggers::stop_event(unsigned index, uint32_t addr) const
{
    const uint32_t kinds = m_cpu.core().debug_trigger(index).kinds;
    gdb::StopEvent event{gdb::StopEvent::Why::watchpoint};
    event.watch_addr = addr;
    if (kinds & MCONTROL_EXECUTE) {
        event.watch_kind = gdb::TriggerKind::execute;
    } else if (kinds == MCONTROL_STORE) {
        event.watch_kind = gdb::TriggerKind::write;
    } else if (kinds == MCONTROL_LOAD) {
        event.watch_kind = gdb::TriggerKind::read;
    } else {
        event.watch_kind = gdb::TriggerKind::access;
    }
    return event;
}

// --- software breakpoints ----------------------------------------------------------------------

bool CpuDebugTarget::insert_breakpoint(uint64_t addr)
{
    if (addr >= address_space_end) {
        return false;
    }
    m_cpu.core().set_breakpoint(static_cast<uint32_t>(addr));
    return true;
}

bool CpuDebugTarget::remove_breakpoint(uint64_t addr)
{
    if (addr >= address_space_end) {
        return false;
    }
    m_cpu.core().clear_breakpoint(static_cast<uint32_t>(addr));
    return true;
}

bool CpuDebugTarget::target_description(const std::string& annex, std::string& xml)
{
    if (annex != "target.xml") {
        return false;
    }
    if (m_target_xml.empty()) {
        m_target_xml = build_target_xml();
    }
    xml = m_target_xml;
    return true;
}

// org.gnu.gdb.riscv.cpu (x0..x31, pc) and org.gnu.gdb.riscv.csr with every CSR the core has
// (asked of the core, so CSRs added to it appear here without a second list).
std::string CpuDebugTarget::build_target_xml()
{
    std::string xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n"
        "<architecture>riscv:rv32</architecture>\n<feature name=\"org.gnu.gdb.riscv.cpu\">\n";
    for (unsigned n = 0; n < cpu::RvCore::num_regs; ++n) {
        const char* type = n == 1 ? "code_ptr" : n == 2 ? "data_ptr" : "int";
        xml += "  <reg name=\"" + std::string(xreg_names[n]) + "\" bitsize=\"32\" type=\"" + type + "\" regnum=\"" +
               std::to_string(n) + "\"/>\n";
    }
    xml += "  <reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"" + std::to_string(pc_regnum) + "\"/>\n";
    xml += "</feature>\n<feature name=\"org.gnu.gdb.riscv.csr\">\n";
    const cpu::RvCore& core = m_cpu.core();
    for (uint32_t csr = 0; csr < csr_count; ++csr) {
        uint32_t unused = 0;
        if (core.read_csr(csr, unused)) {
            xml += "  <reg name=\"" + cpu::csr_name(csr) + "\" bitsize=\"32\" type=\"int\" group=\"csr\" regnum=\"" +
                   std::to_string(first_csr_regnum + csr) + "\"/>\n";
        }
    }
    xml += "</feature>\n</target>\n";
    return xml;
}

std::string CpuDebugTarget::monitor(const std::string& line)
{
    if (m_monitor) {
        return m_monitor(line);
    }
    return "no monitor commands\n";
}

}  // namespace pimsoc
