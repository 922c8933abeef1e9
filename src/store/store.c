/* Opening and closing the store: pragmas, the "is this our database" checks, creating the
   schema of a new file, and the cache of prepared statements. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "store/store_priv.h"
#include "util/resources.h"

/* Indexed by nk_st. Column lists are spelled out so a later additive schema change cannot
   shift a binding. */
static const char *const st_sql[ST_COUNT] = {
  [ST_BEGIN] = "BEGIN IMMEDIATE",
  [ST_COMMIT] = "COMMIT",
  [ST_ROLLBACK] = "ROLLBACK",
  /* Changes when another connection commits: what the memo remembers is then stale. */
  [ST_DATA_VERSION] = "PRAGMA data_version",
  [ST_ART_EXISTS] = "SELECT id FROM articles WHERE hash = ?1",
  [ST_ART_INSERT] = "INSERT INTO articles (uid, hash, file, path, format, title, date, author, "
                    "site, lang, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  [ST_MAX_ACTOR] = "SELECT coalesce(max(id), 0) FROM actors",
  [ST_MAX_EVENT] = "SELECT coalesce(max(id), 0) FROM events",
  [ST_ACTOR_BY_WK] = "SELECT id FROM actors WHERE wk_id = ?1",
  [ST_ACTORS_BY_KEY] = "SELECT n.actor_id FROM actor_names n JOIN actors a "
                       "ON a.id = n.actor_id WHERE n.key = ?1 AND a.type = ?2 AND a.id <= ?3",
  /* Reads the (last, key) index alone; the type is checked on the few close names. */
  [ST_NAMES_BY_LAST] = "SELECT actor_id, key FROM actor_names "
                       "WHERE last >= ?1 AND last < ?2 AND actor_id <= ?3",
  [ST_ACTOR_NAMES] = "SELECT name, key, n FROM actor_names WHERE actor_id = ?1",
  [ST_ACTOR_INFO] = "SELECT name, wk_id, type, credit_only FROM actors WHERE id = ?1",
  [ST_ACTOR_INSERT] = "INSERT INTO actors (uid, name, type, wk_id, credit_only) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
  [ST_ACTOR_UPDATE] = "UPDATE actors SET name = coalesce(?2, name), wk_id = coalesce(wk_id, ?3), "
                      "credit_only = min(credit_only, ?4) WHERE id = ?1",
  /* Not an upsert with RETURNING: SQLite gathers RETURNING rows in a temporary b-tree. */
  [ST_NAME_INSERT] = "INSERT OR IGNORE INTO actor_names (actor_id, name, key, last, n) "
                     "VALUES (?1, ?2, ?3, ?4, 1)",
  [ST_NAME_COUNT] = "UPDATE actor_names SET n = n + 1 WHERE actor_id = ?1 AND name = ?2",
  /* The counts the memo gathered over a batch, written once per name before the commit. */
  [ST_NAME_ADD] = "UPDATE actor_names SET n = n + ?3 WHERE actor_id = ?1 AND name = ?2",
  [ST_ROLE_INSERT] = "INSERT OR IGNORE INTO actor_roles (actor_id, role, article_id) "
                     "VALUES (?1, ?2, ?3)",
  [ST_REL_INSERT] = "INSERT OR IGNORE INTO relations (from_id, to_id, kind, article_id) "
                    "VALUES (?1, ?2, ?3, ?4)",
  /* Earlier events of a CAMEO root, of a compatible time, among the last ?5 events, in which
     both actors ?1 and ?2 (the same id twice for a single actor) take part. Starting from
     one actor's recent participations keeps this bounded however often it recurs. No
     DISTINCT or ORDER BY: each costs a temporary b-tree per run; callers dedupe. The second
     column tells what the event lacks (1: time, 2: place). */
  [ST_EVENT_CANDIDATES] = "SELECT p.event_id, "
                          "(e.time_norm IS NULL) + 2 * (e.place_id IS NULL) "
                          "FROM event_participants p "
                          "JOIN event_participants q ON q.event_id = p.event_id "
                          "AND q.actor_id = ?2 "
                          "JOIN events e ON e.id = p.event_id "
                          "WHERE p.actor_id = ?1 AND p.event_id > ?5 AND p.event_id <= ?4 "
                          "AND substr(e.cameo, 1, 2) = ?3 "
                          "AND (e.time_norm IS NULL OR ?6 IS NULL OR e.time_norm = ?6)",
  [ST_EVENT_PARTS] = "SELECT actor_id, role FROM event_participants WHERE event_id = ?1",
  [ST_EVENT_INSERT] = "INSERT INTO events (uid, cameo, label, time_norm, place_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
  [ST_EVENT_FILL] = "UPDATE events SET time_norm = coalesce(time_norm, ?2), "
                    "place_id = coalesce(place_id, ?3) WHERE id = ?1",
};

