/* newskg reading: turns a file (plain text or HTML, any common encoding) into an article. */
#ifndef NEWSKG_ARTICLE_H
#define NEWSKG_ARTICLE_H

#include <stddef.h>
#include "newskg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nk_format { NK_FORMAT_TXT = 0, NK_FORMAT_HTML = 1 } nk_format;

/* An article as read. All strings are UTF-8 in NFC, NUL-terminated, owned by the article
   and freed by nk_article_free(). Optional fields are NULL when the input does not give them. */
typedef struct nk_article {
  char *path;      /* as given on the command line; "-" for standard input */
  char *file;      /* base name of path ("-" for stdin) */
  nk_format format;
  char *title;     /* txt: first non-empty line; html: <title>/og:title/<h1> */
  char *date;      /* ISO 8601 "YYYY-MM-DD" (or with time) when the input gives one */
  char *author;    /* html <meta name=author> or byline; NULL otherwise */
  char *site;      /* html og:site_name; NULL otherwise */
  char *text;      /* the article text every offset refers to (txt: the whole file, title
                      line included; html: title line, then body paragraphs separated by
                      blank lines) */
  size_t text_len; /* bytes in text, without the final NUL */
  char lang[3];    /* "fr" or "en": detected from the text */
  char hash[33];   /* hex content hash of text (128 bits): same article, same hash */
  int transcoded;  /* 1 when the input was Windows-1252/Latin-1 and was converted */
} nk_article;

/* Reads PATH (".html"/".htm" → HTML, anything else → text; "-" reads stdin as text).
   On success *out is a new article the caller frees with nk_article_free().
   Errors: NK_ERR_IO, NK_ERR_EMPTY, NK_ERR_BINARY, NK_ERR_ENCODING, NK_ERR_PARSE, with
   err->msg a one-line reason (without the file name: the caller prefixes it).
   *warning (may be NULL) receives a static note such as "transcoded from Windows-1252". */
nk_status nk_article_read_file(const char *path, nk_article **out, const char **warning,
                               nk_error *err);

/* Same from memory. NAME is used for path/file; DATA need not be NUL-terminated. */
nk_status nk_article_read_buffer(const char *name, const char *data, size_t len, nk_format fmt,
                                 nk_article **out, const char **warning, nk_error *err);

void nk_article_free(nk_article *a);

#ifdef __cplusplus
}
#endif
#endif
