/* Drawing the diagram model as a cgraph graph (graphviz_draw.c). */
#ifndef NK_GRAPHVIZ_DRAW_H
#define NK_GRAPHVIZ_DRAW_H

#include <graphviz/cgraph.h>
#include "export/graphviz_internal.h"

typedef struct nk_gv_draw_opts {
  nk_diagram diagram;
  int clusters;       /* one box per article */
  int legend;
  int engine_sfdp;    /* attributes for sfdp (else dot) */
  size_t n_drawn;     /* nodes drawn, legend excepted */
  const char *title;  /* graph label, first line (raw text), may be NULL */
  const char *subtitle; /* second line, may be NULL */
} nk_gv_draw_opts;

/* A new graph (caller frees with agclose), or NULL when out of memory. */
Agraph_t *nk_gv_draw(const nk_gv_model *m, const nk_gv_draw_opts *o);

#endif
