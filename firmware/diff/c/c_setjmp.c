/* Differential test: setjmp/longjmp (register save/restore, return values, nested levels). */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

static jmp_buf top, inner;
static volatile int depth_reached;

static uint32_t __attribute__((noinline)) recurse(int depth, uint32_t acc)
{
    acc = acc * 2654435761u + (uint32_t)depth;
    depth_reached = depth;
    if (depth == 25)
        longjmp(inner, (int)(acc & 0xff) | 1);
    if (depth == 40)
        longjmp(top, 0); /* longjmp with 0 makes setjmp return 1 */
    if (depth > 100)
        return acc; /* not reached */
    return recurse(depth + 1, acc) + (uint32_t)depth;
}

int main(void)
{
    volatile uint32_t counter = 0;
    volatile int rounds = 0;
    int r = setjmp(top);
    printf("top setjmp -> %d (rounds %d)\n", r, rounds);
    if (rounds < 3) {
        rounds++;
        int v = setjmp(inner);
        if (v == 0) {
            counter += 1000;
            recurse(0, counter);
            printf("not reached\n");
        } else {
            printf("inner longjmp value %d depth %d counter %lu\n", v, depth_reached,
                   (unsigned long)counter);
            counter += (uint32_t)v;
            if (rounds == 2) {
                /* second level: reuse inner to jump out of a deeper call chain to top */
                if (setjmp(inner) == 0)
                    recurse(26, counter);
            }
            longjmp(top, rounds * 10);
        }
    }
    printf("done counter %lu\n", (unsigned long)counter);
    return (int)(counter & 0x7f);
}