/* The multi-row INSERTs: the SQL up to VALUES, and the columns per row. */
static const struct {
  const char *head;
  int columns;
} rows_sql[ROWS_COUNT] = {
  [ROWS_MENTION] = {"INSERT INTO mentions (article_id, actor_id, kind, start, \"end\", text) "
                    "VALUES ", 6},
  [ROWS_STATEMENT] = {"INSERT INTO statements (uid, article_id, speaker_id, attributed_to, kind, "
                      "text, verb, stance, start, \"end\") VALUES ", 10},
  [ROWS_LINK] = {"INSERT INTO statement_links (statement_id, event_id, actor_id, kind) "
                 "VALUES ", 4},
  [ROWS_ACCOUNT] = {"INSERT INTO event_accounts (event_id, article_id, trigger, factuality, "
                    "time_text, time_norm, place_text, start, \"end\") VALUES ", 9},
  [ROWS_PART] = {"INSERT OR IGNORE INTO event_participants (event_id, actor_id, role) "
                 "VALUES ", 3},
};

int nk_rows_columns(nk_rows kind)
{
  return rows_sql[kind].columns;
}

/* Whoever reads the connection directly sees every put made so far, committed: another
   process (or connection) reading the file sees them too. The caller may also write through
   it, so the memo forgets what it knew. */
sqlite3 *nk_store_db(nk_store *s)
{
  if (!s)
    return NULL;
  nk_store_flush(s, NULL);
  nk_memo_clear(s);
  return s->db;
}

double nk_store_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

nk_status nk_store_flush(nk_store *s, nk_error *err)
{
  if (!s->in_batch)
    return NK_OK;
  size_t n = s->batch_n;
  s->in_batch = 0;
  s->batch_n = 0;
  /* The memo's name counts belong to the batch: written just before its commit. */
  nk_status st = nk_memo_write(s, err);
  if (st == NK_OK) {
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
      return NK_OK;
    st = nk_store_fail(s, rc, "cannot store article", err);
  }
  if (err && n) {
    size_t len = strlen(err->msg);
    snprintf(err->msg + len, sizeof err->msg - len,
             " (the %zu article(s) stored just before it were not saved either)", n);
  }
  if (!sqlite3_get_autocommit(s->db)) {
    nk_store_reset_all(s);
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  }
  nk_memo_clear(s);
  return st;
}

void nk_store_reset_all(nk_store *s)
{
  for (size_t i = 0; i < ST_COUNT; i++)
    if (s->st[i])
      sqlite3_reset(s->st[i]);
  for (size_t k = 0; k < ROWS_COUNT; k++)
    for (size_t i = 0; i < NK_ROWS_MAX; i++)
      if (s->rows[k][i])
        sqlite3_reset(s->rows[k][i]);
}

nk_status nk_store_commit(nk_store *s, nk_error *err)
{
  return nk_store_flush(s, err);
}

/* Waits for a lock held by another connection, polling every millisecond (SQLite's own
   handler sleeps up to 100 ms, and can miss the short gaps a batching writer leaves between
   its transactions), for at most 30 seconds (a loaded machine may keep the other writer busy
   for several of its batches before this one's poll falls in a gap). Marks the store
   contended. */
static int busy_wait(void *user, int n)
{
  nk_store *s = user;
  double t = nk_store_now();
  if (n == 0)
    s->busy_t0 = t;
  s->contended = 1;
  if (t - s->busy_t0 >= 30.0)
    return 0;
  struct timespec ms = {0, 1000000};
  nanosleep(&ms, NULL);
  return 1;
}

static nk_status status_of(int rc)
{
  switch (rc & 0xff) {
  case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return NK_OK;
  case SQLITE_NOMEM: return NK_ERR_NOMEM;
  case SQLITE_BUSY: case SQLITE_LOCKED: return NK_ERR_DB_BUSY;
  case SQLITE_READONLY: return NK_ERR_DB_READONLY;
  case SQLITE_FULL: return NK_ERR_DB_FULL;
  case SQLITE_NOTADB: case SQLITE_CORRUPT: return NK_ERR_DB_CORRUPT;
  case SQLITE_CANTOPEN: case SQLITE_IOERR: case SQLITE_PERM: return NK_ERR_IO;
  default: return NK_ERR_DB;
  }
}

