/* The surname cache: stored names by surname prefix, as persons_close_to (store_actors.c)
   compares them with each incoming person.

   Every person of an article is compared with every stored name whose surname shares its
   first four or five bytes: on a corpus of 10,000 articles that is over a hundred index rows
   an article, read again for every article that names the same people. The cache keeps the
   rows of each prefix looked up, cut for comparison (nk_pkey), and the store adds the names
   it inserts (nk_surnames_note), so a prefix is read from the database once.

   It follows the memo's rules (store_memo.c): exact only while this connection alone writes,
   so nk_memo_clear clears it too. It is bounded: past NK_SURNAME_ROWS rows and buckets it
   starts again empty (a bucket read whole may pass the bound by its own size). */
#define _POSIX_C_SOURCE 200809L
#include "store/store_put.h"

/* ~60 bytes a row: a few megabytes at most, whatever the corpus. */
#define NK_SURNAME_ROWS 65536

/* The rows whose surname (actor_names.last) starts with LO, or equals it when EXACT. */
typedef struct sn_bucket {
  char *lo; /* NULL for a free slot */
  int exact;
  sn_row *v;
  size_t n, cap;
} sn_bucket;

struct nk_surnames {
  sn_bucket *tab; /* open addressing on (lo, exact) */
  size_t cap, n;
  size_t rows; /* in all buckets */
};

static size_t hash_lo(const char *lo, int exact)
{
  uint64_t h = 0xcbf29ce484222325u ^ (exact ? 1u : 0u);
  for (; *lo; lo++) {
    h ^= (unsigned char)*lo;
    h *= 0x100000001b3u;
  }
  return (size_t)(h ^ (h >> 29));
}

void nk_surnames_clear(nk_store *s)
{
  nk_surnames *sn = s->surnames;
  if (!sn)
    return;
  for (size_t i = 0; i < sn->cap; i++) {
    sn_bucket *b = &sn->tab[i];
    if (!b->lo)
      continue;
    for (size_t k = 0; k < b->n; k++)
      free(b->v[k].key);
    free(b->v);
    free(b->lo);
  }
  free(sn->tab);
  memset(sn, 0, sizeof *sn);
}

void nk_surnames_free(nk_store *s)
{
  nk_surnames_clear(s);
  free(s->surnames);
  s->surnames = NULL;
}

/* The bucket for (LO, EXACT), or NULL. */
static sn_bucket *find(nk_surnames *sn, const char *lo, int exact)
{
  if (!sn->cap)
    return NULL;
  for (size_t i = hash_lo(lo, exact) & (sn->cap - 1);; i = (i + 1) & (sn->cap - 1)) {
    sn_bucket *b = &sn->tab[i];
    if (!b->lo)
      return NULL;
    if (b->exact == exact && strcmp(b->lo, lo) == 0)
      return b;
  }
}

/* A new empty bucket for (LO, EXACT), which is not in the table; NULL when out of memory. */
static sn_bucket *add_bucket(nk_surnames *sn, const char *lo, int exact)
{
  if (2 * (sn->n + 1) > sn->cap) {
    size_t cap = sn->cap ? 2 * sn->cap : 256;
    sn_bucket *tab = calloc(cap, sizeof *tab);
    if (!tab)
      return NULL;
    for (size_t k = 0; k < sn->cap; k++) {
      sn_bucket *o = &sn->tab[k];
      if (!o->lo)
        continue;
      size_t i = hash_lo(o->lo, o->exact) & (cap - 1);
      while (tab[i].lo)
        i = (i + 1) & (cap - 1);
      tab[i] = *o;
    }
    free(sn->tab);
    sn->tab = tab;
    sn->cap = cap;
  }
  char *copy = strdup(lo);
  if (!copy)
    return NULL;
  size_t i = hash_lo(lo, exact) & (sn->cap - 1);
  while (sn->tab[i].lo)
    i = (i + 1) & (sn->cap - 1);
  sn_bucket *b = &sn->tab[i];
  b->lo = copy;
  b->exact = exact;
  sn->n++;
  return b;
}

