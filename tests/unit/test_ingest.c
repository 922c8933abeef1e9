/* nk_ingest_files: the reports come in list order on the calling thread whatever the number
   of threads; a rejected file does not stop the run; a nonzero answer from the callback
   does, and nothing after it is stored; the database is the same with 1 and 4 threads. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "newskg/newskg.h"

#include "nk_check.h"

#define N_FILES 40

typedef struct seen {
  size_t n;
  size_t index[N_FILES];
  nk_status status[N_FILES];
  pthread_t thread[N_FILES];
  size_t stop_at; /* answer 1 at this index (N_FILES: never) */
} seen;

static int note(const nk_ingest_report *r, void *user)
{
  seen *s = user;
  if (s->n < N_FILES) {
    s->index[s->n] = r->index;
    s->status[s->n] = r->status;
    s->thread[s->n] = pthread_self();
    s->n++;
  }
  return r->index == s->stop_at;
}

/* Writes the test's articles into DIR: distinct stories that share their actors, with an
   empty file (rejected) at 7 and a copy of article 2 (duplicate) at 23. */
static void write_articles(const char *dir, char **paths)
{
  static const char *const who[] = {"Maria Lopes", "Jonas Berg", "Amina Diallo"};
  for (size_t i = 0; i < N_FILES; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/a%02zu.txt", dir, i);
    paths[i] = strdup(path);
    FILE *f = fopen(path, "w");
    if (!f)
      continue;
    size_t k = i == 23 ? 2 : i;
    if (i != 7)
      fprintf(f,
              "Talks in Geneva, round %zu\n\n"
              "%s, the foreign minister, met %s in Geneva on Monday, the ministry said. "
              "\"We made progress on point %zu,\" %s told reporters after the meeting.\n",
              k, who[k % 3], who[(k + 1) % 3], k, who[k % 3]);
    fclose(f);
  }
}

static char *dump(const char *db)
{
  sqlite3 *h = NULL;
  char *out = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&out, &len);
  /* Read-write, although it only reads: the last read-write connection to close removes
     the WAL side files. */
  if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
    static const char *const q[] = {
        "SELECT id, hash, file, title FROM articles ORDER BY id",
        "SELECT id, uid, name, type FROM actors ORDER BY id",
        "SELECT id, article_id, actor_id, kind, start, \"end\" FROM mentions ORDER BY id",
        "SELECT id, uid, speaker_id, text FROM statements ORDER BY id",
        "SELECT id, uid, cameo FROM events ORDER BY id",
        "SELECT event_id, actor_id, role FROM event_participants ORDER BY 1, 2, 3", NULL};
    for (size_t k = 0; q[k]; k++) {
      sqlite3_stmt *st = NULL;
      if (sqlite3_prepare_v2(h, q[k], -1, &st, NULL) != SQLITE_OK)
        continue;
      while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
          const unsigned char *v = sqlite3_column_text(st, c);
          fprintf(m, "%s|", v ? (const char *)v : "NULL");
        }
        fputc('\n', m);
      }
      sqlite3_finalize(st);
    }
  }
  sqlite3_close(h);
  fclose(m);
  return out;
}

/* Ingests PATHS into a fresh DB with JOBS threads; returns the database dump. */
static char *run(const char *dir, char **paths, unsigned jobs, seen *s, const char *tag)
{
  char db[512];
  snprintf(db, sizeof db, "%s/%s.db", dir, tag);
  nk_store *st = NULL;
  nk_extractor *x = NULL;
  nk_error err = {{0}};
  CHECK(nk_store_open(db, NK_STORE_CREATE, &st, &err) == NK_OK, "%s: open: %s", tag, err.msg);
  CHECK(nk_extractor_new(&x, &err) == NK_OK, "%s: extractor: %s", tag, err.msg);
  if (!st || !x)
    return NULL;
  CHECK(nk_ingest_files(st, x, (const char *const *)paths, N_FILES, jobs, note, s, &err) ==
            NK_OK,
        "%s: ingest: %s", tag, err.msg);
  CHECK(nk_store_commit(st, &err) == NK_OK, "%s: commit: %s", tag, err.msg);
  nk_extractor_free(x);
  nk_store_close(st);
  return dump(db);
}

int main(void)
{
  char dir[] = "/tmp/newskg-ingest-XXXXXX";
  if (!mkdtemp(dir))
    return 1;
  char *paths[N_FILES];
  write_articles(dir, paths);

  seen one = {.stop_at = N_FILES}, four = {.stop_at = N_FILES};
  char *d1 = run(dir, paths, 1, &one, "one");
  char *d4 = run(dir, paths, 4, &four, "four");
  pthread_t me = pthread_self();
  CHECK(one.n == N_FILES && four.n == N_FILES, "a report per file: %zu and %zu", one.n, four.n);
  for (size_t i = 0; i < four.n; i++) {
    CHECK(four.index[i] == i, "report %zu is about file %zu", i, four.index[i]);
    CHECK(pthread_equal(four.thread[i], me), "report %zu on the calling thread", i);
    CHECK(four.status[i] == one.status[i], "file %zu: status %d with 4 threads, %d with 1", i,
          four.status[i], one.status[i]);
  }
  CHECK(one.status[7] == NK_ERR_EMPTY, "the empty file is rejected (%d)", one.status[7]);
  CHECK(one.status[23] == NK_DUPLICATE, "the copy is a duplicate (%d)", one.status[23]);
  CHECK(one.status[39] == NK_OK, "files after a rejected one are stored (%d)", one.status[39]);
  CHECK(d1 && d4 && strlen(d1) > 1000, "the databases hold the graph");
  CHECK(d1 && d4 && strcmp(d1, d4) == 0, "same database with 1 and 4 threads");

  /* Stop at file 12: files 0..12 are reported, nothing after is stored. */
  seen stop = {.stop_at = 12};
  char *ds = run(dir, paths, 4, &stop, "stop");
  CHECK(stop.n == 13, "reports up to the stop: %zu", stop.n);
  size_t articles = 0;
  for (const char *p = ds; p && (p = strstr(p, "|Talks in Geneva")); p++)
    articles++;
  CHECK(articles == 12, "12 articles stored before the stop (13 files, one empty): %zu",
        articles);

  for (size_t i = 0; i < N_FILES; i++) {
    unlink(paths[i]);
    free(paths[i]);
  }
  static const char *const tags[] = {"one", "four", "stop"};
  for (size_t k = 0; k < 3; k++) {
    char db[512];
    snprintf(db, sizeof db, "%s/%s.db", dir, tags[k]);
    unlink(db);
  }
  rmdir(dir);
  free(d1);
  free(d4);
  free(ds);
  if (failures)
    printf("%d failures\n", failures);
  else
    printf("test_ingest: all passed\n");
  return failures ? 1 : 0;
}
