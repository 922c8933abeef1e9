/* Fuzz target: the reader on arbitrary bytes, as plain text and as HTML (the first byte picks: odd for
   HTML, even for text), then the segmenter on what was read. Any status is fine; crashes, leaks and
   undefined behaviour are not, and a successful read must give a consistent article. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/article.h"
#include "newskg/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size == 0) return 0;
  nk_format fmt = (data[0] & 1) ? NK_FORMAT_HTML : NK_FORMAT_TXT;
  nk_article *a = NULL;
  nk_error err;
  const char *warning = NULL;
  nk_status st = nk_article_read_buffer(fmt == NK_FORMAT_HTML ? "f.html" : "f.txt",
                                        (const char *)data + 1, size - 1, fmt, &a, &warning,
                                        &err);
  if (st != NK_OK) {
    if (a || !memchr(err.msg, '\0', sizeof err.msg)) abort();
    return 0;
  }
  if (!a || !a->text || strlen(a->text) != a->text_len || !a->title || strlen(a->hash) != 32)
    abort();
  nk_doc *d = NULL;
  if (nk_doc_segment(a->text, a->text_len, a->title, NULL, &d, &err) == NK_OK) {
    for (size_t i = 0; i < d->n_toks; i++)
      if (d->toks[i].start >= d->toks[i].end || d->toks[i].end > d->len || !d->toks[i].fold)
        abort();
    nk_doc_free(d);
  }
  nk_article_free(a);
  return 0;
}
