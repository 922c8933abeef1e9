/* Event merging across articles: an event told again by a later article becomes a new
   account (with its own trigger, time and factuality) of the stored event. */
#define _POSIX_C_SOURCE 200809L
#include "store/store_put.h"

/* Whether a stored event with participants (ids, roles) is the incoming one: a shared source
   and a shared target, or the same set of participants. */
static int same_participants(const int64_t *ia, const int *ir, size_t in, const int64_t *sa,
                             const int *sr, size_t sn)
{
  int src = 0, tgt = 0;
  for (size_t i = 0; i < in; i++)
    for (size_t j = 0; j < sn; j++)
      if (ia[i] == sa[j] && ir[i] == sr[j]) {
        src |= ir[i] == NK_ROLE_SOURCE;
        tgt |= ir[i] == NK_ROLE_TARGET;
      }
  if (src && tgt)
    return 1;
  for (size_t pass = 0; pass < 2; pass++) {
    const int64_t *a = pass ? sa : ia, *b = pass ? ia : sa;
    size_t na = pass ? sn : in, nb = pass ? in : sn;
    for (size_t i = 0; i < na; i++) {
      int seen = 0;
      for (size_t j = 0; j < nb && !seen; j++)
        seen = a[i] == b[j];
      if (!seen)
        return 0;
    }
  }
  return 1;
}

static int role_of(const char *r)
{
  return !r ? NK_ROLE_PARTICIPANT : strcmp(r, "source") == 0 ? NK_ROLE_SOURCE
                                  : strcmp(r, "target") == 0 ? NK_ROLE_TARGET
                                                             : NK_ROLE_PARTICIPANT;
}

/* Whether stored event EID (of a compatible root and time) has the participants of the
   incoming event (PA/PR). */
static nk_status event_matches(put_ctx *c, int64_t eid, const int64_t *pa, const int *pr,
                               size_t pn, int *match)
{
  int64_t sa[64];
  int sr[64];
  size_t sn = 0;
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_EVENT_PARTS, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_int64(st, 1, eid);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && sn < 64) {
    sa[sn] = sqlite3_column_int64(st, 0);
    sr[sn++] = role_of((const char *)sqlite3_column_text(st, 1));
  }
  sqlite3_reset(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail(c, rc);
  *match = rc == SQLITE_DONE && same_participants(pa, pr, pn, sa, sr, sn);
  return NK_OK;
}

/* Adds to CAND the earlier events of ROOT and a time compatible with TIME in which actors X
   and Y both take part. */
static nk_status events_with(put_ctx *c, int64_t x, int64_t y, const char *root,
                             const char *time, idset *cand)
{
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_EVENT_CANDIDATES, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_int64(st, 1, x);
  sqlite3_bind_int64(st, 2, y);
  sqlite3_bind_text(st, 3, root, 2, SQLITE_STATIC);
  sqlite3_bind_int64(st, 4, c->max_event);
  sqlite3_bind_int64(st, 5, c->max_event - NK_EVENT_WINDOW);
  bind_str(st, 6, time);
  return step_ids(c, st, cand);
}

/* An earlier article's event that incoming event E (participants PA/PR) tells again, or 0:
   same CAMEO root, compatible time (equal, or one unknown), and a shared source and a shared
   target or the same participants. Either way the stored event holds two of the incoming
   actors (a source and a target, or the first two), so candidates are found by pairs. */
static nk_status find_event(put_ctx *c, const nk_event *e, const int64_t *pa, const int *pr,
                            size_t pn, int64_t *found)
{
  *found = 0;
  if (pn == 0)
    return NK_OK; /* an event nobody takes part in cannot be recognised elsewhere */
  char root[3] = {e->cameo[0], e->cameo[1], '\0'};
  idset cand = {0};
  nk_status res = NK_OK;
  size_t second = 0; /* the first participant other than pa[0] */
  while (second < pn && pa[second] == pa[0])
    second++;
  res = events_with(c, pa[0], second < pn ? pa[second] : pa[0], root, e->time_norm, &cand);
  for (size_t i = 0; i < pn && res == NK_OK; i++)
    for (size_t j = 0; j < pn && res == NK_OK; j++)
      if (pr[i] == NK_ROLE_SOURCE && pr[j] == NK_ROLE_TARGET && pa[i] != pa[j])
        res = events_with(c, pa[i], pa[j], root, e->time_norm, &cand);
  /* The oldest matching event: the same choice whatever order candidates came in. */
  int64_t best = 0;
  for (size_t i = 0; i < cand.n && res == NK_OK; i++) {
    if (best && cand.v[i] > best)
      continue;
    int match = 0;
    res = event_matches(c, cand.v[i], pa, pr, pn, &match);
    if (match)
      best = cand.v[i];
  }
  free(cand.v);
  *found = best;
  return res;
}

