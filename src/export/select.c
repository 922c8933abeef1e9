/* The export selection (select.h): which articles, actors, statements and events an export
   covers, materialised as TEMP tables of row ids so every exporter streams the same subgraph
   with joins, and memory stays flat however large the store.

   Rules, in order:
   1. articles: --article (file base name, path, content hash or uid) and --since/--until on
      the article date (an undated article is dropped when a date bound is given);
   2. statements: those of the kept articles;
   3. events: told in a kept article, and dated in range (event time, else the article date);
   4. actors: mentioned in a kept article, or speaking, reported, taking part or being the
      place of a kept statement or event;
   5. --actor NAME: the actors with that name (display name or any name seen, compared folded)
      and what lies within --depth hops of them, one hop being actor → event or statement →
      actor; articles then keep only those holding what was reached or mentioning the actor;
   6. --kind: kinds not listed are emptied (after 5, so an ego graph can be cut to actors);
      sel_scope(id) keeps the articles of step 5 for what is told per article (relations,
      an event's first account) when article nodes are not exported.
   With none of the filters of step 1, every event and actor is kept (even one that no
   article tells any more). Dates compare as ISO strings on their common prefix, so a partial date ("2024-11") is kept
   when the range overlaps it. */
#include "export/select.h"

#include <stdlib.h>
#include <string.h>

#include "newskg/text.h"

static nk_status db_fail(sqlite3 *db, nk_error *err, const char *what)
{
  return nk_error_set(err, NK_ERR_DB, "%s: %s", what, sqlite3_errmsg(db));
}

/* Runs constant SQL (no user data ever reaches this). */
static nk_status exec(sqlite3 *db, const char *sql, nk_error *err)
{
  if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(db, err, "selection");
  return NK_OK;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
  if (s && *s)
    sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(st, i);
}

/* Prepares SQL, binds ?1 article, ?2 since, ?3 until (NULL when unset), runs it to the end. */
static nk_status run_filtered(sqlite3 *db, const char *sql, const nk_export_options *opt,
                              nk_error *err)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "selection");
  int n = sqlite3_bind_parameter_count(st);
  if (n >= 1)
    bind_opt(st, 1, opt->article);
  if (n >= 2)
    bind_opt(st, 2, opt->since);
  if (n >= 3)
    bind_opt(st, 3, opt->until);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return db_fail(db, err, "selection");
  return NK_OK;
}

