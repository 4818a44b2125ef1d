// Small fused layers for hand-computed pipelines (the time model's and the pipeline simulator's
// tests): a square conv with optional pooling, and an fc layer.
#pragma once

#include <cstdint>

#include "reram/pipeline/network.h"

namespace pimsoc::test {

inline reram::Layer conv(int64_t ci, int64_t co, int64_t wo, int64_t kc, int64_t pc, int64_t kp = 1) {
    reram::Layer l;
    l.name = "c";
    l.ci = ci;
    l.co = co;
    l.wo = l.ho = wo;
    l.kc = kc;
    l.pc = pc;
    l.kp = l.sp = kp;
    return l;
}

inline reram::Layer fc(int64_t ci, int64_t co) {
    reram::Layer l;
    l.name = "fc";
    l.fc = true;
    l.ci = ci;
    l.co = co;
    return l;
}

}  // namespace pimsoc::test
