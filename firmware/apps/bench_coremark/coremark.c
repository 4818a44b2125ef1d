/* The work of bench_coremark (see main.c): list, matrix and state-machine kernels folded into a
 * CRC16. Plain C with no device access, so that the host builds it too (tests/bench/
 * bench_reference.c) and checks the expected CRCs of expected.h independently of the VP. */
#include "coremark.h"

#include <stddef.h>
#include <string.h>

/* ------------------------------------------------------------------ CRC16 (CCITT, reflected) */
static uint16_t crc16_u8(uint8_t data, uint16_t crc)
{
    crc ^= data;
    for (int i = 0; i < 8; i++)
        crc = (crc & 1u) ? (uint16_t)((crc >> 1) ^ 0xA001u) : (uint16_t)(crc >> 1);
    return crc;
}
static uint16_t crc16_u16(uint16_t v, uint16_t crc)
{
    crc = crc16_u8((uint8_t)v, crc);
    return crc16_u8((uint8_t)(v >> 8), crc);
}
static uint16_t crc16_u32(uint32_t v, uint16_t crc)
{
    crc = crc16_u16((uint16_t)v, crc);
    return crc16_u16((uint16_t)(v >> 16), crc);
}

/* ------------------------------------------------------------------ linked list */
#define LIST_NODES 64
struct node {
    struct node *next;
    int16_t value;
    int16_t index;
};
static struct node s_nodes[LIST_NODES];

typedef int (*node_cmp)(const struct node *a, const struct node *b);
static int cmp_value(const struct node *a, const struct node *b) { return a->value - b->value; }
static int cmp_index(const struct node *a, const struct node *b) { return a->index - b->index; }

/* Bottom-up merge sort of a singly linked list (stable). */
static struct node *list_sort(struct node *list, node_cmp cmp)
{
    if (list == NULL)
        return NULL;
    for (int insize = 1;; insize *= 2) {
        struct node *p = list, *tail = NULL;
        list = NULL;
        int merges = 0;
        while (p) {
            merges++;
            struct node *q = p;
            int psize = 0;
            for (int i = 0; i < insize && q; i++) {
                psize++;
                q = q->next;
            }
            int qsize = insize;
            while (psize > 0 || (qsize > 0 && q)) {
                struct node *e;
                if (psize == 0) {
                    e = q; q = q->next; qsize--;
                } else if (qsize == 0 || !q || cmp(p, q) <= 0) {
                    e = p; p = p->next; psize--;
                } else {
                    e = q; q = q->next; qsize--;
                }
                if (tail)
                    tail->next = e;
                else
                    list = e;
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1)
            return list;
    }
}

static const struct node *list_find(const struct node *list, int16_t value)
{
    while (list && list->value != value)
        list = list->next;
    return list;
}

static struct node *list_init(uint32_t seed)
{
    for (int i = 0; i < LIST_NODES; i++) {
        seed = seed * 1103515245u + 12345u;
        s_nodes[i].value = (int16_t)((seed >> 16) & 0x7fff) - 0x4000;
        s_nodes[i].index = (int16_t)i;
        s_nodes[i].next = i + 1 < LIST_NODES ? &s_nodes[i + 1] : NULL;
    }
    return &s_nodes[0];
}

static uint16_t bench_list(struct node **plist, uint32_t iter, uint16_t crc)
{
    struct node *list = *plist;
    /* a few lookups: some hit, some miss */
    for (int i = 0; i < 8; i++) {
        int16_t key = (i & 1) ? s_nodes[(iter * 7u + (uint32_t)i * 13u) % LIST_NODES].value
                              : (int16_t)(iter + (uint32_t)i);
        const struct node *n = list_find(list, key);
        crc = crc16_u16(n ? (uint16_t)n->index : 0xffffu, crc);
    }
    list = list_sort(list, cmp_value);
    /* walk the sorted list: checksum of the order */
    uint32_t pos = 0;
    for (const struct node *n = list; n; n = n->next)
        crc = crc16_u16((uint16_t)(n->index ^ (int16_t)pos++), crc);
    /* perturb one value, restore index order */
    s_nodes[iter % LIST_NODES].value ^= (int16_t)(iter & 0x3ff);
    list = list_sort(list, cmp_index);
    *plist = list;
    return crc;
}

/* ------------------------------------------------------------------ matrix */
#define MAT_N 16
static int16_t s_mat_a[MAT_N][MAT_N], s_mat_b[MAT_N][MAT_N];
static int32_t s_mat_c[MAT_N][MAT_N];

static void matrix_init(uint32_t seed)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            seed = seed * 1664525u + 1013904223u;
            s_mat_a[i][j] = (int16_t)((seed >> 20) & 0x3ff) - 0x200;
            seed = seed * 1664525u + 1013904223u;
            s_mat_b[i][j] = (int16_t)((seed >> 20) & 0x3ff) - 0x200;
        }
}

