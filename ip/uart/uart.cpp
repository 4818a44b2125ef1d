#include "uart/uart.h"

#include "common/ledger_time.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace pimsoc {

Uart::Uart(sc_core::sc_module_name name, const UartParams& params)
    : MmioTarget(name, UART_NUM_REGS, width8 | width32,
                 sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS)),
      irq("irq"),
      m_params(params),
      m_access_latency(sc_core::sc_time(static_cast<double>(params.access_latency_ns), sc_core::SC_NS))
{
    irq.initialize(false);

    if (m_params.tx_file.empty()) {
        m_tx = stdout;
    } else {
        m_tx = std::fopen(m_params.tx_file.c_str(), "wb");
        if (m_tx == nullptr) {
            throw std::runtime_error(std::string(this->name()) + ": cannot open tx_file '" +
                                     m_params.tx_file + "': " + std::strerror(errno));
        }
        m_tx_owned = true;
    }
    if (m_params.rx_file == "-") {
        m_rx_fd = STDIN_FILENO;
    } else if (!m_params.rx_file.empty()) {
        m_rx_fd = ::open(m_params.rx_file.c_str(), O_RDONLY | O_NONBLOCK);
        if (m_rx_fd < 0) {
            const std::string reason = std::strerror(errno);
            if (m_tx_owned) {
                std::fclose(m_tx);
            }
            throw std::runtime_error(std::string(this->name()) + ": cannot open rx_file '" +
                                     m_params.rx_file + "': " + reason);
        }
        m_rx_owned = true;
    }

    SC_HAS_PROCESS(Uart);
    SC_METHOD(drive_irq);
    sensitive << m_irq_line.event();
    dont_initialize();
    if (m_params.rx_poll_interval_us > 0 && m_rx_fd >= 0) {
        // The first poll comes one interval after time 0, not at it: input that arrived before
        // the firmware's uart_init would be dropped by the FIFO reset that init performs.
        SC_METHOD(rx_poll_method);
        dont_initialize();
        sensitive << m_rx_poll_start;
        m_rx_poll_start.notify(sc_core::sc_time(static_cast<double>(m_params.rx_poll_interval_us), sc_core::SC_US));
    }
    reset();
}

Uart::~Uart()
{
    close_rx();
    if (m_tx_owned) {
        std::fclose(m_tx);
    }
}

void Uart::reset()
{
    m_ier = 0x00;
    m_fcr = 0x00;
    m_lcr = 0x00;
    m_mcr = 0x00;
    m_lsr_errors = 0x00;
    m_scr = 0x00;
    m_dll = 0x00;  // undefined on a real 16550; 0 here
    m_dlm = 0x00;
    m_thr_ipending = false;
    m_rx_fifo.clear();
    m_msr = modem_inputs();  // no deltas after reset
    update_irq(sc_core::sc_time_stamp());
}

// --- registers -------------------------------------------------------------------------------

// Registers are 8 bits; a 4-byte access (at offset 0 or 4) reaches the one register at its offset:
// reads are zero-extended, writes use the low byte.
RegStatus Uart::read_register(const MmioAccess& access, uint64_t& value)
{
    const auto offset = static_cast<unsigned>(access.offset);
    if (access.debug) {
        value = peek_register(offset);
        return RegStatus::ok;
    }
    value = read_byte(offset);
    update_irq(access.time);
    return RegStatus::ok;
}

RegStatus Uart::write_register(const MmioAccess& access, uint64_t value)
{
    const auto offset = static_cast<unsigned>(access.offset);
    if (offset == UART_LSR || offset == UART_MSR) {
        return RegStatus::read_only;
    }
    // The tracer sees a THR write at its annotated time before the access latency (as always).
    m_access_time = access.time - m_access_latency;
    write_byte(offset, static_cast<uint8_t>(value));
    update_irq(access.time);
    return RegStatus::ok;
}

uint8_t Uart::read_byte(unsigned offset)
{
    switch (offset) {
        case UART_RBR:
            return dlab() ? m_dll : read_rbr();
        case UART_IER:
            return dlab() ? m_dlm : m_ier;
        case UART_IIR:
            return read_iir();
        case UART_LCR:
            return m_lcr;
        case UART_MCR:
            return m_mcr;
        case UART_LSR:
            return read_lsr();
        case UART_MSR:
            return read_msr();
        default:  // UART_SCR: MmioTarget passes offsets 0..7 only
            return m_scr;
    }
}

uint8_t Uart::peek_register(unsigned offset) const
{
    switch (offset) {
        case UART_RBR:
            return dlab() ? m_dll : (m_rx_fifo.empty() ? 0 : m_rx_fifo.front());
        case UART_IER:
            return dlab() ? m_dlm : m_ier;
        case UART_IIR:
            return static_cast<uint8_t>(interrupt_id() |
                                        ((m_fcr & UART_FCR_ENABLE_FIFO) ? UART_IIR_FIFO_ENABLED : 0));
        case UART_LCR:
            return m_lcr;
        case UART_MCR:
            return m_mcr;
        case UART_LSR:
            return lsr();
        case UART_MSR:
            return m_msr;
        case UART_SCR:
            return m_scr;
        default:
            return 0;
    }
}

