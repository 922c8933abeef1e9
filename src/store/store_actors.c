/* Actor resolution across articles: a graph actor becomes a stored actor found by its
   world-knowledge id, its full name, a surname held by one actor only, or a close spelling of
   a person's name; or a new actor. Conservative: any doubt means a new actor. */
#define _POSIX_C_SOURCE 200809L
#include "store/store_put.h"

/* The names of graph actor A (display name first, no repeats) and their keys. */
typedef struct namelist {
  const char **names;
  char **keys;
  size_t n;
} namelist;

static void namelist_free(namelist *l)
{
  for (size_t i = 0; i < l->n; i++)
    free(l->keys[i]);
  free(l->keys);
  free(l->names);
}

static int namelist_init(namelist *l, const nk_actor *a)
{
  size_t cap = a->n_names + 1;
  l->n = 0;
  l->names = malloc(cap * sizeof *l->names);
  l->keys = malloc(cap * sizeof *l->keys);
  if (!l->names || !l->keys)
    return -1;
  for (size_t i = 0; i < cap; i++) {
    const char *nm = i == 0 ? a->name : a->names[i - 1];
    if (!nm || !*nm)
      continue;
    int dup = 0;
    for (size_t j = 0; j < l->n && !dup; j++)
      dup = strcmp(l->names[j], nm) == 0;
    if (dup)
      continue;
    char *k = nk_store_name_key(nm);
    if (!k)
      return -1;
    l->names[l->n] = nm;
    l->keys[l->n++] = k;
  }
  return 0;
}

/* Whether stored actor ID may be the same as the incoming actor: no other world-knowledge id,
   and (persons) no full name of one that is plainly a different person from the other's.
   Read from the memo: a candidate is often a recurring actor. */
static nk_status compatible(put_ctx *c, int64_t id, const nk_actor *a, const namelist *l,
                            int *ok)
{
  *ok = 0;
  memo_actor *m;
  TRY(nk_memo_actor(c, id, &m));
  if (!m || m->type != (int)a->type || (a->wk_id && m->wk && strcmp(m->wk, a->wk_id) != 0))
    return NK_OK;
  *ok = 1;
  if (a->type != NK_PERSON)
    return NK_OK;
  int clash = 0, close = 0;
  for (size_t j = 0; j < m->n_names; j++) {
    const char *k = m->names[j].key;
    if (nk_key_words(k) < 2)
      continue;
    for (size_t i = 0; i < l->n; i++) {
      if (nk_key_words(l->keys[i]) < 2)
        continue;
      if (nk_person_keys_clash(l->keys[i], k))
        clash = 1;
      else if (nk_person_keys_close(l->keys[i], k))
        close = 1;
    }
  }
  *ok = !clash || close;
  return NK_OK;
}

/* Stored actors (created before this put) of TYPE holding a name with key KEY. */
static nk_status actors_with_key(put_ctx *c, const char *type, const char *key, idset *out)
{
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_ACTORS_BY_KEY, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 3, c->max_actor);
  return step_ids(c, st, out);
}

/* Stored actors with a name close to person key KEY (same or near surname); the caller keeps
   the persons. The surname is looked up by its first four or five bytes: variants that differ
   later ("zelensky", "zelenskyy") are found, earlier ones are left to nk_name_key. The names
   come from the surname cache (store_surnames.c).
   FULL: the incoming actor has a full name, so only its full names are compared. */