static int64_t count_rows(sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = NULL;
  int64_t n = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

/* ?2/?3 bounds applied to the date expression D (a string of SQL). */
#define IN_RANGE(D)                                                                        \
  "(?2 IS NULL OR (" D " IS NOT NULL AND " D " >= substr(?2, 1, length(" D "))))"          \
  " AND (?3 IS NULL OR (" D " IS NOT NULL AND substr(" D ", 1, length(?3)) <= ?3))"

static const char create_sql[] =
    "DROP TABLE IF EXISTS temp.sel_articles; DROP TABLE IF EXISTS temp.sel_actors;"
    "DROP TABLE IF EXISTS temp.sel_statements; DROP TABLE IF EXISTS temp.sel_events;"
    "DROP TABLE IF EXISTS temp.sel_scope;"
    "DROP TABLE IF EXISTS temp.sel_ego_seed; DROP TABLE IF EXISTS temp.sel_ego_actors;"
    "DROP TABLE IF EXISTS temp.sel_ego_events; DROP TABLE IF EXISTS temp.sel_ego_statements;"
    "CREATE TEMP TABLE sel_articles(id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE sel_actors(id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE sel_statements(id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE sel_events(id INTEGER PRIMARY KEY);"
    "CREATE TEMP TABLE sel_scope(id INTEGER PRIMARY KEY);";

static const char articles_sql[] =
    "INSERT INTO sel_articles(id) SELECT id FROM articles"
    " WHERE (?1 IS NULL OR file = ?1 OR path = ?1 OR hash = ?1 OR uid = ?1)"
    " AND " IN_RANGE("date");

static const char events_sql[] =
    "INSERT INTO sel_events(id) SELECT id FROM ("
    " SELECT e.id AS id, coalesce(e.time_norm, (SELECT min(a.date) FROM event_accounts c"
    "   JOIN sel_articles s ON s.id = c.article_id JOIN articles a ON a.id = c.article_id"
    "   WHERE c.event_id = e.id)) AS d"
    " FROM events e WHERE EXISTS (SELECT 1 FROM event_accounts c"
    "   JOIN sel_articles s ON s.id = c.article_id WHERE c.event_id = e.id))"
    " WHERE " IN_RANGE("d");

static const char rest_sql[] =
    "INSERT INTO sel_statements(id) SELECT s.id FROM statements s"
    "  JOIN sel_articles a ON a.id = s.article_id;"
    "INSERT OR IGNORE INTO sel_actors(id)"
    " SELECT m.actor_id FROM mentions m JOIN sel_articles a ON a.id = m.article_id"
    " UNION SELECT s.speaker_id FROM statements s JOIN sel_statements t ON t.id = s.id"
    "  WHERE s.speaker_id IS NOT NULL"
    " UNION SELECT s.attributed_to FROM statements s JOIN sel_statements t ON t.id = s.id"
    "  WHERE s.attributed_to IS NOT NULL"
    " UNION SELECT l.actor_id FROM statement_links l JOIN sel_statements t"
    "  ON t.id = l.statement_id WHERE l.actor_id IS NOT NULL"
    " UNION SELECT p.actor_id FROM event_participants p JOIN sel_events e ON e.id = p.event_id"
    " UNION SELECT ev.place_id FROM events ev JOIN sel_events e ON e.id = ev.id"
    "  WHERE ev.place_id IS NOT NULL;";

/* One hop around the ego actors, within the current selection. */
static const char hop_sql[] =
    "INSERT OR IGNORE INTO sel_ego_events(id)"
    " SELECT p.event_id FROM event_participants p JOIN sel_ego_actors x ON x.id = p.actor_id"
    "  JOIN sel_events e ON e.id = p.event_id"
    " UNION SELECT ev.id FROM events ev JOIN sel_ego_actors x ON x.id = ev.place_id"
    "  JOIN sel_events e ON e.id = ev.id;"
    "INSERT OR IGNORE INTO sel_ego_statements(id)"
    " SELECT s.id FROM statements s JOIN sel_statements t ON t.id = s.id"
    "  WHERE s.speaker_id IN (SELECT id FROM sel_ego_actors)"
    "  OR s.attributed_to IN (SELECT id FROM sel_ego_actors)"
    "  OR s.id IN (SELECT l.statement_id FROM statement_links l"
    "              JOIN sel_ego_actors x ON x.id = l.actor_id);"
    "INSERT OR IGNORE INTO sel_ego_actors(id)"
    " SELECT p.actor_id FROM event_participants p JOIN sel_ego_events e ON e.id = p.event_id"
    "  JOIN sel_actors k ON k.id = p.actor_id"
    " UNION SELECT ev.place_id FROM events ev JOIN sel_ego_events e ON e.id = ev.id"
    "  JOIN sel_actors k ON k.id = ev.place_id"
    " UNION SELECT s.speaker_id FROM statements s JOIN sel_ego_statements t ON t.id = s.id"
    "  JOIN sel_actors k ON k.id = s.speaker_id"
    " UNION SELECT s.attributed_to FROM statements s JOIN sel_ego_statements t ON t.id = s.id"
    "  JOIN sel_actors k ON k.id = s.attributed_to"
    " UNION SELECT l.actor_id FROM statement_links l JOIN sel_ego_statements t"
    "  ON t.id = l.statement_id JOIN sel_actors k ON k.id = l.actor_id;";

static const char ego_apply_sql[] =
    "DELETE FROM sel_actors WHERE id NOT IN (SELECT id FROM sel_ego_actors);"
    "DELETE FROM sel_events WHERE id NOT IN (SELECT id FROM sel_ego_events);"
    "DELETE FROM sel_statements WHERE id NOT IN (SELECT id FROM sel_ego_statements);"
    "DELETE FROM sel_articles WHERE id NOT IN ("
    " SELECT s.article_id FROM statements s JOIN sel_statements t ON t.id = s.id"
    " UNION SELECT c.article_id FROM event_accounts c JOIN sel_events e ON e.id = c.event_id"
    " UNION SELECT m.article_id FROM mentions m JOIN sel_ego_seed x ON x.id = m.actor_id);"
    "DROP TABLE temp.sel_ego_seed; DROP TABLE temp.sel_ego_actors;"
    "DROP TABLE temp.sel_ego_events; DROP TABLE temp.sel_ego_statements;";

/* Seeds sel_ego_seed with the selected actors called NAME: display name, any name seen, or
   uid; names compare after case folding and accent stripping. *found receives the count. */
static nk_status ego_seed(sqlite3 *db, const char *name, int64_t *found, nk_error *err)
{
  nk_status st = NK_OK;
  char *want = nk_text_fold(name, strlen(name));
  if (!want)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  sqlite3_stmt *q = NULL, *ins = NULL;
  if (sqlite3_prepare_v2(db,
                         "SELECT a.id, a.name, a.uid FROM actors a JOIN sel_actors k ON k.id = a.id"
                         " UNION ALL SELECT n.actor_id, n.name, NULL FROM actor_names n"
                         " JOIN sel_actors k ON k.id = n.actor_id",
                         -1, &q, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO sel_ego_seed(id) VALUES (?1)", -1, &ins,
                         NULL) != SQLITE_OK) {
    st = db_fail(db, err, "selection");
    goto done;
  }
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    const char *n = (const char *)sqlite3_column_text(q, 1);
    const char *uid = (const char *)sqlite3_column_text(q, 2);
    int hit = uid && strcmp(uid, name) == 0;
    if (!hit && n) {
      char *f = nk_text_fold(n, strlen(n));
      if (!f) {
        st = nk_error_set(err, NK_ERR_NOMEM, "out of memory");
        goto done;
      }
      hit = strcmp(f, want) == 0;
      free(f);
    }
    if (hit) {
      sqlite3_bind_int64(ins, 1, sqlite3_column_int64(q, 0));
      if (sqlite3_step(ins) != SQLITE_DONE) {
        st = db_fail(db, err, "selection");
        goto done;
      }
      sqlite3_reset(ins);
    }
  }
  if (rc != SQLITE_DONE) {
    st = db_fail(db, err, "selection");
    goto done;
  }
  *found = count_rows(db, "SELECT count(*) FROM sel_ego_seed");
done:
  sqlite3_finalize(q);
  sqlite3_finalize(ins);
  free(want);
  return st;
}

