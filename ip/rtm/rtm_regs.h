/* Racetrack-memory PIM controller: register offsets, bit fields, opcodes and error codes, shared by
 * the SystemC model (ip/rtm) and the firmware driver (firmware/hal/rtm.c). Plain C; includes only
 * the common register block and the shared PIM error codes (include root: ip/).
 *
 * The array itself is the data window (PIMSOC_RTM_DATA_BASE, platform/memory_map.h): byte offset A of the
 * window is byte A of the array (banks are contiguous ranges). Commands name window offsets.
 * All registers are 32 bits wide (32-bit accesses only), except the 64-bit counters, which take a
 * 64-bit access or two 32-bit accesses (low word at the lower address; reading it latches the high
 * word). The common block is common/device_regs.h. See docs/models/rtm.md. */
#ifndef PIMSOC_RTM_REGS_H
#define PIMSOC_RTM_REGS_H

#include "common/device_regs.h"
#include "pim/pim_conv_regs.h"
#include "pim/pim_errors.h"

#define RTM_REG_SPACE 0x1000u /* bytes of register space decoded by the model */

/* The common block (common/device_regs.h) */
#define RTM_ID DEV_ID                 /* RO: RTM_ID_VALUE */
#define RTM_CTRL DEV_CTRL             /* RW: action bits, read as 0 */
#define RTM_STATUS DEV_STATUS         /* RO: BUSY, DONE, ERR, per-bank busy bits */
#define RTM_IRQ_EN DEV_IRQ_EN         /* RW: RTM_IRQ_* mask */
#define RTM_IRQ_STATUS DEV_IRQ_STATUS /* RW1C: RTM_IRQ_* */
#define RTM_ERR_CODE DEV_ERR_CODE     /* RO: verdict on the last CMD write: RTM_ERR_NONE = accepted */

/* Device registers */
#define RTM_CAPS 0x018u       /* RO: banks, word bytes, ports per track */
#define RTM_GEOMETRY 0x01Cu   /* RO: domains per track, DBCs per subarray, subarrays per bank */
#define RTM_BANK_BYTES 0x020u /* RO: bytes per bank (bank b is window offsets [b*BANK_BYTES, ...)) */

/* Command descriptor (RW), submitted by a write to RTM_CMD */
#define RTM_OP 0x040u       /* opcode | element type | flags */
#define RTM_SRC_A 0x044u    /* window offset of operand A (ADD/MUL/DOT: vector; CONV2D: input block) */
#define RTM_SRC_B 0x048u    /* window offset of operand B (ADD/MUL/DOT: vector; CONV2D: kernel) */
#define RTM_DST 0x04Cu      /* window offset of the result (elements, or int32 accumulators) */
#define RTM_LENGTH 0x050u   /* ADD/MUL/DOT: elements per vector */
#define RTM_COUNT 0x054u    /* DOT: number of dot products (batch); reset 1 */
#define RTM_STRIDE_A 0x058u /* DOT: bytes from one batch item's A to the next (0: the same A) */
#define RTM_STRIDE_B 0x05Cu /* DOT: bytes from one batch item's B to the next */
#define RTM_INIT 0x060u     /* initial accumulator (DOT, CONV2D), int32 */
#define RTM_CONV_IN 0x064u  /* CONV2D: channels, height, width of the input block */
#define RTM_CONV_K 0x068u   /* CONV2D: kernel, stride, padding */
#define RTM_CMD 0x06Cu      /* WO: RTM_CMD_START */
#define RTM_RESULT 0x070u   /* RO: the last DOT's (last batch item's) accumulator */
#define RTM_BIAS 0x074u     /* DOT with RTM_OP_FLAG_BIAS: window offset of COUNT int32 initial values */

