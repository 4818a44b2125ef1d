// Physical memory protection in a machine-mode-only core: the CSRs' WARL rules, OFF/TOR/NA4/NAPOT
// matching, locking, the M-mode rules (only locked entries restrict; the lowest-numbered matching
// entry decides; a partial match fails) and the access faults, also after the DMI fast path and
// the decoded-instruction cache have served the same addresses under the old rules.
#include "core_fixture.h"

using namespace rvasm;

namespace pimsoc::cpu::test {
namespace {

constexpr uint32_t pmpcfg0 = CSR_PMPCFG0;
constexpr uint32_t pmpaddr0 = CSR_PMPADDR0;
constexpr uint32_t region_size = 4096;
constexpr uint32_t stored = 0x1234;

// pmpaddr of a naturally aligned power-of-two region of at least 8 bytes.
constexpr uint32_t napot(uint32_t base, uint32_t size) { return (base >> 2) | ((size >> 3) - 1); }
constexpr uint32_t cfg(unsigned entry, uint32_t bits) { return bits << (8 * (entry % 4)); }
constexpr uint32_t cause(Cause c) { return static_cast<uint32_t>(c); }

CoreConfig with_pmp(uint32_t entries, uint32_t granularity)
{
    CoreConfig config;
    config.pmp_entries = entries;
    config.pmp_granularity = granularity;
    return config;
}

class PmpTest : public CoreTestBase {
protected:
    explicit PmpTest(CoreConfig config = {}) : CoreTestBase(config)
    {
        set_trap_vector();
        stop_at_trap_vector();
        m_mem.set_word(data_addr, stored);
        li(a0, data_addr);
    }
    void expect_fault(Cause c, uint32_t tval, uint32_t epc)
    {
        run_to(trap_vector);
        EXPECT_EQ(mcause(), cause(c));
        EXPECT_EQ(mtval(), tval);
        EXPECT_EQ(mepc(), epc);
    }
};

TEST_F(PmpTest, LockedReadOnlyRegionRefusesStoresAfterTheFastPathServedThem)
{
    emit(sw(a0, a0, 4));  // DMI read and write cache entries now hold the RAM
    emit(lw(a2, a0, 4));
    write_csr(pmpaddr0, napot(data_addr, region_size));
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NAPOT | PMP_R));
    emit(lw(a3, a0, 0));  // allowed: R
    const uint32_t store_pc = m_pos;
    emit(sw(x0, a0, 0));
    expect_fault(Cause::store_access, data_addr, store_pc);
    EXPECT_EQ(x(a3), stored);
    EXPECT_EQ(m_mem.word(data_addr), stored) << "the refused store did not happen";
}

TEST_F(PmpTest, LockedRegionWithoutReadRefusesLoads)
{
    emit(lw(a2, a0, 4));
    write_csr(pmpaddr0, napot(data_addr, region_size));
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NAPOT | PMP_W));  // W without R is reserved: W dropped
    emit(addi(a3, x0, 9));
    const uint32_t load_pc = m_pos;
    emit(lw(a3, a0, 8));
    expect_fault(Cause::load_access, data_addr + 8, load_pc);
    EXPECT_EQ(x(a3), 9u) << "the load did not write its register";
    EXPECT_EQ(csr(pmpcfg0), cfg(0, PMP_L | PMP_A_NAPOT));
}

TEST_F(PmpTest, AmoNeedsReadAndWriteAndFaultsAsStore)
{
    write_csr(pmpaddr0, napot(data_addr, region_size));
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NAPOT | PMP_R));
    const uint32_t amo_pc = m_pos;
    emit(amoadd_w(a2, a0, a0));
    expect_fault(Cause::store_access, data_addr, amo_pc);
    EXPECT_EQ(m_mem.word(data_addr), stored);
}

TEST_F(PmpTest, FetchWithoutExecuteFaultsEvenForAlreadyDecodedCode)
{
    const uint32_t function = emit_counting_function(ram_base + 0x2000);
    li(a4, function);
    emit(jalr(ra, a4, 0));  // decodes and runs the function once
    write_csr(pmpaddr0, napot(function, region_size));
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NAPOT | PMP_R | PMP_W));
    emit(jalr(ra, a4, 0));
    expect_fault(Cause::fetch_access, function, function);
    EXPECT_EQ(x(a5), 1u) << "the function ran once, before the lock";
}

TEST_F(PmpTest, UnlockedEntriesDoNotRestrictMachineModeAndShadowLaterLockedOnes)
{
    write_csr(pmpaddr0, napot(data_addr, region_size));
    write_csr(pmpaddr0 + 1, napot(data_addr, region_size));
    write_csr(pmpcfg0, cfg(0, PMP_A_NAPOT) | cfg(1, PMP_L | PMP_A_NAPOT));
    emit(sw(x0, a0, 0));
    run_program();
    EXPECT_EQ(m_mem.word(data_addr), 0u);
}

