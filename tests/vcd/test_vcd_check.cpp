#include <gtest/gtest.h>

#include "vcd_check.h"

namespace pimsoc::vcd {
namespace {

using Messages = std::vector<std::string>;

Messages problems(const std::string& text)
{
    Messages out;
    for (const auto& problem : check(text, "run.vcd")) {
        out.push_back(format_problem("run.vcd", problem));
    }
    return out;
}

// Lines 1-6: a valid header with a 4-bit vector '!', a bit '"' and a real '#'; changes from line 7.
std::string with_header(const std::string& changes)
{
    return "$timescale 1ps $end\n"
           "$scope module soc $end\n"
           "$var wire 4 ! count $end\n"
           "$var wire 1 \" flag $end\n"
           "$var real 64 # energy_pj $end\n"
           "$upscope $end $enddefinitions $end\n" +
           changes;
}

TEST(VcdCheck, ValidDumps)
{
    EXPECT_EQ(problems(with_header("#0\n$dumpvars\nb0 !\n0\"\nr0 #\n$end\n#10\nb1010 !\nr1.5 #\n#20\n1\"\n")),
              Messages{});
    // As gtkwave's fst2vcd writes it.
    EXPECT_EQ(
        problems("$date\n\tThu Dec  4 10:00:00 2025\n$end\n$timescale\n\t1ns\n$end\n$scope module top $end\n"
                 "$var wire 8 ! tx_data [7:0] $end\n$upscope $end\n$enddefinitions $end\n"
                 "#0\n$dumpvars\nb00000000 !\n$end\n#5\nb1000001 !\n"),
        Messages{});
}

TEST(VcdCheck, HeaderItems)
{
    EXPECT_EQ(problems("$var wire 1 ! a $end\n$enddefinitions $end\n#0\n1!\n"),
              Messages{"run.vcd: no $timescale in the header"});
    EXPECT_EQ(problems("$timescale 1ps $end\n$var wire 1 ! a $end\n"),
              Messages{"run.vcd: missing $enddefinitions"});
    // Without $enddefinitions the value changes are still checked.
    EXPECT_EQ(problems("$timescale 1ps $end\n$var wire 1 ! a $end\n#0\n1!\n1%\n"),
              (Messages{"run.vcd:3: missing $enddefinitions before '#0'",
                        "run.vcd:5: value change for undeclared identifier '%'"}));
}

TEST(VcdCheck, UndeclaredIdentifier)
{
    EXPECT_EQ(problems(with_header("#0\n1%\nb1 &\nr1 '\n")),
              (Messages{"run.vcd:8: value change for undeclared identifier '%'",
                        "run.vcd:9: value change for undeclared identifier '&'",
                        "run.vcd:10: value change for undeclared identifier '''"}));
}

TEST(VcdCheck, DeclaredWidths)
{
    EXPECT_EQ(problems("$timescale 1ps $end\n$var wire 0 ! a $end\n$enddefinitions $end\n#0\nb0 !\n"),
              Messages{"run.vcd:2: $var a: width 0 (must be at least 1)"});
    // Strings have width 0, as GTKWave writes them (the roi trace group).
    EXPECT_EQ(problems("$timescale 1ps $end\n$var string 0 ! a $end\n$enddefinitions $end\n#0\nsconv1 !\n"),
              Messages{});
    // A malformed width is reported once, not again at each change of its identifier.
    EXPECT_EQ(problems("$timescale 1ps $end\n$var wire x ! a $end\n$enddefinitions $end\n#0\nb0 !\n"),
              Messages{"run.vcd:2: $var: width 'x' is not a number"});
}

TEST(VcdCheck, TimeStampsStrictlyIncrease)
{
    EXPECT_EQ(problems(with_header("#0\n#10\n#10\n#5\n#20\n")),
              (Messages{"run.vcd:9: time 10 repeats the previous time stamp",
                        "run.vcd:10: time 5 is before the previous time 10"}));
}

TEST(VcdCheck, ValuesFitTheirDeclarations)
{
    EXPECT_EQ(problems(with_header("#0\nb10101 !\nb00001 !\nb12 !\nr1.2.3 #\nrabc #\n")),
              (Messages{"run.vcd:8: vector value 'b10101' is wider than the declared width 4 of soc.count",
                        "run.vcd:9: vector value 'b00001' is wider than the declared width 4 of soc.count",
                        "run.vcd:10: vector value 'b12' has a digit other than 0, 1, x, z",
                        "run.vcd:11: real value 'r1.2.3' is not a number",
                        "run.vcd:12: real value 'rabc' is not a number"}));
}

TEST(VcdCheck, NameDeclaredByTwoIdentifiers)
{
    // Aliases (one identifier, two names) are fine; one name for two identifiers is ambiguous.
    EXPECT_EQ(
        problems("$timescale 1ps $end\n$var wire 1 ! a $end\n$var wire 1 ! b $end\n$var wire 1 \" a $end\n"
                 "$var wire 1 # bus [0] $end\n$var wire 1 $ bus [1] $end\n$enddefinitions $end\n"),
        Messages{"run.vcd:4: signal a declared again with identifier '\"' (first as '!' on line 2)"});
}

TEST(VcdCheck, EveryProblemInLineOrder)
{
    EXPECT_EQ(
        problems("$var wire 0 ! a $end\n$var wire 1 \" b $end\n$enddefinitions $end\n#5\n1%\n#3\n1\"\n"),
        (Messages{"run.vcd:1: $var a: width 0 (must be at least 1)",
                  "run.vcd:5: value change for undeclared identifier '%'",
                  "run.vcd:6: time 3 is before the previous time 5",
                  "run.vcd: no $timescale in the header"}));
}

TEST(VcdCheck, SyntaxErrorsAreProblemsToo)
{
    EXPECT_EQ(
        problems(with_header("#0\nq!\n$dumpvars\n1\"\n")),
        (Messages{
            "run.vcd:8: unexpected 'q!' in the value changes (expected #TIME, a value change or a $command)",
            "run.vcd:9: unterminated $dumpvars (no $end)"}));
    EXPECT_EQ(problems(with_header("#0\nb1\n")), Messages{"run.vcd:8: value 'b1' without an identifier"});
}

}  // namespace
}  // namespace pimsoc::vcd
