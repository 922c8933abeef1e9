/* newskg stats: what the database holds, counted by kind and type; with --verbose, the most
   mentioned actors and every statement with its speaker. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store_internal.h"

static const char help[] =
    "Usage: newskg stats [--db FILE] [--verbose]\n"
    "\n"
    "Prints how many articles, actors, mentions, statements, events (and accounts of them)\n"
    "and relations the database holds, by language, type, kind, CAMEO root and factuality.\n"
    "\n"
    "Options:\n"
    "  --db FILE      the database (default " NK_DEFAULT_DB ")\n"
    "  -v, --verbose  also list the most mentioned actors and every statement with its speaker\n"
    "  -h, --help     this help\n"
    "\n"
    "Exit status: 0 success, 1 the database cannot be read, 2 usage error.\n";

typedef struct stat_row {
  char kind[16];
  char type[32];
  int64_t count;
} stat_row;

typedef struct stat_rows {
  stat_row *v;
  size_t n, cap;
  int nomem;
} stat_rows;

static void collect(const char *kind, const char *type, int64_t count, void *user)
{
  stat_rows *r = user;
  if (r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 32;
    stat_row *v = realloc(r->v, cap * sizeof *v);
    if (!v) {
      r->nomem = 1;
      return;
    }
    r->v = v;
    r->cap = cap;
  }
  stat_row *row = &r->v[r->n++];
  snprintf(row->kind, sizeof row->kind, "%s", kind);
  snprintf(row->type, sizeof row->type, "%s", type);
  row->count = count;
}

/* The English label of a CAMEO root ("04" → "consult"), when the cameo table has it. */
static void cameo_label(sqlite3_stmt *st, const char *code, char *out, size_t n)
{
  out[0] = '\0';
  if (!st)
    return;
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_reset(st);
}

static void print_counts(sqlite3 *db, const stat_rows *r)
{
  sqlite3_stmt *label = NULL;
  sqlite3_prepare_v2(db, "SELECT label_en FROM cameo WHERE code = ?1", -1, &label, NULL);
  for (size_t i = 0; i < r->n; i++) {
    const stat_row *row = &r->v[i];
    if (!row->type[0]) {
      printf("%-36s %8lld\n", row->kind, (long long)row->count);
      continue;
    }
    char text[96];
    if (!strcmp(row->kind, "events")) {
      char l[64];
      cameo_label(label, row->type, l, sizeof l);
      snprintf(text, sizeof text, "%s%s%s", row->type, l[0] ? " " : "", l);
    } else {
      snprintf(text, sizeof text, "%s", row->type);
    }
    printf("  %-34s %8lld\n", text, (long long)row->count);
  }
  sqlite3_finalize(label);
}

/* Runs SQL and prints each row's columns separated by " | ", indented. */
static int print_rows(sqlite3 *db, const char *title, const char *sql)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK)
    return rc;
  printf("\n%s\n", title);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    fputs(" ", stdout);
    for (int c = 0; c < sqlite3_column_count(st); c++) {
      const unsigned char *v = sqlite3_column_text(st, c);
      printf("%s%s", c ? " | " : " ", v ? (const char *)v : "-");
    }
    putchar('\n');
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int verbose_lists(sqlite3 *db)
{
  int rc = print_rows(db, "Most mentioned actors (name | type | mentions | names seen):",
                      "SELECT a.name, a.type, count(m.id) AS n, "
                      " (SELECT group_concat(name, ', ') FROM actor_names WHERE actor_id = a.id) "
                      "FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id "
                      "GROUP BY a.id ORDER BY n DESC, a.name LIMIT 25");
  if (rc == SQLITE_OK)
    rc = print_rows(db, "Statements (article | speaker | kind | stance | text):",
                    "SELECT article, coalesce(speaker, '(unknown)'), kind, stance, "
                    "CASE WHEN length(text) > 100 THEN substr(text, 1, 97) || '...' "
                    "ELSE text END FROM v_statements ORDER BY article, start");
  return rc;
}

int nk_cli_stats(int argc, char **argv)
{
  const char *db = NK_DEFAULT_DB;
  int verbose = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(help, stdout);
      return 0;
    } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
      verbose = 1;
    } else if (!strcmp(a, "--db")) {
      if (++i >= argc)
        return nk_cli_usage("stats", "--db needs a file name");
      db = argv[i];
    } else if (!strncmp(a, "--db=", 5)) {
      db = a + 5;
    } else if (a[0] == '-') {
      return nk_cli_usage("stats", "unknown option '%s'", a);
    } else {
      return nk_cli_usage("stats", "unexpected argument '%s'", a);
    }
  }
  if (!*db)
    return nk_cli_usage("stats", "--db needs a file name");

  nk_store *s = nk_cli_open_store(db, NK_STORE_READONLY);
  if (!s)
    return 1;
  stat_rows rows = {0};
  nk_error err = {{0}};
  nk_status st = nk_store_stats(s, collect, &rows, &err);
  int status = 0;
  if (st != NK_OK || rows.nomem) {
    fprintf(stderr, "newskg: %s: %s\n", db, rows.nomem ? "out of memory" : err.msg);
    status = 1;
  } else {
    printf("Database %s\n\n", db);
    print_counts(nk_store_db(s), &rows);
    if (verbose && verbose_lists(nk_store_db(s)) != SQLITE_OK) {
      fprintf(stderr, "newskg: %s: %s\n", db, sqlite3_errmsg(nk_store_db(s)));
      status = 1;
    }
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "newskg: stats: cannot write the output\n");
    status = 1;
  }
  free(rows.v);
  nk_store_close(s);
  return status;
}
