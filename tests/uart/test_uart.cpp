// NS16550A UART subset: reset values, every register's behaviour, FIFOs, loopback, host TX/RX,
// interrupt priorities and the irq line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include "common/temp_path.h"
#include "common/tlm_test_initiator.h"
#include "uart/uart.h"
#include "uart/uart_regs.h"

namespace pimsoc {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

using test::temp_path;

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

UartParams quiet_params()
{
    UartParams p;
    p.tx_file = "/dev/null";  // keep test output off stdout
    return p;
}

struct UartBench {
    test::TlmTestInitiator cpu{"cpu"};
    Uart uart;
    test::IrqSink irq{"irq"};

    explicit UartBench(const UartParams& p = quiet_params()) : uart("uart", p)
    {
        cpu.socket.bind(uart.socket);
        uart.irq.bind(irq.signal);
    }

    uint64_t rd(unsigned offset)
    {
        auto r = cpu.read8(offset);
        EXPECT_TRUE(r.ok()) << "read offset " << offset;
        return r.value;
    }
    void wr(unsigned offset, uint8_t value) { EXPECT_EQ(cpu.write8(offset, value), tlm::TLM_OK_RESPONSE); }
    // Lets the irq line settle (it is driven at access time + annotated delay).
    bool irq_after_sync()
    {
        cpu.sync(sc_time(1, SC_NS));
        return irq.level();
    }
};

TEST(Uart, ResetValuesMatchThe16550Datasheet)
{
    UartBench t;
    test::run([&] {
        EXPECT_EQ(t.rd(UART_RBR), 0x00u);
        EXPECT_EQ(t.rd(UART_IER), 0x00u);
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_NO_INT);
        EXPECT_EQ(t.rd(UART_LCR), 0x00u);
        EXPECT_EQ(t.rd(UART_MCR), 0x00u);
        EXPECT_EQ(t.rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
        EXPECT_EQ(t.rd(UART_MSR), UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD);
        EXPECT_EQ(t.rd(UART_SCR), 0x00u);
        t.wr(UART_LCR, UART_LCR_DLAB);
        EXPECT_EQ(t.rd(UART_DLL), 0x00u);
        EXPECT_EQ(t.rd(UART_DLM), 0x00u);
        EXPECT_FALSE(t.irq_after_sync());
    });
    EXPECT_TRUE(t.irq.edges.empty());
}

TEST(Uart, ResetRestoresResetValues)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_SCR, 0x12);
        t.wr(UART_LCR, UART_LCR_DLAB | UART_LCR_WLEN8);
        t.wr(UART_DLL, 3);
        t.wr(UART_LCR, UART_LCR_WLEN8);
        t.wr(UART_IER, UART_IER_THRI);
        EXPECT_TRUE(t.irq_after_sync());
        t.uart.reset();
        EXPECT_FALSE(t.irq_after_sync());
        EXPECT_EQ(t.rd(UART_SCR), 0u);
        EXPECT_EQ(t.rd(UART_LCR), 0u);
        EXPECT_EQ(t.rd(UART_IER), 0u);
        EXPECT_EQ(t.uart.divisor(), 0u);
    });
}

TEST(Uart, ScratchRegisterHoldsAnyValue)
{
    UartBench t;
    test::run([&] {
        for (unsigned v : {0x00u, 0x5Au, 0xA5u, 0xFFu}) {
            t.wr(UART_SCR, static_cast<uint8_t>(v));
            EXPECT_EQ(t.rd(UART_SCR), v);
        }
    });
}

TEST(Uart, DlabSwitchesOffsetsZeroAndOneToTheDivisorLatch)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_IER, UART_IER_RDI);
        t.wr(UART_LCR, UART_LCR_DLAB | UART_LCR_WLEN8);
        EXPECT_EQ(t.rd(UART_LCR), UART_LCR_DLAB | UART_LCR_WLEN8);
        t.wr(UART_DLL, 0x0C);
        t.wr(UART_DLM, 0x01);
        EXPECT_EQ(t.rd(UART_DLL), 0x0Cu);
        EXPECT_EQ(t.rd(UART_DLM), 0x01u);
        EXPECT_EQ(t.uart.divisor(), 0x010Cu);
        t.wr(UART_LCR, UART_LCR_WLEN8);
        EXPECT_EQ(t.rd(UART_IER), UART_IER_RDI);  // IER was not overwritten by DLM
        t.wr(UART_LCR, UART_LCR_DLAB);
        t.wr(UART_DLL, 1);
        t.wr(UART_DLM, 0);
        t.wr(UART_LCR, UART_LCR_WLEN8);
    });
    EXPECT_EQ(t.uart.tx_count(), 0u);  // DLL writes are not characters
    EXPECT_DOUBLE_EQ(t.uart.baud_rate(), 1843200.0 / 16.0);
}

