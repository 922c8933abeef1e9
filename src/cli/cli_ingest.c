/* newskg ingest and newskg build. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static const char ingest_usage[] =
    "Usage: newskg ingest [--db FILE] [--jobs N] PATH...\n"
    "\n"
    "Reads articles and stores their actors, statements and events in the database.\n"
    "PATH is a file (.txt is UTF-8 or Latin-1 text whose first line is the title; .html or\n"
    ".htm is HTML), a folder (walked recursively for .txt, .html and .htm files), or - for\n"
    "one text article on standard input. An article already stored (same text) is skipped.\n"
    "\n"
    "  --db FILE   the database (default " NK_DEFAULT_DB ")\n"
    "  --jobs N    threads that read and extract articles (default: one per CPU); the\n"
    "              database is the same whatever N is\n"
    "\n"
    "Exit status: 0 all stored, 1 some inputs rejected (the others are stored), 2 usage.\n";

static const char build_usage[] =
    "Usage: newskg build PATH... [-o DIR] [--jobs N]\n"
    "\n"
    "Ingests PATH... into DIR/newskg.db, then writes every export into DIR (default out/):\n"
    "newskg.rdf, newskg.graphml, newskg.dot, newskg.svg, newskg.png, newskg.pdf and the actor\n"
    "relationship diagram actors.svg.\n";

typedef struct path_list {
  char **v;
  size_t n, cap;
} path_list;

static int list_push(path_list *l, const char *p)
{
  if (l->n == l->cap) {
    size_t ncap = l->cap ? l->cap * 2 : 64;
    char **v = realloc(l->v, ncap * sizeof *v);
    if (!v)
      return -1;
    l->v = v;
    l->cap = ncap;
  }
  if (!(l->v[l->n] = strdup(p)))
    return -1;
  l->n++;
  return 0;
}

static void list_free(path_list *l)
{
  for (size_t i = 0; i < l->n; i++)
    free(l->v[i]);
  free(l->v);
}

static int is_article_name(const char *name)
{
  const char *dot = strrchr(name, '.');
  return dot && (!strcmp(dot, ".txt") || !strcmp(dot, ".html") || !strcmp(dot, ".htm"));
}

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the article files under DIR, sorted, so runs are repeatable. Symbolic links to
   folders are not followed (no loops); hidden entries are skipped. */
static int walk(const char *dir, path_list *out, int *rejected)
{
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "newskg: %s: %s\n", dir, strerror(errno));
    (*rejected)++;
    return 0;
  }
  path_list here = {0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    size_t len = strlen(dir) + strlen(e->d_name) + 2;
    char *p = malloc(len);
    if (!p || (snprintf(p, len, "%s/%s", dir, e->d_name), list_push(&here, p))) {
      free(p);
      closedir(d);
      list_free(&here);
      return -1;
    }
    free(p);
  }
  closedir(d);
  qsort(here.v, here.n, sizeof *here.v, cmp_str);
  int rc = 0;
  for (size_t i = 0; i < here.n && !rc; i++) {
    struct stat st;
    if (lstat(here.v[i], &st) != 0)
      continue;
    if (S_ISDIR(st.st_mode))
      rc = walk(here.v[i], out, rejected);
    else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && is_article_name(here.v[i]))
      rc = list_push(out, here.v[i]);
  }
  list_free(&here);
  return rc;
}

nk_store *nk_cli_open_store(const char *db, int flags)
{
  /* The default database lives in out/: create that folder on first use. Any other path is
     the user's to prepare. */
  if (!(flags & NK_STORE_READONLY) && !strcmp(db, NK_DEFAULT_DB))
    mkdir(NK_DEFAULT_OUT, 0777);
  nk_store *s = NULL;
  nk_error err = {{0}};
  nk_status st = nk_store_open(db, flags, &s, &err);
  if (st != NK_OK) {
    fprintf(stderr, "newskg: %s: %s\n", db, err.msg[0] ? err.msg : nk_status_str(st));
    return NULL;
  }
  return s;
}

typedef struct ingest_tally {
  size_t stored, dups, total;
  int rejected;
  int progress; /* a progress line on the terminal */
} ingest_tally;

/* Tells the user what became of one file; stops the run when the database (or the process)
   is in trouble. */
