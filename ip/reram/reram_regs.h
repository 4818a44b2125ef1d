/* ReRAM crossbar tile controller: register offsets, bit fields, opcodes and error codes, shared by
 * the SystemC model (ip/reram) and the firmware driver (firmware/hal/reram.c). Plain C; includes
 * only the common register block and the shared PIM headers (include root: ip/).
 *
 * The buffer window (PIMSOC_RERAM_BUF_BASE, platform/memory_map.h) holds the tiles' input and
 * output buffers: tile t owns bytes [t * TILE_BYTES, (t + 1) * TILE_BYTES). Weights are staged
 * there for PROGRAM, input vectors and feature maps for MVM and CONV, which write their int32
 * outputs there. A command works on the crossbars of one tile (XBAR: the first crossbar of a
 * block, a global index; tile = XBAR / crossbars per tile) and on that tile's buffer; tiles work
 * in parallel. Registers are 32 bits wide, except the 64-bit counters (a 64-bit access or two
 * 32-bit ones, low word first: reading it latches the high word). The common block is
 * common/device_regs.h. See docs/models/reram_controller.md. */
#ifndef PIMSOC_RERAM_REGS_H
#define PIMSOC_RERAM_REGS_H

#include "common/device_regs.h"
#include "pim/pim_conv_regs.h"
#include "pim/pim_errors.h"

#define RERAM_REG_SPACE 0x1000u /* bytes of register space decoded by the model */

/* The common block (common/device_regs.h) */
#define RERAM_ID DEV_ID                 /* RO: RERAM_ID_VALUE */
#define RERAM_CTRL DEV_CTRL             /* W: action bits, read as 0 */
#define RERAM_STATUS DEV_STATUS         /* RO: BUSY, DONE, ERR, per-tile busy */
#define RERAM_IRQ_EN DEV_IRQ_EN         /* RW: RERAM_IRQ_* mask */
#define RERAM_IRQ_STATUS DEV_IRQ_STATUS /* RW1C: RERAM_IRQ_* */
#define RERAM_ERR_CODE DEV_ERR_CODE     /* RO: verdict on the last CMD write: RERAM_ERR_NONE = accepted */

/* Device registers (RO) */
#define RERAM_CAPS 0x018u       /* tiles, crossbars per tile, ideal mode */
#define RERAM_GEOMETRY 0x01Cu   /* rows and columns of a crossbar */
#define RERAM_CELL 0x020u       /* bits per cell, DAC bits, ADC bits, signed scheme, slice placement */
#define RERAM_TILE_BYTES 0x024u /* buffer bytes per tile */
#define RERAM_PLAN 0x028u       /* crossbars a PROGRAM of OP's weight type and OUTPUTS needs (0: not possible) */
#define RERAM_PIPE_STEPS 0x02Cu   /* steps of the last accepted PIPELINE (its schedule) */
#define RERAM_PIPE_STEP_PS 0x030u /* its slowest layer's step, ps: the time model's TC for this device */
#define RERAM_PIPE_TIME_NS 0x034u /* its time from the schedule, ns (rounded down) */

/* Command descriptor (RW), submitted by a write of RERAM_CMD_START to RERAM_CMD */
#define RERAM_OP 0x040u      /* opcode | input width and sign | weight width and sign */
#define RERAM_XBAR 0x044u    /* first crossbar of the block (global index) */
#define RERAM_SRC 0x048u     /* buffer offset: PROGRAM weights, MVM input vectors, CONV input feature map */
#define RERAM_DST 0x04Cu     /* buffer offset of the int32 outputs (MVM, CONV) */
#define RERAM_INPUTS 0x050u  /* PROGRAM: weights per output (crossbar rows used), 1..rows */
#define RERAM_OUTPUTS 0x054u /* PROGRAM: outputs (columns per column group) */
#define RERAM_COUNT 0x058u   /* MVM: input vectors, reset 1 */
#define RERAM_STRIDE 0x05Cu  /* PROGRAM: bytes from one output's weights to the next; MVM: from one input
                                vector to the next (0: packed, one after another) */
