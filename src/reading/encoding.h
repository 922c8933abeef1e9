/* Raw file bytes to clean UTF-8 text: byte-order marks, UTF-16, Windows-1252/Latin-1, binary
   and empty inputs, line endings, NFC. */
#ifndef NK_READING_ENCODING_H
#define NK_READING_ENCODING_H
#include <stddef.h>
#include "newskg/status.h"

/* Converts DATA[0..len) into NFC UTF-8 with "\n" line ends and no control characters other
   than tab and line feed. On success *out (NUL-terminated, freed with free()) and *out_len are
   set, and *warning (may be NULL) receives a static note when the input was transcoded
   ("transcoded from Windows-1252", "transcoded from UTF-16"); *transcoded is set to 1 for an
   8-bit input. Errors: NK_ERR_EMPTY, NK_ERR_BINARY, NK_ERR_ENCODING, NK_ERR_NOMEM. */
nk_status nk_bytes_to_text(const char *data, size_t len, char **out, size_t *out_len,
                           const char **warning, int *transcoded, nk_error *err);

#endif
