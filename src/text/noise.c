/* Noise marking. The cue phrases live in schemas/lexicons/noise.tsv; this file only knows
   how to match them (prefix / exact / tail of the folded line) and the few shapes that are
   not phrases: a repeated title, an arithmetic captcha, a lone name line next to a caption. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/text.h"
#include "text/noise.h"
#include "util/resources.h"

enum { CUE_PREFIX, CUE_EXACT, CUE_TAIL };
enum { CLS_CAPTION, CLS_CREDIT, CLS_READ_ALSO, CLS_SHARE, CLS_COMMENT, CLS_SHARE_WORD,
       CLS_NUMBER_WORD };

typedef struct cue {
  const char *phrase; /* points into the embedded resource: not NUL-terminated */
  size_t len;
  int cls, mode;
} cue;

typedef struct cues {
  cue *v;
  size_t n;
  /* The line cues (share and number words are no line cues) indexed for match_cues: the
     prefix and exact ones by first byte (lead[first[b]] to lead[first[b + 1]], in file
     order), the tail ones apart (tail[0..n_tail), in file order). A line then tries the few
     cues starting with its own first byte instead of all of them. */
  size_t *lead, first[257];
  size_t *tail, n_tail;
} cues;

static const char *const class_names[] = {"caption", "credit",     "read_also",  "share",
                                          "comment", "share_word", "number_word", NULL};

static int field_is(const char *f, size_t n, const char *name)
{
  return strlen(name) == n && memcmp(f, name, n) == 0;
}

static int line_cue(const cue *q)
{
  return q->cls != CLS_SHARE_WORD && q->cls != CLS_NUMBER_WORD;
}

/* Builds c->lead, c->first and c->tail from c->v. */
static nk_status index_cues(cues *c, nk_error *err)
{
  c->lead = malloc((c->n ? c->n : 1) * sizeof *c->lead);
  c->tail = malloc((c->n ? c->n : 1) * sizeof *c->tail);
  if (!c->lead || !c->tail) {
    free(c->lead);
    free(c->tail);
    free(c->v);
    c->v = NULL;
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  }
  memset(c->first, 0, sizeof c->first);
  c->n_tail = 0;
  for (size_t k = 0; k < c->n; k++)
    if (line_cue(&c->v[k]) && c->v[k].mode != CUE_TAIL)
      c->first[(unsigned char)c->v[k].phrase[0] + 1]++;
  for (size_t b = 0; b < 256; b++) c->first[b + 1] += c->first[b];
  size_t fill[256];
  memcpy(fill, c->first, sizeof fill);
  for (size_t k = 0; k < c->n; k++) {
    if (!line_cue(&c->v[k])) continue;
    if (c->v[k].mode == CUE_TAIL)
      c->tail[c->n_tail++] = k;
    else
      c->lead[fill[(unsigned char)c->v[k].phrase[0]]++] = k;
  }
  return NK_OK;
}

/* Parses noise.tsv. The strings stay in the static resource. */
static nk_status load_cues(cues *c, nk_error *err)
{
  size_t len = 0;
  const char *data = nk_resource_get("lexicons/noise.tsv", &len);
  c->v = NULL;
  c->n = 0;
  if (!data) return nk_error_set(err, NK_ERR_INTERNAL, "lexicons/noise.tsv is not embedded");
  size_t lines = 1;
  for (size_t i = 0; i < len; i++) lines += data[i] == '\n';
  c->v = calloc(lines, sizeof *c->v);
  if (!c->v) return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  size_t a = 0, lineno = 0;
  while (a < len) {
    const char *nl = memchr(data + a, '\n', len - a);
    size_t b = nl ? (size_t)(nl - data) : len;
    lineno++;
    const char *line = data + a;
    size_t ll = b - a;
    a = b + 1;
    if (ll && line[ll - 1] == '\r') ll--;
    if (ll == 0 || line[0] == '#') continue;
    const char *t1 = memchr(line, '\t', ll);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', ll - (size_t)(t1 + 1 - line)) : NULL;
    if (!t1 || !t2) {
      free(c->v);
      c->v = NULL;
      return nk_error_set(err, NK_ERR_INTERNAL, "lexicons/noise.tsv:%zu: expected 3 fields",
                          lineno);
    }
    cue *q = &c->v[c->n];
    q->phrase = line;
    q->len = (size_t)(t1 - line);
    const char *cls = t1 + 1, *mode = t2 + 1;
    size_t cl = (size_t)(t2 - cls), ml = (size_t)(line + ll - mode);
    q->cls = -1;
    for (int k = 0; class_names[k]; k++)
      if (field_is(cls, cl, class_names[k])) q->cls = k;
    q->mode = field_is(mode, ml, "prefix") ? CUE_PREFIX
              : field_is(mode, ml, "exact") ? CUE_EXACT
              : field_is(mode, ml, "tail")  ? CUE_TAIL
                                            : -1;
    if (q->cls < 0 || q->mode < 0) {
      free(c->v);
      c->v = NULL;
      return nk_error_set(err, NK_ERR_INTERNAL,
                          "lexicons/noise.tsv:%zu: unknown class or mode", lineno);
    }
    c->n++;
  }
  return index_cues(c, err);
}