/* 64-bit counters (RO), monotonic until CTRL.CLEAR_COUNTERS */
#define RTM_SHIFTS 0x080u      /* DBC shift steps (window accesses and commands) */
#define RTM_READS 0x088u       /* word reads at a port */
#define RTM_WRITES 0x090u      /* word writes at a port */
#define RTM_ADDS 0x098u        /* adder-cell operations */
#define RTM_MULTS 0x0A0u       /* multiplier-cell operations */
#define RTM_BUSY_CYCLES 0x0A8u /* controller clock cycles with a command running (any bank) */
#define RTM_ENERGY_PJ 0x0B0u   /* dynamic energy, pJ (rounded down) */
#define RTM_COMMANDS 0x0B8u    /* commands completed without error */

#define RTM_ID_VALUE 0x52544D01u /* "RTM" + version 1 */

/* CTRL (write 1 to act; reads 0) */
#define RTM_CTRL_CLEAR_STATUS DEV_CTRL_CLEAR_STATUS     /* clears STATUS.DONE/ERR and ERR_CODE */
#define RTM_CTRL_CLEAR_COUNTERS DEV_CTRL_CLEAR_COUNTERS /* zeroes the 64-bit counters */

/* STATUS */
#define RTM_STATUS_BUSY DEV_STATUS_BUSY /* a command is running on some bank */
#define RTM_STATUS_DONE DEV_STATUS_DONE /* a command completed since the last CLEAR_STATUS */
#define RTM_STATUS_ERR DEV_STATUS_ERR   /* the last CMD write was rejected (code in ERR_CODE); an
                                           accepted command or CLEAR_STATUS clears it */
#define RTM_STATUS_BANK_BUSY_SHIFT 8u
#define RTM_STATUS_BANK_BUSY_MASK 0xFF00u /* bit 8 + b: bank b is running a command */

/* IRQ_EN / IRQ_STATUS; the irq line is (IRQ_STATUS & IRQ_EN) != 0 */
#define RTM_IRQ_DONE DEV_IRQ_DONE /* a command completed */
#define RTM_IRQ_ERR DEV_IRQ_ERR   /* a command was rejected */
#define RTM_IRQ_MASK DEV_IRQ_MASK

/* CAPS */
#define RTM_CAPS_BANKS_MASK 0x000000FFu
#define RTM_CAPS_WORD_BYTES_SHIFT 8u
#define RTM_CAPS_WORD_BYTES_MASK 0x0000FF00u
#define RTM_CAPS_PORTS_SHIFT 16u
#define RTM_CAPS_PORTS_MASK 0x00FF0000u

/* GEOMETRY */
#define RTM_GEOMETRY_DOMAINS_MASK 0x00000FFFu
#define RTM_GEOMETRY_DBCS_SHIFT 12u
#define RTM_GEOMETRY_DBCS_MASK 0x00FFF000u
#define RTM_GEOMETRY_SUBARRAYS_SHIFT 24u
#define RTM_GEOMETRY_SUBARRAYS_MASK 0xFF000000u

/* OP: opcode in bits 0..7, element type of A in bits 8..11, of B in bits 12..15 (ADD/MUL: B's
 * field is ignored, both operands have A's type), flags from bit 16 */
#define RTM_OP_ADD 1u    /* DST[i] = A[i] + B[i], wrapping, LENGTH elements of the element type */
#define RTM_OP_MUL 2u    /* DST[i] = A[i] * B[i], wrapping */
#define RTM_OP_DOT 3u    /* DST[j] = INIT + sum_i A_j[i] * B_j[i] (int32, wrapping), j < COUNT */
#define RTM_OP_CONV2D 4u /* DST[y][x] = INIT + sum_c,ky,kx IN[c][y*s+ky-p][x*s+kx-p] * K[c][ky][kx] */
#define RTM_OP_OPCODE_MASK 0xFFu
#define RTM_OP_TYPE_SHIFT 8u
#define RTM_OP_TYPE_MASK 0xF00u
#define RTM_OP_TYPE_B_SHIFT 12u
#define RTM_OP_TYPE_B_MASK 0xF000u
#define RTM_OP_FLAG_BIAS 0x10000u /* DOT: initial values are COUNT int32 at RTM_BIAS, not INIT */
#define RTM_TYPE_U8 0u /* element types (e.g. uint8 activations as A, int8 weights as B) */
#define RTM_TYPE_S8 1u
#define RTM_TYPE_U16 2u
#define RTM_TYPE_S16 3u
#define RTM_TYPE_U32 4u
#define RTM_TYPE_S32 5u
/* Low-bit types: one element per byte (its low 1/2/4 bits, the byte holding the sign- or
 * zero-extended value), computed at their own width by the cells (fewer Booth digits, narrower
 * partial products and accumulators). A {-1,+1} weight is an S2. */
