/* CHECK and RUN for the device self-tests (dma_selftest, rtm_selftest): define SELFTEST_NAME
 * ("dma_selftest") before including. A test is a function returning 0 when every CHECK held;
 * the first failing CHECK prints "<name>: FAIL: <message> (line N)" and returns 1. */
#ifndef PIMSOC_APPS_SELFTEST_H
#define PIMSOC_APPS_SELFTEST_H

#include <stdio.h>

#ifndef SELFTEST_NAME
#error "define SELFTEST_NAME before including apps/selftest.h"
#endif

#define CHECK(cond, ...)                                       \
    do {                                                       \
        if (!(cond)) {                                         \
            printf(SELFTEST_NAME ": FAIL: " __VA_ARGS__);      \
            printf(" (line %d)\n", __LINE__);                  \
            return 1;                                          \
        }                                                      \
    } while (0)

#define RUN(test)                   \
    do {                            \
        if (test() != 0)            \
            return 1;               \
        printf("  %s ok\n", #test); \
    } while (0)

#endif /* PIMSOC_APPS_SELFTEST_H */
