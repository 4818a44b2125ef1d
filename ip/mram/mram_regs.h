/* SOT-MRAM bit-wise CNN accelerator controller: register offsets, bit fields, opcodes and error
 * codes, shared by the SystemC model (ip/mram) and the firmware driver (firmware/hal/mram.c).
 * Plain C; includes only the common register block and the shared PIM headers (include root: ip/).
 *
 * The operand window (PIMSOC_MRAM_DATA_BASE, platform/memory_map.h) holds the packed operands,
 * biases and int32 results: byte offset A of the window is byte A of the model's window, bank b
 * is [b * BANK_BYTES, (b + 1) * BANK_BYTES). A command runs on the bank that holds its regions;
 * it writes the bit planes of its operands into the sub-array rows and AND-accumulates them.
 * All registers are 32 bits wide (32-bit accesses only), except the 64-bit counters, which take a
 * 64-bit access or two 32-bit accesses (low word at the lower address; reading it latches the high
 * word). The common block is common/device_regs.h. See docs/models/mram_controller.md. */
#ifndef PIMSOC_MRAM_REGS_H
#define PIMSOC_MRAM_REGS_H

#include "common/device_regs.h"
#include "pim/pim_conv_regs.h"
#include "pim/pim_errors.h"

#define MRAM_REG_SPACE 0x1000u /* bytes of register space decoded by the model */

/* The common block (common/device_regs.h) */
#define MRAM_ID DEV_ID                 /* RO: MRAM_ID_VALUE */
#define MRAM_CTRL DEV_CTRL             /* RW: action bits, read as 0 */
#define MRAM_STATUS DEV_STATUS         /* RO: BUSY, DONE, ERR, per-bank busy, IN_PROGRESS */
#define MRAM_IRQ_EN DEV_IRQ_EN         /* RW: MRAM_IRQ_* mask */
#define MRAM_IRQ_STATUS DEV_IRQ_STATUS /* RW1C: MRAM_IRQ_* */
#define MRAM_ERR_CODE DEV_ERR_CODE     /* RO: verdict on the last CMD write: MRAM_ERR_NONE = accepted */

/* Device registers (RO) */
#define MRAM_CAPS 0x018u           /* banks, sub-arrays per bank, non-volatile partial state */
#define MRAM_GEOMETRY 0x01Cu       /* rows and columns of a sub-array */
#define MRAM_BANK_BYTES 0x020u     /* window bytes per bank */
#define MRAM_SEGMENT_BITS 0x024u   /* columns per bit-counter/shifter/accumulator */
#define MRAM_STEPS_DONE 0x028u     /* steps done of the command in progress (0: none) */
#define MRAM_STEPS_TOTAL 0x02Cu    /* its steps in all (0: none in progress) */

/* Command descriptor (RW), submitted by a write of MRAM_CMD_START to MRAM_CMD */
#define MRAM_OP 0x040u       /* opcode | activation and weight widths and signs | flags */
#define MRAM_SRC_A 0x044u    /* window offset of the activations (DOT: A; CONV2D: input block; MVM: x) */
#define MRAM_SRC_W 0x048u    /* window offset of the weights (DOT: B; CONV2D: kernel; MVM: matrix) */
#define MRAM_DST 0x04Cu      /* window offset of the int32 results */
#define MRAM_LENGTH 0x050u   /* DOT: elements per dot product; MVM: columns */
#define MRAM_COUNT 0x054u    /* DOT: dot products; MVM: rows; reset 1 */
#define MRAM_STRIDE_A 0x058u /* DOT: bytes from one product's activations to the next (0: the same) */
#define MRAM_STRIDE_W 0x05Cu /* DOT: bytes from one product's weights to the next; MVM: row pitch */
#define MRAM_INIT 0x060u     /* initial accumulator, int32 (without MRAM_OP_FLAG_BIAS) */
#define MRAM_CONV_IN 0x064u  /* CONV2D: channels, height, width (PIM_CONV_IN_VALUE) */
#define MRAM_CONV_K 0x068u   /* CONV2D: kernel, stride, padding (PIM_CONV_K_VALUE) */
#define MRAM_CMD 0x06Cu      /* WO: MRAM_CMD_START or MRAM_CMD_RESUME */
#define MRAM_RESULT 0x070u   /* RO: the last result of the last command that completed */
#define MRAM_BIAS 0x074u     /* DOT/MVM with MRAM_OP_FLAG_BIAS: window offset of COUNT int32 initial values */
#define MRAM_STEPS 0x078u    /* step budget of a START or RESUME (0: run to the end) */

