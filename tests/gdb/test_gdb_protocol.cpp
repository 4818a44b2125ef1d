// The GDB remote protocol without sockets or SystemC: framing, checksums and escaping
// (gdb_packet.h), and every packet of the stub (gdb_stub.h) against a fake target.
#include <gtest/gtest.h>


#include "fake_target.h"
#include "gdb/gdb_packet.h"
#include "gdb/gdb_stub.h"

namespace pimsoc::gdb {
namespace {

using Action = StubResponse::Action;

std::vector<WireEvent> decode(const std::string& bytes)
{
    PacketDecoder decoder;
    std::vector<WireEvent> events;
    decoder.feed(bytes.data(), bytes.size(), events);
    return events;
}

TEST(GdbPacket, EncodesWithTheModulo256Checksum)
{
    EXPECT_EQ(encode_packet("OK"), "$OK#9a");
    EXPECT_EQ(encode_packet(""), "$#00");
}

TEST(GdbPacket, EscapesTheFramingCharacters)
{
    // '#' 0x23 -> '}' 0x03, '$' 0x24 -> '}' 0x04, '}' 0x7d -> '}' 0x5d, '*' 0x2a -> '}' 0x0a
    const std::string packet = encode_packet("a#$}*");
    EXPECT_EQ(packet.substr(0, 11), std::string("$a}\x03}\x04}]}\x0a#"));
    const auto events = decode(packet);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, WireEvent::Kind::packet);
    EXPECT_EQ(events[0].payload, "a#$}*");  // the round trip restores the bytes
}

TEST(GdbPacket, DecodesPacketsArrivingInPieces)
{
    PacketDecoder decoder;
    std::vector<WireEvent> events;
    const std::string bytes = "+$g#67$m80000000,4#";
    decoder.feed(bytes.data(), 5, events);
    decoder.feed(bytes.data() + 5, bytes.size() - 5, events);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].kind, WireEvent::Kind::ack);
    EXPECT_EQ(events[1].payload, "g");
    const std::string framed = encode_packet("m80000000,4");
    const std::string tail = framed.substr(framed.size() - 2);  // the checksum comes last
    decoder.feed(tail.data(), tail.size(), events);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[2].payload, "m80000000,4");
}

TEST(GdbPacket, ReportsBadChecksumsInterruptsAndNacks)
{
    const auto events = decode("$g#00\x03-$g#zz");
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[0].kind, WireEvent::Kind::bad_packet);
    EXPECT_EQ(events[1].kind, WireEvent::Kind::interrupt);
    EXPECT_EQ(events[2].kind, WireEvent::Kind::nack);
    EXPECT_EQ(events[3].kind, WireEvent::Kind::bad_packet);
}

TEST(GdbPacket, HexHelpers)
{
    EXPECT_EQ(le_hex(0x80000010, 4), "10000080");
    uint64_t value = 0;
    EXPECT_TRUE(parse_le_hex("10000080", value));
    EXPECT_EQ(value, 0x80000010u);
    EXPECT_TRUE(parse_number("8000abCD", value));
    EXPECT_EQ(value, 0x8000abcdu);
    EXPECT_FALSE(parse_number("", value));
    EXPECT_FALSE(parse_number("12g", value));
    std::vector<uint8_t> bytes;
    EXPECT_FALSE(from_hex("abc", bytes));
    EXPECT_TRUE(from_hex("0aff", bytes));
    EXPECT_EQ(bytes, (std::vector<uint8_t>{0x0a, 0xff}));
}

class GdbStubTest : public ::testing::Test {
protected:
    std::string reply(const std::string& packet)
    {
        const StubResponse response = m_stub.handle(packet);
        EXPECT_EQ(response.action, Action::none) << packet;
        return response.reply;
    }
    FakeTarget m_target;
    GdbStub m_stub{m_target};
};

TEST_F(GdbStubTest, SupportedFeatures)
{
    EXPECT_EQ(reply("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386"),
              "PacketSize=4000;qXfer:features:read+;vContSupported+");
}

// GDB refuses a hwbreak stop reason ("Unexpected hwbreak stop reason") from a stub that did not
// announce it: a target with hardware triggers does.
TEST_F(GdbStubTest, SupportedFeaturesWithHardwareTriggersAnnounceHwbreak)
{
    FakeTriggers triggers;
    m_target.hw = &triggers;
    EXPECT_EQ(reply("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386"),
              "PacketSize=4000;qXfer:features:read+;vContSupported+;hwbreak+");
}

