/* Name comparisons for merging actors across articles, the choice of an actor's display
   name, and the content hash behind uids. Keys are compared as words: "dmitri peskov". */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/extract.h"
#include "store/store_priv.h"

/* Leading words dropped from a key, as the scorer does (eval/score.py TITLES). */
static const char *const titles[] = {"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "me", "pr",
                                     NULL};

static int is_title_word(const char *w, size_t n)
{
  for (size_t i = 0; titles[i]; i++)
    if (strlen(titles[i]) == n && memcmp(titles[i], w, n) == 0)
      return 1;
  return 0;
}

/* The extraction module's key (folding, titles, transliteration variants), so the store
   merges on exactly what extraction compares within an article. */
char *nk_store_name_key(const char *name)
{
  return nk_name_key(name ? name : "");
}

size_t nk_key_words(const char *key)
{
  size_t n = 0;
  for (const char *p = key; *p;) {
    while (*p == ' ')
      p++;
    if (!*p)
      break;
    n++;
    while (*p && *p != ' ')
      p++;
  }
  return n;
}

const char *nk_key_last(const char *key)
{
  const char *sp = strrchr(key, ' ');
  return sp ? sp + 1 : key;
}

/* Only the diagonal band |i - j| <= LIMIT of the table is computed (Ukkonen): a path leaving
   it costs more than LIMIT already. With LIMIT 1 or 2 that is 3 to 5 cells a row instead of
   the whole row, which mattered: every stored namesake of an incoming person is compared
   so. */
size_t nk_edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
  if (la > 64 || lb > 64)
    return la == lb && memcmp(a, b, la) == 0 ? 0 : limit + 1;
  if ((la > lb ? la - lb : lb - la) > limit)
    return limit + 1;
  /* Some optimal alignment matches a common prefix and a common suffix letter for letter:
     only what lies between is compared. Names compared share most of their letters (a stored
     surname shares its first four or five with the incoming one). */
  while (la && lb && *a == *b)
    a++, b++, la--, lb--;
  while (la && lb && a[la - 1] == b[lb - 1])
    la--, lb--;
  if (!la || !lb)
    return la + lb <= limit ? la + lb : limit + 1;
  const size_t out = limit + 1; /* any cell outside the band, or past the limit */
  size_t prev[66], cur[66];
  for (size_t j = 0; j <= lb; j++)
    prev[j] = j <= limit ? j : out;
  prev[lb + 1] = out;
  for (size_t i = 1; i <= la; i++) {
    size_t lo = i > limit ? i - limit : 1, hi = i + limit < lb ? i + limit : lb;
    cur[lo - 1] = lo == 1 && i <= limit ? i : out;
    size_t best = cur[lo - 1];
    for (size_t j = lo; j <= hi; j++) {
      size_t c = prev[j - 1] + (a[i - 1] != b[j - 1]);
      if (prev[j] + 1 < c)
        c = prev[j] + 1;
      if (cur[j - 1] + 1 < c)
        c = cur[j - 1] + 1;
      if (c > out)
        c = out;
      cur[j] = c;
      if (c < best)
        best = c;
    }
    if (best > limit)
      return out;
    cur[hi + 1] = out; /* read as prev[j] by the next row's last cell */
    memcpy(prev + lo - 1, cur + lo - 1, (hi - lo + 3) * sizeof *prev);
  }
  return prev[lb];
}

/* First names that may be the same person's: equal, an initial or a short form of the other
   ("d" / "dmitri", "alex" / "alexander"), or a transliteration variant ("dmitri" / "dmitry"). */
static int first_close(const char *a, size_t la, const char *b, size_t lb)
{
  size_t m = la < lb ? la : lb;
  if (m == 0)
    return 0;
  if (memcmp(a, b, m) == 0)
    return 1;
  return m >= 5 && nk_edit_distance(a, la, b, lb, 2) <= 2;
}

/* Surnames that may be the same: equal, or spelling variants of a long enough name
   ("zelensky" / "zelenskyy" / "zelenski"). With no first name to confirm, short names must be
   nearer (one edit below 8 letters). */
static int surname_close(const char *a, size_t la, const char *b, size_t lb, int confirmed)
{
  if (la == lb && memcmp(a, b, la) == 0)
    return 1;
  size_t m = la < lb ? la : lb;
  if (m < 5)
    return 0;
  size_t limit = confirmed || m >= 8 ? 2 : 1;
  return nk_edit_distance(a, la, b, lb, limit) <= limit;
}

static size_t first_word_len(const char *k)
{
  const char *sp = strchr(k, ' ');
  return sp ? (size_t)(sp - k) : strlen(k);
}

void nk_pkey_init(nk_pkey *p, const char *key)
{
  p->words = nk_key_words(key);
  p->first = key;
  p->first_len = first_word_len(key);
  p->last = nk_key_last(key);
  p->last_len = strlen(p->last);
}

/* surname_close(A's surname, B's), through M. */
static int surname_close_memo(const nk_pkey *a, const nk_pkey *b, int confirmed,
                              nk_surname_memo *m)
{
  if (!m->last || m->last_len != b->last_len || memcmp(m->last, b->last, b->last_len) != 0) {
    m->last = b->last;
    m->last_len = b->last_len;
    m->close[0] = m->close[1] = -1;
  }
  if (m->close[confirmed] < 0)
    m->close[confirmed] =
        (signed char)surname_close(a->last, a->last_len, b->last, b->last_len, confirmed);
  return m->close[confirmed];
}

int nk_pkeys_close_memo(const nk_pkey *a, const nk_pkey *b, nk_surname_memo *m)
{
  if (!a->words || !b->words)
    return 0;
  int both = a->words >= 2 && b->words >= 2;
  if (both && !first_close(a->first, a->first_len, b->first, b->first_len))
    return 0;
  return surname_close_memo(a, b, both, m);
}

