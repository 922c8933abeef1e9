/* Graphviz export: diagrams (DOT, SVG, PNG, PDF) and node positions for GraphML, in-process
   with cgraph + gvc (no `dot` child process). The pipeline is
     selection (select.c) → capped selection (gvsel_*, graphviz_model.c) → model → cgraph
     graph (graphviz_draw.c) → agwrite (DOT) or gvLayout + gvRender (the rest).
   One GVC_t serves the whole process (see shared_context()); everything else is per call. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/gvc.h>

#include "export/graphviz.h"
#include "export/graphviz_draw.h"
#include "export/graphviz_internal.h"
#include "export/select.h"
#include "store/store_internal.h"

#define DEFAULT_MAX_NODES 150
#define DOT_MAX_NODES 200   /* beyond this, dot is slow and its ranks unreadable: sfdp */
#define CLUSTERS_MAX 40     /* more article boxes than this is a wall of boxes */

static const char *render_name(nk_export_format f) {
  switch (f) {
  case NK_EXPORT_SVG: return "svg";
  case NK_EXPORT_PNG: return "png";
  case NK_EXPORT_PDF: return "pdf";
  case NK_EXPORT_DOT: return "dot";
  default: return NULL;
  }
}

static size_t count_kind(const nk_gv_model *m, nk_gv_kind k) {
  return m->first[k + 1] - m->first[k];
}

/* Title and subtitle of the diagram (raw text; cleaned when drawn). */
static void describe(const nk_gv_model *m, const nk_export_options *opt, nk_diagram d,
                     char *title, size_t tn, char *sub, size_t sn) {
  size_t na = count_kind(m, NK_GV_ARTICLE),
         nac = count_kind(m, NK_GV_ACTOR) - (size_t)m->unlinked, /* actors drawn */
         ne = count_kind(m, NK_GV_EVENT), ns = count_kind(m, NK_GV_STATEMENT);
  sub[0] = '\0';
  switch (d) {
  case NK_DIAGRAM_ARTICLE:
    if (na == 1) {
      const nk_gv_node *a = &m->nodes[m->first[NK_GV_ARTICLE]];
      snprintf(title, tn, "%s", a->text);
      snprintf(sub, sn, "%s%s%s \xC2\xB7 %zu actors, %zu events, %zu statements",
               a->type ? a->type : "", a->type ? " \xC2\xB7 " : "", a->extra ? a->extra : "",
               nac, ne, ns);
    } else {
      snprintf(title, tn, "Article %s", opt && opt->article ? opt->article : "");
      snprintf(sub, sn, "%zu actors, %zu events, %zu statements", nac, ne, ns);
    }
    break;
  case NK_DIAGRAM_ACTORS:
    snprintf(title, tn, "Who is linked to whom: %zu actors", nac);
    snprintf(sub, sn, "links: shared events (source \xE2\x86\x92 target), statements (speaker "
                      "\xE2\x86\x92 who they are about), relations; thicker = more often");
    break;
  case NK_DIAGRAM_EGO:
    snprintf(title, tn, "Around %s (%d hop%s)", opt && opt->actor ? opt->actor : "",
             opt && opt->depth > 0 ? opt->depth : 1, opt && opt->depth > 1 ? "s" : "");
    snprintf(sub, sn, "%zu actors, %zu events, %zu statements", nac, ne, ns);
    break;
  case NK_DIAGRAM_GRAPH:
  default:
    snprintf(title, tn, "%zu article%s: %zu actors, %zu events, %zu statements", na,
             na == 1 ? "" : "s", nac, ne, ns);
    break;
  }
  if (m->unlinked > 0) {
    size_t used = strlen(sub);
    snprintf(sub + used, sn - used, "%s%lld actor%s without links not shown",
             used ? " \xC2\xB7 " : "", (long long)m->unlinked, m->unlinked == 1 ? "" : "s");
  }
  if (m->sel_actors > m->kept_actors) {
    size_t used = strlen(sub);
    snprintf(sub + used, sn - used, "%sshowing the %lld best-connected of %lld actors",
             used ? " \xC2\xB7 " : "", (long long)m->kept_actors, (long long)m->sel_actors);
  }
}

/* The Graphviz context, created on first use and kept until the process ends. Why not one per
   call: Graphviz 2.42's pango text-layout plugin caches a pointer to the last font name in a
   static variable, and that name belongs to the context's font table. Freeing a context and
   laying out again with a new one makes the plugin read freed memory (AddressSanitizer sees
   it on the second diagram of `newskg build`). A context that lives as long as the process
   keeps the cached pointer valid. Layouts are not run concurrently by newskg. */
