// The small MRAM the device tests and the conformance kit run: two banks of 2 sub-arrays of 32 rows
// x 64 columns (segments of 16 columns), 1 KiB of operand window per bank.
#pragma once

#include "mram/mram_params.h"

namespace pimsoc::test {

inline MramParams mram_small_params()
{
    MramParams p;
    p.model.geometry.rows = 32;
    p.model.geometry.columns = 64;
    p.model.geometry.segment_bits = 16;
    p.model.geometry.subarrays_per_bank = 2;
    p.model.geometry.banks = 2;
    p.model.geometry.window_bytes_per_bank = 1024;
    return p;
}

}  // namespace pimsoc::test