static nk_status persons_close_to(put_ctx *c, const char *key, const namelist *l, int full,
                                  idset *out)
{
  const char *last = nk_key_last(key);
  size_t ll = strlen(last);
  if (!ll)
    return NK_OK;
  /* Short surnames only match exactly (the whole word as prefix). */
  size_t pl = ll < 5 ? ll : ll < 7 ? 4 : 5;
  char lo[NK_SURNAME_PREFIX_MAX + 1];
  if (pl > NK_SURNAME_PREFIX_MAX)
    return NK_OK;
  memcpy(lo, last, pl);
  lo[pl] = '\0';
  /* The incoming names with this surname, cut once: each stored name is tried on them all. */
  nk_pkey *in = malloc(l->n * sizeof *in);
  if (!in)
    return nomem(c);
  size_t n_in = 0;
  for (size_t i = 0; i < l->n; i++)
    if ((!full || nk_key_words(l->keys[i]) >= 2) && strcmp(nk_key_last(l->keys[i]), last) == 0)
      nk_pkey_init(&in[n_in++], l->keys[i]);
  const sn_row *rows = NULL;
  size_t n = 0;
  nk_status st = n_in ? nk_surnames_get(c, lo, ll < 5, &rows, &n) : NK_OK;
  /* Every incoming name has surname LAST, and the rows come mostly grouped by surname. */
  nk_surname_memo memo = {0};
  for (size_t r = 0; r < n && st == NK_OK; r++) {
    if (rows[r].actor_id > c->max_actor)
      continue; /* created by this put */
    int close = 0;
    for (size_t i = 0; i < n_in && !close; i++)
      close = nk_pkeys_close_memo(&in[i], &rows[r].pk, &memo);
    if (close && idset_add(out, rows[r].actor_id))
      st = nomem(c);
  }
  free(in);
  return st;
}

/* Keeps only the candidates compatible with the incoming actor. */
static nk_status filter(put_ctx *c, idset *cand, const nk_actor *a, const namelist *l)
{
  size_t k = 0;
  for (size_t i = 0; i < cand->n; i++) {
    int ok;
    TRY(compatible(c, cand->v[i], a, l, &ok));
    if (ok)
      cand->v[k++] = cand->v[i];
  }
  cand->n = k;
  return NK_OK;
}

/* The stored actor graph actor A is, or 0 for a new one. Conservative: any doubt between two
   stored actors means a new actor, since a wrong merge is worse than a missed one. */