static int report(const nk_ingest_report *r, void *user)
{
  ingest_tally *t = user;
  const char *cr = t->progress ? "\r\033[K" : "";
  if (t->progress)
    fprintf(stderr, "\r\033[K[%zu/%zu] %s", r->index + 1, t->total, r->path);
  if (r->warning)
    fprintf(stderr, "%snewskg: warning: %s: %s\n", cr, r->path, r->warning);
  switch (r->status) {
  case NK_OK: t->stored++; return 0;
  case NK_DUPLICATE: t->dups++; return 0;
  default: break;
  }
  t->rejected++;
  fprintf(stderr, "%snewskg: %s: %s\n", cr, r->path,
          r->err->msg[0] ? r->err->msg : nk_status_str(r->status));
  switch (r->status) {
  case NK_ERR_DB: case NK_ERR_DB_BUSY: case NK_ERR_DB_FULL: case NK_ERR_DB_READONLY:
  case NK_ERR_DB_CORRUPT: case NK_ERR_DB_VERSION: case NK_ERR_NOMEM: case NK_ERR_INTERNAL:
    /* Stop here. The store rolled back the open group of articles and its message says how
       many were lost; every group committed before it is kept. */
    return 1;
  default:
    return 0;
  }
}

/* --jobs N: 1 to 256 threads. Returns 0, or -1 when V is not such a number. */
static int parse_jobs(const char *v, unsigned *out)
{
  char *end = NULL;
  errno = 0;
  unsigned long n = strtoul(v, &end, 10);
  if (errno || end == v || *end || v[0] == '-' || n < 1 || n > 256)
    return -1;
  *out = (unsigned)n;
  return 0;
}

int nk_cli_ingest_paths(const char *db, char **paths, int n_paths, unsigned jobs)
{
  int rejected = 0;
  path_list files = {0};
  for (int i = 0; i < n_paths; i++) {
    struct stat st;
    if (strcmp(paths[i], "-") && stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      if (walk(paths[i], &files, &rejected)) {
        fprintf(stderr, "newskg: out of memory\n");
        list_free(&files);
        return 1;
      }
    } else if (list_push(&files, paths[i])) {
      fprintf(stderr, "newskg: out of memory\n");
      list_free(&files);
      return 1;
    }
  }

  nk_store *s = nk_cli_open_store(db, NK_STORE_CREATE);
  nk_extractor *x = NULL;
  nk_error err = {{0}};
  if (!s) {
    list_free(&files);
    return 1;
  }
  nk_status st = nk_extractor_new(&x, &err);
  if (st != NK_OK) {
    fprintf(stderr, "newskg: %s\n", err.msg);
    nk_store_close(s);
    list_free(&files);
    return 1;
  }

  /* A progress line only when a person is watching and there is enough to wait for. */
  ingest_tally t = {0};
  t.progress = isatty(STDERR_FILENO) && files.n >= 50;
  t.total = files.n;
  t.rejected = rejected; /* folders that could not be read */
  st = nk_ingest_files(s, x, (const char *const *)files.v, files.n, jobs, report, &t, &err);
  if (t.progress)
    fputs("\r\033[K", stderr);
  if (st != NK_OK) {
    fprintf(stderr, "newskg: %s\n", err.msg);
    t.rejected++;
  }
  /* The store groups articles into transactions; the last group is committed here so that a
     failure to commit is reported rather than lost in nk_store_close. */
  err.msg[0] = '\0';
  st = nk_store_commit(s, &err);
  if (st != NK_OK) {
    fprintf(stderr, "newskg: %s: %s\n", db, err.msg[0] ? err.msg : nk_status_str(st));
    t.rejected++;
  }
  fprintf(stderr, "newskg: %zu stored, %zu already present, %d rejected, in %s\n", t.stored,
          t.dups, t.rejected, db);
  nk_extractor_free(x);
  nk_store_close(s);
  list_free(&files);
  return t.rejected ? 1 : 0;
}

