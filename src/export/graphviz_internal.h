/* Private parts of the Graphviz export: a plain in-memory model of the (capped) selection,
   loaded from SQLite by graphviz_model.c and drawn by graphviz_draw.c. */
#ifndef NK_GRAPHVIZ_INTERNAL_H
#define NK_GRAPHVIZ_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "newskg/export.h"

/* Growable string; oom set (and further writes ignored) on allocation failure. */
typedef struct nk_gv_buf {
  char *s;
  size_t len, cap;
  int oom;
} nk_gv_buf;
void nk_gv_buf_put(nk_gv_buf *b, const char *s, size_t n);
void nk_gv_buf_puts(nk_gv_buf *b, const char *s);
char *nk_gv_buf_take(nk_gv_buf *b); /* the string (never NULL unless out of memory) */

typedef enum nk_gv_kind {
  NK_GV_ARTICLE = 0, NK_GV_ACTOR, NK_GV_EVENT, NK_GV_STATEMENT, NK_GV_KINDS
} nk_gv_kind;

/* Strings are owned by the model (raw text from the store; escaping happens when drawing). */
typedef struct nk_gv_node {
  nk_gv_kind kind;
  int64_t id;       /* row id in its table */
  char *uid;
  char *text;       /* actor name, event CAMEO label, statement words, article title */
  char *type;       /* actor type, event factuality, statement stance, article date */
  char *extra;      /* actor first role, event time, statement speaker name, article file */
  char *tip;        /* actor roles, event label, statement verb, NULL */
  int64_t cluster;  /* id of the article it is drawn in; 0 when shared by several */
  int64_t degree;   /* actors: links within the selection */
  int ego;          /* the actor a NK_DIAGRAM_EGO is drawn around */
  int hidden;       /* not drawn (an actor without any link, see nk_gv_hide_unlinked) */
} nk_gv_node;

typedef enum nk_gv_edge_kind {
  NK_GV_E_SOURCE = 0, /* actor → event it initiates */
  NK_GV_E_TARGET,     /* event → actor it is aimed at */
  NK_GV_E_PARTICIPANT,/* actor — event */
  NK_GV_E_PLACE,      /* event → place */
  NK_GV_E_SAID,       /* speaker → statement */
  NK_GV_E_ATTRIBUTED, /* statement → actor whose words the speaker reports */
  NK_GV_E_ABOUT,      /* statement → event/actor */
  NK_GV_E_CONFIRMS,
  NK_GV_E_DENIES,
  NK_GV_E_RELATION,   /* actor → actor: label is the relation */
  NK_GV_E_AGGREGATE,  /* actors diagram: label, tip and weight aggregated */
  NK_GV_E_CONTAINS    /* article → node (positions only) */
} nk_gv_edge_kind;

typedef struct nk_gv_edge {
  size_t from, to;  /* node indexes */
  nk_gv_edge_kind kind;
  int directed;
  int64_t weight;
  char *label;      /* owned, may be NULL */
  char *tip;        /* owned, may be NULL */
} nk_gv_edge;

typedef struct nk_gv_model {
  nk_gv_node *nodes;
  size_t n_nodes, cap_nodes;
  size_t first[NK_GV_KINDS + 1]; /* nodes of kind k are [first[k], first[k+1]), by id */
  nk_gv_edge *edges;
  size_t n_edges, cap_edges;
  int64_t sel_actors;  /* actors in the selection before the cap */
  int64_t kept_actors; /* actors kept by the cap */
  int64_t unlinked;    /* kept actors hidden for having no link */
} nk_gv_model;

void nk_gv_model_free(nk_gv_model *m);

/* Counts of the selection tables (sel_*): for the positions size limit. */
nk_status nk_gv_selection_size(sqlite3 *db, int64_t *nodes, nk_error *err);

/* Builds the gvsel_* TEMP tables from sel_*: at most MAX_ACTORS actors (best connected;
   credit-only actors without links dropped unless ALL), MAX_OTHER events and statements
   hanging on them; negative limits keep everything. Tables are emptied, not dropped, so this
   works while other statements read the selection. */
nk_status nk_gv_select(sqlite3 *db, int64_t max_actors, int64_t max_other, int all,
                       nk_error *err);

/* Loads the gvsel_* nodes and their edges. WITH_ARTICLES adds article nodes and
   article → node edges (positions); otherwise articles are loaded as clusters only. */
nk_status nk_gv_load_detail(sqlite3 *db, nk_gv_model *m, int with_articles, nk_error *err);

/* Loads the gvsel_actors and actor → actor edges aggregated over events, statements and
   relations of the selection. */
nk_status nk_gv_load_actors(sqlite3 *db, nk_gv_model *m, nk_error *err);

/* Hides the actors no drawn edge touches (and counts them in m->unlinked). */
void nk_gv_hide_unlinked(nk_gv_model *m);

/* Marks the actors named NAME (display name, any name, or same name key) as ego. */
nk_status nk_gv_mark_ego(sqlite3 *db, nk_gv_model *m, const char *name, nk_error *err);

/* Node index of (kind, id), or (size_t)-1. */
size_t nk_gv_find(const nk_gv_model *m, nk_gv_kind kind, int64_t id);

#endif
