/* Content hash: identifies an article by its text, so that ingesting the same article twice
   is detected. */
#ifndef NK_UTIL_HASH_H
#define NK_UTIL_HASH_H
#include <stddef.h>

/* The first 128 bits of SHA-256(DATA[0..len)) as 32 lower-case hex digits plus a NUL in OUT. */
void nk_hash128_hex(const void *data, size_t len, char out[33]);

#endif
