/* newskg: status codes and error messages shared by every module. */
#ifndef NEWSKG_STATUS_H
#define NEWSKG_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every fallible function returns one of these; NK_OK is 0. */
typedef enum nk_status {
  NK_OK = 0,
  NK_DUPLICATE,      /* not an error: the article is already stored (same content hash) */
  NK_ERR_USAGE,      /* bad argument or option */
  NK_ERR_NOMEM,
  NK_ERR_IO,         /* cannot open, read or write a file */
  NK_ERR_EMPTY,      /* empty input (no text at all) */
  NK_ERR_BINARY,     /* NUL bytes or mostly non-text */
  NK_ERR_ENCODING,   /* text that is neither UTF-8 nor a known 8-bit encoding */
  NK_ERR_PARSE,      /* malformed HTML/XML beyond recovery */
  NK_ERR_DB,         /* any other SQLite failure */
  NK_ERR_DB_VERSION, /* database written by a newer newskg */
  NK_ERR_DB_READONLY,
  NK_ERR_DB_BUSY,    /* locked by another process past the busy timeout */
  NK_ERR_DB_FULL,
  NK_ERR_DB_CORRUPT, /* not a database, or a damaged one */
  NK_ERR_RENDER,     /* Graphviz layout or rendering failed */
  NK_ERR_INTERNAL
} nk_status;

/* A one-line, human-readable reason filled in by the function that failed. The caller owns
   the struct (usually on its stack); functions write at most sizeof msg bytes, NUL-terminated. */
typedef struct nk_error {
  char msg[512];
} nk_error;

/* A static English name for a status ("binary file", "database is read-only"...). */
const char *nk_status_str(nk_status st);

/* printf-style helper: fills err->msg (err may be NULL) and returns st. */
nk_status nk_error_set(nk_error *err, nk_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif
#endif
