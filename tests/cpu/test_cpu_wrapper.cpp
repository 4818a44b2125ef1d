// The SystemC/TLM wrapper: DMI, annotated time, error responses, instruction limit, WFI.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "cpu/cpu.h"
#include "cpu/model/csr_defs.h"
#include "rv_asm.h"

using namespace rvasm;
using namespace sc_core;

namespace pimsoc {
namespace {

constexpr uint32_t ram_base = 0x80000000;
constexpr uint32_t ram_size = 64 * 1024;
constexpr uint32_t data_addr = ram_base + 0x8000;
constexpr uint32_t trap_vector = ram_base + 0x4000;
constexpr uint32_t error_dev = 0x10000000;   // every access: TLM_ADDRESS_ERROR_RESPONSE
constexpr uint32_t stamp_dev = 0x10001000;   // write: records sc_time_stamp() + delay
constexpr uint32_t exit_dev = 0x10002000;    // write: ends the simulation with the value as code
constexpr uint32_t control_dev = 0x10003000; // write: RAM withdraws its DMI pointers
enum Reg : uint32_t { x0, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3 };

// Memory plus a few devices behind one target socket (a stand-in for bus + targets).
class TestTarget : public sc_module {
public:
    tlm_utils::simple_target_socket<TestTarget> socket{"socket"};
    std::vector<uint8_t> ram = std::vector<uint8_t>(ram_size, 0);
    unsigned ram_transports = 0;
    unsigned dmi_requests = 0;
    bool dmi_enabled = true;
    std::vector<sc_time> stamps;
    SimulationExit& exit;

    TestTarget(sc_module_name name, SimulationExit& e) : sc_module(name), exit(e)
    {
        socket.register_b_transport(this, &TestTarget::b_transport);
        socket.register_get_direct_mem_ptr(this, &TestTarget::get_direct_mem_ptr);
    }

    void put(uint32_t addr, uint32_t insn) { std::memcpy(&ram[addr - ram_base], &insn, 4); }
    uint32_t word(uint32_t addr) const
    {
        uint32_t v;
        std::memcpy(&v, &ram[addr - ram_base], 4);
        return v;
    }

    void b_transport(tlm::tlm_generic_payload& p, sc_time& delay)
    {
        const auto addr = static_cast<uint32_t>(p.get_address());
        const unsigned len = p.get_data_length();
        p.set_response_status(tlm::TLM_OK_RESPONSE);
        if (addr >= ram_base && addr - ram_base + len <= ram_size) {
            ++ram_transports;
            uint8_t* mem = &ram[addr - ram_base];
            if (p.is_read()) {
                std::memcpy(p.get_data_ptr(), mem, len);
            } else {
                std::memcpy(mem, p.get_data_ptr(), len);
            }
            p.set_dmi_allowed(dmi_enabled);
            return;
        }
        uint32_t value = 0;
        if (p.is_write()) {
            std::memcpy(&value, p.get_data_ptr(), std::min(len, 4u));
        }
        switch (addr) {
        case stamp_dev: stamps.push_back(sc_time_stamp() + delay); return;
        case exit_dev: exit.report(ExitKind::firmware, value, "test exit"); return;
        case control_dev:
            dmi_enabled = false;
            socket->invalidate_direct_mem_ptr(ram_base, ram_base + ram_size - 1);
            return;
        default: p.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE); return;
        }
    }

    bool get_direct_mem_ptr(tlm::tlm_generic_payload& p, tlm::tlm_dmi& dmi)
    {
        ++dmi_requests;
        const auto addr = static_cast<uint32_t>(p.get_address());
        if (!dmi_enabled || addr < ram_base || addr - ram_base >= ram_size) {
            return false;
        }
        dmi.set_dmi_ptr(ram.data());
        dmi.set_start_address(ram_base);
        dmi.set_end_address(ram_base + ram_size - 1);
        dmi.allow_read_write();
        dmi.set_read_latency(SC_ZERO_TIME);
        dmi.set_write_latency(SC_ZERO_TIME);
        return true;
    }
};

class CpuWrapperTest : public ::testing::Test {
protected:
    explicit CpuWrapperTest(CpuParams p = {}) : params(p) {}