int nk_person_keys_close(const char *a, const char *b)
{
  nk_pkey pa, pb;
  nk_pkey_init(&pa, a);
  nk_pkey_init(&pb, b);
  nk_surname_memo m = {0};
  return nk_pkeys_close_memo(&pa, &pb, &m);
}

int nk_person_keys_clash(const char *a, const char *b)
{
  if (nk_key_words(a) < 2 || nk_key_words(b) < 2)
    return 0;
  const char *la = nk_key_last(a), *lb = nk_key_last(b);
  return surname_close(la, strlen(la), lb, strlen(lb), 0) &&
         !first_close(a, first_word_len(a), b, first_word_len(b));
}

/* The first word of NAME as written and where the rest starts, for title detection. */
int nk_name_has_title(const char *name)
{
  const char *sp = strchr(name, ' ');
  if (!sp || !sp[1])
    return 0;
  char w[8];
  size_t n = 0;
  for (const char *p = name; p < sp; p++) {
    if (*p == '.')
      continue;
    if (n + 1 >= sizeof w)
      return 0;
    w[n++] = (char)tolower((unsigned char)*p);
  }
  return is_title_word(w, n);
}

/* The name without its courtesy title: "M. Trump" → "Trump". */
static const char *untitled(const char *name)
{
  if (!nk_name_has_title(name))
    return name;
  const char *p = strchr(name, ' ');
  while (*p == ' ')
    p++;
  return p;
}

static const char *last_word(const char *name, size_t *len)
{
  size_t n = strlen(name);
  while (n && name[n - 1] == ' ')
    n--;
  size_t s = n;
  while (s && name[s - 1] != ' ')
    s--;
  *len = n - s;
  return name + s;
}

static int has_lower(const char *s)
{
  for (; *s; s++)
    if (*s >= 'a' && *s <= 'z')
      return 1;
  return 0;
}

size_t nk_pick_canonical(nk_actor_type t, const char *const *names, const int64_t *w, size_t n)
{
  (void)t;
  if (n == 0)
    return 0;
  /* Names with a courtesy title only when there is nothing else. */
  int any_plain = 0;
  for (size_t i = 0; i < n; i++)
    any_plain |= !nk_name_has_title(names[i]);
#define ELIGIBLE(i) (!any_plain || !nk_name_has_title(names[i]))
  /* The longest name sets the person (or body) meant: "Tedros Adhanom Ghebreyesus", not the
     more frequent "Tedros". */
  size_t longest = n;
  for (size_t i = 0; i < n; i++)
    if (ELIGIBLE(i) && (longest == n || strlen(names[i]) > strlen(names[longest]) ||
                        (strlen(names[i]) == strlen(names[longest]) &&
                         (w[i] > w[longest] ||
                          (w[i] == w[longest] && strcmp(names[i], names[longest]) < 0)))))
      longest = i;
  /* Among the names ending with a spelling of its last word ("Zelensky", "Zelenskyy"), the
     spelling seen most often wins, then the longest name with that spelling. */
  size_t ll;
  const char *lw = last_word(untitled(names[longest]), &ll);
  const char *form = lw;
  size_t form_len = ll;
  int64_t form_w = -1;
  for (size_t i = 0; i < n; i++) {
    size_t li;
    const char *fi = last_word(untitled(names[i]), &li);
    if (!surname_close(fi, li, lw, ll, 1))
      continue;
    int64_t sum = 0;
    for (size_t j = 0; j < n; j++) {
      size_t lj;
      const char *fj = last_word(untitled(names[j]), &lj);
      if (lj == li && memcmp(fi, fj, li) == 0)
        sum += w[j];
    }
    if (sum > form_w || (sum == form_w && memcmp(fi, form, li < form_len ? li : form_len) < 0)) {
      form_w = sum;
      form = fi;
      form_len = li;
    }
  }
  size_t best = longest;
  for (size_t i = 0; i < n; i++) {
    size_t li;
    const char *fi = last_word(untitled(names[i]), &li);
    if (!ELIGIBLE(i) || li != form_len || memcmp(fi, form, li) != 0)
      continue;
    size_t bi;
    const char *fb = last_word(untitled(names[best]), &bi);
    int best_has_form = bi == form_len && memcmp(fb, form, bi) == 0;
    if (!best_has_form || strlen(names[i]) > strlen(names[best]) ||
        (strlen(names[i]) == strlen(names[best]) &&
         (w[i] > w[best] || (w[i] == w[best] && strcmp(names[i], names[best]) < 0))))
      best = i;
  }
  /* A name in capitals ("DOHA —" in a dateline) gives way to the same name in mixed case. */
  if (!has_lower(names[best])) {
    char *kb = nk_name_key(names[best]);
    size_t alt = n;
    for (size_t i = 0; kb && i < n; i++) {
      if (i == best || !ELIGIBLE(i) || !has_lower(names[i]) || (alt < n && w[i] <= w[alt]))
        continue;
      char *ki = nk_name_key(names[i]);
      if (ki && strcmp(ki, kb) == 0)
        alt = i;
      free(ki);
    }
    free(kb);
    if (alt < n)
      best = alt;
  }
#undef ELIGIBLE
  return best;
}

void nk_store_hash_hex(const char *const *parts, size_t n, char out[17])
{
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) {
    for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++) {
      h ^= *p;
      h *= 0x100000001b3ULL;
    }
    h ^= 0; /* the separator byte: ("ab","c") and ("a","bc") differ */
    h *= 0x100000001b3ULL;
  }
  static const char hex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; i--) {
    out[i] = hex[h & 15];
    h >>= 4;
  }
  out[16] = '\0';
}
