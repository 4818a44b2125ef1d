/* Double-buffered checkpoints: see checkpoint.h for the layout and why a commit is atomic. */
#include "runtime/checkpoint.h"

#include <stddef.h>

#include "hal/power.h"

#define FORMAT_MAGIC 0x54504B43u /* "CKPT" */
#define WORD_FORMAT 0u
#define WORD_COMMITTED 1u
#define SLOTS_AT 2u
enum { HEADER_VERSION, HEADER_BYTES, HEADER_SUM_LO, HEADER_SUM_HI };

/* Orders the slot's stores before the version word's (and the compiler's too). */
static inline void store_fence(void) { __asm__ volatile("fence w, w" ::: "memory"); }

static volatile uint32_t *slot(const ckpt_store *store, uint32_t version)
{
    return (volatile uint32_t *)store->nv + SLOTS_AT + (version & 1u) * (CKPT_HEADER_WORDS + store->payload_words);
}

uint64_t ckpt_checksum(const uint32_t *words, uint32_t count, uint64_t seed)
{
    uint32_t a = (uint32_t)seed, b = (uint32_t)(seed >> 32);
    for (uint32_t i = 0; i < count; i++) {
        a += words[i];
        b += a;
    }
    return ((uint64_t)b << 32) | a;
}

/* The checksum of a slot whose header says (version, bytes): the two fields, then the payload. */
static uint64_t slot_checksum(const volatile uint32_t *s, uint32_t version, uint32_t bytes)
{
    const uint32_t fields[2] = {version, bytes};
    uint64_t sum = ckpt_checksum(fields, 2u, 0x9E3779B97F4A7C15ull);
    return ckpt_checksum((const uint32_t *)(s + CKPT_HEADER_WORDS), (bytes + 3u) / 4u, sum);
}

int ckpt_open(ckpt_store *store, uint32_t *nv_words, uint32_t nv_bytes, int cold)
{
    store->nv = nv_words;
    store->payload_words = nv_bytes / 4u > SLOTS_AT + 2u * CKPT_HEADER_WORDS
                               ? (nv_bytes / 4u - SLOTS_AT - 2u * CKPT_HEADER_WORDS) / 2u
                               : 0;
    volatile uint32_t *nv = nv_words;
    if (!cold && nv[WORD_FORMAT] == FORMAT_MAGIC)
        return 0;
    nv[WORD_COMMITTED] = 0;
    store_fence();
    nv[WORD_FORMAT] = FORMAT_MAGIC;
    return 1;
}

uint32_t ckpt_version(const ckpt_store *store) { return ((volatile uint32_t *)store->nv)[WORD_COMMITTED]; }

ckpt_status ckpt_check(const ckpt_store *store)
{
    const uint32_t version = ckpt_version(store);
    if (version == 0)
        return CKPT_NONE;
    const volatile uint32_t *s = slot(store, version);
    const uint32_t bytes = s[HEADER_BYTES];
    if (s[HEADER_VERSION] != version || bytes > store->payload_words * 4u)
        return CKPT_CORRUPT;
    const uint64_t sum = slot_checksum(s, version, bytes);
    return (uint32_t)sum == s[HEADER_SUM_LO] && (uint32_t)(sum >> 32) == s[HEADER_SUM_HI] ? CKPT_OK : CKPT_CORRUPT;
}

const void *ckpt_restore(const ckpt_store *store, uint32_t *bytes)
{
    if (ckpt_check(store) != CKPT_OK)
        return NULL;
    const volatile uint32_t *s = slot(store, ckpt_version(store));
    if (bytes)
        *bytes = s[HEADER_BYTES];
    return (const void *)(s + CKPT_HEADER_WORDS);
}

void *ckpt_begin(ckpt_store *store)
{
    power_checkpoint_begin();
    return (void *)(slot(store, ckpt_version(store) + 1u) + CKPT_HEADER_WORDS);
}

uint32_t ckpt_commit(ckpt_store *store, uint32_t bytes)
{
    if (bytes > store->payload_words * 4u) {
        power_checkpoint_end();
        return 0;
    }
    const uint32_t version = ckpt_version(store) + 1u;
    volatile uint32_t *s = slot(store, version);
    store_fence();
    const uint64_t sum = slot_checksum(s, version, bytes);
    s[HEADER_VERSION] = version;
    s[HEADER_BYTES] = bytes;
    s[HEADER_SUM_LO] = (uint32_t)sum;
    s[HEADER_SUM_HI] = (uint32_t)(sum >> 32);
    store_fence();
    ((volatile uint32_t *)store->nv)[WORD_COMMITTED] = version; /* the commit point */
    store_fence();
    power_checkpoint_end();
    return version;
}
