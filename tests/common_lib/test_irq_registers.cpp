// The interrupt register pair (ip/common/irq_registers.h) on its own: IRQ_EN masks, IRQ_STATUS is
// write-1-to-clear, only the mask's bits exist, and other offsets are not its business.
#include <gtest/gtest.h>

#include "common/irq_registers.h"

namespace pimsoc {
namespace {

constexpr uint64_t kEnable = 0x0C;
constexpr uint64_t kStatus = 0x10;
constexpr uint32_t kMask = 0x3;

uint64_t read_or_fail(const IrqRegisters& irq, uint64_t offset)
{
    uint64_t value = 0xDEAD;
    EXPECT_TRUE(irq.read(offset, value));
    return value;
}

TEST(IrqRegisters, ResetsToNothingEnabledNothingRaised)
{
    IrqRegisters irq(kEnable, kStatus, kMask);
    EXPECT_EQ(read_or_fail(irq, kEnable), 0u);
    EXPECT_EQ(read_or_fail(irq, kStatus), 0u);
    EXPECT_FALSE(irq.level());
    irq.write(kEnable, kMask);
    irq.raise(kMask);
    irq.reset();
    EXPECT_EQ(irq.enabled(), 0u);
    EXPECT_EQ(irq.status(), 0u);
}

TEST(IrqRegisters, LineIsStatusAndEnable)
{
    IrqRegisters irq(kEnable, kStatus, kMask);
    irq.raise(0x2);
    EXPECT_FALSE(irq.level()) << "raised but not enabled";
    EXPECT_TRUE(irq.write(kEnable, 0x1));
    EXPECT_FALSE(irq.level()) << "enabled another source";
    EXPECT_TRUE(irq.write(kEnable, 0x2));
    EXPECT_TRUE(irq.level());
    EXPECT_EQ(read_or_fail(irq, kStatus), 0x2u) << "IRQ_STATUS shows raised sources whatever IRQ_EN says";
}

TEST(IrqRegisters, StatusIsWriteOneToClear)
{
    IrqRegisters irq(kEnable, kStatus, kMask);
    irq.raise(0x3);
    EXPECT_TRUE(irq.write(kStatus, 0x0));
    EXPECT_EQ(irq.status(), 0x3u) << "writing 0s clears nothing";
    EXPECT_TRUE(irq.write(kStatus, 0x1));
    EXPECT_EQ(irq.status(), 0x2u);
    irq.raise(0x1);
    EXPECT_EQ(irq.status(), 0x3u) << "raising keeps what is pending";
}

TEST(IrqRegisters, OnlyTheMaskBitsExist)
{
    IrqRegisters irq(kEnable, kStatus, kMask);
    irq.write(kEnable, 0xFFFFFFFFu);
    EXPECT_EQ(read_or_fail(irq, kEnable), kMask);
    irq.raise(0xFFFFFFFFu);
    EXPECT_EQ(read_or_fail(irq, kStatus), kMask);
}

TEST(IrqRegisters, OtherOffsetsAreLeftToTheDevice)
{
    IrqRegisters irq(kEnable, kStatus, kMask);
    irq.raise(0x1);
    uint64_t value = 42;
    EXPECT_FALSE(irq.read(0x08, value));
    EXPECT_EQ(value, 42u) << "a miss leaves the value alone";
    EXPECT_FALSE(irq.write(0x14, 0xFFFFFFFFu));
    EXPECT_FALSE(irq.write(0x08, 0x1));
    EXPECT_EQ(irq.enabled(), 0u);
    EXPECT_EQ(irq.status(), 0x1u);
}

}  // namespace
}  // namespace pimsoc
