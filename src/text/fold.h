/* Folding without a malloc per call: the segmenter folds every token through one reusable
   buffer. nk_text_fold() (text.h) uses the same code, so lexicon phrases and text tokens are
   folded identically. */
#ifndef NK_TEXT_FOLD_H
#define NK_TEXT_FOLD_H
#include <stddef.h>
#include <stdint.h>

typedef struct nk_foldbuf {
  int32_t *buf; /* code points, then the UTF-8 result written over them */
  size_t cap;   /* in int32 units */
} nk_foldbuf;

/* Folds S[0..len) (compatibility decomposition, marks stripped, case folded, recomposed,
   ’ ‘ ʼ → '). Code point by code point (marks are stripped, so nothing is left for
   composition to join, Hangul aside, which takes the whole-string path). Returns the NUL-terminated result inside FB (valid until the next call) and its
   length in *out_len; NULL when out of memory. Invalid UTF-8 is not an error: the bytes are
   copied with ASCII letters lowered, so arbitrary input never fails. */
const char *nk_fold_run(nk_foldbuf *fb, const char *s, size_t len, size_t *out_len);
void nk_foldbuf_free(nk_foldbuf *fb);

#endif
