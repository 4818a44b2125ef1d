// What the traits of the command devices have alike (ip/common/command_device.h): the common
// register block's rows, and for the PIM accelerators (RTM, SOT-MRAM, ReRAM: a data window and a
// START that queues per unit) the whole traits but for the device's own registers and jobs.
// A PIM accelerator's traits file describes the device and instantiates the battery with
// AcceleratorTraits<Description>:
//
//   struct RtmDescription {
//       using Device = Rtm;
//       static constexpr const char* name = "rtm";
//       static constexpr uint64_t cmd = RTM_CMD, cmd_start = RTM_CMD_START;
//       static constexpr unsigned short_job_us = 100;   // prime() waits this long for its job
//       static RtmParams params();                      // the harness's, with queue_depth = 0
//       static void load_short_job(Bus&);               // a command that finishes in short_job_us
//       static void load_long_job(Bus&);                // one still running when the battery checks BUSY
//       static const std::vector<Reg>& registers();     // with_common_block(RTM_ID_VALUE, {...})
//       static const std::vector<uint64_t>& holes();
//   };
//   INSTANTIATE_TYPED_TEST_SUITE_P(rtm, Conformance, AcceleratorTraits<RtmDescription>);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <systemc>

#include "common/device_regs.h"
#include "common/tlm_test_initiator.h"
#include "conformance.h"
#include "pim/pim_errors.h"

namespace pimsoc::conformance {

// The common block's rows (ID, CTRL, STATUS, IRQ_EN, IRQ_STATUS, ERR_CODE) of a device whose ID
// reads `id` and whose ERR_CODE resets to `err_none`, followed by the device's own rows.
inline std::vector<Reg> with_common_block(uint64_t id, uint64_t err_none, const std::vector<Reg>& own)
{
    std::vector<Reg> regs = {
        {"ID", DEV_ID, 4, Access::ro, id, 0},
        {"CTRL", DEV_CTRL, 4, Access::action, 0, DEV_CTRL_CLEAR_STATUS | DEV_CTRL_CLEAR_COUNTERS},
        {"STATUS", DEV_STATUS, 4, Access::ro, 0, 0xFFFF'FFFFu},
        {"IRQ_EN", DEV_IRQ_EN, 4, Access::rw, 0, DEV_IRQ_MASK},
        {"IRQ_STATUS", DEV_IRQ_STATUS, 4, Access::w1c, 0, DEV_IRQ_MASK},
        {"ERR_CODE", DEV_ERR_CODE, 4, Access::ro, err_none, 0xFF},
    };
    regs.insert(regs.end(), own.begin(), own.end());
    return regs;
}

template <class D>
struct AcceleratorTraits : TraitsBase {
    static constexpr const char* name = D::name;

    struct Harness : HarnessBase {
        typename D::Device device;
        test::IrqSink irq;
        test::TlmTestInitiator window;  // the data window's initiator (the battery checks the registers)
        explicit Harness(const std::string& n)
            : device(n.c_str(), D::params()), irq((n + "_irq").c_str()), window((n + "_window").c_str())
        {
            device.irq.bind(irq.signal);
            window.socket.bind(device.window);
        }
        MmioTarget& target() { return device; }
        void reset() { device.reset(); }
    };

    static const std::vector<Reg>& registers() { return D::registers(); }
    static const std::vector<uint64_t>& holes() { return D::holes(); }

    // One short job done (counters, DONE, results), then a bad command (ERR, ERR_CODE).
    static void prime(Bus& bus, Harness&)
    {
        D::load_short_job(bus);
        bus.write(D::cmd, D::cmd_start, 4);
        sc_core::wait(D::short_job_us, sc_core::SC_US);
        bus.read(DEV_STATUS, 4);  // retires the finished command
        bus.write(D::cmd, 0x7F, 4);
    }
    static void raise_w1c(Bus&) {}  // prime() left DONE and ERR in IRQ_STATUS

    static constexpr bool has_commands = true;
    struct Commands {
        static constexpr uint64_t err_none = PIM_ERR_NONE;
        static constexpr uint64_t err_busy = PIM_ERR_BUSY;
        static constexpr uint64_t err_queue_full = PIM_ERR_BUSY;  // the accelerators queue on START
        static unsigned queue_depth() { return D::params().queue_depth; }
        static void load_long_job(Bus& bus) { D::load_long_job(bus); }
        static void start(Bus& bus) { bus.write(D::cmd, D::cmd_start, 4); }
        static void enqueue(Bus& bus) { start(bus); }
        static uint64_t error_code(Bus& bus) { return bus.read(DEV_ERR_CODE, 4).value; }
    };
};

}  // namespace pimsoc::conformance