// Packets answered from a table: {packet, reply}.
TEST_F(GdbStubTest, ThreadAttachAndUnknownPackets)
{
    const std::pair<const char*, const char*> expected[] = {
        {"qAttached", "1"}, {"qC", "QC1"}, {"qfThreadInfo", "m1"}, {"qsThreadInfo", "l"},
        {"Hg0", "OK"}, {"Hc-1", "OK"}, {"?", "T05thread:1;"},
        // Unknown packets get the empty reply.
        {"vMustReplyEmpty", ""}, {"qTStatus", ""}, {"QStartNoAckMode", ""}, {"!", ""}, {"", ""},
    };
    for (const auto& [packet, answer] : expected) {
        EXPECT_EQ(reply(packet), answer) << packet;
    }
}

TEST_F(GdbStubTest, ReadsAndWritesAllRegistersLittleEndian)
{
    EXPECT_EQ(reply("g"), "00000000443322110200000000000080");
    EXPECT_EQ(reply("G00000000010000000200000003000000"), "OK");
    EXPECT_EQ(m_target.regs[1], 1u);
    EXPECT_EQ(m_target.regs[3], 3u);
    EXPECT_EQ(reply("G0000"), "E01");  // wrong length
    EXPECT_EQ(m_target.regs[1], 1u);
}

TEST_F(GdbStubTest, ReadsAndWritesOneRegister)
{
    EXPECT_EQ(reply("p1"), "44332211");
    EXPECT_EQ(reply("p4"), "07000000");
    EXPECT_EQ(reply("p5"), "E02");
    EXPECT_EQ(reply("P2=78563412"), "OK");
    EXPECT_EQ(m_target.regs[2], 0x12345678u);
    EXPECT_EQ(reply("P4=00000000"), "E02");  // read-only
    EXPECT_EQ(reply("P2=1234"), "E01");      // not a whole register
    EXPECT_EQ(reply("Pzz"), "E01");
}

TEST_F(GdbStubTest, ReadsAndWritesMemoryAsHexAndBinary)
{
    EXPECT_EQ(reply("M1000,4:deadbeef"), "OK");
    EXPECT_EQ(reply("m1000,4"), "deadbeef");
    EXPECT_EQ(reply("m10fe,4"), "0000");  // a prefix at the end of memory
    EXPECT_EQ(reply("m2000,4"), "E03");
    EXPECT_EQ(reply("M2000,1:00"), "E03");
    EXPECT_EQ(reply("M1000,2:00"), "E01");  // length and data disagree
    EXPECT_EQ(reply("X1004,0:"), "OK");     // GDB's probe for X
    EXPECT_EQ(reply(std::string("X1004,3:#}\x01", 11)), "OK");
    EXPECT_EQ(m_target.memory[4], '#');
    EXPECT_EQ(m_target.memory[5], '}');
    EXPECT_EQ(m_target.memory[6], 1);
    EXPECT_EQ(reply("m1000"), "E01");
}

TEST_F(GdbStubTest, SoftwareBreakpoints)
{
    EXPECT_EQ(reply("Z0,80000010,4"), "OK");
    EXPECT_EQ(m_target.breakpoints.count(0x80000010), 1u);
    EXPECT_EQ(reply("Z0,80000010,4"), "E04");  // the fake refuses a second one
    EXPECT_EQ(reply("z0,80000010,2"), "OK");
    EXPECT_TRUE(m_target.breakpoints.empty());
    EXPECT_EQ(reply("Z0,zz,4"), "E01");
    EXPECT_EQ(reply("Z9,1000,4"), "E01");
}

TEST_F(GdbStubTest, HardwareBreakpointsAndWatchpointsAreUnsupportedWithoutTriggers)
{
    for (const char* packet : {"Z1,80000010,4", "Z2,1000,4", "Z3,1000,4", "Z4,1000,4", "z2,1000,4"}) {
        EXPECT_EQ(reply(packet), "") << packet;
    }
}

