// AND-accumulation of bit planes (Roohi et al., ISQED 2019): with M-bit activations I and N-bit
// weights W,
//   I . W = sum over m < M, n < N of c(m) c(n) 2^(m+n) popcount(AND(plane_m(I), plane_n(W)))
// where plane_m(V) holds bit m of every element of V and c(k) is the plane's sign:
//   unsigned:        c(k) = +1
//   two's complement: c(k) = -1 for the top plane (k = M-1 resp. N-1), +1 below it
// so each term is one dual-row AND sense, a bit-count, a shift by m + n and an add or subtract.
// Binary weights of the XNOR/DoReFa kind, W in {-1, +1}, are stored as one bit b with W = 2b - 1:
//   I . W = 2 I . b - sum(I) = sum over m of c(m) (2^(m+1) popcount(AND(plane_m(I), b))
//                                                  - 2^m popcount(plane_m(I)))
// the second count from a single-row read of the activation plane (docs/models/mram.md,
// "Signed schemes").
// Pure C++17, no SystemC.
#pragma once

#include <cstdint>
#include <vector>

#include "pim/model/elem_type.h"

namespace pimsoc::mram {

using pim::ElemType;

// How the weight operand's bits are read.
enum class WeightCoding : uint8_t {
    plain,           // the weight ElemType's value (unsigned or two's complement)
    plus_minus_one,  // u1 weights: bit b means W = 2b - 1 (b = 0: -1, b = 1: +1)
};

const char* to_string(WeightCoding coding);

// The operand types the sub-arrays take: 1..8 bits, either sign; +-1 weights must be u1.
constexpr bool is_supported_activation(ElemType t)
{
    return t.is_valid() && t.bits() <= 8;
}
constexpr bool is_supported_weight(ElemType t, WeightCoding coding)
{
    return t.is_valid() && t.bits() <= 8 && (coding == WeightCoding::plain || t == ElemType::u1);
}

// The value a weight's raw bits stand for under a coding.
constexpr int64_t weight_value(ElemType t, WeightCoding coding, uint64_t raw)
{
    return coding == WeightCoding::plus_minus_one ? 2 * static_cast<int64_t>(raw & 1u) - 1
                                                  : pim::from_bits(t, raw);
}

// One lock-step sense of the AND-accumulation: which rows, and how its count is accumulated.
struct Term {
    enum class Kind : uint8_t {
        and_planes,      // popcount(AND(plane_m(I), plane_n(W))): a dual-row sense
        activation_sum,  // popcount(plane_m(I)): a single-row read (+-1 weights only)
    };
    Kind kind = Kind::and_planes;
    uint8_t m = 0;          // activation plane
    uint8_t n = 0;          // weight plane (and_planes)
    uint8_t shift = 0;      // the count is shifted left by this
    bool negative = false;  // and subtracted instead of added
};

// The terms in the order the model senses them: m outer, n inner, a +-1 weight's activation-sum
// term after the AND term of its plane.
std::vector<Term> and_accumulation_terms(ElemType activation, ElemType weight, WeightCoding coding);

}  // namespace pimsoc::mram