TEST_F(PmpTest, LowestNumberedMatchingEntryDecides)
{
    write_csr(pmpaddr0, napot(data_addr, 8));
    write_csr(pmpaddr0 + 1, napot(data_addr, region_size));
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NAPOT | PMP_R) | cfg(1, PMP_L | PMP_A_NAPOT | PMP_R | PMP_W));
    emit(sw(x0, a0, 8));  // entry 1 only: allowed
    const uint32_t store_pc = m_pos;
    emit(sw(x0, a0, 4));  // entries 0 and 1: entry 0 decides
    expect_fault(Cause::store_access, data_addr + 4, store_pc);
    EXPECT_EQ(m_mem.word(data_addr + 8), 0u);
}

TEST_F(PmpTest, TorMatchesFromThePreviousAddressUpToItsOwn)
{
    write_csr(pmpaddr0, data_addr >> 2);
    write_csr(pmpaddr0 + 1, (data_addr + 16) >> 2);
    write_csr(pmpcfg0, cfg(1, PMP_L | PMP_A_TOR));  // entry 0 is OFF: only its address counts
    emit(sw(x0, a0, -4));
    emit(sw(x0, a0, 16));
    const uint32_t store_pc = m_pos;
    emit(sw(x0, a0, 12));
    expect_fault(Cause::store_access, data_addr + 12, store_pc);
}

TEST_F(PmpTest, Na4MatchesFourBytes)
{
    write_csr(pmpaddr0, (data_addr + 8) >> 2);
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NA4));
    emit(lw(a2, a0, 4));
    emit(lw(a2, a0, 12));
    const uint32_t load_pc = m_pos;
    emit(lw(a2, a0, 8));
    expect_fault(Cause::load_access, data_addr + 8, load_pc);
}

TEST_F(PmpTest, PartialMatchFailsWhateverThePermissions)
{
    write_csr(pmpaddr0, napot(data_addr, 8));
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NAPOT | PMP_R | PMP_W));
    emit(lw(a2, a0, 4));
    const uint32_t load_pc = m_pos;
    emit(lw(a2, a0, 6));  // misaligned, bytes 6..9: half inside the region
    expect_fault(Cause::load_access, data_addr + 6, load_pc);
}

TEST_F(PmpTest, LockedEntryIgnoresWritesUntilReset)
{
    const uint32_t locked = cfg(0, PMP_L | PMP_A_NA4 | PMP_R);
    write_csr(pmpaddr0, data_addr >> 2);
    write_csr(pmpcfg0, locked);
    write_csr(pmpaddr0, 0x1000);
    write_csr(pmpcfg0, cfg(0, PMP_R | PMP_W | PMP_X));
    run_program();
    EXPECT_EQ(csr(pmpaddr0), data_addr >> 2);
    EXPECT_EQ(csr(pmpcfg0), locked);
    m_core.reset(ram_base);
    EXPECT_EQ(csr(pmpcfg0), 0u);
    EXPECT_EQ(csr(pmpaddr0), 0u);
}

TEST_F(PmpTest, LockedTorEntryAlsoLocksTheAddressBelowIt)
{
    const uint32_t tor = cfg(1, PMP_L | PMP_A_TOR | PMP_R);
    write_csr(pmpaddr0, data_addr >> 2);
    write_csr(pmpaddr0 + 1, (data_addr + 64) >> 2);
    write_csr(pmpcfg0, tor);
    write_csr(pmpaddr0, 0x1000);
    write_csr(pmpaddr0 + 1, 0x2000);
    write_csr(pmpcfg0, tor | cfg(0, PMP_R));  // entry 0's config stays writable
    run_program();
    EXPECT_EQ(csr(pmpaddr0), data_addr >> 2);
    EXPECT_EQ(csr(pmpaddr0 + 1), (data_addr + 64) >> 2);
    EXPECT_EQ(csr(pmpcfg0), tor | cfg(0, PMP_R));
}

TEST_F(PmpTest, ConfigFieldsAreWarl)
{
    // W without R drops W; reserved bits 6:5 read 0.
    write_csr(pmpcfg0, cfg(0, PMP_W) | cfg(1, 0x60 | PMP_R | PMP_W) | cfg(2, PMP_A_NAPOT | PMP_R));
    run_program();
    EXPECT_EQ(csr(pmpcfg0), cfg(1, PMP_R | PMP_W) | cfg(2, PMP_A_NAPOT | PMP_R));
}

