/* newskg export: writes the stored graph (or a selection of it) as RDF/XML, GraphML or a
   Graphviz diagram, to standard output or to a file replaced atomically. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static const char export_usage[] =
    "Usage: newskg export --format FMT [OPTIONS]\n"
    "\n"
    "Writes the graph held in the database as FMT: rdfxml, graphml, dot, svg, png or pdf.\n"
    "\n"
    "Options:\n"
    "  --format FMT      rdfxml, graphml, dot, svg, png, pdf (required)\n"
    "  --db FILE         the database (default " NK_DEFAULT_DB ")\n"
    "  -o, --output FILE where to write (default -: standard output; png and pdf are not\n"
    "                    written to a terminal). A file is replaced only when the export\n"
    "                    succeeds.\n"
    "  --base-iri IRI    prefix of resource IRIs in RDF (default https://newskg.org/id/)\n"
    "  --actor NAME      keep what lies around the actor called NAME (any name it was seen\n"
    "                    under, case and accents ignored)\n"
    "  --depth N         hops around --actor: actor -> event or statement -> actor (default 1)\n"
    "  --article NAME    keep one article: file base name, path or content hash\n"
    "  --kind LIST       comma-separated kinds to keep: actor,event,statement,article\n"
    "  --since DATE      keep articles and events dated on or after DATE (YYYY[-MM[-DD]])\n"
    "  --until DATE      ... on or before DATE\n"
    "  --max-nodes N     diagrams: at most N actors, the best connected (default 150)\n"
    "  --diagram KIND    diagrams: graph (default), actors, article (with --article) or ego\n"
    "                    (with --actor)\n"
    "  --help            this help\n"
    "\n"
    "Exit status: 0 written, 1 failure (database, output), 2 usage error.\n";

#define USAGE(...) nk_cli_usage("export", __VA_ARGS__)

/* A non-negative int option value; -1 when S is not one. */
static int parse_count(const char *s)
{
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < 0 || v > 1000000)
    return -1;
  return (int)v;
}

/* "YYYY", "YYYY-MM", "YYYY-MM-DD", optionally followed by "T..." (compared as text). */
static int date_ok(const char *s)
{
  size_t n = strlen(s);
  static const char pat[] = "dddd-dd-dd";
  if (n != 4 && n != 7 && n < 10)
    return 0;
  for (size_t i = 0; i < n && i < 10; i++)
    if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
      return 0;
  return n <= 10 || s[10] == 'T';
}

static int binary_format(nk_export_format f)
{
  return f == NK_EXPORT_PNG || f == NK_EXPORT_PDF;
}

/* Exports to PATH through a temporary file of the same folder renamed over PATH at the end.
   Returns the exit status; prints one "newskg: FILE: reason" line on failure. */
int nk_cli_export_to_file(nk_store *s, nk_export_format f, const nk_export_options *opt,
                          const char *db, const char *path)
{
  struct stat sb;
  if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fprintf(stderr, "newskg: %s: is a directory\n", path);
    return 1;
  }
  const char *slash = strrchr(path, '/');
  size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
  const char *base = slash ? slash + 1 : path;
  size_t tlen = dlen + strlen(base) + 16;
  char *tmp = malloc(tlen);
  if (!tmp) {
    fprintf(stderr, "newskg: out of memory\n");
    return 1;
  }
  snprintf(tmp, tlen, "%.*s.%s.XXXXXX", (int)dlen, path, base);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    fprintf(stderr, "newskg: %s: %s\n", path, strerror(errno));
    free(tmp);
    return 1;
  }
  /* mkstemp makes the file private (0600); give it the mode a plain fopen would. */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  FILE *out = fdopen(fd, "wb");
  if (!out) {
    fprintf(stderr, "newskg: %s: %s\n", path, strerror(errno));
    close(fd);
    unlink(tmp);
    free(tmp);
    return 1;
  }
  nk_error err = {{0}};
  nk_status st = nk_export(s, f, opt, out, &err);
  int write_failed = fflush(out) != 0 || ferror(out) || fsync(fileno(out)) != 0;
  int close_failed = fclose(out) != 0;
  int rc = 0;
  if (st == NK_ERR_USAGE) {
    rc = USAGE("%s", err.msg);
  } else if (st != NK_OK) {
    fprintf(stderr, "newskg: %s: %s\n", st == NK_ERR_IO ? path : db,
            err.msg[0] ? err.msg : nk_status_str(st));
    rc = 1;
  } else if (write_failed || close_failed) {
    fprintf(stderr, "newskg: %s: write error\n", path);
    rc = 1;
  } else if (rename(tmp, path) != 0) {
    fprintf(stderr, "newskg: %s: %s\n", path, strerror(errno));
    rc = 1;
  }
  if (rc)
    unlink(tmp);
  free(tmp);
  return rc;
}