static nk_status select_ego(sqlite3 *db, const nk_export_options *opt, nk_error *err)
{
  nk_status st = exec(db,
                      "CREATE TEMP TABLE sel_ego_seed(id INTEGER PRIMARY KEY);"
                      "CREATE TEMP TABLE sel_ego_actors(id INTEGER PRIMARY KEY);"
                      "CREATE TEMP TABLE sel_ego_events(id INTEGER PRIMARY KEY);"
                      "CREATE TEMP TABLE sel_ego_statements(id INTEGER PRIMARY KEY);",
                      err);
  if (st)
    return st;
  int64_t found = 0;
  if ((st = ego_seed(db, opt->actor, &found, err)))
    return st;
  if (found <= 0)
    return nk_error_set(err, NK_ERR_USAGE, "no actor named '%s' in the selection", opt->actor);
  if ((st = exec(db, "INSERT INTO sel_ego_actors(id) SELECT id FROM sel_ego_seed", err)))
    return st;
  int depth = opt->depth > 0 ? opt->depth : 1;
  if (opt->depth < 0)
    depth = 0;
  int64_t before = found;
  for (int i = 0; i < depth; i++) {
    if ((st = exec(db, hop_sql, err)))
      return st;
    int64_t now = count_rows(db, "SELECT count(*) FROM sel_ego_actors");
    if (now == before) /* closed: further hops add nothing new */
      break;
    before = now;
  }
  return exec(db, ego_apply_sql, err);
}

/* Empties the tables of the kinds that LIST (comma-separated) does not name. */
static nk_status select_kinds(sqlite3 *db, const char *list, nk_error *err)
{
  static const struct {
    const char *name, *plural, *clear;
  } kinds[] = {{"actor", "actors", "DELETE FROM sel_actors"},
               {"event", "events", "DELETE FROM sel_events"},
               {"statement", "statements", "DELETE FROM sel_statements"},
               {"article", "articles", "DELETE FROM sel_articles"}};
  int keep[4] = {0, 0, 0, 0};
  const char *p = list;
  while (*p) {
    size_t n = strcspn(p, ",");
    const char *w = p;
    size_t wn = n;
    while (wn && (*w == ' ' || *w == '\t'))
      w++, wn--;
    while (wn && (w[wn - 1] == ' ' || w[wn - 1] == '\t'))
      wn--;
    int ok = wn == 0; /* "actor,,event" and a trailing comma are harmless */
    for (size_t k = 0; k < 4 && !ok; k++)
      if ((strlen(kinds[k].name) == wn && !strncmp(w, kinds[k].name, wn)) ||
          (strlen(kinds[k].plural) == wn && !strncmp(w, kinds[k].plural, wn)))
        keep[k] = ok = 1;
    if (!ok)
      return nk_error_set(err, NK_ERR_USAGE,
                          "unknown kind '%.*s' (expected actor, event, statement, article)",
                          (int)(wn > 64 ? 64 : wn), w);
    p += n;
    if (*p == ',')
      p++;
  }
  for (size_t k = 0; k < 4; k++)
    if (!keep[k]) {
      nk_status st = exec(db, kinds[k].clear, err);
      if (st)
        return st;
    }
  return NK_OK;
}

