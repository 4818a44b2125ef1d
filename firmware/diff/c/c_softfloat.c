/* Differential test: soft-float double and float arithmetic through libgcc (integer-only on
 * RV32IMAC): the results are printed as bit patterns, so only integer semantics matter. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t bits_d(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint32_t bits_f(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static volatile double dv[] = {0.0, -0.0, 1.0, -1.5, 3.141592653589793, 1e-300, 1e300, 2.5e-310,
                               123456789.125, -0.1, 1.0 / 3.0, 65536.0};

int main(void)
{
    uint64_t acc = 0;
    const unsigned n = sizeof dv / sizeof dv[0];
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n; j++) {
            double a = dv[i], b = dv[j];
            double s = a + b, d = a - b, m = a * b, q = (b != 0.0) ? a / b : 0.0;
            acc = acc * 31 + (bits_d(s) ^ (bits_d(d) << 1) ^ (bits_d(m) << 2) ^ (bits_d(q) << 3));
            acc += (a < b) + 2 * (a == b) + 4 * (a >= b);
        }
        double x = dv[i] < 0 ? -dv[i] : dv[i];
        double r = x > 0 ? x : 1.0; /* Newton square root */
        for (int k = 0; k < 60; k++)
            r = 0.5 * (r + x / r);
        long long ll = (long long)(dv[i] * 1000.0);
        float f = (float)dv[i];
        printf("%2u: %016llx sqrt %016llx ll %lld f %08lx fi %ld\n", i,
               (unsigned long long)bits_d(dv[i]), (unsigned long long)bits_d(r), ll,
               (unsigned long)bits_f(f * 3.0f + 0.25f), (long)(int32_t)(f / 7.0f));
    }
    double e = 1.0, t = 1.0; /* e by series */
    for (int k = 1; k < 20; k++) {
        t /= k;
        e += t;
    }
    printf("e %016llx (int)(e*1e9)=%ld\n", (unsigned long long)bits_d(e), (long)(e * 1e9 - 2e9));
    printf("acc %016llx\n", (unsigned long long)acc);
    return (int)(acc & 0x7f);
}
