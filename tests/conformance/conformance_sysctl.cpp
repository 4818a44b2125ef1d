// sysctl traits for the conformance battery. STATS and ROI writes act (a stats report, a region
// mark), so the kit only debug-writes them; the ROI counts are a record of the run that reset()
// keeps; the counters follow simulated time, HOST_TIME_NS the host's clock.
#include "conformance_battery.h"
#include "sysctl/sysctl.h"

namespace pimsoc::conformance {
namespace {

struct SysctlTraits : TraitsBase {
    static constexpr const char* name = "sysctl";

    struct Harness : HarnessBase {
        Sysctl sysctl;
        explicit Harness(const std::string& n) : sysctl(n.c_str(), SysctlParams{}, probes()) {}
        static SysctlProbes probes()
        {
            SysctlProbes p;
            p.cycles = [](const sc_core::sc_time& at) { return at.value() / 10'000; };  // 100 MHz in ps
            p.instret = [](const sc_core::sc_time& at) { return at.value() / 20'000; };
            return p;
        }
        MmioTarget& target() { return sysctl; }
        void reset() { sysctl.reset(); }
        uint64_t effects() const { return sysctl.stats_requests() + sysctl.roi_marks().size(); }
    };

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = [] {
            std::vector<Reg> r = {
                {"ID", SYSCTL_ID, 4, Access::ro, SYSCTL_ID_VALUE, 0},
                {"VERSION", SYSCTL_VERSION, 4, Access::ro, SYSCTL_VERSION_VALUE, 0},
                {"SCRATCH", SYSCTL_SCRATCH, 4, Access::rw, 0, 0xA5A5'5A5Au},
                {"STATS", SYSCTL_STATS, 4, Access::action, 0, SYSCTL_STATS_PRINT},
                {"ROI", SYSCTL_ROI, 4, Access::action, 0, SYSCTL_ROI_BEGIN | 5},
                {"ROI_COUNT", SYSCTL_ROI_COUNT, 4, Access::ro, 0, 9, survives_reset},
                {"ROI_UNMATCHED", SYSCTL_ROI_UNMATCHED, 4, Access::ro, 0, 9, survives_reset},
                {"ROI_INVALID", SYSCTL_ROI_INVALID, 4, Access::ro, 0, 9, survives_reset},
            };
            const std::pair<const char*, uint64_t> counters[] = {
                {"CYCLES", SYSCTL_CYCLES}, {"INSTRET", SYSCTL_INSTRET}, {"SIM_TIME_NS", SYSCTL_SIM_TIME_NS}};
            for (const auto& [counter, offset] : counters) {
                r.push_back({counter, offset, 4 | 8, Access::ro, 0, 1, timed});
                r.push_back({counter, offset + SYSCTL_HI, 4, Access::ro, 0, 1, timed});
            }
            r.push_back({"HOST_TIME_NS", SYSCTL_HOST_TIME_NS, 4 | 8, Access::ro, 0, 1, host});
            r.push_back({"HOST_TIME_NS_HI", SYSCTL_HOST_TIME_NS + SYSCTL_HI, 4, Access::ro, 0, 1, host});
            for (unsigned i = 0; i < SYSCTL_NUM_ARGS; ++i) {
                r.push_back({"ARG", SYSCTL_ARG(i), 4, Access::ro, 0, 1});
            }
            r.push_back({"ARGC", SYSCTL_ARGC, 4, Access::ro, 0, 1});
            r.push_back({"ARGS_BYTES", SYSCTL_ARGS_BYTES, 4, Access::ro, 0, 1});
            r.push_back({"ROI_NAME_CHARS", SYSCTL_ROI_NAME_CHARS, 4, Access::action, 0, 0x61626364u});
            r.push_back({"ROI_NAME_ID", SYSCTL_ROI_NAME_ID, 4, Access::action, 0, 5});
            r.push_back({"ARGS_WINDOW", SYSCTL_ARGS_WINDOW, 4, Access::ro, 0, 1});
            r.push_back({"ARGS_WINDOW_END", SYSCTL_ARGS_WINDOW + SYSCTL_ARGS_MAX_BYTES - 4, 4, Access::ro, 0, 1});
            return r;
        }();
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {SYSCTL_REGS_END, 0x100, SYSCTL_ARGS_WINDOW - 4};
        return offsets;
    }

    // An open region and a scratch value.
    static void prime(Bus& bus, Harness&)
    {
        bus.write(SYSCTL_ROI, SYSCTL_ROI_BEGIN | 7, 4);
        bus.write(SYSCTL_SCRATCH, 0x1234, 4);
    }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(sysctl, Conformance, SysctlTraits);

}  // namespace pimsoc::conformance