void Uart::write_byte(unsigned offset, uint8_t value)
{
    switch (offset) {
        case UART_THR:
            if (dlab()) {
                m_dll = value;
            } else {
                write_thr(value);
            }
            break;
        case UART_IER:
            if (dlab()) {
                m_dlm = value;
            } else {
                write_ier(value);
            }
            break;
        case UART_FCR:
            write_fcr(value);
            break;
        case UART_LCR:
            m_lcr = value;
            break;
        case UART_MCR:
            write_mcr(value);
            break;
        default:  // UART_SCR (LSR and MSR are refused by write_register)
            m_scr = value;
            break;
    }
}

uint8_t Uart::read_rbr()
{
    poll_rx();
    if (m_rx_fifo.empty()) {
        return 0;
    }
    const uint8_t value = m_rx_fifo.front();
    m_rx_fifo.pop_front();
    poll_rx();  // refill a one-byte holding register from the source
    return value;
}

uint8_t Uart::read_iir()
{
    poll_rx();
    const uint8_t id = interrupt_id();
    if (id == UART_IIR_THRI) {
        m_thr_ipending = false;  // reading IIR clears a THRE interrupt it reports
    }
    return static_cast<uint8_t>(id | ((m_fcr & UART_FCR_ENABLE_FIFO) ? UART_IIR_FIFO_ENABLED : 0));
}

uint8_t Uart::read_lsr()
{
    poll_rx();
    const uint8_t value = lsr();
    m_lsr_errors = 0;  // reading LSR clears the error bits
    return value;
}

uint8_t Uart::read_msr()
{
    const uint8_t value = m_msr;
    m_msr &= static_cast<uint8_t>(~UART_MSR_DELTA_MASK);  // reading MSR clears the delta bits
    return value;
}

void Uart::write_thr(uint8_t value)
{
    m_thr_ipending = false;
    transmit(value);
    // Transmission is instantaneous: the holding register is empty again at once.
    m_thr_ipending = true;
}

void Uart::write_ier(uint8_t value)
{
    const uint8_t enabled = static_cast<uint8_t>(value & UART_IER_MASK & ~m_ier);
    m_ier = static_cast<uint8_t>(value & UART_IER_MASK);
    if (enabled & UART_IER_THRI) {
        m_thr_ipending = true;  // THR is empty, so enabling THRI raises it (as the 16550 does)
    }
    if (m_ier & UART_IER_RDI) {
        poll_rx();
    }
}

void Uart::write_fcr(uint8_t value)
{
    const bool was_enabled = (m_fcr & UART_FCR_ENABLE_FIFO) != 0;
    const bool enable = (value & UART_FCR_ENABLE_FIFO) != 0;
    if (was_enabled != enable || (enable && (value & UART_FCR_CLEAR_RCVR))) {
        m_rx_fifo.clear();  // changing the FIFO mode clears the FIFOs
    }
    // The transmitter is instantaneous: clearing the TX FIFO has nothing to drop.
    m_fcr = static_cast<uint8_t>(value & (UART_FCR_ENABLE_FIFO | UART_FCR_TRIGGER_MASK));
}

void Uart::write_mcr(uint8_t value)
{
    m_mcr = static_cast<uint8_t>(value & UART_MCR_MASK);
    update_modem_status();
}

// --- derived state ---------------------------------------------------------------------------

size_t Uart::rx_capacity() const
{
    return (m_fcr & UART_FCR_ENABLE_FIFO) ? UART_FIFO_DEPTH : 1;
}

uint8_t Uart::lsr() const
{
    uint8_t value = static_cast<uint8_t>(UART_LSR_THRE | UART_LSR_TEMT | m_lsr_errors);
    if (!m_rx_fifo.empty()) {
        value |= UART_LSR_DR;
    }
    return value;
}

uint8_t Uart::modem_inputs() const
{
    if (m_mcr & UART_MCR_LOOP) {
        // Loopback: the modem outputs feed the inputs.
        uint8_t in = 0;
        in |= (m_mcr & UART_MCR_RTS) ? UART_MSR_CTS : 0;
        in |= (m_mcr & UART_MCR_DTR) ? UART_MSR_DSR : 0;
        in |= (m_mcr & UART_MCR_OUT1) ? UART_MSR_RI : 0;
        in |= (m_mcr & UART_MCR_OUT2) ? UART_MSR_DCD : 0;
        return in;
    }
    // A host terminal is always connected: CTS, DSR and DCD asserted, no ring (as QEMU).
    return UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD;
}

