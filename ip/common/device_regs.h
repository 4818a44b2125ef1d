/* The register block every command device shares (the DMA, the RTM controller and the coming MRAM
 * and ReRAM accelerators), described once. Each device's regs header includes this one and names
 * the same offsets and bits with its own prefix (RTM_STATUS == DEV_STATUS). Plain C, no includes:
 * the SystemC models (ip/common/command_device.h) and the firmware drivers both use it.
 *
 *   0x000 ID          RO  device id and version
 *   0x004 CTRL        WO-action, reads 0: CLEAR_STATUS, CLEAR_COUNTERS
 *   0x008 STATUS      RO  BUSY, DONE, ERR (bits 0..2); bits 8.. are the device's own
 *   0x00C IRQ_EN      RW  DEV_IRQ_* mask; the irq line is (IRQ_STATUS & IRQ_EN) != 0
 *   0x010 IRQ_STATUS  RW1C DEV_IRQ_*
 *   0x014 ERR_CODE    RO  the device's error code of the last error (0 = none)
 *
 * Registers are 32 bits wide (32-bit accesses only). The 64-bit read-only counters each device
 * places at its counter offsets take a 64-bit access or two 32-bit ones: a read of the low word
 * latches the high word, and the next read of the high word returns the latched value, so that
 * low-then-high reads one consistent value. See docs/models/command_device.md. */
#ifndef PIMSOC_DEVICE_REGS_H
#define PIMSOC_DEVICE_REGS_H

#define DEV_ID 0x000u
#define DEV_CTRL 0x004u
#define DEV_STATUS 0x008u
#define DEV_IRQ_EN 0x00Cu
#define DEV_IRQ_STATUS 0x010u
#define DEV_ERR_CODE 0x014u
#define DEV_COMMON_END 0x018u /* first offset a device defines itself */

/* CTRL (write 1 to act; reads 0) */
#define DEV_CTRL_CLEAR_STATUS 0x1u   /* clears STATUS.DONE/ERR and ERR_CODE */
#define DEV_CTRL_CLEAR_COUNTERS 0x2u /* zeroes the 64-bit counters */

/* STATUS */
#define DEV_STATUS_BUSY 0x1u
#define DEV_STATUS_DONE 0x2u
#define DEV_STATUS_ERR 0x4u
#define DEV_STATUS_DEVICE_SHIFT 8u /* bits 8..31: the device's own status fields */

/* IRQ_EN / IRQ_STATUS */
#define DEV_IRQ_DONE 0x1u /* a command completed */
#define DEV_IRQ_ERR 0x2u  /* an error was reported (ERR_CODE) */
#define DEV_IRQ_MASK 0x3u

#define DEV_ERR_NONE 0u

#endif /* PIMSOC_DEVICE_REGS_H */
