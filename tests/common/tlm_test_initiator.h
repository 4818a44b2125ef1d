// Shared TLM test bench: an initiator with typed helpers that return the response status, and an
// interrupt sink that records edges. Header-only; include as "common/tlm_test_initiator.h".
//
// SystemC elaborates and starts once per process (each gtest case runs in its own process), so a
// test builds its modules, binds them, then calls run() with the body to execute as a thread:
//
//   TEST(Uart, ScratchHoldsItsValue) {
//       pimsoc::test::TlmTestInitiator cpu("cpu");
//       pimsoc::Uart uart("uart", {});
//       pimsoc::test::IrqSink irq("irq");
//       cpu.socket.bind(uart.socket);
//       uart.irq.bind(irq.signal);
//       pimsoc::test::run([&] {
//           EXPECT_EQ(cpu.write8(UART_SCR, 0x5a), tlm::TLM_OK_RESPONSE);
//           EXPECT_EQ(cpu.read8(UART_SCR).value, 0x5a);
//       });
//   }
//
// run() fails the test (a gtest failure) if the body has not returned when the simulation ends: a
// body still waiting on an event that never came, stopped by sc_stop() at a wait, or cut by the time
// limit would otherwise pass with its remaining checks never made. A body that is meant to be
// stopped at a wait (it checks that a device ends the simulation) uses run_until_stopped().
//
// Accesses are blocking b_transport calls; each starts with a zero delay and leaves the target's
// annotated delay in last_delay(). They do not wait: call sync() (or sc_core::wait) to let
// simulated time catch up, e.g. before checking an interrupt line driven at "now + delay".
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>
#include <tlm>

namespace pimsoc::test {

// The result of a read: the value (little-endian, zero-extended) and the response status.
struct ReadResult {
    uint64_t value = 0;
    tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;
    bool ok() const { return status == tlm::TLM_OK_RESPONSE; }
};

// A module whose only thread runs a test body (a module rather than sc_spawn, so that no
// SC_INCLUDE_DYNAMIC_PROCESSES is needed).
class TestBody : public sc_core::sc_module {
public:
    TestBody(sc_core::sc_module_name name, std::function<void()> body)
        : sc_core::sc_module(name), m_body(std::move(body))
    {
        SC_HAS_PROCESS(TestBody);
        SC_THREAD(thread);
    }

private:
    void thread() { m_body(); }
    std::function<void()> m_body;
};

namespace detail {
// Runs body in an SC_THREAD until the simulation ends (nothing left to do, sc_stop(), or `limit` if
// not zero); returns whether the body returned.
inline bool run_body(std::function<void()> body, const sc_core::sc_time& limit)
{
    bool finished = false;
    TestBody runner("test_body", [&body, &finished] {
        body();
        finished = true;
    });
    if (limit == sc_core::SC_ZERO_TIME) {
        sc_core::sc_start();
    } else {
        sc_core::sc_start(limit);
    }
    return finished;
}
}  // namespace detail

// Runs body in an SC_THREAD and simulates until nothing is left to do, something calls sc_stop(),
// or `limit` (if not zero) has passed. Call once per test, after building and binding the modules.
// The body must run to its end: if it has not returned when the simulation ends, the test fails
// (unless a fatal assertion already ended the body, which has failed the test by itself).
inline void run(std::function<void()> body, const sc_core::sc_time& limit = sc_core::SC_ZERO_TIME)
{
    if (!detail::run_body(std::move(body), limit) && !::testing::Test::HasFatalFailure()) {
        ADD_FAILURE() << "test::run: the test body did not run to completion: the simulation ended at "
                      << sc_core::sc_time_stamp() << " with the body still waiting (an event that never "
                      << "came, sc_stop() before its end, or the time limit); its later checks never ran";
    }
}

// The variant for a body that makes the simulation stop (sc_stop(), e.g. through the finisher) and
// then waits: the kernel must stop before the body resumes. Fails the test if the body runs to its
// end or the simulation ends without sc_stop().
inline void run_until_stopped(std::function<void()> body)
{
    const bool finished = detail::run_body(std::move(body), sc_core::SC_ZERO_TIME);
    if (::testing::Test::HasFatalFailure()) {
        return;
    }
    if (finished) {
        ADD_FAILURE() << "test::run_until_stopped: the test body ran to completion: the simulation did "
                      << "not stop before it resumed";
    } else if (sc_core::sc_get_status() != sc_core::SC_STOPPED) {
        ADD_FAILURE() << "test::run_until_stopped: the simulation ended at " << sc_core::sc_time_stamp()
                      << " without sc_stop(), with the body still waiting";
    }
}

class TlmTestInitiator : public sc_core::sc_module {
public:
    tlm_utils::simple_initiator_socket<TlmTestInitiator> socket;

    // DMI invalidations received on the backward path, as [start, end] pairs.
    std::vector<std::pair<uint64_t, uint64_t>> invalidations;

    explicit TlmTestInitiator(sc_core::sc_module_name name) : sc_core::sc_module(name), socket("socket")
    {
        socket.register_invalidate_direct_mem_ptr(this, &TlmTestInitiator::invalidate_direct_mem_ptr);
    }

