// Test finisher traits for the conformance battery: one 32-bit register whose writes end the run.
#include "conformance_battery.h"
#include "finisher/finisher.h"
#include "finisher/finisher_regs.h"

namespace pimsoc::conformance {
namespace {

struct FinisherTraits : TraitsBase {
    static constexpr const char* name = "finisher";

    struct Harness : HarnessBase {
        SimulationExit exit;
        Finisher finisher;
        explicit Harness(const std::string& n) : finisher(n.c_str(), exit) {}
        MmioTarget& target() { return finisher; }
        void reset() { finisher.reset(); }
        uint64_t effects() const { return (exit.ended() ? 1 : 0) + finisher.ignored_writes(); }
    };

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = {
            {"FINISHER", FINISHER_REG, 4, Access::action, 0, FINISHER_PASS},
        };
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {0x4, 0x800, 0xFFC};
        return offsets;
    }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(finisher, Conformance, FinisherTraits);

}  // namespace pimsoc::conformance
