/* Differential test: qsort and bsearch of ints and structs from a seeded xorshift generator. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 0x12345678u;
static uint32_t xorshift(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

struct rec {
    int16_t key;
    uint8_t tag;
    uint32_t payload;
};

static int cmp_int(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->tag != y->tag)
        return x->tag < y->tag ? -1 : 1;
    return (x->payload > y->payload) - (x->payload < y->payload);
}

#define N 1000
static int32_t a[N];
static struct rec r[300];

int main(void)
{
    for (int i = 0; i < N; i++)
        a[i] = (int32_t)xorshift() >> (i % 20);
    qsort(a, N, sizeof a[0], cmp_int);
    uint32_t h = 0;
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        h = h * 1000003u ^ (uint32_t)a[i];
        if (i > 0 && a[i - 1] > a[i])
            sorted = 0;
    }
    printf("ints: sorted=%d min=%ld median=%ld max=%ld hash=%08lx\n", sorted, (long)a[0],
           (long)a[N / 2], (long)a[N - 1], (unsigned long)h);
    int found = 0;
    for (int i = 0; i < 200; i++) {
        int32_t key = (i & 1) ? a[(i * 37) % N] : (int32_t)xorshift();
        if (bsearch(&key, a, N, sizeof a[0], cmp_int))
            found++;
    }
    printf("bsearch found %d of 200\n", found);

    for (int i = 0; i < 300; i++) {
        r[i].key = (int16_t)(xorshift() % 50u) - 25;
        r[i].tag = (uint8_t)xorshift();
        r[i].payload = xorshift();
    }
    qsort(r, 300, sizeof r[0], cmp_rec);
    h = 0;
    for (int i = 0; i < 300; i++) {
        h = (h << 5 | h >> 27) ^ (uint32_t)(uint16_t)r[i].key ^ ((uint32_t)r[i].tag << 16) ^ r[i].payload;
        if (i % 50 == 0)
            printf("r[%d] = {%d, %u, %08lx}\n", i, r[i].key, r[i].tag, (unsigned long)r[i].payload);
    }
    printf("recs hash=%08lx\n", (unsigned long)h);
    return (int)(h & 0x7fu);
}