/* Without any filter the rules above keep every article (so every scope article), event and
   actor, from the tables themselves: only a statement whose article is missing (a broken
   foreign key) can be left out. */
int nk_select_unfiltered(const nk_export_options *opt)
{
  return !(opt->article && *opt->article) && !(opt->since && *opt->since) &&
         !(opt->until && *opt->until) && !(opt->actor && *opt->actor) &&
         !(opt->kinds && *opt->kinds);
}

int nk_select_all(sqlite3 *db, const nk_export_options *opt)
{
  if (opt && nk_select_unfiltered(opt)) {
    int64_t n = count_rows(db, "SELECT count(*) FROM sel_statements");
    return n >= 0 && n == count_rows(db, "SELECT count(*) FROM statements");
  }
  /* A filter may still keep everything (--since before the first article): compare. The
     joins make ids missing from a table (a broken reference pulled in) not count. */
  return count_rows(db,
                    "SELECT (SELECT count(*) FROM sel_articles k JOIN articles a ON a.id = k.id)"
                    "   = (SELECT count(*) FROM articles)"
                    " AND (SELECT count(*) FROM sel_scope k JOIN articles a ON a.id = k.id)"
                    "   = (SELECT count(*) FROM articles)"
                    " AND (SELECT count(*) FROM sel_actors k JOIN actors a ON a.id = k.id)"
                    "   = (SELECT count(*) FROM actors)"
                    " AND (SELECT count(*) FROM sel_events k JOIN events a ON a.id = k.id)"
                    "   = (SELECT count(*) FROM events)"
                    " AND (SELECT count(*) FROM sel_statements k JOIN statements a"
                    "   ON a.id = k.id) = (SELECT count(*) FROM statements)") == 1;
}

nk_status nk_select_prepare(sqlite3 *db, const nk_export_options *opt, nk_error *err)
{
  static const nk_export_options none;
  if (!opt)
    opt = &none;
  nk_status st;
  if ((st = exec(db, create_sql, err)) || (st = run_filtered(db, articles_sql, opt, err)))
    return st;
  if (opt->article && *opt->article && count_rows(db, "SELECT count(*) FROM sel_articles") == 0) {
    /* Tell "no such article" from "not in the date range". */
    sqlite3_stmt *q = NULL;
    int exists = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT 1 FROM articles WHERE file = ?1 OR path = ?1 OR hash = ?1"
                           " OR uid = ?1 LIMIT 1",
                           -1, &q, NULL) == SQLITE_OK) {
      sqlite3_bind_text(q, 1, opt->article, -1, SQLITE_TRANSIENT);
      exists = sqlite3_step(q) == SQLITE_ROW;
    }
    sqlite3_finalize(q);
    if (!exists)
      return nk_error_set(err, NK_ERR_USAGE, "no article '%s' in the database", opt->article);
  }
  /* Unfiltered, the selection is every row, rows tied to no article included: every event
     and every actor directly, without first collecting those the articles reach (what
     events_sql and rest_sql add is a subset; a tenth of a 1 M-triple GraphML export). */
  int filtered = (opt->article && *opt->article) || (opt->since && *opt->since) ||
                 (opt->until && *opt->until);
  if (filtered) {
    if ((st = run_filtered(db, events_sql, opt, err)) || (st = exec(db, rest_sql, err)))
      return st;
  } else if ((st = exec(db,
                        /* ORDER BY id: the rowid order, so each insert appends (SQLite
                           would otherwise read the ids from a narrower index, out of
                           order: twice the time for events). */
                        "INSERT INTO sel_events(id) SELECT id FROM events ORDER BY id;"
                        "INSERT INTO sel_statements(id) SELECT s.id FROM statements s"
                        "  JOIN sel_articles a ON a.id = s.article_id;"
                        "INSERT INTO sel_actors(id) SELECT id FROM actors ORDER BY id;",
                        err))) {
    return st;
  }
  if (opt->actor && *opt->actor && (st = select_ego(db, opt, err)))
    return st;
  /* sel_scope: the articles in scope whatever --kind shows, for what is told per article
     (actor relations, an event's first account) when article nodes are not exported. */
  if ((st = exec(db, "INSERT INTO sel_scope(id) SELECT id FROM sel_articles", err)))
    return st;
  if (opt->kinds && *opt->kinds && (st = select_kinds(db, opt->kinds, err)))
    return st;
  return NK_OK;
}