TEST(Uart, IerKeepsOnlyItsFourBits)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_IER, 0xF0);
        EXPECT_EQ(t.rd(UART_IER), 0x00u);
        t.wr(UART_IER, 0xFF);
        EXPECT_EQ(t.rd(UART_IER), 0x0Fu);
    });
}

TEST(Uart, TransmitsToTheTxFile)
{
    UartParams p = quiet_params();
    p.tx_file = temp_path("hello.txt");
    {
        UartBench t(p);
        test::run([&] {
            for (char c : std::string("hello, pimsoc\n")) {
                EXPECT_TRUE(t.rd(UART_LSR) & UART_LSR_THRE);
                t.wr(UART_THR, static_cast<uint8_t>(c));
            }
            EXPECT_EQ(t.rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);  // instantaneous transmitter
        });
        EXPECT_EQ(read_file(p.tx_file), "hello, pimsoc\n");  // flushed per character
        EXPECT_EQ(t.uart.tx_count(), 14u);
    }
    EXPECT_EQ(read_file(p.tx_file), "hello, pimsoc\n");
    std::remove(p.tx_file.c_str());
}

TEST(Uart, ReceivesFromTheRxFileLazily)
{
    UartParams p = quiet_params();
    p.rx_file = temp_path("rx.txt");
    {
        std::ofstream(p.rx_file, std::ios::binary) << "ok!";
    }
    UartBench t(p);
    test::run([&] {
        EXPECT_EQ(t.uart.rx_count(), 0u);  // nothing read before the guest looks
        std::string got;
        for (int i = 0; i < 10 && (t.rd(UART_LSR) & UART_LSR_DR); ++i) {
            got += static_cast<char>(t.rd(UART_RBR));
        }
        EXPECT_EQ(got, "ok!");
        EXPECT_EQ(t.rd(UART_LSR) & UART_LSR_DR, 0u);  // end of file: no more data, no blocking
        EXPECT_EQ(t.rd(UART_LSR) & UART_LSR_OE, 0u);  // the source never overruns the receiver
    });
    EXPECT_EQ(t.uart.rx_count(), 3u);
    std::remove(p.rx_file.c_str());
}

TEST(Uart, ReceivesIntoTheFifoWhenEnabled)
{
    UartParams p = quiet_params();
    p.rx_file = temp_path("rx20.txt");
    {
        std::ofstream(p.rx_file, std::ios::binary) << "0123456789abcdefghij";  // 20 bytes
    }
    UartBench t(p);
    test::run([&] {
        t.wr(UART_FCR, UART_FCR_ENABLE_FIFO);
        EXPECT_TRUE(t.rd(UART_LSR) & UART_LSR_DR);
        EXPECT_EQ(t.uart.rx_count(), 16u);  // filled up to the FIFO depth only
        std::string got;
        while (t.rd(UART_LSR) & UART_LSR_DR) {
            got += static_cast<char>(t.rd(UART_RBR));
        }
        EXPECT_EQ(got, "0123456789abcdefghij");
    });
    std::remove(p.rx_file.c_str());
}

TEST(Uart, PeriodicPollingWakesInterruptDrivenFirmware)
{
    UartParams p = quiet_params();
    p.rx_file = temp_path("rx_poll.txt");
    p.rx_poll_interval_us = 1;
    {
        std::ofstream(p.rx_file, std::ios::binary) << "ab";
    }
    UartBench t(p);
    test::run(
        [&] {
            uint8_t lsr = 0;
            sc_core::wait(2, sc_core::SC_US);
            EXPECT_EQ(t.cpu.debug_read(UART_LSR, &lsr, 1), 1u);
            EXPECT_EQ(lsr & UART_LSR_DR, UART_LSR_DR);
            t.wr(UART_IER, UART_IER_RDI);
            EXPECT_TRUE(t.irq_after_sync());
            EXPECT_EQ(t.rd(UART_RBR), static_cast<uint64_t>('a'));
            EXPECT_EQ(t.rd(UART_RBR), static_cast<uint64_t>('b'));
            sc_core::wait(2, sc_core::SC_US);  // end of input reached: polling stops, no more data
            EXPECT_FALSE(t.irq.level());
        },
        sc_time(10, sc_core::SC_US));
    std::remove(p.rx_file.c_str());
}

