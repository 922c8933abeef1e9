/* The memo: what nk_store_put remembers of stored actors from one put to the next, so that
   an actor seen again (an agency, a capital, a minister in every other article) costs no
   query. It mirrors rows of actors and actor_names as they are in the database, plus the
   name counts (actor_names.n) gathered since the last commit, which nk_memo_write adds to
   the rows just before each commit: a recurring name then costs one UPDATE per batch instead
   of one per article.

   It is exact only while this connection alone writes through nk_store_put: it is cleared
   when another connection committed (PRAGMA data_version, read at each BEGIN), after a
   rollback, and when the connection is handed out by nk_store_db. It is bounded: past
   NK_MEMO_ACTORS actors, its counts are written and it starts again empty. */
#define _POSIX_C_SOURCE 200809L
#include "store/store_put.h"

/* ~300 bytes an actor: about five megabytes, so peak memory stays flat on any corpus. 16,384
   rather than 4,096: on 10,000 articles (16,000 actors) the smaller memo was emptied every
   2,500 articles and each recurring actor read back, 3% of the store's time. */
#define NK_MEMO_ACTORS 16384
#define NK_MEMO_WK 16384

struct nk_memo {
  memo_actor **tab; /* open addressing on the id, NULL for a free slot */
  size_t cap, n;
  struct wk_slot {
    char *wk;       /* NULL for a free slot */
    int64_t id;
  } *wk;
  size_t wk_cap, wk_n;
  memo_actor **dirty; /* actors with pending name counts */
  size_t n_dirty, cap_dirty;
  int64_t data_version; /* -1: not read yet */
};

static size_t hash_id(int64_t id)
{
  uint64_t h = (uint64_t)id * 0x9e3779b97f4a7c15ULL;
  return (size_t)(h >> 17);
}

static size_t hash_str(const char *s)
{
  uint64_t h = 0xcbf29ce484222325ULL;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 0x100000001b3ULL;
  }
  return (size_t)(h ^ (h >> 29));
}

static void actor_free(memo_actor *m)
{
  for (size_t i = 0; i < m->n_names; i++) {
    free(m->names[i].name);
    free(m->names[i].key);
  }
  free(m->names);
  free(m->wk);
  free(m->name);
  free(m);
}

/* Forgets the memo's actors (not the surname cache, which does not depend on them). */
static void memo_reset(nk_store *s)
{
  nk_memo *mm = s->memo;
  if (!mm)
    return;
  for (size_t i = 0; i < mm->cap; i++)
    if (mm->tab[i])
      actor_free(mm->tab[i]);
  for (size_t i = 0; i < mm->wk_cap; i++)
    free(mm->wk[i].wk);
  free(mm->tab);
  free(mm->wk);
  free(mm->dirty);
  int64_t dv = mm->data_version;
  memset(mm, 0, sizeof *mm);
  mm->data_version = dv;
}

void nk_memo_clear(nk_store *s)
{
  memo_reset(s);
  nk_surnames_clear(s);
}

void nk_memo_free(nk_store *s)
{
  nk_memo_clear(s);
  free(s->memo);
  s->memo = NULL;
}

static nk_memo *memo_of(nk_store *s)
{
  if (!s->memo) {
    s->memo = calloc(1, sizeof *s->memo);
    if (s->memo)
      s->memo->data_version = -1;
  }
  return s->memo;
}

memo_actor *nk_memo_get(nk_store *s, int64_t id)
{
  nk_memo *mm = s->memo;
  if (!mm || !mm->cap)
    return NULL;
  for (size_t i = hash_id(id) & (mm->cap - 1);; i = (i + 1) & (mm->cap - 1)) {
    if (!mm->tab[i])
      return NULL;
    if (mm->tab[i]->id == id)
      return mm->tab[i];
  }
}

static int tab_put(nk_memo *mm, memo_actor *m)
{
  if (2 * (mm->n + 1) > mm->cap) {
    size_t cap = mm->cap ? 2 * mm->cap : 256;
    memo_actor **tab = calloc(cap, sizeof *tab);
    if (!tab)
      return -1;
    for (size_t k = 0; k < mm->cap; k++) {
      memo_actor *o = mm->tab[k];
      if (!o)
        continue;
      size_t i = hash_id(o->id) & (cap - 1);
      while (tab[i])
        i = (i + 1) & (cap - 1);
      tab[i] = o;
    }
    free(mm->tab);
    mm->tab = tab;
    mm->cap = cap;
  }
  size_t i = hash_id(m->id) & (mm->cap - 1);
  while (mm->tab[i])
    i = (i + 1) & (mm->cap - 1);
  mm->tab[i] = m;
  mm->n++;
  return 0;
}

