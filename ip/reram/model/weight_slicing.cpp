#include "weight_slicing.h"

#include <algorithm>

namespace pimsoc::reram {

SlicePlan plan_slices(const Geometry& geometry, pim::ElemType type, uint32_t outputs)
{
    const uint32_t b = geometry.cell_bits;
    const uint32_t w = type.bits();
    const bool signed_weights = type.is_signed();
    const bool differential = signed_weights && geometry.signed_scheme == SignedScheme::differential;
    SlicePlan p;
    p.slices = (w + b - 1) / b;
    p.polarities = differential ? 2 : 1;
    const uint32_t groups = p.slices * p.polarities;
    const bool by_crossbar = geometry.slice_placement == SlicePlacement::crossbars;
    for (uint32_t s = 0; s < p.slices; ++s)
        for (uint32_t pol = 0; pol < p.polarities; ++pol) {
            const uint32_t index = s * p.polarities + pol;
            ColumnGroup g;
            g.crossbar = by_crossbar ? index : 0;
            g.first_column = by_crossbar ? 0 : index * outputs;
            g.slice = s;
            g.sign = pol == 0 ? 1 : -1;
            p.groups.push_back(g);
        }
    p.crossbars = by_crossbar ? groups : 1;
    p.columns_used = by_crossbar ? outputs : groups * outputs;
    if (signed_weights && !differential) {
        ReferenceColumn& r = p.reference;
        r.present = true;
        r.slice = (w - 1) / b;
        r.level = 1u << ((w - 1) % b);
        r.crossbar = by_crossbar ? r.slice : 0;
        r.column = p.columns_used;
        p.columns_used += 1;
    }
    p.sensed.assign(p.crossbars, 0);
    for (const ColumnGroup& g : p.groups) p.sensed[g.crossbar] = std::max(p.sensed[g.crossbar], g.first_column + outputs);
    if (p.reference.present) p.sensed[p.reference.crossbar] = p.reference.column + 1;
    return p;
}

uint32_t cell_level(const Geometry& geometry, pim::ElemType type, const ColumnGroup& g, int64_t w)
{
    int64_t magnitude = w;
    if (type.is_signed()) {
        if (geometry.signed_scheme == SignedScheme::differential)
            magnitude = g.sign > 0 ? (w > 0 ? w : 0) : (w < 0 ? -w : 0);
        else
            magnitude = w + (int64_t{1} << (type.bits() - 1));
    }
    const uint32_t b = geometry.cell_bits;
    return static_cast<uint32_t>((static_cast<uint64_t>(magnitude) >> (b * g.slice)) & ((1u << b) - 1));
}

}  // namespace pimsoc::reram
