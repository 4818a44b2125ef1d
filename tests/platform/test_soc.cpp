// The SoC end to end with tiny generated programs (the firmware project's programs are run by
// the integration tests in tests/firmware). Each test runs in its own process.
#include <gtest/gtest.h>

#include <fstream>

#include "common/temp_path.h"
#include "elf_builder.h"
#include "temp_elf.h"
#include "run_control.h"

namespace pimsoc {
namespace {

std::string write_elf(const std::string& name, const test::ElfSpec& spec) { return test::write_temp_elf(name, spec); }

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

// Reads the word at the ROM's base and exits through the finisher with it as the code.
test::ElfSpec exit_with_rom_word_spec()
{
    test::ElfSpec spec;
    spec.segments.push_back({0x80000000,
                             test::words_to_bytes({
                                 0x600002b7,  // lui  t0, 0x60000
                                 0x0002a303,  // lw   t1, 0(t0)
                                 0x01031313,  // slli t1, t1, 16
                                 0x000033b7,  // lui  t2, 0x3
                                 0x33338393,  // addi t2, t2, 0x333
                                 0x00736333,  // or   t1, t1, t2
                                 0x001002b7,  // lui  t0, 0x100
                                 0x0062a023,  // sw   t1, 0(t0)
                                 0x0000006f,  // j    .
                             }),
                             36});
    return spec;
}

std::string write_word_file(const std::string& name, uint32_t word)
{
    const std::string path = test::temp_path(name);
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(&word), sizeof word);
    return path;
}

TEST(Soc, RawImageInTheRomIsReadByFirmware)
{
    SocParams params;
    const auto image = write_word_file("rom42.bin", 42);
    const auto outcome = run_firmware(params, {write_elf("rom.elf", exit_with_rom_word_spec()), {{image, 0x60000000}}});
    EXPECT_EQ(outcome.kind, ExitKind::firmware);
    EXPECT_EQ(outcome.code, 42);
}

TEST(Soc, RomFileParameterPreloadsTheRom)
{
    SocParams params;
    params.rom_file = write_word_file("rom77.bin", 77);
    const auto outcome = run_firmware(params, {write_elf("rom.elf", exit_with_rom_word_spec()), {}});
    EXPECT_EQ(outcome.kind, ExitKind::firmware);
    EXPECT_EQ(outcome.code, 77);
}

TEST(Soc, ImageOutsideMemoryIsAnImageError)
{
    const std::string data = test::temp_path("data.bin");
    std::ofstream(data) << "0123456789";
    SocParams params;
    EXPECT_THROW(run_firmware(params, {write_elf("pass.elf", test::passing_firmware_spec()), {{data, 0x50000000}}}),
                 ImageError);
}

}  // namespace
}  // namespace pimsoc