    ReadResult read8(uint64_t addr) { return read(addr, 1); }
    ReadResult read16(uint64_t addr) { return read(addr, 2); }
    ReadResult read32(uint64_t addr) { return read(addr, 4); }
    ReadResult read64(uint64_t addr) { return read(addr, 8); }
    // The 64-bit registers at first, first + 8, ..., last (a device's counter block).
    std::vector<uint64_t> read64_each(uint64_t first, uint64_t last)
    {
        std::vector<uint64_t> values;
        for (uint64_t addr = first; addr <= last; addr += 8) {
            values.push_back(read64(addr).value);
        }
        return values;
    }
    tlm::tlm_response_status write8(uint64_t addr, uint64_t v) { return write(addr, v, 1); }
    tlm::tlm_response_status write16(uint64_t addr, uint64_t v) { return write(addr, v, 2); }
    tlm::tlm_response_status write32(uint64_t addr, uint64_t v) { return write(addr, v, 4); }
    tlm::tlm_response_status write64(uint64_t addr, uint64_t v) { return write(addr, v, 8); }

    // A read of `length` (1..8) bytes.
    ReadResult read(uint64_t addr, unsigned length)
    {
        uint8_t data[8] = {};
        ReadResult result;
        result.status = access(tlm::TLM_READ_COMMAND, addr, data, length);
        for (unsigned i = 0; i < length && i < 8; ++i) {
            result.value |= static_cast<uint64_t>(data[i]) << (8 * i);
        }
        return result;
    }

    // A write of the low `length` (1..8) bytes of v.
    tlm::tlm_response_status write(uint64_t addr, uint64_t v, unsigned length)
    {
        uint8_t data[8];
        for (unsigned i = 0; i < 8; ++i) {
            data[i] = static_cast<uint8_t>(v >> (8 * i));
        }
        return access(tlm::TLM_WRITE_COMMAND, addr, data, length);
    }

    // Any access on caller-owned data (bursts, byte enables via the payload overload below).
    tlm::tlm_response_status access(tlm::tlm_command command, uint64_t addr, uint8_t* data, unsigned length)
    {
        tlm::tlm_generic_payload trans;
        trans.set_command(command);
        trans.set_address(addr);
        trans.set_data_ptr(data);
        trans.set_data_length(length);
        trans.set_streaming_width(length);
        trans.set_byte_enable_ptr(nullptr);
        trans.set_dmi_allowed(false);
        trans.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        return transport(trans);
    }

    // b_transport of a prepared payload; records the delay, the DMI hint and the address seen
    // after the call (a router must restore it).
    tlm::tlm_response_status transport(tlm::tlm_generic_payload& trans)
    {
        m_delay = sc_core::SC_ZERO_TIME;
        socket->b_transport(trans, m_delay);
        m_dmi_hint = trans.is_dmi_allowed();
        m_address_after = trans.get_address();
        return trans.get_response_status();
    }

    // The delay the target annotated on the last access (each access starts from zero).
    const sc_core::sc_time& last_delay() const { return m_delay; }
    // The last response's DMI hint.
    bool last_dmi_hint() const { return m_dmi_hint; }
    // The payload address after the last b_transport returned.
    uint64_t last_address_after() const { return m_address_after; }

    // Waits for the last annotated delay (plus `extra`), as an LT initiator syncing would.
    void sync(const sc_core::sc_time& extra = sc_core::SC_ZERO_TIME)
    {
        sc_core::wait(m_delay + extra);
        m_delay = sc_core::SC_ZERO_TIME;
    }

    unsigned debug_read(uint64_t addr, uint8_t* data, unsigned length)
    {
        return debug(tlm::TLM_READ_COMMAND, addr, data, length);
    }
    unsigned debug_write(uint64_t addr, const uint8_t* data, unsigned length)
    {
        return debug(tlm::TLM_WRITE_COMMAND, addr, const_cast<uint8_t*>(data), length);
    }

    // Asks for a DMI pointer covering addr (for writing if `for_write`). Returns whether one was
    // granted; `dmi` holds the granted (or denied) range either way.
    bool get_dmi(uint64_t addr, tlm::tlm_dmi& dmi, bool for_write = false)
    {
        tlm::tlm_generic_payload trans;
        trans.set_command(for_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        trans.set_address(addr);
        trans.set_data_length(0);
        dmi.init();
        return socket->get_direct_mem_ptr(trans, dmi);
    }

private:
    unsigned debug(tlm::tlm_command command, uint64_t addr, uint8_t* data, unsigned length)
    {
        tlm::tlm_generic_payload trans;
        trans.set_command(command);
        trans.set_address(addr);
        trans.set_data_ptr(data);
        trans.set_data_length(length);
        trans.set_streaming_width(length);
        return socket->transport_dbg(trans);
    }

    void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end)
    {
        invalidations.emplace_back(start, end);
    }

    sc_core::sc_time m_delay;
    bool m_dmi_hint = false;
    uint64_t m_address_after = 0;
};

// Interrupt sink: owns the signal a device's sc_out<bool> binds to and records every change.
class IrqSink : public sc_core::sc_module {
public:
    struct Edge {
        sc_core::sc_time time;
        bool level;
    };

    sc_core::sc_signal<bool> signal;
    std::vector<Edge> edges;

    explicit IrqSink(sc_core::sc_module_name name) : sc_core::sc_module(name), signal("signal")
    {
        SC_HAS_PROCESS(IrqSink);
        SC_METHOD(record);
        sensitive << signal;
        dont_initialize();
    }

    bool level() const { return signal.read(); }
    size_t rising_edges() const { return count(true); }
    size_t falling_edges() const { return count(false); }

private:
    void record() { edges.push_back(Edge{sc_core::sc_time_stamp(), signal.read()}); }
    size_t count(bool level_after) const
    {
        size_t n = 0;
        for (const auto& e : edges) {
            n += e.level == level_after ? 1 : 0;
        }
        return n;
    }
};

}  // namespace pimsoc::test
