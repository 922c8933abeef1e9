/* Encoding detection. A file is UTF-8 when it decodes as UTF-8 (the common case, and an
   8-bit text that happens to be valid UTF-8 is vanishingly rare beyond pure ASCII). Otherwise
   it is read as Windows-1252, the superset of Latin-1 that every French or English 8-bit text
   uses, unless it also holds valid multi-byte UTF-8 (a damaged UTF-8 file: mixed encodings)
   or bytes that Windows-1252 leaves undefined. */
#include "reading/encoding.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/text.h"

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* Length of the valid UTF-8 sequence at P (1-4), or 0 when invalid (overlong forms,
   surrogates and code points past U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0; /* overlong */
    if (c == 0xED && p[1] >= 0xA0) return 0; /* surrogate */
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;
    if (c == 0xF4 && p[1] >= 0x90) return 0;
    return 4;
  }
  return 0;
}

static size_t put_utf8(char *o, uint32_t cp)
{
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* UTF-16 with a byte-order mark to UTF-8 (unpaired surrogates become U+FFFD). */
static char *from_utf16(const unsigned char *p, size_t len, int big, size_t *out_len)
{
  size_t units = len / 2;
  char *o = malloc(units * 3 + 1);
  if (!o) return NULL;
  size_t w = 0;
  for (size_t i = 0; i < units; i++) {
    uint32_t u = big ? (uint32_t)(p[2 * i] << 8 | p[2 * i + 1])
                     : (uint32_t)(p[2 * i + 1] << 8 | p[2 * i]);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
      uint32_t v = big ? (uint32_t)(p[2 * i + 2] << 8 | p[2 * i + 3])
                       : (uint32_t)(p[2 * i + 3] << 8 | p[2 * i + 2]);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
        i++;
      } else {
        u = 0xFFFD;
      }
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      u = 0xFFFD;
    }
    w += put_utf8(o + w, u);
  }
  o[w] = '\0';
  *out_len = w;
  return o;
}

static int is_blank_byte(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether the 8 bytes at P are all printable ASCII (0x20-0x7E), tested together: most of
   a text is, and then its bytes need no decoding, counting or cleaning one by one. The tests
   are the classic "has a byte less than N" bit trick (exact about whether some byte is). */
static int printable8(const unsigned char *p)
{
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  uint64_t x;
  memcpy(&x, p, 8);
  uint64_t del = x ^ (ones * 0x7F); /* a zero byte where x holds 0x7F */
  return !((x & highs) | ((x - ones * 0x20) & ~x & highs) | ((del - ones) & ~del & highs));
}

/* Line ends to "\n"; other control characters (invalid in XML, meaningless in prose) to
   spaces. In place: the text never grows. */
static size_t clean_controls(char *s, size_t n)
{
  size_t w = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\r') {
      if (i + 1 < n && s[i + 1] == '\n') continue;
      s[w++] = '\n';
    } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      s[w++] = ' ';
    } else {
      s[w++] = (char)c;
    }
  }
  s[w] = '\0';
  return w;
}

nk_status nk_bytes_to_text(const char *data, size_t len, char **out, size_t *out_len,
                           const char **warning, int *transcoded, nk_error *err)
{
  const unsigned char *p = (const unsigned char *)data;
  char *buf = NULL;
  size_t n = 0;
  int dirty = 1; /* may hold a byte clean_controls changes: CR, a control but LF and TAB */
  *out = NULL;
  *out_len = 0;
  *transcoded = 0;
  if (warning) *warning = NULL;

  if (len == 0) return nk_error_set(err, NK_ERR_EMPTY, "empty file");
  if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
    buf = from_utf16(p + 2, len - 2, p[0] == 0xFE, &n);
    if (!buf) return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    if (memchr(buf, 0, n)) {
      free(buf);
      return nk_error_set(err, NK_ERR_BINARY, "NUL characters in UTF-16 text: binary file");
    }
    if (warning) *warning = "transcoded from UTF-16";
  } else {
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
      p += 3;
      len -= 3;
    }
    const unsigned char *nul = memchr(p, 0, len);
    if (nul)
      return nk_error_set(err, NK_ERR_BINARY, "NUL byte at offset %zu: binary file, not text",
                          (size_t)(nul - p));
    size_t ctrl = 0, multi = 0, bad = 0, first_bad = 0;
    dirty = 0;
    for (size_t i = 0; i < len;) {
      if (i + 8 <= len && printable8(p + i)) {
        i += 8;
        continue;
      }
      unsigned char c = p[i];
      if ((c < 0x20 && !is_blank_byte(c)) || c == 0x7F) ctrl++;
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) dirty = 1;
      size_t k = utf8_seq(p + i, len - i);
      if (k == 0) {
        if (!bad) first_bad = i;
        bad++;
        i++;
      } else {
        if (k > 1) multi++;
        i += k;
      }
    }
    if (ctrl * 10 > len)
      return nk_error_set(err, NK_ERR_BINARY, "%zu of %zu bytes are control characters: "
                          "binary file, not text", ctrl, len);
    if (bad == 0) {
      buf = malloc(len + 1);
      if (!buf) return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
      memcpy(buf, p, len);
      buf[len] = '\0';
      n = len;
    } else if (multi > bad) {
      return nk_error_set(err, NK_ERR_ENCODING, "invalid UTF-8 at byte %zu (%zu bad bytes "
                          "among valid UTF-8: mixed or damaged encoding)", first_bad, bad);
    } else {
      for (size_t i = 0; i < len; i++)
        if (p[i] >= 0x80 && p[i] < 0xA0 && cp1252_high[p[i] - 0x80] == 0)
          return nk_error_set(err, NK_ERR_ENCODING, "byte 0x%02X at offset %zu is neither "
                              "UTF-8 nor Windows-1252 text", p[i], i);
      if (len > (SIZE_MAX - 1) / 3) return nk_error_set(err, NK_ERR_NOMEM, "input too large");
      buf = malloc(len * 3 + 1);
      if (!buf) return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
      for (size_t i = 0; i < len; i++) {
        uint32_t cp = p[i];
        if (cp >= 0x80 && cp < 0xA0) cp = cp1252_high[cp - 0x80];
        n += put_utf8(buf + n, cp);
      }
      buf[n] = '\0';
      *transcoded = 1;
      dirty = 1;
      if (warning) *warning = "transcoded from Windows-1252";
    }
  }

  if (dirty) /* else clean_controls would leave the text as it is */
    n = clean_controls(buf, n);
  size_t i = 0;
  while (i < n && is_blank_byte((unsigned char)buf[i])) i++;
  if (i == n) {
    free(buf);
    return nk_error_set(err, NK_ERR_EMPTY, "no text (only white space)");
  }
  size_t m = 0;
  char *nfc = nk_text_nfc(buf, n, &m);
  free(buf);
  if (!nfc) return nk_error_set(err, NK_ERR_NOMEM, "out of memory (Unicode normalisation)");
  *out = nfc;
  *out_len = m;
  return NK_OK;
}
