/* Case folding, accent stripping and NFC, all through utf8proc. */
#include "text/fold.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "newskg/text.h"

/* The same options utf8proc_map() would use for "NFKC + casefold + strip marks": the text is
   decomposed (compatibility: no-break spaces become spaces, ligatures split), marks are
   dropped, and what is left is recomposed. */
#define NK_FOLD_OPTS                                                                        \
  ((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |               \
                       UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK))

static int fb_reserve(nk_foldbuf *fb, size_t n)
{
  if (n <= fb->cap) return 1;
  size_t cap = fb->cap ? fb->cap : 64;
  while (cap < n) cap *= 2;
  int32_t *p = realloc(fb->buf, cap * sizeof *p);
  if (!p) return 0;
  fb->buf = p;
  fb->cap = cap;
  return 1;
}

void nk_foldbuf_free(nk_foldbuf *fb)
{
  free(fb->buf);
  fb->buf = NULL;
  fb->cap = 0;
}

/* Bytes copied as they are, ASCII lowered: the ASCII fast path and the invalid-UTF-8 fallback.
   (ASCII case folding is exactly tolower, so the fast path agrees with utf8proc.) */
static const char *fold_bytes(nk_foldbuf *fb, const char *s, size_t len, size_t *out_len)
{
  if (!fb_reserve(fb, len / 4 + 1)) return NULL;
  char *out = (char *)fb->buf;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  out[len] = '\0';
  *out_len = len;
  return out;
}

static int is_apostrophe(int32_t c) { return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032; }

/* Hangul jamo compose with each other even after marks are stripped: such text needs the
   whole-string path. */
static int is_jamo(int32_t c)
{
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) ||
         (c >= 0xD7B0 && c <= 0xD7FF) || (c >= 0x3130 && c <= 0x318F);
}

/* The fold of one code point into OUT (at most 4 * 18 bytes); -1 when it needs the
   whole-string path. */
static utf8proc_ssize_t fold_cp(int32_t cp, unsigned char *out, size_t cap)
{
  if (is_apostrophe(cp)) {
    out[0] = '\'';
    return 1;
  }
  utf8proc_int32_t tmp[18];
  int last = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(cp, tmp, 18, NK_FOLD_OPTS, &last);
  if (n < 0 || n > 18) return -1;
  utf8proc_ssize_t w = 0;
  for (utf8proc_ssize_t k = 0; k < n; k++) {
    if ((size_t)w + 4 > cap || is_jamo(tmp[k])) return -1;
    int32_t c = is_apostrophe(tmp[k]) ? '\'' : tmp[k];
    w += utf8proc_encode_char(c, out + w);
  }
  return w;
}

/* The whole-string path: decompose, strip, fold, recompose. */
static const char *fold_whole(nk_foldbuf *fb, const char *s, size_t len, size_t *out_len)
{
  /* Decomposition may lengthen the text (a few code points per input byte at worst);
     utf8proc tells us the size needed when the buffer is too small. */
  if (!fb_reserve(fb, len + 1)) return NULL;
  utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                          fb->buf, (utf8proc_ssize_t)fb->cap, NK_FOLD_OPTS);
  if (n >= 0 && (size_t)n >= fb->cap) {
    if (!fb_reserve(fb, (size_t)n + 1)) return NULL;
    n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, fb->buf,
                           (utf8proc_ssize_t)fb->cap, NK_FOLD_OPTS);
  }
  if (n < 0) return fold_bytes(fb, s, len, out_len);
  /* reencode writes UTF-8 over the code points: it needs up to 4 bytes per code point,
     which is exactly the buffer (the +1 above leaves room for the NUL). */
  for (utf8proc_ssize_t k = 0; k < n; k++)
    if (is_apostrophe(fb->buf[k])) fb->buf[k] = '\'';
  utf8proc_ssize_t m = utf8proc_reencode(fb->buf, n, NK_FOLD_OPTS);
  if (m < 0) return fold_bytes(fb, s, len, out_len);
  ((char *)fb->buf)[m] = '\0';
  *out_len = (size_t)m;
  return (const char *)fb->buf;
}