TEST(Uart, MissingRxFileIsAHostError)
{
    UartParams p = quiet_params();
    p.rx_file = temp_path("does_not_exist");
    EXPECT_THROW(Uart("uart", p), std::runtime_error);
}

TEST(Uart, LoopbackFeedsTransmitIntoReceive)
{
    UartParams p = quiet_params();
    p.tx_file = temp_path("loop_tx.txt");
    UartBench t(p);
    test::run([&] {
        t.wr(UART_MCR, UART_MCR_LOOP);
        t.wr(UART_THR, 'x');
        EXPECT_EQ(t.rd(UART_LSR), UART_LSR_DR | UART_LSR_THRE | UART_LSR_TEMT);
        EXPECT_EQ(t.rd(UART_RBR), static_cast<uint64_t>('x'));
        EXPECT_EQ(t.rd(UART_LSR) & UART_LSR_DR, 0u);
        EXPECT_EQ(t.rd(UART_RBR), 0u);  // empty
    });
    EXPECT_EQ(read_file(p.tx_file), "");  // nothing left the chip
    std::remove(p.tx_file.c_str());
}

TEST(Uart, LoopbackRoutesModemOutputsToModemStatus)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_MCR, UART_MCR_LOOP);  // inputs drop from CTS|DSR|DCD to none
        EXPECT_EQ(t.rd(UART_MCR), UART_MCR_LOOP);
        EXPECT_EQ(t.rd(UART_MSR), UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
        EXPECT_EQ(t.rd(UART_MSR), 0x00u);  // deltas cleared by the read
        t.wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS | UART_MCR_DTR | UART_MCR_OUT1 | UART_MCR_OUT2);
        EXPECT_EQ(t.rd(UART_MSR), UART_MSR_CTS | UART_MSR_DSR | UART_MSR_RI | UART_MSR_DCD | UART_MSR_DCTS |
                                      UART_MSR_DDSR | UART_MSR_DDCD);
        t.wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS | UART_MCR_DTR | UART_MCR_OUT2);  // RI falls
        EXPECT_EQ(t.rd(UART_MSR), UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD | UART_MSR_TERI);
        t.wr(UART_MCR, 0xFF);
        EXPECT_EQ(t.rd(UART_MCR), UART_MCR_MASK);
    });
}

TEST(Uart, WithoutFifoASecondCharacterOverruns)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_MCR, UART_MCR_LOOP);
        t.wr(UART_THR, 'a');
        t.wr(UART_THR, 'b');  // RBR unread: 'b' overwrites 'a' (16450 behaviour)
        EXPECT_EQ(t.rd(UART_LSR), UART_LSR_DR | UART_LSR_OE | UART_LSR_THRE | UART_LSR_TEMT);
        EXPECT_EQ(t.rd(UART_LSR), UART_LSR_DR | UART_LSR_THRE | UART_LSR_TEMT);  // OE cleared by the read
        EXPECT_EQ(t.rd(UART_RBR), static_cast<uint64_t>('b'));
    });
    EXPECT_EQ(t.uart.overruns(), 1u);
}

TEST(Uart, FifoHoldsSixteenCharactersAndReportsItInIir)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_FCR, UART_FCR_ENABLE_FIFO);
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_FIFO_ENABLED | UART_IIR_NO_INT);
        t.wr(UART_MCR, UART_MCR_LOOP);
        for (int i = 0; i < 17; ++i) {
            t.wr(UART_THR, static_cast<uint8_t>('A' + i));
        }
        EXPECT_TRUE(t.rd(UART_LSR) & UART_LSR_OE);  // the 17th overran
        std::string got;
        while (t.rd(UART_LSR) & UART_LSR_DR) {
            got += static_cast<char>(t.rd(UART_RBR));
        }
        EXPECT_EQ(got, "ABCDEFGHIJKLMNOP");
    });
}

TEST(Uart, FcrClearsTheReceiverAndDisablingClearsTheFifo)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_FCR, UART_FCR_ENABLE_FIFO);
        t.wr(UART_MCR, UART_MCR_LOOP);
        t.wr(UART_THR, '1');
        t.wr(UART_THR, '2');
        t.wr(UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR | UART_FCR_CLEAR_XMIT);
        EXPECT_EQ(t.rd(UART_LSR) & UART_LSR_DR, 0u);
        EXPECT_EQ(t.rd(UART_IIR) & UART_IIR_FIFO_ENABLED, UART_IIR_FIFO_ENABLED);  // still enabled
        t.wr(UART_THR, '3');
        t.wr(UART_FCR, 0);  // leaving FIFO mode clears the FIFO
        EXPECT_EQ(t.rd(UART_LSR) & UART_LSR_DR, 0u);
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_NO_INT);
    });
}

