/* Date recognition on folded text (lower case, no accents), so "Août", "aout" and "AOÛT" are
   one month. Only full dates (day, month, year) are taken: "le 3 avril" alone does not say
   which year the article is from. */
#include "reading/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/text.h"
#include "text/fold.h"

static const char *const months[] = {
    /* French, then English; index % 12 is the month */
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec", NULL};

static char *dup_str(const char *s)
{
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

static int isdig(char c) { return c >= '0' && c <= '9'; }
static int isalpha_(char c) { return c >= 'a' && c <= 'z'; }

/* Digits at S: their value, up to MAX digits; *n receives how many (0: none). */
static int number(const char *s, size_t n, size_t *used, size_t maxd)
{
  int v = 0;
  size_t i = 0;
  while (i < n && i < maxd && isdig(s[i])) v = v * 10 + (s[i++] - '0');
  if (i < n && isdig(s[i])) i = 0; /* too many digits */
  *used = i;
  return v;
}

/* The month name at S (1-12), *used its length, or 0. Called at every word start of a
   line head, so a word that starts with no month's letter costs one test. */
static int month_at(const char *s, size_t n, size_t *used)
{
  if (!n || !strchr("jfmasondu", s[0]))
    return 0;
  for (int k = 0; months[k]; k++) {
    if (months[k][0] != s[0])
      continue;
    size_t l = strlen(months[k]);
    if (l <= n && memcmp(s, months[k], l) == 0 && (l == n || !isalpha_(s[l]))) {
      size_t u = l;
      if (u < n && s[u] == '.') u++; /* "sept." */
      *used = u;
      return k % 12 + 1;
    }
  }
  return 0;
}

static int valid(int y, int m, int d) { return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

static size_t skip_spaces(const char *s, size_t i, size_t n)
{
  while (i < n && (s[i] == ' ' || s[i] == ',')) i++;
  return i;
}

/* Writes the valid date Y-M-D as "YYYY-MM-DD". The moduli change nothing for a valid date;
   they tell the compiler each field's width, so it can see the 11 bytes suffice. */
static void put_iso(char out[11], int y, int m, int d)
{
  snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
           (unsigned)d % 100u);
}

/* The first full date in folded S[0..n): ISO, "14 mai 2025", "1er mai 2025", "May 14, 2025",
   "14/05/2025". Writes "YYYY-MM-DD" to OUT. */
static int find_date(const char *s, size_t n, char out[11])
{
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (isalpha_(s[i - 1]) || isdig(s[i - 1]))) continue; /* word starts only */
    size_t u;
    if (isdig(s[i])) {
      int a = number(s + i, n - i, &u, 4);
      if (u == 4 && i + 10 <= n && s[i + 4] == '-' && isdig(s[i + 5]) && isdig(s[i + 6]) &&
          s[i + 7] == '-' && isdig(s[i + 8]) && isdig(s[i + 9]) &&
          (i + 10 == n || !isdig(s[i + 10]))) {
        int m = (s[i + 5] - '0') * 10 + (s[i + 6] - '0');
        int d = (s[i + 8] - '0') * 10 + (s[i + 9] - '0');
        if (valid(a, m, d)) {
          put_iso(out, a, m, d);
          return 1;
        }
      }
      if (u == 0 || u > 2) continue;
      size_t j = i + u;
      /* dd/mm/yyyy or dd.mm.yyyy (day first: French and British usage) */
      if (j + 8 <= n && (s[j] == '/' || s[j] == '.')) {
        size_t u2, u3;
        int m = number(s + j + 1, n - j - 1, &u2, 2);
        if (u2 && j + 1 + u2 < n && s[j + 1 + u2] == s[j]) {
          int y = number(s + j + 2 + u2, n - j - 2 - u2, &u3, 4);
          if (u3 == 4 && valid(y, m, a)) {
            put_iso(out, y, m, a);
            return 1;
          }
        }
      }
      if (j + 2 <= n && s[j] == 'e' && s[j + 1] == 'r') j += 2;            /* 1er */
      else if (j + 2 <= n && (memcmp(s + j, "st", 2) == 0 || memcmp(s + j, "nd", 2) == 0 ||
                              memcmp(s + j, "rd", 2) == 0 || memcmp(s + j, "th", 2) == 0))
        j += 2;
      if (j < n && s[j] != ' ') continue;
      j = skip_spaces(s, j, n);
      if (j + 3 <= n && memcmp(s + j, "of ", 3) == 0) j += 3;
      int m = month_at(s + j, n - j, &u);
      if (!m) continue;
      j = skip_spaces(s, j + u, n);
      int y = number(s + j, n - j, &u, 4);
      if (u == 4 && valid(y, m, a)) {
        put_iso(out, y, m, a);
        return 1;
      }
    } else if (isalpha_(s[i])) {
      int m = month_at(s + i, n - i, &u);
      if (!m) continue;
      size_t j = skip_spaces(s, i + u, n);
      int d = number(s + j, n - j, &u, 2);
      if (!u) continue;
      j += u;
      if (j + 2 <= n && (memcmp(s + j, "st", 2) == 0 || memcmp(s + j, "nd", 2) == 0 ||
                         memcmp(s + j, "rd", 2) == 0 || memcmp(s + j, "th", 2) == 0))
        j += 2;
      j = skip_spaces(s, j, n);
      int y = number(s + j, n - j, &u, 4);
      if (u == 4 && valid(y, m, d)) {
        put_iso(out, y, m, d);
        return 1;
      }
    }
  }
  return 0;
}