/* The folds of the code points below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic...):
   fold_table[cp][0] is the length + 1 (0: the whole-string path), then the folded UTF-8
   bytes. Filled once per process, before first use, and only read afterwards: a per-buffer
   memo was refilled by every article's buffers (a 16 KB calloc and a utf8proc call per new
   character), which cost more than the folds themselves. None of these folds is longer than
   6 bytes or fails (checked over the whole range), so the table gives fold_cp's answer. */
static unsigned char fold_table[0x800][8];
static pthread_once_t fold_table_once = PTHREAD_ONCE_INIT;

static void fold_table_fill(void)
{
  for (int32_t cp = 0x80; cp < 0x800; cp++) {
    unsigned char tmp[80];
    utf8proc_ssize_t k = fold_cp(cp, tmp, sizeof tmp);
    if (k < 0 || k > 6)
      continue;
    fold_table[cp][0] = (unsigned char)(k + 1);
    memcpy(fold_table[cp] + 1, tmp, (size_t)k);
  }
}

const char *nk_fold_run(nk_foldbuf *fb, const char *s, size_t len, size_t *out_len)
{
  size_t i = 0;
  while (i < len && (unsigned char)s[i] < 0x80) i++;
  if (i == len) return fold_bytes(fb, s, len, out_len);
  if (len > (size_t)(PTRDIFF_MAX / 8)) return NULL;
  if (!fb_reserve(fb, len / 4 + 32)) return NULL;
  pthread_once(&fold_table_once, fold_table_fill);
  unsigned char *out = (unsigned char *)fb->buf;
  /* the ASCII head found above: lowered as it is copied */
  for (size_t k = 0; k < i; k++) {
    unsigned char c = (unsigned char)s[k];
    out[k] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  size_t w = i;
  while (i < len) {
    /* room for the longest fold of one code point (18 code points, 72 bytes) and the NUL */
    if (w + 80 > fb->cap * sizeof *fb->buf) {
      if (!fb_reserve(fb, (w + 80) / 2 + 1)) return NULL;
      out = (unsigned char *)fb->buf;
    }
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      out[w++] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t r =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
    if (r <= 0) return fold_bytes(fb, s, len, out_len);
    i += (size_t)r;
    if (cp < 0x800) {
      const unsigned char *m = fold_table[cp];
      if (m[0] == 0) return fold_whole(fb, s, len, out_len);
      memcpy(out + w, m + 1, (size_t)(m[0] - 1));
      w += (size_t)(m[0] - 1);
    } else {
      utf8proc_ssize_t k = fold_cp(cp, out + w, 80);
      if (k < 0) return fold_whole(fb, s, len, out_len);
      w += (size_t)k;
    }
  }
  out[w] = '\0';
  *out_len = w;
  return (const char *)out;
}

char *nk_text_fold(const char *s, size_t len)
{
  nk_foldbuf fb = {0};
  size_t n = 0;
  const char *r = nk_fold_run(&fb, s, len, &n);
  char *out = NULL;
  if (r) {
    out = malloc(n + 1);
    if (out) memcpy(out, r, n + 1);
  }
  nk_foldbuf_free(&fb);
  return out;
}

/* Whether S is certainly in NFC already: every code point below U+0300 is stable, and above
   it a code point is stable when it has no canonical decomposition, no combining class, no
   composition exclusion and takes no part in composition. Returns -1 on invalid UTF-8. */
static int quick_nfc(const char *s, size_t len)
{
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t r =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
    if (r <= 0) return -1;
    i += (size_t)r;
    if (cp < 0x300) continue;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class || p->comp_exclusion || p->comb_index != UINT16_MAX ||
        (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) || is_jamo(cp) ||
        (cp >= 0xAC00 && cp <= 0xD7A3))
      return 0;
  }
  return 1;
}

char *nk_text_nfc(const char *s, size_t len, size_t *out_len)
{
  utf8proc_uint8_t *dst = NULL;
  int quick = quick_nfc(s, len);
  if (quick < 0) return NULL;
  if (quick) {
    char *copy = malloc(len + 1);
    if (!copy) return NULL;
    if (len) memcpy(copy, s, len);
    copy[len] = '\0';
    if (out_len) *out_len = len;
    return copy;
  }
  if (len > (size_t)(PTRDIFF_MAX / 8)) return NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &dst,
                                    (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return NULL;
  if (out_len) *out_len = (size_t)n;
  return (char *)dst;
}

uint32_t nk_fold_hash(const char *s)
{
  uint32_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}
