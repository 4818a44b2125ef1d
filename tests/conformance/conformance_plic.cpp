// PLIC traits for the conformance battery: priorities, pending, enable, threshold, claim/complete.
#include "conformance_battery.h"
#include "plic/plic.h"

namespace pimsoc::conformance {
namespace {

struct PlicTraits : TraitsBase {
    static constexpr const char* name = "plic";
    static constexpr unsigned kSource = 3;  // the source line the harness drives

    struct Harness : HarnessBase {
        Plic plic;
        sc_core::sc_vector<sc_core::sc_signal<bool>> lines;
        test::IrqSink meip;
        explicit Harness(const std::string& n)
            : plic(n.c_str(), PlicParams{}), lines((n + "_line").c_str(), PLIC_MAX_SOURCES), meip((n + "_meip").c_str())
        {
            plic.sources.bind(lines);
            plic.meip.bind(meip.signal);
        }
        MmioTarget& target() { return plic; }
        void reset() { plic.reset(); }
        void raise() { lines[kSource].write(true); }
        void release_inputs() { lines[kSource].write(false); }
    };

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = {
            {"PRIORITY0", PLIC_PRIORITY(0), 4, Access::action, 0, PLIC_MAX_PRIORITY},  // WARL: id 0 reads 0
            {"PRIORITY1", PLIC_PRIORITY(1), 4, Access::rw, 0, PLIC_MAX_PRIORITY},
            {"PRIORITY3", PLIC_PRIORITY(kSource), 4, Access::rw, 0, 2},
            {"PRIORITY31", PLIC_PRIORITY(31), 4, Access::rw, 0, 5},
            {"PENDING", PLIC_PENDING, 4, Access::ro, 0, 0xFFFF'FFFEu},
            {"ENABLE", PLIC_ENABLE, 4, Access::rw, 0, 0xFFFF'FFFEu},
            {"THRESHOLD", PLIC_THRESHOLD, 4, Access::rw, 0, 1},
            {"CLAIM/COMPLETE", PLIC_CLAIM, 4, Access::action, 0, kSource},
        };
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {PLIC_PRIORITY(PLIC_MAX_SOURCES), 0x1004, 0x2004, 0x1FFFFC,
                                                      0x200008};
        return offsets;
    }

    // Source 3 pending and enabled above the threshold: a claim would return it.
    static void prime(Bus& bus, Harness& h)
    {
        h.raise();
        bus.write(PLIC_PRIORITY(kSource), 2, 4);
        bus.write(PLIC_ENABLE, 1u << kSource, 4);
    }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(plic, Conformance, PlicTraits);

}  // namespace pimsoc::conformance