static GVC_t *shared_gvc;
static void make_context(void) { shared_gvc = gvContext(); }
static GVC_t *shared_context(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, make_context);
  return shared_gvc;
}

static nk_status render(Agraph_t *g, nk_export_format f, const char *engine, FILE *out,
                        nk_error *err) {
  if (f == NK_EXPORT_DOT) {
    /* Plain DOT with every attribute: any Graphviz tool lays it out. */
    if (agwrite(g, out) != 0 || fflush(out) != 0 || ferror(out))
      return nk_error_set(err, NK_ERR_IO, "diagram: cannot write DOT");
    return NK_OK;
  }
  GVC_t *gvc = shared_context();
  if (!gvc) return nk_error_set(err, NK_ERR_NOMEM, "diagram: cannot start Graphviz");
  nk_status st = NK_OK;
  if (gvLayout(gvc, g, engine) != 0) {
    st = nk_error_set(err, NK_ERR_RENDER, "diagram: Graphviz layout '%s' failed", engine);
  } else {
    if (gvRender(gvc, g, render_name(f), out) != 0)
      st = nk_error_set(err, NK_ERR_RENDER, "diagram: Graphviz cannot render %s",
                        render_name(f));
    gvFreeLayout(gvc, g);
    if (!st && (fflush(out) != 0 || ferror(out)))
      st = nk_error_set(err, NK_ERR_IO, "diagram: cannot write the %s", render_name(f));
  }
  return st;
}

nk_status nk_graphviz_write_db(sqlite3 *db, nk_export_format f, const nk_export_options *opt,
                               FILE *out, nk_error *err) {
  if (!render_name(f))
    return nk_error_set(err, NK_ERR_USAGE, "diagram: not a Graphviz format");
  nk_diagram d = opt ? opt->diagram : NK_DIAGRAM_GRAPH;
  if (d == NK_DIAGRAM_ARTICLE && !(opt && opt->article && *opt->article))
    return nk_error_set(err, NK_ERR_USAGE, "diagram 'article' needs --article");
  if (d == NK_DIAGRAM_EGO && !(opt && opt->actor && *opt->actor))
    return nk_error_set(err, NK_ERR_USAGE, "diagram 'ego' needs --actor");
  int64_t cap = opt && opt->max_nodes > 0 ? opt->max_nodes : DEFAULT_MAX_NODES;

  nk_status st = nk_gv_select(db, cap, cap, 0, err);
  if (st) return st;
  nk_gv_model m;
  memset(&m, 0, sizeof m);
  st = d == NK_DIAGRAM_ACTORS ? nk_gv_load_actors(db, &m, err)
                              : nk_gv_load_detail(db, &m, 0, err);
  if (!st && d == NK_DIAGRAM_EGO) st = nk_gv_mark_ego(db, &m, opt->actor, err);
  /* Across articles, actors only mentioned (no event, statement or relation) are a column of
     loose boxes; one article's diagram keeps them: they are who the article names. */
  if (!st && (d == NK_DIAGRAM_GRAPH || d == NK_DIAGRAM_EGO)) nk_gv_hide_unlinked(&m);
  if (st) {
    nk_gv_model_free(&m);
    return st;
  }

  nk_gv_draw_opts o;
  memset(&o, 0, sizeof o);
  o.diagram = d;
  o.n_drawn = m.first[NK_GV_KINDS] - m.first[NK_GV_ACTOR] - (size_t)m.unlinked;
  o.engine_sfdp = o.n_drawn > DOT_MAX_NODES;
  size_t na = count_kind(&m, NK_GV_ARTICLE);
  o.clusters = d == NK_DIAGRAM_GRAPH && !o.engine_sfdp && na <= CLUSTERS_MAX;
  o.legend = 1;
  char title[512], sub[512];
  describe(&m, opt, d, title, sizeof title, sub, sizeof sub);
  o.title = title;
  o.subtitle = sub;
  Agraph_t *g = nk_gv_draw(&m, &o);
  nk_gv_model_free(&m);
  if (!g) return nk_error_set(err, NK_ERR_NOMEM, "diagram: out of memory");
  st = render(g, f, o.engine_sfdp ? "sfdp" : "dot", out, err);
  agclose(g);
  return st;
}

