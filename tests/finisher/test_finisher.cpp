// Test finisher: pass/fail/reset writes end the simulation with the right kind and code.
#include <gtest/gtest.h>

#include "common/tlm_test_initiator.h"
#include "finisher/finisher.h"
#include "finisher/finisher_regs.h"

namespace pimsoc {
namespace {

struct FinisherBench {
    SimulationExit exit;
    test::TlmTestInitiator cpu{"cpu"};
    Finisher finisher{"finisher", exit};
    FinisherBench() { cpu.socket.bind(finisher.socket); }
};

TEST(Finisher, PassStopsTheSimulationWithCodeZero)
{
    FinisherBench b;
    // The body must never resume after its wait: the finisher has stopped the kernel.
    test::run_until_stopped([&] {
        sc_core::wait(100, sc_core::SC_NS);
        EXPECT_EQ(b.cpu.write32(FINISHER_REG, FINISHER_PASS), tlm::TLM_OK_RESPONSE);
        sc_core::wait(1, sc_core::SC_US);
    });
    EXPECT_EQ(b.exit.kind(), ExitKind::firmware);
    EXPECT_EQ(b.exit.code(), 0);
    EXPECT_EQ(b.exit.reason(), "finisher: pass");
    EXPECT_EQ(sc_core::sc_time_stamp(), sc_core::sc_time(100, sc_core::SC_NS));
}

TEST(Finisher, FailReportsTheCodeFromTheUpperHalf)
{
    FinisherBench b;
    test::run([&] { b.cpu.write32(FINISHER_REG, (42u << FINISHER_CODE_SHIFT) | FINISHER_FAIL); });
    EXPECT_EQ(b.exit.kind(), ExitKind::firmware);
    EXPECT_EQ(b.exit.code(), 42);
}

TEST(Finisher, FailWithLargestCode)
{
    FinisherBench b;
    test::run([&] { b.cpu.write32(FINISHER_REG, 0xFFFF0000u | FINISHER_FAIL); });
    EXPECT_EQ(b.exit.kind(), ExitKind::firmware);
    EXPECT_EQ(b.exit.code(), 0xFFFF);
}

TEST(Finisher, ResetIsReportedAsAnError)
{
    FinisherBench b;
    test::run([&] { b.cpu.write32(FINISHER_REG, FINISHER_RESET); });
    EXPECT_EQ(b.exit.kind(), ExitKind::error);
    EXPECT_NE(b.exit.reason().find("reset requested (not supported)"), std::string::npos);
}

TEST(Finisher, OtherValuesAreIgnoredAndReadsReturnZero)
{
    FinisherBench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write32(FINISHER_REG, 0x1234), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(b.cpu.write32(FINISHER_REG, 0x5556), tlm::TLM_OK_RESPONSE);
        auto r = b.cpu.read32(FINISHER_REG);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(r.value, 0u);
    });
    EXPECT_FALSE(b.exit.ended());
    EXPECT_EQ(b.finisher.ignored_writes(), 2u);
}

TEST(Finisher, BadWidthAndOffsetAreErrorsNotExits)
{
    FinisherBench b;
    test::run([&] {
        EXPECT_EQ(b.cpu.write16(FINISHER_REG, FINISHER_PASS), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write8(FINISHER_REG, 0x55), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.write32(0x4, FINISHER_PASS), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(b.cpu.read32(0x8).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
    });
    EXPECT_FALSE(b.exit.ended());
}

TEST(Finisher, DebugWritesDoNotEndTheSimulation)
{
    FinisherBench b;
    test::run([&] {
        const uint8_t pass[4] = {0x55, 0x55, 0, 0};
        EXPECT_EQ(b.cpu.debug_write(FINISHER_REG, pass, 4), 0u);  // debug writes transfer nothing
        uint8_t back[4] = {1, 1, 1, 1};
        EXPECT_EQ(b.cpu.debug_read(FINISHER_REG, back, 4), 4u);
        EXPECT_EQ(back[0], 0);
    });
    EXPECT_FALSE(b.exit.ended());
}

}  // namespace
}  // namespace pimsoc
