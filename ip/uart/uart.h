// NS16550A-compatible UART subset (registers in uart/uart_regs.h, reg-shift 0 as on QEMU virt).
// TX goes to host stdout or a file, RX comes from a file or stdin, read without ever blocking.
// Its bus face is the shared register front end (MmioTarget): 1-byte accesses anywhere, 4-byte
// accesses at 4-aligned offsets. See docs/models/uart.md.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <string>

#include <systemc>

#include "common/mmio_target.h"
#include "common/params.h"
#include "common/scheduled_line.h"
#include "common/tracer.h"
#include "uart/uart_regs.h"

namespace pimsoc {

struct UartParams {
    std::string tx_file;               // "" = host stdout (flushed per character), else a file path
    std::string rx_file;               // "" = no input, "-" = host stdin, else a file path
    uint32_t access_latency_ns = 10;   // per register access: 1 cycle of a 100 MHz peripheral bus
    uint32_t rx_poll_interval_us = 0;  // 0 = read input only when RBR/LSR/IIR is read
    uint64_t clock_hz = 1843200;       // reference clock; baud = clock_hz / (16 * divisor)

    void bind(const ParamBinder& b)
    {
        b.bind("tx_file", tx_file, "", "transmit to this file; empty = host stdout");
        b.bind("rx_file", rx_file, "", "receive from this file; '-' = host stdin; empty = nothing");
        b.bind("access_latency_ns", access_latency_ns, "ns", "latency of one register access");
        b.bind("rx_poll_interval_us", rx_poll_interval_us, "us",
               "also poll the input at this period (wakes interrupt-driven firmware); 0 = off");
        b.bind("clock_hz", clock_hz, "Hz", "reference clock of the baud generator (reported only)");
    }
};

class Uart : public MmioTarget {
public:
    sc_core::sc_out<bool> irq;

    // Throws std::runtime_error if tx_file or rx_file cannot be opened.
    Uart(sc_core::sc_module_name name, const UartParams& params);
    ~Uart() override;
    Uart(const Uart&) = delete;
    Uart& operator=(const Uart&) = delete;

    // Restores the reset values (docs/models/uart.md); keeps the TX/RX host connections and the
    // counters below (a record of the run).
    void reset() override;

    // Host side: characters arriving on the line, as if from the RX source (overrun when full).
    void receive(uint8_t byte);

    uint16_t divisor() const { return static_cast<uint16_t>(m_dll | (m_dlm << 8)); }
    double baud_rate() const;                         // 0 when the divisor is 0
    uint64_t tx_count() const { return m_tx_count; }  // characters transmitted (incl. loopback)
    uint64_t rx_count() const { return m_rx_count; }  // characters accepted into the receiver
    uint64_t overruns() const { return m_overruns; }

    // Declares the `uart` trace group's signals when the tracer has it on: tx_data (the last
    // character sent) and tx_count, at the annotated time of the THR write.
    void trace_to(Tracer& tracer) override;

protected:
    RegStatus read_register(const MmioAccess& access, uint64_t& value) override;
    RegStatus write_register(const MmioAccess& access, uint64_t value) override;

private:
    uint8_t read_byte(unsigned offset);
    uint8_t peek_register(unsigned offset) const;  // no side effects (debug transport)
    void write_byte(unsigned offset, uint8_t value);
    uint8_t read_rbr();
    uint8_t read_iir();
    uint8_t read_lsr();
    uint8_t read_msr();
    void write_thr(uint8_t value);
    void write_ier(uint8_t value);
    void write_fcr(uint8_t value);
    void write_mcr(uint8_t value);

    bool dlab() const { return (m_lcr & UART_LCR_DLAB) != 0; }
    size_t rx_capacity() const;
    uint8_t lsr() const;
    uint8_t modem_inputs() const;  // MSR bits 4..7
    void update_modem_status();
    uint8_t interrupt_id() const;  // IIR bits 0..3
    void update_irq(const sc_core::sc_time& at);  // the line follows IIR from `at` on
    void drive_irq();

    void transmit(uint8_t value);
    void accept(uint8_t byte);  // into the receiver (overrun when full); the line is updated by the caller
    void poll_rx();
    void rx_poll_method();
    sc_core::sc_event m_rx_poll_start;
    void close_rx();

    UartParams m_params;
    // Register state (reset values in reset()).
    uint8_t m_ier = 0;
    uint8_t m_fcr = 0;
    uint8_t m_lcr = 0;
    uint8_t m_mcr = 0;
    uint8_t m_lsr_errors = 0;  // sticky OE (cleared by reading LSR)
    uint8_t m_msr = 0;
    uint8_t m_scr = 0;
    uint8_t m_dll = 0;
    uint8_t m_dlm = 0;
    bool m_thr_ipending = false;  // THRE interrupt pending (cleared by IIR read or THR write)
    std::deque<uint8_t> m_rx_fifo;

    // Interrupt output: each change at the annotated time of the access that caused it.
    ScheduledLine m_irq_line;

    // Host connections.
    std::FILE* m_tx = nullptr;
    bool m_tx_owned = false;
    int m_rx_fd = -1;
    bool m_rx_owned = false;
    sc_core::sc_time m_access_latency;  // also held by MmioTarget; here for the trace time

    uint64_t m_tx_count = 0;
    uint64_t m_rx_count = 0;
    uint64_t m_overruns = 0;
    TraceSignal m_trace_tx_data, m_trace_tx_count;
    sc_core::sc_time m_access_time;  // annotated time of the access being served, before its latency
};

}  // namespace pimsoc