TEST_F(PmpTest, EntriesBeyondTheConfiguredSixteenReadZeroAndIgnoreWrites)
{
    write_csr(pmpcfg0 + 4, 0x01010101);  // entries 16..19
    write_csr(pmpaddr0 + 15, 0x1234);
    write_csr(pmpaddr0 + 16, 0x1234);
    write_csr(pmpaddr0 + 63, 0x1234);
    run_program();
    EXPECT_EQ(csr(pmpcfg0 + 4), 0u);
    EXPECT_EQ(csr(pmpaddr0 + 15), 0x1234u);
    EXPECT_EQ(csr(pmpaddr0 + 16), 0u);
    EXPECT_EQ(csr(pmpaddr0 + 63), 0u);
}

class Pmp64Test : public PmpTest {
protected:
    Pmp64Test() : PmpTest(with_pmp(64, 4)) {}
};

TEST_F(Pmp64Test, AllSixtyFourEntriesExist)
{
    write_csr(pmpcfg0 + 15, cfg(3, PMP_R));  // entry 63
    write_csr(pmpaddr0 + 63, 0x1234);
    run_program();
    EXPECT_EQ(csr(pmpcfg0 + 15), cfg(3, PMP_R));
    EXPECT_EQ(csr(pmpaddr0 + 63), 0x1234u);
}

class NoPmpTest : public PmpTest {
protected:
    NoPmpTest() : PmpTest(with_pmp(0, 4)) {}
};

TEST_F(NoPmpTest, CsrsExistReadZeroAndNothingIsProtected)
{
    write_csr(pmpaddr0, napot(data_addr, region_size));
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NAPOT));
    emit(sw(x0, a0, 0));
    run_program();
    EXPECT_EQ(csr(pmpcfg0), 0u);
    EXPECT_EQ(csr(pmpaddr0), 0u);
    EXPECT_EQ(m_mem.word(data_addr), 0u);
}

// G = 2: 16-byte granularity.
class PmpGranularityTest : public PmpTest {
protected:
    PmpGranularityTest() : PmpTest(with_pmp(16, 16)) {}
};

TEST_F(PmpGranularityTest, AddressLowBitsReadPerModeAndNa4IsNotSelectable)
{
    write_csr(pmpaddr0, 0x12345670);
    emit(csrrs(a1, pmpaddr0, x0));                 // OFF: bits [G-1:0] read 0
    write_csr(pmpcfg0, cfg(0, PMP_A_NAPOT | PMP_R));
    emit(csrrs(a2, pmpaddr0, x0));                 // NAPOT: bits [G-2:0] read 1
    write_csr(pmpcfg0, cfg(0, PMP_A_TOR | PMP_R));
    emit(csrrs(a3, pmpaddr0, x0));
    write_csr(pmpcfg0, cfg(0, PMP_A_NA4 | PMP_R));  // becomes NAPOT
    emit(csrrs(a4, pmpcfg0, x0));
    write_csr(pmpaddr0 + 1, 0x12345677);
    write_csr(pmpcfg0, cfg(1, PMP_A_TOR));
    emit(csrrs(a5, pmpaddr0 + 1, x0));
    run_program();
    EXPECT_EQ(x(a1), 0x12345670u);
    EXPECT_EQ(x(a2), 0x12345671u);
    EXPECT_EQ(x(a3), 0x12345670u);
    EXPECT_EQ(x(a4), cfg(0, PMP_A_NAPOT | PMP_R));
    EXPECT_EQ(x(a5), 0x12345674u) << "the stored value keeps its low bits; reads hide them";
}

TEST_F(PmpGranularityTest, NapotRegionIsAtLeastTheGranule)
{
    write_csr(pmpaddr0, data_addr >> 2);  // reads ...1: a 16-byte region
    write_csr(pmpcfg0, cfg(0, PMP_L | PMP_A_NAPOT));
    emit(sw(x0, a0, 16));
    const uint32_t store_pc = m_pos;
    emit(sw(x0, a0, 12));
    expect_fault(Cause::store_access, data_addr + 12, store_pc);
}

TEST(PmpConfig, ChecksEntriesAndGranularity)
{
    EXPECT_EQ(Pmp::check_config(0, 4), "");
    EXPECT_EQ(Pmp::check_config(16, 4096), "");
    EXPECT_EQ(Pmp::check_config(64, 4), "");
    EXPECT_EQ(Pmp::check_config(15, 4), "cpu.pmp_entries: 15 is not 0, 16 or 64");
    EXPECT_EQ(Pmp::check_config(16, 2), "cpu.pmp_granularity: 2 bytes is not a power of two between 4 and 2^31");
    EXPECT_NE(Pmp::check_config(16, 12), "");
    EXPECT_NE(Pmp::check_config(16, uint64_t{1} << 32), "");
}

}  // namespace
}  // namespace pimsoc::cpu::test
