/* The actor stage's tables: a string → int hash map, and TSV files read from the embedded
   schemas/ and indexed by their normalised phrases (so a phrase matches a run of tokens
   whatever the tokenisation: "secrétaire d'État" = secretaire|d'|etat = "secretaire d etat"). */
#include <stdlib.h>
#include <string.h>

#include "extraction/actors_internal.h"
#include "text/arena.h"
#include "util/resources.h"

static uint64_t hash(const char *s, size_t n)
{
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

/* The map's filter has 8 bits per slot (16 or more per key), indexed by the high half of
   the hash while slots use the low bits: a key that is absent is mostly answered from the
   filter's few cache lines, without touching the slots. */
static size_t bloom_bit(uint64_t h, size_t cap)
{
  return (size_t)(h >> 32) & (cap * 8 - 1);
}

static void bloom_set(uint64_t *bloom, uint64_t h, size_t cap)
{
  size_t b = bloom_bit(h, cap);
  bloom[b >> 6] |= (uint64_t)1 << (b & 63);
}

static int grow(ak_map *m)
{
  size_t cap = m->cap ? m->cap * 2 : 64;
  /* keys, hashes, lens, bloom (cap / 8 words), then vals: the 8-byte arrays first */
  char *mem = calloc(cap, sizeof(char *) + sizeof(uint64_t) + sizeof(size_t) + 1 + sizeof(int32_t));
  if (!mem)
    return -1;
  char **keys = (char **)mem;
  uint64_t *hashes = (uint64_t *)(keys + cap);
  size_t *lens = (size_t *)(hashes + cap);
  uint64_t *bloom = (uint64_t *)(lens + cap);
  int32_t *vals = (int32_t *)(bloom + cap / 8);
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i])
      continue;
    size_t j = (size_t)(m->hashes[i] & (cap - 1));
    while (keys[j])
      j = (j + 1) & (cap - 1);
    keys[j] = m->keys[i];
    vals[j] = m->vals[i];
    hashes[j] = m->hashes[i];
    lens[j] = m->lens[i];
    bloom_set(bloom, m->hashes[i], cap);
  }
  free(m->keys);
  m->keys = keys;
  m->vals = vals;
  m->hashes = hashes;
  m->lens = lens;
  m->bloom = bloom;
  m->cap = cap;
  return 0;
}

/* The slot holding KEY, or the empty slot where it would go. */
static size_t find_slot(const ak_map *m, const char *key, size_t len, uint64_t h)
{
  size_t j = (size_t)(h & (m->cap - 1));
  while (m->keys[j] &&
         !(m->hashes[j] == h && m->lens[j] == len && memcmp(m->keys[j], key, len) == 0))
    j = (j + 1) & (m->cap - 1);
  return j;
}

int ak_map_put(ak_map *m, const char *key, size_t len, int32_t val)
{
  if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
    return -1;
  uint64_t h = hash(key, len);
  size_t j = find_slot(m, key, len, h);
  if (m->keys[j]) {
    if (m->vals[j] == AK_PREFIX && val != AK_PREFIX)
      m->vals[j] = val; /* a phrase that was only known as the start of longer ones */
    return 0;           /* otherwise the first value stays */
  }
  if (!m->key_store && !(m->key_store = nk_arena_new_chunked(4000)))
    return -1;
  char *k = nk_arena_strndup(m->key_store, key, len);
  if (!k)
    return -1;
  m->keys[j] = k;
  m->vals[j] = val;
  m->hashes[j] = h;
  m->lens[j] = len;
  bloom_set(m->bloom, h, m->cap);
  m->n++;
  return 0;
}

int32_t ak_map_get(const ak_map *m, const char *key, size_t len)
{
  if (!m->cap)
    return -1;
  uint64_t h = hash(key, len);
  size_t b = bloom_bit(h, m->cap);
  if (!(m->bloom[b >> 6] & ((uint64_t)1 << (b & 63))))
    return -1;
  size_t j = find_slot(m, key, len, h);
  return m->keys[j] ? m->vals[j] : -1;
}

int ak_map_set(ak_map *m, const char *key, size_t len, int32_t val)
{
  if (!m->cap)
    return -1;
  size_t j = find_slot(m, key, len, hash(key, len));
  if (!m->keys[j])
    return -1;
  m->vals[j] = val;
  return 0;
}

