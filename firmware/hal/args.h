/* Command-line options of firmware programs (`pimsoc run APP.elf -- --option value ...`): a small
 * cursor over main's argv shared by every app, so that each parses its options the same way and
 * says what is wrong in one line. Errors print "PROGRAM: ..." on stdout and return ARGS_ERROR (2,
 * the exit code every app uses for a bad argument). */
#ifndef PIMSOC_HAL_ARGS_H
#define PIMSOC_HAL_ARGS_H

#include <stdint.h>

#define ARGS_OK 0
#define ARGS_ERROR 2

typedef struct {
    int argc;
    char **argv;
    int next;            /* index of the next word */
    const char *program; /* for the error lines */
} args_cursor;

/* Starts after argv[0]. `program` names the app in error lines. */
void args_begin(args_cursor *cursor, int argc, char **argv, const char *program);

/* The next word (an option), or NULL when there are no more. */
const char *args_next(args_cursor *cursor);

/* The value of `option` (the word after it): ARGS_OK, or ARGS_ERROR after "option X needs a value". */
int args_value(args_cursor *cursor, const char *option, const char **value);

/* The value of `option` as an unsigned number (decimal or 0x hex) in [min, max]; ARGS_ERROR after
 * one line when it is missing, not a number or out of range. */
int args_u32(args_cursor *cursor, const char *option, uint32_t min, uint32_t max, uint32_t *value);

/* The value of `option` as one of `choices` (a NULL-terminated list): its index, or -1 after
 * "option X: unknown VALUE 'V' (expected a, b or c)" (`what` names the kind of value). */
int args_choice(args_cursor *cursor, const char *option, const char *what, const char *const *choices);

/* Index of `word` in `choices` (NULL-terminated), -1 when absent. */
int args_find(const char *word, const char *const *choices);

/* Prints "X: unknown option 'W' (try --help)" and returns ARGS_ERROR. */
int args_unknown(const args_cursor *cursor, const char *word);

/* Prints "X: " and the message (a printf format), then a newline; returns ARGS_ERROR. */
int args_error(const args_cursor *cursor, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Prints the choices as "a, b or c" (no newline). */
void args_print_choices(const char *const *choices);

#endif /* PIMSOC_HAL_ARGS_H */