static int push_row(nk_surnames *sn, sn_bucket *b, int64_t id, const char *key)
{
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 4;
    sn_row *v = realloc(b->v, cap * sizeof *v);
    if (!v)
      return -1;
    b->v = v;
    b->cap = cap;
  }
  sn_row *r = &b->v[b->n];
  if (!(r->key = strdup(key)))
    return -1;
  r->actor_id = id;
  nk_pkey_init(&r->pk, r->key);
  b->n++;
  sn->rows++;
  return 0;
}

/* Reads the bucket's rows from the database (the range persons_close_to always scanned). */
static nk_status load(put_ctx *c, nk_surnames *sn, sn_bucket *b)
{
  char hi[NK_SURNAME_PREFIX_MAX + 2];
  size_t pl = strlen(b->lo);
  memcpy(hi, b->lo, pl);
  /* Exact: [lo, lo + "\x01") holds lo alone. Prefix: every string that starts with lo, as
     no UTF-8 byte is 0xff. Compared bytewise. */
  hi[pl] = b->exact ? '\x01' : '\xff';
  hi[pl + 1] = '\0';
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_NAMES_BY_LAST, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_text(st, 1, b->lo, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 3, INT64_MAX); /* every row: the caller skips this put's actors */
  int rc, oom = 0;
  while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *k = (const char *)sqlite3_column_text(st, 1);
    oom = k && push_row(sn, b, sqlite3_column_int64(st, 0), k);
  }
  sqlite3_reset(st);
  if (oom)
    return nomem(c);
  return rc == SQLITE_DONE ? NK_OK : fail(c, rc);
}

nk_status nk_surnames_get(put_ctx *c, const char *lo, int exact, const sn_row **rows,
                          size_t *n)
{
  *rows = NULL;
  *n = 0;
  if (strlen(lo) > NK_SURNAME_PREFIX_MAX)
    return nk_error_set(c->err, NK_ERR_INTERNAL, "cannot store article: surname prefix too long");
  if (!c->s->surnames && !(c->s->surnames = calloc(1, sizeof *c->s->surnames)))
    return nomem(c);
  nk_surnames *sn = c->s->surnames;
  /* Checked on every call, not only when a bucket is read: names noted into the buckets
     that exist grow the cache too. (No row is held across calls, so clearing is safe.) */
  if (sn->rows + sn->n >= NK_SURNAME_ROWS)
    nk_surnames_clear(c->s);
  sn_bucket *b = find(sn, lo, exact);
  if (!b) {
    if (!(b = add_bucket(sn, lo, exact)))
      return nomem(c);
    nk_status st = load(c, sn, b);
    if (st != NK_OK) {
      /* A bucket half read would pass for the whole range next time. */
      nk_surnames_clear(c->s);
      return st;
    }
  }
  *rows = b->v;
  *n = b->n;
  return NK_OK;
}

/* Adds (ID, KEY) to the bucket (LO[0..len), EXACT) if there is one: 0, or -1 when out of
   memory. */
static int note_in(nk_surnames *sn, const char *lo, size_t len, int exact, int64_t id,
                   const char *key)
{
  char buf[NK_SURNAME_PREFIX_MAX + 1];
  memcpy(buf, lo, len);
  buf[len] = '\0';
  sn_bucket *b = find(sn, buf, exact);
  return b ? push_row(sn, b, id, key) : 0;
}

int nk_surnames_note(nk_store *s, int64_t id, const char *key)
{
  nk_surnames *sn = s->surnames;
  if (!sn || !sn->n || !key[0])
    return 0;
  const char *last = nk_key_last(key);
  size_t ll = strlen(last);
  /* The buckets whose range holds LAST: LAST exactly, and every prefix of it. */
  int oom = ll <= NK_SURNAME_PREFIX_MAX && note_in(sn, last, ll, 1, id, key);
  for (size_t pl = 1; !oom && pl <= ll && pl <= NK_SURNAME_PREFIX_MAX; pl++)
    oom = note_in(sn, last, pl, 0, id, key);
  if (oom) /* better no cache than a cache missing a name */
    nk_surnames_clear(s);
  return oom ? -1 : 0;
}
