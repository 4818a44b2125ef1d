/* main's argc and argv, as QEMU semihosting and Spike give them: `pimsoc run ELF -- ARG...` puts
 * the ELF path as given and the ARGs into sysctl's argument window (ARGC, ARGS_BYTES and the
 * NUL-separated bytes, ip/sysctl/sysctl_regs.h); this copies them and calls main(argc, argv) with
 * argv[argc] = NULL. Without sysctl (its ID does not read "SYSC", e.g. on QEMU's virt machine)
 * main gets argc = 0 and argv = {NULL}. A program may define main(void) and ignore them. */
#include <stdint.h>
#include <stdlib.h>

#include "hal/mmio.h"
#include "memory_map.h"
#include "sysctl/sysctl_regs.h"

#define SYSCTL_REG(off) ((uintptr_t)PIMSOC_SYSCTL_BASE + (off))
#define MAX_ARGS (SYSCTL_ARGS_MAX_BYTES / 2u) /* each argument takes at least its NUL */

int main(int argc, char **argv);
void pimsoc_start_main(void) __attribute__((noreturn));

/* The copies live in this frame, which lasts until exit(): atexit handlers may still use argv. */
void pimsoc_start_main(void)
{
    uint32_t words[SYSCTL_ARGS_MAX_BYTES / 4u];
    char *argv[MAX_ARGS + 1u];
    int argc = 0;
    if (mmio_read32(SYSCTL_REG(SYSCTL_ID)) == SYSCTL_ID_VALUE) {
        uint32_t count = mmio_read32(SYSCTL_REG(SYSCTL_ARGC));
        uint32_t bytes = mmio_read32(SYSCTL_REG(SYSCTL_ARGS_BYTES));
        if (bytes > SYSCTL_ARGS_MAX_BYTES)
            bytes = SYSCTL_ARGS_MAX_BYTES;
        for (uint32_t i = 0; i < (bytes + 3u) / 4u; i++)
            words[i] = mmio_read32(SYSCTL_REG(SYSCTL_ARGS_WINDOW + 4u * i));
        char *text = (char *)words;
        /* Every argument ends with a NUL inside `bytes`; stop at the first one that does not. */
        for (uint32_t at = 0; argc < (int)count && argc < (int)MAX_ARGS && at < bytes; argc++) {
            argv[argc] = &text[at];
            while (at < bytes && text[at] != '\0')
                at++;
            if (at == bytes)
                break;
            at++;
        }
    }
    argv[argc] = NULL;
    exit(main(argc, argv));
}
