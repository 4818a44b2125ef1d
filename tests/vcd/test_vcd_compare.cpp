#include <gtest/gtest.h>

#include "sample_vcd.h"
#include "vcd_compare.h"

namespace pimsoc::vcd {
namespace {

const char* const expected_vcd = test::simulator_vcd;

// Two signals in one scope; the changes follow.
std::string two_signals(const std::string& timescale, const std::string& changes)
{
    return "$timescale " + timescale + " $end\n$scope module soc $end\n$scope module uart0 $end\n" +
           "$var wire 8 ! tx_data $end\n$var wire 1 \" busy $end\n$upscope $end\n$upscope $end\n" +
           "$enddefinitions $end\n" + changes;
}

Comparison compare_texts(const std::string& expected, const std::string& actual)
{
    return compare(parse_vcd(expected, "expected.vcd"), parse_vcd(actual, "actual.vcd"));
}

TEST(VcdCompare, SameWaveformWrittenDifferently)
{
    // Other header text, identifier codes, declaration order, $dumpvars spelling, number spellings
    // and a repeated value: the same waveform.
    const char* const actual = R"($date Thu Dec  4 2025 $end
$version another writer $end
$comment written elsewhere $end
$timescale 1 ps $end
$scope module soc $end
$scope module energy $end
$var real 64 a cpu_pj $end
$upscope $end
$scope module cpu $end
$var wire 1 b sleeping $end
$var wire 32 c pc [31:0] $end
$upscope $end
$upscope $end
$enddefinitions $end
#0
b10000000000000000000000000000000 c
b0 b
r0.0 a
#10000
b10000000000000000000000000000100 c
r1.25e1 a
0b
#20000
1b
)";
    const Comparison comparison = compare_texts(expected_vcd, actual);
    EXPECT_TRUE(comparison.equal());
    EXPECT_EQ(comparison.signals, 3u);
    EXPECT_EQ(comparison.value_changes, 6u);
    EXPECT_EQ(comparison.report(), "same: 3 signals, 6 value changes");
}

TEST(VcdCompare, FirstDifferenceInTimeOrder)
{
    const auto expected =
        two_signals("1ps", "#0\nb0 !\n0\"\n#1000\n1\"\n#1234567\nb1000001 !\n#2000000\n0\"\n");
    const auto actual =
        two_signals("1ps", "#0\nb0 !\n0\"\n#1000\n1\"\n#1234567\nb1000010 !\n#1500000\n0\"\n");
    const Comparison comparison = compare_texts(expected, actual);
    ASSERT_EQ(comparison.differences.size(), 2u);
    const Difference& first = comparison.differences[0];
    EXPECT_EQ(first.kind, Difference::Kind::value);
    EXPECT_EQ(first.time_ps, 1234567u);
    EXPECT_EQ(first.signal, "soc.uart0.tx_data");
    EXPECT_EQ(first.expected, "b1000001");
    EXPECT_EQ(first.actual, "b1000010");
    EXPECT_EQ(comparison.differing_signals, 2u);
    EXPECT_EQ(comparison.report(),
              "first difference at 1234567 ps: soc.uart0.tx_data: expected b1000001, actual b1000010\n"
              "differing signals: 2 of 2");
    EXPECT_EQ(
        comparison.differences[1].message,
        "first difference at 1500000 ps: soc.uart0.busy: expected (no change), actual 0; expected still 1");
}

TEST(VcdCompare, ChangeOnOneSideOnly)
{
    const auto expected = two_signals("1ps", "#0\nb0 !\n#20000\n1\"\n");
    const auto late = two_signals("1ps", "#0\nb0 !\n#30000\n1\"\n");
    EXPECT_EQ(compare_texts(expected, late).differences.at(0).message,
              "first difference at 20000 ps: soc.uart0.busy: expected 1, actual (no change); actual has no "
              "value yet");
    EXPECT_EQ(compare_texts(late, expected).differences.at(0).message,
              "first difference at 20000 ps: soc.uart0.busy: expected (no change), actual 1; "
              "expected has no value yet");
    const auto shorter = two_signals("1ps", "#0\nb0 !\n");
    const auto longer = two_signals("1ps", "#0\nb0 !\n#5\nb1 !\n");
    EXPECT_EQ(
        compare_texts(shorter, longer).differences.at(0).message,
        "first difference at 5 ps: soc.uart0.tx_data: expected (no change), actual b1; expected still b0");
}

TEST(VcdCompare, TimesArePrintedInPicoseconds)
{
    const auto expected = two_signals("1ns", "#0\nb0 !\n#5\nb1 !\n");
    const auto actual = two_signals("1ns", "#0\nb0 !\n#5\nb11 !\n");
    EXPECT_EQ(compare_texts(expected, actual).differences.at(0).message,
              "first difference at 5000 ps: soc.uart0.tx_data: expected b1, actual b11");
}

TEST(VcdCompare, SignalOnlyInOneDump)
{
    const auto both = two_signals("1ps", "#0\nb0 !\n");
    const auto with_dma =
        "$timescale 1ps $end\n$scope module soc $end\n$scope module dma $end\n"
        "$var wire 1 # busy $end\n$upscope $end\n$scope module uart0 $end\n"
        "$var wire 8 ! tx_data $end\n$var wire 1 \" busy $end\n$upscope $end\n$upscope $end\n"
        "$enddefinitions $end\n#0\nb0 !\n";
    const Comparison missing = compare_texts(with_dma, both);
    ASSERT_EQ(missing.differences.size(), 1u);
    EXPECT_EQ(missing.differences[0].kind, Difference::Kind::only_in_expected);
    EXPECT_EQ(missing.report(), "signal soc.dma.busy: only in expected\ndiffering signals: 1 of 3");
    EXPECT_EQ(compare_texts(both, with_dma).differences.at(0).message, "signal soc.dma.busy: only in actual");
}

TEST(VcdCompare, DifferentWidth)
{
    const auto expected = two_signals("1ps", "#0\nb0 !\n");
    auto actual = expected;
    actual.replace(actual.find("wire 8"), 6, "wire 9");
    const Comparison comparison = compare_texts(expected, actual);
    ASSERT_EQ(comparison.differences.size(), 1u);
    EXPECT_EQ(comparison.differences[0].kind, Difference::Kind::width);
    EXPECT_EQ(comparison.differences[0].message,
              "signal soc.uart0.tx_data: width 8 in expected, 9 in actual");
}

TEST(VcdCompare, DifferentTimescale)
{
    // The same waveform in other ticks: only the timescale differs, since times compare in ps.
    const Comparison same_times = compare_texts(two_signals("1ps", "#0\nb0 !\n#5000\nb1 !\n"),
                                                two_signals("1 ns", "#0\nb0 !\n#5\nb1 !\n"));
    ASSERT_EQ(same_times.differences.size(), 1u);
    EXPECT_EQ(same_times.differences[0].kind, Difference::Kind::timescale);
    EXPECT_EQ(same_times.report(), "timescale: expected 1 ps, actual 1000 ps\ndiffering signals: 0 of 2");

    const Comparison other_times =
        compare_texts(two_signals("1ps", "#0\nb0 !\n#5\nb1 !\n"), two_signals("1ns", "#0\nb0 !\n#5\nb1 !\n"));
    ASSERT_EQ(other_times.differences.size(), 2u);
    EXPECT_EQ(other_times.differences[1].time_ps, 5u);
    EXPECT_EQ(other_times.differing_signals, 1u);
}

TEST(VcdCompare, RepeatedValuesAreIgnored)
{
    const auto expected = two_signals("1ps", "#0\n$dumpvars\nb0 !\n1\"\n$end\n#20\n0\"\n");
    const auto actual =
        two_signals("1ps", "#0\n$dumpvars\nb000 !\n1\"\n$end\n#10\n1\"\nb0 !\n#20\n0\"\n#30\n0\"\n");
    EXPECT_TRUE(compare_texts(expected, actual).equal());
}

TEST(VcdCompare, AliasIdentifiers)
{
    // The actual writer shares one identifier between two names with the same waveform.
    const auto expected =
        "$timescale 1ps $end\n$scope module a $end\n$var wire 1 ! clk $end\n$upscope $end\n"
        "$scope module b $end\n$var wire 1 \" clk $end\n$upscope $end\n$enddefinitions $end\n"
        "#0\n0!\n0\"\n#5\n1!\n1\"\n";
    const auto actual =
        "$timescale 1ps $end\n$scope module a $end\n$var wire 1 % clk $end\n$upscope $end\n"
        "$scope module b $end\n$var wire 1 % clk $end\n$upscope $end\n$enddefinitions $end\n"
        "#0\n0%\n#5\n1%\n";
    const Comparison same = compare_texts(expected, actual);
    EXPECT_TRUE(same.equal());
    EXPECT_EQ(same.report(), "same: 2 signals, 4 value changes");

    // When b.clk really has its own waveform, sharing one identifier is a difference.
    const auto b_late =
        "$timescale 1ps $end\n$scope module a $end\n$var wire 1 ! clk $end\n$upscope $end\n"
        "$scope module b $end\n$var wire 1 \" clk $end\n$upscope $end\n$enddefinitions $end\n"
        "#0\n0!\n0\"\n#5\n1!\n#6\n1\"\n";
    EXPECT_EQ(compare_texts(b_late, actual).differences.at(0).message,
              "first difference at 5 ps: b.clk: expected (no change), actual 1; expected still 0");
}

TEST(VcdCompare, RealsAndScalarsCompareByValue)
{
    const auto reals = [](const std::string& value) {
        return "$timescale 1ps $end\n$var real 64 # e $end\n$enddefinitions $end\n#0\nr" + value + " #\n";
    };
    EXPECT_TRUE(compare_texts(reals("12.5"), reals("12.50")).equal());
    EXPECT_EQ(compare_texts(reals("12.5"), reals("12.6")).differences.at(0).message,
              "first difference at 0 ps: e: expected r12.5, actual r12.6");
    // A one-bit signal written as a scalar or as a vector.
    EXPECT_TRUE(compare_texts(two_signals("1ps", "#0\n1\"\n"), two_signals("1ps", "#0\nb1 \"\n")).equal());
}

TEST(VcdCompare, DifferenceOrder)
{
    // Structural differences come before value differences, value differences by time, then name.
    const auto expected =
        "$timescale 1ps $end\n$var wire 1 ! a $end\n$var wire 1 \" b $end\n$var wire 1 # c $end\n"
        "$var wire 1 $ gone $end\n$enddefinitions $end\n#0\n0!\n0\"\n0#\n#9\n1!\n";
    const auto actual =
        "$timescale 1ps $end\n$var wire 1 ! a $end\n$var wire 1 \" b $end\n$var wire 1 # c $end\n"
        "$enddefinitions $end\n#0\n0!\n1\"\n1#\n";
    const Comparison comparison = compare_texts(expected, actual);
    ASSERT_EQ(comparison.differences.size(), 4u);
    EXPECT_EQ(comparison.differences[0].signal, "gone");
    EXPECT_EQ(comparison.differences[1].signal, "b");
    EXPECT_EQ(comparison.differences[2].signal, "c");
    EXPECT_EQ(comparison.differences[3].signal, "a");
    EXPECT_EQ(comparison.differing_signals, 4u);
    EXPECT_EQ(comparison.signals, 4u);
}

}  // namespace
}  // namespace pimsoc::vcd
