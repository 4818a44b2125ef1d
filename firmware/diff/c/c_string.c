/* Differential test: picolibc string and conversion functions on unaligned buffers (word-at-a-time
 * implementations, misaligned heads and tails). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t area[512];
static uint32_t hash_area(void)
{
    uint32_t h = 2166136261u;
    for (unsigned i = 0; i < sizeof area; i++)
        h = (h ^ area[i]) * 16777619u;
    return h;
}

int main(void)
{
    for (unsigned i = 0; i < sizeof area; i++)
        area[i] = (uint8_t)(i * 7 + 3);
    for (int off = 0; off < 4; off++)
        for (int len = 0; len < 40; len += 3) {
            memcpy(area + 100 + off, area + 7 + len % 4, (size_t)len);
            memmove(area + 200 + off, area + 201 + (len & 3), (size_t)len);
            memmove(area + 301, area + 300 - off, (size_t)len);
            memset(area + 400 + off, len, (size_t)len);
        }
    printf("mem: %08lx cmp %d %d %d\n", (unsigned long)hash_area(), memcmp(area, area + 4, 16) > 0,
           memcmp("abc", "abd", 3) < 0, memcmp(area + 1, area + 1, 33));

    char s[128];
    for (int off = 0; off < 4; off++) {
        char *p = s + off;
        strcpy(p, "The quick brown fox jumps over the lazy dog");
        printf("%d len=%u chr=%ld rchr=%ld str=%ld spn=%u cspn=%u\n", off, (unsigned)strlen(p),
               (long)(strchr(p, 'o') - p), (long)(strrchr(p, 'o') - p),
               (long)(strstr(p, "lazy") - p), (unsigned)strspn(p, "ehT "),
               (unsigned)strcspn(p, "xyz"));
        strcat(p, "!?");
        printf("  cmp %d %d %d ncmp %d cat '%s'\n", strcmp(p, "The") > 0, strcmp("a", "b") < 0,
               strcmp(p, p), strncmp(p, "The quack", 6), p + 40);
    }
    char tok[] = "  alpha,beta;;gamma , delta,";
    for (char *t = strtok(tok, " ,;"); t; t = strtok(NULL, " ,;"))
        printf("tok '%s'\n", t);

    static const char *const nums[] = {"0", "-1", "2147483647", "-2147483648", "2147483648",
                                       "0x7fffffff", "0777", "  +42abc", "-0x80000000", "zz",
                                       "4294967295", "99999999999"};
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *end;
        long v = strtol(nums[i], &end, 0);
        unsigned long u = strtoul(nums[i], NULL, 0);
        long long ll = strtoll(nums[i], NULL, 10);
        printf("'%s' -> %ld %lu %lld rest '%s' atoi %d\n", nums[i], v, u, ll, end, atoi(nums[i]));
    }
    int up = 0;
    for (int c = 0; c < 128; c++)
        up = up * 3 + (isupper(c) ? 1 : 0) + (isdigit(c) ? 2 : 0) + (isspace(c) ? 5 : 0) +
             (toupper(c) != c);
    printf("ctype %d\n", up);
    uint32_t h = hash_area();
    return (int)(h & 0x7fu);
}
