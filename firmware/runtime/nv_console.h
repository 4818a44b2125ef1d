/* stdout printed once across power failures (docs/power.md "The stdout rule").
 *
 * A boot that restarts after a failure prints again what the boots before it printed, if its output
 * is a function of its committed state: the same characters in the same order. nv_console_open()
 * puts a filter in front of the UART (stdout's put function) that counts the characters of this boot and
 * sends only those past the count the earlier boots sent, a count kept in non-volatile memory and
 * stored after each character is sent. So a run through failures prints what a run without
 * failures prints, provided every boot's output is a prefix-extension of the same stream (print
 * results from committed state only). A failure between a character's UART write and the count's
 * store (one instruction) prints that character twice: at-least-once, not exactly-once.
 *
 * Regenerating a long prefix at every boot costs its printf time (about 0.8 us a character) and
 * can stop a program from ever getting past it; so a program records the stream position with its
 * committed state (nv_console_position()) and, after restoring it, skips to it
 * (nv_console_seek()) instead of printing the prefix again. */
#ifndef PIMSOC_RUNTIME_NV_CONSOLE_H
#define PIMSOC_RUNTIME_NV_CONSOLE_H

#include <stdint.h>

/* Installs the filter; `cold` (a cold boot) restarts the count at 0. */
void nv_console_open(int cold);

/* This boot's position in the output stream: the characters produced so far, or seeked over. */
uint32_t nv_console_position(void);

/* Declares the characters up to `position` produced (by earlier boots, from the state just
 * restored): the next character printed is character `position` of the stream. */
void nv_console_seek(uint32_t position);

/* Characters sent over all boots so far. */
uint32_t nv_console_sent(void);

#endif /* PIMSOC_RUNTIME_NV_CONSOLE_H */
