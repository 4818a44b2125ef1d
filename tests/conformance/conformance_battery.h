// The conformance battery: one type-parameterized GoogleTest suite (`Conformance`) that every
// memory-mapped device runs through its traits (conformance.h). A device file instantiates it:
//   INSTANTIATE_TYPED_TEST_SUITE_P(uart, Conformance, UartTraits);
// which names its tests uart/Conformance/0.<Check> (ctest: uart.<Check><0>). Each test builds its bench(es), runs a body
// as a SystemC thread and checks that the body ran to its end.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "conformance.h"

namespace pimsoc::conformance {

template <typename Traits>
class Conformance : public ::testing::Test {};

TYPED_TEST_SUITE_P(Conformance);

namespace detail {

// Runs body in the simulation and fails if it did not run to its end.
inline void run_to_end(const std::function<void()>& body)
{
    bool finished = false;
    test::run([&] {
        body();
        finished = true;
    });
    EXPECT_TRUE(finished) << "the test body did not run to its end";
}

inline bool is_error(tlm::tlm_response_status status)
{
    return status == tlm::TLM_BURST_ERROR_RESPONSE || status == tlm::TLM_ADDRESS_ERROR_RESPONSE;
}

// Runs check(bus, reg) on every register of access `kind`, in one simulation of a fresh device
// (primed and with its W1C bits raised if `primed`). Skips the test, with the reason, when the
// device has no register of that kind.
template <typename T, typename Check>
void check_each(Access kind, const char* what, bool primed, Check check)
{
    bool any = false;
    for (const Reg& reg : T::registers()) {
        any = any || reg.access == kind;
    }
    if (!any) {
        GTEST_SKIP() << T::name << " has no " << what << " register";
    }
    Bench<T> b(T::name);
    run_to_end([&] {
        if (primed) {
            T::prime(b.bus, b.harness);
            T::raise_w1c(b.bus);
        }
        for (const Reg& reg : T::registers()) {
            if (reg.access == kind) {
                check(b.bus, reg);
            }
        }
    });
}

// For devices with a command interface: loads a long job on a fresh device and runs
// check(T::Commands{}, bus) in the simulation. Skips the test for devices without one.
template <typename T, typename Check>
void with_commands(Check check)
{
    if constexpr (!T::has_commands) {
        GTEST_SKIP() << T::name << " has no command interface";
    } else {
        using C = typename T::Commands;
        Bench<T> b(T::name);
        run_to_end([&] {
            C::load_long_job(b.bus);
            check(C{}, b.bus);
        });
    }
}

}  // namespace detail

TYPED_TEST_P(Conformance, ResetValuesMatchTheTraits)
{
    using T = TypeParam;
    Bench<T> b(T::name);
    detail::run_to_end([&] {
        for (const Reg& reg : T::registers()) {
            if (!reg.readable() || !reg.fixed_value()) {
                continue;
            }
            const auto r = b.bus.read(reg);
            EXPECT_EQ(r.status, tlm::TLM_OK_RESPONSE) << T::name << " " << reg.name;
            EXPECT_EQ(r.value, reg.reset) << T::name << " " << reg.name;
        }
    });
}

TYPED_TEST_P(Conformance, ReadOnlyRegistersIgnoreWrites)
{
    using T = TypeParam;
    detail::check_each<T>(Access::ro, "read-only", false, [](Bus& bus, const Reg& reg) {
        // docs/ARCHITECTURE.md: a write to a read-only register gets a TLM error response.
        EXPECT_EQ(bus.write(reg, reg.write_value), tlm::TLM_COMMAND_ERROR_RESPONSE) << T::name << " " << reg.name;
        if (reg.fixed_value()) {
            EXPECT_EQ(bus.read(reg).value, reg.reset) << T::name << " " << reg.name << " changed";
        }
    });
}

TYPED_TEST_P(Conformance, WriteOnlyRegistersRefuseReads)
{
    using T = TypeParam;
    detail::check_each<T>(Access::wo, "write-only", false, [](Bus& bus, const Reg& reg) {
        EXPECT_EQ(bus.read(reg).status, tlm::TLM_COMMAND_ERROR_RESPONSE) << T::name << " " << reg.name;
    });
}

TYPED_TEST_P(Conformance, ReadWriteRegistersHoldWhatIsWritten)
{
    using T = TypeParam;
    detail::check_each<T>(Access::rw, "read/write", false, [](Bus& bus, const Reg& reg) {
        EXPECT_EQ(bus.write(reg, reg.write_value), tlm::TLM_OK_RESPONSE) << T::name << " " << reg.name;
        if (reg.fixed_value()) {
            EXPECT_EQ(bus.read(reg).value, reg.write_value) << T::name << " " << reg.name;
        }
    });
}

TYPED_TEST_P(Conformance, W1cBitsClearOnOneAndIgnoreZero)
{
    using T = TypeParam;
    detail::check_each<T>(Access::w1c, "write-1-to-clear", true, [](Bus& bus, const Reg& reg) {
        const uint64_t bits = reg.write_value;
        const uint64_t lowest = bits & (~bits + 1);
        ASSERT_EQ(bus.read(reg).value & bits, bits) << T::name << " " << reg.name << ": raise_w1c left bits clear";
        EXPECT_EQ(bus.write(reg, 0), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(bus.read(reg).value & bits, bits) << T::name << " " << reg.name << ": writing 0 cleared bits";
        EXPECT_EQ(bus.write(reg, lowest), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(bus.read(reg).value & bits, bits & ~lowest) << T::name << " " << reg.name;
        EXPECT_EQ(bus.write(reg, bits), tlm::TLM_OK_RESPONSE);
        EXPECT_EQ(bus.read(reg).value & bits, 0u) << T::name << " " << reg.name;
    });
}

TYPED_TEST_P(Conformance, BadWidthsGetAnErrorResponse)
{
    using T = TypeParam;
    Bench<T> b(T::name);
    detail::run_to_end([&] {
        for (const Reg& reg : T::registers()) {
            for (unsigned width = 1; width <= 8; width *= 2) {
                if ((reg.widths & width) != 0) {
                    continue;
                }
                EXPECT_TRUE(detail::is_error(b.bus.read(reg.offset, width).status))
                    << T::name << " " << reg.name << ": " << width << "-byte read";
                EXPECT_TRUE(detail::is_error(b.bus.write(reg.offset, reg.reset, width)))
                    << T::name << " " << reg.name << ": " << width << "-byte write";
            }
        }
    });
}

TYPED_TEST_P(Conformance, MisalignedAccessesGetAnAddressError)
{
    using T = TypeParam;
    bool multi_byte = false;
    for (const Reg& reg : T::registers()) {
        multi_byte = multi_byte || (reg.widths & ~1u) != 0;
    }
    if (!multi_byte) {
        GTEST_SKIP() << T::name << " takes byte accesses only";
    }
    Bench<T> b(T::name);
    detail::run_to_end([&] {
        for (const Reg& reg : T::registers()) {
            for (unsigned width = 2; width <= 8; width *= 2) {
                if ((reg.widths & width) == 0) {
                    continue;
                }
                const uint64_t offset = reg.offset + width / 2;
                EXPECT_EQ(b.bus.read(offset, width).status, tlm::TLM_ADDRESS_ERROR_RESPONSE)
                    << T::name << " " << reg.name << ": " << width << "-byte read at +" << width / 2;
                EXPECT_EQ(b.bus.write(offset, reg.reset, width), tlm::TLM_ADDRESS_ERROR_RESPONSE)
                    << T::name << " " << reg.name << ": " << width << "-byte write at +" << width / 2;
            }
        }
    });
}

TYPED_TEST_P(Conformance, UnmappedOffsetsGetAnAddressError)
{
    using T = TypeParam;
    Bench<T> b(T::name);
    detail::run_to_end([&] {
        std::vector<uint64_t> offsets = T::holes();
        const uint64_t size = b.harness.target().size();
        offsets.push_back(size);          // just past the end
        offsets.push_back(size + 0x100);  // further out
        unsigned width = 1;
        while ((T::registers().front().widths & width) == 0) {
            width *= 2;
        }
        for (uint64_t offset : offsets) {
            EXPECT_EQ(b.bus.read(offset, width).status, tlm::TLM_ADDRESS_ERROR_RESPONSE)
                << T::name << " read at " << std::hex << offset;
            EXPECT_EQ(b.bus.write(offset, 0, width), tlm::TLM_ADDRESS_ERROR_RESPONSE)
                << T::name << " write at " << std::hex << offset;
        }
    });
}

TYPED_TEST_P(Conformance, CountsAccessesAndErrors)
{
    using T = TypeParam;
    Bench<T> b(T::name);
    detail::run_to_end([&] {
        const MmioTarget& target = b.harness.target();
        const uint64_t accesses = target.accesses();
        const uint64_t errors = target.errors();
        const Reg& first = T::registers().front();
        b.bus.read(first);
        b.bus.read(target.size(), first.natural_width());  // past the end
        EXPECT_EQ(target.accesses(), accesses + 2) << T::name;
        EXPECT_EQ(target.errors(), errors + 1) << T::name;
    });
}

// Two identical devices get the same accesses, except that one also takes a debug read and a
// debug write of every register first; afterwards normal reads of every register must agree.
TYPED_TEST_P(Conformance, DebugAccessesHaveNoSideEffects)
{
    using T = TypeParam;
    Bench<T> dut(std::string(T::name) + "_dut");
    Bench<T> twin(std::string(T::name) + "_twin");
    detail::run_to_end([&] {
        T::prime(dut.bus, dut.harness);
        T::prime(twin.bus, twin.harness);
        sc_core::wait(1, sc_core::SC_US);  // let lines and engines settle
        for (const Reg& reg : T::registers()) {
            uint64_t value = 0;
            if (reg.readable()) {
                dut.bus.debug_read(reg, value);
            }
            dut.bus.debug_write(reg, reg.write_value);
            dut.bus.debug_write(reg, ~reg.reset);
        }
        EXPECT_EQ(dut.harness.effects(), twin.harness.effects()) << T::name << ": a debug write acted";
        for (const Reg& reg : T::registers()) {
            if (!reg.readable() || (reg.flags & host) != 0) {
                continue;
            }
            const auto seen = dut.bus.read(reg);
            const auto expected = twin.bus.read(reg);
            EXPECT_EQ(seen.status, expected.status) << T::name << " " << reg.name;
            EXPECT_EQ(seen.value, expected.value) << T::name << " " << reg.name << " differs after debug accesses";
        }
    });
}

TYPED_TEST_P(Conformance, ResetRestoresTheResetValues)
{
    using T = TypeParam;
    Bench<T> b(T::name);
    detail::run_to_end([&] {
        T::prime(b.bus, b.harness);
        T::raise_w1c(b.bus);
        for (const Reg& reg : T::registers()) {
            if (reg.access == Access::rw) {
                EXPECT_EQ(b.bus.write(reg, reg.write_value), tlm::TLM_OK_RESPONSE) << T::name << " " << reg.name;
            }
        }
        b.harness.release_inputs();
        sc_core::wait(1, sc_core::SC_US);
        b.harness.reset();
        for (const Reg& reg : T::registers()) {
            if (!reg.readable() || !reg.fixed_value() || (reg.flags & survives_reset) != 0) {
                continue;
            }
            EXPECT_EQ(b.bus.read(reg).value, reg.reset) << T::name << " " << reg.name << " after reset()";
        }
    });
}

TYPED_TEST_P(Conformance, StartWhileBusyIsAnError)
{
    detail::with_commands<TypeParam>([](auto commands, Bus& bus) {
        using C = decltype(commands);
        C::start(bus);
        EXPECT_EQ(C::error_code(bus), C::err_none) << TypeParam::name << ": the first start";
        C::start(bus);
        EXPECT_EQ(C::error_code(bus), C::err_busy) << TypeParam::name << ": a start while busy";
    });
}

TYPED_TEST_P(Conformance, EnqueueBeyondTheQueueDepthIsAnError)
{
    detail::with_commands<TypeParam>([](auto commands, Bus& bus) {
        using C = decltype(commands);
        // The running command plus queue_depth waiting ones are accepted.
        for (unsigned i = 0; i <= C::queue_depth(); ++i) {
            C::enqueue(bus);
            EXPECT_EQ(C::error_code(bus), C::err_none) << TypeParam::name << ": enqueue " << i;
        }
        C::enqueue(bus);
        EXPECT_EQ(C::error_code(bus), C::err_queue_full) << TypeParam::name << ": enqueue beyond the queue";
    });
}

REGISTER_TYPED_TEST_SUITE_P(Conformance, ResetValuesMatchTheTraits, ReadOnlyRegistersIgnoreWrites,
                            WriteOnlyRegistersRefuseReads, ReadWriteRegistersHoldWhatIsWritten,
                            W1cBitsClearOnOneAndIgnoreZero, BadWidthsGetAnErrorResponse,
                            MisalignedAccessesGetAnAddressError, UnmappedOffsetsGetAnAddressError,
                            CountsAccessesAndErrors, DebugAccessesHaveNoSideEffects, ResetRestoresTheResetValues,
                            StartWhileBusyIsAnError, EnqueueBeyondTheQueueDepthIsAnError);

}  // namespace pimsoc::conformance
