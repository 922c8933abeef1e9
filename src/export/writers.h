/* The XML exporters, on a bare connection whose selection tables (select.h) are built. The
   public entry point nk_export() (export.c) builds the selection and dispatches here. */
#ifndef NK_WRITERS_H
#define NK_WRITERS_H

#include <stdio.h>
#include <sqlite3.h>
#include "newskg/export.h"

/* GraphML 1.0, streamed (see eval/README.md for the attributes the scorer reads; the schema
   is schemas/graphml.xsd). Node positions come from the Graphviz layout when available. */
nk_status nk_graphml_write(sqlite3 *db, const nk_export_options *opt, FILE *out, nk_error *err);
/* The same, with POSITIONS 0 to skip the layout (fuzzing, callers that lay out themselves). */
nk_status nk_graphml_write_ex(sqlite3 *db, const nk_export_options *opt, int positions,
                              FILE *out, nk_error *err);
/* An unfiltered export without the selection tables (nk_select_prepare() not called), for a
   store where nk_graphml_bare_ok() holds: the same bytes as nk_graphml_write() with no
   filter, less work. */
int nk_graphml_bare_ok(sqlite3 *db);
nk_status nk_graphml_write_bare(sqlite3 *db, FILE *out, nk_error *err);

/* RDF/XML, streamed, in the vocabulary of schemas/ontology.rdf. */
nk_status nk_rdfxml_write(sqlite3 *db, const nk_export_options *opt, FILE *out, nk_error *err);

/* nk_export() on a bare connection: builds the selection, then writes FORMAT. */
nk_status nk_export_db(sqlite3 *db, nk_export_format format, const nk_export_options *opt,
                       FILE *out, nk_error *err);

#endif