/* 64-bit counters (RO), monotonic until CTRL.CLEAR_COUNTERS */
#define MRAM_ROW_WRITES 0x080u  /* SOT row writes of bit planes */
#define MRAM_ROW_READS 0x088u   /* single-row reads (the activation sum of +-1 weights) */
#define MRAM_SENSES 0x090u      /* dual-row AND/OR senses */
#define MRAM_COUNTS 0x098u      /* segment bit-counts */
#define MRAM_SHIFTS 0x0A0u      /* segment shifts */
#define MRAM_ADDS 0x0A8u        /* accumulator adds/subtracts and output reductions */
#define MRAM_NV_WRITES 0x0B0u   /* updates of the non-volatile accumulators / progress record */
#define MRAM_STEPS_RUN 0x0B8u   /* lock-step steps of the banks */
#define MRAM_BUSY_CYCLES 0x0C0u /* controller clock cycles of command time (summed over banks) */
#define MRAM_ENERGY_PJ 0x0C8u   /* dynamic energy incl. window accesses, pJ (rounded down) */
#define MRAM_COMMANDS 0x0D0u    /* runs (START or RESUME) completed without error */

#define MRAM_ID_VALUE 0x4D524D01u /* "MRM" + version 1 */

/* CTRL (write 1 to act; reads 0) */
#define MRAM_CTRL_CLEAR_STATUS DEV_CTRL_CLEAR_STATUS     /* clears STATUS.DONE/ERR and ERR_CODE */
#define MRAM_CTRL_CLEAR_COUNTERS DEV_CTRL_CLEAR_COUNTERS /* zeroes the 64-bit counters */

/* STATUS */
#define MRAM_STATUS_BUSY DEV_STATUS_BUSY /* a command is running on some bank */
#define MRAM_STATUS_DONE DEV_STATUS_DONE /* a run completed since the last CLEAR_STATUS */
#define MRAM_STATUS_ERR DEV_STATUS_ERR   /* the last CMD write was rejected (code in ERR_CODE) */
#define MRAM_STATUS_BANK_BUSY_SHIFT 8u
#define MRAM_STATUS_BANK_BUSY_MASK 0xFF00u /* bit 8 + b: bank b (b < 8) is running a command */
#define MRAM_STATUS_IN_PROGRESS 0x10000u   /* a command stopped at its step budget: RESUME continues it */

/* IRQ_EN / IRQ_STATUS; the irq line is (IRQ_STATUS & IRQ_EN) != 0 */
#define MRAM_IRQ_DONE DEV_IRQ_DONE /* a run completed */
#define MRAM_IRQ_ERR DEV_IRQ_ERR   /* a command was rejected */
#define MRAM_IRQ_MASK DEV_IRQ_MASK

/* CAPS */
#define MRAM_CAPS_BANKS_MASK 0x000000FFu
#define MRAM_CAPS_SUBARRAYS_SHIFT 8u
#define MRAM_CAPS_SUBARRAYS_MASK 0x000FFF00u
#define MRAM_CAPS_NV_PARTIAL_STATE 0x80000000u /* accumulators and progress survive a power loss */

/* GEOMETRY */
#define MRAM_GEOMETRY_ROWS_MASK 0x0000FFFFu
#define MRAM_GEOMETRY_COLUMNS_SHIFT 16u
#define MRAM_GEOMETRY_COLUMNS_MASK 0xFFFF0000u

/* OP: opcode in bits 0..7; activations (M bits 1..8, bits 8..11; signed, bit 12); weights (N bits
 * 1..8, bits 16..19; signed, bit 20; {-1,+1} coding of 1-bit weights, bit 21); flags from bit 24.
 * A width of 0 or above 8 is MRAM_ERR_BAD_TYPE, and so are {-1,+1} weights that are not unsigned
 * 1-bit. Signed operands are two's complement (the top bit plane weighs -2^(M-1)). */