static nk_status find_actor(put_ctx *c, const nk_actor *a, const namelist *l, int64_t *found)
{
  *found = 0;
  const char *type = nk_actor_type_name(a->type);
  if (a->wk_id) {
    /* wk_id is UNIQUE and never taken back: an id found once stays good. */
    *found = nk_memo_wk(c->s, a->wk_id);
    if (*found)
      return NK_OK;
    sqlite3_stmt *st = nk_store_stmt(c->s, ST_ACTOR_BY_WK, c->err);
    if (!st)
      return NK_ERR_DB;
    sqlite3_bind_text(st, 1, a->wk_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
      *found = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      return fail(c, rc);
    if (*found)
      return nk_memo_wk_put(c->s, a->wk_id, *found) ? nomem(c) : NK_OK;
  }
  idset cand = {0}, one = {0};
  nk_status st = NK_OK;
  /* 1. A full name (two words or more) equal to a stored one. */
  for (size_t i = 0; i < l->n && st == NK_OK; i++)
    if (nk_key_words(l->keys[i]) >= 2)
      st = actors_with_key(c, type, l->keys[i], &cand);
  if (st == NK_OK)
    st = filter(c, &cand, a, l);
  if (st == NK_OK && cand.n == 0) {
    /* 2. A single word ("Peskov", "OMS") held by exactly one stored actor of the type, and for
       persons a full name or surname close to a stored one. */
    int ambiguous = 0;
    /* A person known by a full name is matched by it: the bare surname it also goes by
       would only find every namesake. */
    int full = 0;
    for (size_t i = 0; i < l->n && a->type == NK_PERSON; i++)
      full |= nk_key_words(l->keys[i]) >= 2;
    for (size_t i = 0; i < l->n && st == NK_OK && !ambiguous && !full; i++) {
      if (nk_key_words(l->keys[i]) != 1)
        continue;
      one.n = 0;
      st = actors_with_key(c, type, l->keys[i], &one);
      if (one.n > 1)
        ambiguous = 1;
      else if (one.n == 1 && idset_add(&cand, one.v[0]))
        st = nomem(c);
    }
    if (a->type == NK_PERSON)
      for (size_t i = 0; i < l->n && st == NK_OK && !ambiguous; i++) {
        int seen = 0; /* one scan per distinct surname */
        for (size_t j = 0; j < i && !seen; j++)
          seen = strcmp(nk_key_last(l->keys[j]), nk_key_last(l->keys[i])) == 0;
        if (!seen && (!full || nk_key_words(l->keys[i]) >= 2))
          st = persons_close_to(c, l->keys[i], l, full, &cand);
      }
    if (st == NK_OK)
      st = filter(c, &cand, a, l);
    if (ambiguous)
      cand.n = 0;
  }
  if (st == NK_OK && cand.n == 1)
    *found = cand.v[0];
  free(cand.v);
  free(one.v);
  return st;
}

/* Counts name I of L once more for actor ID: *counted tells whether the actor had it. */
static nk_status count_name(put_ctx *c, int64_t id, const namelist *l, size_t i, int *counted)
{
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_NAME_COUNT, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_text(st, 2, l->names[i], -1, SQLITE_STATIC);
  TRY(step_done(c, st));
  *counted = sqlite3_changes(c->s->db) == 1;
  return NK_OK;
}

/* Adds the names of new actor ID (all new to it: inserted, each counted once). */
static nk_status add_names(put_ctx *c, int64_t id, const namelist *l)
{
  for (size_t i = 0; i < l->n; i++) {
    sqlite3_stmt *st = nk_store_stmt(c->s, ST_NAME_INSERT, c->err);
    if (!st)
      return NK_ERR_DB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, l->names[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, l->keys[i], -1, SQLITE_STATIC);
    bind_str(st, 4, l->keys[i][0] ? nk_key_last(l->keys[i]) : NULL);
    TRY(step_done(c, st));
    if (sqlite3_changes(c->s->db) != 1) {
      int counted;
      TRY(count_name(c, id, l, i, &counted));
    } else if (nk_surnames_note(c->s, id, l->keys[i])) {
      return nomem(c);
    }
  }
  return NK_OK;
}

/* Counts the names of L once more for found actor M, inserting those new to it; *added tells
   whether there was one. A name it already has is counted in the memo (nk_memo_write). */
static nk_status count_names(put_ctx *c, memo_actor *m, const namelist *l, int *added)
{
  *added = 0;
  for (size_t i = 0; i < l->n; i++) {
    size_t pos;
    memo_name *nm = nk_memo_name(m, l->names[i], &pos);
    if (nm) {
      if (nk_memo_count(c->s, m, nm))
        return nomem(c);
      continue;
    }
    sqlite3_stmt *st = nk_store_stmt(c->s, ST_NAME_INSERT, c->err);
    if (!st)
      return NK_ERR_DB;
    sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_text(st, 2, l->names[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, l->keys[i], -1, SQLITE_STATIC);
    bind_str(st, 4, l->keys[i][0] ? nk_key_last(l->keys[i]) : NULL);
    TRY(step_done(c, st));
    if (sqlite3_changes(c->s->db) != 1) /* the memo mirrors every name: cannot happen */
      return nk_error_set(c->err, NK_ERR_INTERNAL, "cannot store article: actor %lld's names "
                          "changed under the store", (long long)m->id);
    *added = 1;
    if (nk_memo_add_name(m, pos, l->names[i], l->keys[i]) ||
        nk_surnames_note(c->s, m->id, l->keys[i]))
      return nomem(c);
  }
  return NK_OK;
}

/* Updates merged actor M: its world-knowledge id and credit flag, and when RECOMPUTE (it has
   a new name) its display name, chosen again among every name it has been seen under.
   (Without a new name the display name stays: a shift in spelling frequencies alone waits
   for the next new name.) The UPDATE is skipped when it would change nothing, which is the
   rule for a recurring actor. */
static nk_status update_merged(put_ctx *c, memo_actor *m, const nk_actor *a, int recompute)
{
  int credit = a->credit_only ? 1 : 0;
  int new_credit = m->credit_only < credit ? m->credit_only : credit;
  int set_wk = !m->wk && a->wk_id;
  const char *name = NULL;
  if (recompute) {
    if (m->n_names == 0)
      return NK_OK;
    const char **names = malloc(m->n_names * sizeof *names);
    int64_t *w = malloc(m->n_names * sizeof *w);
    if (!names || !w) {
      free(names);
      free(w);
      return nomem(c);
    }
    for (size_t i = 0; i < m->n_names; i++) {
      names[i] = m->names[i].name;
      w[i] = m->names[i].n + m->names[i].pending;
    }
    name = names[nk_pick_canonical(a->type, names, w, m->n_names)];
    free(names);
    free(w);
    if (strcmp(name, m->name) == 0)
      name = NULL;
  }
  if (!name && !set_wk && new_credit == m->credit_only)
    return NK_OK;
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_ACTOR_UPDATE, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_int64(st, 1, m->id);
  bind_str(st, 2, name);
  bind_str(st, 3, a->wk_id);
  sqlite3_bind_int(st, 4, credit);
  TRY(step_done(c, st));
  m->credit_only = new_credit;
  if (name) {
    char *copy = strdup(name);
    if (!copy)
      return nomem(c);
    free(m->name);
    m->name = copy;
  }
  if (set_wk) {
    if (!(m->wk = strdup(a->wk_id)) || nk_memo_wk_put(c->s, a->wk_id, m->id))
      return nomem(c);
  }
  return NK_OK;
}

static nk_status new_actor(put_ctx *c, const nk_actor *a, const namelist *l, int64_t *id)
{
  static const char *const prefix[] = {"p-", "o-", "l-"};
  const char *base = a->wk_id ? a->wk_id : l->n ? l->keys[0] : "";
  const char *display = a->name ? a->name : "";
  if (l->n) {
    int64_t w[64];
    size_t n = l->n < 64 ? l->n : 64;
    for (size_t i = 0; i < n; i++)
      w[i] = 1;
    display = l->names[nk_pick_canonical(a->type, l->names, w, n)];
  }
  for (int salt = 0;; salt++) {
    const char *parts[3] = {base};
    char uid[24];
    make_uid(uid, prefix[a->type <= NK_PLACE ? a->type : 0], parts, 1, salt);
    sqlite3_stmt *st = nk_store_stmt(c->s, ST_ACTOR_INSERT, c->err);
    if (!st)
      return NK_ERR_DB;
    sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, display, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, nk_actor_type_name(a->type), -1, SQLITE_STATIC);
    bind_str(st, 4, a->wk_id);
    sqlite3_bind_int(st, 5, a->credit_only ? 1 : 0);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    /* Two actors first seen under the same key (two different "Smith") get salted uids. */
    if (rc == SQLITE_CONSTRAINT_UNIQUE && salt < 1000)
      continue;
    if (rc != SQLITE_DONE)
      return fail(c, rc);
    *id = sqlite3_last_insert_rowid(c->s->db);
    if (*id > c->s->max_actor)
      c->s->max_actor = *id;
    /* The actor itself is remembered when seen again: most are seen once. */
    return a->wk_id && nk_memo_wk_put(c->s, a->wk_id, *id) ? nomem(c) : NK_OK;
  }
}

nk_status nk_put_actor(put_ctx *c, size_t i)
{
  const nk_actor *a = &c->g->actors[i];
  if ((unsigned)a->type > NK_PLACE)
    return nk_error_set(c->err, NK_ERR_INTERNAL, "cannot store article: actor %zu has no type",
                        i);
  namelist l = {0};
  if (namelist_init(&l, a)) {
    namelist_free(&l);
    return nomem(c);
  }
  int64_t id = 0;
  nk_status st = find_actor(c, a, &l, &id);
  if (st == NK_OK) {
    if (id) {
      memo_actor *m;
      int added = 0;
      st = nk_memo_actor(c, id, &m);
      if (st == NK_OK && !m)
        st = nk_error_set(c->err, NK_ERR_INTERNAL, "cannot store article: actor %lld vanished",
                          (long long)id);
      if (st == NK_OK)
        st = count_names(c, m, &l, &added);
      if (st == NK_OK)
        st = update_merged(c, m, a, added);
    } else {
      st = new_actor(c, a, &l, &id);
      if (st == NK_OK)
        st = add_names(c, id, &l);
    }
  }
  namelist_free(&l);
  if (st != NK_OK)
    return st;
  c->actor_ids[i] = id;
  for (size_t r = 0; r < a->n_roles; r++) {
    sqlite3_stmt *rs = nk_store_stmt(c->s, ST_ROLE_INSERT, c->err);
    if (!rs)
      return NK_ERR_DB;
    sqlite3_bind_int64(rs, 1, id);
    bind_str(rs, 2, a->roles[r]);
    sqlite3_bind_int64(rs, 3, c->article_id);
    TRY(step_done(c, rs));
  }
  return NK_OK;
}
