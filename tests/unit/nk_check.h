/* CHECK(cond, fmt, ...): counts a failure in the test program's `failures` and prints where,
   the condition and why, without stopping, so one run lists every failing case. Include once
   per test program. */
#ifndef NK_CHECK_H
#define NK_CHECK_H

#include <stdio.h>

static int failures;
#define CHECK(cond, ...)                                                   \
  do {                                                                     \
    if (!(cond)) {                                                         \
      failures++;                                                          \
      printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);               \
      printf(__VA_ARGS__);                                                 \
      printf("\n");                                                        \
    }                                                                      \
  } while (0)

#endif
