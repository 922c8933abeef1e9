/* The model as a cgraph graph with the look of the diagrams: shapes and colours by kind and
   type, factuality as line style, articles as boxes (clusters), a legend. Every label drawn
   from article text goes through nk_gv_label_text(); attribute values are set with
   agsafeset, so cgraph quotes them when it writes DOT. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/graphviz.h"
#include "export/graphviz_draw.h"

#define FONT "DejaVu Sans"
#define FONT_BOLD "DejaVu Sans Bold"

/* agsafeset takes char *; our values are constants or owned strings it copies. */
static void set(void *obj, const char *name, const char *value) {
  agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

typedef struct style {
  const char *shape, *fill, *line, *style;
} style;

static style actor_style(const char *type) {
  if (type && strcmp(type, "organization") == 0)
    return (style){"box", "#fde6c8", "#b86e12", "rounded,filled"};
  if (type && strcmp(type, "place") == 0)
    return (style){"house", "#d9efd2", "#3f7f35", "filled"};
  return (style){"ellipse", "#d6e6f7", "#3b6ea5", "filled"};
}

/* Factuality: asserted solid, reported dashed, denied red, uncertain grey, planned dotted. */
static style event_style(const char *fact) {
  if (fact && strcmp(fact, "reported") == 0)
    return (style){"octagon", "#fff4c2", "#9a7b00", "filled,dashed"};
  if (fact && (strcmp(fact, "denied") == 0 || strcmp(fact, "negated") == 0))
    return (style){"octagon", "#f9d3cf", "#c0392b", "filled,bold"};
  if (fact && strcmp(fact, "uncertain") == 0)
    return (style){"octagon", "#ececec", "#8c8c8c", "filled,dashed"};
  if (fact && strcmp(fact, "planned") == 0)
    return (style){"octagon", "#fff4c2", "#9a7b00", "filled,dotted"};
  return (style){"octagon", "#fff4c2", "#9a7b00", "filled"};
}

static style statement_style(const char *stance) {
  if (stance && (strcmp(stance, "deny") == 0 || strcmp(stance, "accuse") == 0))
    return (style){"note", "#fbfbfb", "#c0392b", "filled"};
  return (style){"note", "#fbfbfb", "#8c8c8c", "filled"};
}

static void apply(Agnode_t *n, style s) {
  set(n, "shape", s.shape);
  set(n, "fillcolor", s.fill);
  set(n, "color", s.line);
  set(n, "style", s.style);
}

/* Sets attribute NAME to label text (see nk_gv_label_text); 0 or -1 (memory). */
static int set_text(void *obj, const char *name, const char *text, size_t max, size_t wrap) {
  char *t = nk_gv_label_text(text, max, wrap);
  if (!t) return -1;
  set(obj, name, t);
  free(t);
  return 0;
}

/* Sets the tooltip to TEXT (cleaned, at most MAX code points); 0 or -1 (memory). */
static int set_tip(void *obj, const char *text, size_t max) {
  char *t = nk_gv_tooltip_text(text, max);
  if (!t) return -1;
  set(obj, "tooltip", t);
  free(t);
  return 0;
}

/* Label of two parts, each cleaned, joined by a Graphviz line break. */
static int set_two(void *obj, const char *a, size_t amax, size_t awrap, const char *b,
                   size_t bmax, size_t bwrap) {
  char *x = nk_gv_label_text(a, amax, awrap);
  char *y = b && *b ? nk_gv_label_text(b, bmax, bwrap) : NULL;
  int rc = -1;
  if (x && (!b || !*b || y)) {
    nk_gv_buf buf = {0};
    nk_gv_buf_puts(&buf, x);
    if (y && *y) {
      nk_gv_buf_puts(&buf, "\\n");
      nk_gv_buf_puts(&buf, y);
    }
    char *s = nk_gv_buf_take(&buf);
    if (s && !buf.oom) {
      set(obj, "label", s);
      rc = 0;
    }
    free(s);
  }
  free(x);
  free(y);
  return rc;
}

static int draw_actor(Agnode_t *n, const nk_gv_node *a, int big_font) {
  apply(n, actor_style(a->type));
  if (set_two(n, a->text, 40, 18, a->extra, 34, 22)) return -1;
  nk_gv_buf tip = {0};
  nk_gv_buf_puts(&tip, a->text);
  nk_gv_buf_puts(&tip, " (");
  nk_gv_buf_puts(&tip, a->type ? a->type : "actor");
  nk_gv_buf_puts(&tip, ")");
  if (a->tip) {
    nk_gv_buf_puts(&tip, ": ");
    nk_gv_buf_puts(&tip, a->tip);
  }
  char *t = nk_gv_buf_take(&tip);
  int rc = t && !tip.oom ? set_tip(n, t, 1000) : -1;
  free(t);
  if (big_font) {
    /* Actors diagram: the more links, the larger the name (10 to 18 pt). */
    double fs = 10.0 + 2.0 * log2(1.0 + (double)a->degree);
    char v[16];
    snprintf(v, sizeof v, "%.1f", fs > 18.0 ? 18.0 : fs);
    set(n, "fontsize", v);
  }
  if (a->ego) {
    set(n, "peripheries", "2");
    set(n, "penwidth", "2.5");
    set(n, "fontname", FONT_BOLD);
  }
  return rc;
}

static int draw_event(Agnode_t *n, const nk_gv_node *e) {
  apply(n, event_style(e->type));
  nk_gv_buf sub = {0};
  if (e->type && strcmp(e->type, "asserted") != 0) nk_gv_buf_puts(&sub, e->type);
  if (e->extra && *e->extra) {
    if (sub.len) nk_gv_buf_puts(&sub, " \xC2\xB7 "); /* · */
    nk_gv_buf_puts(&sub, e->extra);
  }
  char *s = nk_gv_buf_take(&sub);
  int rc = s && !sub.oom ? set_two(n, e->text, 40, 22, s, 40, 0) : -1;
  free(s);
  if (!rc) rc = set_tip(n, e->tip ? e->tip : e->text, 1000);
  return rc;
}

static int draw_statement(Agnode_t *n, const nk_gv_node *s) {
  apply(n, statement_style(s->type));
  set(n, "fontsize", "9");
  char *t = nk_gv_label_text(s->text, 60, 30);
  if (!t) return -1;
  nk_gv_buf lab = {0};
  nk_gv_buf_puts(&lab, "\xE2\x80\x9C"); /* “ */
  nk_gv_buf_puts(&lab, t);
  nk_gv_buf_puts(&lab, "\xE2\x80\x9D");
  free(t);
  char *l = nk_gv_buf_take(&lab);
  if (!l || lab.oom) {
    free(l);
    return -1;
  }
  set(n, "label", l);
  free(l);
  /* The full words in the tooltip (SVG <title>), with who said them. */
  nk_gv_buf tip = {0};
  if (s->extra) {
    nk_gv_buf_puts(&tip, s->extra);
    nk_gv_buf_puts(&tip, ": ");
  }
  nk_gv_buf_puts(&tip, s->text);
  char *tt = nk_gv_buf_take(&tip);
  int rc = tt && !tip.oom ? set_tip(n, tt, 4000) : -1;
  free(tt);
  return rc;
}

static void draw_edge_style(Agedge_t *e, const nk_gv_edge *x) {
  /* Cross-references (what a statement is about, relations, places) pull less than who does
     what to whom and who said what. Not constraint=false: Graphviz 2.43's dot double-frees
     on such edges between clusters. */
  if (x->kind == NK_GV_E_ABOUT || x->kind == NK_GV_E_CONFIRMS || x->kind == NK_GV_E_DENIES ||
      x->kind == NK_GV_E_RELATION || x->kind == NK_GV_E_PLACE)
    set(e, "weight", "0");
  switch (x->kind) {
  case NK_GV_E_SOURCE: set(e, "color", "#3b6ea5"); break;
  case NK_GV_E_TARGET: set(e, "color", "#c05a12"); break;
  case NK_GV_E_PARTICIPANT: set(e, "color", "#7a7a7a"); set(e, "dir", "none"); break;
  case NK_GV_E_PLACE:
    set(e, "color", "#3f7f35"); set(e, "style", "dotted"); set(e, "arrowhead", "none");
    break;
  case NK_GV_E_SAID: set(e, "color", "#7a7a7a"); set(e, "arrowhead", "none"); break;
  case NK_GV_E_ATTRIBUTED:
    set(e, "color", "#7b4fa0"); set(e, "style", "dashed"); set(e, "label", "attributed to");
    break;
  case NK_GV_E_ABOUT:
    set(e, "color", "#b8b8b8"); set(e, "style", "dashed"); set(e, "arrowhead", "open");
    break;
  case NK_GV_E_CONFIRMS:
    set(e, "color", "#2b8a3e"); set(e, "style", "dashed"); set(e, "label", "confirms");
    break;
  case NK_GV_E_DENIES:
    set(e, "color", "#c0392b"); set(e, "style", "dashed"); set(e, "label", "denies");
    break;
  case NK_GV_E_RELATION:
    set(e, "color", "#b0b0b0"); set(e, "style", "dashed"); set(e, "fontcolor", "#777777");
    break;
  case NK_GV_E_AGGREGATE:
  case NK_GV_E_CONTAINS:
    break;
  }
}

static int draw_edge(Agraph_t *g, Agnode_t *t, Agnode_t *h, const nk_gv_edge *x) {
  Agedge_t *e = agedge(g, t, h, NULL, 1);
  if (!e) return -1;
  draw_edge_style(e, x);
  if (x->kind == NK_GV_E_RELATION && x->label) {
    /* "affiliated_with" → "affiliated with" */
    char *l = nk_gv_label_text(x->label, 30, 0);
    if (!l) return -1;
    for (char *p = l; *p; p++)
      if (*p == '_') *p = ' ';
    set(e, "label", l);
    free(l);
  } else if (x->kind == NK_GV_E_AGGREGATE) {
    if (!x->directed) set(e, "dir", "none");
    double w = 1.0 + 1.6 * log2((double)x->weight);
    char v[32];
    snprintf(v, sizeof v, "%.2f", w > 7.0 ? 7.0 : w);
    set(e, "penwidth", v);
    snprintf(v, sizeof v, "%lld", (long long)x->weight);
    set(e, "weight", v);
    set(e, "color", x->directed ? "#4d6f94" : "#8a8a8a");
    if (x->label && set_text(e, "label", x->label, 40, 24)) return -1;
    if (x->tip && set_tip(e, x->tip, 1000)) return -1;
  }
  return 0;
}

static const struct legend_item {
  const char *name, *label, *kind, *type;
} legend_items[] = {
    {"legend_person", "person", "actor", "person"},
    {"legend_org", "organization", "actor", "organization"},
    {"legend_place", "place", "actor", "place"},
    {"legend_ev_asserted", "event (asserted)", "event", "asserted"},
    {"legend_ev_reported", "event (reported)", "event", "reported"},
    {"legend_ev_planned", "event (planned)", "event", "planned"},
    {"legend_ev_uncertain", "event (uncertain)", "event", "uncertain"},
    {"legend_ev_denied", "event (denied)", "event", "denied"},
    {"legend_statement", "statement", "statement", "assert"},
};
#define N_LEGEND (sizeof legend_items / sizeof legend_items[0])

static style legend_style(const struct legend_item *it) {
  if (strcmp(it->kind, "actor") == 0) return actor_style(it->type);
  if (strcmp(it->kind, "event") == 0) return event_style(it->type);
  return statement_style(it->type);
}

/* The legend: one small node per kind of mark used, in a box of its own, chained by
   invisible edges so dot (left to right) lays it out as one row. */
static void draw_legend(Agraph_t *g, int details) {
  Agraph_t *c = agsubg(g, (char *)"cluster_legend", 1);
  set(c, "label", "Legend");
  set(c, "style", "rounded,filled");
  set(c, "fillcolor", "#ffffff");
  set(c, "color", "#bbbbbb");
  set(c, "fontsize", "10");
  Agnode_t *prev = NULL;
  for (size_t i = 0; i < N_LEGEND; i++) {
    if (!details && strcmp(legend_items[i].kind, "actor") != 0) continue;
    Agnode_t *n = agnode(c, (char *)legend_items[i].name, 1);
    apply(n, legend_style(&legend_items[i]));
    set(n, "label", legend_items[i].label);
    set(n, "fontsize", "9");
    set(n, "tooltip", legend_items[i].label);
    if (prev) {
      Agedge_t *e = agedge(c, prev, n, NULL, 1);
      if (e) set(e, "style", "invis");
    }
    prev = n;
  }
}

/* sfdp has no clusters and would drop legend nodes anywhere: there the title, subtitle and
   legend are one HTML-like graph label at the top (swatches with the fill, line colour and
   line style of each mark). 0 or -1 (memory). */
static int html_title(Agraph_t *g, const char *title, const char *subtitle, int details) {
  char *t = nk_gv_html_text(title ? title : "", 160);
  char *st = nk_gv_html_text(subtitle ? subtitle : "", 200);
  nk_gv_buf b = {0};
  nk_gv_buf_puts(&b, "<TABLE BORDER=\"0\" CELLSPACING=\"5\" CELLPADDING=\"3\">"
                     "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"9\"><FONT POINT-SIZE=\"18\">");
  if (t) nk_gv_buf_puts(&b, t);
  nk_gv_buf_puts(&b, "</FONT></TD></TR>");
  if (st && *st) {
    nk_gv_buf_puts(&b, "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"9\"><FONT POINT-SIZE=\"12\">");
    nk_gv_buf_puts(&b, st);
    nk_gv_buf_puts(&b, "</FONT></TD></TR>");
  }
  nk_gv_buf_puts(&b, "<TR>");
  for (size_t i = 0; i < N_LEGEND; i++) {
    if (!details && strcmp(legend_items[i].kind, "actor") != 0) continue;
    style sty = legend_style(&legend_items[i]);
    char cell[320];
    const char *line = strstr(sty.style, "dashed") ? " STYLE=\"dashed\""
                       : strstr(sty.style, "dotted") ? " STYLE=\"dotted\""
                       : strstr(sty.style, "rounded") || strcmp(sty.shape, "ellipse") == 0
                           ? " STYLE=\"rounded\"" : "";
    snprintf(cell, sizeof cell,
             "<TD BORDER=\"%s\" COLOR=\"%s\" BGCOLOR=\"%s\"%s><FONT POINT-SIZE=\"10\">%s"
             "</FONT></TD>",
             strstr(sty.style, "bold") ? "2" : "1", sty.line, sty.fill, line,
             legend_items[i].label);
    nk_gv_buf_puts(&b, cell);
  }
  nk_gv_buf_puts(&b, "</TR></TABLE>");
  free(t);
  free(st);
  char *html = nk_gv_buf_take(&b);
  if (!html || b.oom || !t || !st) {
    free(html);
    return -1;
  }
  char *h = agstrdup_html(g, html);
  free(html);
  if (!h) return -1;
  agsafeset(g, (char *)"label", h, (char *)"");
  agstrfree(g, h);
  return 0;
}

Agraph_t *nk_gv_draw(const nk_gv_model *m, const nk_gv_draw_opts *o) {
  Agdesc_t desc = Agdirected;
  Agraph_t *g = agopen((char *)"newskg", desc, NULL);
  if (!g) return NULL;
  int actors_only = o->diagram == NK_DIAGRAM_ACTORS;

  /* Defaults first, so each node only carries what differs. */
  agattr(g, AGRAPH, (char *)"fontname", (char *)FONT);
  agattr(g, AGRAPH, (char *)"fontsize", (char *)"16");
  agattr(g, AGRAPH, (char *)"labelloc", (char *)"t");
  agattr(g, AGRAPH, (char *)"labeljust", (char *)"l");
  agattr(g, AGNODE, (char *)"fontname", (char *)FONT);
  agattr(g, AGNODE, (char *)"fontsize", (char *)"10");
  agattr(g, AGNODE, (char *)"style", (char *)"filled");
  agattr(g, AGNODE, (char *)"margin", (char *)"0.08,0.04");
  agattr(g, AGNODE, (char *)"penwidth", (char *)"1.2");
  agattr(g, AGEDGE, (char *)"fontname", (char *)FONT);
  agattr(g, AGEDGE, (char *)"fontsize", (char *)"8");
  agattr(g, AGEDGE, (char *)"fontcolor", (char *)"#555555");
  agattr(g, AGEDGE, (char *)"arrowsize", (char *)"0.7");
  set(g, "bgcolor", "white");
  set(g, "pad", "0.3");
  set(g, "charset", "UTF-8");
  set(g, "outputorder", "edgesfirst");
  /* The engine is named in the graph, so the DOT output lays out the same with any tool. */
  set(g, "layout", o->engine_sfdp ? "sfdp" : "dot");
  if (o->engine_sfdp) {
    set(g, "overlap", "prism");
    /* splines=true routes around every node: cubic, minutes past a few hundred nodes. */
    set(g, "splines", o->n_drawn > 1000 ? "false" : "curved");
    set(g, "K", actors_only ? "1.2" : "0.9");
  } else {
    set(g, "rankdir", "LR");
    set(g, "nodesep", "0.18");
    set(g, "ranksep", actors_only ? "0.9" : "0.45");
    set(g, "newrank", "true");
    set(g, "compound", "true");
  }
  if (o->engine_sfdp) {
    if (html_title(g, o->title, o->subtitle, !actors_only)) goto oom;
  } else if (o->title && set_two(g, o->title, 160, 0, o->subtitle, 200, 0)) {
    goto oom;
  }

  /* One box per article (when there are few enough to read). */
  size_t na = m->first[NK_GV_ARTICLE + 1] - m->first[NK_GV_ARTICLE];
  Agraph_t **box = calloc(na + 1, sizeof *box);
  if (!box) goto oom;
  if (o->clusters) {
    for (size_t i = 0; i < na; i++) {
      const nk_gv_node *a = &m->nodes[m->first[NK_GV_ARTICLE] + i];
      char name[48];
      snprintf(name, sizeof name, "cluster_%lld", (long long)a->id);
      box[i] = agsubg(g, name, 1);
      if (!box[i]) continue;
      set(box[i], "style", "rounded,filled");
      set(box[i], "fillcolor", "#f3f6fa");
      set(box[i], "color", "#9aa9bd");
      set(box[i], "fontsize", "12");
      set(box[i], "fontname", FONT_BOLD);
      set(box[i], "labeljust", "l");
      nk_gv_buf sub = {0};
      if (a->type) nk_gv_buf_puts(&sub, a->type); /* date */
      if (a->extra) {
        if (sub.len) nk_gv_buf_puts(&sub, " \xC2\xB7 ");
        nk_gv_buf_puts(&sub, a->extra); /* file */
      }
      char *s = nk_gv_buf_take(&sub);
      int rc = s ? set_two(box[i], a->text, 90, 60, s, 80, 0) : -1;
      free(s);
      if (rc) {
        free(box);
        goto oom;
      }
      set_tip(box[i], a->text, 1000);
    }
  }

  Agnode_t **gn = calloc(m->n_nodes + 1, sizeof *gn);
  if (!gn) {
    free(box);
    goto oom;
  }
  int failed = 0;
  for (size_t i = m->first[NK_GV_ACTOR]; i < m->first[NK_GV_KINDS] && !failed; i++) {
    const nk_gv_node *x = &m->nodes[i];
    if (x->hidden) continue;
    Agraph_t *parent = g;
    if (o->clusters && x->cluster) {
      size_t a = nk_gv_find(m, NK_GV_ARTICLE, x->cluster);
      if (a != (size_t)-1 && box[a - m->first[NK_GV_ARTICLE]])
        parent = box[a - m->first[NK_GV_ARTICLE]];
    }
    gn[i] = agnode(parent, x->uid, 1);
    if (!gn[i]) {
      failed = 1;
      break;
    }
    if (x->kind == NK_GV_ACTOR) failed = draw_actor(gn[i], x, actors_only) != 0;
    else if (x->kind == NK_GV_EVENT) failed = draw_event(gn[i], x) != 0;
    else failed = draw_statement(gn[i], x) != 0;
  }
  for (size_t i = 0; i < m->n_edges && !failed; i++) {
    const nk_gv_edge *x = &m->edges[i];
    if (!gn[x->from] || !gn[x->to]) continue;
    /* Across article boxes, "this statement is about that event" lines cross everything and
       drag the ranks (dot cannot be told to ignore them: see draw_edge_style); who said what
       and who did what to whom carry the story. One article's diagram keeps them. */
    if (o->clusters && x->kind == NK_GV_E_ABOUT) continue;
    failed = draw_edge(g, gn[x->from], gn[x->to], x) != 0;
  }
  free(gn);
  free(box);
  if (failed) goto oom;
  if (o->legend && !o->engine_sfdp) draw_legend(g, !actors_only);
  return g;
oom:
  agclose(g);
  return NULL;
}
