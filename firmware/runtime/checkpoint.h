/* Double-buffered, versioned checkpoints in non-volatile main memory, committed atomically
 * (docs/power.md "Checkpoint runtime").
 *
 *   static uint32_t nv[CKPT_STORE_WORDS(sizeof(my_state))] CKPT_NV;
 *   ckpt_store store;
 *   ckpt_open(&store, nv, sizeof nv, power_boot_cause() == POWER_BOOT_COLD);
 *   const my_state *saved = ckpt_restore(&store, NULL);   // NULL: no checkpoint yet
 *   my_state *next = ckpt_begin(&store);                  // the inactive slot's payload
 *   ... fill *next ...
 *   ckpt_commit(&store, sizeof *next);                    // checksum, header, then the version word
 *
 * Layout of the store (words): FORMAT magic, COMMITTED version (0: none), then two slots, each a
 * header {version, bytes, sum_lo, sum_hi} and the payload. Version v lives in slot v & 1. A commit
 * writes only the inactive slot (payload, then its header with a Fletcher-64 checksum over header
 * fields and payload words) and then, after a fence, stores v into COMMITTED: one word store, which
 * a power failure cannot tear (the CPU stops at an instruction boundary; docs/power.md). A failure at
 * any instruction before that store leaves the previous version committed and its slot untouched; a
 * failure after it finds the new one. The commit is bracketed by the power manager's CHECKPOINT
 * BEGIN/END marks, so the run's stats count its energy (checkpoint_energy_pj).
 *
 * The payload must be complete in memory before ckpt_commit (a DMA into it must have finished:
 * the DMA's writes may be torn at a failure). */
#ifndef PIMSOC_RUNTIME_CHECKPOINT_H
#define PIMSOC_RUNTIME_CHECKPOINT_H

#include <stdint.h>

/* Places a variable in the non-volatile section .nvdata (boot/pimsoc.ld): neither loaded nor
 * zeroed at boot. */
#define CKPT_NV __attribute__((section(".nvdata"), aligned(8)))

#define CKPT_HEADER_WORDS 4u
#define CKPT_STORE_WORDS(payload_bytes) (2u + 2u * (CKPT_HEADER_WORDS + ((payload_bytes) + 3u) / 4u))

typedef enum {
    CKPT_OK = 0,       /* a checkpoint is committed and its checksum holds */
    CKPT_NONE = 1,     /* nothing committed since the format */
    CKPT_CORRUPT = -1, /* the committed slot's header or checksum is wrong */
} ckpt_status;

typedef struct {
    uint32_t *nv;             /* the store's words (in .nvdata) */
    uint32_t payload_words;   /* capacity of a slot */
} ckpt_store;

/* Binds `store` to its words; `cold` (a cold boot: the contents are undefined) or words that do
 * not carry the format magic format it (no checkpoint). Returns 1 if it formatted, else 0. */
int ckpt_open(ckpt_store *store, uint32_t *nv_words, uint32_t nv_bytes, int cold);

/* The committed version (0: none). */
uint32_t ckpt_version(const ckpt_store *store);

/* The committed checkpoint's status: its slot's header names the committed version, its size fits
 * and its checksum holds (CKPT_OK), nothing committed (CKPT_NONE) or CKPT_CORRUPT. */
ckpt_status ckpt_check(const ckpt_store *store);

/* The committed payload after ckpt_check() said CKPT_OK, else NULL; *bytes (if not NULL) gets its
 * size. */
const void *ckpt_restore(const ckpt_store *store, uint32_t *bytes);

/* Starts a commit: the CHECKPOINT BEGIN mark, and the inactive slot's payload (payload_words
 * words) for the caller to fill. Nothing committed changes until ckpt_commit's last store. */
void *ckpt_begin(ckpt_store *store);

/* Commits the `bytes` (<= the capacity) written since ckpt_begin as the next version, then the
 * END mark. Returns the new version, or 0 (nothing committed, the mark closed) if bytes is too
 * large. */
uint32_t ckpt_commit(ckpt_store *store, uint32_t bytes);

/* Fletcher-64 over 32-bit words (position-sensitive), as the store checksums its slots; exported
 * so that programs can checksum their own non-volatile data the same way. */
uint64_t ckpt_checksum(const uint32_t *words, uint32_t count, uint64_t seed);

#endif /* PIMSOC_RUNTIME_CHECKPOINT_H */
