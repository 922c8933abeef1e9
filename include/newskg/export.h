/* newskg exports: RDF/XML, GraphML and Graphviz diagrams (DOT, SVG, PNG, PDF), streamed
   from the store. */
#ifndef NEWSKG_EXPORT_H
#define NEWSKG_EXPORT_H

#include <stdio.h>
#include "newskg/status.h"
#include "newskg/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nk_export_format {
  NK_EXPORT_RDFXML = 0, NK_EXPORT_GRAPHML, NK_EXPORT_DOT, NK_EXPORT_SVG, NK_EXPORT_PNG,
  NK_EXPORT_PDF
} nk_export_format;

typedef enum nk_diagram {
  NK_DIAGRAM_GRAPH = 0, /* everything, grouped by article */
  NK_DIAGRAM_ACTORS,    /* actor to actor, aggregated */
  NK_DIAGRAM_ARTICLE,   /* one article (with options.article) */
  NK_DIAGRAM_EGO        /* around options.actor, options.depth hops */
} nk_diagram;

/* Every field may be left 0/NULL for the default. Strings are borrowed. */
typedef struct nk_export_options {
  const char *base_iri;   /* default "https://newskg.org/id/" */
  const char *actor;      /* keep the neighbourhood of the actor with this name */
  int depth;              /* hops around actor (default 1) */
  const char *article;    /* keep one article (file base name or content hash) */
  const char *kinds;      /* comma-separated kinds to keep: actor,event,statement,article */
  const char *since;      /* keep events/articles dated on or after (ISO date) */
  const char *until;      /* ... on or before */
  int max_nodes;          /* diagrams: keep at most this many actors (best connected); 0 = 150 */
  nk_diagram diagram;     /* diagrams only */
} nk_export_options;

/* "rdfxml", "graphml", "dot", "svg", "png", "pdf" → format; -1 when unknown. */
int nk_export_format_parse(const char *name);
const char *nk_export_format_ext(nk_export_format f); /* "rdf", "graphml", "dot", ... */

/* Writes the (filtered) graph held by S to OUT in FORMAT. OUT stays open. */
nk_status nk_export(nk_store *s, nk_export_format format, const nk_export_options *opt,
                    FILE *out, nk_error *err);

#ifdef __cplusplus
}
#endif
#endif
