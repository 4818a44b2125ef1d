/* Differential test: the CLINT at 0x0200_0000 (same SiFive layout on QEMU virt and pimsoc):
 * msip and mtimecmp read back, mip.MSIP/MTIP follow them, and a software and a timer interrupt
 * each reach an installed handler (mcause printed; no times, which differ). */
#include <stdint.h>
#include <stdio.h>

#include "boot/trap.h"
#include "clint/clint_regs.h"
#include "hal/mmio.h"
#include "memory_map.h"

#define CLINT(off) (PIMSOC_CLINT_BASE + (off))
#define READ_CSR(name) ({ uint32_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })

static volatile uint32_t irq_count, irq_cause;

static void set_mtimecmp(uint64_t v)
{
    mmio_write32(CLINT(CLINT_MTIMECMP_HI), 0xffffffffu); /* no spurious match in between */
    mmio_write32(CLINT(CLINT_MTIMECMP), (uint32_t)v);
    mmio_write32(CLINT(CLINT_MTIMECMP_HI), (uint32_t)(v >> 32));
}

static uint64_t read_mtime(void)
{
    uint32_t hi, lo;
    do {
        hi = mmio_read32(CLINT(CLINT_MTIME_HI));
        lo = mmio_read32(CLINT(CLINT_MTIME));
    } while (hi != mmio_read32(CLINT(CLINT_MTIME_HI)));
    return ((uint64_t)hi << 32) | lo;
}

static void handler(struct trap_frame *f)
{
    if (!(f->mcause & 0x80000000u))
        trap_default_handler(f);
    irq_count++;
    irq_cause = f->mcause;
    if ((f->mcause & 0xffu) == 3u)
        mmio_write32(CLINT(CLINT_MSIP), 0);
    else if ((f->mcause & 0xffu) == 7u)
        set_mtimecmp(UINT64_MAX);
}

int main(void)
{
    set_mtimecmp(UINT64_MAX);
    printf("mtimecmp %08lx %08lx mip %03lx\n", (unsigned long)mmio_read32(CLINT(CLINT_MTIMECMP_HI)),
           (unsigned long)mmio_read32(CLINT(CLINT_MTIMECMP)), (unsigned long)(READ_CSR(mip) & 0x888u));
    set_mtimecmp(0x123456789abcull);
    printf("mtimecmp %08lx %08lx\n", (unsigned long)mmio_read32(CLINT(CLINT_MTIMECMP_HI)),
           (unsigned long)mmio_read32(CLINT(CLINT_MTIMECMP)));

    mmio_write32(CLINT(CLINT_MSIP), 0xffffffffu);
    printf("msip %08lx mip %03lx\n", (unsigned long)mmio_read32(CLINT(CLINT_MSIP)),
           (unsigned long)(READ_CSR(mip) & 0x888u));
    mmio_write32(CLINT(CLINT_MSIP), 0);
    printf("msip %08lx mip %03lx\n", (unsigned long)mmio_read32(CLINT(CLINT_MSIP)),
           (unsigned long)(READ_CSR(mip) & 0x888u));

    set_mtimecmp(0); /* mtime >= 0: timer pending at once */
    printf("mtimecmp 0: mip %03lx\n", (unsigned long)(READ_CSR(mip) & 0x888u));
    set_mtimecmp(UINT64_MAX);
    printf("mtimecmp max: mip %03lx\n", (unsigned long)(READ_CSR(mip) & 0x888u));

    uint64_t t0 = read_mtime(), t1 = read_mtime();
    printf("mtime monotonic %d\n", t1 >= t0);

    trap_set_handler(handler);
    __asm__ volatile("csrw mie, %0" ::"r"(0x88u));  /* MSIE | MTIE */
    __asm__ volatile("csrs mstatus, %0" ::"r"(0x8u)); /* MIE */
    mmio_write32(CLINT(CLINT_MSIP), 1);
    for (int i = 0; i < 1000000 && irq_count == 0; i++)
        __asm__ volatile("nop");
    printf("software irq: count %lu mcause %08lx msip %lu\n", (unsigned long)irq_count,
           (unsigned long)irq_cause, (unsigned long)mmio_read32(CLINT(CLINT_MSIP)));

    /* Check-then-sleep with MIE clear (wfi still wakes on a pending enabled interrupt), so a timer
     * interrupt that comes before the wfi cannot be lost; it is taken when MIE is set again. */
    __asm__ volatile("csrc mstatus, %0" ::"r"(0x8u));
    set_mtimecmp(read_mtime() + 100); /* 100 ticks of the 10 MHz timebase */
    while (irq_count < 2) {
        __asm__ volatile("wfi");
        __asm__ volatile("csrs mstatus, %0" ::"r"(0x8u));
        __asm__ volatile("csrc mstatus, %0" ::"r"(0x8u));
    }
    printf("timer irq: count %lu mcause %08lx mip %03lx\n", (unsigned long)irq_count,
           (unsigned long)irq_cause, (unsigned long)(READ_CSR(mip) & 0x888u));
    __asm__ volatile("csrc mstatus, %0" ::"r"(0x8u));
    __asm__ volatile("csrw mie, zero");
    return 0;
}
