#include "device_table.h"

#include "dma/dma_regs.h"
#include "memory_map.h"
#include "mram/mram_regs.h"
#include "power/power_regs.h"
#include "reram/reram_regs.h"
#include "rtm/rtm_regs.h"

namespace pimsoc {

// The map's register block sizes are the devices' own (one value, two headers that must agree).
static_assert(PIMSOC_RTM_SIZE == RTM_REG_SPACE, "memory_map.h and rtm_regs.h disagree on the RTM block");
static_assert(PIMSOC_MRAM_SIZE == MRAM_REG_SPACE, "memory_map.h and mram_regs.h disagree on the MRAM block");
static_assert(PIMSOC_RERAM_SIZE == RERAM_REG_SPACE, "memory_map.h and reram_regs.h disagree on the ReRAM block");
static_assert(PIMSOC_POWER_SIZE == POWER_REG_SPACE, "memory_map.h and power_regs.h disagree on the power block");
static_assert(PIMSOC_DMA_SIZE == DMA_REG_SPACE, "memory_map.h and dma_regs.h disagree on the DMA block");

const std::vector<DeviceRow>& device_table()
{
    static const std::vector<DeviceRow> rows = {
        {"finisher", "SiFive test finisher", PIMSOC_FINISHER_BASE, PIMSOC_FINISHER_SIZE, 0, 0, 0, "", "", false},
        {"clint", "SiFive CLINT (mtime, mtimecmp, msip)", PIMSOC_CLINT_BASE, PIMSOC_CLINT_SIZE, 0, 0, 0, "clint", "", false},
        {"plic", "SiFive PLIC", PIMSOC_PLIC_BASE, PIMSOC_PLIC_SIZE, 0, 0, 0, "plic", "", false},
        {"uart0", "NS16550A UART", PIMSOC_UART0_BASE, PIMSOC_UART0_SIZE, 0, 0, PIMSOC_IRQ_UART0, "uart0", "uart", false},
        {"dma", "1-D/2-D DMA engine", PIMSOC_DMA_BASE, PIMSOC_DMA_SIZE, 0, 0, PIMSOC_IRQ_DMA, "dma", "dma", true},
        {"power", "power manager (supply failures, boot cause)", PIMSOC_POWER_BASE, PIMSOC_POWER_SIZE, 0, 0,
         PIMSOC_IRQ_POWER, "power", "power", false},
        {"sysctl", "simulation control", PIMSOC_SYSCTL_BASE, PIMSOC_SYSCTL_SIZE, 0, 0, 0, "sysctl", "", false},
        {"rtm", "racetrack-memory PIM controller", PIMSOC_RTM_BASE, PIMSOC_RTM_SIZE, PIMSOC_RTM_DATA_BASE,
         PIMSOC_RTM_DATA_MAX_SIZE, PIMSOC_IRQ_RTM, "rtm", "rtm", true},
        {"mram", "SOT-MRAM bit-wise CNN accelerator", PIMSOC_MRAM_BASE, PIMSOC_MRAM_SIZE, PIMSOC_MRAM_DATA_BASE,
         PIMSOC_MRAM_DATA_MAX_SIZE, PIMSOC_IRQ_MRAM, "mram", "mram", true},
        {"reram", "ReRAM crossbar tiles", PIMSOC_RERAM_BASE, PIMSOC_RERAM_SIZE, PIMSOC_RERAM_BUF_BASE,
         PIMSOC_RERAM_BUF_MAX_SIZE, PIMSOC_IRQ_RERAM, "reram", "reram", true},
    };
    return rows;
}

const DeviceRow* find_device(const std::string& name)
{
    for (const DeviceRow& row : device_table()) {
        if (name == row.name) {
            return &row;
        }
    }
    return nullptr;
}

const std::vector<std::string>& soc_trace_groups()
{
    static const std::vector<std::string> groups = [] {
        std::vector<std::string> g = {"cpu", "bus", "irq"};
        for (const DeviceRow& row : device_table()) {
            if (*row.trace_group != '\0') {
                g.emplace_back(row.trace_group);
            }
        }
        g.emplace_back("energy");
        g.emplace_back("roi");
        return g;
    }();
    return groups;
}

}  // namespace pimsoc