    void build()
    {
        tlm::tlm_global_quantum::instance().set(sc_time(1, SC_US));
        cpu = std::make_unique<Cpu>("cpu", params, exit);
        target = std::make_unique<TestTarget>("target", exit);
        cpu->bus.bind(target->socket);
    }
    void emit(uint32_t insn)
    {
        target->put(m_pos, insn);
        m_pos += 4;
    }
    void li(uint32_t rd, uint32_t value)
    {
        emit(lui(rd, ((value + 0x800) >> 12) & 0xFFFFF));
        emit(addi(rd, rd, static_cast<int32_t>(value << 20) >> 20));
    }
    // Ends the simulation through the exit device with code a0.
    void emit_exit()
    {
        li(t2, exit_dev);
        emit(sw(a0, t2, 0));
        emit(jal(x0, 0));
    }

    CpuParams params;
    SimulationExit exit;
    std::unique_ptr<Cpu> cpu;
    std::unique_ptr<TestTarget> target;
    uint32_t m_pos = ram_base;
};

TEST_F(CpuWrapperTest, ErrorResponseBecomesAccessFaultWithMtval)
{
    build();
    li(t0, trap_vector);
    emit(csrrw(x0, cpu::csr::mtvec, t0));
    li(t1, error_dev + 8);
    emit(lw(a1, t1, 0));  // faults
    emit(addi(a0, x0, 99));
    emit_exit();
    m_pos = trap_vector;
    emit(csrrs(a0, cpu::csr::mcause, x0));
    emit(csrrs(a1, cpu::csr::mtval, x0));
    emit_exit();
    sc_start();
    EXPECT_EQ(exit.kind(), ExitKind::firmware);
    EXPECT_EQ(exit.code(), 5);  // load access fault
    EXPECT_EQ(cpu->core().reg(a1), error_dev + 8);
}

TEST_F(CpuWrapperTest, StoreToErrorDeviceIsStoreAccessFault)
{
    build();
    li(t0, trap_vector);
    emit(csrrw(x0, cpu::csr::mtvec, t0));
    li(t1, error_dev);
    emit(sw(t1, t1, 0));
    m_pos = trap_vector;
    emit(csrrs(a0, cpu::csr::mcause, x0));
    emit_exit();
    sc_start();
    EXPECT_EQ(exit.code(), 7);
}

TEST_F(CpuWrapperTest, AnnotatedTimeEqualsCyclesTimesPeriod)
{
    build();
    li(t0, stamp_dev);  // 2 ALU cycles
    for (int i = 0; i < 10; ++i) {
        emit(addi(a0, a0, 1));  // 10 ALU cycles
    }
    emit(sw(a0, t0, 0));  // 1 store cycle, annotated at the end of the store's cost
    emit_exit();
    sc_start();
    ASSERT_EQ(target->stamps.size(), 1u);
    const uint64_t expected_cycles = 2 * params.cycles.alu + 10 * params.cycles.alu + params.cycles.store;
    EXPECT_EQ(target->stamps[0], cpu->clock_period() * static_cast<double>(expected_cycles));
    EXPECT_EQ(cpu->clock_period(), sc_time(10, SC_NS));
}

TEST_F(CpuWrapperTest, MemoryGoesThroughDmiAfterTheFirstAccess)
{
    build();
    li(s0, data_addr);
    emit(addi(t0, x0, 1000));
    emit(sw(t0, s0, 0));      // loop: 1000 loads and stores
    emit(lw(t1, s0, 0));
    emit(addi(t0, t0, -1));
    emit(bne(t0, x0, -12));
    emit_exit();
    sc_start();
    EXPECT_EQ(exit.kind(), ExitKind::firmware);
    EXPECT_EQ(target->word(data_addr), 1u);
    EXPECT_LE(target->ram_transports, 1u);  // only the first fetch
    EXPECT_EQ(target->dmi_requests, 1u);
}

TEST_F(CpuWrapperTest, DmiInvalidationFallsBackToTransport)
{
    build();
    li(s0, data_addr);
    li(s1, control_dev);
    emit(sw(x0, s1, 0));      // the RAM withdraws DMI
    emit(addi(t0, x0, 10));
    emit(sw(t0, s0, 0));
    emit(addi(t0, t0, -1));
    emit(bne(t0, x0, -8));
    emit_exit();
    sc_start();
    EXPECT_EQ(exit.kind(), ExitKind::firmware);
    EXPECT_EQ(target->word(data_addr), 1u);
    // The 10 stores plus the instruction refetch (the decoded cache was dropped) go through b_transport.
    EXPECT_GE(target->ram_transports, 10u + 1u);
}

TEST_F(CpuWrapperTest, ExitDuringTransportStopsAtOnce)
{
    build();
    emit(addi(a0, x0, 3));
    emit_exit();  // li (2) + sw
    emit(addi(a0, x0, 4));
    sc_start();
    EXPECT_EQ(exit.kind(), ExitKind::firmware);
    EXPECT_EQ(exit.code(), 3);
    EXPECT_EQ(cpu->instructions(), 4u);
}

class CpuInstructionLimitTest : public CpuWrapperTest {
protected:
    static CpuParams limited()
    {
        CpuParams p;
        p.max_instructions = 1000;
        return p;
    }
    CpuInstructionLimitTest() : CpuWrapperTest(limited()) {}
};

TEST_F(CpuInstructionLimitTest, ReportsInstructionLimit)
{
    build();
    emit(addi(a0, a0, 1));
    emit(jal(x0, -4));
    sc_start();
    EXPECT_EQ(exit.kind(), ExitKind::instruction_limit);
    EXPECT_EQ(cpu->instructions(), 1000u);
    EXPECT_EQ(cpu->core().reg(a0), 500u);
}

class IrqDriver : public sc_module {
public:
    Cpu& cpu;
    sc_time when;
    IrqDriver(sc_module_name name, Cpu& c, sc_time t) : sc_module(name), cpu(c), when(t)
    {
        SC_HAS_PROCESS(IrqDriver);
        SC_THREAD(drive);
    }
    void drive()
    {
        wait(when);
        cpu.set_irq(cpu::irq::mei_cause, true);
    }
};

TEST_F(CpuWrapperTest, WfiSleepsUntilSetIrq)
{
    build();
    IrqDriver driver("driver", *cpu, sc_time(5, SC_US));
    li(t0, cpu::irq::meip);
    emit(csrrs(x0, cpu::csr::mie, t0));  // MEIE, but mstatus.MIE stays 0: wake without a trap
    emit(wfi());
    li(t0, stamp_dev);
    emit(sw(x0, t0, 0));
    emit(csrrs(a0, cpu::csr::mip, x0));
    emit_exit();
    sc_start();
    EXPECT_EQ(exit.kind(), ExitKind::firmware);
    EXPECT_EQ(exit.code(), static_cast<int64_t>(cpu::irq::meip));
    ASSERT_EQ(target->stamps.size(), 1u);
    // Woken at 5 us, then li (2 cycles) + sw (1 cycle).
    EXPECT_EQ(target->stamps[0], sc_time(5, SC_US) + cpu->clock_period() * 3.0);
    const uint64_t awake_before_wfi = 2 + 4 + 4;  // li, csrrs, wfi
    EXPECT_EQ(cpu->sleep_cycles(), 500u - awake_before_wfi);
}

TEST_F(CpuWrapperTest, InterruptIsTakenWhenEnabled)
{
    build();
    IrqDriver driver("driver", *cpu, sc_time(3, SC_US));
    li(t0, trap_vector);
    emit(csrrw(x0, cpu::csr::mtvec, t0));
    li(t0, cpu::irq::meip);
    emit(csrrs(x0, cpu::csr::mie, t0));
    emit(csrrsi(x0, cpu::csr::mstatus, cpu::mstatus_bits::mie));
    emit(jal(x0, 0));  // spin until the interrupt
    m_pos = trap_vector;
    emit(csrrs(a0, cpu::csr::mcause, x0));
    emit(srli(a0, a0, 31));  // the interrupt bit
    emit_exit();
    sc_start();
    EXPECT_EQ(exit.code(), 1);
    EXPECT_EQ(cpu->core().reg(a0), 1u);
    // Taken within one quantum of the request.
    EXPECT_LE(sc_time_stamp(), sc_time(3, SC_US) + tlm::tlm_global_quantum::instance().get());
}

TEST(CpuParamsTest, BindsEveryParameter)
{
    ParamRegistry registry;
    CpuParams p;
    p.bind(registry.root().scope("cpu"));
    EXPECT_TRUE(registry.contains("cpu.clock_hz"));
    EXPECT_TRUE(registry.contains("cpu.cycles.div"));
    registry.set("cpu.trap_misaligned", "true");
    EXPECT_TRUE(p.trap_misaligned);
    EXPECT_EQ(p.core_config().trap_misaligned, true);
}

}  // namespace
}  // namespace pimsoc
