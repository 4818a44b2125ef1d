#include <gtest/gtest.h>

#include "cli_options.h"

namespace pimsoc {
namespace {

TEST(CliOptions, RunWithEveryOption)
{
    const auto options = parse_cli({"run", "fw.elf", "--config", "a.json", "--set", "cpu.clock_hz=50M", "--image",
                                    "d.bin@0x60000000", "--max-time", "10ms", "--max-instructions", "1000",
                                    "--quantum", "2us", "--log", "debug", "--log", "soc.uart0=trace", "--quiet"});
    EXPECT_EQ(options.command, CliOptions::Command::run);
    EXPECT_EQ(options.firmware, "fw.elf");
    EXPECT_EQ(options.config_files, std::vector<std::string>{"a.json"});
    EXPECT_EQ(options.overrides, (std::vector<std::string>{"cpu.clock_hz=50M", "run.max_time_ns=10000000",
                                                           "cpu.max_instructions=1000", "run.quantum_ns=2000"}));
    EXPECT_EQ(options.images, std::vector<std::string>{"d.bin@0x60000000"});
    EXPECT_EQ(options.log_level, spdlog::level::debug);
    ASSERT_EQ(options.log_rules.size(), 1u);
    EXPECT_EQ(options.log_rules[0].prefix, "soc.uart0");
    EXPECT_EQ(options.log_rules[0].level, spdlog::level::trace);
    EXPECT_TRUE(options.quiet);
}

TEST(CliOptions, GdbPortOrHostAndPort)
{
    EXPECT_FALSE(parse_cli({"run", "fw.elf"}).gdb.enabled);
    const auto local = parse_cli({"run", "fw.elf", "--gdb", "3333", "--gdb-wait"});
    EXPECT_TRUE(local.gdb.enabled);
    EXPECT_TRUE(local.gdb.wait);
    EXPECT_EQ(local.gdb.host, "127.0.0.1");  // loopback only unless a host is named
    EXPECT_EQ(local.gdb.port, 3333u);
    const auto any = parse_cli({"run", "fw.elf", "--gdb", "0.0.0.0:0"});
    EXPECT_EQ(any.gdb.host, "0.0.0.0");
    EXPECT_EQ(any.gdb.port, 0u);
    EXPECT_FALSE(any.gdb.wait);
    EXPECT_EQ(parse_cli({"run", "fw.elf", "--gdb", "::1:1234"}).gdb.host, "::1");
}

TEST(CliOptions, BadGdbOptionsNameTheProblem)
{
    for (const char* bad : {"65536", "port", "", "12ab", ":1234", "host:", "999999999999"}) {
        try {
            parse_cli({"run", "fw.elf", "--gdb", bad});
            ADD_FAILURE() << "accepted --gdb " << bad;
        } catch (const UsageError& error) {
            EXPECT_NE(std::string(error.what()).find("option --gdb: "), std::string::npos) << error.what();
        }
    }
    EXPECT_THROW(parse_cli({"run", "fw.elf", "--gdb"}), UsageError);
    try {
        parse_cli({"run", "fw.elf", "--gdb-wait"});
        ADD_FAILURE() << "accepted --gdb-wait without --gdb";
    } catch (const UsageError& error) {
        EXPECT_STREQ(error.what(), "option --gdb-wait: needs --gdb PORT (where the debugger connects)");
    }
}

TEST(CliOptions, TraceGroupsDefaultToAllAndRepeatsAreMerged)
{
    EXPECT_EQ(parse_cli({"run", "fw.elf", "--vcd", "run.vcd"}).trace_groups,
              (std::vector<std::string>{"cpu", "bus", "irq", "uart", "dma", "power", "rtm", "mram", "reram", "energy", "roi"}));
    const auto options = parse_cli({"run", "fw.elf", "--trace", "irq,cpu", "--vcd", "run.vcd", "--trace", "cpu,dma"});
    EXPECT_EQ(options.vcd, "run.vcd");
    EXPECT_EQ(options.trace_groups, (std::vector<std::string>{"irq", "cpu", "dma"}));
    EXPECT_TRUE(parse_cli({"run", "fw.elf"}).trace_groups.empty());
}

TEST(CliOptions, ConfigDump)
{
    const auto options = parse_cli({"config", "--dump", "--set", "run.quantum_ns=5"});
    EXPECT_EQ(options.command, CliOptions::Command::config_dump);
    EXPECT_EQ(options.overrides.size(), 1u);
}

std::string usage_error(const std::vector<std::string>& args)
{
    try {
        parse_cli(args);
    } catch (const UsageError& error) {
        return error.what();
    }
    return "";
}

TEST(CliOptions, WordsAfterTheSeparatorAreTheFirmwareArguments)
{
    const CliOptions options = parse_cli({"run", "a.elf", "--quiet", "--", "--images", "5", "--", "--set"});
    EXPECT_EQ(options.firmware, "a.elf");
    EXPECT_TRUE(options.quiet);
    EXPECT_EQ(options.firmware_args, (std::vector<std::string>{"--images", "5", "--", "--set"}));
    EXPECT_TRUE(parse_cli({"run", "a.elf"}).firmware_args.empty());
    EXPECT_TRUE(parse_cli({"run", "a.elf", "--"}).firmware_args.empty());
}

TEST(CliOptions, NoCommandIsItsOwnError)
{
    EXPECT_THROW(parse_cli({}), NoCommandError);
}

TEST(CliOptions, ErrorsNameTheProblem)
{
    EXPECT_EQ(usage_error({}), "no command given (try 'pimsoc --help')");
    EXPECT_EQ(usage_error({"fly"}), "unknown command 'fly' (expected run or config)");
    EXPECT_EQ(usage_error({"run"}), "run: no firmware ELF given (usage: pimsoc run FIRMWARE.elf [options])");
    EXPECT_EQ(usage_error({"run", "a.elf", "b.elf"}), "unexpected argument 'b.elf'");
    EXPECT_EQ(usage_error({"run", "a.elf", "--set"}), "option --set needs a value");
    EXPECT_EQ(usage_error({"run", "a.elf", "--frobnicate"}), "unknown option '--frobnicate' (try 'pimsoc --help')");
    EXPECT_EQ(usage_error({"run", "a.elf", "--max-time", "10"}),
              "option --max-time: '10' is not a duration (use a unit: s, ms, us, ns, ps)");
    EXPECT_EQ(usage_error({"run", "a.elf", "--log", "loud"}),
              "option --log: unknown log level 'loud' (expected trace, debug, info, warn, error, critical or off)");
    EXPECT_EQ(usage_error({"config"}), "config: expected --dump");
    EXPECT_EQ(usage_error({"run", "a.elf", "--vcd", "t.vcd", "--trace", "cpu,gpu"}),
              "option --trace: unknown trace group 'gpu' (groups: cpu, bus, irq, uart, dma, power, rtm, mram, reram, energy, roi)");
    EXPECT_EQ(usage_error({"run", "a.elf", "--trace", "cpu"}), "option --trace: needs --vcd FILE (where to write the trace)");
    EXPECT_EQ(usage_error({"run", "a.elf", "--vcd"}), "option --vcd needs a value");
}

TEST(CliOptions, HelpAndVersion)
{
    EXPECT_EQ(parse_cli({"--help"}).command, CliOptions::Command::help);
    EXPECT_EQ(parse_cli({"run", "x.elf", "--help"}).command, CliOptions::Command::help);
    EXPECT_EQ(parse_cli({"--version"}).command, CliOptions::Command::version);
}

}  // namespace
}  // namespace pimsoc
