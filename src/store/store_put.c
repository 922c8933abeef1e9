/* nk_store_put: one article and its graph, all or nothing, in the open batch transaction:
   validation, the article, mentions, relations, statements and links. Actors are resolved in
   store_actors.c, events in store_events.c. */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "store/store_put.h"

/* Binds mention M at parameters BASE+1..BASE+6 of ST: 0, or -1 when it is invalid. */
static int bind_mention(put_ctx *c, sqlite3_stmt *st, int base, const nk_mention *m)
{
  int64_t aid = actor_id(c, m->actor);
  if (aid <= 0 || !in_text(c, m->start, m->end) || (unsigned)m->kind > NK_MENTION_CREDIT)
    return -1;
  sqlite3_bind_int64(st, base + 1, c->article_id);
  sqlite3_bind_int64(st, base + 2, aid);
  sqlite3_bind_text(st, base + 3, nk_mention_kind_name(m->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, base + 4, m->start);
  sqlite3_bind_int64(st, base + 5, m->end);
  size_t len = m->end >= m->start ? m->end - m->start : 0;
  sqlite3_bind_text(st, base + 6, c->art->text + m->start, (int)len, SQLITE_STATIC);
  return 0;
}

/* Mentions go up to NK_ROWS_MAX to a statement, in graph order (so row ids are those of one
   insert per mention). An invalid mention fails the put, whose batch is then rolled back, so
   the rows of a chunk not yet inserted are no loss. */
static nk_status put_mentions(put_ctx *c)
{
  size_t n = c->g->n_mentions;
  for (size_t i = 0; i < n;) {
    size_t k = n - i < NK_ROWS_MAX ? n - i : NK_ROWS_MAX;
    sqlite3_stmt *st = nk_store_rows(c->s, ROWS_MENTION, k, c->err);
    if (!st)
      return NK_ERR_DB;
    for (size_t j = 0; j < k; j++)
      if (bind_mention(c, st, (int)(6 * j), &c->g->mentions[i + j]))
        return bad(c, "mention", i + j);
    TRY(step_done(c, st));
    i += k;
  }
  return NK_OK;
}

static nk_status put_relations(put_ctx *c)
{
  for (size_t i = 0; i < c->g->n_relations; i++) {
    const nk_relation *r = &c->g->relations[i];
    int64_t from = actor_id(c, r->from), to = actor_id(c, r->to);
    if (from <= 0 || to <= 0 || (unsigned)r->kind > NK_REL_LOCATED_IN)
      return bad(c, "relation", i);
    sqlite3_stmt *st = nk_store_stmt(c->s, ST_REL_INSERT, c->err);
    if (!st)
      return NK_ERR_DB;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_text(st, 3, nk_rel_kind_name(r->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, c->article_id);
    TRY(step_done(c, st));
  }
  return NK_OK;
}

/* The uid of statement S with SALT (after a uid collision) into UID (24 bytes). */
static void statement_uid(put_ctx *c, const nk_statement *s, int salt, char *uid)
{
  char so[12], eo[12];
  nk_u32_dec(so, s->start);
  nk_u32_dec(eo, s->end);
  const char *parts[5] = {c->art->hash, so, eo, nk_stmt_kind_name(s->kind)};
  make_uid(uid, "s-", parts, 4, salt);
}

/* Binds statement S (uid UID) as row J of ST. */
static void bind_statement(put_ctx *c, sqlite3_stmt *st, int j, const nk_statement *s,
                           const char *uid)
{
  int b = 10 * j;
  sqlite3_bind_text(st, b + 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, b + 2, c->article_id);
  bind_id(st, b + 3, actor_id(c, s->speaker));
  bind_id(st, b + 4, actor_id(c, s->attributed_to));
  sqlite3_bind_text(st, b + 5, nk_stmt_kind_name(s->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, b + 6, s->text ? s->text : "", -1, SQLITE_STATIC);
  bind_str(st, b + 7, s->verb);
  sqlite3_bind_text(st, b + 8, nk_stance_name(s->stance), -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, b + 9, s->start);
  sqlite3_bind_int64(st, b + 10, s->end);
}

/* Statements I..I+K-1 one by one, salting a uid that collides (two statements of one article
   with the same span and kind): what a chunk falls back to when its insert hit a collision,
   which the statement journal has undone whole. */
static nk_status put_statements_salted(put_ctx *c, size_t i, size_t k)
{
  for (size_t j = i; j < i + k; j++) {
    const nk_statement *s = &c->g->statements[j];
    for (int salt = 0;; salt++) {
      char uid[24];
      statement_uid(c, s, salt, uid);
      sqlite3_stmt *st = nk_store_rows(c->s, ROWS_STATEMENT, 1, c->err);
      if (!st)
        return NK_ERR_DB;
      bind_statement(c, st, 0, s, uid);
      int rc = sqlite3_step(st);
      sqlite3_reset(st);
      if (rc == SQLITE_CONSTRAINT_UNIQUE && salt < 1000)
        continue;
      if (rc != SQLITE_DONE)
        return fail(c, rc);
      c->stmt_ids[j] = sqlite3_last_insert_rowid(c->s->db);
      break;
    }
  }
  return NK_OK;
}

static nk_status put_statements(put_ctx *c)
{
  size_t n = c->g->n_statements;
  for (size_t i = 0; i < n; i++) {
    const nk_statement *s = &c->g->statements[i];
    if (actor_id(c, s->speaker) < 0 || actor_id(c, s->attributed_to) < 0 ||
        !in_text(c, s->start, s->end) || (unsigned)s->kind > NK_INDIRECT ||
        (unsigned)s->stance > NK_STANCE_UNCERTAIN)
      return bad(c, "statement", i);
  }
  char uids[NK_ROWS_MAX][24];
  for (size_t i = 0; i < n;) {
    size_t k = n - i < NK_ROWS_CHUNK(ROWS_STATEMENT) ? n - i : NK_ROWS_CHUNK(ROWS_STATEMENT);
    sqlite3_stmt *st = nk_store_rows(c->s, ROWS_STATEMENT, k, c->err);
    if (!st)
      return NK_ERR_DB;
    for (size_t j = 0; j < k; j++) {
      statement_uid(c, &c->g->statements[i + j], 0, uids[j]);
      bind_statement(c, st, (int)j, &c->g->statements[i + j], uids[j]);
    }
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE) {
      TRY(put_statements_salted(c, i, k));
    } else if (rc != SQLITE_DONE) {
      return fail(c, rc);
    } else {
      /* New rows take max(id) + 1 in turn: the chunk's ids are consecutive. */
      int64_t last = sqlite3_last_insert_rowid(c->s->db);
      for (size_t j = 0; j < k; j++)
        c->stmt_ids[i + j] = last - (int64_t)(k - 1 - j);
    }
    i += k;
  }
  return NK_OK;
}

static nk_status put_links(put_ctx *c)
{
  size_t rows[NK_ROWS_MAX], k = 0;
  for (size_t i = 0; i <= c->g->n_links; i++) {
    if (i < c->g->n_links) {
      const nk_link *l = &c->g->links[i];
      if (l->statement < 0 || (size_t)l->statement >= c->g->n_statements ||
          (l->event != NK_NONE && (l->event < 0 || (size_t)l->event >= c->g->n_events)) ||
          actor_id(c, l->actor) < 0 || (unsigned)l->kind > NK_LINK_DENIES)
        return bad(c, "link", i);
      /* A link names an event or an actor; an event wins if both are given. */
      int64_t ev = l->event != NK_NONE ? c->event_ids[l->event] : 0;
      if (ev || actor_id(c, l->actor))
        rows[k++] = i;
    }
    if (k == NK_ROWS_CHUNK(ROWS_LINK) || (i == c->g->n_links && k)) {
      sqlite3_stmt *st = nk_store_rows(c->s, ROWS_LINK, k, c->err);
      if (!st)
        return NK_ERR_DB;
      for (size_t j = 0; j < k; j++) {
        const nk_link *l = &c->g->links[rows[j]];
        int64_t ev = l->event != NK_NONE ? c->event_ids[l->event] : 0;
        int64_t ac = ev ? 0 : actor_id(c, l->actor);
        int b = 4 * (int)j;
        sqlite3_bind_int64(st, b + 1, c->stmt_ids[l->statement]);
        bind_id(st, b + 2, ev);
        bind_id(st, b + 3, ac);
        sqlite3_bind_text(st, b + 4, nk_link_kind_name(l->kind), -1, SQLITE_STATIC);
      }
      TRY(step_done(c, st));
      k = 0;
    }
  }
  return NK_OK;
}

/* Everything the schema's constraints would reject, checked before anything is written: a
   put then fails only on an I/O-level error (disk full...), so it needs no savepoint of its
   own (savepoints were measured at a quarter of put time). */
static int span_ok(const nk_article *art, uint32_t start, uint32_t end)
{
  return start <= end && end <= art->text_len;
}

static int actor_ok(const nk_graph *g, int32_t idx, int optional)
{
  return (optional && idx == NK_NONE) || (idx >= 0 && (size_t)idx < g->n_actors);
}

static nk_status validate(const nk_article *art, const nk_graph *g, nk_error *err)
{
  const char *what = NULL;
  size_t i = 0, at = 0;
  if (strcmp(art->lang, "fr") != 0 && strcmp(art->lang, "en") != 0)
    return nk_error_set(err, NK_ERR_INTERNAL, "cannot store article: language '%s' is not "
                        "fr or en", art->lang);
  if (!art->hash[0] || (art->text_len && !art->text))
    return nk_error_set(err, NK_ERR_INTERNAL, "cannot store article: no text or no hash");
  for (i = 0; !what && i < g->n_actors; i++)
    if ((unsigned)g->actors[i].type > NK_PLACE)
      what = "actor", at = i;
  for (i = 0; !what && i < g->n_mentions; i++) {
    const nk_mention *m = &g->mentions[i];
    if (!actor_ok(g, m->actor, 0) || !span_ok(art, m->start, m->end) ||
        (unsigned)m->kind > NK_MENTION_CREDIT)
      what = "mention", at = i;
  }
  for (i = 0; !what && i < g->n_relations; i++) {
    const nk_relation *r = &g->relations[i];
    if (!actor_ok(g, r->from, 0) || !actor_ok(g, r->to, 0) ||
        (unsigned)r->kind > NK_REL_LOCATED_IN)
      what = "relation", at = i;
  }
  for (i = 0; !what && i < g->n_statements; i++) {
    const nk_statement *st = &g->statements[i];
    if (!actor_ok(g, st->speaker, 1) || !actor_ok(g, st->attributed_to, 1) ||
        !span_ok(art, st->start, st->end) || (unsigned)st->kind > NK_INDIRECT ||
        (unsigned)st->stance > NK_STANCE_UNCERTAIN)
      what = "statement", at = i;
  }
  for (i = 0; !what && i < g->n_events; i++) {
    const nk_event *e = &g->events[i];
    if (!nk_valid_cameo(e->cameo) || !actor_ok(g, e->place, 1) ||
        !span_ok(art, e->start, e->end) || (unsigned)e->factuality > NK_FACT_NEGATED ||
        e->n_parts > 64)
      what = "event", at = i;
    for (size_t p = 0; !what && p < e->n_parts; p++)
      if (!actor_ok(g, e->parts[p].actor, 0) || (unsigned)e->parts[p].role > NK_ROLE_PARTICIPANT)
        what = "event", at = i;
  }
  for (i = 0; !what && i < g->n_links; i++) {
    const nk_link *l = &g->links[i];
    if (l->statement < 0 || (size_t)l->statement >= g->n_statements ||
        (l->event != NK_NONE && (l->event < 0 || (size_t)l->event >= g->n_events)) ||
        !actor_ok(g, l->actor, 1) || (unsigned)l->kind > NK_LINK_DENIES)
      what = "link", at = i;
  }
  if (what)
    return nk_error_set(err, NK_ERR_INTERNAL, "cannot store article: %s %zu is invalid", what,
                        at);
  return NK_OK;
}

static nk_status query_max(put_ctx *c, nk_st id, int64_t *out)
{
  sqlite3_stmt *st = nk_store_stmt(c->s, id, c->err);
  if (!st)
    return NK_ERR_DB;
  int rc = sqlite3_step(st);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_reset(st);
  return rc == SQLITE_ROW ? NK_OK : fail(c, rc);
}

/* Everything after BEGIN: returns NK_DUPLICATE, or NK_OK when ready to commit. */
static nk_status put_all(put_ctx *c, int64_t *article_id)
{
  const nk_article *art = c->art;
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_ART_EXISTS, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_text(st, 1, art->hash, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && article_id)
    *article_id = sqlite3_column_int64(st, 0);
  sqlite3_reset(st);
  if (rc == SQLITE_ROW)
    return NK_DUPLICATE;
  if (rc != SQLITE_DONE)
    return fail(c, rc);

  char uid[40];
  snprintf(uid, sizeof uid, "a-%s", art->hash);
  st = nk_store_stmt(c->s, ST_ART_INSERT, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, art->hash, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, art->file ? art->file : "", -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, art->path ? art->path : "", -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, art->format == NK_FORMAT_HTML ? "html" : "txt", -1, SQLITE_STATIC);
  bind_str(st, 6, art->title);
  bind_str(st, 7, art->date);
  bind_str(st, 8, art->author);
  bind_str(st, 9, art->site);
  sqlite3_bind_text(st, 10, art->lang, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 11, art->text ? art->text : "", (int)art->text_len, SQLITE_STATIC);
  TRY(step_done(c, st));
  c->article_id = sqlite3_last_insert_rowid(c->s->db);
  if (article_id)
    *article_id = c->article_id;

  c->max_actor = c->s->max_actor;
  c->max_event = c->s->max_event;
  TRY(nk_memo_trim(c));
  for (size_t i = 0; i < c->g->n_actors; i++)
    TRY(nk_put_actor(c, i));
  TRY(put_mentions(c));
  TRY(put_relations(c));
  TRY(put_statements(c));
  for (size_t i = 0; i < c->g->n_events; i++)
    TRY(nk_put_event(c, i));
  TRY(nk_put_accounts(c));
  return put_links(c);
}

nk_status nk_store_put(nk_store *s, const nk_article *art, const nk_graph *g,
                       int64_t *article_id, nk_error *err)
{
  if (article_id)
    *article_id = 0;
  if (s->readonly)
    return nk_error_set(err, NK_ERR_DB_READONLY,
                        "cannot store article: database was opened read-only");
  if (art->text_len > (size_t)0x7fffffff)
    return nk_error_set(err, NK_ERR_USAGE, "cannot store article: text too long");
  put_ctx c = {.s = s, .art = art, .g = g, .err = err};
  size_t na = g->n_actors ? g->n_actors : 1, ne = g->n_events ? g->n_events : 1,
         ns = g->n_statements ? g->n_statements : 1;
  c.actor_ids = calloc(na, sizeof *c.actor_ids);
  c.event_ids = calloc(ne, sizeof *c.event_ids);
  c.stmt_ids = calloc(ns, sizeof *c.stmt_ids);
  nk_status res;
  if (!c.actor_ids || !c.event_ids || !c.stmt_ids) {
    res = nomem(&c);
    goto out;
  }
  res = validate(art, g, err);
  if (res != NK_OK)
    goto out;
  if (!s->in_batch) {
    /* After a batch, leave the write lock free a moment: a writer in another process polls
       every millisecond and gets its turn (then both commit after each put). 5 ms against a
       batch of up to 250 ms: the other process may not be scheduled at once on a busy
       machine. */
    if (s->batch_t0 > 0 && !s->contended) {
      struct timespec pause = {0, 5000000};
      nanosleep(&pause, NULL);
    }
    sqlite3_stmt *st = nk_store_stmt(s, ST_BEGIN, err);
    if (!st) {
      res = NK_ERR_DB;
      goto out;
    }
    res = step_done(&c, st);
    if (res != NK_OK)
      goto out;
    res = nk_memo_begin(&c);
    if (res != NK_OK) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      goto out;
    }
    /* Row ids only grow, and nobody else writes while the batch holds the lock: the maxima
       are read once per batch, then kept up to date by this store's inserts. */
    res = query_max(&c, ST_MAX_ACTOR, &s->max_actor);
    if (res == NK_OK)
      res = query_max(&c, ST_MAX_EVENT, &s->max_event);
    if (res != NK_OK) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      goto out;
    }
    s->in_batch = 1;
    s->batch_n = 0;
    s->batch_t0 = nk_store_now();
  }
  res = put_all(&c, article_id);
  if (res == NK_OK)
    s->batch_n++;
  if (res != NK_OK && res != NK_DUPLICATE) {
    /* Only an I/O-level failure gets here (the graph was validated), after which SQLite may
       have ended the transaction itself: roll the batch back, saying what was lost with it. */
    size_t lost = s->batch_n;
    nk_store_reset_all(s);
    if (!sqlite3_get_autocommit(s->db))
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    nk_memo_clear(s);
    s->in_batch = 0;
    s->batch_n = 0;
    if (lost && err) {
      size_t n = strlen(err->msg);
      snprintf(err->msg + n, sizeof err->msg - n,
               " (the %zu article(s) stored just before it were not saved either)", lost);
    }
  }
  if (s->in_batch && (s->contended || s->batch_n >= NK_BATCH_MAX ||
                      nk_store_now() - s->batch_t0 >= NK_BATCH_SECONDS)) {
    nk_status fl = nk_store_flush(s, res == NK_OK || res == NK_DUPLICATE ? err : NULL);
    if (fl != NK_OK && (res == NK_OK || res == NK_DUPLICATE))
      res = fl;
  }
  if (res == NK_DUPLICATE)
    nk_error_set(err, NK_DUPLICATE, "already stored");
out:
  free(c.actor_ids);
  free(c.event_ids);
  free(c.stmt_ids);
  return res;
}