TEST_F(GdbStubTest, HardwareBreakpointsAndWatchpointsGoToTheTriggers)
{
    FakeTriggers triggers;
    m_target.hw = &triggers;
    EXPECT_EQ(reply("Z2,1000,4"), "OK");
    EXPECT_EQ(reply("Z1,0,2"), "E04");  // the fake has no trigger for address 0
    ASSERT_EQ(triggers.inserted.size(), 2u);
    EXPECT_EQ(triggers.inserted[0].kind, TriggerKind::write);
    EXPECT_EQ(triggers.inserted[0].addr, 0x1000u);
    EXPECT_EQ(triggers.inserted[0].length, 4u);
    EXPECT_EQ(triggers.inserted[1].kind, TriggerKind::execute);
    EXPECT_EQ(reply("z4,1000,4"), "OK");
}

TEST_F(GdbStubTest, ContinueAndStep)
{
    EXPECT_EQ(m_stub.handle("c").action, Action::resume);
    EXPECT_EQ(m_stub.handle("s").action, Action::step);
    EXPECT_EQ(m_stub.handle("C05").action, Action::resume);
    EXPECT_EQ(m_stub.handle("S05").action, Action::step);
    const StubResponse at = m_stub.handle("c80000020");  // resume at an address: the pc (32) is written
    EXPECT_EQ(at.action, Action::none);                   // the fake has no register 32
    EXPECT_EQ(at.reply, "E01");
}

TEST_F(GdbStubTest, VCont)
{
    EXPECT_EQ(reply("vCont?"), "vCont;c;C;s;S");
    EXPECT_EQ(m_stub.handle("vCont;c").action, Action::resume);
    EXPECT_EQ(m_stub.handle("vCont;s:1;c").action, Action::step);
    EXPECT_EQ(m_stub.handle("vCont;C05:1").action, Action::resume);
    EXPECT_EQ(reply("vCont;t"), "E01");
}

TEST_F(GdbStubTest, DetachAndKill)
{
    const StubResponse detach = m_stub.handle("D");
    EXPECT_EQ(detach.action, Action::detach);
    EXPECT_EQ(detach.reply, "OK");
    const StubResponse kill = m_stub.handle("k");
    EXPECT_EQ(kill.action, Action::kill);
    EXPECT_EQ(kill.reply, "");
}

TEST_F(GdbStubTest, TargetDescriptionInParts)
{
    EXPECT_EQ(reply("qXfer:features:read:target.xml:0,8"), "m<target>");
    EXPECT_EQ(reply("qXfer:features:read:target.xml:8,100"), "l0123456789</target>");
    EXPECT_EQ(reply("qXfer:features:read:target.xml:1000,10"), "l");
    EXPECT_EQ(reply("qXfer:features:read:other.xml:0,10"), "E01");
    EXPECT_EQ(reply("qXfer:features:read:target.xml"), "E01");
}

TEST_F(GdbStubTest, MonitorCommandsAreHexInAndOut)
{
    EXPECT_EQ(reply("qRcmd," + to_hex("time")), to_hex("out:time\n"));
    EXPECT_EQ(m_target.last_monitor, "time");
    EXPECT_EQ(reply("qRcmd,zz"), "E01");
}

TEST_F(GdbStubTest, StopRepliesAndTheLastOneForTheQuestionMark)
{
    EXPECT_EQ(m_stub.stop_reply(StopEvent{StopEvent::Why::breakpoint}), "T05thread:1;");
    EXPECT_EQ(m_stub.stop_reply(StopEvent{StopEvent::Why::interrupted}), "T02thread:1;");
    EXPECT_EQ(reply("?"), "T02thread:1;");
    m_stub.attached();  // a new debugger: the target halted for it
    EXPECT_EQ(reply("?"), "T05thread:1;");
    StopEvent watch{StopEvent::Why::watchpoint};
    watch.watch_kind = TriggerKind::access;
    watch.watch_addr = 0x80001000;
    EXPECT_EQ(m_stub.stop_reply(watch), "T05awatch:80001000;thread:1;");
    watch.watch_kind = TriggerKind::execute;
    EXPECT_EQ(m_stub.stop_reply(watch), "T05hwbreak:;thread:1;");
    EXPECT_EQ(GdbStub::exit_reply(3), "W03");
    EXPECT_EQ(GdbStub::signal_exit_reply(24), "X18");
}

}  // namespace
}  // namespace pimsoc::gdb
