/* Private to src/store: the store struct, its cache of prepared statements, and the helpers
   shared by store.c (open/close), store_put.c, store_names.c and store_stats.c. */
#ifndef NK_STORE_PRIV_H
#define NK_STORE_PRIV_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include "newskg/graph.h"
#include "newskg/store.h"

#define NK_SCHEMA_VERSION 1

/* Every statement nk_store_put runs, prepared once per store on first use (store.c holds
   the SQL text). Keeping them prepared is what makes ingest fast. */
typedef enum nk_st {
  ST_BEGIN = 0, ST_COMMIT, ST_ROLLBACK, ST_DATA_VERSION,
  ST_ART_EXISTS, ST_ART_INSERT,
  ST_MAX_ACTOR, ST_MAX_EVENT,
  ST_ACTOR_BY_WK, ST_ACTORS_BY_KEY, ST_NAMES_BY_LAST, ST_ACTOR_NAMES, ST_ACTOR_INFO,
  ST_ACTOR_INSERT, ST_ACTOR_UPDATE, ST_NAME_INSERT, ST_NAME_COUNT, ST_NAME_ADD, ST_ROLE_INSERT,
  ST_REL_INSERT,
  ST_EVENT_CANDIDATES, ST_EVENT_PARTS, ST_EVENT_INSERT, ST_EVENT_FILL,
  ST_COUNT
} nk_st;

/* The row-by-row tables of a put are written with INSERTs of 1..NK_ROWS_MAX rows (one
   prepared statement per table and row count, on first use): a statement's fixed cost
   (reset, halt, cursor opening, FK and CHECK setup) is then paid once per chunk instead of
   once per row. Rows of a multi-row VALUES get their ids in order, as one by one.
   Parameters are numbered row by row: row j's columns are j * columns + 1... */
#define NK_ROWS_MAX 32
/* Rows per statement by table. A multi-row statement also opens a statement journal (FK
   checks can abort it midway), which copies every page it touches: measured, that pays off
   for mentions (~19 an article) and breaks even or loses for the tables with a few rows an
   article, which go one row per statement. */
#define NK_ROWS_CHUNK(kind) ((kind) == ROWS_MENTION ? (size_t)NK_ROWS_MAX : (size_t)1)
typedef enum nk_rows {
  ROWS_MENTION = 0, ROWS_STATEMENT, ROWS_LINK, ROWS_ACCOUNT, ROWS_PART,
  ROWS_COUNT
} nk_rows;

/* What nk_store_put remembers of stored actors between puts (store_memo.c). */
typedef struct nk_memo nk_memo;
/* Stored names by surname prefix (store_surnames.c). */
typedef struct nk_surnames nk_surnames;
/* The background checkpointer (store_checkpoint.c). */
typedef struct nk_ckpt nk_ckpt;

/* A checkpoint every 10,000 WAL pages (40 MB) instead of SQLite's 1,000: an ingest rewrites
   the same index pages batch after batch, and each checkpoint copies them into the database
   again. Measured on 10,000 articles: 37% fewer page writes, 44% fewer page reads, 80% fewer
   fsyncs. */
#define NK_WAL_CHECKPOINT_PAGES 10000

/* Puts are grouped into one transaction ("batch") of at most NK_BATCH_MAX articles or
   NK_BATCH_SECONDS: a 500-byte article touches ~25 pages, so a commit per article caps ingest
   far below the 5 MB/s target. An article is still all or nothing: its graph is validated
   before anything is written, so a put can only fail on an I/O-level error (disk full), and
   then the whole batch is rolled back and the error says so; a crash loses whole articles of
   the open batch, which a re-ingest stores. Once another process has made this one wait for
   the write lock, every put commits at once so that writers alternate. */
#define NK_BATCH_MAX 1000

/* An event is looked for among the last NK_EVENT_WINDOW events stored: the same event is
   told by articles ingested together, and the search stays bounded on a large corpus. */
#define NK_EVENT_WINDOW 20000
#define NK_BATCH_SECONDS 0.25

struct nk_store {
  sqlite3 *db;
  int readonly;
  int in_batch;       /* a write transaction is open */
  int contended;      /* another writer was seen: commit after each put */
  size_t batch_n;     /* articles in the open batch */
  double batch_t0;    /* when it began (monotonic seconds) */
  double busy_t0;     /* when the current wait for a lock began */
  int64_t max_actor;  /* highest actors.id / events.id while a batch holds the write lock */
  int64_t max_event;
  sqlite3_stmt *st[ST_COUNT]; /* NULL until first used */
  sqlite3_stmt *rows[ROWS_COUNT][NK_ROWS_MAX]; /* [kind][rows - 1], NULL until first used */
  nk_memo *memo;      /* NULL until the first put */
  nk_surnames *surnames; /* NULL until the first person compared */
  nk_ckpt *ckpt;      /* NULL unless nk_store_checkpointer_start */
  int wal_pages;      /* checkpoint threshold: NK_WAL_CHECKPOINT_PAGES but in tests */
};

