/* Streaming XML output for the exporters: libxml2's xmlTextWriter over a FILE*, with the
   cleaning that keeps store strings (which come from untrusted articles) well-formed. */
#include "export/xmlout.h"

#include <limits.h>

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* libxml2 output callback: CTX is the nk_xml. A failure is recorded, not returned: libxml2
   would print its own "I/O error" line on stderr, and the caller reports the error once
   (nk_xml_ok() turns false, so the exporters stop at the next row). */
static int write_cb(void *ctx, const char *buf, int len)
{
  nk_xml *x = ctx;
  if (len <= 0)
    return 0;
  if (!x->io_error && fwrite(buf, 1, (size_t)len, x->out) != (size_t)len)
    x->io_error = 1;
  return len;
}

/* The FILE* belongs to the caller: closing the libxml2 buffer only flushes it. */
static int close_cb(void *ctx)
{
  nk_xml *x = ctx;
  if (fflush(x->out) != 0)
    x->io_error = 1;
  return 0;
}

nk_status nk_xml_open(nk_xml *x, FILE *out, int indent, nk_error *err)
{
  memset(x, 0, sizeof *x);
  x->out = out;
  xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(write_cb, close_cb, x, NULL);
  if (!buf)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  x->w = xmlNewTextWriter(buf); /* owns buf from here, even on failure of later calls */
  if (!x->w) {
    xmlOutputBufferClose(buf);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  }
  if (indent) {
    xmlTextWriterSetIndent(x->w, 1);
    xmlTextWriterSetIndentString(x->w, BAD_CAST "  ");
  }
  if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0)
    x->failed = 1;
  return NK_OK;
}

nk_status nk_xml_close(nk_xml *x, nk_error *err)
{
  if (!x->w)
    return nk_error_set(err, NK_ERR_INTERNAL, "XML writer not open");
  if (!x->failed && !x->io_error && xmlTextWriterEndDocument(x->w) < 0)
    x->failed = 1;
  xmlFreeTextWriter(x->w); /* flushes and calls close_cb */
  x->w = NULL;
  if (x->io_error)
    return nk_error_set(err, NK_ERR_IO, "write error");
  if (x->failed)
    return nk_error_set(err, NK_ERR_INTERNAL, "XML writer failed");
  return NK_OK;
}

int nk_xml_ok(const nk_xml *x)
{
  return x->w && !x->failed && !x->io_error;
}

void nk_xml_raw(nk_xml *x, const char *s)
{
  if (nk_xml_ok(x) && xmlTextWriterWriteRaw(x->w, BAD_CAST s) < 0)
    x->failed = 1;
}

void nk_xml_flush(nk_xml *x)
{
  if (nk_xml_ok(x) && xmlTextWriterFlush(x->w) < 0)
    x->failed = 1;
}

void nk_xml_start(nk_xml *x, const char *name)
{
  if (nk_xml_ok(x) && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
    x->failed = 1;
}

void nk_xml_end(nk_xml *x)
{
  if (nk_xml_ok(x) && xmlTextWriterEndElement(x->w) < 0)
    x->failed = 1;
}

void nk_xml_attr(nk_xml *x, const char *name, const char *value)
{
  if (!value || !nk_xml_ok(x))
    return;
  char *c = nk_xml_clean(value, strlen(value));
  if (!c || xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST c) < 0)
    x->failed = 1;
  free(c);
}

void nk_xml_text(nk_xml *x, const char *s)
{
  if (!s || !nk_xml_ok(x))
    return;
  char *c = nk_xml_clean(s, strlen(s));
  if (!c || xmlTextWriterWriteString(x->w, BAD_CAST c) < 0)
    x->failed = 1;
  free(c);
}

void nk_xml_elem(nk_xml *x, const char *name, const char *s)
{
  if (!s)
    return;
  nk_xml_start(x, name);
  nk_xml_text(x, s);
  nk_xml_end(x);
}

size_t nk_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
  if (n == 0)
    return 0;
  unsigned char c = s[0];
  size_t len;
  unsigned long v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1Fu, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0Fu, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    v = (v << 6) | (s[i] & 0x3Fu);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  *cp = v;
  return len;
}

/* XML 1.0 Char production, restricted to scalar values (surrogates never decode). */
static int xml_char_ok(unsigned long cp)
{
  if (cp < 0x20)
    return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  return cp != 0xFFFE && cp != 0xFFFF;
}

