/* Differential test: picolibc printf/snprintf integer formatting (division, shifts, sign
 * handling in the formatter) over edge values, flags, widths and precisions. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const int32_t values[] = {0, 1, -1, 7, -7, 9, 10, -10, 99, 100, 255, 256, 4095, -4096,
                                  32767, -32768, 65535, 1000000, -999999, 123456789,
                                  INT32_MAX, INT32_MIN, INT32_MIN + 1};

static const char *const formats[] = {"%d", "%i", "%u", "%x", "%X", "%o", "%5d", "%-5d|",
                                      "%+d", "% d", "%05d", "%.3d", "%8.4x", "%#x", "%#o",
                                      "%-#10X|", "%+08d", "%c"};

int main(void)
{
    char buf[64];
    uint32_t sum = 0;
    for (unsigned f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        printf("[%s]", formats[f]);
        for (unsigned v = 0; v < sizeof values / sizeof values[0]; v++) {
            int32_t x = values[v];
            if (formats[f][1] == 'c')
                x = 'A' + (int)((uint32_t)x % 26u);
            int n = snprintf(buf, sizeof buf, formats[f], x);
            printf(" %s", buf);
            sum = sum * 31u + (uint32_t)n;
        }
        printf("\n");
    }
    static const long long wide[] = {0, 1, -1, 4294967295LL, 4294967296LL, -4294967296LL,
                                     LLONG_MAX, LLONG_MIN, 1000000000000LL, -999999999999LL};
    for (unsigned v = 0; v < sizeof wide / sizeof wide[0]; v++)
        printf("%lld %llu %llx %20lld|\n", wide[v], (unsigned long long)wide[v],
               (unsigned long long)wide[v], wide[v]);
    printf("%s|%10s|%-10s|%.3s|%%|%p\n", "str", "right", "left", "truncate", (void *)0x80001234);
    /* truncation: snprintf returns the full length */
    int n = snprintf(buf, 8, "%d-%d-%d", 123456, -7890, 42);
    printf("truncated '%s' n=%d len=%u\n", buf, n, (unsigned)strlen(buf));
    printf("sum %08lx\n", (unsigned long)sum);
    return (int)(sum & 0x7fu);
}
