#include "hal/args.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void args_begin(args_cursor *cursor, int argc, char **argv, const char *program)
{
    cursor->argc = argc;
    cursor->argv = argv;
    cursor->next = argc > 0 ? 1 : 0;
    cursor->program = program;
}

const char *args_next(args_cursor *cursor)
{
    return cursor->next < cursor->argc ? cursor->argv[cursor->next++] : NULL;
}

int args_value(args_cursor *cursor, const char *option, const char **value)
{
    *value = args_next(cursor);
    if (*value == NULL)
        return args_error(cursor, "option %s needs a value", option);
    return ARGS_OK;
}

/* Decimal or 0x hex without sign; 0 when `text` is such a number that fits 32 bits. */
static int parse_u32(const char *text, uint32_t *value)
{
    unsigned base = 10;
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text += 2;
    }
    if (*text == '\0')
        return -1;
    uint64_t v = 0;
    for (; *text; text++) {
        unsigned digit;
        if (*text >= '0' && *text <= '9')
            digit = (unsigned)(*text - '0');
        else if (base == 16 && *text >= 'a' && *text <= 'f')
            digit = (unsigned)(*text - 'a' + 10);
        else if (base == 16 && *text >= 'A' && *text <= 'F')
            digit = (unsigned)(*text - 'A' + 10);
        else
            return -1;
        v = v * base + digit;
        if (v > 0xFFFFFFFFu)
            return -1;
    }
    *value = (uint32_t)v;
    return 0;
}

int args_u32(args_cursor *cursor, const char *option, uint32_t min, uint32_t max, uint32_t *value)
{
    const char *text;
    if (args_value(cursor, option, &text) != ARGS_OK)
        return ARGS_ERROR;
    if (parse_u32(text, value) != 0 || *value < min || *value > max)
        return args_error(cursor, "option %s: '%s' is not a number from %lu to %lu", option, text,
                          (unsigned long)min, (unsigned long)max);
    return ARGS_OK;
}

int args_find(const char *word, const char *const *choices)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(word, choices[i]) == 0)
            return i;
    return -1;
}

void args_print_choices(const char *const *choices)
{
    for (int i = 0; choices[i]; i++)
        printf("%s%s", i == 0 ? "" : choices[i + 1] ? ", " : " or ", choices[i]);
}

int args_choice(args_cursor *cursor, const char *option, const char *what, const char *const *choices)
{
    const char *text;
    if (args_value(cursor, option, &text) != ARGS_OK)
        return -1;
    const int index = args_find(text, choices);
    if (index < 0) {
        printf("%s: option %s: unknown %s '%s' (expected ", cursor->program, option, what, text);
        args_print_choices(choices);
        printf(")\n");
    }
    return index;
}

int args_unknown(const args_cursor *cursor, const char *word)
{
    return args_error(cursor, "unknown option '%s' (try --help)", word);
}

int args_error(const args_cursor *cursor, const char *format, ...)
{
    printf("%s: ", cursor->program);
    va_list list;
    va_start(list, format);
    vprintf(format, list);
    va_end(list);
    printf("\n");
    return ARGS_ERROR;
}
