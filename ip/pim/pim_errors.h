/* Error codes shared by every processing-in-memory device (racetrack, SOT-MRAM, ReRAM): the value
 * a device reports in its ERR_CODE register, the model's pim::Error (ip/pim/model/error.h, tied to
 * these values by static_asserts) and the firmware drivers' names. Plain C, no includes, usable
 * by the firmware (C11) and the models (C++17). See docs/models/pim.md, "Errors".
 *
 * Ranges: 0..15 command checks, 16..31 controller errors, 18..31 reserved for future shared
 * codes, PIM_ERR_TECH_FIRST..PIM_ERR_TECH_LAST for one technology's own errors (its regs header
 * defines them; its driver names them and falls back to pim_error_name() for the rest).
 * A rejected command changes nothing. */
#ifndef PIMSOC_PIM_ERRORS_H
#define PIMSOC_PIM_ERRORS_H

#define PIM_ERR_NONE 0u         /* accepted */
#define PIM_ERR_BAD_OPCODE 1u   /* unknown opcode */
#define PIM_ERR_BAD_TYPE 2u     /* unknown element type, or one the device does not support */
#define PIM_ERR_ZERO_SIZE 3u    /* a length, count, dimension or kernel size is 0 */
#define PIM_ERR_OUT_OF_RANGE 4u /* an operand, bias or result region runs past the device's memory */
#define PIM_ERR_CROSS_BANK 5u   /* the regions of one command are not all in one bank */
#define PIM_ERR_MISALIGNED 6u   /* an address not a multiple of its element alignment */
#define PIM_ERR_BAD_STRIDE 7u   /* a stride not a multiple of its element alignment; CONV stride 0 or too large */
#define PIM_ERR_BAD_KERNEL 8u   /* CONV kernel larger than the padded input, or beyond the limit */
#define PIM_ERR_BAD_PADDING 9u  /* CONV padding not smaller than the kernel */
#define PIM_ERR_OVERLAP 10u     /* the result region overlaps an operand or bias region */
#define PIM_ERR_TOO_LARGE 11u   /* a dimension beyond the device's limits */
#define PIM_ERR_BAD_CMD 16u     /* unknown value written to CMD */
#define PIM_ERR_BUSY 17u        /* start while busy, or the command queue is full */

#define PIM_ERR_TECH_FIRST 32u /* first technology-specific code */
#define PIM_ERR_TECH_LAST 63u  /* last technology-specific code */

/* The name of a code, for messages; never NULL. */
static inline const char *pim_error_name(unsigned code)
{
    switch (code) {
    case PIM_ERR_NONE: return "none";
    case PIM_ERR_BAD_OPCODE: return "bad opcode";
    case PIM_ERR_BAD_TYPE: return "bad element type";
    case PIM_ERR_ZERO_SIZE: return "zero size";
    case PIM_ERR_OUT_OF_RANGE: return "out of the window";
    case PIM_ERR_CROSS_BANK: return "regions in different banks";
    case PIM_ERR_MISALIGNED: return "misaligned";
    case PIM_ERR_BAD_STRIDE: return "bad stride";
    case PIM_ERR_BAD_KERNEL: return "kernel too large";
    case PIM_ERR_BAD_PADDING: return "padding not smaller than the kernel";
    case PIM_ERR_OVERLAP: return "result overlaps an operand";
    case PIM_ERR_TOO_LARGE: return "dimension too large";
    case PIM_ERR_BAD_CMD: return "bad command";
    case PIM_ERR_BUSY: return "busy";
    default:
        return code >= PIM_ERR_TECH_FIRST && code <= PIM_ERR_TECH_LAST ? "technology-specific error"
                                                                       : "unknown error";
    }
}

#endif /* PIMSOC_PIM_ERRORS_H */