#define RERAM_CONV_IN 0x060u /* CONV: channels, height, width (PIM_CONV_IN_VALUE) */
#define RERAM_CONV_K 0x064u  /* CONV: kernel, stride, padding (PIM_CONV_K_VALUE) */
#define RERAM_CMD 0x068u     /* WO: RERAM_CMD_START */

/* 64-bit counters (RO), monotonic until CTRL.CLEAR_COUNTERS */
#define RERAM_CROSSBAR_READS 0x080u   /* reads of one crossbar for one input chunk */
#define RERAM_ROW_ACTIVATIONS 0x088u  /* rows driven with a non-zero DAC code (DAC conversions) */
#define RERAM_ADC_CONVERSIONS 0x090u  /* column conversions */
#define RERAM_ADC_CLIPS 0x098u        /* conversions outside the ADC's range */
#define RERAM_SHIFT_ADDS 0x0A0u       /* shift-and-add operations */
#define RERAM_CELLS_PROGRAMMED 0x0A8u /* cells written (write-verify) */
#define RERAM_WRITE_PULSES 0x0B0u     /* SET/RESET pulses */
#define RERAM_MVMS 0x0B8u             /* matrix-vector multiplications (one per MVM vector or CONV window) */
#define RERAM_BUSY_CYCLES 0x0C0u      /* controller clock cycles of command time (summed over tiles) */
#define RERAM_ENERGY_PJ 0x0C8u        /* dynamic energy incl. buffer window accesses, pJ (rounded down) */
#define RERAM_COMMANDS 0x0D0u         /* commands completed without error */

#define RERAM_ID_VALUE 0x52524D01u /* "RRM" + version 1 */

/* CTRL (write 1 to act; reads 0) */
#define RERAM_CTRL_CLEAR_STATUS DEV_CTRL_CLEAR_STATUS     /* clears STATUS.DONE/ERR and ERR_CODE */
#define RERAM_CTRL_CLEAR_COUNTERS DEV_CTRL_CLEAR_COUNTERS /* zeroes the 64-bit counters */

/* STATUS */
#define RERAM_STATUS_BUSY DEV_STATUS_BUSY /* a command is running on some tile */
#define RERAM_STATUS_DONE DEV_STATUS_DONE /* a command completed since the last CLEAR_STATUS */
#define RERAM_STATUS_ERR DEV_STATUS_ERR   /* the last CMD write was rejected (code in ERR_CODE) */
#define RERAM_STATUS_TILE_BUSY_SHIFT 8u
#define RERAM_STATUS_TILE_BUSY_MASK 0xFF00u /* bit 8 + t: tile t (t < 8) is running a command */

/* IRQ_EN / IRQ_STATUS; the irq line is (IRQ_STATUS & IRQ_EN) != 0 */
#define RERAM_IRQ_DONE DEV_IRQ_DONE /* a command completed */
#define RERAM_IRQ_ERR DEV_IRQ_ERR   /* a command was rejected */
#define RERAM_IRQ_MASK DEV_IRQ_MASK

/* CAPS */
#define RERAM_CAPS_TILES_MASK 0x000000FFu
#define RERAM_CAPS_XBARS_SHIFT 8u
#define RERAM_CAPS_XBARS_MASK 0x000FFF00u /* crossbars per tile */
#define RERAM_CAPS_IDEAL 0x80000000u      /* reram.ideal: every non-ideality off, exact integers */

/* GEOMETRY */
#define RERAM_GEOMETRY_ROWS_MASK 0x0000FFFFu
#define RERAM_GEOMETRY_COLUMNS_SHIFT 16u
#define RERAM_GEOMETRY_COLUMNS_MASK 0xFFFF0000u

/* CELL */
#define RERAM_CELL_BITS_MASK 0x0000000Fu /* bits per cell */
#define RERAM_CELL_DAC_SHIFT 4u
#define RERAM_CELL_DAC_MASK 0x000000F0u /* input bits per read */
#define RERAM_CELL_ADC_SHIFT 8u
#define RERAM_CELL_ADC_MASK 0x00001F00u /* ADC bits */
#define RERAM_CELL_OFFSET_SCHEME 0x10000u /* signed weights by an offset column (else differential pairs) */
#define RERAM_CELL_SLICES_IN_COLUMNS 0x20000u /* slices side by side in one crossbar (else one per crossbar) */

