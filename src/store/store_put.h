/* Private to the store's put: the state of one nk_store_put and the small helpers its parts
   share. store_put.c runs the transaction and writes articles, mentions, statements and links;
   store_actors.c resolves actors against the stored ones; store_events.c events. */
#ifndef NK_STORE_PUT_H
#define NK_STORE_PUT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/article.h"
#include "store/store_priv.h"

#define TRY(x)                                                                                \
  do {                                                                                        \
    nk_status try_st_ = (x);                                                                  \
    if (try_st_ != NK_OK)                                                                     \
      return try_st_;                                                                         \
  } while (0)

typedef struct put_ctx {
  nk_store *s;
  const nk_article *art;
  const nk_graph *g;
  nk_error *err;
  int64_t article_id;
  int64_t max_actor;  /* actors with a larger id were created by this put: not merged with */
  int64_t max_event;  /* same for events: merging is across articles only */
  int64_t *actor_ids; /* graph actor index → actors.id */
  int64_t *event_ids;
  int64_t *stmt_ids;
} put_ctx;

/* A small set of row ids. */
typedef struct idset {
  int64_t *v;
  size_t n, cap;
} idset;

/* Appends ID to S, repeats allowed: 0, or -1 when out of memory. */
static inline int idset_push(idset *s, int64_t id)
{
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 8;
    int64_t *v = realloc(s->v, cap * sizeof *v);
    if (!v)
      return -1;
    s->v = v;
    s->cap = cap;
  }
  s->v[s->n++] = id;
  return 0;
}

/* Adds ID to S unless it is there: 0, or -1 when out of memory. */
static inline int idset_add(idset *s, int64_t id)
{
  for (size_t i = 0; i < s->n; i++)
    if (s->v[i] == id)
      return 0;
  return idset_push(s, id);
}

/* V in decimal, as "%u" writes it, into OUT (11 bytes): uids hash offsets written so. */
static inline void nk_u32_dec(char *out, uint32_t v)
{
  char tmp[10];
  size_t n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  for (size_t i = 0; i < n; i++)
    out[i] = tmp[n - 1 - i];
  out[n] = '\0';
}

static inline nk_status nomem(put_ctx *c)
{
  return nk_error_set(c->err, NK_ERR_NOMEM, "cannot store article: out of memory");
}

static inline nk_status fail(put_ctx *c, int rc)
{
  return nk_store_fail(c->s, rc, "cannot store article", c->err);
}

static inline void bind_str(sqlite3_stmt *st, int i, const char *s)
{
  if (s)
    sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

static inline void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
  if (id > 0)
    sqlite3_bind_int64(st, i, id);
  else
    sqlite3_bind_null(st, i);
}

/* Steps a write statement to completion. */
static inline nk_status step_done(put_ctx *c, sqlite3_stmt *st)
{
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? NK_OK : fail(c, rc);
}

/* Steps a bound query whose first column is an id, adding every id to OUT, and resets it. */
static inline nk_status step_ids(put_ctx *c, sqlite3_stmt *st, idset *out)
{
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (idset_add(out, sqlite3_column_int64(st, 0)))
      break;
  sqlite3_reset(st);
  if (rc == SQLITE_ROW)
    return nomem(c);
  return rc == SQLITE_DONE ? NK_OK : fail(c, rc);
}

/* "p-" + 16 hex digits of PARTS (and SALT when > 0, after a uid collision). */
static inline void make_uid(char *out, const char *prefix, const char **parts, size_t n, int salt)
{
  char saltbuf[16];
  if (salt > 0) {
    snprintf(saltbuf, sizeof saltbuf, "#%d", salt);
    parts[n++] = saltbuf;
  }
  size_t pl = strlen(prefix);
  memcpy(out, prefix, pl); /* prefixes are two bytes: out holds 24 */
  nk_store_hash_hex(parts, n, out + pl);
}

/* The stored id of graph actor IDX; 0 for NK_NONE; -1 when IDX is out of range. */
static inline int64_t actor_id(const put_ctx *c, int32_t idx)
{
  if (idx == NK_NONE)
    return 0;
  if (idx < 0 || (size_t)idx >= c->g->n_actors)
    return -1;
  return c->actor_ids[idx];
}