void Uart::update_modem_status()
{
    const uint8_t old_in = static_cast<uint8_t>(m_msr & ~UART_MSR_DELTA_MASK);
    const uint8_t new_in = modem_inputs();
    const uint8_t changed = old_in ^ new_in;
    uint8_t delta = static_cast<uint8_t>(m_msr & UART_MSR_DELTA_MASK);
    delta |= (changed & UART_MSR_CTS) ? UART_MSR_DCTS : 0;
    delta |= (changed & UART_MSR_DSR) ? UART_MSR_DDSR : 0;
    delta |= (changed & UART_MSR_DCD) ? UART_MSR_DDCD : 0;
    delta |= ((old_in & UART_MSR_RI) && !(new_in & UART_MSR_RI)) ? UART_MSR_TERI : 0;  // trailing edge
    m_msr = static_cast<uint8_t>(new_in | delta);
}

uint8_t Uart::interrupt_id() const
{
    // 16550 priorities: line status > received data > THR empty > modem status.
    const uint8_t status = lsr();
    if ((m_ier & UART_IER_RLSI) && (status & UART_LSR_ERROR_MASK)) {
        return UART_IIR_RLSI;
    }
    if ((m_ier & UART_IER_RDI) && (status & UART_LSR_DR)) {
        return UART_IIR_RDI;
    }
    if ((m_ier & UART_IER_THRI) && m_thr_ipending) {
        return UART_IIR_THRI;
    }
    if ((m_ier & UART_IER_MSI) && (m_msr & UART_MSR_DELTA_MASK)) {
        return UART_IIR_MSI;
    }
    return UART_IIR_NO_INT;
}

void Uart::update_irq(const sc_core::sc_time& at)
{
    if (sc_core::sc_is_running()) {
        m_irq_line.schedule(at, interrupt_id() != UART_IIR_NO_INT);
    }
}

void Uart::drive_irq() { m_irq_line.apply_due(irq); }

// --- host connections ------------------------------------------------------------------------

double Uart::baud_rate() const
{
    return divisor() == 0 ? 0.0 : static_cast<double>(m_params.clock_hz) / (16.0 * divisor());
}

void Uart::transmit(uint8_t value)
{
    ++m_tx_count;
    if (active_tracer() != nullptr) {
        active_tracer()->set(m_trace_tx_data, value, to_ps(m_access_time));
        active_tracer()->set(m_trace_tx_count, m_tx_count, to_ps(m_access_time));
    }
    if (m_mcr & UART_MCR_LOOP) {
        accept(value);  // the line follows at the access's time (write_register)
        return;
    }
    std::fputc(value, m_tx);
    std::fflush(m_tx);
}

void Uart::receive(uint8_t byte)
{
    accept(byte);
    update_irq(sc_core::sc_time_stamp());
}

void Uart::accept(uint8_t byte)
{
    if (m_rx_fifo.size() >= rx_capacity()) {
        ++m_overruns;
        m_lsr_errors |= UART_LSR_OE;
        if (rx_capacity() == 1) {
            // 16450 mode: the new character overwrites the unread one in RBR (PC16550D datasheet,
            // LSR bit 1; QEMU's serial_receive1 does the same).
            log()->debug("receiver overrun, {:#04x} overwritten", m_rx_fifo.front());
            m_rx_fifo.front() = byte;
            ++m_rx_count;
        } else {
            // FIFO mode: the FIFO keeps its contents; the character in the shift register is lost.
            log()->debug("receiver overrun, {:#04x} lost", byte);
        }
    } else {
        ++m_rx_count;
        m_rx_fifo.push_back(byte);
    }
}

void Uart::poll_rx()
{
    // Never blocks: poll() with a zero timeout, then read only what fits into the receiver.
    while (m_rx_fd >= 0 && m_rx_fifo.size() < rx_capacity()) {
        pollfd pfd{m_rx_fd, POLLIN, 0};
        if (::poll(&pfd, 1, 0) <= 0 || !(pfd.revents & (POLLIN | POLLHUP | POLLERR))) {
            return;
        }
        uint8_t buffer[UART_FIFO_DEPTH];
        const size_t room = rx_capacity() - m_rx_fifo.size();
        const ssize_t n = ::read(m_rx_fd, buffer, room);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            return;
        }
        if (n <= 0) {
            log()->debug("end of input");
            close_rx();
            return;
        }
        for (ssize_t i = 0; i < n; ++i) {
            accept(buffer[i]);  // the caller updates the line at its own time
        }
    }
}

void Uart::rx_poll_method()
{
    poll_rx();
    update_irq(sc_core::sc_time_stamp());
    if (m_rx_fd >= 0) {
        next_trigger(sc_core::sc_time(static_cast<double>(m_params.rx_poll_interval_us), sc_core::SC_US));
    }
}

void Uart::close_rx()
{
    if (m_rx_owned && m_rx_fd >= 0) {
        ::close(m_rx_fd);
    }
    m_rx_fd = -1;
    m_rx_owned = false;
}

void Uart::trace_to(Tracer& tracer)
{
    if (!attach_tracer(tracer, "uart")) {
        return;
    }
    m_trace_tx_data = tracer.wire(trace_signal("tx_data"), 8);
    m_trace_tx_count = tracer.wire(trace_signal("tx_count"), 64);
}

}  // namespace pimsoc