void ak_map_free(ak_map *m)
{
  nk_arena_free(m->key_store);
  free(m->keys); /* and the other slot arrays, allocated with it */
  memset(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------- TSV */

static char *dup_n(const char *s, size_t n)
{
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

nk_status ak_tab_load(ak_tab *t, const char *resource, size_t minf, nk_error *err)
{
  size_t len = 0;
  const char *data = nk_resource_get(resource, &len);
  if (!data)
    return nk_error_set(err, NK_ERR_INTERNAL, "missing embedded lexicon %s", resource);
  size_t line = 0;
  for (size_t p = 0; p < len;) {
    size_t e = p;
    while (e < len && data[e] != '\n')
      e++;
    line++;
    size_t le = e;
    if (le > p && data[le - 1] == '\r')
      le--;
    if (le > p && data[p] != '#') {
      ak_row row = {NULL, 0};
      size_t cap = 0;
      for (size_t q = p; q <= le;) {
        size_t f = q;
        while (f < le && data[f] != '\t')
          f++;
        if (row.n == cap) {
          cap = cap ? cap * 2 : 8;
          char **nf = realloc(row.f, cap * sizeof *nf);
          if (!nf)
            goto nomem;
          row.f = nf;
        }
        if (!(row.f[row.n] = dup_n(data + q, f - q)))
          goto nomem;
        row.n++;
        q = f + 1;
        continue;
      nomem:
        for (size_t k = 0; k < row.n; k++)
          free(row.f[k]);
        free(row.f);
        return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading %s", resource);
      }
      if (row.n < minf || row.f[0][0] == '\0') {
        for (size_t k = 0; k < row.n; k++)
          free(row.f[k]);
        free(row.f);
        return nk_error_set(err, NK_ERR_INTERNAL, "%s:%zu: expected %zu tab-separated fields",
                            resource, line, minf);
      }
      if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 256;
        ak_row *nr = realloc(t->rows, nc * sizeof *nr);
        if (!nr) {
          for (size_t k = 0; k < row.n; k++)
            free(row.f[k]);
          free(row.f);
          return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading %s", resource);
        }
        t->rows = nr;
        t->cap = nc;
      }
      t->rows[t->n++] = row;
    }
    p = e + 1;
  }
  return NK_OK;
}

int ak_tab_index(ak_tab *t, ak_map *map, size_t col, size_t from, size_t to, size_t *maxwords)
{
  for (size_t r = from; r < to && r < t->n; r++) {
    if (col >= t->rows[r].n)
      continue;
    const char *s = t->rows[r].f[col];
    while (*s) {
      const char *bar = strchr(s, '|');
      size_t n = bar ? (size_t)(bar - s) : strlen(s);
      if (n > 0 && !(n == 1 && s[0] == '-')) {
        char *f = nk_text_fold(s, n);
        if (!f)
          return -1;
        size_t fl = strlen(f);
        char *k = malloc(fl + 1);
        if (!k) {
          free(f);
          return -1;
        }
        size_t kl = ak_norm(f, fl, k);
        free(f);
        if (kl > 0) {
          size_t words = 1;
          for (size_t i = 0; i < kl; i++)
            words += k[i] == ' ';
          if (maxwords && words > *maxwords)
            *maxwords = words;
          if (ak_map_put(map, k, kl, (int32_t)r) != 0) {
            free(k);
            return -1;
          }
          /* without a leading article too, when a name of two words or more is left:
             "le Journal du dimanche" is written with a lowercase article mid-sentence */
          static const char *const ART[] = {"le ", "la ", "l ", "les ", "the ", NULL};
          for (size_t a = 0; ART[a]; a++) {
            size_t al = strlen(ART[a]);
            if (kl > al && memcmp(k, ART[a], al) == 0 && strchr(k + al, ' ')) {
              if (ak_map_put(map, k + al, kl - al, (int32_t)r) != 0) {
                free(k);
                return -1;
              }
              for (size_t i = al; i < kl; i++)
                if (k[i] == ' ' && ak_map_put(map, k + al, i - al, AK_PREFIX) != 0) {
                  free(k);
                  return -1;
                }
            }
          }
          /* its starts, so that a phrase match stops as soon as no entry can follow */
          for (size_t i = 0; i < kl; i++)
            if (k[i] == ' ' && ak_map_put(map, k, i, AK_PREFIX) != 0) {
              free(k);
              return -1;
            }
        }
        free(k);
      }
      s += n;
      if (*s == '|')
        s++;
    }
  }
  return 0;
}

void ak_tab_free(ak_tab *t)
{
  for (size_t r = 0; r < t->n; r++) {
    for (size_t k = 0; k < t->rows[r].n; k++)
      free(t->rows[r].f[k]);
    free(t->rows[r].f);
  }
  free(t->rows);
  memset(t, 0, sizeof *t);
}

const char *ak_field(const ak_tab *t, int32_t r, size_t col)
{
  if (r < 0 || (size_t)r >= t->n || col >= t->rows[r].n)
    return "";
  return t->rows[r].f[col];
}