nk_status nk_export_graphviz(nk_store *s, nk_export_format f, const nk_export_options *opt,
                             FILE *out, nk_error *err) {
  sqlite3 *db = nk_store_db(s);
  nk_status st = nk_select_prepare(db, opt, err);
  if (st) return st;
  return nk_graphviz_write_db(db, f, opt, out, err);
}

/* ---- positions ------------------------------------------------------------------------ */

nk_status nk_graphviz_positions_db(sqlite3 *db, nk_position_fn fn, void *user, nk_error *err) {
  int64_t size = 0;
  nk_status st = nk_gv_selection_size(db, &size, err);
  if (st || size > NK_GV_POSITIONS_MAX || size == 0) return st;
  if ((st = nk_gv_select(db, -1, -1, 1, err))) return st;
  nk_gv_model m;
  memset(&m, 0, sizeof m);
  if ((st = nk_gv_load_detail(db, &m, 1, err))) {
    nk_gv_model_free(&m);
    return st;
  }
  Agraph_t *g = agopen((char *)"positions", Agstrictdirected, NULL);
  Agnode_t **gn = g ? calloc(m.n_nodes + 1, sizeof *gn) : NULL;
  if (!gn) {
    if (g) agclose(g);
    nk_gv_model_free(&m);
    return nk_error_set(err, NK_ERR_NOMEM, "positions: out of memory");
  }
  /* Small fixed-size nodes: positions are for a viewer that draws its own labels. */
  agattr(g, AGNODE, (char *)"label", (char *)"");
  agattr(g, AGNODE, (char *)"shape", (char *)"circle");
  agattr(g, AGNODE, (char *)"width", (char *)"0.3");
  agattr(g, AGNODE, (char *)"fixedsize", (char *)"true");
  int sfdp = m.n_nodes > DOT_MAX_NODES;
  /* Overlap removal (prism) doubles the layout time of thousands of nodes; small fixed
     circles overlapping a little matter less than an export twice as slow. */
  agattr(g, AGRAPH, (char *)"overlap", (char *)(m.n_nodes > 1000 ? "true" : "prism"));
  agattr(g, AGRAPH, (char *)"splines", (char *)"false");
  if (!sfdp) agattr(g, AGRAPH, (char *)"rankdir", (char *)"LR");
  int failed = 0;
  for (size_t i = 0; i < m.n_nodes && !failed; i++)
    failed = !(gn[i] = agnode(g, m.nodes[i].uid, 1));
  for (size_t i = 0; i < m.n_edges && !failed; i++)
    if (m.edges[i].from != m.edges[i].to)
      failed = !agedge(g, gn[m.edges[i].from], gn[m.edges[i].to], NULL, 1);
  if (failed) st = nk_error_set(err, NK_ERR_NOMEM, "positions: out of memory");
  GVC_t *gvc = failed ? NULL : shared_context();
  if (!failed && !gvc) st = nk_error_set(err, NK_ERR_NOMEM, "positions: cannot start Graphviz");
  if (gvc) {
    if (gvLayout(gvc, g, sfdp ? "sfdp" : "dot") != 0) {
      st = nk_error_set(err, NK_ERR_RENDER, "positions: Graphviz layout failed");
    } else {
      for (size_t i = 0; i < m.n_nodes; i++)
        fn(m.nodes[i].uid, ND_coord(gn[i]).x, ND_coord(gn[i]).y, user);
      gvFreeLayout(gvc, g);
    }
  }
  free(gn);
  agclose(g);
  nk_gv_model_free(&m);
  return st;
}

static int have_selection(sqlite3 *db) {
  sqlite3_stmt *st = NULL;
  int found = 0;
  if (sqlite3_prepare_v2(db,
          "SELECT count(*) FROM sqlite_temp_master WHERE type = 'table' AND name IN"
          " ('sel_articles', 'sel_actors', 'sel_events', 'sel_statements')",
          -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    found = sqlite3_column_int(st, 0) == 4;
  sqlite3_finalize(st);
  return found;
}

nk_status nk_graphviz_positions(nk_store *s, const nk_export_options *opt, nk_position_fn fn,
                                void *user, nk_error *err) {
  sqlite3 *db = nk_store_db(s);
  if (!have_selection(db)) {
    nk_status st = nk_select_prepare(db, opt, err);
    if (st) return st;
  }
  return nk_graphviz_positions_db(db, fn, user, err);
}