#define RTM_TYPE_U1 6u
#define RTM_TYPE_S1 7u
#define RTM_TYPE_U2 8u
#define RTM_TYPE_S2 9u
#define RTM_TYPE_U4 10u
#define RTM_TYPE_S4 11u
#define RTM_OP_VALUE(opcode, type_a, type_b) \
    ((opcode) | ((type_a) << RTM_OP_TYPE_SHIFT) | ((type_b) << RTM_OP_TYPE_B_SHIFT))

/* CONV_IN and CONV_K: the layout every PIM controller shares (pim/pim_conv_regs.h). CONV_IN:
 * channels 1..255, height and width 1..4095; CONV_K: kernel height/width 1..15, stride 1..15,
 * padding 0..15 (4 bits each, from bit 0: kh, kw, stride_h, stride_w, pad_h, pad_w) */
#define RTM_CONV_IN_VALUE(c, h, w) PIM_CONV_IN_VALUE(c, h, w)
#define RTM_CONV_K_VALUE(kh, kw, sh, sw, ph, pw) PIM_CONV_K_VALUE(kh, kw, sh, sw, ph, pw)

/* CMD values */
#define RTM_CMD_START 0x1u /* run the descriptor on the bank that holds its operands; a command on a
                              bank that is still busy waits in that bank's queue (rtm.queue_depth
                              commands) and starts when the bank's last one ends */

/* ERR_CODE values: the codes every PIM device shares (ip/pim/pim_errors.h, whose
 * pim_error_name() names them); 1..11 are the model's checks (ip/rtm/model/rtm_array.h, check());
 * a rejected command changes nothing. */
#define RTM_ERR_NONE PIM_ERR_NONE
#define RTM_ERR_BAD_OPCODE PIM_ERR_BAD_OPCODE     /* unknown opcode in OP */
#define RTM_ERR_BAD_TYPE PIM_ERR_BAD_TYPE         /* unknown element type */
#define RTM_ERR_ZERO_SIZE PIM_ERR_ZERO_SIZE       /* LENGTH, COUNT or a CONV2D dimension or kernel size is 0 */
#define RTM_ERR_OUT_OF_RANGE PIM_ERR_OUT_OF_RANGE /* an operand, the bias or the result runs past the window */
#define RTM_ERR_CROSS_BANK PIM_ERR_CROSS_BANK     /* operands, bias and result are not all in one bank */
#define RTM_ERR_MISALIGNED PIM_ERR_MISALIGNED     /* an address is not a multiple of its element size (int32: 4) */
#define RTM_ERR_BAD_STRIDE PIM_ERR_BAD_STRIDE     /* DOT: a stride not a multiple of its element size; CONV2D: stride 0 */
#define RTM_ERR_BAD_KERNEL PIM_ERR_BAD_KERNEL     /* CONV2D: kernel larger than the padded input */
#define RTM_ERR_BAD_PADDING PIM_ERR_BAD_PADDING   /* CONV2D: padding not smaller than the kernel */
#define RTM_ERR_OVERLAP PIM_ERR_OVERLAP           /* the result region overlaps an operand or the bias */
#define RTM_ERR_TOO_LARGE PIM_ERR_TOO_LARGE       /* CONV2D: a dimension beyond the model's limits */
#define RTM_ERR_BAD_CMD PIM_ERR_BAD_CMD           /* unknown CMD value */
#define RTM_ERR_BUSY PIM_ERR_BUSY                 /* the bank's command queue is full (rtm.queue_depth waiting) */

#endif /* PIMSOC_RTM_REGS_H */