TEST(Uart, ThreInterruptRaisedOnEnableAndClearedByIirRead)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_IER, UART_IER_THRI);
        EXPECT_TRUE(t.irq_after_sync());
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_THRI);
        EXPECT_FALSE(t.irq_after_sync());  // the IIR read cleared it
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_NO_INT);
        t.wr(UART_THR, '.');  // THR empties again at once: raised again
        EXPECT_TRUE(t.irq_after_sync());
        t.wr(UART_IER, 0);
        EXPECT_FALSE(t.irq_after_sync());
    });
    ASSERT_GE(t.irq.edges.size(), 4u);
    EXPECT_TRUE(t.irq.edges[0].level);
    EXPECT_EQ(t.irq.edges[0].time, sc_time(10, SC_NS));  // at the access time + its latency
    EXPECT_EQ(t.irq.rising_edges(), 2u);
    EXPECT_EQ(t.irq.falling_edges(), 2u);
}

TEST(Uart, InterruptPrioritiesFollowTheDatasheet)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_IER, UART_IER_RDI | UART_IER_THRI | UART_IER_RLSI | UART_IER_MSI);
        t.wr(UART_MCR, UART_MCR_LOOP);  // modem inputs change: MSI pending
        t.wr(UART_THR, 'a');
        t.wr(UART_THR, 'b');  // overrun: RLSI pending
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_RLSI);
        EXPECT_EQ(t.rd(UART_LSR) & UART_LSR_OE, UART_LSR_OE);  // reading LSR clears RLSI
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_RDI);
        EXPECT_TRUE(t.irq_after_sync());
        EXPECT_EQ(t.rd(UART_RBR), static_cast<uint64_t>('b'));  // reading the data clears RDI
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_THRI);               // and clears THRI
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_MSI);
        EXPECT_TRUE(t.irq_after_sync());
        t.rd(UART_MSR);  // clears the deltas
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_NO_INT);
        EXPECT_FALSE(t.irq_after_sync());
    });
}

TEST(Uart, ReceivedDataRaisesTheLineUntilRead)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_IER, UART_IER_RDI);
        EXPECT_FALSE(t.irq_after_sync());
        t.uart.receive('z');  // host side: a character arrives
        EXPECT_TRUE(t.irq_after_sync());
        EXPECT_EQ(t.rd(UART_IIR), UART_IIR_RDI);
        EXPECT_TRUE(t.irq_after_sync());  // reading IIR does not clear RDI
        EXPECT_EQ(t.rd(UART_RBR), static_cast<uint64_t>('z'));
        EXPECT_FALSE(t.irq_after_sync());
    });
}