static uint16_t matrix_sum(uint16_t crc)
{
    int32_t sum = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            sum += s_mat_c[i][j] >> 4;
    return crc16_u32((uint32_t)sum, crc);
}

static uint16_t bench_matrix(int16_t k, uint16_t crc)
{
    /* A += k */
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            s_mat_a[i][j] = (int16_t)(s_mat_a[i][j] + k);
    /* C = A * k */
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            s_mat_c[i][j] = (int32_t)s_mat_a[i][j] * k;
    crc = matrix_sum(crc);
    /* C = A x B */
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int x = 0; x < MAT_N; x++)
                acc += (int32_t)s_mat_a[i][x] * s_mat_b[x][j];
            s_mat_c[i][j] = acc;
        }
    crc = matrix_sum(crc);
    /* C = bits 2..9 of (A x B) products, accumulated */
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int x = 0; x < MAT_N; x++)
                acc += (((int32_t)s_mat_a[i][x] * s_mat_b[x][j]) >> 2) & 0xff;
            s_mat_c[i][j] = acc;
        }
    crc = matrix_sum(crc);
    /* A -= k: back to the start values so the data stays bounded */
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            s_mat_a[i][j] = (int16_t)(s_mat_a[i][j] - k);
    return crc;
}

/* ------------------------------------------------------------------ state machine */
enum state { S_START, S_INT, S_S1, S_FLOAT, S_EXPONENT, S_S2, S_SCIENTIFIC, S_INVALID, S_COUNT };
#define STR_LEN 256
static char s_str[STR_LEN + 1];
static const char *const s_tokens[] = {"5012", "1234", "-874", "+122", "35.54", ".1234", "-110.7",
                                       "0.64", "5.5e+3", "-.123e-2", "-87e+832", "+0.6e-12",
                                       "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^"};

static void state_init(void)
{
    size_t pos = 0;
    for (unsigned i = 0; pos < STR_LEN; i++) {
        const char *t = s_tokens[(i * 5u) % 16u];
        size_t len = strlen(t);
        for (size_t k = 0; k < len && pos < STR_LEN; k++)
            s_str[pos++] = t[k];
        if (pos < STR_LEN)
            s_str[pos++] = ',';
    }
    s_str[STR_LEN] = '\0';
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static enum state next_state(enum state s, char c)
{
    switch (s) {
    case S_START:
        if (is_digit(c)) return S_INT;
        if (c == '+' || c == '-') return S_S1;
        if (c == '.') return S_FLOAT;
        return S_INVALID;
    case S_S1:
        if (is_digit(c)) return S_INT;
        if (c == '.') return S_FLOAT;
        return S_INVALID;
    case S_INT:
        if (c == '.') return S_FLOAT;
        if (!is_digit(c)) return S_INVALID;
        return S_INT;
    case S_FLOAT:
        if (c == 'E' || c == 'e') return S_S2;
        if (!is_digit(c)) return S_INVALID;
        return S_FLOAT;
    case S_S2:
        if (c == '+' || c == '-') return S_EXPONENT;
        return S_INVALID;
    case S_EXPONENT:
        if (is_digit(c)) return S_SCIENTIFIC;
        return S_INVALID;
    case S_SCIENTIFIC:
        if (!is_digit(c)) return S_INVALID;
        return S_SCIENTIFIC;
    default:
        return S_INVALID;
    }
}

static uint16_t bench_state(uint32_t iter, uint16_t crc)
{
    uint32_t final_counts[S_COUNT] = {0}, transitions[S_COUNT] = {0};
    enum state s = S_START;
    for (const char *p = s_str; *p; p++) {
        if (*p == ',') {
            final_counts[s]++;
            s = S_START;
            continue;
        }
        enum state n = next_state(s, *p);
        if (n != s)
            transitions[n]++;
        s = n;
    }
    for (int i = 0; i < S_COUNT; i++) {
        crc = crc16_u32(final_counts[i], crc);
        crc = crc16_u32(transitions[i], crc);
    }
    /* corrupt a few characters (deterministically) and restore them next time round */
    uint32_t stride = 1u + (iter % 7u);
    for (uint32_t i = iter % 13u; i < STR_LEN; i += stride * 16u)
        s_str[i] ^= 0x01; /* '0'<->'1', '.'<->'/', ','<->'-', 'e'<->'d' ... */
    return crc;
}

uint16_t coremark_crc(uint32_t iterations)
{
    uint16_t crc = 0;
    struct node *list = list_init(0x2b7e1516u);
    matrix_init(0x28aed2a6u);
    state_init();

    for (uint32_t iter = 0; iter < iterations; iter++) {
        crc = bench_list(&list, iter, crc);
        crc = bench_matrix((int16_t)((iter & 0x1f) - 16), crc);
        crc = bench_state(iter, crc);
    }
    return crc;
}
