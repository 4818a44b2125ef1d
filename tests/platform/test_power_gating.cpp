// Power gating of the PIM devices on the SoC (docs/models/command_device.md, "Power gating"): with
// the default `<device>.power_gating = unused` an accelerator the firmware never touches leaks
// nothing, one it touches leaks from its first access (register block or data window), a debug
// access does not power it up, and `off` leaks from time 0 as before. Each test runs in its own
// process (SystemC elaborates once).
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "elf_builder.h"
#include "memory_map.h"
#include "rv_asm.h"
#include "soc.h"
#include "temp_elf.h"

namespace pimsoc {
namespace {

using sc_core::SC_US;
using sc_core::sc_time;

constexpr uint32_t a0 = 10, a1 = 11;
constexpr double run_us = 10.0;
const std::vector<std::string> pim_devices = {"rtm", "mram", "reram"};

// Loads one word from `address` (0: touches nothing), then spins.
test::ElfSpec touch_program(uint32_t address)
{
    using namespace rvasm;
    std::vector<uint32_t> code;
    if (address != 0) {
        code = {lui(a0, address >> 12), lw(a1, a0, static_cast<int32_t>(address & 0xFFF))};
    }
    code.push_back(jal(0, 0));
    test::ElfSpec spec;
    spec.segments.push_back({PIMSOC_MAIN_MEM_BASE, test::words_to_bytes(code), static_cast<uint32_t>(code.size() * 4)});
    return spec;
}

struct GatedRun {
    SimulationExit exit;
    std::unique_ptr<Soc> soc;

    GatedRun(const SocParams& params, uint32_t touched)
    {
        soc = std::make_unique<Soc>("soc", params, exit);
        soc->load_firmware(ElfImage::read(test::write_temp_elf("power_gating.elf", touch_program(touched))));
    }
    double leakage_uw(const std::string& name) const
    {
        for (const LedgerComponent& c : soc->ledger.components()) {
            if (c.name == name) {
                return c.leakage_uw;
            }
        }
        throw std::runtime_error("no component " + name);
    }
    double leakage_pj(const std::string& name)
    {
        for (const ComponentLine& c : soc->stats_report(sc_core::sc_time_stamp()).run.components) {
            if (c.name == name) {
                return c.leakage_pj;
            }
        }
        throw std::runtime_error("no component " + name);
    }
};

// uW over us = pJ.
double leak_pj(double uw, double us) { return uw * us; }

TEST(PowerGating, UntouchedDevicesLeakNothing)
{
    GatedRun r(SocParams{}, 0);
    sc_core::sc_start(sc_time(run_us, SC_US));
    for (const std::string& device : pim_devices) {
        EXPECT_GT(r.leakage_uw(device), 0.0) << device << ": its ledger component has a leakage to gate";
        EXPECT_EQ(r.leakage_pj(device), 0.0) << device;
    }
    EXPECT_NEAR(r.leakage_pj("cpu"), leak_pj(r.leakage_uw("cpu"), run_us), 1e-6) << "the CPU is not gated";
}

TEST(PowerGating, OffLeaksFromTimeZeroAsBefore)
{
    SocParams params;
    params.rtm.power_gating = "off";
    params.mram.power_gating = "off";
    params.reram.power_gating = "off";
    GatedRun r(params, 0);
    sc_core::sc_start(sc_time(run_us, SC_US));
    for (const std::string& device : pim_devices) {
        EXPECT_NEAR(r.leakage_pj(device), leak_pj(r.leakage_uw(device), run_us), 1e-6) << device;
    }
}

TEST(PowerGating, DebugAccessesDoNotPowerUp)
{
    GatedRun r(SocParams{}, 0);
    Soc& soc = *r.soc;
    const std::vector<std::pair<tlm::tlm_fw_transport_if<>*, uint64_t>> targets = {
        {&soc.rtm.socket.get_base_interface(), 0},   {&soc.rtm.window.get_base_interface(), 0},
        {&soc.mram.socket.get_base_interface(), 0},  {&soc.mram.window.get_base_interface(), 0},
        {&soc.reram.socket.get_base_interface(), 0}, {&soc.reram.window.get_base_interface(), 0},
    };
    for (const auto& [target, address] : targets) {
        uint32_t word = 0;
        tlm::tlm_generic_payload trans;
        trans.set_read();
        trans.set_address(address);
        trans.set_data_ptr(reinterpret_cast<unsigned char*>(&word));
        trans.set_data_length(4);
        trans.set_streaming_width(4);
        EXPECT_EQ(target->transport_dbg(trans), 4u) << "the debug read reaches the device";
    }
    sc_core::sc_start(sc_time(run_us, SC_US));
    for (const std::string& device : pim_devices) {
        EXPECT_EQ(r.leakage_pj(device), 0.0) << device;
    }
}

struct Touch {
    const char* device;
    uint32_t address;
};

// Named in the test names instead of gtest's byte dump (which shows a pointer).
void PrintTo(const Touch& touch, std::ostream* out) { *out << touch.device << " at " << std::hex << touch.address; }

class PowerGatingTouch : public testing::TestWithParam<Touch> {};

TEST_P(PowerGatingTouch, TheTouchedDeviceLeaksFromItsFirstAccessTheOthersNot)
{
    GatedRun r(SocParams{}, GetParam().address);
    sc_core::sc_start(sc_time(run_us, SC_US));
    for (const std::string& device : pim_devices) {
        const double full = leak_pj(r.leakage_uw(device), run_us);
        if (device == GetParam().device) {
            // The access is the program's second instruction: well within the first microsecond.
            EXPECT_LT(r.leakage_pj(device), full) << device << ": off until the access";
            EXPECT_GT(r.leakage_pj(device), leak_pj(r.leakage_uw(device), run_us - 1.0)) << device;
        } else {
            EXPECT_EQ(r.leakage_pj(device), 0.0) << device;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(RegistersAndWindows, PowerGatingTouch,
                         testing::Values(Touch{"rtm", PIMSOC_RTM_BASE}, Touch{"rtm", PIMSOC_RTM_DATA_BASE},
                                         Touch{"mram", PIMSOC_MRAM_BASE}, Touch{"mram", PIMSOC_MRAM_DATA_BASE},
                                         Touch{"reram", PIMSOC_RERAM_BASE}, Touch{"reram", PIMSOC_RERAM_BUF_BASE}),
                         [](const testing::TestParamInfo<Touch>& touch) {
                             return std::string(touch.param.device) +
                                    ((touch.param.address & 0x01000000u) != 0 ? "Window" : "Registers");
                         });

}  // namespace
}  // namespace pimsoc
