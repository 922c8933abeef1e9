/* Graphviz diagrams (DOT, SVG, PNG, PDF) drawn in-process with cgraph + gvc, and node
   positions for the GraphML writer. Both read the selection TEMP tables built by
   nk_select_prepare() (select.h): sel_articles, sel_actors, sel_statements, sel_events.
   Graphviz itself is not thread-safe: one layout at a time per process. */
#ifndef NK_GRAPHVIZ_H
#define NK_GRAPHVIZ_H

#include <stdio.h>
#include <sqlite3.h>
#include "newskg/export.h"
#include "newskg/store.h"

/* Writes the diagram chosen by opt->diagram (NK_DIAGRAM_GRAPH when OPT is NULL) in format F
   (NK_EXPORT_DOT, _SVG, _PNG or _PDF) to OUT. DOT is the plain graph with its attributes
   (no layout: any Graphviz tool lays it out); the other formats are laid out with dot up to
   200 nodes and sfdp beyond. Errors: NK_ERR_USAGE (wrong format, ARTICLE without
   opt->article, EGO without opt->actor), NK_ERR_DB, NK_ERR_RENDER, NK_ERR_IO, NK_ERR_NOMEM. */
nk_status nk_export_graphviz(nk_store *s, nk_export_format f, const nk_export_options *opt,
                             FILE *out, nk_error *err);

/* Called once per node with its position in points (Graphviz convention: y grows upwards).
   UID is the store uid (articles.uid, actors.uid, statements.uid, events.uid), borrowed for
   the duration of the call. */
typedef void (*nk_position_fn)(const char *uid, double x, double y, void *user);

/* Lays out the whole selected graph (every node kind, no cap) and calls FN per node. Graphs
   above NK_GV_POSITIONS_MAX nodes are not laid out: returns NK_OK without calling FN. Uses
   the selection tables when they exist (the GraphML writer built them, and may be reading
   them: they are not rebuilt under its statements); builds them from OPT otherwise. */
#define NK_GV_POSITIONS_MAX 5000
nk_status nk_graphviz_positions(nk_store *s, const nk_export_options *opt, nk_position_fn fn,
                                void *user, nk_error *err);

/* The same two on a bare connection whose selection tables are already built (tests and
   callers that hold the sqlite3 handle). */
nk_status nk_graphviz_write_db(sqlite3 *db, nk_export_format f, const nk_export_options *opt,
                               FILE *out, nk_error *err);
nk_status nk_graphviz_positions_db(sqlite3 *db, nk_position_fn fn, void *user, nk_error *err);

/* Label text as drawn: invalid UTF-8 replaced by U+FFFD, control characters and runs of
   white space made one space, pictographs and flags dropped (no font draws them), at most MAX_CHARS code points (cut on a word boundary when one
   is near, "…" appended and counted), lines wrapped near WRAP code points (0: no wrap) with the Graphviz
   escape "\n", and escaped for a plain Graphviz label ("\" doubled, "&" as "&amp;").
   Returns a new string the caller frees, or NULL on allocation failure. */
char *nk_gv_label_text(const char *s, size_t max_chars, size_t wrap);
/* The same for a tooltip attribute (no wrapping; backslashes survive Graphviz's two passes of
   escape expansion on tooltips). */
char *nk_gv_tooltip_text(const char *s, size_t max_chars);
/* The same for text inside an HTML-like label (<>&" as entities, backslashes as they are). */
char *nk_gv_html_text(const char *s, size_t max_chars);

#endif
