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

/* Stored participants of an event: at most 64 are compared (an event with more matches
   none). */
typedef struct ev_parts {
  int64_t a[64];
  int r[64];
  size_t n;
} ev_parts;

/* Whether stored event EID (of a compatible root and time) has the participants of the
   incoming event (PA/PR); its participants are left in SP. */
static nk_status event_matches(put_ctx *c, int64_t eid, const int64_t *pa, const int *pr,
                               size_t pn, ev_parts *sp, int *match)
{
  sp->n = 0;
  sqlite3_stmt *st = nk_store_stmt(c->s, ST_EVENT_PARTS, c->err);
  if (!st)
    return NK_ERR_DB;
  sqlite3_bind_int64(st, 1, eid);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && sp->n < 64) {
    sp->a[sp->n] = sqlite3_column_int64(st, 0);
    sp->r[sp->n++] = role_of((const char *)sqlite3_column_text(st, 1));
  }
  sqlite3_reset(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail(c, rc);
  *match = rc == SQLITE_DONE && same_participants(pa, pr, pn, sp->a, sp->r, sp->n);
  return NK_OK;
}

/* Adds to CAND the earlier events of ROOT and a time compatible with TIME in which actors X
   and Y both take part, and to GAPS, at the same index, what the event lacks: 1 for its
   time, 2 for its place (so that filling them in is skipped when it would change nothing). */
static nk_status events_with(put_ctx *c, int64_t x, int64_t y, const char *root,
                             const char *time, idset *cand, idset *gaps)
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
  int rc, oom = 0;
  while (!oom && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    size_t n = cand->n;
    oom = idset_add(cand, sqlite3_column_int64(st, 0)) ||
          (cand->n > n && idset_push(gaps, sqlite3_column_int64(st, 1)));
  }
  sqlite3_reset(st);
  if (oom)
    return nomem(c);
  return rc == SQLITE_DONE ? NK_OK : fail(c, rc);
}

/* An earlier article's event that incoming event E (participants PA/PR) tells again, or 0:
   same CAMEO root, compatible time (equal, or one unknown), and a shared source and a shared
   target or the same participants. Either way the stored event holds two of the incoming
   actors (a source and a target, or the first two), so candidates are found by pairs.
   *GAPS: what the event found lacks (events_with); SP: its participants. */
