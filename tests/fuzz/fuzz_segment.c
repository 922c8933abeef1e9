/* Fuzz target: the segmenter on arbitrary bytes (invalid UTF-8 included: segmenting must
   never fail or read outside the text), with the invariants a caller relies on: tokens,
   sentences and paragraphs in order, inside each other and inside the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* an exact copy so that reading one byte past the end is caught */
  char *text = malloc(size ? size : 1);
  if (!text) return 0;
  if (size) memcpy(text, data, size);
  nk_doc *d = NULL;
  nk_error err;
  const char *title = size > 4 ? "titre" : NULL;
  if (nk_doc_segment(text, size, title, NULL, &d, &err) != NK_OK) abort();
  size_t prev_end = 0;
  for (size_t i = 0; i < d->n_toks; i++) {
    const nk_token *t = &d->toks[i];
    if (t->start >= t->end || t->end > size || t->start < prev_end || !t->fold) abort();
    if (t->sent >= d->n_sents) abort();
    const nk_sentence *s = &d->sents[t->sent];
    if (t->start < s->start || t->end > s->end) abort();
    prev_end = t->end;
  }
  for (size_t i = 0; i < d->n_sents; i++) {
    const nk_sentence *s = &d->sents[i];
    if (s->para >= d->n_paras || s->tok_count == 0) abort();
    const nk_paragraph *p = &d->paras[s->para];
    if (s->start < p->start || s->end > p->end) abort();
  }
  char *f = nk_text_fold(text, size);
  free(f);
  size_t n;
  char *c = nk_text_nfc(text, size, &n);
  free(c);
  (void)nk_text_detect_lang(text, size);
  nk_doc_free(d);
  free(text);
  return 0;
}
