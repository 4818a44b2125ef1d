#include <gtest/gtest.h>

#include "sample_vcd.h"
#include "vcd_reader.h"

namespace pimsoc::vcd {
namespace {

// As pimsoc writes it: one picosecond ticks, a real for energy, $dumpvars at time 0.
using test::simulator_vcd;

// As gtkwave's fst2vcd writes it: header commands over several lines, bit ranges, upper case X and Z.
const char* const fst2vcd_vcd = R"($date
	Thu Dec  4 10:00:00 2025
$end
$version
	GTKWave Analyzer v3.3.118 (w)1999-2023 BSI
$end
$timescale
	1ns
$end
$scope module top $end
$scope module uart0 $end
$var wire 1 ! clk $end
$var wire 8 " tx_data [7:0] $end
$var reg 4 # state[3:0] $end
$upscope $end
$upscope $end
$enddefinitions $end
#0
$dumpvars
0!
b00000000 "
bXXXX #
$end
#5
1!
B1000001 "
bZ01 #
)";

using Changes = std::vector<std::pair<uint64_t, std::string>>;

Changes changes_of(const Dump& dump, const std::string& full_name)
{
    for (const auto& variable : dump.variables) {
        if (variable.full_name == full_name) {
            Changes out;
            for (const auto& change : dump.changes(variable)) {
                out.emplace_back(change.time, change.value);
            }
            return out;
        }
    }
    ADD_FAILURE() << "no signal " << full_name;
    return {};
}

std::string parse_error(const std::string& text)
{
    try {
        parse_vcd(text, "run.vcd");
    } catch (const ParseError& error) {
        return error.what();
    }
    return "(no error)";
}

// A valid header around the given value changes: one 4-bit vector '!' and one bit '"'.
std::string with_header(const std::string& changes)
{
    return "$timescale 1ps $end\n"
           "$scope module soc $end\n"
           "$var wire 4 ! count $end\n"
           "$var wire 1 \" flag $end\n"
           "$upscope $end\n"
           "$enddefinitions $end\n" +
           changes;
}

TEST(VcdReader, SimulatorDump)
{
    const Dump dump = parse_vcd(simulator_vcd, "run.vcd");
    EXPECT_EQ(dump.file, "run.vcd");
    EXPECT_EQ(dump.version, "pimsoc 0.1");
    EXPECT_TRUE(dump.has_timescale);
    EXPECT_EQ(dump.timescale_ps, 1u);
    EXPECT_EQ(dump.last_time, 20000u);

    ASSERT_EQ(dump.root.scopes.size(), 1u);
    const Scope& soc = dump.root.scopes[0];
    EXPECT_EQ(soc.type, "module");
    EXPECT_EQ(soc.name, "soc");
    ASSERT_EQ(soc.scopes.size(), 2u);
    EXPECT_EQ(soc.scopes[0].name, "cpu");
    EXPECT_EQ(soc.scopes[0].variables, (std::vector<size_t>{0, 1}));
    EXPECT_EQ(soc.scopes[1].name, "energy");
    EXPECT_EQ(soc.scopes[1].variables, std::vector<size_t>{2});

    ASSERT_EQ(dump.variables.size(), 3u);
    const Variable& pc = dump.variables[0];
    EXPECT_EQ(pc.type, "wire");
    EXPECT_EQ(pc.width, 32u);
    EXPECT_EQ(pc.id, "!");
    EXPECT_EQ(pc.reference, "pc");
    EXPECT_EQ(pc.full_name, "soc.cpu.pc");
    EXPECT_EQ(pc.line, 5);
    EXPECT_EQ(dump.variables[2].type, "real");
    EXPECT_EQ(dump.variables[2].full_name, "soc.energy.cpu_pj");

    EXPECT_EQ(changes_of(dump, "soc.cpu.pc"), (Changes{{0, "b10000000000000000000000000000000"},
                                                       {10000, "b10000000000000000000000000000100"}}));
    EXPECT_EQ(changes_of(dump, "soc.cpu.sleeping"), (Changes{{0, "0"}, {20000, "1"}}));
    EXPECT_EQ(changes_of(dump, "soc.energy.cpu_pj"), (Changes{{0, "r0"}, {10000, "r12.5"}}));
}

TEST(VcdReader, Fst2vcdDump)
{
    const Dump dump = parse_vcd(fst2vcd_vcd);
    EXPECT_EQ(dump.date, "Thu Dec 4 10:00:00 2025");
    EXPECT_EQ(dump.version, "GTKWave Analyzer v3.3.118 (w)1999-2023 BSI");
    EXPECT_EQ(dump.timescale_ps, 1000u);
    ASSERT_EQ(dump.variables.size(), 3u);
    EXPECT_EQ(dump.variables[1].full_name, "top.uart0.tx_data");
    EXPECT_EQ(dump.variables[1].bit_range, "[7:0]");
    EXPECT_EQ(dump.variables[2].full_name, "top.uart0.state");  // a range written onto the name
    EXPECT_EQ(dump.variables[2].bit_range, "[3:0]");
    EXPECT_EQ(changes_of(dump, "top.uart0.clk"), (Changes{{0, "0"}, {5, "1"}}));
    EXPECT_EQ(changes_of(dump, "top.uart0.tx_data"), (Changes{{0, "b0"}, {5, "b1000001"}}));
    EXPECT_EQ(changes_of(dump, "top.uart0.state"), (Changes{{0, "bxxxx"}, {5, "bz01"}}));
    EXPECT_EQ(dump.to_ps(dump.last_time), 5000u);
}

TEST(VcdReader, Timescales)
{
    const std::pair<const char*, uint64_t> cases[] = {
        {"$timescale 1ps $end", 1},
        {"$timescale 1 ps $end", 1},
        {"$timescale 10ns $end", 10000},
        {"$timescale 1 us $end", 1000000},
        {"$timescale 100ms $end", 100000000000},
        {"$timescale 1s $end", 1000000000000},
        {"$timescale 1000fs $end", 1},
        {"$timescale\n\t1ps\n$end", 1},
    };
    for (const auto& [header, ps] : cases) {
        EXPECT_EQ(parse_vcd(std::string(header) + "\n$enddefinitions $end\n").timescale_ps, ps) << header;
    }
    EXPECT_EQ(
        parse_error("$timescale 1xs $end\n$enddefinitions $end\n"),
        "run.vcd:1: $timescale: '1xs' is not a timescale (expected a number and s, ms, us, ns, ps or fs)");
    EXPECT_EQ(
        parse_error("$timescale 0 ns $end\n$enddefinitions $end\n"),
        "run.vcd:1: $timescale: '0ns' is not a timescale (expected a number and s, ms, us, ns, ps or fs)");
    EXPECT_EQ(parse_error("$timescale 1fs $end\n$enddefinitions $end\n"),
              "run.vcd:1: $timescale: '1fs' is finer than 1 ps (not supported)");
}

TEST(VcdReader, VectorsAreNormalised)
{
    const Dump dump =
        parse_vcd(with_header("#0\nb0000 !\nb1 \"\n#1\nb0010 !\n#2\nbX01 !\n#3\nb0x1 !\n#4\nb000z !\n"
                              "#5\n1!\n#6\n0\"\n"));
    // Leading zeros go, except one in front of an x or z (which would otherwise extend to the left).
    EXPECT_EQ(changes_of(dump, "soc.count"),
              (Changes{{0, "b0"}, {1, "b10"}, {2, "bx01"}, {3, "b0x1"}, {4, "b0z"}, {5, "b1"}}));
    // A one-bit signal is a scalar however it is written.
    EXPECT_EQ(changes_of(dump, "soc.flag"), (Changes{{0, "1"}, {6, "0"}}));
    EXPECT_TRUE(value_equal("b0", "b0"));
    EXPECT_FALSE(value_equal("b0x1", "bx1"));
}

TEST(VcdReader, RepeatedValuesAreNoChange)
{
    const Dump dump =
        parse_vcd(with_header("#0\n$dumpvars\nb0 !\n1\"\n$end\n#10\nb000 !\n1\"\n#20\nb1 !\n#30\n0\"\n"));
    EXPECT_EQ(changes_of(dump, "soc.count"), (Changes{{0, "b0"}, {20, "b1"}}));
    EXPECT_EQ(changes_of(dump, "soc.flag"), (Changes{{0, "1"}, {30, "0"}}));
}

TEST(VcdReader, LaterChangeAtTheSameTimeWins)
{
    const Dump dump = parse_vcd(with_header("#0\n0\"\n#10\n1\"\n0\"\n#20\nb1 !\nb10 !\n"));
    EXPECT_EQ(changes_of(dump, "soc.flag"), (Changes{{0, "0"}}));
    EXPECT_EQ(changes_of(dump, "soc.count"), (Changes{{20, "b10"}}));
}

TEST(VcdReader, RealsCompareByValue)
{
    const std::string text =
        "$timescale 1ps $end\n$var real 64 # e $end\n$enddefinitions $end\n"
        "#0\nr0 #\n#1\nr0.0 #\n#2\nR12.5 #\n#3\nr1.25e1 #\n#4\nr12.6 #\n";
    EXPECT_EQ(changes_of(parse_vcd(text), "e"), (Changes{{0, "r0"}, {2, "r12.5"}, {4, "r12.6"}}));
    EXPECT_TRUE(value_equal("r12.5", "r12.50"));
    EXPECT_FALSE(value_equal("r12.5", "r12.6"));
}

TEST(VcdReader, StringsAndDumpBlocks)
{
    const std::string text =
        "$timescale 1ps $end\n$var string 1 ' label $end\n$var wire 1 ( x $end\n"
        "$enddefinitions $end\n"
        "1(\n"  // before the first #TIME: time 0
        "sidle '\n#5\n$dumpoff\nx(\n$end\n#7\n$dumpon\n1(\nsbusy '\n$end\n"
        "#9\n$dumpall\n1(\n$end\n$comment all done $end\n";
    const Dump dump = parse_vcd(text);
    EXPECT_EQ(changes_of(dump, "label"), (Changes{{0, "sidle"}, {7, "sbusy"}}));
    EXPECT_EQ(changes_of(dump, "x"), (Changes{{0, "1"}, {5, "x"}, {7, "1"}}));
    EXPECT_EQ(dump.last_time, 9u);
}

TEST(VcdReader, AliasIdentifiersShareTheirChanges)
{
    const std::string text =
        "$timescale 1ps $end\n$scope module a $end\n$var wire 1 ! clk $end\n$upscope $end\n"
        "$scope module b $end\n$var wire 1 ! clk $end\n$upscope $end\n$enddefinitions $end\n"
        "#0\n0!\n#5\n1!\n";
    const Dump dump = parse_vcd(text);
    ASSERT_EQ(dump.variables.size(), 2u);
    EXPECT_EQ(dump.signals.size(), 1u);
    EXPECT_EQ(changes_of(dump, "a.clk"), (Changes{{0, "0"}, {5, "1"}}));
    EXPECT_EQ(changes_of(dump, "b.clk"), (Changes{{0, "0"}, {5, "1"}}));
}

TEST(VcdReader, StrictParseToleratesWhatCheckReports)
{
    // A repeated time stamp, no $timescale, a zero width: untidy, but readable.
    const Dump dump = parse_vcd(
        "$var wire 0 ! z $end\n$var wire 1 \" a $end\n$enddefinitions $end\n"
        "#5\n1\"\n#5\n");
    EXPECT_FALSE(dump.has_timescale);
    EXPECT_EQ(dump.timescale_ps, 1u);
    EXPECT_EQ(changes_of(dump, "a"), (Changes{{5, "1"}}));
}

TEST(VcdReader, ErrorsNameFileLineAndProblem)
{
    EXPECT_EQ(parse_error(with_header("#0\n1%\n")), "run.vcd:8: value change for undeclared identifier '%'");
    EXPECT_EQ(parse_error(with_header("#0\nb1 %\n")),
              "run.vcd:8: value change for undeclared identifier '%'");
    EXPECT_EQ(parse_error("$timescale 1ps $end\n$scope module soc $end\n$var wire x ! a $end\n"),
              "run.vcd:3: $var: width 'x' is not a number");
    EXPECT_EQ(parse_error(with_header("#200\n#100\n")),
              "run.vcd:8: time 100 is before the previous time 200");
    EXPECT_EQ(parse_error("$timescale 1ps $end\n$var wire 1 ! a $end\n"), "run.vcd: missing $enddefinitions");
    EXPECT_EQ(parse_error("$timescale 1ps $end\n$var wire 1 ! a $end\n#0\n1!\n"),
              "run.vcd:3: missing $enddefinitions before '#0'");
    EXPECT_EQ(parse_error(with_header("#0\nb10201 !\n")),
              "run.vcd:8: vector value 'b10201' has a digit other than 0, 1, x, z");
    EXPECT_EQ(parse_error(with_header("#0\nb10101 !\n")),
              "run.vcd:8: vector value 'b10101' is wider than the declared width 4 of soc.count");
    EXPECT_EQ(parse_error(with_header("#0\nb1\n")), "run.vcd:8: value 'b1' without an identifier");
    EXPECT_EQ(parse_error(with_header("#x\n")), "run.vcd:7: time '#x' is not a number");
    EXPECT_EQ(
        parse_error(with_header("#0\nq!\n")),
        "run.vcd:8: unexpected 'q!' in the value changes (expected #TIME, a value change or a $command)");
    EXPECT_EQ(parse_error(with_header("#0\n$dumpvars\n1\"\n")),
              "run.vcd:8: unterminated $dumpvars (no $end)");
    EXPECT_EQ(parse_error(with_header("#0\n$end\n")),
              "run.vcd:8: $end without an open $dumpvars, $dumpon, $dumpoff or $dumpall");
    EXPECT_EQ(parse_error(with_header("$var wire 1 % late $end\n")),
              "run.vcd:7: unexpected '$var' after $enddefinitions");
    EXPECT_EQ(parse_error("$timescale 1ps $end\n$var real 64 # e $end\n$enddefinitions $end\n#0\nr1.2.3 #\n"),
              "run.vcd:5: real value 'r1.2.3' is not a number");
}

TEST(VcdReader, HeaderErrors)
{
    EXPECT_EQ(parse_error("$timescale 1ps $end\n$var wire 1 ! $end\n$enddefinitions $end\n"),
              "run.vcd:2: $var: expected TYPE WIDTH ID NAME, got 'wire 1 !'");
    EXPECT_EQ(parse_error("$var wire 8 ! data [7:0] extra $end\n$enddefinitions $end\n"),
              "run.vcd:1: $var: unexpected 'extra' in 'wire 8 ! data [7:0] extra'");
    EXPECT_EQ(parse_error("$var wire 8 ! data 7:0 $end\n$enddefinitions $end\n"),
              "run.vcd:1: $var: unexpected '7:0' in 'wire 8 ! data 7:0'");
    EXPECT_EQ(parse_error("$var wire 1 ! a\n"), "run.vcd:1: unterminated $var (no $end)");
    EXPECT_EQ(parse_error("$var wire 1 ! a\n$enddefinitions $end\n"),
              "run.vcd:1: unterminated $var (no $end before '$enddefinitions')");
    EXPECT_EQ(parse_error("$upscope $end\n$enddefinitions $end\n"),
              "run.vcd:1: $upscope without an open $scope");
    EXPECT_EQ(parse_error("$scope module soc $end\n$enddefinitions $end\n"),
              "run.vcd:2: $scope 'soc' is not closed (no $upscope) before $enddefinitions");
    EXPECT_EQ(parse_error("$scope soc $end\n$upscope $end\n$enddefinitions $end\n"),
              "run.vcd:1: $scope: expected TYPE NAME, got 'soc'");
    EXPECT_EQ(
        parse_error("$var wire 1 ! a $end\n$var wire 8 ! b $end\n$enddefinitions $end\n"),
        "run.vcd:2: $var: identifier '!' declared again with width 8 (first declared with width 1 as a)");
    EXPECT_EQ(parse_error("hello\n$enddefinitions $end\n"), "run.vcd:1: unexpected 'hello' in the header");
}

TEST(VcdReader, ParseErrorCarriesItsParts)
{
    try {
        parse_vcd(with_header("#0\n1%\n"), "run.vcd");
        FAIL() << "no error";
    } catch (const ParseError& error) {
        EXPECT_EQ(error.file(), "run.vcd");
        EXPECT_EQ(error.line(), 8);
        EXPECT_EQ(error.message(), "value change for undeclared identifier '%'");
    }
}

TEST(VcdReader, UnreadableFile)
{
    try {
        read_vcd_file("/nonexistent/run.vcd");
        FAIL() << "no error";
    } catch (const ParseError& error) {
        EXPECT_STREQ(error.what(), "/nonexistent/run.vcd: cannot open file");
        EXPECT_EQ(error.line(), 0);
    }
    EXPECT_THROW(read_vcd_file("/"), ParseError);
}

}  // namespace
}  // namespace pimsoc::vcd
