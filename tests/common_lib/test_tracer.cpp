// The VCD tracer: header and scopes, time order of changes reported out of order, the last change
// of a signal at a time wins, unchanged values are not written, the horizon bounds what is
// written early, late changes, value formats, and errors naming the group, signal or file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "common/temp_path.h"
#include "common/tracer.h"
#include "vcd_check.h"

namespace pimsoc {
namespace {

// The file's text, after the project's VCD reader has found it valid.
std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    for (const vcd::Problem& problem : vcd::check(text.str(), path)) {
        ADD_FAILURE() << vcd::format_problem(path, problem);
    }
    return text.str();
}

// The part after $enddefinitions.
std::string body(const std::string& vcd)
{
    const std::string mark = "$enddefinitions $end\n";
    return vcd.substr(vcd.find(mark) + mark.size());
}

TEST(Tracer, HeaderDeclaresScopesAndSignalsAndDumpsInitialValues)
{
    const std::string path = test::temp_path("header.vcd");
    Tracer t(path, {"cpu"}, "pimsoc test");
    t.wire("soc.cpu.pc", 32, 0x80000000);
    t.wire("soc.cpu.sleeping", 1);
    t.real("soc.energy.cpu_pj", 0.5);
    t.finish(100);
    EXPECT_EQ(read_file(path),
              "$version pimsoc test $end\n"
              "$timescale 1ps $end\n"
              "$scope module soc $end\n"
              "$scope module cpu $end\n"
              "$var wire 32 ! pc $end\n"
              "$var wire 1 \" sleeping $end\n"
              "$upscope $end\n"
              "$scope module energy $end\n"
              "$var real 64 # cpu_pj $end\n"
              "$upscope $end\n"
              "$upscope $end\n"
              "$enddefinitions $end\n"
              "#0\n"
              "$dumpvars\n"
              "b10000000000000000000000000000000 !\n"
              "0\"\n"
              "r0.5 #\n"
              "$end\n"
              "#100\n");
}

// String signals (the roi group): GTKWave's `$var string` with `sTEXT` changes; a repeated text is
// not written again; "" and texts with white space show as "-".
TEST(Tracer, TextSignalsAreGtkwaveStrings)
{
    const std::string path = test::temp_path("text.vcd");
    Tracer t(path, {"roi"}, "v");
    const TraceSignal region = t.text("soc.roi.region");
    t.set_text(region, "conv1", 100);
    t.set_text(region, "conv1", 150);
    t.set_text(region, "two words", 200);
    t.set_text(region, "fc3", 300);
    t.set_text(region, "", 400);
    t.finish(500);
    const std::string vcd = read_file(path);
    EXPECT_NE(vcd.find("$var string 0 ! region $end\n"), std::string::npos) << vcd;
    EXPECT_EQ(body(vcd), "#0\n$dumpvars\ns- !\n$end\n#100\nsconv1 !\n#200\ns- !\n#300\nsfc3 !\n#400\ns- !\n#500\n");
}

TEST(Tracer, ChangesReportedOutOfOrderAreWrittenInTimeOrder)
{
    const std::string path = test::temp_path("order.vcd");
    Tracer t(path, {}, "v");
    const TraceSignal a = t.wire("top.a", 1);
    const TraceSignal b = t.wire("top.b", 4);
    t.set(a, 1, 300);  // a process running ahead of the kernel
    t.set(b, 5, 100);  // another process, behind it
    t.set(a, 0, 500);
    t.set(b, 6, 300);
    t.finish(500);
    EXPECT_EQ(body(read_file(path)),
              "#0\n$dumpvars\n0!\nb0 \"\n$end\n"
              "#100\nb101 \"\n"
              "#300\n1!\nb110 \"\n"
              "#500\n0!\n");
}

TEST(Tracer, LastChangeOfASignalAtOneTimeWinsAndRepeatsAreNotWritten)
{
    const std::string path = test::temp_path("last.vcd");
    Tracer t(path, {}, "v");
    const TraceSignal a = t.wire("top.a", 8);
    t.set(a, 1, 10);
    t.set(a, 2, 10);
    t.set(a, 2, 20);  // no change
    t.set(a, 0, 30);
    t.set(a, 0, 40);  // no change
    t.finish(40);
    EXPECT_EQ(body(read_file(path)), "#0\n$dumpvars\nb0 !\n$end\n#10\nb10 !\n#30\nb0 !\n#40\n");
    EXPECT_EQ(t.changes_written(), 2u);
}

TEST(Tracer, AGlitchBackToTheCurrentValueWithinOneTimeIsNoChange)
{
    const std::string path = test::temp_path("glitch.vcd");
    Tracer t(path, {}, "v");
    const TraceSignal a = t.wire("top.a", 1);
    t.set(a, 1, 10);
    t.set(a, 0, 10);
    t.finish(20);
    EXPECT_EQ(body(read_file(path)), "#0\n$dumpvars\n0!\n$end\n#20\n");
}

TEST(Tracer, ChangesAtTimeZeroFollowTheInitialDump)
{
    const std::string path = test::temp_path("zero.vcd");
    Tracer t(path, {}, "v");
    const TraceSignal a = t.wire("top.a", 1);
    t.set(a, 1, 0);
    t.finish(0);
    EXPECT_EQ(body(read_file(path)), "#0\n$dumpvars\n0!\n$end\n1!\n");
}

TEST(Tracer, ValuesAreMaskedToTheWidthAndWideValuesAreExact)
{
    const std::string path = test::temp_path("width.vcd");
    Tracer t(path, {}, "v");
    const TraceSignal narrow = t.wire("top.narrow", 3);
    const TraceSignal wide = t.wire("top.wide", 64);
    t.set(narrow, 0xF, 1);  // 4 bits into 3
    t.set(wide, 0x8000000000000001ull, 1);
    t.finish(1);
    EXPECT_EQ(body(read_file(path)),
              "#0\n$dumpvars\nb0 !\nb0 \"\n$end\n#1\nb111 !\n"
              "b1000000000000000000000000000000000000000000000000000000000000001 \"\n");
}

TEST(Tracer, RealValuesKeepTheirDigits)
{
    const std::string path = test::temp_path("real.vcd");
    Tracer t(path, {}, "v");
    const TraceSignal e = t.real("top.e");
    t.set_real(e, 1234567.125, 5);
    t.set_real(e, 0.1, 6);
    t.finish(6);
    EXPECT_EQ(body(read_file(path)), "#0\n$dumpvars\nr0 !\n$end\n#5\nr1234567.125 !\n#6\nr0.1 !\n");
}

TEST(Tracer, InvalidHandlesAreIgnored)
{
    const std::string path = test::temp_path("invalid.vcd");
    Tracer t(path, {}, "v");
    t.set(TraceSignal{}, 1, 10);
    t.set_real(TraceSignal{}, 1.0, 10);
    t.finish(10);
    EXPECT_EQ(t.changes_written(), 0u);
}

TEST(Tracer, TheHorizonLetsTheQueueBeWrittenEarlyAndLateChangesAreCounted)
{
    const std::string path = test::temp_path("horizon.vcd");
    Tracer t(path, {}, "v");
    const TraceSignal a = t.wire("top.a", 32);
    uint64_t kernel_ps = 0;
    t.set_horizon([&] { return kernel_ps; });
    // Enough changes to trigger a flush; the kernel has reached 1000 ps: times before it go out.
    kernel_ps = 1000;
    const uint64_t n = (uint64_t{1} << 20) + 10;
    for (uint64_t i = 0; i < n; ++i) {
        t.set(a, i + 1, i);
    }
    EXPECT_GT(t.changes_written(), 0u);
    EXPECT_LE(t.changes_written(), 1000u);
    t.set(a, 7, 10);  // a model bug: a change for a time already written
    EXPECT_EQ(t.late_changes(), 1u);
    t.finish(n);
    const std::string vcd = read_file(path);
    // At 1000 ps the late change (reported last) wins over the one reported for 1000 ps before.
    EXPECT_NE(vcd.find("#999\nb1111101000 !\n#1000\nb111 !\n#1001\nb1111101010 !\n"), std::string::npos);
}

TEST(Tracer, FinishIsFinal)
{
    const std::string path = test::temp_path("final.vcd");
    Tracer t(path, {}, "v");
    const TraceSignal a = t.wire("top.a", 1);
    t.finish(10);
    t.set(a, 1, 20);
    t.finish(30);
    EXPECT_EQ(body(read_file(path)), "#0\n$dumpvars\n0!\n$end\n#10\n");
}

TEST(Tracer, GroupsAreCheckedAndReported)
{
    const std::string path = test::temp_path("groups.vcd");
    Tracer t(path, {"cpu", "irq"}, "v");
    EXPECT_TRUE(t.enabled("cpu"));
    EXPECT_TRUE(t.enabled("irq"));
    EXPECT_FALSE(t.enabled("bus"));
    EXPECT_EQ(Tracer::check_groups({"cpu", "gpu"}, {"cpu", "irq"}), "unknown trace group 'gpu' (groups: cpu, irq)");
    EXPECT_EQ(Tracer::check_groups({"irq", "cpu"}, {"cpu", "irq"}), "");
}

TEST(Tracer, AnUnwritableFileIsAnErrorNamingIt)
{
    try {
        Tracer t("/nonexistent/dir/run.vcd", {}, "v");
        FAIL() << "no error for an unwritable file";
    } catch (const std::runtime_error& error) {
        EXPECT_EQ(std::string(error.what()),
                  "cannot write VCD file '/nonexistent/dir/run.vcd': No such file or directory");
    }
}

TEST(Tracer, BadDeclarationsAreRejectedWithTheSignalName)
{
    const std::string path = test::temp_path("decl.vcd");
    Tracer t(path, {}, "v");
    t.wire("top.a", 1);
    EXPECT_THROW(t.wire("top.a", 1), std::invalid_argument);
    EXPECT_THROW(t.wire("top.b", 0), std::invalid_argument);
    EXPECT_THROW(t.wire("top.c", 65), std::invalid_argument);
    EXPECT_THROW(t.wire("top..d", 1), std::invalid_argument);
    EXPECT_THROW(t.real(".e"), std::invalid_argument);
    t.finish(0);
    try {
        t.wire("top.late", 1);
        FAIL() << "a declaration after the header was accepted";
    } catch (const std::logic_error& error) {
        EXPECT_STREQ(error.what(), "trace signal 'top.late' declared after tracing started");
    }
}

}  // namespace
}  // namespace pimsoc