static int export_to_stdout(nk_store *s, nk_export_format f, const nk_export_options *opt,
                            const char *db)
{
  nk_error err = {{0}};
  nk_status st = nk_export(s, f, opt, stdout, &err);
  if (st == NK_ERR_USAGE)
    return USAGE("%s", err.msg);
  if (st != NK_OK) {
    fprintf(stderr, "newskg: %s: %s\n", st == NK_ERR_IO ? "standard output" : db,
            err.msg[0] ? err.msg : nk_status_str(st));
    return 1;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "newskg: standard output: write error\n");
    return 1;
  }
  return 0;
}

int nk_cli_export(int argc, char **argv)
{
  const char *db = NK_DEFAULT_DB, *output = "-", *format = NULL, *diagram = NULL;
  nk_export_options opt;
  memset(&opt, 0, sizeof opt);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = NULL;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      fputs(export_usage, stdout);
      return 0;
    }
    /* every other option takes a value: "--opt VALUE" or "--opt=VALUE" */
    static const char *const with_value[] = {"--format", "--db", "-o", "--output", "--base-iri",
                                             "--actor", "--depth", "--article", "--kind",
                                             "--since", "--until", "--max-nodes", "--diagram"};
    const char *name = NULL;
    for (size_t k = 0; k < sizeof with_value / sizeof with_value[0] && !name; k++) {
      size_t n = strlen(with_value[k]);
      if (!strcmp(a, with_value[k])) {
        if (i + 1 >= argc)
          return USAGE("%s needs a value", a);
        name = with_value[k], v = argv[++i];
      } else if (!strncmp(a, with_value[k], n) && a[n] == '=' && a[1] == '-') {
        name = with_value[k], v = a + n + 1;
      }
    }
    if (!name)
      return USAGE(a[0] == '-' && a[1] ? "unknown option '%s'" : "unexpected argument '%s'", a);
    if (!strcmp(name, "--format"))
      format = v;
    else if (!strcmp(name, "--db"))
      db = v;
    else if (!strcmp(name, "-o") || !strcmp(name, "--output"))
      output = v;
    else if (!strcmp(name, "--base-iri"))
      opt.base_iri = v;
    else if (!strcmp(name, "--actor"))
      opt.actor = v;
    else if (!strcmp(name, "--article"))
      opt.article = v;
    else if (!strcmp(name, "--kind"))
      opt.kinds = v;
    else if (!strcmp(name, "--diagram"))
      diagram = v;
    else if (!strcmp(name, "--since") || !strcmp(name, "--until")) {
      if (!date_ok(v))
        return USAGE("%s wants a date YYYY[-MM[-DD]], not '%s'", name, v);
      *(name[2] == 's' ? &opt.since : &opt.until) = v;
    } else if (!strcmp(name, "--depth")) {
      int d = parse_count(v);
      if (d < 0)
        return USAGE("--depth wants a number of hops, not '%s'", v);
      opt.depth = d ? d : -1; /* 0 in the options means "default" */
    } else if (!strcmp(name, "--max-nodes")) {
      int m = parse_count(v);
      if (m <= 0)
        return USAGE("--max-nodes wants a positive number, not '%s'", v);
      opt.max_nodes = m;
    }
  }
  if (!format)
    return USAGE("--format is required (rdfxml, graphml, dot, svg, png, pdf)");
  int f = nk_export_format_parse(format);
  if (f < 0)
    return USAGE("unknown format '%s' (rdfxml, graphml, dot, svg, png, pdf)", format);
  if (diagram) {
    static const char *const diagrams[] = {"graph", "actors", "article", "ego"};
    int d = -1;
    for (int k = 0; k < 4; k++)
      if (!strcmp(diagram, diagrams[k]))
        d = k;
    if (d < 0)
      return USAGE("unknown diagram '%s' (graph, actors, article, ego)", diagram);
    if (f == NK_EXPORT_RDFXML || f == NK_EXPORT_GRAPHML)
      return USAGE("--diagram applies to dot, svg, png and pdf");
    opt.diagram = (nk_diagram)d;
    if (opt.diagram == NK_DIAGRAM_ARTICLE && !opt.article)
      return USAGE("--diagram article needs --article NAME");
    if (opt.diagram == NK_DIAGRAM_EGO && !opt.actor)
      return USAGE("--diagram ego needs --actor NAME");
  }
  if (opt.depth && !opt.actor)
    return USAGE("--depth goes with --actor");
  int to_stdout = !strcmp(output, "-");
  if (to_stdout && binary_format((nk_export_format)f) && isatty(STDOUT_FILENO))
    return USAGE("not writing %s to a terminal (use -o FILE)", format);

  nk_store *s = nk_cli_open_store(db, NK_STORE_READONLY);
  if (!s)
    return 1;
  int rc = to_stdout ? export_to_stdout(s, (nk_export_format)f, &opt, db)
                     : nk_cli_export_to_file(s, (nk_export_format)f, &opt, db, output);
  nk_store_close(s);
  return rc;
}
