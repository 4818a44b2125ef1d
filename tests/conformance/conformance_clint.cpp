// CLINT traits for the conformance battery: msip, mtimecmp and mtime (64-bit or two halves).
#include "clint/clint.h"
#include "conformance_battery.h"

namespace pimsoc::conformance {
namespace {

struct ClintTraits : TraitsBase {
    static constexpr const char* name = "clint";

    struct Harness : HarnessBase {
        Clint clint;
        test::IrqSink msip, mtip;
        explicit Harness(const std::string& n)
            : clint(n.c_str(), ClintParams{}), msip((n + "_msip").c_str()), mtip((n + "_mtip").c_str())
        {
            clint.msip.bind(msip.signal);
            clint.mtip.bind(mtip.signal);
        }
        MmioTarget& target() { return clint; }
        void reset() { clint.reset(); }
    };

    static const std::vector<Reg>& registers()
    {
        static const std::vector<Reg> regs = {
            {"MSIP", CLINT_MSIP, 4, Access::rw, 0, CLINT_MSIP_BIT},
            {"MTIMECMP", CLINT_MTIMECMP, 4 | 8, Access::rw, UINT64_MAX, 0x1234'0000'5678ull},
            {"MTIMECMP_HI", CLINT_MTIMECMP_HI, 4, Access::rw, 0xFFFF'FFFFu, 0x9ABCu},
            {"MTIME", CLINT_MTIME, 4 | 8, Access::rw, 0, 0x1000, timed},
            {"MTIME_HI", CLINT_MTIME_HI, 4, Access::rw, 0, 0x1, timed},
        };
        return regs;
    }
    static const std::vector<uint64_t>& holes()
    {
        static const std::vector<uint64_t> offsets = {0x0004, 0x3FFC, 0x4008, 0x8000, 0xBFF0};
        return offsets;
    }

    // Software interrupt set, a compare already reached (mtip high).
    static void prime(Bus& bus, Harness&)
    {
        bus.write(CLINT_MSIP, CLINT_MSIP_BIT, 4);
        bus.write(CLINT_MTIMECMP, 0, 8);
    }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(clint, Conformance, ClintTraits);

}  // namespace pimsoc::conformance
