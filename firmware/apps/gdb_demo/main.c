/* gdb_demo: a small program to debug with GDB (docs/debugging.md; tests/gdb/gdb_session.sh drives
 * it with gdb-multiarch). A global to print and watch, a function to break in; prints the sum of
 * the squares of 1..4 and exits with its tens digit (3), so the debugger sees a non-zero exit. */
#include <stdio.h>

unsigned int total;       /* watched: written once per loop iteration */
unsigned int squares[4];

unsigned int square(unsigned int x)
{
    return x * x;
}

int main(void)
{
    for (unsigned int i = 0; i < 4; i++) {
        squares[i] = square(i + 1);
        total += squares[i];
    }
    printf("gdb_demo: total = %u\n", total);
    return (int)(total / 10);
}