static inline nk_status bad(put_ctx *c, const char *what, size_t i)
{
  return nk_error_set(c->err, NK_ERR_INTERNAL, "cannot store article: %s %zu is invalid", what,
                      i);
}

/* Offsets must lie within the text; order is left to the schema's CHECK constraints. */
static inline int in_text(const put_ctx *c, uint32_t start, uint32_t end)
{
  return start <= c->art->text_len && end <= c->art->text_len;
}

/* ---- store_memo.c: stored actors remembered across puts ---- */

typedef struct memo_name {
  char *name, *key;
  int64_t n;       /* actor_names.n as stored */
  int64_t pending; /* articles counted since, not yet written (nk_memo_write) */
} memo_name;

typedef struct memo_actor {
  int64_t id;
  int type; /* nk_actor_type; -1 for a type this build does not know */
  char *wk; /* wk_id, NULL when none */
  char *name;
  int credit_only;
  memo_name *names; /* every actor_names row, sorted by name as the primary key */
  size_t n_names, cap_names;
  int dirty; /* on the list of actors with pending counts */
} memo_actor;

/* After BEGIN: forgets everything when another connection has written since. */
nk_status nk_memo_begin(put_ctx *c);

/* Before a put: when the memo is full, writes its counts and empties it. Entries are only
   freed here and by nk_memo_clear, so a put may hold pointers to them. */
nk_status nk_memo_trim(put_ctx *c);

/* The remembered actor ID, or NULL. */
memo_actor *nk_memo_get(nk_store *s, int64_t id);

/* Actor ID, remembered or read now; *out is NULL when there is no such actor. */
nk_status nk_memo_actor(put_ctx *c, int64_t id, memo_actor **out);

/* The actor's name NAME, or NULL with *pos where it would go. */
memo_name *nk_memo_name(memo_actor *m, const char *name, size_t *pos);

/* Records a name just inserted (n = 1) at POS: 0, or -1 when out of memory. */
int nk_memo_add_name(memo_actor *m, size_t pos, const char *name, const char *key);

/* Counts one more article for name NM of M (written by nk_memo_write): 0, or -1. */
int nk_memo_count(nk_store *s, memo_actor *m, memo_name *nm);

/* The actor remembered for world-knowledge id WK, or 0. */
int64_t nk_memo_wk(nk_store *s, const char *wk);

/* Remembers that WK is actor ID's: 0, or -1 when out of memory. */
int nk_memo_wk_put(nk_store *s, const char *wk, int64_t id);

/* Resolves graph actor I (merging it with a stored actor or creating one), adds its names and
   roles, and records its row id in c->actor_ids[I] (store_actors.c). */
nk_status nk_put_actor(put_ctx *c, size_t i);

/* Stores graph event I as a new event or as a new account of an earlier article's event, and
   records its row id in c->event_ids[I] (store_events.c). */
nk_status nk_put_event(put_ctx *c, size_t i);

/* Writes the accounts of the put's events (one each, in event order, so with the ids one
   insert per event would give): nothing looks them up while a put runs (store_events.c). */
nk_status nk_put_accounts(put_ctx *c);

/* Whether S is a CAMEO code: two to eight digits. */
int nk_valid_cameo(const char *s);

/* ---- store_surnames.c ---- */

/* Surname prefixes longer than this are not cached (persons_close_to uses 4 or 5 bytes). */
#define NK_SURNAME_PREFIX_MAX 63

/* A stored name (a row of actor_names) cut for comparison. */
typedef struct sn_row {
  int64_t actor_id;
  char *key;
  nk_pkey pk; /* points into key */
} sn_row;

/* The stored names whose surname (actor_names.last) equals LO (EXACT) or starts with it, in
   no particular order, actors created by this put included: read from the database the
   first time, then kept up to date through nk_surnames_note. *ROWS stays valid until the
   next call into the store. */
nk_status nk_surnames_get(put_ctx *c, const char *lo, int exact, const sn_row **rows,
                          size_t *n);

#endif
