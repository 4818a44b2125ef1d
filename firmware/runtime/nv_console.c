/* The once-only stdout filter: see nv_console.h. */
#include "runtime/nv_console.h"

#include <stdio.h>

#include "hal/uart.h"
#include "runtime/checkpoint.h"

#define CONSOLE_MAGIC 0x4E4F4353u /* "SCON" */

static volatile uint32_t s_nv[2] CKPT_NV; /* magic, characters sent over all boots */
static uint32_t s_boot_chars;            /* characters this boot has produced (.bss: 0 at boot) */

static int send_once(char c, FILE *stream)
{
    (void)stream;
    const uint32_t index = s_boot_chars++;
    if (index < s_nv[1])
        return (unsigned char)c; /* an earlier boot sent it */
    uart_putc(c);
    s_nv[1] = index + 1u;
    return (unsigned char)c;
}

void nv_console_open(int cold)
{
    if (cold || s_nv[0] != CONSOLE_MAGIC) {
        s_nv[1] = 0;
        s_nv[0] = CONSOLE_MAGIC;
    }
    s_boot_chars = 0;
    /* stdout's put function (picolibc's FILE, hal/stdio.c's stream on the UART). The stream lives
     * in .data, which the next boot does not reload: its output before nv_console_open() goes
     * through the filter too, counted from 0 like every boot's, which is what the rule wants. */
    stdout->put = send_once;
}

uint32_t nv_console_position(void) { return s_boot_chars; }

void nv_console_seek(uint32_t position) { s_boot_chars = position; }

uint32_t nv_console_sent(void) { return s_nv[1]; }