int nk_valid_cameo(const char *s)
{
  if (!s || strlen(s) < 2 || strlen(s) > 8)
    return 0;
  for (const char *p = s; *p; p++)
    if (*p < '0' || *p > '9')
      return 0;
  return 1;
}

nk_status nk_put_event(put_ctx *c, size_t i)
{
  const nk_event *e = &c->g->events[i];
  int64_t place = actor_id(c, e->place);
  if (!nk_valid_cameo(e->cameo) || place < 0 || !in_text(c, e->start, e->end) ||
      (unsigned)e->factuality > NK_FACT_NEGATED || e->n_parts > 64)
    return bad(c, "event", i);
  int64_t pa[64];
  int pr[64];
  size_t pn = 0;
  for (size_t p = 0; p < e->n_parts; p++) {
    int64_t aid = actor_id(c, e->parts[p].actor);
    if (aid <= 0 || (unsigned)e->parts[p].role > NK_ROLE_PARTICIPANT)
      return bad(c, "event", i);
    pa[pn] = aid;
    pr[pn++] = (int)e->parts[p].role;
  }
  int64_t eid = 0;
  TRY(find_event(c, e, pa, pr, pn, &eid));
  if (eid) {
    sqlite3_stmt *st = nk_store_stmt(c->s, ST_EVENT_FILL, c->err);
    if (!st)
      return NK_ERR_DB;
    sqlite3_bind_int64(st, 1, eid);
    bind_str(st, 2, e->time_norm);
    bind_id(st, 3, place);
    TRY(step_done(c, st));
  } else {
    char so[16], eo[16];
    snprintf(so, sizeof so, "%u", e->start);
    snprintf(eo, sizeof eo, "%u", e->end);
    const char *label = e->label ? e->label : e->trigger ? e->trigger : e->cameo;
    for (int salt = 0;; salt++) {
      const char *parts[5] = {c->art->hash, so, eo, e->cameo};
      char uid[24];
      make_uid(uid, "e-", parts, 4, salt);
      sqlite3_stmt *st = nk_store_stmt(c->s, ST_EVENT_INSERT, c->err);
      if (!st)
        return NK_ERR_DB;
      sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, e->cameo, -1, SQLITE_STATIC);
      sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
      bind_str(st, 4, e->time_norm);
      bind_id(st, 5, place);
      int rc = sqlite3_step(st);
      sqlite3_reset(st);
      if (rc == SQLITE_CONSTRAINT_UNIQUE && salt < 1000)
        continue;
      if (rc != SQLITE_DONE)
        return fail(c, rc);
      eid = sqlite3_last_insert_rowid(c->s->db);
      if (eid > c->s->max_event)
        c->s->max_event = eid;
      break;
    }
  }
  c->event_ids[i] = eid;
  for (size_t p = 0; p < pn; p++) {
    sqlite3_stmt *st = nk_store_stmt(c->s, ST_PART_INSERT, c->err);
    if (!st)
      return NK_ERR_DB;
    sqlite3_bind_int64(st, 1, eid);
    sqlite3_bind_int64(st, 2, pa[p]);
    sqlite3_bind_text(st, 3, nk_role_name((nk_role)pr[p]), -1, SQLITE_STATIC);
    TRY(step_done(c, st));
  }
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_ACCOUNT_INSERT, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_int64(st, 1, eid);
  sqlite3_bind_int64(st, 2, c->article_id);
  sqlite3_bind_text(st, 3, e->trigger ? e->trigger : "", -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, nk_factuality_name(e->factuality), -1, SQLITE_STATIC);
  bind_str(st, 5, e->time_text);
  bind_str(st, 6, e->time_norm);
  bind_str(st, 7, e->place_text);
  sqlite3_bind_int64(st, 8, e->start);
  sqlite3_bind_int64(st, 9, e->end);
  return step_done(c, st);
}