#define MRAM_OP_DOT 1u    /* DST[j] = init_j + sum_i A_j[i] * W_j[i] (int32, wrapping), j < COUNT */
#define MRAM_OP_CONV2D 2u /* DST[y][x] = INIT + sum_c,ky,kx IN[c][y*s+ky-p][x*s+kx-p] * K[c][ky][kx] */
#define MRAM_OP_MVM 3u    /* DST[r] = init_r + sum_c W[r][c] * X[c], r < COUNT rows, c < LENGTH */
#define MRAM_OP_OPCODE_MASK 0xFFu
#define MRAM_OP_A_BITS_SHIFT 8u
#define MRAM_OP_A_BITS_MASK 0xF00u
#define MRAM_OP_A_SIGNED 0x1000u
#define MRAM_OP_W_BITS_SHIFT 16u
#define MRAM_OP_W_BITS_MASK 0xF0000u
#define MRAM_OP_W_SIGNED 0x100000u
#define MRAM_OP_W_PLUS_MINUS_ONE 0x200000u /* 1-bit weights: bit b means 2b - 1 (binary weights) */
#define MRAM_OP_FLAG_BIAS 0x1000000u      /* DOT/MVM: initial values are COUNT int32 at MRAM_BIAS */
#define MRAM_OP_VALUE(opcode, a_bits, a_signed, w_bits, w_signed)                             \
    ((opcode) | ((a_bits) << MRAM_OP_A_BITS_SHIFT) | ((a_signed) ? MRAM_OP_A_SIGNED : 0u) | \
     ((w_bits) << MRAM_OP_W_BITS_SHIFT) | ((w_signed) ? MRAM_OP_W_SIGNED : 0u))

/* CMD values */
#define MRAM_CMD_START 0x1u  /* run the descriptor on the bank that holds its regions, for up to STEPS
                                steps (0: all); a command on a busy bank waits in that bank's queue
                                (mram.queue_depth commands) */
#define MRAM_CMD_RESUME 0x2u /* continue the command in progress (stopped at its step budget, or
                                interrupted by a power loss with mram.nv_partial_state) for up to
                                STEPS steps; MRAM_ERR_BAD_CMD when there is none */

/* ERR_CODE values: the codes every PIM device shares (ip/pim/pim_errors.h, whose
 * pim_error_name() names them); a rejected command changes nothing. */
#define MRAM_ERR_NONE PIM_ERR_NONE
#define MRAM_ERR_BAD_OPCODE PIM_ERR_BAD_OPCODE     /* unknown opcode in OP */
#define MRAM_ERR_BAD_TYPE PIM_ERR_BAD_TYPE         /* a width 0 or > 8; {-1,+1} weights not unsigned 1-bit */
#define MRAM_ERR_ZERO_SIZE PIM_ERR_ZERO_SIZE       /* LENGTH, COUNT or a CONV2D dimension or kernel size is 0 */
#define MRAM_ERR_OUT_OF_RANGE PIM_ERR_OUT_OF_RANGE /* a region runs past the window */
#define MRAM_ERR_CROSS_BANK PIM_ERR_CROSS_BANK     /* operands, bias and result are not all in one bank */
#define MRAM_ERR_MISALIGNED PIM_ERR_MISALIGNED     /* the result or bias is not 4-byte aligned */
#define MRAM_ERR_BAD_STRIDE PIM_ERR_BAD_STRIDE     /* CONV2D stride 0; MVM row pitch below one packed row */
#define MRAM_ERR_BAD_KERNEL PIM_ERR_BAD_KERNEL     /* CONV2D: kernel larger than the padded input */
#define MRAM_ERR_BAD_PADDING PIM_ERR_BAD_PADDING   /* CONV2D: padding not smaller than the kernel */
#define MRAM_ERR_OVERLAP PIM_ERR_OVERLAP           /* the result region overlaps an operand or the bias */
#define MRAM_ERR_TOO_LARGE PIM_ERR_TOO_LARGE       /* more than 2^24 units (outputs x chunks) */
#define MRAM_ERR_BAD_CMD PIM_ERR_BAD_CMD           /* unknown CMD value; RESUME with no command in progress */
#define MRAM_ERR_BUSY PIM_ERR_BUSY                 /* the bank's queue is full, or START while a command is in progress */

#endif /* PIMSOC_MRAM_REGS_H */