static int is_alnum_byte(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Folds text[a, b) into BUF (at most cap-1 bytes, cut on a character boundary), white
   space runs collapsed to one space. Returns the length. */
static size_t fold_line(nk_foldbuf *fb, const char *text, size_t a, size_t b, char *buf,
                        size_t cap)
{
  if (b - a > cap - 1) {
    b = a + cap - 1;
    while (b > a && ((unsigned char)text[b] & 0xC0) == 0x80) b--;
  }
  size_t n = 0;
  const char *f = nk_fold_run(fb, text + a, b - a, &n);
  if (!f) return 0;
  size_t w = 0;
  int sp = 0;
  for (size_t i = 0; i < n && w + 1 < cap; i++) {
    char c = f[i];
    if (c == ' ' || c == '\t') {
      sp = 1;
      continue;
    }
    if (sp && w > 0) buf[w++] = ' ';
    sp = 0;
    if (w + 1 < cap) buf[w++] = c;
  }
  buf[w] = '\0';
  return w;
}

/* The class of tail cue Q when it ends the folded line, or -1. */
static int tail_match(const cue *q, const char *line, size_t n, size_t full_len)
{
  /* only when the whole line was folded: the tail must be the real end of the line */
  if (n != full_len) return -1;
  size_t from = n > 80 ? n - 80 : 0;
  /* memchr jumps to the next place the phrase's first byte stands: most of the 80
     positions of every line hold none */
  for (size_t i = from; i + q->len <= n; i++) {
    const char *at = memchr(line + i, q->phrase[0], n - q->len + 1 - i);
    if (!at) break;
    i = (size_t)(at - line);
    if (memcmp(line + i, q->phrase, q->len) == 0 &&
        (i == 0 || !is_alnum_byte((unsigned char)line[i - 1]))) {
      /* a described photo ending with its credit is a caption; a bare credit stays one */
      if (q->cls == CLS_CREDIT && memchr(line, '.', i)) return CLS_CAPTION;
      return q->cls;
    }
  }
  return -1;
}

/* The class of the first cue (in file order) matching the folded line, or -1. */
static int match_cues(const cues *c, const char *line, size_t n, size_t full_len, int tail_only)
{
  /* the line without its final punctuation and spaces, for exact matches */
  size_t e = n;
  while (e > 0 && (line[e - 1] == '.' || line[e - 1] == ':' || line[e - 1] == '!' ||
                   line[e - 1] == ' ' || line[e - 1] == '>' || line[e - 1] == ')'))
    e--;
  /* the first prefix or exact cue matching: only those starting with the line's first byte */
  size_t best = SIZE_MAX;
  int cls = -1;
  if (!tail_only && n > 0) {
    unsigned char b0 = (unsigned char)line[0];
    for (size_t k = c->first[b0]; k < c->first[b0 + 1] && best == SIZE_MAX; k++) {
      const cue *q = &c->v[c->lead[k]];
      int hit = q->mode == CUE_EXACT
                    ? e == q->len && memcmp(line, q->phrase, e) == 0
                    : n >= q->len && memcmp(line, q->phrase, q->len) == 0 &&
                          (n == q->len || !is_alnum_byte((unsigned char)q->phrase[q->len - 1]) ||
                           !is_alnum_byte((unsigned char)line[q->len]));
      if (hit) {
        best = c->lead[k];
        cls = q->cls;
      }
    }
  }
  /* a tail cue earlier in the file wins over it */
  for (size_t k = 0; k < c->n_tail && c->tail[k] < best; k++) {
    int t = tail_match(&c->v[c->tail[k]], line, n, full_len);
    if (t >= 0) return t;
  }
  return cls;
}

static int word_has_class(const cues *c, const char *fold, int cls)
{
  size_t n = strlen(fold);
  for (size_t k = 0; k < c->n; k++)
    if (c->v[k].cls == cls && c->v[k].len == n && memcmp(c->v[k].phrase, fold, n) == 0)
      return 1;
  return 0;
}

/* Paragraph tokens, for the shape tests below. */
static size_t para_tok_first(const nk_doc *d, const nk_paragraph *p)
{
  return p->sent_count ? d->sents[p->sent_first].tok_first : 0;
}
static size_t para_tok_end(const nk_doc *d, const nk_paragraph *p)
{
  if (!p->sent_count) return 0;
  const nk_sentence *s = &d->sents[p->sent_first + p->sent_count - 1];
  return s->tok_first + s->tok_count;
}

/* "20 − un =", "3 + 4 = ?": numbers (digits or words), operators and an equals sign. */
static int is_captcha(const nk_doc *d, const nk_paragraph *p, const cues *c)
{
  size_t a = para_tok_first(d, p), b = para_tok_end(d, p);
  if (b - a < 3 || b - a > 12) return 0;
  int nums = 0, ops = 0, eq = 0;
  for (size_t k = a; k < b; k++) {
    const nk_token *t = &d->toks[k];
    const char *f = t->fold;
    if (t->kind == NK_TOK_NUMBER || (t->kind == NK_TOK_WORD && word_has_class(c, f, CLS_NUMBER_WORD)))
      nums++;
    else if (strcmp(f, "=") == 0)
      eq++;
    else if (strcmp(f, "+") == 0 || strcmp(f, "-") == 0 || strcmp(f, "\xe2\x88\x92") == 0 ||
             strcmp(f, "\xc3\x97") == 0 || strcmp(f, "x") == 0 || strcmp(f, "*") == 0 ||
             strcmp(f, "/") == 0 || strcmp(f, "\xc3\xb7") == 0)
      ops++;
    else if (strcmp(f, "?") != 0 && strcmp(f, ":") != 0 && strcmp(f, "_") != 0)
      return 0;
  }
  return nums >= 1 && ops >= 1 && eq == 1;
}

/* A share bar: only share words ("Facebook Twitter E-mail") and punctuation. */
static int is_share_bar(const nk_doc *d, const nk_paragraph *p, const cues *c)
{
  size_t a = para_tok_first(d, p), b = para_tok_end(d, p);
  int words = 0;
  for (size_t k = a; k < b; k++) {
    const nk_token *t = &d->toks[k];
    if (t->kind == NK_TOK_PUNCT || t->kind == NK_TOK_SYMBOL) continue;
    if (t->kind != NK_TOK_WORD || !word_has_class(c, t->fold, CLS_SHARE_WORD)) return 0;
    words++;
  }
  return words >= 2;
}

/* Name particles that may stand lower case inside a name ("Jean de La Fontaine"). */
static const char *const particles[] = {"de", "du", "des", "la", "le", "van", "von", "der", "den",
                                        "da", "di", "dos", "bin", "al", "el", "ben", "ibn", NULL};

/* A lone short line of one to three capitalised words (name particles aside) and nothing
   else: a photographer's or author's name when it stands next to a caption or right under
   the title. */
static int is_name_line(const nk_doc *d, const nk_paragraph *p)
{
  size_t a = para_tok_first(d, p), b = para_tok_end(d, p);
  if (p->end - p->start > 60) return 0;
  int words = 0, last_cap = 0;
  for (size_t k = a; k < b; k++) {
    const nk_token *t = &d->toks[k];
    if (t->kind == NK_TOK_WORD) {
      last_cap = (t->flags & NK_TF_CAP) != 0;
      if (!last_cap) {
        int particle = 0;
        for (const char *const *q = particles; *q && !particle; q++)
          particle = strcmp(*q, t->fold) == 0;
        if (!particle || words == 0) return 0;
      } else {
        words++;
      }
    } else if (t->kind == NK_TOK_PUNCT) {
      if (strcmp(t->fold, "/") != 0 && strcmp(t->fold, "-") != 0 && strcmp(t->fold, ",") != 0)
        return 0;
    } else {
      return 0;
    }
  }
  return words >= 1 && words <= 3 && last_cap;
}

static int is_caption_like(nk_noise n)
{
  return n == NK_NOISE_CAPTION || n == NK_NOISE_CREDIT;
}

/* Byte comparison of two spans, any run of white space equal to one space (a hard-wrapped
   title has line breaks where the article's title has spaces). */
static int same_text(const char *a, size_t an, const char *b, size_t bn)
{
  size_t i = 0, j = 0;
  while (i < an && j < bn) {
    int sa = a[i] == ' ' || a[i] == '\n' || a[i] == '\r' || a[i] == '\t';
    int sb = b[j] == ' ' || b[j] == '\n' || b[j] == '\r' || b[j] == '\t';
    if (sa && sb) {
      while (i < an && (a[i] == ' ' || a[i] == '\n' || a[i] == '\r' || a[i] == '\t')) i++;
      while (j < bn && (b[j] == ' ' || b[j] == '\n' || b[j] == '\r' || b[j] == '\t')) j++;
      continue;
    }
    if (a[i] != b[j]) return 0;
    i++;
    j++;
  }
  return i == an && j == bn;
}

/* The same line up to case, accents and apostrophes ("LA GRÈVE" repeating "La grève").
   Only lines of similar length are folded, which keeps this off the common path. */
static int same_folded(nk_foldbuf *fb, const char *a, size_t an, const char *b, size_t bn)
{
  if (an > bn + 8 || bn > an + 8 || an > 1000 || bn > 1000) return 0;
  size_t n = 0;
  const char *f = nk_fold_run(fb, a, an, &n);
  if (!f) return 0;
  char *fa = malloc(n + 1);
  if (!fa) return 0;
  memcpy(fa, f, n + 1);
  size_t m = 0;
  const char *g = nk_fold_run(fb, b, bn, &m);
  int same = g && m == n && memcmp(fa, g, n) == 0;
  free(fa);
  return same;
}

/* The cue table is parsed once per process: every nk_doc_segment() marks noise, including
   the many small segmentations done for lexicon phrases, and parsing noise.tsv each time was a
   large share of ingest time. The table only points into the embedded resource, so it is never
   freed (it lives as long as the program). */
static cues shared_cues;
static nk_status shared_status;
static nk_error shared_err;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void load_shared_cues(void)
{
  shared_status = load_cues(&shared_cues, &shared_err);
}

nk_status nk_noise_mark(nk_doc *doc, const char *title, nk_foldbuf *fb, nk_error *err)
{
  pthread_once(&shared_once, load_shared_cues);
  if (shared_status != NK_OK) {
    if (err) *err = shared_err;
    return shared_status;
  }
  const cues c = shared_cues;

  size_t tlen = 0;
  if (title) {
    while (*title == ' ' || *title == '\t' || *title == '\r' || *title == '\n') title++;
    tlen = strlen(title);
    while (tlen && (title[tlen - 1] == ' ' || title[tlen - 1] == '\t' ||
                    title[tlen - 1] == '\r' || title[tlen - 1] == '\n'))
      tlen--;
  }
  int title_seen = 0;
  char line[256];
  for (size_t i = 0; i < doc->n_paras; i++) {
    nk_paragraph *p = &doc->paras[i];
    const char *pt = doc->text + p->start;
    size_t pl = p->end - p->start;
    if (tlen && (same_text(pt, pl, title, tlen) || same_folded(fb, pt, pl, title, tlen))) {
      p->noise = title_seen ? NK_NOISE_TITLE_DUP : NK_NOISE_TITLE;
      title_seen = 1;
      continue;
    }
    size_t n = fold_line(fb, doc->text, p->start, p->end, line, sizeof line);
    int full = pl < sizeof line - 1;
    int cls = match_cues(&c, line, n, full ? n : n + 1, 0);
    if (cls < 0 && !full) {
      /* "©" or "Photo :" near the end of a long line: fold just the tail */
      size_t from = p->end - 120;
      while (from < p->end && ((unsigned char)doc->text[from] & 0xC0) == 0x80) from++;
      size_t tn = fold_line(fb, doc->text, from, p->end, line, sizeof line);
      cls = match_cues(&c, line, tn, tn, 1);
    }
    /* A caption ending with its credit: "… mardi 14 mai. © Claire Morvan / Hans Lucas". */
    if (cls < 0) {
      const char *copy = NULL;
      for (size_t k = 0; k + 1 < pl; k++)
        if ((unsigned char)pt[k] == 0xC2 && (unsigned char)pt[k + 1] == 0xA9) copy = pt + k;
      if (copy && (size_t)(pt + pl - copy) <= 80) cls = CLS_CAPTION;
    }
    switch (cls) {
    case CLS_CAPTION: p->noise = NK_NOISE_CAPTION; break;
    case CLS_CREDIT: p->noise = NK_NOISE_CREDIT; break;
    case CLS_READ_ALSO: p->noise = NK_NOISE_READ_ALSO; break;
    case CLS_SHARE: p->noise = NK_NOISE_SHARE; break;
    case CLS_COMMENT: p->noise = NK_NOISE_COMMENT; break;
    default:
      if (is_captcha(doc, p, &c)) p->noise = NK_NOISE_CAPTCHA;
      else if (is_share_bar(doc, p, &c)) p->noise = NK_NOISE_SHARE;
      break;
    }
  }
  /* Second pass: lone name lines next to a caption or right under the title. */
  for (size_t i = 0; i < doc->n_paras; i++) {
    nk_paragraph *p = &doc->paras[i];
    if (p->noise != NK_NOISE_NONE || !is_name_line(doc, p)) continue;
    nk_noise prev = i > 0 ? doc->paras[i - 1].noise : NK_NOISE_NONE;
    nk_noise next = i + 1 < doc->n_paras ? doc->paras[i + 1].noise : NK_NOISE_NONE;
    if (is_caption_like(prev) || is_caption_like(next) || prev == NK_NOISE_TITLE ||
        prev == NK_NOISE_TITLE_DUP)
      p->noise = NK_NOISE_CAPTION;
  }
  return NK_OK;
}