TEST(Uart, WordAccessesReachTheRegisterAtTheirOffset)
{
    UartBench t;
    test::run([&] {
        EXPECT_EQ(t.cpu.write32(UART_MCR, 0xFFFFFF03u), tlm::TLM_OK_RESPONSE);  // low byte only
        auto r = t.cpu.read32(UART_MCR);
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(r.value, 0x03u);  // zero-extended
        EXPECT_EQ(t.cpu.write32(UART_THR, 'w'), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(t.cpu.read32(UART_RBR).value, 0u);
    });
    EXPECT_EQ(t.uart.tx_count(), 1u);
}

TEST(Uart, GuestMisuseGetsErrorResponses)
{
    UartBench t;
    test::run([&] {
        EXPECT_EQ(t.cpu.read16(UART_LSR).status, tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.write64(UART_THR, 0), tlm::TLM_BURST_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.read8(0x8).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.write8(0xFF, 0), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.write8(UART_LSR, 0), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.write8(UART_MSR, 0), tlm::TLM_COMMAND_ERROR_RESPONSE);
        EXPECT_EQ(t.rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);  // unchanged
    });
    EXPECT_EQ(t.uart.tx_count(), 0u);
}

// Natural alignment (the shared register front end): a 4-byte access must start at 0 or 4.
TEST(Uart, MisalignedWordAccessesGetAnAddressError)
{
    UartBench t;
    test::run([&] {
        EXPECT_EQ(t.cpu.read32(UART_LSR).status, tlm::TLM_ADDRESS_ERROR_RESPONSE);  // offset 5
        EXPECT_EQ(t.cpu.write32(UART_SCR, 0x42), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.cpu.write32(UART_IER, UART_IER_THRI), tlm::TLM_ADDRESS_ERROR_RESPONSE);
        EXPECT_EQ(t.rd(UART_SCR), 0u);  // nothing written
        EXPECT_EQ(t.rd(UART_IER), 0u);
    });
}

TEST(Uart, CountsAccessesAndErrors)
{
    UartBench t;
    test::run([&] {
        t.rd(UART_LSR);
        t.wr(UART_SCR, 1);
        t.cpu.read32(UART_LSR);      // misaligned
        t.cpu.write8(UART_MSR, 0);   // read-only
        t.cpu.read8(UART_NUM_REGS);  // past the end
    });
    EXPECT_EQ(t.uart.accesses(), 5u);
    EXPECT_EQ(t.uart.errors(), 3u);
}

// Accesses at annotated times ahead of kernel time (temporal decoupling): an interrupt raised
// and cleared within one quantum is still a pulse on the line, at the accesses' own times.
TEST(Uart, PulseWithinOneQuantumReachesTheLine)
{
    UartBench t;
    auto access_at = [&](tlm::tlm_command command, unsigned offset, uint8_t value, const sc_time& at) {
        uint8_t data = value;
        tlm::tlm_generic_payload trans;
        trans.set_command(command);
        trans.set_address(offset);
        trans.set_data_ptr(&data);
        trans.set_data_length(1);
        trans.set_streaming_width(1);
        sc_time delay = at;
        t.cpu.socket->b_transport(trans, delay);
        EXPECT_EQ(trans.get_response_status(), tlm::TLM_OK_RESPONSE);
    };
    test::run([&] {
        access_at(tlm::TLM_WRITE_COMMAND, UART_IER, UART_IER_THRI, sc_time(100, SC_NS));  // raises THRI
        access_at(tlm::TLM_READ_COMMAND, UART_IIR, 0, sc_time(500, SC_NS));               // clears it
        sc_core::wait(1, sc_core::SC_US);
    });
    ASSERT_EQ(t.irq.edges.size(), 2u);
    EXPECT_EQ(t.irq.edges[0].time, sc_time(110, SC_NS));  // + 10 ns access latency
    EXPECT_TRUE(t.irq.edges[0].level);
    EXPECT_EQ(t.irq.edges[1].time, sc_time(510, SC_NS));
    EXPECT_FALSE(t.irq.edges[1].level);
}

TEST(Uart, AccessLatencyIsAnnotated)
{
    UartParams p = quiet_params();
    p.access_latency_ns = 30;
    UartBench t(p);
    test::run([&] {
        t.rd(UART_LSR);
        EXPECT_EQ(t.cpu.last_delay(), sc_time(30, SC_NS));
    });
}

TEST(Uart, DebugReadsHaveNoSideEffects)
{
    UartBench t;
    test::run([&] {
        t.wr(UART_MCR, UART_MCR_LOOP);
        t.wr(UART_THR, 'q');
        t.wr(UART_THR, 'r');  // overrun: 'r' replaces 'q'
        uint8_t regs[UART_NUM_REGS] = {};
        for (unsigned offset = 0; offset < UART_NUM_REGS; ++offset) {
            EXPECT_EQ(t.cpu.debug_read(offset, &regs[offset], 1), 1u);
        }
        EXPECT_EQ(regs[UART_RBR], 'r');
        EXPECT_EQ(regs[UART_LSR], UART_LSR_DR | UART_LSR_OE | UART_LSR_THRE | UART_LSR_TEMT);
        EXPECT_EQ(t.rd(UART_LSR), UART_LSR_DR | UART_LSR_OE | UART_LSR_THRE | UART_LSR_TEMT);  // still there
        EXPECT_EQ(t.rd(UART_RBR), static_cast<uint64_t>('r'));
    });
}

TEST(Uart, DebugWritesChangeNothing)
{
    UartBench t;
    test::run([&] {
        const uint8_t value = 0x5A;
        EXPECT_EQ(t.cpu.debug_write(UART_SCR, &value, 1), 0u);
        EXPECT_EQ(t.cpu.debug_write(UART_THR, &value, 1), 0u);
        EXPECT_EQ(t.rd(UART_SCR), 0u);
    });
    EXPECT_EQ(t.uart.tx_count(), 0u);
}

}  // namespace
}  // namespace pimsoc