char *nk_xml_clean(const char *s, size_t len)
{
  /* Worst case: every byte invalid, each becoming U+FFFD (3 bytes). */
  if (len > (SIZE_MAX - 1) / 3)
    return NULL;
  char *out = malloc(len * 3 + 1);
  if (!out)
    return NULL;
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, o = 0;
  while (i < len) {
    unsigned long cp;
    size_t n = nk_utf8_decode(p + i, len - i, &cp);
    if (n == 0) {
      memcpy(out + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i += 1;
      continue;
    }
    if (xml_char_ok(cp)) {
      memcpy(out + o, p + i, n);
      o += n;
    }
    i += n;
  }
  out[o] = '\0';
  return out;
}

size_t nk_short_cut(const char *s, size_t max, int *cut)
{
  return nk_short_cut_n(s, strlen(s), max, cut);
}

size_t nk_short_cut_n(const char *s, size_t len, size_t max, int *cut)
{
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, chars = 0, last_space = 0;
  const unsigned char *z = memchr(p, '\0', len); /* S ends there, as a C string */
  if (z)
    len = (size_t)(z - p);
  while (i < len && chars < max) {
    if (p[i] < 0x80) { /* ASCII, most of a statement: what nk_utf8_decode() would say */
      if (p[i] == ' ')
        last_space = i;
      i++;
      chars++;
      continue;
    }
    unsigned long cp;
    size_t n = nk_utf8_decode(p + i, len - i, &cp);
    if (n == 0)
      n = 1, cp = 0xFFFD; /* invalid byte: one character, replaced when written */
    if (cp == ' ')
      last_space = i;
    i += n;
    chars++;
  }
  *cut = i < len;
  if (*cut && last_space > i / 2) /* end on a word when one ends in the second half */
    i = last_space;
  return i;
}

char *nk_short_text(const char *s, size_t max)
{
  int cut;
  size_t i = nk_short_cut(s, max, &cut);
  char *out = malloc(i + 4);
  if (!out)
    return NULL;
  memcpy(out, s, i);
  if (cut)
    memcpy(out + i, "\xE2\x80\xA6", 3), i += 3;
  out[i] = '\0';
  return out;
}

/* ----------------------------------------------------------------------- nk_xbuf */

void nk_xbuf_init(nk_xbuf *b, FILE *out)
{
  b->out = out;
  b->via = NULL;
  b->len = 0;
  b->io_error = 0;
}

void nk_xbuf_init_xml(nk_xbuf *b, nk_xml *x)
{
  nk_xbuf_init(b, x->out);
  b->via = x;
}

/* N bytes of S to the output, as they are. */
static void xbuf_write(nk_xbuf *b, const char *s, size_t n)
{
  if (!n || b->io_error)
    return;
  if (b->via) {
    /* libxml2 takes an int length: a chunk is at most the buffer, or one value. */
    while (n && !b->io_error) {
      int k = n > INT_MAX ? INT_MAX : (int)n;
      if (!nk_xml_ok(b->via) || xmlTextWriterWriteRawLen(b->via->w, BAD_CAST s, k) < 0)
        b->io_error = 1;
      s += k;
      n -= (size_t)k;
    }
    if (!nk_xml_ok(b->via))
      b->io_error = 1;
  } else if (fwrite(s, 1, n, b->out) != n) {
    b->io_error = 1;
  }
}

int nk_xbuf_flush(nk_xbuf *b)
{
  xbuf_write(b, b->buf, b->len);
  b->len = 0;
  return b->io_error ? -1 : 0;
}

void nk_xbuf_put_slow(nk_xbuf *b, const char *s, size_t n)
{
  nk_xbuf_flush(b);
  if (n > sizeof b->buf) {
    xbuf_write(b, s, n);
    return;
  }
  memcpy(b->buf, s, n);
  b->len = n;
}

#ifndef __SSE2__
/* Bytes copied as they are: printable ASCII other than the four that are escaped. */
static const unsigned char xb_plain[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
    R16(0), R16(0),
    1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' '&' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, /* 0x30: '<' '>' */
    R16(1), R16(1), R16(1),
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70: DEL is allowed in XML 1.0 */
    R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0),
#undef R16
};
#endif

#define XB_LIT(b, lit) nk_xbuf_put(b, lit, sizeof lit - 1)

/* The index of the first byte at or after I that is not plain, or LEN. Most of a value is
   plain ASCII (text, names, uids): with SSE2 (every x86-64) sixteen bytes are checked at
   once, and bytes from 0x80 on stop the scan like control characters do (signed compare). */
