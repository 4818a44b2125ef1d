/* Differential test: integer-heavy algorithms: 150! in base 10^9 limbs, a prime sieve, gcd,
 * modular exponentiation and a CRC-32 (mul/div/rem, shifts, byte and word memory traffic). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t limbs[128];
static uint8_t sieve[60000];

static uint32_t gcd(uint32_t a, uint32_t b)
{
    while (b) {
        uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint32_t powmod(uint32_t b, uint32_t e, uint32_t m)
{
    uint64_t r = 1, x = b % m;
    while (e) {
        if (e & 1)
            r = r * x % m;
        x = x * x % m;
        e >>= 1;
    }
    return (uint32_t)r;
}

static uint32_t crc32(const uint8_t *p, uint32_t n)
{
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & -(c & 1u));
    }
    return ~c;
}

int main(void)
{
    unsigned n = 1;
    limbs[0] = 1;
    for (uint32_t f = 2; f <= 150; f++) {
        uint32_t carry = 0;
        for (unsigned i = 0; i < n; i++) {
            uint64_t v = (uint64_t)limbs[i] * f + carry;
            limbs[i] = (uint32_t)(v % 1000000000u);
            carry = (uint32_t)(v / 1000000000u);
        }
        if (carry)
            limbs[n++] = carry;
    }
    printf("150! = %lu", (unsigned long)limbs[n - 1]);
    for (unsigned i = n - 1; i-- > 0;)
        printf("%09lu", (unsigned long)limbs[i]);
    printf("\n");

    memset(sieve, 1, sizeof sieve);
    sieve[0] = sieve[1] = 0;
    for (uint32_t i = 2; i * i < sizeof sieve; i++)
        if (sieve[i])
            for (uint32_t j = i * i; j < sizeof sieve; j += i)
                sieve[j] = 0;
    uint32_t count = 0, last = 0;
    for (uint32_t i = 0; i < sizeof sieve; i++)
        if (sieve[i]) {
            count++;
            last = i;
        }
    printf("primes below %u: %lu, largest %lu\n", (unsigned)sizeof sieve, (unsigned long)count,
           (unsigned long)last);

    uint32_t g = 0;
    for (uint32_t a = 1; a < 200; a += 7)
        for (uint32_t b = 3; b < 3000; b += 131)
            g += gcd(a * 2654435761u, b * 40503u);
    printf("gcd sum %lu powmod %lu %lu %lu\n", (unsigned long)g,
           (unsigned long)powmod(2, 1000000, 1000000007u), (unsigned long)powmod(3, 0xffffffffu, 0xfffffffbu),
           (unsigned long)powmod(0xdeadbeefu, 65537, 4294967291u));
    uint32_t crc = crc32(sieve, sizeof sieve) ^ crc32((const uint8_t *)limbs, n * 4);
    printf("crc %08lx\n", (unsigned long)crc);
    return (int)(crc & 0x7f);
}
