/* Segmentation: paragraphs (one per non-blank line), tokens, then sentences, in one linear
   pass per paragraph. Every token's fold string is stored in the doc's arena: no malloc per
   token. The input may be any bytes: an invalid UTF-8 byte becomes a one-byte symbol. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "newskg/text.h"
#include "text/arena.h"
#include "text/fold.h"
#include "text/noise.h"
#include "text/para.h"

typedef struct seg {
  nk_doc *doc;
  nk_arena *arena;
  size_t cap_paras, cap_sents, cap_toks;
  nk_foldbuf fb;
  size_t *match; /* per paragraph token: index of the quote closing an opening quote */
  size_t *stack;
  size_t cap_match;
} seg;

/* ---- characters ---------------------------------------------------------------------- */

/* The code point at T[i] and its length in *n (>= 1); -1 for an invalid byte. */
static int32_t cp_at(const char *t, size_t len, size_t i, size_t *n)
{
  if (i >= len) {
    *n = 0;
    return 0;
  }
  unsigned char c = (unsigned char)t[i];
  if (c < 0x80) {
    *n = 1;
    return c;
  }
  utf8proc_int32_t cp;
  utf8proc_ssize_t r =
      utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(len - i), &cp);
  if (r <= 0) {
    *n = 1;
    return -1;
  }
  *n = (size_t)r;
  return cp;
}

/* The code point ending just before T[i] (-1 at the start or after an invalid byte). */
static int32_t cp_before(const char *t, size_t i)
{
  if (i == 0) return -1;
  size_t j = i - 1, k = 0;
  while (j > 0 && k < 3 && ((unsigned char)t[j] & 0xC0) == 0x80) {
    j--;
    k++;
  }
  size_t n;
  int32_t cp = cp_at(t, i, j, &n);
  return j + n == i ? cp : -1;
}