/* OP: opcode in bits 0..7; inputs (1..16 bits, bits 8..12; signed, bit 13); weights (1..16 bits,
 * bits 16..20; signed, bit 21). A width of 0 or above 16 is RERAM_ERR_BAD_TYPE. Signed values are
 * two's complement. Elements are packed (docs/models/pim.md, "Element types"). */
#define RERAM_OP_PROGRAM 1u /* write the INPUTS x OUTPUTS weights at SRC (W[o][i]: output o's INPUTS weights
                               at SRC + o * STRIDE) onto the crossbars from XBAR; once, then MVM/CONV use them */
#define RERAM_OP_MVM 2u     /* DST[k][o] = sum_i W[o][i] x_k[i] (int32, wrapping) for COUNT vectors x_k of the
                               block's INPUTS elements at SRC + k * STRIDE; DST[k][o] at DST + 4 (k OUTPUTS + o) */
#define RERAM_OP_CONV 3u    /* the block on every im2col window of the CHW feature map at SRC:
                               DST[o][y][x] = sum_{c,i,j} IN[c][y s + i - p][x s + j - p] W[o][c kh kw + i kw + j],
                               padding taps 0; the block's INPUTS must be C kh kw */
#define RERAM_OP_PIPELINE 4u /* run the network of the table at SRC as a layer pipeline (below); OP's widths unused */
#define RERAM_OP_OPCODE_MASK 0xFFu
#define RERAM_OP_X_BITS_SHIFT 8u
#define RERAM_OP_X_BITS_MASK 0x1F00u
#define RERAM_OP_X_SIGNED 0x2000u
#define RERAM_OP_W_BITS_SHIFT 16u
#define RERAM_OP_W_BITS_MASK 0x1F0000u
#define RERAM_OP_W_SIGNED 0x200000u
#define RERAM_OP_VALUE(opcode, x_bits, x_signed, w_bits, w_signed)                                \
    ((opcode) | ((x_bits) << RERAM_OP_X_BITS_SHIFT) | ((x_signed) ? RERAM_OP_X_SIGNED : 0u) | \
     ((w_bits) << RERAM_OP_W_BITS_SHIFT) | ((w_signed) ? RERAM_OP_W_SIGNED : 0u))

/* CMD values */
#define RERAM_CMD_START 0x1u /* run the descriptor on the tile of XBAR; a command on a busy tile waits in
                                that tile's queue (reram.queue_depth commands) */

/* ERR_CODE values: the codes every PIM device shares (ip/pim/pim_errors.h, whose pim_error_name()
 * names them); a rejected command changes nothing. */
#define RERAM_ERR_NONE PIM_ERR_NONE
#define RERAM_ERR_BAD_OPCODE PIM_ERR_BAD_OPCODE     /* unknown opcode in OP */
#define RERAM_ERR_BAD_TYPE PIM_ERR_BAD_TYPE         /* an input or weight width 0 or > 16 */
#define RERAM_ERR_ZERO_SIZE PIM_ERR_ZERO_SIZE       /* INPUTS, OUTPUTS, COUNT or a CONV dimension is 0 */
#define RERAM_ERR_OUT_OF_RANGE PIM_ERR_OUT_OF_RANGE /* a region runs past the buffers; XBAR past the last crossbar */
#define RERAM_ERR_CROSS_BANK PIM_ERR_CROSS_BANK     /* a region not in the buffer of XBAR's tile; a block over two tiles */
#define RERAM_ERR_MISALIGNED PIM_ERR_MISALIGNED     /* DST not 4-byte aligned; SRC or STRIDE not element-aligned */
#define RERAM_ERR_BAD_STRIDE PIM_ERR_BAD_STRIDE     /* STRIDE below one packed row/vector; CONV stride 0 */
#define RERAM_ERR_BAD_KERNEL PIM_ERR_BAD_KERNEL     /* CONV: kernel larger than the padded input */
#define RERAM_ERR_BAD_PADDING PIM_ERR_BAD_PADDING   /* CONV: padding not smaller than the kernel */
#define RERAM_ERR_OVERLAP PIM_ERR_OVERLAP           /* the outputs overlap the inputs */
#define RERAM_ERR_TOO_LARGE PIM_ERR_TOO_LARGE       /* INPUTS > rows or the block's columns > a crossbar's;
                                                       CONV: the block's INPUTS differ from C kh kw */