int64_t nk_memo_wk(nk_store *s, const char *wk)
{
  nk_memo *mm = s->memo;
  if (!mm || !mm->wk_cap)
    return 0;
  for (size_t i = hash_str(wk) & (mm->wk_cap - 1);; i = (i + 1) & (mm->wk_cap - 1)) {
    if (!mm->wk[i].wk)
      return 0;
    if (strcmp(mm->wk[i].wk, wk) == 0)
      return mm->wk[i].id;
  }
}

int nk_memo_wk_put(nk_store *s, const char *wk, int64_t id)
{
  nk_memo *mm = memo_of(s);
  if (!mm)
    return -1;
  if (nk_memo_wk(s, wk))
    return 0; /* wk_id is UNIQUE: an id once found stays that actor's */
  if (2 * (mm->wk_n + 1) > mm->wk_cap) {
    size_t cap = mm->wk_cap ? 2 * mm->wk_cap : 256;
    struct wk_slot *t = calloc(cap, sizeof *t);
    if (!t)
      return -1;
    for (size_t k = 0; k < mm->wk_cap; k++) {
      if (!mm->wk[k].wk)
        continue;
      size_t i = hash_str(mm->wk[k].wk) & (cap - 1);
      while (t[i].wk)
        i = (i + 1) & (cap - 1);
      t[i] = mm->wk[k];
    }
    free(mm->wk);
    mm->wk = t;
    mm->wk_cap = cap;
  }
  char *copy = strdup(wk);
  if (!copy)
    return -1;
  size_t i = hash_str(wk) & (mm->wk_cap - 1);
  while (mm->wk[i].wk)
    i = (i + 1) & (mm->wk_cap - 1);
  mm->wk[i].wk = copy;
  mm->wk[i].id = id;
  mm->wk_n++;
  return 0;
}

static char *dup_col(sqlite3_stmt *st, int col)
{
  const char *t = (const char *)sqlite3_column_text(st, col);
  return t ? strdup(t) : NULL;
}

/* Loads actor ID's row and names. *out is NULL when there is no such actor. */
static nk_status load(put_ctx *c, int64_t id, memo_actor **out)
{
  *out = NULL;
  memo_actor *m = calloc(1, sizeof *m);
  if (!m)
    return nomem(c);
  m->id = id;
  m->type = -1;
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_ACTOR_INFO, c->err);
  if (!st) {
    free(m);
    return NK_ERR_DB;
  }
  sqlite3_bind_int64(st, 1, id);
  int rc = sqlite3_step(st);
  int oom = 0;
  if (rc == SQLITE_ROW) {
    m->name = dup_col(st, 0);
    m->wk = dup_col(st, 1);
    oom = !m->name || (!m->wk && sqlite3_column_type(st, 1) != SQLITE_NULL);
    const char *type = (const char *)sqlite3_column_text(st, 2);
    for (int t = 0; type && t <= NK_PLACE; t++)
      if (strcmp(type, nk_actor_type_name((nk_actor_type)t)) == 0)
        m->type = t;
    m->credit_only = sqlite3_column_int(st, 3);
  }
  sqlite3_reset(st);
  if (rc != SQLITE_ROW || oom) {
    actor_free(m);
    if (oom)
      return nomem(c);
    return rc == SQLITE_DONE ? NK_OK : fail(c, rc);
  }
  st = nk_store_stmt(c->s, ST_ACTOR_NAMES, c->err);
  if (!st) {
    actor_free(m);
    return NK_ERR_DB;
  }
  sqlite3_bind_int64(st, 1, id);
  /* Rows come in primary key order (actor_id, name): the names stay sorted. */
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (m->n_names == m->cap_names) {
      size_t cap = m->cap_names ? 2 * m->cap_names : 4;
      memo_name *v = realloc(m->names, cap * sizeof *v);
      if (!v) {
        oom = 1;
        break;
      }
      m->names = v;
      m->cap_names = cap;
    }
    memo_name *nm = &m->names[m->n_names];
    nm->name = dup_col(st, 0);
    nm->key = dup_col(st, 1);
    nm->n = sqlite3_column_int64(st, 2);
    nm->pending = 0;
    if (!nm->name || !nm->key) {
      free(nm->name);
      free(nm->key);
      oom = 1;
      break;
    }
    m->n_names++;
  }
  sqlite3_reset(st);
  if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
    actor_free(m);
    return oom ? nomem(c) : fail(c, rc);
  }
  nk_memo *mm = memo_of(c->s);
  if (!mm || tab_put(mm, m) || (m->wk && nk_memo_wk_put(c->s, m->wk, id))) {
    if (!nk_memo_get(c->s, id))
      actor_free(m);
    return nomem(c);
  }
  *out = m;
  return NK_OK;
}

