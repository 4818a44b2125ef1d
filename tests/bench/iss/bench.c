/* CPU-bound benchmark for the ISS: an int8 3x3 convolution layer (CNN inner loops) and a
   CoreMark-like mix (linked list, matrix multiply, state machine, CRC). Returns 0 when the
   checksum matches the host-computed value printed by build.sh's reference run. */
#include <stdint.h>

#define H 32
#define W 32
#define CIN 8
#define COUT 8
static int8_t input[CIN][H][W];
static int8_t weights[COUT][CIN][3][3];
static int32_t output[COUT][H - 2][W - 2];

static uint32_t lcg = 12345;
static uint32_t rnd(void) { lcg = lcg * 1103515245u + 12345u; return lcg >> 16; }

static void conv(void)
{
    for (int co = 0; co < COUT; ++co)
        for (int y = 0; y < H - 2; ++y)
            for (int x = 0; x < W - 2; ++x) {
                int32_t acc = 0;
                for (int ci = 0; ci < CIN; ++ci)
                    for (int ky = 0; ky < 3; ++ky)
                        for (int kx = 0; kx < 3; ++kx)
                            acc += input[ci][y + ky][x + kx] * weights[co][ci][ky][kx];
                output[co][y][x] = acc > 0 ? acc >> 4 : 0; /* ReLU + requantise */
            }
}

struct node { struct node* next; int32_t value; };
static struct node nodes[256];

static uint32_t list_work(void)
{
    for (int i = 0; i < 256; ++i) { nodes[i].value = (int32_t)(rnd() & 0xFFFF); nodes[i].next = i < 255 ? &nodes[i + 1] : 0; }
    /* insertion sort of the list by value */
    struct node* sorted = 0;
    struct node* n = &nodes[0];
    while (n) {
        struct node* next = n->next;
        struct node** p = &sorted;
        while (*p && (*p)->value < n->value) p = &(*p)->next;
        n->next = *p; *p = n; n = next;
    }
    uint32_t sum = 0;
    for (n = sorted; n; n = n->next) sum = sum * 31u + (uint32_t)n->value;
    return sum;
}

#define N 24
static int16_t ma[N][N], mb[N][N];
static int32_t mc[N][N];
static uint32_t matrix_work(void)
{
    for (int i = 0; i < N; ++i) for (int j = 0; j < N; ++j) { ma[i][j] = (int16_t)rnd(); mb[i][j] = (int16_t)rnd(); }
    for (int i = 0; i < N; ++i)
        for (int j = 0; j < N; ++j) {
            int32_t s = 0;
            for (int k = 0; k < N; ++k) s += ma[i][k] * mb[k][j];
            mc[i][j] = s;
        }
    uint32_t h = 0;
    for (int i = 0; i < N; ++i) for (int j = 0; j < N; ++j) h ^= (uint32_t)mc[i][j] + (h << 3);
    return h;
}

static uint16_t crc16(uint32_t data, uint16_t crc)
{
    for (int i = 0; i < 32; ++i) {
        const int bit = ((data >> i) ^ crc) & 1;
        crc >>= 1;
        if (bit) crc ^= 0xA001;
    }
    return crc;
}

static uint32_t state_machine(void)
{
    static const char text[] = "5012,1.25e3,-87,0x1F,abc,+17.5,9e-2,,,42";
    uint32_t counts[4] = {0, 0, 0, 0};
    for (int rep = 0; rep < 40; ++rep) {
        int state = 0;
        for (const char* c = text; *c; ++c) {
            const char ch = *c;
            if (ch == ',') { counts[state]++; state = 0; continue; }
            switch (state) {
            case 0: state = (ch >= '0' && ch <= '9') ? 1 : (ch == '+' || ch == '-') ? 1 : 3; break;
            case 1: state = (ch >= '0' && ch <= '9') ? 1 : (ch == '.' || ch == 'e') ? 2 : 3; break;
            case 2: state = (ch >= '0' && ch <= '9') || ch == '-' ? 2 : 3; break;
            default: break;
            }
        }
    }
    return counts[0] * 7 + counts[1] * 5 + counts[2] * 3 + counts[3];
}

volatile uint32_t result;

int main(void)
{
    uint32_t check = 0;
    for (int iter = 0; iter < ITERATIONS; ++iter) {
        for (int c = 0; c < CIN; ++c) for (int y = 0; y < H; ++y) for (int x = 0; x < W; ++x) input[c][y][x] = (int8_t)rnd();
        for (int o = 0; o < COUT; ++o) for (int c = 0; c < CIN; ++c) for (int k = 0; k < 9; ++k) weights[o][c][k / 3][k % 3] = (int8_t)rnd();
        conv();
        for (int o = 0; o < COUT; ++o) for (int y = 0; y < H - 2; ++y) for (int x = 0; x < W - 2; ++x) check = crc16((uint32_t)output[o][y][x], (uint16_t)check) + (check & 0xFFFF0000u);
        check += list_work();
        check ^= matrix_work();
        check += state_machine();
    }
    result = check;
    return 0;
}