/* Monotonic seconds. */
double nk_store_now(void);

/* Commits the open batch, if any. On failure the batch is rolled back (its articles are
   lost, as after a crash) and err says why. */
nk_status nk_store_flush(nk_store *s, nk_error *err);

/* The cached statement ID, reset and with its bindings cleared; NULL (err set) on failure. */
sqlite3_stmt *nk_store_stmt(nk_store *s, nk_st id, nk_error *err);

/* The cached INSERT of N rows (1..NK_ROWS_MAX) into the table of KIND, reset; NULL (err set)
   on failure. Every parameter is bound by the caller, so bindings are not cleared. */
sqlite3_stmt *nk_store_rows(nk_store *s, nk_rows kind, size_t n, nk_error *err);

/* Columns per row of KIND. */
int nk_rows_columns(nk_rows kind);

/* Resets every cached statement (before a ROLLBACK: a statement left mid-step would keep the
   transaction open). */
void nk_store_reset_all(nk_store *s);

/* ---- store_memo.c ---- */

/* Writes what the memo holds back (name counts) into the open transaction: called before
   every COMMIT. */
nk_status nk_memo_write(nk_store *s, nk_error *err);

/* Forgets everything remembered: after a ROLLBACK, when another connection wrote, or when
   the connection is handed out (nk_store_db), since the memo then no longer mirrors the
   database. Pending name counts are dropped: write them first when they are to be kept. */
void nk_memo_clear(nk_store *s);

void nk_memo_free(nk_store *s);

/* ---- store_surnames.c ---- */

/* Forgets every cached surname: nk_memo_clear calls it, under the same rules. */
void nk_surnames_clear(nk_store *s);
void nk_surnames_free(nk_store *s);

/* Tells the cache that actor ID has a new name (a new actor_names row) with key KEY: 0, or
   -1 when out of memory (the cache is then emptied, so it never misses a name). */
int nk_surnames_note(nk_store *s, int64_t id, const char *key);

/* Maps an SQLite result code to a status and fills err with a one-line reason that starts
   with WHAT ("cannot store article"). Returns the status. */
nk_status nk_store_fail(nk_store *s, int rc, const char *what, nk_error *err);

/* ---- store_names.c: the name comparisons actor merging relies on ---- */

/* The merge key of a name (new string, caller frees; NULL on allocation failure):
   nk_name_key when the extraction module provides it, else a local equivalent. */
char *nk_store_name_key(const char *name);

/* Levenshtein distance of A[0..LA) and B[0..LB) when it is at most LIMIT, else LIMIT + 1
   (strings longer than 64 bytes: 0 when equal, else LIMIT + 1). */
size_t nk_edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit);

/* Number of space-separated words of a key. */
size_t nk_key_words(const char *key);

/* Pointer to the last word of KEY (KEY itself when one word). */
const char *nk_key_last(const char *key);

/* Two person keys that may name the same person: same or near surname and compatible first
   names (equal, one an initial/prefix of the other, or close spellings), or one of them a
   bare surname. */
int nk_person_keys_close(const char *a, const char *b);

/* A person key cut into what nk_person_keys_close compares, for comparing one key with many:
   pointers into the key, which must outlive it. */
typedef struct nk_pkey {
  size_t words;
  const char *first, *last;
  size_t first_len, last_len;
} nk_pkey;
void nk_pkey_init(nk_pkey *p, const char *key);

/* nk_person_keys_close on cut keys, comparing one surname with many: the closeness of the
   last surname B was seen with is kept, so a run of stored namesakes costs one spelling
   comparison. Every call with one memo must give an A with the same surname. Start from
   {0}. */
typedef struct nk_surname_memo {
  const char *last;
  size_t last_len;
  signed char close[2]; /* unconfirmed, confirmed by a first name; -1: not computed */
} nk_surname_memo;
int nk_pkeys_close_memo(const nk_pkey *a, const nk_pkey *b, nk_surname_memo *m);

/* Two person keys that are full names (2+ words) with close surnames but first names that
   cannot be the same person's ("John Smith", "Jane Smith"). */
int nk_person_keys_clash(const char *a, const char *b);

/* 1 when NAME (as written) starts with a courtesy title: "M. Trump", "Mrs May". */
int nk_name_has_title(const char *name);

/* Chooses the display name among NAMES (weights W: articles each was seen in): the longest
   name without a courtesy title, written with the most frequent spelling of its last word
   ("Volodymyr Zelensky" over "Volodymyr Zelenskyy" when "Zelensky" is seen more). T is
   unused for now. Returns an index into names. */
size_t nk_pick_canonical(nk_actor_type t, const char *const *names, const int64_t *w, size_t n);

/* FNV-1a 64 of the NUL-separated concatenation of PARTS, as 16 lower-case hex digits into
   OUT (17 bytes). Content-derived uids must be the same on every run and every machine. */
void nk_store_hash_hex(const char *const *parts, size_t n, char out[17]);

#endif