nk_status nk_store_fail(nk_store *s, int rc, const char *what, nk_error *err)
{
  nk_status st = status_of(rc);
  if (st == NK_OK)
    st = NK_ERR_DB;
  const char *reason;
  switch (st) {
  case NK_ERR_DB_BUSY: reason = "database is locked by another process"; break;
  case NK_ERR_DB_READONLY: reason = "database is read-only"; break;
  case NK_ERR_DB_FULL: reason = "disk or database is full"; break;
  case NK_ERR_DB_CORRUPT: reason = "not a newskg database or corrupt"; break;
  case NK_ERR_NOMEM: reason = "out of memory"; break;
  default: reason = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc); break;
  }
  if (what)
    return nk_error_set(err, st, "%s: %s", what, reason);
  return nk_error_set(err, st, "%s", reason);
}

sqlite3_stmt *nk_store_stmt(nk_store *s, nk_st id, nk_error *err)
{
  sqlite3_stmt *st = s->st[id];
  if (!st) {
    int rc = sqlite3_prepare_v3(s->db, st_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id],
                                NULL);
    if (rc != SQLITE_OK) {
      nk_store_fail(s, rc, "cannot prepare a query", err);
      return NULL;
    }
    return s->st[id];
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return st;
}

sqlite3_stmt *nk_store_rows(nk_store *s, nk_rows kind, size_t n, nk_error *err)
{
  sqlite3_stmt **slot = &s->rows[kind][n - 1];
  if (*slot) {
    sqlite3_reset(*slot);
    return *slot;
  }
  /* head + n times "(?, ?, ..., ?)" joined by ", " */
  size_t cols = (size_t)rows_sql[kind].columns, head = strlen(rows_sql[kind].head);
  size_t row = 2 + 3 * cols, len = head + n * (row + 2) + 1;
  char *sql = malloc(len), *p = sql;
  if (!sql) {
    nk_error_set(err, NK_ERR_NOMEM, "cannot prepare a query: out of memory");
    return NULL;
  }
  memcpy(p, rows_sql[kind].head, head);
  p += head;
  for (size_t j = 0; j < n; j++) {
    if (j) {
      memcpy(p, ", ", 2);
      p += 2;
    }
    *p++ = '(';
    for (size_t c = 0; c < cols; c++) {
      memcpy(p, c ? ", ?" : "?", c ? 3 : 1);
      p += c ? 3 : 1;
    }
    *p++ = ')';
  }
  *p = '\0';
  int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL);
  free(sql);
  if (rc != SQLITE_OK) {
    nk_store_fail(s, rc, "cannot prepare a query", err);
    return NULL;
  }
  return *slot;
}

/* Runs SQL (no results wanted). */
static int exec(sqlite3 *db, const char *sql)
{
  return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* One integer from a query, or the error code. */
static int query_int(sqlite3 *db, const char *sql, int64_t *out)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      *out = sqlite3_column_int64(st, 0);
      rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
      *out = 0;
      rc = SQLITE_OK;
    }
  }
  sqlite3_finalize(st);
  return rc;
}

/* Loads schemas/cameo.tsv ("code TAB label_en TAB label_fr", '#' comments) into the cameo
   table. The file is optional: without it the table stays empty and views show NULL labels. */
static int fill_cameo(sqlite3 *db)
{
  size_t len = 0;
  const char *p = nk_resource_get("cameo.tsv", &len);
  if (!p)
    return SQLITE_OK;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO cameo (code, label_en, label_fr) "
                                  "VALUES (?1, ?2, ?3)", -1, &st, NULL);
  const char *end = p + len;
  while (rc == SQLITE_OK && p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      eol = end;
    const char *f[3];
    size_t fl[3];
    size_t nf = 0;
    const char *q = p;
    while (nf < 3 && q <= eol) {
      const char *tab = memchr(q, '\t', (size_t)(eol - q));
      const char *fe = tab ? tab : eol;
      if (fe > q && fe[-1] == '\r')
        fe--;
      f[nf] = q;
      fl[nf] = (size_t)(fe - q);
      nf++;
      if (!tab)
        break;
      q = tab + 1;
    }
    if (*p != '#' && nf >= 2 && fl[0] > 0 && f[0][0] >= '0' && f[0][0] <= '9') {
      sqlite3_bind_text(st, 1, f[0], (int)fl[0], SQLITE_STATIC);
      sqlite3_bind_text(st, 2, f[1], (int)fl[1], SQLITE_STATIC);
      /* A missing French label falls back to the English one rather than failing. */
      if (nf >= 3)
        sqlite3_bind_text(st, 3, f[2], (int)fl[2], SQLITE_STATIC);
      else
        sqlite3_bind_text(st, 3, f[1], (int)fl[1], SQLITE_STATIC);
      rc = sqlite3_step(st);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
      sqlite3_reset(st);
    }
    p = eol + 1;
  }
  sqlite3_finalize(st);
  return rc;
}