#define RERAM_ERR_BAD_CMD PIM_ERR_BAD_CMD           /* unknown CMD value; MVM/CONV with no block programmed at XBAR */
#define RERAM_ERR_BUSY PIM_ERR_BUSY                 /* the tile's queue is full; PIPELINE: one of its tiles is busy */
#define RERAM_ERR_BAD_PIPELINE (PIM_ERR_TECH_FIRST + 0u) /* PIPELINE: a table whose layers do not chain, whose
                                                           copies are not programmed as described, or whose
                                                           allocation the schedule refuses (the log says which) */

/* PIPELINE table: little-endian 32-bit words at SRC (4-byte aligned) in the buffer window, a header
 * and one entry per layer (docs/models/reram_controller.md, "PIPELINE"). Layer i holds COPIES
 * copies of its weights, copy c on the crossbars from XBAR + c x (crossbars of one copy); a copy
 * is IN_BLOCKS x OUT_BLOCKS PROGRAMmed blocks one after another (input block major: block
 * ib * OUT_BLOCKS + ob), splitting the inputs (conv: whole channels) and the outputs in order. */
#define RERAM_PIPE_MAX_LAYERS 16u
#define RERAM_PIPE_HEADER_WORDS 4u /* [0] input offset, [1] output offset, [2] layers, [3] 0 */
#define RERAM_PIPE_LAYER_WORDS 16u
#define RERAM_PIPE_KIND 0u     /* kind (bits 0..7) | input type (bits 8..13 as OP's) | output dtype (16..17) | bit 20 per channel */
#define RERAM_PIPE_IN_C 1u     /* input channels (fc: the input is IN_C x IN_H x IN_W values) */
#define RERAM_PIPE_IN_H 2u
#define RERAM_PIPE_IN_W 3u
#define RERAM_PIPE_OUT_C 4u    /* output channels (fc: outputs) */
#define RERAM_PIPE_CONV 5u     /* conv kernel | stride << 8 | padding << 16 (square); fc: 0 */
#define RERAM_PIPE_POOL 6u     /* max-pool kernel | stride << 8 | padding << 16 after the requantization; 0: none */
#define RERAM_PIPE_XBAR 7u     /* first crossbar of copy 0 */
#define RERAM_PIPE_COPIES 8u   /* R: copies (output positions per step) */
#define RERAM_PIPE_BLOCKS 9u   /* input blocks | output blocks << 16 */
#define RERAM_PIPE_BIAS 10u    /* buffer offset of OUT_C int32 biases, or RERAM_PIPE_NONE */
#define RERAM_PIPE_REQUANT 11u /* buffer offset of int32 (multiplier, shift) pairs, per channel or one; S32 output: unused */
#define RERAM_PIPE_CLAMP 12u   /* act_min (int16, bits 0..15) | act_max << 16, after the requantization */
#define RERAM_PIPE_NONE 0xFFFFFFFFu
#define RERAM_PIPE_KIND_CONV 0u
#define RERAM_PIPE_KIND_FC 1u
#define RERAM_PIPE_OUT_U8 0u
#define RERAM_PIPE_OUT_S8 1u
#define RERAM_PIPE_OUT_S32 2u
#define RERAM_PIPE_OUT_SHIFT 16u
#define RERAM_PIPE_PER_CHANNEL 0x100000u
#define RERAM_PIPE_GEOMETRY(kernel, stride, pad) ((kernel) | ((stride) << 8) | ((pad) << 16))

#endif /* PIMSOC_RERAM_REGS_H */
