/* Label text for Graphviz: whatever an article holds (quotes, backslashes, markup, control
   characters, invalid UTF-8, 10 KB paragraphs) becomes a short, valid UTF-8 plain label that
   Graphviz draws literally. Two things Graphviz interprets in plain labels matter here:
   backslash escapes ("\N" is the node name, "\n" a line break) and HTML entities ("&amp;"),
   so both characters are escaped. */
#include <stdlib.h>
#include <string.h>

#include "export/graphviz.h"
#include "export/graphviz_internal.h"

/* Decodes one UTF-8 sequence at S (N bytes left). Returns its length, or 0 when invalid
   (overlong, surrogate, beyond U+10FFFF, truncated); *cp receives the code point. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned long *cp) {
  unsigned char c = s[0];
  size_t len;
  unsigned long v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2; v = c & 0x1Fu; min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3; v = c & 0x0Fu; min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4; v = c & 0x07u; min = 0x10000;
  } else {
    return 0;
  }
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[i] & 0x3Fu);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

/* Pictographs, flags and their joiners: the fonts diagrams are drawn with have none, and a row
   of empty boxes reads worse than nothing. */
static int is_pictograph(unsigned long cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D || (cp >= 0xE0000 && cp <= 0xE007F);
}

/* One cleaned code point: its UTF-8 bytes (1..4) and whether it is a space. */
typedef struct {
  char b[4];
  unsigned char n;
  unsigned char space;
} glyph;

static int is_blank(unsigned long cp) {
  return cp <= 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xA0 ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x200B || cp == 0xFEFF || cp == 0x202F ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000;
}

/* Cleans S into an array of glyphs: invalid bytes → U+FFFD, control/odd spaces → one
   space, pictographs dropped, no leading/trailing space. Returns the count; *out is malloc'ed (caller frees). */
static size_t clean_glyphs(const char *s, glyph **out) {
  size_t n = strlen(s), count = 0;
  glyph *g = malloc((n + 1) * sizeof *g);
  *out = g;
  if (!g) return 0;
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  int pending_space = 0;
  while (i < n) {
    unsigned long cp;
    size_t len = utf8_next(p + i, n - i, &cp);
    glyph x;
    memset(&x, 0, sizeof x);
    if (len == 0) { /* U+FFFD for one bad byte, then resynchronise */
      x.b[0] = (char)0xEF; x.b[1] = (char)0xBF; x.b[2] = (char)0xBD; x.n = 3;
      i++;
    } else if (is_pictograph(cp) || cp == 0xFFFE || cp == 0xFFFF) {
      /* U+FFFE/U+FFFF: Graphviz would copy them into SVG, which XML 1.0 forbids. */
      i += len;
      continue;
    } else if (is_blank(cp)) {
      i += len;
      pending_space = count > 0;
      continue;
    } else {
      memcpy(x.b, p + i, len);
      x.n = (unsigned char)len;
      i += len;
    }
    if (pending_space) {
      glyph sp;
      memset(&sp, 0, sizeof sp);
      sp.b[0] = ' '; sp.n = 1; sp.space = 1;
      g[count++] = sp;
      pending_space = 0;
    }
    g[count++] = x;
  }
  return count;
}

/* BACKSLASH is what one "\" of the text becomes. */
static char *clean_text(const char *s, size_t max_chars, size_t wrap, const char *backslash,
                        int html) {
  glyph *g = NULL;
  size_t n = clean_glyphs(s ? s : "", &g);
  if (!g) return NULL;
  int cut = 0;
  if (max_chars > 0 && n > max_chars) {
    /* Cut on the last space within the final fifth when there is one: "la guerre en…"
       reads better than "la guerre en Ukr…". */
    size_t end = max_chars > 1 ? max_chars - 1 : 1;
    size_t back = end;
    while (back > end - end / 5 && back > 0 && !g[back].space) back--;
    if (back > 0 && g[back].space) end = back;
    while (end > 0 && g[end - 1].space) end--;
    n = end;
    cut = 1;
  }
  nk_gv_buf b = {0};
  size_t col = 0;
  for (size_t i = 0; i < n; i++) {
    if (g[i].space && wrap > 0 && col >= wrap / 2) {
      /* Break here when the next word would overflow the line. */
      size_t w = 0;
      for (size_t j = i + 1; j < n && !g[j].space; j++) w++;
      if (col + 1 + w > wrap) {
        nk_gv_buf_puts(&b, "\\n");
        col = 0;
        continue;
      }
    }
    if (g[i].n == 1 && g[i].b[0] == '\\')
      nk_gv_buf_puts(&b, backslash);
    else if (g[i].n == 1 && g[i].b[0] == '&')
      nk_gv_buf_puts(&b, "&amp;");
    else if (html && g[i].n == 1 && g[i].b[0] == '<')
      nk_gv_buf_puts(&b, "&lt;");
    else if (html && g[i].n == 1 && g[i].b[0] == '>')
      nk_gv_buf_puts(&b, "&gt;");
    else if (html && g[i].n == 1 && g[i].b[0] == '"')
      nk_gv_buf_puts(&b, "&quot;");
    else
      nk_gv_buf_put(&b, g[i].b, g[i].n);
    col++;
    /* A word longer than a line (a URL, a 10 KB token) is broken anyway. */
    if (wrap > 0 && col >= wrap + wrap / 2 && i + 1 < n && !g[i + 1].space) {
      nk_gv_buf_puts(&b, "\\n");
      col = 0;
    }
  }
  if (cut) nk_gv_buf_puts(&b, "\xE2\x80\xA6"); /* … */
  free(g);
  if (b.oom) {
    free(b.s);
    return NULL;
  }
  return nk_gv_buf_take(&b);
}

/* Growable buffer. */
void nk_gv_buf_put(nk_gv_buf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1) cap *= 2;
    char *t = realloc(b->s, cap);
    if (!t) {
      b->oom = 1;
      return;
    }
    b->s = t;
    b->cap = cap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void nk_gv_buf_puts(nk_gv_buf *b, const char *s) { nk_gv_buf_put(b, s, strlen(s)); }

char *nk_gv_buf_take(nk_gv_buf *b) {
  char *s = b->s;
  if (!s) s = calloc(1, 1);
  b->s = NULL;
  b->len = b->cap = 0;
  return s;
}

char *nk_gv_label_text(const char *s, size_t max_chars, size_t wrap) {
  return clean_text(s, max_chars, wrap, "\\\\", 0);
}

/* Graphviz expands escapes in a tooltip twice (once when reading the attribute, once when
   emitting the anchor), and each pass turns "\\" into "\": four for one. */
char *nk_gv_tooltip_text(const char *s, size_t max_chars) {
  return clean_text(s, max_chars, 0, "\\\\\\\\", 0);
}

/* Text inside an HTML-like label: no escapes there, only XML entities. */
char *nk_gv_html_text(const char *s, size_t max_chars) {
  return clean_text(s, max_chars, 0, "\\", 1);
}
