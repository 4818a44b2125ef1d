// How a block of w-bit integer weights becomes cell levels, and where its column groups go
// (docs/models/reram.md, "Weights on cells").
//
// A weight W of type t (w bits, signed or unsigned) is held as non-negative magnitudes cut into
// S = ceil(w / b) slices of b bits (slice s = bits [s b, s b + b), a cell level 0..2^b - 1):
//   unsigned:      one polarity, the value itself;
//   differential:  two polarities, W+ = max(W, 0) and W- = max(-W, 0) (both < 2^w);
//   offset:        one polarity, U = W + 2^(w-1) (0..2^w - 1), and one reference column whose cells
//                  hold the slice digit of 2^(w-1) (only the top slice s_top = (w-1) / b has one:
//                  2^((w-1) mod b)), read with the same inputs and subtracted after the ADC.
// Then W = sum_s 2^(b s) (digit_s(W+) - digit_s(W-)) = sum_s 2^(b s) digit_s(U) - 2^(w-1).
// Each (slice, polarity) is a column group of `outputs` columns: in its own crossbar
// (SlicePlacement::crossbars, columns 0..outputs-1) or side by side in one crossbar
// (SlicePlacement::columns). The reference column follows the groups in the top slice's crossbar.
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <vector>

#include "pim/model/elem_type.h"
#include "reram_config.h"

namespace pimsoc::reram {

// One column group: outputs columns from first_column, in crossbar `crossbar` of the block.
struct ColumnGroup {
    uint32_t crossbar = 0;  // relative to the block's first crossbar
    uint32_t first_column = 0;
    uint32_t slice = 0;
    int32_t sign = 1;  // +1, or -1 for the negative polarity of a differential pair
};

struct ReferenceColumn {
    bool present = false;
    uint32_t crossbar = 0;  // relative
    uint32_t column = 0;
    uint32_t slice = 0;     // s_top
    uint32_t level = 0;     // the digit every cell of the column holds
};

// The plan of a block of `inputs` x `outputs` weights of type `type`.
struct SlicePlan {
    uint32_t slices = 0;
    uint32_t polarities = 0;
    uint32_t crossbars = 0;        // crossbars the block occupies
    uint32_t columns_used = 0;     // the widest of them (groups + reference): must fit N
    std::vector<uint32_t> sensed;  // columns 0..sensed[c]-1 that crossbar c of the block senses
    std::vector<ColumnGroup> groups;
    ReferenceColumn reference;
};

// The plan for a block with `outputs` columns per group; its crossbars / columns_used may exceed
// the geometry (the caller checks them against rows and columns).
SlicePlan plan_slices(const Geometry& geometry, pim::ElemType type, uint32_t outputs);

// The cell level of weight w in column group g (w fits type).
uint32_t cell_level(const Geometry& geometry, pim::ElemType type, const ColumnGroup& g, int64_t w);

}  // namespace pimsoc::reram
