/* print_args: prints argc and each argv[i] in brackets, and checks argv[argc] == NULL (exit 1 if
 * not). `pimsoc run print_args.elf -- a "b c" ""` shows what reaches main (docs/firmware.md). */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] [%s]\n", i, argv[i]);
    if (argv[argc] != NULL) {
        printf("argv[argc] is not NULL\n");
        return 1;
    }
    return 0;
}
