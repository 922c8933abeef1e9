/* nk_store_stats: row counts by kind and type, for `newskg stats`. */
#include "store/store_priv.h"

/* Each query yields (type, count) rows; the total row of a kind uses type ''. The order is
   the order of `newskg stats` output. Events are counted by CAMEO root ("04"); accounts (one
   per article telling an event) carry the factuality, so kind "accounts" counts those. */
static const struct {
  const char *kind;
  const char *sql;
} queries[] = {
  {"articles", "SELECT '', count(*) FROM articles"},
  {"articles", "SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY lang"},
  {"actors", "SELECT '', count(*) FROM actors"},
  {"actors", "SELECT type, count(*) FROM actors GROUP BY type ORDER BY type"},
  {"mentions", "SELECT '', count(*) FROM mentions"},
  {"mentions", "SELECT kind, count(*) FROM mentions GROUP BY kind ORDER BY kind"},
  {"statements", "SELECT '', count(*) FROM statements"},
  {"statements", "SELECT kind, count(*) FROM statements GROUP BY kind ORDER BY kind"},
  {"events", "SELECT '', count(*) FROM events"},
  {"events", "SELECT substr(cameo, 1, 2), count(*) FROM events GROUP BY 1 ORDER BY 1"},
  {"accounts", "SELECT '', count(*) FROM event_accounts"},
  {"accounts", "SELECT factuality, count(*) FROM event_accounts GROUP BY factuality "
               "ORDER BY factuality"},
  {"relations", "SELECT '', count(*) FROM relations"},
  {"relations", "SELECT kind, count(*) FROM relations GROUP BY kind ORDER BY kind"},
};

nk_status nk_store_stats(nk_store *s, nk_stats_fn fn, void *user, nk_error *err)
{
  nk_status fl = nk_store_flush(s, err);
  if (fl != NK_OK)
    return fl;
  /* A read transaction, so the figures agree with each other while an ingest writes. */
  int rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return nk_store_fail(s, rc, "cannot read statistics", err);
  for (size_t q = 0; q < sizeof queries / sizeof queries[0] && rc == SQLITE_OK; q++) {
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db, queries[q].sql, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
      const char *type = (const char *)sqlite3_column_text(st, 0);
      fn(queries[q].kind, type ? type : "?", sqlite3_column_int64(st, 1), user);
      rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE)
      rc = SQLITE_OK;
    sqlite3_finalize(st);
  }
  nk_status res = rc == SQLITE_OK ? NK_OK : nk_store_fail(s, rc, "cannot read statistics", err);
  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  return res;
}