/* Inline like is_alnum: asked of every code point between tokens. */
static inline int is_space(int32_t c)
{
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
  if (c < 0x80) return 0;
  utf8proc_category_t k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

static int is_letter(int32_t c)
{
  if (c < 0x80) return (c | 32) >= 'a' && (c | 32) <= 'z';
  switch (utf8proc_category(c)) {
  case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    return 1;
  default:
    return 0;
  }
}

static int is_mark(int32_t c)
{
  if (c < 0x300) return 0;
  utf8proc_category_t k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME;
}

static int is_digit(int32_t c)
{
  if (c < 0x80) return c >= '0' && c <= '9';
  return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

/* Asked of nearly every code point: ASCII is answered inline, without the Unicode tables. */
static inline int is_alnum(int32_t c)
{
  if (c < 0x80) return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9');
  return is_letter(c) || is_digit(c) || is_mark(c);
}

static int is_upper(int32_t c)
{
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  utf8proc_category_t k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_apos(int32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018; }
static int is_hyphen(int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

/* Spaces that may separate digit groups: "21 000" with a plain, no-break, narrow no-break,
   thin or figure space. */
static int is_group_space(int32_t c)
{
  return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2007;
}

/* Quote marks: 1 opens, 2 closes, 3 depends on position (straight quotes and ’ ‘ which are
   also apostrophes), 0 not a quote. */
static int quote_kind(int32_t c)
{
  switch (c) {
  case 0xAB: case 0x201C: case 0x201E: case 0x2039: case 0x201A: case 0x201F:
    return 1;
  case 0xBB: case 0x201D: case 0x203A:
    return 2;
  case '"': case '\'': case 0x2018: case 0x2019:
    return 3;
  default:
    return 0;
  }
}

static int is_terminal_cp(int32_t c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }

/* ---- growing arrays ------------------------------------------------------------------ */

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
  if (need <= *cap) return 1;
  size_t c = *cap ? *cap : 16;
  while (c < need) {
    if (c > (SIZE_MAX / 2) / elem) return 0;
    c *= 2;
  }
  void *q = realloc(*p, c * elem);
  if (!q) return 0;
  *p = q;
  *cap = c;
  return 1;
}

/* ---- tokens -------------------------------------------------------------------------- */

static nk_token *push_tok(seg *s, size_t start, size_t end, nk_tok_kind kind, unsigned flags)
{
  nk_doc *d = s->doc;
  if (!grow((void **)&d->toks, &s->cap_toks, d->n_toks + 1, sizeof *d->toks)) return NULL;
  nk_token *t = &d->toks[d->n_toks++];
  t->start = (uint32_t)start;
  t->end = (uint32_t)end;
  t->kind = (uint16_t)kind;
  t->flags = (uint16_t)flags;
  t->sent = 0;
  t->fold = NULL;
  t->fold_hash = 0;
  return t;
}

/* Stores the fold of text[a, b) as T's fold; numbers lose their group spaces. */
static int set_fold(seg *s, nk_token *t, size_t a, size_t b)
{
  const char *src = s->doc->text + a;
  size_t n = b - a, k = 0;
  while (k < n && (unsigned char)src[k] < 0x80) k++;
  char *copy;
  if (k == n) {
    /* Most tokens are ASCII, whose fold is their lowercase copy (see nk_fold_run): lowered
       straight into the arena, not through the fold buffer and a copy. */
    if (!(copy = nk_arena_alloc(s->arena, n + 1))) return 0;
    for (size_t r = 0; r < n; r++) {
      unsigned char c = (unsigned char)src[r];
      copy[r] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    copy[n] = '\0';
  } else {
    size_t fl = 0;
    const char *f = nk_fold_run(&s->fb, src, n, &fl);
    if (!f) return 0;
    n = fl;
    if (!(copy = nk_arena_strndup(s->arena, f, n))) return 0;
  }
  if (t->kind == NK_TOK_NUMBER) {
    size_t w = 0;
    for (size_t r = 0; r < n; r++)
      if (copy[r] != ' ') copy[w++] = copy[r];
    copy[w] = '\0';
  }
  t->fold = copy;
  return 1;
}

/* Case flags from the letters of text[a, b). */
static unsigned case_flags(const char *t, size_t a, size_t b)
{
  size_t letters = 0, upper = 0, n;
  int first = 1;
  unsigned f = 0;
  for (size_t i = a; i < b; i += n) {
    int32_t c = cp_at(t, b, i, &n);
    if (!is_letter(c)) continue;
    letters++;
    if (is_upper(c)) {
      upper++;
      if (first) f |= NK_TF_CAP;
    }
    first = 0;
  }
  if (letters >= 2 && upper == letters) f |= NK_TF_ALLCAPS;
  return f;
}

/* Lower-case ASCII comparison of text[a, b) with WORD. No strlen: the lists are scanned for
   every word, and most entries differ in their first byte. */
static int word_is(const char *t, size_t a, size_t b, const char *word)
{
  size_t i = 0;
  for (; a + i < b; i++) {
    unsigned char c = (unsigned char)t[a + i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    if (!word[i] || c != (unsigned char)word[i]) return 0;
  }
  return word[i] == '\0';
}

static int word_in(const char *t, size_t a, size_t b, const char *const *list)
{
  for (; *list; list++)
    if (word_is(t, a, b, *list)) return 1;
  return 0;
}

/* Case-sensitive comparison, for abbreviations whose case matters ("M." but not "m."). */
static int word_eq(const char *t, size_t a, size_t b, const char *const *list)
{
  for (; *list; list++) {
    const char *w = *list;
    size_t i = 0;
    while (a + i < b && w[i] && t[a + i] == w[i]) i++;
    if (a + i == b && !w[i]) return 1;
  }
  return 0;
}

/* French words elided before a vowel: "l'", "qu'", "jusqu'". */
static const char *const elisions[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu",
                                       "lorsqu", "puisqu", "quoiqu", NULL};
/* French subject pronouns that follow their verb after a hyphen: "dit-il", "a-t-elle". */
static const char *const clitics[] = {"je", "tu", "il", "elle", "on", "nous", "vous", "ils",
                                      "elles", "ce", NULL};
/* Abbreviations written with a capital and a dot that never end a sentence: titles and
   courtesy forms. */
static const char *const title_abbrevs[] = {
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Drs", "Mr", "Mrs", "Ms",
    "Messrs", "St", "Ste", "Pr", "Prof", "Gen", "Gén", "Gov", "Sen", "Rep", "Lt", "Col",
    "Capt", "Cpt", "Sgt", "Cdt", "Adm", "Rev", "Hon", "Fr", "Mt", "Ft", "Jan", "Feb", "Apr",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Vol", "Art", "Fig", NULL};
/* Abbreviations that may end a sentence (decided by the next word) or are lower case. */
static const char *const other_abbrevs[] = {
    "etc", "inc", "ltd", "co", "corp", "jr", "sr", "bros", "plc", "cf", "vs", "env", "av",
    "bd", "boul", "hab", "approx", "janv", "févr", "avr", "juil", "déc", "p", "pp", "resp",
    "cie", "ste", "st", "al", NULL};
/* Abbreviations among the above that can close a sentence: a capitalised word after them
   starts a new one ("… and Apple Inc. The deal"). */
static const char *const final_abbrevs[] = {"etc", "inc", "ltd", "co", "corp", "jr", "sr",
                                            "bros", "plc", "cie", "al", NULL};
/* Words that begin sentences: after "U.S." only these make the dot a sentence end. */
static const char *const starters[] = {
    "the", "he", "she", "it", "they", "we", "i", "but", "this", "that", "in", "on", "a", "an",
    "there", "his", "her", "their", "its", "le", "la", "les", "il", "elle", "ils", "elles",
    "on", "mais", "en", "un", "une", "des", "ce", "cette", "selon", "pour", NULL};

/* Acronym with dots starting at A where text[a..) is letters-then-dot: "U.S.", "J.-C.",
   "e.g.". Returns the end (after the last dot) or 0 when there are not two groups. */
static size_t acronym_end(const char *t, size_t len, size_t a)
{
  size_t i = a, groups = 0, n;
  for (;;) {
    size_t g = i;
    if (i < len && t[i] == '-' && groups > 0) i++;
    size_t letters = 0, k = i;
    int32_t c;
    while ((c = cp_at(t, len, k, &n)) > 0 && is_letter(c) && letters < 3) {
      letters++;
      k += n;
    }
    if (letters == 0 || letters > 2 || k >= len || t[k] != '.') {
      i = g;
      break;
    }
    i = k + 1;
    groups++;
  }
  return groups >= 2 ? i : 0;
}

/* Scans a word or number starting at I (a letter, digit or mark) and pushes its token(s).
   Returns the position after the last token. */
static size_t scan_word(seg *s, size_t i, size_t pend, unsigned space_flag, int *ok)
{
  const char *t = s->doc->text;
  size_t start = i, n;
  int32_t c = cp_at(t, pend, i, &n);
  nk_tok_kind kind = is_digit(c) ? NK_TOK_NUMBER : NK_TOK_WORD;
  size_t hyph[8], nh = 0;
  size_t group = 0; /* digits in the current digit group (numbers) */
  int only_digits = kind == NK_TOK_NUMBER;
  unsigned extra = 0;

  while (i < pend) {
    c = cp_at(t, pend, i, &n);
    if (is_alnum(c)) {
      if (is_digit(c)) group++;
      else only_digits = 0;
      i += n;
      continue;
    }
    size_t n2;
    int32_t next = cp_at(t, pend, i + n, &n2);
    int32_t prev = cp_before(t, i);
    if (kind == NK_TOK_NUMBER && only_digits && (c == '.' || c == ',') && is_digit(next)) {
      i += n;
      group = 0;
      continue;
    }
    if (kind == NK_TOK_NUMBER && only_digits && is_group_space(c) && group >= 1 &&
        group <= 3) {
      /* exactly three digits follow, then no further digit or letter */
      size_t k = i + n, d = 0, m = 0;
      int32_t e = 0;
      while (d < 4 && (e = cp_at(t, pend, k, &m)) > 0 && is_digit(e)) {
        d++;
        k += m;
      }
      if (d == 3 && !(k < pend && is_alnum(e))) {
        i += n;
        group = 0;
        continue;
      }
      break;
    }
    if (is_hyphen(c) && is_alnum(prev) && is_alnum(next)) {
      if (nh < sizeof hyph / sizeof hyph[0]) hyph[nh++] = i;
      i += n;
      continue;
    }
    if (is_apos(c) && is_letter(prev) && is_letter(next)) {
      if (nh == 0 && kind == NK_TOK_WORD && word_in(t, start, i, elisions)) {
        /* French elision: "l'" / "qu’" is its own token, apostrophe included. */
        nk_token *tok = push_tok(s, start, i + n, NK_TOK_WORD,
                                 space_flag | NK_TF_ELISION | case_flags(t, start, i));
        if (!tok || !set_fold(s, tok, start, i + n)) *ok = 0;
        return i + n;
      }
      /* English possessive: "WHO's" → "WHO" + "'s". */
      size_t n3;
      int32_t after = cp_at(t, pend, i + n + n2, &n3);
      if ((next == 's' || next == 'S') && !is_alnum(after)) break;
      i += n; /* inner apostrophe: "aujourd'hui", "O'Brien" */
      continue;
    }
    break;
  }
  size_t end = i;

  /* A dot may belong to the word: acronyms, initials and known abbreviations. */
  if (kind == NK_TOK_WORD && end < pend && t[end] == '.') {
    size_t acr = nh == 0 ? acronym_end(t, pend, start) : 0;
    size_t n1;
    int32_t first = cp_at(t, pend, start, &n1);
    if (acr) {
      end = acr;
      extra = NK_TF_ABBREV;
    } else if ((start + n1 == end && is_upper(first)) || word_eq(t, start, end, title_abbrevs) ||
               word_in(t, start, end, other_abbrevs)) {
      end++;
      extra = NK_TF_ABBREV;
    }
    if (extra) {
      nk_token *tok = push_tok(s, start, end, NK_TOK_WORD,
                               space_flag | extra | case_flags(t, start, end));
      if (!tok || !set_fold(s, tok, start, end)) *ok = 0;
      return end;
    }
  }

  /* French inverted subject clitic: "a-t-il" → "a" + "-t-il", "dit-elle" → "dit" + "-elle". */
  if (kind == NK_TOK_WORD && nh >= 1) {
    size_t last = hyph[nh - 1];
    cp_at(t, pend, last, &n);
    size_t pron = last + n; /* after the hyphen, which may be U+2011 */
    int32_t pc = cp_at(t, pend, pron, &n);
    if (!is_upper(pc) && word_in(t, pron, end, clitics)) {
      size_t cut = last;
      if (nh >= 2 && hyph[nh - 2] + 2 == last && (t[last - 1] | 32) == 't') cut = hyph[nh - 2];
      if (cut > start) {
        nk_token *v = push_tok(s, start, cut, NK_TOK_WORD, space_flag | case_flags(t, start, cut));
        if (!v || !set_fold(s, v, start, cut)) {
          *ok = 0;
          return end;
        }
        nk_token *p = push_tok(s, cut, end, NK_TOK_WORD, NK_TF_INVERTED);
        if (!p || !set_fold(s, p, pron, end)) *ok = 0;
        return end;
      }
    }
  }

  nk_token *tok = push_tok(s, start, end, kind,
                           space_flag | (kind == NK_TOK_WORD ? case_flags(t, start, end) : 0));
  if (!tok || !set_fold(s, tok, start, end)) *ok = 0;
  return end;
}

/* Length of the symbol cluster at I: an emoji with its modifiers, variation selectors and
   ZWJ sequences, or a flag (two regional indicators). */
static size_t symbol_len(const char *t, size_t pend, size_t i)
{
  size_t n, m;
  int32_t c = cp_at(t, pend, i, &n);
  size_t j = i + n;
  if (c >= 0x1F1E6 && c <= 0x1F1FF) {
    int32_t d = cp_at(t, pend, j, &m);
    if (d >= 0x1F1E6 && d <= 0x1F1FF) j += m;
    return j - i;
  }
  if (c < 0) return n;
  for (;;) {
    int32_t d = cp_at(t, pend, j, &m);
    if (m == 0) break;
    if (d == 0xFE0F || d == 0xFE0E || (d >= 0x1F3FB && d <= 0x1F3FF) || is_mark(d) ||
        (d >= 0xE0020 && d <= 0xE007F)) {
      j += m;
    } else if (d == 0x200D) {
      j += m;
      int32_t e = cp_at(t, pend, j, &m);
      if (m && e > 0 && !is_space(e)) j += m;
    } else {
      break;
    }
  }
  return j - i;
}

/* Decides whether a position-dependent quote mark at I opens (1), closes (2) or is not a
   quote (0: an apostrophe). DEPTH is how many straight/single quotes are open. */
static int judge_quote(const char *t, size_t pstart, size_t pend, size_t i, size_t n, int32_t c,
                       int open_double, int open_single)
{
  int32_t prev = i > pstart ? cp_before(t, i) : ' ';
  size_t m;
  int32_t next = i + n < pend ? cp_at(t, pend, i + n, &m) : ' ';
  int before_free = prev == ' ' || is_space(prev) || prev == '(' || prev == '[' ||
                    prev == 0x2014 || prev == 0x2013 || quote_kind(prev) == 1;
  int after_free = is_space(next) || (next < 0x80 && next > 0 && !is_alnum(next) &&
                                      next != '"' && next != '\'') ||
                   utf8proc_category(next) == UTF8PROC_CATEGORY_PO ||
                   quote_kind(next) == 2 || next == 0x2019;
  if (c == '"') {
    if (before_free && !after_free) return 1;
    if (after_free && !before_free) return 2;
    return open_double ? 2 : 1;
  }
  /* Single marks: ‘ opens; ’ and ' close only when a single quote is open, otherwise they
     are apostrophes (the plural possessive "players’ union", "’90s"). */
  if (c == 0x2018) return is_alnum(prev) && is_alnum(next) ? 0 : 1;
  if (open_single && !before_free) return 2;
  if (before_free && is_letter(next)) return 1;
  return 0;
}

/* Tokenises text[a, b) (one paragraph). */
static int tokenize(seg *s, size_t a, size_t b)
{
  const char *t = s->doc->text;
  size_t i = a, n;
  unsigned space = 0;
  int ok = 1, open_double = 0, open_single = 0;
  while (i < b && ok) {
    int32_t c = cp_at(t, b, i, &n);
    if (is_space(c) || (c >= 0 && c < 0x20) || c == 0x7F) {
      space = NK_TF_SPACE_BEFORE;
      i += n;
      continue;
    }
    /* (no printable ASCII character is a format or control character) */
    if (c >= 0x80 && (utf8proc_category(c) == UTF8PROC_CATEGORY_CF ||
                      utf8proc_category(c) == UTF8PROC_CATEGORY_CC)) {
      i += n; /* zero-width joiners, soft hyphens, BOMs: invisible, not tokens */
      continue;
    }
    if (c > 0 && is_alnum(c)) {
      i = scan_word(s, i, b, space, &ok);
      space = 0;
      continue;
    }
    /* "'s" after a word: the English possessive. */
    if (is_apos(c) && c != 0x2018 && is_letter(cp_before(t, i)) && !space) {
      size_t m, k;
      int32_t next = cp_at(t, b, i + n, &m);
      int32_t after = cp_at(t, b, i + n + m, &k);
      if ((next == 's' || next == 'S') && !is_alnum(after)) {
        nk_token *tok = push_tok(s, i, i + n + m, NK_TOK_WORD, 0);
        if (!tok || !set_fold(s, tok, i, i + n + m)) return 0;
        i += n + m;
        continue;
      }
    }
    int q = quote_kind(c);
    if (q == 3) q = judge_quote(t, a, b, i, n, c, open_double, open_single);
    if (q) {
      if (c == '"') open_double = q == 1;
      else if (c == '\'' || c == 0x2018 || c == 0x2019) open_single = q == 1;
      nk_token *tok = push_tok(s, i, i + n, NK_TOK_QUOTE,
                               space | (q == 1 ? NK_TF_QUOTE_OPEN : NK_TF_QUOTE_CLOSE));
      if (!tok || !set_fold(s, tok, i, i + n)) return 0;
      i += n;
      space = 0;
      continue;
    }
    nk_tok_kind kind = NK_TOK_PUNCT;
    size_t len = n;
    if (c < 0) {
      kind = NK_TOK_SYMBOL;
    } else if (c >= 0x80) {
      utf8proc_category_t k = utf8proc_category(c);
      if (!(k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO)) {
        kind = NK_TOK_SYMBOL;
        len = symbol_len(t, b, i);
      }
    } else if (c == '+' || c == '<' || c == '=' || c == '>' || c == '|' || c == '~' ||
               c == '$' || c == '^' || c == '`') {
      kind = NK_TOK_SYMBOL;
    }
    nk_token *tok = push_tok(s, i, i + len, kind, space);
    if (!tok || !set_fold(s, tok, i, i + len)) return 0;
    i += len;
    space = 0;
  }
  return ok;
}

/* ---- sentences ----------------------------------------------------------------------- */

static int tok_is(const nk_doc *d, size_t k, const char *s)
{
  return d->toks[k].fold && strcmp(d->toks[k].fold, s) == 0;
}

static int is_terminal_tok(const nk_doc *d, size_t k)
{
  const nk_token *t = &d->toks[k];
  if (t->kind != NK_TOK_PUNCT) return 0;
  size_t n;
  int32_t c = cp_at(d->text, t->end, t->start, &n);
  return is_terminal_cp(c);
}

static int is_lower_word(const nk_doc *d, size_t k)
{
  const nk_token *t = &d->toks[k];
  if (t->kind != NK_TOK_WORD || (t->flags & NK_TF_CAP)) return 0;
  size_t n;
  return is_letter(cp_at(d->text, t->end, t->start, &n));
}

/* Whether the abbreviation token K ends its sentence, given the tokens up to END. */
static int abbrev_ends(const nk_doc *d, size_t k, size_t end)
{
  const nk_token *t = &d->toks[k];
  size_t j = k + 1;
  while (j < end && d->toks[j].kind == NK_TOK_QUOTE) j++;
  if (j >= end) return 1;
  const nk_token *nx = &d->toks[j];
  /* the fold without its final dot */
  size_t fl = strlen(t->fold);
  char buf[16];
  if (fl == 0 || fl >= sizeof buf) return 0;
  memcpy(buf, t->fold, fl - 1);
  buf[fl - 1] = '\0';
  if (strchr(buf, '.')) {
    /* an acronym ("U.S."): ends only before a typical sentence opener */
    return nx->kind == NK_TOK_WORD && (nx->flags & NK_TF_CAP) &&
           word_in(d->text, nx->start, nx->end, starters);
  }
  for (const char *const *f = final_abbrevs; *f; f++)
    if (strcmp(*f, buf) == 0) return nx->kind == NK_TOK_WORD && (nx->flags & NK_TF_CAP);
  return 0;
}

static int push_sent(seg *s, size_t first, size_t last, size_t para)
{
  nk_doc *d = s->doc;
  if (!grow((void **)&d->sents, &s->cap_sents, d->n_sents + 1, sizeof *d->sents)) return 0;
  nk_sentence *st = &d->sents[d->n_sents];
  st->start = d->toks[first].start;
  st->end = d->toks[last].end;
  st->tok_first = (uint32_t)first;
  st->tok_count = (uint32_t)(last - first + 1);
  st->para = (uint32_t)para;
  int flagged = 0;
  for (size_t k = first; k <= last; k++) {
    d->toks[k].sent = (uint32_t)d->n_sents;
    if (!flagged && (d->toks[k].kind == NK_TOK_WORD || d->toks[k].kind == NK_TOK_NUMBER)) {
      d->toks[k].flags |= NK_TF_SENT_START;
      flagged = 1;
    }
  }
  d->n_sents++;
  return 1;
}

/* Whether the quote closing at C is followed (or preceded) by an attribution: a comma before
   or after it (« … », a-t-il dit / "…," he said) or a lower-case word after it. */
static int attributed(const nk_doc *d, size_t c, size_t end)
{
  if (c > 0 && tok_is(d, c - 1, ",")) return 1;
  if (c + 1 >= end) return 0;
  return tok_is(d, c + 1, ",") || is_lower_word(d, c + 1);
}

/* Groups the tokens [first, end) of paragraph PARA into sentences. */
static int sentences(seg *s, size_t first, size_t end, size_t para)
{
  nk_doc *d = s->doc;
  if (first == end) return 1;
  size_t n = end - first;
  if (!grow((void **)&s->match, &s->cap_match, n, sizeof *s->match)) return 0;
  size_t *stk = realloc(s->stack, s->cap_match * sizeof *s->stack);
  if (!stk) return 0;
  s->stack = stk;
  /* Match quotes: match[k] = index of the closing quote of opening quote k, or SIZE_MAX. */
  size_t top = 0;
  for (size_t k = first; k < end; k++) {
    s->match[k - first] = SIZE_MAX;
    if (d->toks[k].flags & NK_TF_QUOTE_OPEN) s->stack[top++] = k;
    else if ((d->toks[k].flags & NK_TF_QUOTE_CLOSE) && top > 0)
      s->match[s->stack[--top] - first] = k;
  }
  top = 0;
  size_t sstart = first;
  for (size_t k = first; k < end; k++) {
    const nk_token *t = &d->toks[k];
    if (t->flags & NK_TF_QUOTE_OPEN) {
      s->stack[top++] = k;
      continue;
    }
    if (t->flags & NK_TF_QUOTE_CLOSE) {
      if (top > 0) top--;
      continue;
    }
    int term = is_terminal_tok(d, k) || ((t->flags & NK_TF_ABBREV) && abbrev_ends(d, k, end));
    if (!term) continue;
    /* absorb further terminal marks, closing quotes and brackets */
    size_t e = k;
    while (e + 1 < end) {
      const nk_token *u = &d->toks[e + 1];
      if (is_terminal_tok(d, e + 1) || tok_is(d, e + 1, ")") || tok_is(d, e + 1, "]")) {
        e++;
      } else if (u->flags & NK_TF_QUOTE_CLOSE) {
        e++;
        if (top > 0) top--;
      } else {
        break;
      }
    }
    int brk = 1;
    if (e + 1 >= end) {
      brk = 1;
    } else if (is_lower_word(d, e + 1) || tok_is(d, e + 1, ",")) {
      /* « Non ! », a-t-il dit / « Non ! » a-t-il dit / "[…] décidé" / "approx. ten" */
      brk = 0;
    } else if (top > 0) {
      /* still inside a quote: keep the quote whole when its attribution follows it */
      size_t c = s->match[s->stack[top - 1] - first];
      if (c != SIZE_MAX && attributed(d, c, end)) brk = 0;
    }
    if (brk) {
      if (!push_sent(s, sstart, e, para)) return 0;
      sstart = e + 1;
    }
    k = e;
  }
  if (sstart < end && !push_sent(s, sstart, end - 1, para)) return 0;
  return 1;
}

/* ---- paragraphs ---------------------------------------------------------------------- */

static int paragraph(seg *s, size_t a, size_t b)
{
  nk_doc *d = s->doc;
  size_t n;
  /* trim white space (including no-break spaces) at both ends */
  while (a < b) {
    int32_t c = cp_at(d->text, b, a, &n);
    if (!is_space(c)) break;
    a += n;
  }
  while (b > a) {
    int32_t c = cp_before(d->text, b);
    if (!is_space(c)) break;
    size_t k = b - 1;
    while (k > a && ((unsigned char)d->text[k] & 0xC0) == 0x80) k--;
    b = k;
  }
  if (a == b) return 1;
  if (!grow((void **)&d->paras, &s->cap_paras, d->n_paras + 1, sizeof *d->paras)) return 0;
  size_t tok0 = d->n_toks, sent0 = d->n_sents, idx = d->n_paras;
  nk_paragraph *p = &d->paras[d->n_paras++];
  p->start = (uint32_t)a;
  p->end = (uint32_t)b;
  p->noise = NK_NOISE_NONE;
  if (!tokenize(s, a, b)) return 0;
  if (!sentences(s, tok0, d->n_toks, idx)) return 0;
  p = &d->paras[idx];
  p->sent_first = (uint32_t)sent0;
  p->sent_count = (uint32_t)(d->n_sents - sent0);
  return 1;
}

/* Characters (not bytes) in t[a, b). */
static size_t width(const char *t, size_t a, size_t b)
{
  size_t w = 0;
  for (size_t i = a; i < b; i++) w += ((unsigned char)t[i] & 0xC0) != 0x80;
  return w;
}

/* 1 when t[a, b) holds a character start (not only UTF-8 continuation bytes). */
static size_t has_char(const char *t, size_t a, size_t b)
{
  for (size_t i = a; i < b; i++)
    if (((unsigned char)t[i] & 0xC0) != 0x80) return 1;
  return 0;
}

/* The wrap width when the text is hard-wrapped (most lines directly followed by another line
   are about as long as the longest of them, under 120 characters), else 0. */
static size_t wrap_width(const char *t, size_t len)
{
  size_t lines = 0, cont = 0, maxw = 0, a = 0;
  size_t hist[121] = {0};
  while (a < len) {
    const char *nl = memchr(t + a, '\n', len - a);
    size_t b = nl ? (size_t)(nl - t) : len;
    int followed = b + 1 < len && t[b + 1] != '\n' && t[b + 1] != '\r';
    /* only a followed line's width counts: any other line needs only to be non-empty (a
       character start), and most paragraphs are one line followed by a blank one */
    size_t w = followed ? width(t, a, b) : has_char(t, a, b);
    if (w > 0) {
      lines++;
      if (followed) {
        cont++;
        if (w > maxw) maxw = w;
        hist[w > 120 ? 120 : w]++;
      }
    }
    a = b + 1;
  }
  if (cont < 3 || cont * 3 < lines || maxw > 120 || maxw < 30) return 0;
  size_t near = 0;
  for (size_t w = maxw > 25 ? maxw - 25 : 0; w <= maxw; w++) near += hist[w];
  return near * 10 >= cont * 7 ? maxw : 0;
}

/* Whether the line [a, b) (b at a '\n') continues on the next line. In a hard-wrapped text
   (WRAP > 0) it does unless the next line's first word would have fitted on it (then the
   line was cut on purpose: a paragraph end). Otherwise only a line that stops mid-sentence
   before a line going on in lower case does. */
static int wrapped(const char *t, size_t len, size_t a, size_t b, size_t wrap)
{
  size_t e = b, n;
  while (e > a && is_space(cp_before(t, e))) {
    e--; /* back over one character */
    while (e > a && ((unsigned char)t[e] & 0xC0) == 0x80) e--;
  }
  if (e == a) return 0;
  size_t i = b + 1;
  int32_t c = 0;
  while (i < len && (c = cp_at(t, len, i, &n)) != '\n' && is_space(c)) i += n;
  if (i >= len || c == '\n') return 0;
  if (wrap) {
    /* the line goes on when the next line's first word would not have fitted on it */
    size_t k = i, ww = 0;
    int32_t d;
    while (k < len && (d = cp_at(t, len, k, &n)) != '\n' && !is_space(d)) {
      ww++;
      k += n;
    }
    return width(t, a, e) + 1 + ww > wrap;
  }
  int32_t last = cp_before(t, e);
  if (is_terminal_cp(last) || quote_kind(last) || last == ':') return 0;
  c = cp_at(t, len, i, &n);
  return c > 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* The end of the paragraph starting with the line at A (the offset of its final '\n', or
   LEN). FIRST: no paragraph yet, so this line is the title line, joined to the next only in a
   hard-wrapped text. */
static size_t para_end(const char *text, size_t len, size_t a, size_t wrap, int first)
{
  const char *nl = memchr(text + a, '\n', len - a);
  size_t b = nl ? (size_t)(nl - text) : len;
  size_t ls = a; /* start of the paragraph's last line */
  while (b < len && (wrap || !first) && wrapped(text, len, ls, b, wrap)) {
    ls = b + 1;
    nl = memchr(text + b + 1, '\n', len - b - 1);
    b = nl ? (size_t)(nl - text) : len;
  }
  return b;
}

void nk_text_first_paragraph(const char *text, size_t len, size_t *start, size_t *end)
{
  size_t wrap = wrap_width(text, len), a = 0, n;
  for (;;) {
    /* skip blank lines */
    size_t i = a;
    int32_t c = 0;
    while (i < len && (c = cp_at(text, len, i, &n)) != '\n' && is_space(c)) i += n;
    if (i >= len) {
      *start = *end = len;
      return;
    }
    if (c == '\n') {
      a = i + 1;
      continue;
    }
    *start = a;
    *end = para_end(text, len, a, wrap, 1);
    return;
  }
}

void nk_doc_free(nk_doc *doc)
{
  if (!doc) return;
  free(doc->paras);
  free(doc->sents);
  free(doc->toks);
  nk_arena_free(doc->arena);
  free(doc);
}

nk_status nk_doc_segment(const char *text, size_t len, const char *title, const char *lang,
                         nk_doc **out, nk_error *err)
{
  if (!out || (!text && len)) return nk_error_set(err, NK_ERR_USAGE, "no text to segment");
  *out = NULL;
  if (len >= UINT32_MAX) return nk_error_set(err, NK_ERR_USAGE, "text too long (4 GiB or more)");
  if (!text) text = "";
  nk_doc *d = calloc(1, sizeof *d);
  if (!d) return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  d->text = text;
  d->len = len;
  d->arena = nk_arena_new();
  seg s;
  memset(&s, 0, sizeof s);
  s.doc = d;
  s.arena = d->arena;
  nk_status st = NK_OK;
  if (!d->arena) goto nomem;

  const char *l = (lang && (strcmp(lang, "fr") == 0 || strcmp(lang, "en") == 0))
                      ? lang
                      : nk_text_detect_lang(text, len);
  memcpy(d->lang, l, 3);

  /* A rough first guess of the sizes saves most reallocations. */
  if (!grow((void **)&d->toks, &s.cap_toks, len / 6 + 16, sizeof *d->toks)) goto nomem;

  /* One paragraph per line: in the articles we read every line is a paragraph, and a
     caption or a credit is a line of its own. A hard-wrapped paragraph is the exception:
     a line that stops mid-sentence and a next line that goes on in lower case are one. */
  size_t a = 0, wrap = wrap_width(text, len);
  while (a < len) {
    size_t b = para_end(text, len, a, wrap, d->n_paras == 0);
    if (!paragraph(&s, a, b)) goto nomem;
    a = b + 1;
  }
  /* Hashed once here rather than at every lexicon lookup (each token meets dozens). */
  for (size_t k = 0; k < d->n_toks; k++)
    d->toks[k].fold_hash = d->toks[k].fold ? nk_fold_hash(d->toks[k].fold) : 0;
  st = nk_noise_mark(d, title, &s.fb, err);
  if (st != NK_OK) goto fail;
  nk_foldbuf_free(&s.fb);
  free(s.match);
  free(s.stack);
  *out = d;
  return NK_OK;
nomem:
  st = nk_error_set(err, NK_ERR_NOMEM, "out of memory while segmenting");
fail:
  nk_foldbuf_free(&s.fb);
  free(s.match);
  free(s.stack);
  nk_doc_free(d);
  return st;
}