/* Creates the schema in a new (empty) database. Done under BEGIN IMMEDIATE with the checks
   repeated inside, because two processes may create the same new file at once: the second
   one waits for the lock, then finds the schema in place. */
static nk_status create_schema(nk_store *s, nk_error *err)
{
  const char *sql = nk_resource_get("schema.sql", NULL);
  if (!sql)
    return nk_error_set(err, NK_ERR_INTERNAL, "schema.sql is not embedded in this build");
  int rc = exec(s->db, "BEGIN IMMEDIATE");
  if (rc != SQLITE_OK)
    return nk_store_fail(s, rc, NULL, err);
  int64_t version = 0, tables = 0;
  rc = query_int(s->db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int(s->db, "SELECT count(*) FROM sqlite_master", &tables);
  if (rc == SQLITE_OK && version == 0 && tables == 0) {
    rc = exec(s->db, sql);
    if (rc == SQLITE_OK)
      rc = fill_cameo(s->db);
    if (rc == SQLITE_OK)
      rc = exec(s->db, "PRAGMA user_version = 1");
  }
  if (rc == SQLITE_OK)
    rc = exec(s->db, "COMMIT");
  if (rc != SQLITE_OK) {
    nk_status st = nk_store_fail(s, rc, NULL, err);
    if (!sqlite3_get_autocommit(s->db))
      exec(s->db, "ROLLBACK");
    return st;
  }
  return NK_OK;
}

/* Checks the file is a newskg database of a version we read, creating the schema when it is
   new. */
static nk_status check_schema(nk_store *s, nk_error *err)
{
  int64_t version = 0, tables = 0, ours = 0;
  /* The first real read: this is where a non-database file shows up (SQLITE_NOTADB). */
  int rc = query_int(s->db, "SELECT count(*) FROM sqlite_master", &tables);
  if (rc == SQLITE_OK)
    rc = query_int(s->db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int(s->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                          "('articles', 'actors', 'actor_names', 'statements', 'events')",
                   &ours);
  if (rc != SQLITE_OK)
    return nk_store_fail(s, rc, NULL, err);
  if (version > NK_SCHEMA_VERSION)
    return nk_error_set(err, NK_ERR_DB_VERSION,
                        "database schema version %lld is newer than this newskg (%d)",
                        (long long)version, NK_SCHEMA_VERSION);
  if (version == NK_SCHEMA_VERSION) {
    if (ours != 5)
      return nk_error_set(err, NK_ERR_DB_CORRUPT, "not a newskg database or corrupt");
    return NK_OK;
  }
  if (version < 0 || tables > 0)
    return nk_error_set(err, NK_ERR_DB_CORRUPT,
                        "not a newskg database (it holds other tables)");
  if (s->readonly)
    return nk_error_set(err, NK_ERR_DB_CORRUPT, "empty database (nothing ingested)");
  return create_schema(s, err);
}

nk_status nk_store_open(const char *path, int flags, nk_store **out, nk_error *err)
{
  *out = NULL;
  if (!path || !*path)
    return nk_error_set(err, NK_ERR_USAGE, "no database file given");
  int readonly = (flags & NK_STORE_READONLY) != 0;
  struct stat sb;
  if (stat(path, &sb) != 0) {
    if (errno == ENOENT && (readonly || !(flags & NK_STORE_CREATE)))
      return nk_error_set(err, NK_ERR_IO, "no such database");
    if (errno != ENOENT)
      return nk_error_set(err, NK_ERR_IO, "%s", strerror(errno));
  } else if (S_ISDIR(sb.st_mode)) {
    return nk_error_set(err, NK_ERR_IO, "is a directory");
  }

  nk_store *s = calloc(1, sizeof *s);
  if (!s)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  s->readonly = readonly;
  int oflags = SQLITE_OPEN_READONLY;
  if (!readonly)
    oflags = SQLITE_OPEN_READWRITE | (flags & NK_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
  /* One connection per store, used by one thread: no mutexes needed. */
  oflags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path, &s->db, oflags, NULL);
  nk_status st = NK_OK;
  if (rc != SQLITE_OK) {
    st = nk_store_fail(s, rc, NULL, err);
    if (st == NK_ERR_DB || st == NK_ERR_IO)
      st = nk_error_set(err, NK_ERR_IO, "cannot open database: %s",
                        s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
    goto fail;
  }
  sqlite3_extended_result_codes(s->db, 1);
  /* Set first: every later step may have to wait for another writer. */
  sqlite3_busy_handler(s->db, busy_wait, s);
  rc = exec(s->db, "PRAGMA foreign_keys = ON");
  if (rc != SQLITE_OK) {
    st = nk_store_fail(s, rc, NULL, err);
    goto fail;
  }
  if (!readonly) {
    /* A file we cannot write shows up here: report it as read-only, not as a generic error. */
    if (access(path, W_OK) != 0 && errno == EACCES) {
      st = nk_error_set(err, NK_ERR_DB_READONLY, "database is read-only");
      goto fail;
    }
  }
  st = check_schema(s, err);
  if (st != NK_OK)
    goto fail;
  if (!readonly) {
    /* WAL lets exports read while an ingest writes; NORMAL sync is safe with WAL (a power
       loss may lose the last commits, never corrupt the file). */
    rc = exec(s->db, "PRAGMA journal_mode = WAL");
    if (rc == SQLITE_OK)
      rc = exec(s->db, "PRAGMA synchronous = NORMAL");
    /* Debian builds SQLite with secure delete on: the bytes a cell leaves (an updated count
       or display name, a cell moved by a page split) are zeroed. Nothing here is secret, and
       nothing is deleted: off, the same rows cost 0.8% fewer instructions. */
    if (rc == SQLITE_OK)
      rc = exec(s->db, "PRAGMA secure_delete = OFF");
    /* A batch's pages stay cached instead of spilling to the WAL before its commit, and
       statement journals stay in memory (measured: ~30% of put time). */
    if (rc == SQLITE_OK)
      rc = exec(s->db, "PRAGMA temp_store = MEMORY");
    /* 8 MB: a batch's pages still fit, and the page cache is full from the first couple of
       thousand articles on, so peak memory stays flat however many articles are ingested
       (with 16 MB it kept growing up to ~10,000 articles). */
    if (rc == SQLITE_OK)
      rc = exec(s->db, "PRAGMA cache_size = -8192");
    /* NK_WAL_CHECKPOINT_PAGES (store_priv.h). The WAL file goes when the last connection
       closes. */
    if (rc == SQLITE_OK)
      rc = sqlite3_wal_autocheckpoint(s->db, s->wal_pages = NK_WAL_CHECKPOINT_PAGES);
    if (rc != SQLITE_OK) {
      st = nk_store_fail(s, rc, NULL, err);
      goto fail;
    }
  }
  *out = s;
  return NK_OK;
fail:
  nk_store_close(s);
  return st;
}

void nk_store_set_wal_pages(nk_store *s, int pages)
{
  if (!s || s->readonly || pages < 1 || s->ckpt)
    return;
  s->wal_pages = pages;
  sqlite3_wal_autocheckpoint(s->db, pages);
}

/* Closes a reader's connection. A read-only connection cannot remove the WAL and its index
   when it is the last to close, so every `newskg export` or `stats` left an empty
   newskg.db-wal and -shm beside the database; a brief read-write connection, when the file
   allows one, closes in its place. SQLite removes the files only when no other connection
   has the database open, after copying into it what the WAL holds. */
static void close_reader(sqlite3 *db)
{
  const char *f = sqlite3_db_filename(db, "main");
  size_t n = f ? strlen(f) : 0;
  char *wal = n ? malloc(n + 5) : NULL;
  if (wal) {
    memcpy(wal, f, n);
    memcpy(wal + n, "-wal", 5);
  }
  sqlite3_close(db);
  struct stat sb;
  if (wal && stat(wal, &sb) == 0) {
    wal[n] = '\0';
    sqlite3 *rw = NULL;
    if (sqlite3_open_v2(wal, &rw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) ==
        SQLITE_OK)
      sqlite3_exec(rw, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    sqlite3_close(rw);
  }
  free(wal);
}

void nk_store_close(nk_store *s)
{
  if (!s)
    return;
  nk_store_checkpointer_stop(s);
  nk_store_flush(s, NULL);
  nk_memo_free(s);
  nk_surnames_free(s);
  for (size_t i = 0; i < ST_COUNT; i++)
    sqlite3_finalize(s->st[i]);
  for (size_t k = 0; k < ROWS_COUNT; k++)
    for (size_t i = 0; i < NK_ROWS_MAX; i++)
      sqlite3_finalize(s->rows[k][i]);
  if (s->readonly)
    close_reader(s->db);
  else
    sqlite3_close(s->db);
  free(s);
}