int nk_cli_ingest(int argc, char **argv)
{
  const char *db = NK_DEFAULT_DB;
  unsigned jobs = 0; /* one per CPU */
  char **paths = calloc((size_t)argc, sizeof *paths);
  int n = 0;
  if (!paths)
    return 1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(ingest_usage, stdout);
      free(paths);
      return 0;
    } else if (!strcmp(argv[i], "--db")) {
      if (++i == argc) {
        free(paths);
        return nk_cli_usage("ingest", "--db needs a file");
      }
      db = argv[i];
    } else if (!strcmp(argv[i], "--jobs") || !strcmp(argv[i], "-j")) {
      if (++i == argc || parse_jobs(argv[i], &jobs)) {
        free(paths);
        return nk_cli_usage("ingest", "--jobs needs a number of threads from 1 to 256");
      }
    } else if (argv[i][0] == '-' && argv[i][1]) {
      free(paths);
      return nk_cli_usage("ingest", "unknown option '%s'", argv[i]);
    } else {
      paths[n++] = argv[i];
    }
  }
  if (!n) {
    free(paths);
    return nk_cli_usage("ingest", "no article to read");
  }
  int rc = nk_cli_ingest_paths(db, paths, n, jobs);
  free(paths);
  return rc;
}

/* Writes one export to DIR/NAME (see nk_cli_export_to_file). */
static int export_one(nk_store *s, nk_export_format f, const nk_export_options *opt,
                      const char *db, const char *dir, const char *name)
{
  char path[4096];
  if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
    fprintf(stderr, "newskg: %s: path too long\n", dir);
    return 1;
  }
  int rc = nk_cli_export_to_file(s, f, opt, db, path);
  if (!rc)
    fprintf(stderr, "newskg: wrote %s\n", path);
  return rc;
}

int nk_cli_build(int argc, char **argv)
{
  const char *dir = NK_DEFAULT_OUT;
  unsigned jobs = 0; /* one per CPU */
  char **paths = calloc((size_t)argc, sizeof *paths);
  int n = 0;
  if (!paths)
    return 1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(build_usage, stdout);
      free(paths);
      return 0;
    } else if (!strcmp(argv[i], "-o")) {
      if (++i == argc) {
        free(paths);
        return nk_cli_usage("build", "-o needs a folder");
      }
      dir = argv[i];
    } else if (!strcmp(argv[i], "--jobs") || !strcmp(argv[i], "-j")) {
      if (++i == argc || parse_jobs(argv[i], &jobs)) {
        free(paths);
        return nk_cli_usage("build", "--jobs needs a number of threads from 1 to 256");
      }
    } else if (argv[i][0] == '-' && argv[i][1]) {
      free(paths);
      return nk_cli_usage("build", "unknown option '%s'", argv[i]);
    } else {
      paths[n++] = argv[i];
    }
  }
  if (!n) {
    free(paths);
    return nk_cli_usage("build", "no article to read");
  }
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "newskg: %s: %s\n", dir, strerror(errno));
    free(paths);
    return 1;
  }
  char db[4096];
  if ((size_t)snprintf(db, sizeof db, "%s/newskg.db", dir) >= sizeof db) {
    fprintf(stderr, "newskg: %s: path too long\n", dir);
    free(paths);
    return 1;
  }
  int rc = nk_cli_ingest_paths(db, paths, n, jobs);
  free(paths);

  /* Opened read-write although it only reads: the last read-write connection to close
     removes the WAL side files, so out/ holds the database alone. */
  nk_store *s = nk_cli_open_store(db, 0);
  if (!s)
    return 1;
  static const struct {
    nk_export_format f;
    nk_diagram d;
    const char *name;
  } outs[] = {
      {NK_EXPORT_RDFXML, NK_DIAGRAM_GRAPH, "newskg.rdf"},
      {NK_EXPORT_GRAPHML, NK_DIAGRAM_GRAPH, "newskg.graphml"},
      {NK_EXPORT_DOT, NK_DIAGRAM_GRAPH, "newskg.dot"},
      {NK_EXPORT_SVG, NK_DIAGRAM_GRAPH, "newskg.svg"},
      {NK_EXPORT_PNG, NK_DIAGRAM_GRAPH, "newskg.png"},
      {NK_EXPORT_PDF, NK_DIAGRAM_GRAPH, "newskg.pdf"},
      {NK_EXPORT_SVG, NK_DIAGRAM_ACTORS, "actors.svg"},
  };
  int failed = 0;
  for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) {
    nk_export_options opt = {0};
    opt.diagram = outs[i].d;
    failed |= export_one(s, outs[i].f, &opt, db, dir, outs[i].name);
  }
  nk_store_close(s);
  return rc || failed ? 1 : 0;
}