#ifdef __SSE2__
/* Bit k set when byte k of the 16 at P is not plain. */
static unsigned not_plain16(const unsigned char *p)
{
  const __m128i ctl = _mm_set1_epi8(0x20), quot = _mm_set1_epi8('"'), amp = _mm_set1_epi8('&'),
                lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>');
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, ctl), _mm_cmpeq_epi8(v, quot)),
                           _mm_or_si128(_mm_cmpeq_epi8(v, amp),
                                        _mm_or_si128(_mm_cmpeq_epi8(v, lt),
                                                     _mm_cmpeq_epi8(v, gt))));
  return (unsigned)_mm_movemask_epi8(m);
}
#endif

static size_t plain_run(const unsigned char *p, size_t i, size_t len)
{
#ifdef __SSE2__
  while (len - i >= 16) {
    unsigned bits = not_plain16(p + i);
    if (bits)
      return i + (size_t)__builtin_ctz(bits);
    i += 16;
  }
  /* The last 1..15 bytes (most values are shorter than 16 bytes, or end that way): the 16
     bytes ending at LEN when the value has them (bytes before I were plain), else a copy
     padded with plain bytes; a byte loop cost more than the SSE2 scan of the rest. */
  size_t rem = len - i;
  if (rem) {
    unsigned bits;
    if (len >= 16) {
      bits = not_plain16(p + len - 16) >> (16 - rem);
    } else {
      unsigned char tmp[16];
      memset(tmp, 'a', sizeof tmp);
      memcpy(tmp, p + i, rem);
      bits = not_plain16(tmp);
    }
    return bits ? i + (size_t)__builtin_ctz(bits) : len;
  }
  return i;
#else
  while (i < len && xb_plain[p[i]])
    i++;
  return i;
#endif
}

void nk_xbuf_esc(nk_xbuf *b, const char *s, int attr)
{
  nk_xbuf_esc_n(b, s, strlen(s), attr);
}

void nk_xbuf_esc_n(nk_xbuf *b, const char *s, size_t len, int attr)
{
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, run = 0;
  for (;;) {
    i = plain_run(p, i, len);
    if (i >= len)
      break;
    unsigned char c = p[i];
    unsigned long cp = 0;
    size_t n = 0;
    if (c >= 0x80) {
      /* Most non-ASCII text is Latin letters (2 bytes: C2..DF, then a continuation byte)
         and punctuation such as ’ “ … (3 bytes led by E1..EC or EE). Such sequences are
         always valid UTF-8 and XML characters: kept in the run without decoding. (E0 may
         be overlong, ED a surrogate, EF U+FFFE/U+FFFF: they are decoded.) */
      if (c >= 0xC2 && c <= 0xDF) {
        if (len - i >= 2 && (p[i + 1] & 0xC0) == 0x80) {
          i += 2;
          continue;
        }
      } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE) {
        if (len - i >= 3 && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
          i += 3;
          continue;
        }
      }
      n = nk_utf8_decode(p + i, len - i, &cp);
      if (n > 1 && xml_char_ok(cp)) { /* valid UTF-8: part of the run */
        i += n;
        continue;
      }
    }
    if (i > run)
      nk_xbuf_put(b, s + run, i - run);
    if (c < 0x80) {
      switch (c) {
      case '&': XB_LIT(b, "&amp;"); break;
      case '<': XB_LIT(b, "&lt;"); break;
      case '>': XB_LIT(b, "&gt;"); break;
      case '"': XB_LIT(b, "&quot;"); break;
      case '\r': XB_LIT(b, "&#13;"); break;
      case '\n':
        if (attr)
          XB_LIT(b, "&#10;");
        else
          XB_LIT(b, "\n");
        break;
      case '\t':
        if (attr)
          XB_LIT(b, "&#9;");
        else
          XB_LIT(b, "\t");
        break;
      case '\0': /* the end of S as a C string: what follows is not written */
        len = i + 1;
        break;
      default: break; /* other control characters: not allowed in XML 1.0, dropped */
      }
      i++;
    } else {
      if (n == 0) { /* invalid UTF-8: one byte becomes U+FFFD */
        n = 1;
        cp = 0xFFFD;
      }
      if (n == 1) /* the replacement of an invalid byte */
        XB_LIT(b, "\xEF\xBF\xBD");
      i += n; /* else U+FFFE, U+FFFF: dropped */
    }
    run = i;
  }
  if (i > run)
    nk_xbuf_put(b, s + run, i - run);
}
