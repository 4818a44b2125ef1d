/* Differential test: 64-bit arithmetic through libgcc (__muldi3, __divdi3, __udivdi3, __moddi3,
 * __umoddi3, shifts), on edge values: exercises mul/mulhu/div/rem and carries. */
#include <stdint.h>
#include <stdio.h>

static const uint64_t vals[] = {0, 1, 2, 3, 7, 10, 0xffffffffull, 0x100000000ull, 0x100000001ull,
                                0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
                                0xfffffffffffffffeull, 0x123456789abcdef0ull, 0xdeadbeefcafebabeull,
                                1000000007ull, 0x00000000ffff0000ull, 0x8000000000000001ull};
#define NV (sizeof vals / sizeof vals[0])

int main(void)
{
    uint64_t acc = 0;
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint64_t a = vals[i], b = vals[j];
            int64_t sa = (int64_t)a, sb = (int64_t)b;
            uint64_t mul = a * b;
            uint64_t udiv = b ? a / b : 0, umod = b ? a % b : 0;
            int64_t sdiv = 0, smod = 0;
            if (sb != 0 && !(sa == INT64_MIN && sb == -1)) {
                sdiv = sa / sb;
                smod = sa % sb;
            }
            unsigned sh = (unsigned)(b & 63u);
            uint64_t shl = a << sh, shr = a >> sh;
            int64_t sar = sa >> sh;
            acc = acc * 0x100000001b3ull ^ mul ^ udiv ^ (umod << 1) ^ (uint64_t)sdiv ^
                  ((uint64_t)smod << 2) ^ shl ^ shr ^ (uint64_t)sar;
            if (i % 5 == 0 && j % 3 == 0)
                printf("%016llx %016llx: mul %016llx udiv %016llx umod %016llx sdiv %lld smod %lld\n",
                       (unsigned long long)a, (unsigned long long)b, (unsigned long long)mul,
                       (unsigned long long)udiv, (unsigned long long)umod, (long long)sdiv,
                       (long long)smod);
        }
    }
    /* comparisons and 32x32->64 widening products */
    int lt = 0;
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++)
            lt += ((int64_t)vals[i] < (int64_t)vals[j]) + 2 * (vals[i] < vals[j]);
    int64_t w = (int64_t)(int32_t)0x80000000 * (int32_t)0x80000000;
    uint64_t uw = (uint64_t)0xffffffffu * 0xffffffffu;
    int64_t m = (int64_t)(int32_t)-3 * (uint32_t)0xfffffffdu;
    printf("lt %d wide %lld %llu %lld\n", lt, (long long)w, (unsigned long long)uw, (long long)m);
    printf("acc %016llx\n", (unsigned long long)acc);
    return (int)(acc & 0x7fu);
}
