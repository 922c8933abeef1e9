/* The article reader: file or buffer → nk_article (text, title, date, author, site,
   language, content hash). Encoding lives in encoding.c, HTML in html.c, dates in date.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/article.h"
#include "newskg/text.h"
#include "reading/date.h"
#include "reading/encoding.h"
#include "reading/html.h"
#include "text/para.h"
#include "util/hash.h"

/* Larger inputs are not news articles; refusing them bounds memory use. */
#define NK_MAX_INPUT ((size_t)512 * 1024 * 1024)

static char *dup_n(const char *s, size_t n)
{
  char *p = malloc(n + 1);
  if (!p) return NULL;
  if (n) memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

static char *dup_s(const char *s) { return s ? dup_n(s, strlen(s)) : NULL; }

/* Length of the white space (ASCII, no-break, narrow no-break) at S[0..n) / ending at S+n. */
static size_t space_at(const char *s, size_t n)
{
  const unsigned char *p = (const unsigned char *)s;
  if (n >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\n' || p[0] == '\r')) return 1;
  if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2;
  if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89)) return 3;
  return 0;
}
static size_t space_before(const char *s, size_t n)
{
  const unsigned char *p = (const unsigned char *)s;
  if (n >= 1 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r'))
    return 1;
  if (n >= 2 && p[n - 2] == 0xC2 && p[n - 1] == 0xA0) return 2;
  if (n >= 3 && p[n - 3] == 0xE2 && p[n - 2] == 0x80 && (p[n - 1] == 0xAF || p[n - 1] == 0x89))
    return 3;
  return 0;
}

/* A trimmed copy of S[0..n). */
static char *trimmed(const char *s, size_t n)
{
  size_t k;
  while ((k = space_at(s, n)) > 0) {
    s += k;
    n -= k;
  }
  while ((k = space_before(s, n)) > 0) n -= k;
  return dup_n(s, n);
}

/* The first paragraph of TEXT (the title of a plain-text article), trimmed, its line breaks
   (a hard-wrapped title) made spaces. */
static char *first_line(const char *text, size_t len)
{
  size_t a = 0, b = 0;
  nk_text_first_paragraph(text, len, &a, &b);
  char *t = trimmed(text + a, b - a);
  if (!t) return NULL;
  size_t w = 0;
  for (size_t r = 0; t[r]; r++) {
    char c = t[r] == '\n' || t[r] == '\r' || t[r] == '\t' ? ' ' : t[r];
    if (c == ' ' && w > 0 && t[w - 1] == ' ') continue;
    t[w++] = c;
  }
  t[w] = '\0';
  return t;
}

static const char *base_name(const char *path)
{
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

void nk_article_free(nk_article *a)
{
  if (!a) return;
  free(a->path);
  free(a->file);
  free(a->title);
  free(a->date);
  free(a->author);
  free(a->site);
  free(a->text);
  free(a);
}

/* Builds the HTML article's text: title line, blank line, body paragraphs. */
static nk_status html_article(nk_article *a, char *utf8, size_t len, nk_error *err)
{
  nk_html_doc h;
  nk_status st = nk_html_extract(utf8, len, &h, err);
  if (st != NK_OK) return st;
  if (h.body_len == 0 && (!h.title || !*h.title)) {
    nk_html_doc_clear(&h);
    return nk_error_set(err, NK_ERR_EMPTY, "no text in the HTML page");
  }
  if (!h.title || !*h.title) {
    /* no title in the page: the first paragraph is the title line, as in a text file */
    free(h.title);
    const char *nl = strchr(h.body, '\n');
    h.title = dup_n(h.body, nl ? (size_t)(nl - h.body) : h.body_len);
    if (!h.title) {
      nk_html_doc_clear(&h);
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    }
    a->text = h.body;
    a->text_len = h.body_len;
    h.body = NULL;
  } else {
    size_t tl = strlen(h.title);
    a->text = malloc(tl + 2 + h.body_len + 1);
    if (!a->text) {
      nk_html_doc_clear(&h);
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    }
    memcpy(a->text, h.title, tl);
    size_t n = tl;
    if (h.body_len) {
      memcpy(a->text + n, "\n\n", 2);
      memcpy(a->text + n + 2, h.body, h.body_len);
      n += 2 + h.body_len;
    }
    a->text[n] = '\0';
    a->text_len = n;
  }
  a->title = h.title;
  a->author = h.author;
  a->site = h.site;
  a->date = h.date;
  h.title = h.author = h.site = h.date = NULL;
  nk_html_doc_clear(&h);
  return NK_OK;
}

nk_status nk_article_read_buffer(const char *name, const char *data, size_t len, nk_format fmt,
                                 nk_article **out, const char **warning, nk_error *err)
{
  if (!out || (!data && len)) return nk_error_set(err, NK_ERR_USAGE, "no input");
  *out = NULL;
  if (warning) *warning = NULL;
  if (!name) name = "-";
  if (!data) data = "";
  if (len > NK_MAX_INPUT)
    return nk_error_set(err, NK_ERR_IO, "input too large (%zu bytes, limit %zu)", len,
                        NK_MAX_INPUT);

  char *utf8 = NULL;
  size_t ulen = 0;
  int transcoded = 0;
  nk_status st = nk_bytes_to_text(data, len, &utf8, &ulen, warning, &transcoded, err);
  if (st != NK_OK) return st;

  nk_article *a = calloc(1, sizeof *a);
  if (!a) {
    free(utf8);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  }
  a->format = fmt;
  a->transcoded = transcoded;
  a->path = dup_s(name);
  a->file = dup_s(strcmp(name, "-") == 0 ? "-" : base_name(name));
  if (!a->path || !a->file) goto nomem;

  if (fmt == NK_FORMAT_HTML) {
    st = html_article(a, utf8, ulen, err);
    free(utf8);
    utf8 = NULL;
    if (st != NK_OK) {
      nk_article_free(a);
      return st;
    }
  } else {
    a->text = utf8;
    a->text_len = ulen;
    utf8 = NULL;
    a->title = first_line(a->text, a->text_len);
    if (!a->title) goto nomem;
  }
  if (!a->date) a->date = nk_date_from_text(a->text, a->text_len);
  memcpy(a->lang, nk_text_detect_lang(a->text, a->text_len), 3);
  nk_hash128_hex(a->text, a->text_len, a->hash);
  *out = a;
  return NK_OK;
nomem:
  free(utf8);
  nk_article_free(a);
  return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
}

/* Reads all of F into a new buffer. */
static nk_status slurp(FILE *f, char **out, size_t *len, nk_error *err)
{
  size_t cap = 64 * 1024, n = 0;
  char *buf = malloc(cap);
  if (!buf) return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  for (;;) {
    if (n == cap) {
      if (n > NK_MAX_INPUT) {
        free(buf);
        return nk_error_set(err, NK_ERR_IO, "input too large (over %zu bytes)", NK_MAX_INPUT);
      }
      char *p = realloc(buf, cap * 2);
      if (!p) {
        free(buf);
        return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
      }
      buf = p;
      cap *= 2;
    }
    size_t k = fread(buf + n, 1, cap - n, f);
    n += k;
    if (k == 0) break;
  }
  if (ferror(f)) {
    int e = errno;
    free(buf);
    return nk_error_set(err, NK_ERR_IO, "read error: %s", e ? strerror(e) : "unknown");
  }
  *out = buf;
  *len = n;
  return NK_OK;
}

static int has_suffix(const char *s, const char *suf)
{
  size_t n = strlen(s), m = strlen(suf);
  if (m > n) return 0;
  for (size_t i = 0; i < m; i++) {
    char c = s[n - m + i];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != suf[i]) return 0;
  }
  return 1;
}

nk_status nk_article_read_file(const char *path, nk_article **out, const char **warning,
                               nk_error *err)
{
  if (!path || !out) return nk_error_set(err, NK_ERR_USAGE, "no file name");
  *out = NULL;
  if (warning) *warning = NULL;
  int is_stdin = strcmp(path, "-") == 0;
  nk_format fmt = !is_stdin && (has_suffix(path, ".html") || has_suffix(path, ".htm") ||
                                has_suffix(path, ".xhtml"))
                      ? NK_FORMAT_HTML
                      : NK_FORMAT_TXT;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) return nk_error_set(err, NK_ERR_IO, "cannot open: %s", strerror(errno));
  char *data = NULL;
  size_t len = 0;
  errno = 0;
  nk_status st = slurp(f, &data, &len, err);
  if (!is_stdin) fclose(f);
  if (st != NK_OK) return st;
  st = nk_article_read_buffer(path, data, len, fmt, out, warning, err);
  free(data);
  return st;
}
