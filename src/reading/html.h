/* HTML articles: metadata and story paragraphs out of a page, through libxml2. */
#ifndef NK_READING_HTML_H
#define NK_READING_HTML_H
#include <stddef.h>
#include "newskg/status.h"

typedef struct nk_html_doc {
  char *title, *date, *author, *site; /* NULL when absent */
  char *body;     /* paragraphs separated by "\n\n", white space collapsed */
  size_t body_len;
} nk_html_doc;

/* Parses UTF-8 HTML (no network, no external entities, errors recovered) into *out. Every
   string of *out is malloc'ed and freed with nk_html_doc_clear(). Error: NK_ERR_PARSE,
   NK_ERR_NOMEM. */
nk_status nk_html_extract(const char *utf8, size_t len, nk_html_doc *out, nk_error *err);
void nk_html_doc_clear(nk_html_doc *d);

#endif
