// UART traits for the conformance battery. The divisor latch (DLAB = 1) shares offsets 0 and 1
// with RBR/THR and IER and is covered by tests/uart, not here.
#include "conformance_battery.h"
#include "uart/uart.h"

namespace pimsoc::conformance {
namespace {

struct UartTraits : TraitsBase {
    static constexpr const char* name = "uart";

    struct Harness : HarnessBase {
        Uart uart;
        test::IrqSink irq;
        explicit Harness(const std::string& n) : uart(n.c_str(), params()), irq((n + "_irq").c_str())
        {
            uart.irq.bind(irq.signal);
        }
        static UartParams params()
        {
            UartParams p;
            p.tx_file = "/dev/null";
            return p;
        }
        MmioTarget& target() { return uart; }
        void reset() { uart.reset(); }
        uint64_t effects() const { return uart.tx_count() + uart.rx_count(); }
    };

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = {
            {"RBR/THR", UART_RBR, 1 | 4, Access::action, 0x00, 'x'},
            {"IER", UART_IER, 1, Access::rw, 0x00, UART_IER_MASK},
            {"IIR/FCR", UART_IIR, 1, Access::action, UART_IIR_NO_INT, UART_FCR_ENABLE_FIFO},
            {"LCR", UART_LCR, 1, Access::rw, 0x00, UART_LCR_WLEN8 | 0x18},  // not DLAB
            {"MCR", UART_MCR, 1 | 4, Access::rw, 0x00, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2},
            {"LSR", UART_LSR, 1, Access::ro, UART_LSR_THRE | UART_LSR_TEMT, 0xFF},
            {"MSR", UART_MSR, 1, Access::ro, UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD, 0xFF},
            {"SCR", UART_SCR, 1, Access::rw, 0x00, 0x5A},
        };
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> none;  // offsets 0..7 are all registers
        return none;
    }

    // Loopback with an overrun: data ready, OE set, MSR deltas, THRI pending.
    static void prime(Bus& bus, Harness&)
    {
        bus.write(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS, 1);
        bus.write(UART_THR, 'q', 1);
        bus.write(UART_THR, 'r', 1);
        bus.write(UART_IER, UART_IER_MASK, 1);
    }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(uart, Conformance, UartTraits);

}  // namespace pimsoc::conformance