nk_status nk_memo_actor(put_ctx *c, int64_t id, memo_actor **out)
{
  *out = nk_memo_get(c->s, id);
  return *out ? NK_OK : load(c, id, out);
}

memo_name *nk_memo_name(memo_actor *m, const char *name, size_t *pos)
{
  size_t lo = 0, hi = m->n_names;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int cmp = strcmp(m->names[mid].name, name);
    if (cmp == 0) {
      *pos = mid;
      return &m->names[mid];
    }
    if (cmp < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  *pos = lo;
  return NULL;
}

int nk_memo_add_name(memo_actor *m, size_t pos, const char *name, const char *key)
{
  if (m->n_names == m->cap_names) {
    size_t cap = m->cap_names ? 2 * m->cap_names : 4;
    memo_name *v = realloc(m->names, cap * sizeof *v);
    if (!v)
      return -1;
    m->names = v;
    m->cap_names = cap;
  }
  char *n = strdup(name), *k = strdup(key);
  if (!n || !k) {
    free(n);
    free(k);
    return -1;
  }
  memmove(&m->names[pos + 1], &m->names[pos], (m->n_names - pos) * sizeof *m->names);
  m->names[pos] = (memo_name){.name = n, .key = k, .n = 1, .pending = 0};
  m->n_names++;
  return 0;
}

int nk_memo_count(nk_store *s, memo_actor *m, memo_name *nm)
{
  nk_memo *mm = s->memo;
  if (!m->dirty) {
    if (mm->n_dirty == mm->cap_dirty) {
      size_t cap = mm->cap_dirty ? 2 * mm->cap_dirty : 64;
      memo_actor **v = realloc(mm->dirty, cap * sizeof *v);
      if (!v)
        return -1;
      mm->dirty = v;
      mm->cap_dirty = cap;
    }
    mm->dirty[mm->n_dirty++] = m;
    m->dirty = 1;
  }
  nm->pending++;
  return 0;
}

nk_status nk_memo_write(nk_store *s, nk_error *err)
{
  nk_memo *mm = s->memo;
  if (!mm)
    return NK_OK;
  for (size_t d = 0; d < mm->n_dirty; d++) {
    memo_actor *m = mm->dirty[d];
    for (size_t i = 0; i < m->n_names; i++) {
      memo_name *nm = &m->names[i];
      if (!nm->pending)
        continue;
      sqlite3_stmt *st = nk_store_stmt(s, ST_NAME_ADD, err);
      if (!st)
        return NK_ERR_DB;
      sqlite3_bind_int64(st, 1, m->id);
      sqlite3_bind_text(st, 2, nm->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64(st, 3, nm->pending);
      int rc = sqlite3_step(st);
      sqlite3_reset(st);
      if (rc != SQLITE_DONE)
        return nk_store_fail(s, rc, "cannot store article", err);
      nm->n += nm->pending;
      nm->pending = 0;
    }
    m->dirty = 0;
  }
  mm->n_dirty = 0;
  return NK_OK;
}

nk_status nk_memo_begin(put_ctx *c)
{
  nk_memo *mm = memo_of(c->s);
  if (!mm)
    return nomem(c);
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_DATA_VERSION, c->err);
  if (!st)
    return NK_ERR_DB;
  int rc = sqlite3_step(st);
  int64_t dv = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_reset(st);
  if (rc != SQLITE_ROW)
    return fail(c, rc);
  if (dv != mm->data_version) {
    nk_memo_clear(c->s);
    mm->data_version = dv;
  }
  return NK_OK;
}

nk_status nk_memo_trim(put_ctx *c)
{
  nk_memo *mm = c->s->memo;
  if (!mm || (mm->n < NK_MEMO_ACTORS && mm->wk_n < NK_MEMO_WK))
    return NK_OK;
  TRY(nk_memo_write(c->s, c->err));
  memo_reset(c->s);
  return NK_OK;
}
