// Power manager traits for the conformance battery (times mode, no failure reached: the kit never
// runs the supply's checks). CHECKPOINT marks and IRQ_STATUS writes act, so the kit only
// debug-writes them; the always-on counts (boot cause, failures, time off, checkpoints) are a
// record of the run that reset() keeps.
#include "conformance_battery.h"
#include "power/power.h"

namespace pimsoc::conformance {
namespace {

struct PowerTraits : TraitsBase {
    static constexpr const char* name = "power";

    struct Harness : HarnessBase {
        PowerManager power;
        test::IrqSink irq;
        explicit Harness(const std::string& n)
            : power(n.c_str(), params(), RandomStreams(1).stream(n), {}), irq((n + "_irq").c_str())
        {
            power.irq.bind(irq.signal);
        }
        static PowerParams params()
        {
            PowerParams p;
            p.mode = "times";
            p.times = "1s";
            return p;
        }
        MmioTarget& target() { return power; }
        void reset() { power.reset(); }
    };

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = {
            {"ID", POWER_ID, 4, Access::ro, POWER_ID_VALUE, 0},
            {"VERSION", POWER_VERSION, 4, Access::ro, POWER_VERSION_VALUE, 0},
            {"STATUS", POWER_STATUS, 4, Access::ro, 0, 0},
            {"IRQ_EN", POWER_IRQ_EN, 4, Access::rw, 0, POWER_IRQ_LOW_VOLTAGE},
            {"IRQ_STATUS", POWER_IRQ_STATUS, 4, Access::action, 0, POWER_IRQ_LOW_VOLTAGE},
            {"MODE", POWER_MODE, 4, Access::ro, POWER_MODE_TIMES, 0},
            {"BOOT_CAUSE", POWER_BOOT_CAUSE, 4, Access::ro, POWER_BOOT_COLD, 0, survives_reset},
            {"FAILURES", POWER_FAILURES, 4, Access::ro, 0, 0, survives_reset},
            {"TIME_OFF_LO", POWER_TIME_OFF_LO, 4, Access::ro, 0, 0, survives_reset},
            {"TIME_OFF_HI", POWER_TIME_OFF_HI, 4, Access::ro, 0, 0, survives_reset},
            {"SUPPLY_MV", POWER_SUPPLY_MV, 4, Access::ro, 0, 0},
            {"WARN_MV", POWER_WARN_MV, 4, Access::rw, 0, 1900},
            {"CHECKPOINT", POWER_CHECKPOINT, 4, Access::action, 0, POWER_CHECKPOINT_BEGIN, survives_reset},
            {"CHECKPOINTS", POWER_CHECKPOINTS, 4, Access::ro, 0, 0, survives_reset},
        };
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {POWER_REGS_END, 0x100, POWER_REG_SPACE - 4};
        return offsets;
    }

    // An open checkpoint, the warning interrupt enabled and a threshold set.
    static void prime(Bus& bus, Harness&)
    {
        bus.write(POWER_CHECKPOINT, POWER_CHECKPOINT_BEGIN, 4);
        bus.write(POWER_IRQ_EN, POWER_IRQ_LOW_VOLTAGE, 4);
        bus.write(POWER_WARN_MV, 2100, 4);
    }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(power, Conformance, PowerTraits);

}  // namespace pimsoc::conformance
