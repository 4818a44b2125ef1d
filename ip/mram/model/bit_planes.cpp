#include "bit_planes.h"

namespace pimsoc::mram {

const char* to_string(WeightCoding coding)
{
    return coding == WeightCoding::plain ? "plain" : "plus_minus_one";
}

std::vector<Term> and_accumulation_terms(ElemType activation, ElemType weight, WeightCoding coding)
{
    const uint32_t planes_i = activation.bits();
    const uint32_t planes_w = weight.bits();
    // A plane's sign: the top plane of a two's-complement operand weighs -2^(bits-1).
    auto negative_plane = [](ElemType t, uint32_t k) { return t.is_signed() && k == t.bits() - 1; };
    std::vector<Term> terms;
    for (uint32_t m = 0; m < planes_i; ++m) {
        const bool neg_i = negative_plane(activation, m);
        if (coding == WeightCoding::plus_minus_one) {
            // c(m) (2^(m+1) popcount(AND(I_m, b)) - 2^m popcount(I_m))
            terms.push_back(
                Term{Term::Kind::and_planes, static_cast<uint8_t>(m), 0, static_cast<uint8_t>(m + 1), neg_i});
            terms.push_back(Term{Term::Kind::activation_sum, static_cast<uint8_t>(m), 0,
                                 static_cast<uint8_t>(m), !neg_i});
            continue;
        }
        for (uint32_t n = 0; n < planes_w; ++n) {
            const bool neg = neg_i != negative_plane(weight, n);
            terms.push_back(Term{Term::Kind::and_planes, static_cast<uint8_t>(m), static_cast<uint8_t>(n),
                                 static_cast<uint8_t>(m + n), neg});
        }
    }
    return terms;
}

}  // namespace pimsoc::mram
