// The small ReRAM the device tests and the conformance kit run: two tiles of 8 crossbars of
// 16 x 16 cells of 2 bits (int8 weights take 8 crossbars with differential pairs), 1 KiB of buffer
// per tile; the default, non-ideal device.
#pragma once

#include "reram/reram_params.h"

namespace pimsoc::test {

inline ReramParams reram_small_params()
{
    ReramParams p;
    p.model.geometry.rows = 16;
    p.model.geometry.columns = 16;
    p.model.geometry.tiles = 2;
    p.model.geometry.crossbars_per_tile = 8;
    p.model.area.buffer_bytes_per_tile = 1024;
    return p;
}

}  // namespace pimsoc::test
