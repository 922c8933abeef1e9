/* nk_export(): builds the selection (select.c) on the store's connection and hands it to the
   writer of the requested format. */
#include <string.h>

#include "export/graphviz.h"
#include "export/select.h"
#include "export/writers.h"
#include "store/store_internal.h"

static const struct {
  const char *name, *ext;
} formats[] = {
    [NK_EXPORT_RDFXML] = {"rdfxml", "rdf"}, [NK_EXPORT_GRAPHML] = {"graphml", "graphml"},
    [NK_EXPORT_DOT] = {"dot", "dot"},       [NK_EXPORT_SVG] = {"svg", "svg"},
    [NK_EXPORT_PNG] = {"png", "png"},       [NK_EXPORT_PDF] = {"pdf", "pdf"},
};
#define N_FORMATS (sizeof formats / sizeof formats[0])

int nk_export_format_parse(const char *name)
{
  if (!name)
    return -1;
  for (size_t i = 0; i < N_FORMATS; i++)
    if (!strcmp(name, formats[i].name))
      return (int)i;
  if (!strcmp(name, "rdf") || !strcmp(name, "xml"))
    return NK_EXPORT_RDFXML;
  return -1;
}

const char *nk_export_format_ext(nk_export_format f)
{
  return (unsigned)f < N_FORMATS ? formats[f].ext : NULL;
}

nk_status nk_export_db(sqlite3 *db, nk_export_format format, const nk_export_options *opt,
                       FILE *out, nk_error *err)
{
  static const nk_export_options defaults;
  if (!opt)
    opt = &defaults;
  if ((unsigned)format >= N_FORMATS)
    return nk_error_set(err, NK_ERR_USAGE, "unknown export format");
  /* One read transaction for the whole export: an ingest committing meanwhile (WAL) must
     not show the writer half a new article between two of its queries. A savepoint also
     works when the caller already holds a transaction. */
  if (sqlite3_exec(db, "SAVEPOINT nk_export", NULL, NULL, NULL) != SQLITE_OK)
    return nk_error_set(err, NK_ERR_DB, "export: %s", sqlite3_errmsg(db));
  nk_status st;
  /* An unfiltered GraphML of a large store reads the tables directly (writers.h). */
  if (format == NK_EXPORT_GRAPHML && nk_select_unfiltered(opt) && nk_graphml_bare_ok(db))
    st = nk_graphml_write_bare(db, out, err);
  else if (!(st = nk_select_prepare(db, opt, err))) {
    switch (format) {
    case NK_EXPORT_RDFXML:
      st = nk_rdfxml_write(db, opt, out, err);
      break;
    case NK_EXPORT_GRAPHML:
      st = nk_graphml_write(db, opt, out, err);
      break;
    default:
      st = nk_graphviz_write_db(db, format, opt, out, err);
      break;
    }
  }
  /* Only TEMP tables were written: releasing keeps them for a caller that reads them next. */
  if (sqlite3_exec(db, "RELEASE nk_export", NULL, NULL, NULL) != SQLITE_OK && !st)
    st = nk_error_set(err, NK_ERR_DB, "export: %s", sqlite3_errmsg(db));
  return st;
}

nk_status nk_export(nk_store *s, nk_export_format format, const nk_export_options *opt,
                    FILE *out, nk_error *err)
{
  if (!s || !out)
    return nk_error_set(err, NK_ERR_USAGE, "no store or output");
  return nk_export_db(nk_store_db(s), format, opt, out, err);
}