static nk_status find_event(put_ctx *c, const nk_event *e, const int64_t *pa, const int *pr,
                            size_t pn, int64_t *found, int *gaps, ev_parts *sp)
{
  *found = 0;
  *gaps = 0;
  if (pn == 0)
    return NK_OK; /* an event nobody takes part in cannot be recognised elsewhere */
  char root[3] = {e->cameo[0], e->cameo[1], '\0'};
  idset cand = {0}, gap = {0};
  nk_status res = NK_OK;
  size_t second = 0; /* the first participant other than pa[0] */
  while (second < pn && pa[second] == pa[0])
    second++;
  /* The pairs asked for: the same pair (either way round) finds the same events, so it is
     asked once (a source and a target are often the first two participants). */
  int64_t asked[64][2];
  size_t n_asked = 0;
  asked[n_asked][0] = pa[0];
  asked[n_asked++][1] = second < pn ? pa[second] : pa[0];
  res = events_with(c, asked[0][0], asked[0][1], root, e->time_norm, &cand, &gap);
  for (size_t i = 0; i < pn && res == NK_OK; i++)
    for (size_t j = 0; j < pn && res == NK_OK; j++) {
      if (pr[i] != NK_ROLE_SOURCE || pr[j] != NK_ROLE_TARGET || pa[i] == pa[j])
        continue;
      int seen = 0;
      for (size_t k = 0; k < n_asked && !seen; k++)
        seen = (asked[k][0] == pa[i] && asked[k][1] == pa[j]) ||
               (asked[k][0] == pa[j] && asked[k][1] == pa[i]);
      if (seen)
        continue;
      if (n_asked < 64) {
        asked[n_asked][0] = pa[i];
        asked[n_asked++][1] = pa[j];
      }
      res = events_with(c, pa[i], pa[j], root, e->time_norm, &cand, &gap);
    }
  /* The oldest matching event: the same choice whatever order candidates came in. */
  int64_t best = 0;
  ev_parts tmp;
  for (size_t i = 0; i < cand.n && res == NK_OK; i++) {
    if (best && cand.v[i] > best)
      continue;
    int match = 0;
    res = event_matches(c, cand.v[i], pa, pr, pn, &tmp, &match);
    if (match) {
      best = cand.v[i];
      *gaps = (int)gap.v[i];
      *sp = tmp;
    }
  }
  free(cand.v);
  free(gap.v);
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

/* Inserts the participants PA/PR of event EID, leaving out those it has (SP) and repeats:
   INSERT OR IGNORE would leave them out too. */
static nk_status put_parts(put_ctx *c, int64_t eid, const int64_t *pa, const int *pr, size_t pn,
                           const ev_parts *sp)
{
  size_t rows[64], k = 0;
  for (size_t p = 0; p < pn; p++) {
    int have = 0;
    for (size_t q = 0; q < sp->n && !have; q++)
      have = sp->a[q] == pa[p] && sp->r[q] == pr[p];
    for (size_t q = 0; q < p && !have; q++)
      have = pa[q] == pa[p] && pr[q] == pr[p];
    if (!have)
      rows[k++] = p;
  }
  for (size_t i = 0; i < k;) {
    size_t n = k - i < NK_ROWS_CHUNK(ROWS_PART) ? k - i : NK_ROWS_CHUNK(ROWS_PART);
    sqlite3_stmt *st = nk_store_rows(c->s, ROWS_PART, n, c->err);
    if (!st)
      return NK_ERR_DB;
    for (size_t j = 0; j < n; j++) {
      int b = 3 * (int)j;
      sqlite3_bind_int64(st, b + 1, eid);
      sqlite3_bind_int64(st, b + 2, pa[rows[i + j]]);
      sqlite3_bind_text(st, b + 3, nk_role_name((nk_role)pr[rows[i + j]]), -1, SQLITE_STATIC);
    }
    TRY(step_done(c, st));
    i += n;
  }
  return NK_OK;
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
  int gaps = 0;
  ev_parts sp = {.n = 0};
  TRY(find_event(c, e, pa, pr, pn, &eid, &gaps, &sp));
  if (eid) {
    /* Fills in the time and place the event lacks, if this account knows them. */
    if (((gaps & 1) && e->time_norm) || ((gaps & 2) && place > 0)) {
      sqlite3_stmt *st = nk_store_stmt(c->s, ST_EVENT_FILL, c->err);
      if (!st)
        return NK_ERR_DB;
      sqlite3_bind_int64(st, 1, eid);
      bind_str(st, 2, e->time_norm);
      bind_id(st, 3, place);
      TRY(step_done(c, st));
    }
  } else {
    char so[12], eo[12];
    nk_u32_dec(so, e->start);
    nk_u32_dec(eo, e->end);
    const char *label = e->label ? e->label : e->trigger ? e->trigger : e->cameo;
    for (int salt = 0;; salt++) {
      const char *parts[5] = {c->art->hash, so, eo, e->cameo};
      char uid[24];
      make_uid(uid, "e-", parts, 4, salt);
      sqlite3_stmt *st = nk_store_stmt(c->s, ST_EVENT_INSERT, c->err);
      if (!st)
        return NK_ERR_DB;
      sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
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
  /* Now, not with the accounts: the next event of this put may be a candidate's. */
  return put_parts(c, eid, pa, pr, pn, &sp);
}

nk_status nk_put_accounts(put_ctx *c)
{
  size_t n = c->g->n_events;
  for (size_t i = 0; i < n;) {
    size_t k = n - i < NK_ROWS_CHUNK(ROWS_ACCOUNT) ? n - i : NK_ROWS_CHUNK(ROWS_ACCOUNT);
    sqlite3_stmt *st = nk_store_rows(c->s, ROWS_ACCOUNT, k, c->err);
    if (!st)
      return NK_ERR_DB;
    for (size_t j = 0; j < k; j++) {
      const nk_event *e = &c->g->events[i + j];
      int b = 9 * (int)j;
      sqlite3_bind_int64(st, b + 1, c->event_ids[i + j]);
      sqlite3_bind_int64(st, b + 2, c->article_id);
      sqlite3_bind_text(st, b + 3, e->trigger ? e->trigger : "", -1, SQLITE_STATIC);
      sqlite3_bind_text(st, b + 4, nk_factuality_name(e->factuality), -1, SQLITE_STATIC);
      bind_str(st, b + 5, e->time_text);
      bind_str(st, b + 6, e->time_norm);
      bind_str(st, b + 7, e->place_text);
      sqlite3_bind_int64(st, b + 8, e->start);
      sqlite3_bind_int64(st, b + 9, e->end);
    }
    TRY(step_done(c, st));
    i += k;
  }
  return NK_OK;
}
