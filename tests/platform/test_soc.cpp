// The SoC end to end with tiny generated programs (the firmware project's programs are run by
// the integration tests in tests/firmware). Each test runs in its own process.
#include <gtest/gtest.h>

#include <fstream>

#include "elf_builder.h"
#include "run_control.h"

namespace pimsoc {
namespace {

std::string write_elf(const std::string& name, const test::ElfSpec& spec)
{
    const auto bytes = test::build_elf(spec);
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return path;
}

TEST(Soc, FinisherPassEndsTheRunWithCodeZero)
{
    SocParams params;
    const auto outcome = run_firmware(params, {write_elf("pass.elf", test::passing_firmware_spec()), {}});
    EXPECT_EQ(outcome.kind, ExitKind::firmware);
    EXPECT_EQ(outcome.code, 0);
    EXPECT_EQ(outcome.instructions, 4u) << "the store to the finisher is the 4th instruction";
    EXPECT_GT(outcome.simulated_seconds, 0.0);
}

TEST(Soc, HtifToHostFailCodeIsTheExitCode)
{
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000, test::words_to_bytes({0x800012b7, 0x00828293, 0x00700313, 0x0062a023, 0x6f}), 32});
    spec.segments.push_back({0x80001000, {}, 16});
    spec.symbols.push_back({"tohost", 0x80001008});
    SocParams params;
    const auto outcome = run_firmware(params, {write_elf("htif.elf", spec), {}});
    EXPECT_EQ(outcome.kind, ExitKind::firmware);
    EXPECT_EQ(outcome.code, 3);
}

test::ElfSpec spin_spec()
{
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000, test::words_to_bytes({0x0000006f}), 4});
    return spec;
}

TEST(Soc, TimeLimitStopsASpinningProgram)
{
    SocParams params;
    params.run.max_time_ns = 50000;
    const auto outcome = run_firmware(params, {write_elf("spin.elf", spin_spec()), {}});
    EXPECT_EQ(outcome.kind, ExitKind::time_limit);
    EXPECT_NEAR(outcome.simulated_seconds, 50e-6, 1e-12);
}

TEST(Soc, InstructionLimitStopsASpinningProgram)
{
    SocParams params;
    params.cpu.max_instructions = 12345;
    const auto outcome = run_firmware(params, {write_elf("spin.elf", spin_spec()), {}});
    EXPECT_EQ(outcome.kind, ExitKind::instruction_limit);
    EXPECT_EQ(outcome.instructions, 12345u);
}

TEST(Soc, ImageOutsideMemoryIsAnImageError)
{
    const std::string data = ::testing::TempDir() + "data.bin";
    std::ofstream(data) << "0123456789";
    SocParams params;
    EXPECT_THROW(run_firmware(params, {write_elf("pass.elf", test::passing_firmware_spec()), {{data, 0x50000000}}}),
                 ImageError);
}

}  // namespace
}  // namespace pimsoc