static const char *const cues[] = {"publie le", "publie", "published", "posted",
                                   "mis a jour le", "mis a jour", "updated", "date :", NULL};

/* Whether the fold of S[0..n) may hold an ASCII digit. Every date find_date takes holds
   digits, and most lines hold none: such a line is neither folded nor searched. Digits come
   from ASCII digits and from code points whose compatibility fold is or holds one ("²",
   "½", fullwidth and circled digits...), so any code point not known to fold without digits
   answers yes: Latin-1 and Latin Extended-A/B letters and signs (but ¹ ² ³ ¼ ½ ¾), the
   spaces, dashes, quotes and ellipsis of U+2000-U+2027 and U+202F (checked against the fold
   of each). Invalid UTF-8 also answers yes. */
static int may_hold_digit(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (isdig((char)c)) return 1;
      continue;
    }
    if (c >= 0xC2 && c <= 0xC9 && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
      unsigned cp = ((unsigned)(c & 0x1F) << 6) | ((unsigned char)s[i + 1] & 0x3F);
      if (cp >= 0xA0 && cp <= 0x24F && cp != 0xB2 && cp != 0xB3 && cp != 0xB9 &&
          !(cp >= 0xBC && cp <= 0xBE)) {
        i++;
        continue;
      }
    } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
               ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
      unsigned cp = 0x2000 | ((unsigned char)s[i + 2] & 0x3F);
      if (cp <= 0x2027 || cp == 0x202F) {
        i += 2;
        continue;
      }
    }
    return 1;
  }
  return 0;
}

char *nk_date_from_text(const char *text, size_t len)
{
  char out[11];
  char *dateline = NULL, *found = NULL;
  size_t line_no = 0, a = 0;
  /* One fold buffer for every line: no allocation per line. */
  nk_foldbuf fb = {0};
  while (a < len && !found) {
    const char *nl = memchr(text + a, '\n', len - a);
    size_t b = nl ? (size_t)(nl - text) : len;
    size_t l = b - a;
    if (l > 0) {
      line_no++;
      /* Only the head of a line can hold a date line; 200 bytes bound the work. */
      size_t head = l > 200 ? 200 : l;
      while (head < l && ((unsigned char)text[a + head] & 0xC0) == 0x80) head++;
      size_t fl = 0;
      const char *f =
          may_hold_digit(text + a, head) ? nk_fold_run(&fb, text + a, head, &fl) : NULL;
      if (f) {
        for (int k = 0; cues[k] && !found; k++) {
          const char *c = strstr(f, cues[k]);
          if (c && (c == f || c - f < 80) && find_date(c, fl - (size_t)(c - f), out))
            found = dup_str(out);
        }
        /* the dateline: a date in the first lines after the title */
        if (!found && !dateline && line_no >= 2 && line_no <= 4 &&
            find_date(f, fl < 100 ? fl : 100, out))
          dateline = dup_str(out);
      }
    }
    a = b + 1;
  }
  nk_foldbuf_free(&fb);
  if (found) {
    free(dateline);
    return found;
  }
  return dateline;
}

char *nk_date_normalize(const char *value)
{
  if (!value) return NULL;
  char *f = nk_text_fold(value, strlen(value));
  if (!f) return NULL;
  char out[11];
  char *r = find_date(f, strlen(f), out) ? dup_str(out) : NULL;
  free(f);
  return r;
}
