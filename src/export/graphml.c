/* GraphML export: one node per selected article, actor, event and statement (id = store
   uid), one edge per relation between two selected nodes, streamed row by row from SQLite.
   The attributes are the contract of eval/README.md plus Gephi's viz attributes (r, g, b,
   size, x, y) and timeline (start). Memory does not grow with the graph: every query is a
   cursor, and positions (when Graphviz provides them) sit in a TEMP table joined to the node
   queries. Each node kind is one ordered scan, with what it needs from other tables (degree,
   aliases, roles, first account) read from "side" cursors ordered the same way, in step
   (see "nodes" below); what is buffered is at most one node's aliases or one event's
   participants (and the text of 1024 node sizes, and for a bare export the CAMEO table).
   An unfiltered export of a store too large to lay out ("bare", nk_graphml_write_bare())
   builds no selection: its queries read the store's tables alone.
   libxml2's text writer writes the whole document: the head (declaration, keys, <graph>)
   and the tail through its element calls, the nodes and edges as raw chunks that nk_xbuf
   assembles with the same cleaning, escaping and indentation (the bytes are identical;
   test_export checks the escaping against libxml2): per element, xmlTextWriter's calls,
   mallocs and copies were about half of the export time at 1 M triples
   (tests/bench/export.sh). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export/graphviz.h"
#include "export/select.h"
#include "export/writers.h"
#include "export/xmlout.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"

typedef struct key {
  const char *id, *domain, *name, *type;
} key;

/* Key ids are prefixed by their domain so a name used on nodes and edges (factuality) gets
   two keys, as GraphML requires. */
static const key keys[] = {
    {"n_kind", "node", "kind", "string"},
    {"n_type", "node", "type", "string"},
    {"n_label", "node", "label", "string"},
    {"n_aliases", "node", "aliases", "string"},
    {"n_text", "node", "text", "string"},
    {"n_cameo", "node", "cameo", "string"},
    {"n_cameo_label", "node", "cameo_label", "string"},
    {"n_factuality", "node", "factuality", "string"},
    {"n_stance", "node", "stance", "string"},
    {"n_verb", "node", "verb", "string"},
    {"n_file", "node", "file", "string"},
    {"n_date", "node", "date", "string"},
    {"n_lang", "node", "lang", "string"},
    {"n_roles", "node", "roles", "string"},
    {"n_offsets", "node", "offsets", "string"},
    {"n_uid", "node", "uid", "string"},
    {"n_credit_only", "node", "credit_only", "boolean"},
    {"n_degree", "node", "degree", "int"},
    {"n_r", "node", "r", "int"},
    {"n_g", "node", "g", "int"},
    {"n_b", "node", "b", "int"},
    {"n_size", "node", "size", "double"},
    {"n_x", "node", "x", "double"},
    {"n_y", "node", "y", "double"},
    {"n_start", "node", "start", "string"},
    {"e_relation", "edge", "relation", "string"},
    {"e_weight", "edge", "weight", "double"},
    {"e_factuality", "edge", "factuality", "string"},
};

typedef struct gm {
  nk_xml x;    /* libxml2's text writer: the whole document goes through it */
  nk_xbuf *b;  /* nodes and edges, out through the same text writer */
  int open;    /* a <node ...> or <edge ...> start tag still waits for its '>' */
  int all;     /* the selection holds every row: queries without the sel_* filters */
  int body;    /* the <graph> start tag is closed for nk_xbuf (at the first node or edge) */
  int bare;    /* no selection tables (and no positions): every query reads the store's own
                  tables only (see nk_graphml_bare_ok()); implies all */
  sqlite3 *db;
  sqlite3_stmt *pos_insert; /* INSERT INTO sel_pos, while positions are collected */
  int pos_failed;
  char *sb; /* scratch text (aliases, roles, an event's factuality, participants) */
  size_t sb_len, sb_cap;
  struct item *items; /* list items in sb */
  size_t items_cap;
  struct cameo_row *cameo; /* the CAMEO labels, when g->bare (cameo_load()) */
  size_t n_cameo;
  char *cameo_text;
  struct size_text *size_memo; /* SIZE_MEMO entries, or NULL (out of memory: not used) */
  int speakers_exact; /* g->bare, and every statement's speaker is NULL or an actor */
} gm;

static const char *col(sqlite3_stmt *st, int i)
{
  return (const char *)sqlite3_column_text(st, i);
}

/* Column I as text and its length in bytes, as SQLite counted them (no strlen()). A value
   may hold a NUL: the GraphML has always ended a value there (it was written as a C
   string), and so do nk_xbuf_esc_n() and nk_short_cut_n(), given these lengths. */
static const char *col_n(sqlite3_stmt *st, int i, size_t *n)
{
  const char *t = (const char *)sqlite3_column_text(st, i);
  *n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
  return t;
}

#define PUT(g, lit) nk_xbuf_put((g)->b, lit, sizeof lit - 1)

static int gm_ok(const gm *g)
{
  return nk_xml_ok(&g->x) && !g->b->io_error;
}

/* Before the first node or edge: libxml2 closes the <graph> start tag; nk_xbuf's chunks
   follow through the same writer. (An empty graph stays <graph .../>.) */
static void body(gm *g)
{
  if (!g->body) {
    nk_xml_raw(&g->x, "\n");
    nk_xml_flush(&g->x);
    g->body = 1;
  }
}

/* Element start with the attributes written by the caller; the '>' waits for the
   first child, so an element without children ends in "/>", as libxml2 writes it. */
static void elem_open(gm *g)
{
  if (g->open) {
    PUT(g, ">\n");
    g->open = 0;
  }
}

static void elem_end(gm *g, const char *close, size_t close_len)
{
  if (g->open) {
    PUT(g, "/>\n");
    g->open = 0;
  } else {
    nk_xbuf_put(g->b, close, close_len);
  }
}

/* <data key="K">V</data>; OPEN is the literal '      <data key="K">' (DATA() builds it, so
   each value costs one copy of its markup). Nothing is written for a NULL value. */
static void put_data(gm *g, const char *open, size_t open_len, const char *v)
{
  if (!v)
    return;
  elem_open(g);
  nk_xbuf_put(g->b, open, open_len);
  nk_xbuf_esc(g->b, v, 0);
  PUT(g, "</data>\n");
}
/* The same for the N bytes at V. */
static void put_data_n(gm *g, const char *open, size_t open_len, const char *v, size_t n)
{
  if (!v)
    return;
  elem_open(g);
  nk_xbuf_put(g->b, open, open_len);
  nk_xbuf_esc_n(g->b, v, n, 0);
  PUT(g, "</data>\n");
}
/* <data> of text column I of ST (nothing for NULL). */
static void data_col(gm *g, const char *open, size_t open_len, sqlite3_stmt *st, int i)
{
  size_t n;
  const char *v = col_n(st, i, &n);
  put_data_n(g, open, open_len, v, n);
}
/* The same for a value that needs no escaping (the digits of a number). */
static void put_data_plain(gm *g, const char *open, size_t open_len, const char *v, size_t n)
{
  elem_open(g);
  nk_xbuf_put(g->b, open, open_len);
  nk_xbuf_put(g->b, v, n);
  PUT(g, "</data>\n");
}
#define DATA_OPEN(k) "      <data key=\"" k "\">"
#define DATA(g, k, v) put_data(g, DATA_OPEN(k), sizeof DATA_OPEN(k) - 1, v)
#define DATA_N(g, k, v, n) put_data_n(g, DATA_OPEN(k), sizeof DATA_OPEN(k) - 1, v, n)
#define DATA_COL(g, k, st, i) data_col(g, DATA_OPEN(k), sizeof DATA_OPEN(k) - 1, st, i)
#define DATA_INT(g, k, v) data_int(g, DATA_OPEN(k), sizeof DATA_OPEN(k) - 1, v)
#define DATA_DOUBLE(g, k, v) data_double(g, DATA_OPEN(k), sizeof DATA_OPEN(k) - 1, v)

/* Writes the decimal digits of V backwards, ending just before END; returns the first. */
static char *digits(char *end, unsigned long long v)
{
  do {
    *--end = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return end;
}

/* Decimal digits of V (with its sign) ending just before END; returns the first. */
static char *digits_ll(char *end, long long v)
{
  char *p = digits(end, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
  if (v < 0)
    *--p = '-';
  return p;
}

static void data_int(gm *g, const char *open, size_t open_len, long long v)
{
  char buf[32], *end = buf + sizeof buf;
  char *p = digits_ll(end, v);
  put_data_plain(g, open, open_len, p, (size_t)(end - p));
}

/* V with two decimals, ending just before LAST (48 bytes are enough); returns the first
   byte, or NULL for a value not written (not finite, or beyond 1e15). Always with a '.':
   printf's %f follows LC_NUMERIC, and a program linking the library may run under a locale
   that writes "2,50", which no GraphML reader takes. */
static char *fixed2(char *last, double v)
{
  if (!isfinite(v) || fabs(v) > 1e15)
    return NULL;
  long long c = llround(fabs(v) * 100.0);
  char *end = last;
  *--end = (char)('0' + c % 10);
  *--end = (char)('0' + c / 10 % 10);
  *--end = '.';
  char *p = digits(end, (unsigned long long)(c / 100));
  if (v < 0 && c)
    *--p = '-';
  return p;
}

static void data_double(gm *g, const char *open, size_t open_len, double v)
{
  char buf[48], *const last = buf + sizeof buf;
  char *p = fixed2(last, v);
  if (p)
    put_data_plain(g, open, open_len, p, (size_t)(last - p));
}

/* A node's size, 10 + 6 sqrt(degree), for the degrees most nodes have: formatted once per
   degree (a square root, a rounding and a digit loop per node were 2% of the export). */
#define SIZE_MEMO 1024
typedef struct size_text {
  unsigned char len; /* 0: not formatted yet */
  char s[23];
} size_text;

static void data_size(gm *g, long long degree)
{
  double v = 10.0 + 6.0 * sqrt((double)(degree > 0 ? degree : 0));
  if (degree < 0 || degree >= SIZE_MEMO || !g->size_memo) {
    DATA_DOUBLE(g, "n_size", v);
    return;
  }
  size_text *t = &g->size_memo[degree];
  if (!t->len) {
    char buf[48], *const last = buf + sizeof buf;
    char *p = fixed2(last, v); /* finite, below 1e15: never NULL here */
    t->len = (unsigned char)(last - p);
    memcpy(t->s, p, t->len);
  }
  put_data_plain(g, DATA_OPEN("n_size"), sizeof DATA_OPEN("n_size") - 1, t->s, t->len);
}

/* Colour, size (from degree) and position shared by every node kind. RGB is the literal
   <data> elements of the colour, fixed per kind (RGB() builds it: one copy instead of three
   numbers to format). X and Y are columns that may be NULL (no layout). */
#define RGB(r, g, b)                                                                       \
  DATA_OPEN("n_r") #r "</data>\n" DATA_OPEN("n_g") #g "</data>\n" DATA_OPEN("n_b") #b "</data>\n"
#define VIZ(g, rgb, degree, st, xcol) viz(g, rgb, sizeof rgb - 1, degree, st, xcol)
static void viz(gm *g, const char *rgb, size_t rgb_len, long long degree, sqlite3_stmt *st,
                int xcol)
{
  DATA_INT(g, "n_degree", degree);
  nk_xbuf_put(g->b, rgb, rgb_len); /* after n_degree: the node's start tag is closed */
  data_size(g, degree);
  if (!g->bare && /* g->bare: no positions, x and y are NULL */
      sqlite3_column_type(st, xcol) != SQLITE_NULL &&
      sqlite3_column_type(st, xcol + 1) != SQLITE_NULL) {
    DATA_DOUBLE(g, "n_x", sqlite3_column_double(st, xcol));
    DATA_DOUBLE(g, "n_y", sqlite3_column_double(st, xcol + 1));
  }
}

/* <node id="UID"> and its kind; KIND_DATA is the whole <data> element of the kind (a
   literal: NODE_START() builds it). UID is N bytes (or NULL: no id attribute). */
static void node_start(gm *g, const char *uid, size_t n, const char *kind_data,
                       size_t kind_len)
{
  body(g);
  if (uid) {
    PUT(g, "    <node id=\"");
    nk_xbuf_esc_n(g->b, uid, n, 1);
    PUT(g, "\">\n");
  } else {
    PUT(g, "    <node>\n");
  }
  nk_xbuf_put(g->b, kind_data, kind_len);
}
#define KIND_DATA(kind) DATA_OPEN("n_kind") kind "</data>\n"
#define NODE_START(g, uid, n, kind)                                                        \
  node_start(g, uid, n, KIND_DATA(kind), sizeof KIND_DATA(kind) - 1)

static void node_end(gm *g)
{
  elem_end(g, "    </node>\n", sizeof "    </node>\n" - 1);
}

/* "START-END", byte offsets (as "%lld-%lld" writes them). */
static void offsets(gm *g, long long start, long long end)
{
  char buf[48], *p = buf + sizeof buf - 1;
  *p = '\0';
  p = digits_ll(p, end);
  *--p = '-';
  p = digits_ll(p, start);
  DATA(g, "n_offsets", p);
}

/* A Gephi timeline start only for what parses as a date: "YYYY", "YYYY-MM", "YYYY-MM-DD". */
static int is_iso_date(const char *s)
{
  if (!s)
    return 0;
  size_t n = strlen(s);
  if (n != 4 && n != 7 && n != 10)
    return 0;
  for (size_t i = 0; i < n; i++) {
    int dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
      return 0;
  }
  return 1;
}

/* SQL for a selection of everything: copies SQL without its " JOIN sel_T x ON x.id = expr"
   filters (each row and endpoint is then in the selection, and every such join is 1:1 on a
   primary key, so only work goes away: about a third of the SQL time at 1 M triples). The
   main FROM of a node query ("FROM sel_T x JOIN ...") and IN lists ("IN (SELECT id FROM
   sel_T)", a small table) are kept. NULL when out of memory. */
static char *unselect(const char *sql)
{
  size_t n = strlen(sql);
  char *out = malloc(n + 1), *o = out;
  if (!out)
    return NULL;
  const char *p = sql;
  while (*p) {
    if (!strncmp(p, " JOIN sel_", 10)) {
      /* " JOIN sel_T A ON A.id = EXPR", EXPR made of [A-Za-z0-9_.] */
      const char *q = p + 10, *alias;
      while (*q && *q != ' ')
        q++;
      alias = *q ? ++q : q;
      while (*q && *q != ' ')
        q++;
      size_t alen = (size_t)(q - alias);
      if (alen && !strncmp(q, " ON ", 4) && !strncmp(q + 4, alias, alen) &&
          !strncmp(q + 4 + alen, ".id = ", 6)) {
        q += 4 + alen + 6;
        while (*q == '_' || *q == '.' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
               (*q >= '0' && *q <= '9'))
          q++;
        p = q;
        continue;
      }
    }
    *o++ = *p++;
  }
  *o = '\0';
  return out;
}

/* Prepares SQL (without its selection joins when the selection is everything). */
static nk_status prepare(gm *g, const char *sql, sqlite3_stmt **st, nk_error *err)
{
  char *all = g->all ? unselect(sql) : NULL;
  if (g->all && !all)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  /* Without selection tables, a query still naming one would read a stale table left by an
     earlier export on this connection: refuse it rather than write a wrong graph. */
  if (g->bare && strstr(all, "sel_")) {
    free(all);
    return nk_error_set(err, NK_ERR_INTERNAL, "graphml: query needs the selection");
  }
  int prc = sqlite3_prepare_v2(g->db, all ? all : sql, -1, st, NULL);
  free(all);
  if (prc != SQLITE_OK)
    return nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  return NK_OK;
}

/* ----------------------------------------------------------------------- nodes */

/* Each node query is one ordered scan of its table; what a node needs from other tables
   (degree counts, aliases, roles, an event's first account) comes from "side" queries ordered
   by the same id, read in step with it (a merge join in C). Per-node correlated subqueries
   cost SQLite a subprogram run, an aggregate and often a sorter or a DISTINCT table per
   node: about half of the export's SQL time at 1 M triples. A side query has two forms:
   for a selection of everything (g->all: plain scans of the table's index, no selection
   tables) and for a filtered one (driven by the node's selection table, so a small
   selection only reads its own rows). */
typedef struct side_sql {
  const char *all, *sel;
  const char *bare; /* for g->bare when ALL names a selection table (else NULL: ALL) */
} side_sql;

typedef struct side {
  sqlite3_stmt *st;
  int rc;   /* of the last sqlite3_step(): SQLITE_ROW while a row is current */
  int rows; /* the query is only the id, one row per item: side_count() counts the rows */
  /* The current row's id (column 0), read once per row: side_at() is asked about it once
     per node, and each sqlite3_column_*() call costs a few dozen instructions. */
  int null_key;
  sqlite3_int64 key;
  /* A row matched no node: passed over by side_at(), or its id is not an integer (so it
     equals no rowid, whatever sqlite3_column_int64() makes of it). */
  int strays;
} side;

/* Steps SD and reads the new row's id. */
static void side_step(side *sd)
{
  sd->rc = sqlite3_step(sd->st);
  if (sd->rc == SQLITE_ROW) {
    int type = sqlite3_column_type(sd->st, 0);
    sd->null_key = type == SQLITE_NULL;
    if (type != SQLITE_INTEGER)
      sd->strays = 1;
    sd->key = sqlite3_column_int64(sd->st, 0);
  }
}

#define MAX_SIDES 5

static nk_status side_open(gm *g, side *sd, const side_sql *q, nk_error *err)
{
  const char *sql = g->bare && q->bare ? q->bare : g->all ? q->all : q->sel;
  if (sqlite3_prepare_v2(g->db, sql, -1, &sd->st, NULL) != SQLITE_OK)
    return nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  sd->rows = sqlite3_column_count(sd->st) == 1;
  side_step(sd);
  return NK_OK;
}

/* 1 when SD's current row (column 0: the id) is ID, after skipping the rows below ID (and a
   NULL id, which no node has). */
static int side_at(side *sd, sqlite3_int64 id)
{
  while (sd->rc == SQLITE_ROW) {
    if (!sd->null_key && sd->key >= id)
      return sd->key == id;
    sd->strays = 1;
    side_step(sd);
  }
  return 0;
}

static void side_next(side *sd)
{
  side_step(sd);
}

/* SD's count for ID, 0 when it has none: column 1 of its row, or the number of its rows
   when the side is only ids (sd->rows). Counting the rows of an index scan here costs less
   than SQLite's GROUP BY and count(*) (an aggregate context allocated and freed per group):
   each count side took about twice as many instructions as an aggregate. */
static long long side_count(side *sd, sqlite3_int64 id)
{
  long long n = 0;
  if (sd->rows) {
    while (side_at(sd, id))
      n++, side_next(sd);
    return n;
  }
  if (!side_at(sd, id))
    return 0;
  n = sqlite3_column_int64(sd->st, 1);
  side_next(sd);
  return n;
}

/* Scratch text for a node's aliases, roles or event account, reused from node to node (its
   size is that of the largest node's, not the graph's). */
static int sb_reserve(gm *g, size_t more)
{
  if (more <= g->sb_cap - g->sb_len)
    return 0;
  size_t cap = g->sb_cap ? g->sb_cap : 256;
  while (cap - g->sb_len < more) {
    if (cap > SIZE_MAX / 2)
      return -1;
    cap *= 2;
  }
  char *p = realloc(g->sb, cap);
  if (!p)
    return -1;
  g->sb = p, g->sb_cap = cap;
  return 0;
}

/* Appends N bytes of S with every '|' made '/' (the list separator; as SQL replace() did). */
static int sb_add_item(gm *g, const char *s, size_t n, int *had_bar)
{
  if (sb_reserve(g, n + 1))
    return -1;
  char *o = g->sb + g->sb_len;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '|')
      c = '/', *had_bar = 1;
    o[i] = c;
  }
  g->sb_len += n;
  return 0;
}

#define POS_JOIN(T) " LEFT JOIN sel_pos p ON p.uid = " T ".uid"

/* A node query: SEL on the selection tables (the selection's joins dropped by unselect()
   when it is everything); BARE for g->bare: the same rows from the store's tables alone,
   without positions (x, y NULL). */
typedef struct node_sql {
  const char *sel, *bare;
} node_sql;

static const node_sql articles_sql = {
    "SELECT a.id, a.uid, coalesce(a.title, a.file), a.file, a.date, a.lang, p.x, p.y"
    " FROM sel_articles s JOIN articles a ON a.id = s.id" POS_JOIN("a") " ORDER BY a.id",
    "SELECT a.id, a.uid, coalesce(a.title, a.file), a.file, a.date, a.lang, NULL, NULL"
    " FROM articles a ORDER BY a.id"};

/* An article's degree: the distinct selected actors it mentions, its selected statements,
   its accounts of selected events. */
static const side_sql article_sides[] = {
    {"SELECT article_id, count(DISTINCT actor_id) FROM mentions GROUP BY 1 ORDER BY 1",
     "SELECT s.id, count(DISTINCT m.actor_id) FROM sel_articles s"
     " CROSS JOIN mentions m ON m.article_id = s.id JOIN sel_actors k ON k.id = m.actor_id"
     " GROUP BY s.id ORDER BY s.id", NULL},
    {"SELECT article_id FROM statements ORDER BY 1",
     "SELECT s.id, count(*) FROM sel_articles s CROSS JOIN statements st ON st.article_id = s.id"
     " JOIN sel_statements t ON t.id = st.id GROUP BY s.id ORDER BY s.id", NULL},
    {"SELECT article_id FROM event_accounts ORDER BY 1",
     "SELECT s.id, count(*) FROM sel_articles s CROSS JOIN event_accounts c ON c.article_id = s.id"
     " JOIN sel_events e ON e.id = c.event_id GROUP BY s.id ORDER BY s.id", NULL},
};

static void article_row(gm *g, sqlite3_stmt *st, side *sd)
{
  sqlite3_int64 id = sqlite3_column_int64(st, 0);
  long long degree = side_count(&sd[0], id) + side_count(&sd[1], id) + side_count(&sd[2], id);
  size_t uid_n;
  const char *uid = col_n(st, 1, &uid_n);
  NODE_START(g, uid, uid_n, "article");
  DATA_COL(g, "n_label", st, 2);
  DATA_COL(g, "n_file", st, 3);
  DATA_COL(g, "n_date", st, 4);
  DATA_COL(g, "n_lang", st, 5);
  DATA_N(g, "n_uid", uid, uid_n);
  VIZ(g, RGB(140, 140, 140), degree, st, 6);
  node_end(g);
}

static const node_sql actors_sql = {
    "SELECT a.id, a.uid, a.name, a.type, a.credit_only, p.x, p.y"
    " FROM sel_actors k JOIN actors a ON a.id = k.id" POS_JOIN("a") " ORDER BY a.id",
    "SELECT a.id, a.uid, a.name, a.type, a.credit_only, NULL, NULL FROM actors a ORDER BY a.id"};

/* Aliases (most seen first, then by name), roles (distinct, sorted), then the degree: the
   distinct selected articles mentioning the actor, its selected statements as speaker, its
   parts in selected events. */
static const side_sql actor_sides[] = {
    {"SELECT actor_id, name, n FROM actor_names ORDER BY actor_id, name",
     "SELECT k.id, n.name, n.n FROM sel_actors k CROSS JOIN actor_names n ON n.actor_id = k.id"
     " ORDER BY k.id, n.name", NULL},
    {"SELECT actor_id, role FROM actor_roles ORDER BY 1, 2",
     "SELECT DISTINCT k.id, r.role FROM sel_actors k CROSS JOIN actor_roles r ON r.actor_id = k.id"
     " ORDER BY 1, 2", NULL},
    {"SELECT actor_id, count(DISTINCT article_id) FROM mentions GROUP BY 1 ORDER BY 1",
     "SELECT k.id, count(DISTINCT m.article_id) FROM sel_actors k"
     " CROSS JOIN mentions m ON m.actor_id = k.id JOIN sel_articles s ON s.id = m.article_id"
     " GROUP BY k.id ORDER BY k.id", NULL},
    {"SELECT speaker_id FROM statements WHERE speaker_id IS NOT NULL ORDER BY 1",
     "SELECT k.id, count(*) FROM sel_actors k CROSS JOIN statements st ON st.speaker_id = k.id"
     " JOIN sel_statements t ON t.id = st.id GROUP BY k.id ORDER BY k.id", NULL},
    {"SELECT actor_id FROM event_participants ORDER BY 1",
     "SELECT k.id, count(*) FROM sel_actors k CROSS JOIN event_participants q ON q.actor_id = k.id"
     " JOIN sel_events e ON e.id = q.event_id GROUP BY k.id ORDER BY k.id", NULL},
};

/* A list item in g->sb: where it starts, its length, and for aliases its count and rank.
   S points at the text once g->sb stops growing (items_point), for the comparisons. */
typedef struct item {
  size_t off, len;
  long long n, seq;
  const char *s;
} item;

/* Points the N items at their text, once g->sb will not move before they are sorted. */
static void items_point(gm *g, long n)
{
  for (long i = 0; i < n; i++)
    g->items[i].s = g->sb + g->items[i].off;
}

static int reserve_items(gm *g, size_t n)
{
  if (n <= g->items_cap)
    return 0;
  size_t cap = g->items_cap ? g->items_cap * 2 : 16;
  while (cap < n)
    cap *= 2;
  item *p = realloc(g->items, cap * sizeof *p);
  if (!p)
    return -1;
  g->items = p, g->items_cap = cap;
  return 0;
}

/* ORDER BY n DESC, name: rows come ordered by name, so by count then arrival. */
static int by_count(const void *a, const void *b)
{
  const item *x = a, *y = b;
  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* SQLite's BINARY collation: bytes, then length (items_point first). */
static int by_bytes(const void *a, const void *b)
{
  const item *x = a, *y = b;
  int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
  if (c)
    return c;
  return (x->len > y->len) - (x->len < y->len);
}

/* Reads SD's rows for ID (column 1: the text, column 2: an alias's count) into g->items;
   returns their number, or -1 out of memory. *had_bar: an item held a '|'. */
static long read_items(gm *g, side *sd, sqlite3_int64 id, int counted, int *had_bar)
{
  long n = 0;
  g->sb_len = 0;
  while (side_at(sd, id)) {
    const char *t = (const char *)sqlite3_column_text(sd->st, 1);
    size_t len = (size_t)sqlite3_column_bytes(sd->st, 1);
    if (t) {
      if (reserve_items(g, (size_t)n + 1))
        return -1;
      item *it = &g->items[n];
      it->off = g->sb_len, it->len = len, it->seq = n;
      it->n = counted ? sqlite3_column_int64(sd->st, 2) : 0;
      if (sb_add_item(g, t, len, had_bar))
        return -1;
      n++;
    }
    side_next(sd);
  }
  return n;
}

/* Joins the N items of g->items with '|' after the text in g->sb (which stays as is);
   returns the offset of the NUL-terminated list, or (size_t)-1 out of memory. */
static size_t join_items(gm *g, long n)
{
  size_t total = 1;
  for (long i = 0; i < n; i++)
    total += g->items[i].len + 1;
  if (sb_reserve(g, total))
    return (size_t)-1;
  size_t start = g->sb_len;
  char *o = g->sb + start;
  for (long i = 0; i < n; i++) {
    if (i)
      *o++ = '|';
    memcpy(o, g->sb + g->items[i].off, g->items[i].len);
    o += g->items[i].len;
  }
  *o = '\0';
  g->sb_len = (size_t)(o + 1 - g->sb);
  return start;
}

/* group_concat(x, '|') of the aliases, most seen first, '|' inside a name made '/'; NULL
   (no data) when the actor has none. */
static const char *aliases(gm *g, side *sd, sqlite3_int64 id)
{
  int bar = 0;
  long n = read_items(g, sd, id, 1, &bar);
  if (n <= 0) {
    if (n < 0)
      g->x.failed = 1;
    return NULL;
  }
  qsort(g->items, (size_t)n, sizeof *g->items, by_count);
  size_t at = join_items(g, n);
  if (at == (size_t)-1) {
    g->x.failed = 1;
    return NULL;
  }
  return g->sb + at;
}

/* The distinct roles, '|' made '/', sorted and joined with '|'. Rows come sorted, and
   distinct but for the unfiltered side, which reads the rows as stored (one per article: a
   role seen in two articles comes twice, in a row): SQL's DISTINCT cost three times the
   scan. Only a role holding '|' can change the order; equal roles are then next to each
   other, and are written once. */
static const char *roles(gm *g, side *sd, sqlite3_int64 id)
{
  int bar = 0;
  long n = read_items(g, sd, id, 0, &bar);
  if (n <= 0) {
    if (n < 0)
      g->x.failed = 1;
    return NULL;
  }
  items_point(g, n);
  if (bar)
    qsort(g->items, (size_t)n, sizeof *g->items, by_bytes);
  long k = 1;
  for (long i = 1; i < n; i++)
    if (by_bytes(&g->items[i], &g->items[k - 1]))
      g->items[k++] = g->items[i];
  n = k;
  size_t at = join_items(g, n);
  if (at == (size_t)-1) {
    g->x.failed = 1;
    return NULL;
  }
  return g->sb + at;
}

static void actor_row(gm *g, sqlite3_stmt *st, side *sd)
{
  sqlite3_int64 id = sqlite3_column_int64(st, 0);
  size_t type_n, uid_n;
  const char *type = col_n(st, 3, &type_n);
  static const char person[] = RGB(66, 133, 244), organization[] = RGB(219, 68, 55),
                    place[] = RGB(15, 157, 88);
  const char *rgb = person; /* blue; the default for any other type */
  size_t rgb_len = sizeof person - 1;
  if (type && !strcmp(type, "organization")) /* strcmp: up to a NUL, as always */
    rgb = organization, rgb_len = sizeof organization - 1;
  else if (type && !strcmp(type, "place"))
    rgb = place, rgb_len = sizeof place - 1;
  const char *uid = col_n(st, 1, &uid_n);
  NODE_START(g, uid, uid_n, "actor");
  DATA_N(g, "n_type", type, type_n);
  DATA_COL(g, "n_label", st, 2);
  DATA(g, "n_aliases", aliases(g, &sd[0], id));
  DATA(g, "n_roles", roles(g, &sd[1], id));
  if (sqlite3_column_int(st, 4))
    PUT(g, DATA_OPEN("n_credit_only") "true</data>\n");
  else
    PUT(g, DATA_OPEN("n_credit_only") "false</data>\n");
  DATA_N(g, "n_uid", uid, uid_n);
  long long degree = side_count(&sd[2], id) + side_count(&sd[3], id) + side_count(&sd[4], id);
  viz(g, rgb, rgb_len, degree, st, 5);
  node_end(g);
}

/* After the actors of g->bare (every actor, in id order): the speaker side (every non-NULL
   statements.speaker_id, in order, read in step with them) left no row unmatched, so every
   speaker is an actor, as `speaker_id IN (SELECT id FROM actors)` would find for each
   statement. */
static void speakers_seen(gm *g, const side *sd)
{
  g->speakers_exact = !sd[3].strays;
}

static const node_sql events_sql = {
    "SELECT e.id, e.uid, e.cameo, e.label, e.time_norm, cm.label_en, p.x, p.y"
    " FROM sel_events t JOIN events e ON e.id = t.id LEFT JOIN cameo cm ON cm.code = e.cameo"
    POS_JOIN("e") " ORDER BY e.id",
    "SELECT e.id, e.uid, e.cameo, e.label, e.time_norm, cm.label_en, NULL, NULL"
    " FROM events e LEFT JOIN cameo cm ON cm.code = e.cameo ORDER BY e.id"};
/* The same when the CAMEO labels are in memory (g->cameo): column 5 is unused. */
static const node_sql events_sql_cameo = {
    NULL, "SELECT e.id, e.uid, e.cameo, e.label, e.time_norm, NULL, NULL, NULL"
          " FROM events e ORDER BY e.id"};

/* The CAMEO table in memory: a fixed reference list (~300 codes, filled from
   schemas/cameo.tsv when the store is created), whatever the size of the graph. The join
   of every event with it (a WITHOUT ROWID search on a text key) was half the cost of the
   events query. An entry: code and label, offsets into g->cameo_text. */
typedef struct cameo_row {
  size_t code, code_n, label, label_n;
} cameo_row;

#define CAMEO_MAX 4096            /* more rows than that: not a CAMEO list, join in SQL */
#define CAMEO_TEXT_MAX (1u << 20) /* ... and as many bytes of text */

/* Loads the CAMEO table into g->cameo; leaves g->n_cameo 0 (the events query then joins it)
   when it is too large, or when a code is not text or the codes do not come in strictly
   increasing byte order: then a C lookup might not match what `cm.code = e.cameo` matches. */
static void cameo_load(gm *g)
{
  sqlite3_stmt *st = NULL;
  size_t n = 0, cap = 0, len = 0, tcap = 0;
  cameo_row *e = NULL;
  char *text = NULL;
  int ok = sqlite3_prepare_v2(g->db, "SELECT code, label_en FROM cameo ORDER BY code", -1,
                              &st, NULL) == SQLITE_OK;
  int rc = SQLITE_DONE;
  while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (sqlite3_column_type(st, 0) != SQLITE_TEXT || n >= CAMEO_MAX) {
      ok = 0;
      break;
    }
    size_t cn, ln;
    const char *c = col_n(st, 0, &cn), *l = col_n(st, 1, &ln);
    if (memchr(c, '\0', cn) || (l && memchr(l, '\0', ln))) { /* let SQL and the writer cope */
      ok = 0;
      break;
    }
    if (len + cn + ln > CAMEO_TEXT_MAX) {
      ok = 0;
      break;
    }
    if (n == cap) {
      cap = cap ? cap * 2 : 512;
      cameo_row *p = realloc(e, cap * sizeof *p);
      if (!p) {
        ok = 0;
        break;
      }
      e = p;
    }
    if (len + cn + ln + 2 > tcap) {
      tcap = (len + cn + ln + 2) * 2;
      char *p = realloc(text, tcap);
      if (!p) {
        ok = 0;
        break;
      }
      text = p;
    }
    e[n].code = len, e[n].code_n = cn;
    memcpy(text + len, c, cn);
    len += cn;
    text[len++] = '\0';
    e[n].label = len, e[n].label_n = l ? ln : (size_t)-1; /* -1: a NULL label */
    if (l)
      memcpy(text + len, l, ln);
    len += ln;
    text[len++] = '\0';
    if (n) { /* strictly increasing in BINARY order (memcmp, then length) */
      const cameo_row *a = &e[n - 1];
      size_t m = a->code_n < cn ? a->code_n : cn;
      int d = memcmp(text + a->code, text + e[n].code, m);
      if (d > 0 || (d == 0 && a->code_n >= cn)) {
        ok = 0;
        break;
      }
    }
    n++;
  }
  sqlite3_finalize(st);
  if (!ok || rc != SQLITE_DONE || n == 0) {
    free(e);
    free(text);
    return;
  }
  g->cameo = e, g->n_cameo = n, g->cameo_text = text;
}

/* The label of CODE (N bytes of text), as `LEFT JOIN cameo cm ON cm.code = e.cameo` gives
   it: NULL when no code matches. */
static const char *cameo_label(const gm *g, const char *code, size_t n, size_t *label_n)
{
  size_t lo = 0, hi = g->n_cameo;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const cameo_row *c = &g->cameo[mid];
    size_t m = c->code_n < n ? c->code_n : n;
    int d = memcmp(g->cameo_text + c->code, code, m);
    if (d == 0)
      d = (c->code_n > n) - (c->code_n < n);
    if (d < 0)
      lo = mid + 1;
    else if (d > 0)
      hi = mid;
    else if (c->label_n == (size_t)-1)
      return NULL;
    else
      return *label_n = c->label_n, g->cameo_text + c->label;
  }
  return NULL;
}

/* The participants in selected actors; the accounts in id order, each with whether its
   article is selected (counted in the degree) and in scope (the event's factuality, start
   and end are its first account's within the articles in scope, any account's when none is;
   a selection of everything has every article in both). */
static const side_sql event_sides[] = {
    {"SELECT event_id FROM event_participants ORDER BY 1",
     "SELECT t.id, count(*) FROM sel_events t CROSS JOIN event_participants q ON q.event_id = t.id"
     " JOIN sel_actors k ON k.id = q.actor_id GROUP BY t.id ORDER BY t.id", NULL},
    {"SELECT event_id, factuality, start, \"end\", 1, 1 FROM event_accounts"
     " ORDER BY event_id, id",
     "SELECT t.id, c.factuality, c.start, c.\"end\","
     " c.article_id IN (SELECT id FROM sel_articles), c.article_id IN (SELECT id FROM sel_scope)"
     " FROM sel_events t CROSS JOIN event_accounts c ON c.event_id = t.id ORDER BY t.id, c.id",
     NULL},
};

static void event_row(gm *g, sqlite3_stmt *st, side *sd)
{
  sqlite3_int64 id = sqlite3_column_int64(st, 0);
  long long degree = side_count(&sd[0], id);
  /* The chosen account: its factuality (copied to g->sb: the side moves on) and offsets. */
  int chosen = 0, fact_null = 1, start_null = 1;
  long long start = 0, end = 0;
  g->sb_len = 0;
  while (side_at(&sd[1], id)) {
    sqlite3_stmt *a = sd[1].st;
    degree += sqlite3_column_int64(a, 4);
    int in_scope = sqlite3_column_int(a, 5) != 0;
    if (chosen < 2 && (chosen == 0 || in_scope)) {
      chosen = in_scope ? 2 : 1;
      const char *f = (const char *)sqlite3_column_text(a, 1);
      fact_null = !f;
      g->sb_len = 0;
      size_t n = f ? strlen(f) : 0;
      if (sb_reserve(g, n + 1))
        g->x.failed = 1, fact_null = 1;
      else if (f)
        memcpy(g->sb, f, n + 1);
      start_null = sqlite3_column_type(a, 2) == SQLITE_NULL;
      start = sqlite3_column_int64(a, 2);
      end = sqlite3_column_int64(a, 3);
    }
    side_next(&sd[1]);
  }
  size_t uid_n, cameo_n, time_n;
  const char *time = col_n(st, 4, &time_n), *uid = col_n(st, 1, &uid_n);
  int cameo_text = sqlite3_column_type(st, 2) == SQLITE_TEXT; /* before any conversion */
  const char *cameo = col_n(st, 2, &cameo_n);
  NODE_START(g, uid, uid_n, "event");
  DATA_N(g, "n_type", cameo, cameo_n);
  DATA_COL(g, "n_label", st, 3);
  DATA_N(g, "n_cameo", cameo, cameo_n);
  if (g->n_cameo) { /* only a text value can equal a code (all text) */
    size_t label_n = 0;
    /* all the bytes, as SQL compares them, even past a NUL */
    const char *label = cameo_text ? cameo_label(g, cameo, cameo_n, &label_n) : NULL;
    DATA_N(g, "n_cameo_label", label, label_n);
  } else {
    DATA_COL(g, "n_cameo_label", st, 5);
  }
  DATA(g, "n_factuality", fact_null ? NULL : g->sb);
  DATA_N(g, "n_date", time, time_n);
  if (is_iso_date(time))
    DATA_N(g, "n_start", time, time_n);
  if (!start_null)
    offsets(g, start, end);
  DATA_N(g, "n_uid", uid, uid_n);
  VIZ(g, RGB(244, 160, 0), degree, st, 6);
  node_end(g);
}

static const node_sql statements_sql = {
    "SELECT s.id, s.uid, s.kind, s.text, s.verb, s.stance, s.start, s.\"end\","
    /* coalesce: a NULL speaker or attributed_to makes IN yield NULL, and NULL + ... would
       turn the whole degree into NULL (read as 0). */
    " coalesce(s.speaker_id IN (SELECT id FROM sel_actors), 0)"
    " + coalesce(s.attributed_to IN (SELECT id FROM sel_actors), 0)"
    " + (s.article_id IN (SELECT id FROM sel_articles)),"
    " p.x, p.y"
    " FROM sel_statements t JOIN statements s ON s.id = t.id" POS_JOIN("s") " ORDER BY s.id",
    /* Every article is selected and g->bare is only taken when each statement's article
       exists: that term is 1. */
    "SELECT s.id, s.uid, s.kind, s.text, s.verb, s.stance, s.start, s.\"end\","
    " coalesce(s.speaker_id IN (SELECT id FROM actors), 0)"
    " + coalesce(s.attributed_to IN (SELECT id FROM actors), 0) + 1, NULL, NULL"
    " FROM statements s ORDER BY s.id"};
/* The same when every speaker is known to be NULL or an actor (g->speakers_exact): a
   speaker then counts when it is not NULL, without a search of actors per statement (3% of
   the export). */
static const node_sql statements_sql_exact = {
    NULL, "SELECT s.id, s.uid, s.kind, s.text, s.verb, s.stance, s.start, s.\"end\","
          " (s.speaker_id IS NOT NULL)"
          " + coalesce(s.attributed_to IN (SELECT id FROM actors), 0) + 1, NULL, NULL"
          " FROM statements s ORDER BY s.id"};

/* The links to selected events or actors (the rest of the degree). */
static const side_sql statement_sides[] = {
    {"SELECT statement_id FROM statement_links"
     " WHERE event_id IN (SELECT id FROM sel_events) OR actor_id IN (SELECT id FROM sel_actors)"
     " ORDER BY 1",
     "SELECT t.id, count(*) FROM sel_statements t CROSS JOIN statement_links l"
     " ON l.statement_id = t.id WHERE l.event_id IN (SELECT id FROM sel_events)"
     " OR l.actor_id IN (SELECT id FROM sel_actors) GROUP BY t.id ORDER BY t.id",
     "SELECT statement_id FROM statement_links"
     " WHERE event_id IN (SELECT id FROM events) OR actor_id IN (SELECT id FROM actors)"
     " ORDER BY 1"},
};

static void statement_row(gm *g, sqlite3_stmt *st, side *sd)
{
  sqlite3_int64 id = sqlite3_column_int64(st, 0);
  long long degree = sqlite3_column_int64(st, 8) + side_count(&sd[0], id);
  size_t uid_n, text_n;
  const char *text = col_n(st, 3, &text_n), *uid = col_n(st, 1, &uid_n);
  NODE_START(g, uid, uid_n, "statement");
  DATA_COL(g, "n_type", st, 2);
  if (text) { /* the label: the text cut to 60 characters, as nk_short_text() cuts it */
    int cut;
    size_t n = nk_short_cut_n(text, text_n, 60, &cut);
    elem_open(g);
    PUT(g, DATA_OPEN("n_label"));
    nk_xbuf_esc_n(g->b, text, n, 0);
    if (cut)
      PUT(g, "\xE2\x80\xA6");
    PUT(g, "</data>\n");
  }
  DATA_N(g, "n_text", text, text_n);
  DATA_COL(g, "n_verb", st, 4);
  DATA_COL(g, "n_stance", st, 5);
  if (sqlite3_column_type(st, 6) != SQLITE_NULL)
    offsets(g, sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7));
  DATA_N(g, "n_uid", uid, uid_n);
  VIZ(g, RGB(142, 68, 173), degree, st, 9);
  node_end(g);
}

/* ----------------------------------------------------------------------- edges */

/* Every edge query yields: source uid, target uid, relation, weight, factuality (or NULL).
   An entry without SQL is written by its own function (mention_edges(), participant_edges()),
   in the same place. Where the relation, or the weight, is the same on every row, REL is the
   literal <data> written for it (EDGE_REL(), W1) instead of reading and formatting columns;
   FACT: column 4 may hold a factuality. */
typedef struct edge_q {
  const char *sql;
  const char *rel; /* the relation and weight 1 <data>, or NULL: the relation from column 2,
                      and weight 1 */
  size_t rel_len;
  int fact; /* column 4 may be non-NULL */
} edge_q;

#define W1_DATA DATA_OPEN("e_weight") "1.00</data>\n"
#define REL_DATA(r) DATA_OPEN("e_relation") r "</data>\n" W1_DATA
#define EDGE_REL(r) REL_DATA(r), sizeof REL_DATA(r) - 1

static const edge_q edges[] = {
    /* article → actor it mentions: mention_edges() */
    {NULL, NULL, 0, 0},
    /* article → statement */
    {"SELECT ar.uid, st.uid, 'contains', 1, NULL FROM statements st"
     " JOIN sel_statements t ON t.id = st.id JOIN sel_articles s ON s.id = st.article_id"
     " JOIN articles ar ON ar.id = st.article_id ORDER BY st.id",
     EDGE_REL("contains"), 0},
    /* article → event, one per account, with the account's own factuality */
    {"SELECT ar.uid, e.uid, 'contains', 1, c.factuality FROM event_accounts c"
     " JOIN sel_events t ON t.id = c.event_id JOIN sel_articles s ON s.id = c.article_id"
     " JOIN articles ar ON ar.id = c.article_id JOIN events e ON e.id = c.event_id"
     " ORDER BY c.id",
     EDGE_REL("contains"), 1},
    /* speaker → statement */
    {"SELECT ac.uid, st.uid, 'said', 1, NULL FROM statements st"
     " JOIN sel_statements t ON t.id = st.id JOIN sel_actors k ON k.id = st.speaker_id"
     " JOIN actors ac ON ac.id = st.speaker_id ORDER BY st.id",
     EDGE_REL("said"), 0},
    /* statement → actor whose words the speaker reports */
    {"SELECT st.uid, ac.uid, 'attributed_to', 1, NULL FROM statements st"
     " JOIN sel_statements t ON t.id = st.id JOIN sel_actors k ON k.id = st.attributed_to"
     " JOIN actors ac ON ac.id = st.attributed_to ORDER BY st.id",
     EDGE_REL("attributed_to"), 0},
    /* source and participant actor → event; event → target actor: participant_edges() */
    {NULL, NULL, 0, 0},
    /* event → place */
    {"SELECT e.uid, ac.uid, 'place', 1, NULL FROM events e JOIN sel_events t ON t.id = e.id"
     " JOIN sel_actors k ON k.id = e.place_id JOIN actors ac ON ac.id = e.place_id"
     " ORDER BY e.id",
     EDGE_REL("place"), 0},
    /* statement → event it is about, confirms or denies */
    {"SELECT st.uid, e.uid, l.kind, 1, NULL FROM statement_links l"
     " JOIN sel_statements t ON t.id = l.statement_id JOIN sel_events u ON u.id = l.event_id"
     " JOIN statements st ON st.id = l.statement_id JOIN events e ON e.id = l.event_id"
     " ORDER BY l.statement_id, e.id",
     NULL, 0, 0},
    /* statement → actor it is about */
    {"SELECT st.uid, ac.uid, l.kind, 1, NULL FROM statement_links l"
     " JOIN sel_statements t ON t.id = l.statement_id JOIN sel_actors k ON k.id = l.actor_id"
     " JOIN statements st ON st.id = l.statement_id JOIN actors ac ON ac.id = l.actor_id"
     " ORDER BY l.statement_id, ac.id",
     NULL, 0, 0},
    /* actor → actor, weighted by the number of articles that tell it: relation_edges() */
    {NULL, NULL, 0, 0},
};

/* <edge source="S" target="T"> (an endpoint NULL: no attribute), S and T of SN and TN
   bytes, its start tag left open for the first <data>. */
static void edge_start(gm *g, const char *s, size_t sn, const char *t, size_t tn)
{
  body(g);
  PUT(g, "    <edge");
  if (s) {
    PUT(g, " source=\"");
    nk_xbuf_esc_n(g->b, s, sn, 1);
    PUT(g, "\"");
  }
  if (t) {
    PUT(g, " target=\"");
    nk_xbuf_esc_n(g->b, t, tn, 1);
    PUT(g, "\"");
  }
  g->open = 1;
}

static void edge_end(gm *g)
{
  elem_end(g, "    </edge>\n", sizeof "    </edge>\n" - 1);
}

static void edge_row(gm *g, sqlite3_stmt *st, const edge_q *q)
{
  size_t sn, tn;
  const char *s = col_n(st, 0, &sn), *t = col_n(st, 1, &tn);
  edge_start(g, s, sn, t, tn);
  if (q->rel) {
    elem_open(g);
    nk_xbuf_put(g->b, q->rel, q->rel_len);
  } else {
    DATA_COL(g, "e_relation", st, 2);
    elem_open(g);
    PUT(g, W1_DATA);
  }
  if (q->fact)
    DATA_COL(g, "e_factuality", st, 4);
  edge_end(g);
}

/* Copies column C of ST (NUL-terminated) to g->sb; returns its offset there, or -1 for NULL
   or out of memory (then g->x.failed is set). */
static long sb_col(gm *g, sqlite3_stmt *st, int c)
{
  const char *t = col(st, c);
  if (!t)
    return -1;
  size_t n = strlen(t) + 1;
  if (sb_reserve(g, n)) {
    g->x.failed = 1;
    return -1;
  }
  memcpy(g->sb + g->sb_len, t, n);
  g->sb_len += n;
  return (long)(g->sb_len - n);
}

static const char *sb_str(const gm *g, long off)
{
  return off < 0 ? NULL : g->sb + off;
}

/* article → actor it mentions, weighted by the number of mentions: GROUP BY article, actor
   in C over the mentions in index order (SQLite's grouping, and an article lookup per
   mention, cost twice as much); the article's uid comes from a side query in step. */
static const char mentions_sql[] =
    "SELECT m.article_id, m.actor_id, ac.uid FROM mentions m"
    " JOIN sel_articles s ON s.id = m.article_id JOIN sel_actors k ON k.id = m.actor_id"
    " JOIN actors ac ON ac.id = m.actor_id ORDER BY m.article_id, m.actor_id";
static const side_sql mentions_article = {
    "SELECT id, uid FROM articles ORDER BY id",
    "SELECT s.id, a.uid FROM sel_articles s JOIN articles a ON a.id = s.id ORDER BY s.id", NULL};

/* An edge of weight N (a count: "N.00", as data_double() writes it) from ARTICLE to ACTOR. */
static void mention_edge(gm *g, const char *article, const char *actor, long n)
{
  edge_start(g, article, strlen(article), actor, actor ? strlen(actor) : 0);
  elem_open(g);
  PUT(g, DATA_OPEN("e_relation") "mentions</data>\n");
  char buf[32], *const last = buf + sizeof buf;
  char *p = last - 3;
  memcpy(p, ".00", 3);
  p = digits(p, (unsigned long long)n);
  put_data_plain(g, DATA_OPEN("e_weight"), sizeof DATA_OPEN("e_weight") - 1, p,
                 (size_t)(last - p));
  edge_end(g);
}

static nk_status mention_edges(gm *g, nk_error *err)
{
  sqlite3_stmt *st = NULL;
  side art = {NULL, SQLITE_DONE, 0, 0, 0, 0};
  nk_status s = prepare(g, mentions_sql, &st, err);
  if (!s)
    s = side_open(g, &art, &mentions_article, err);
  int rc = SQLITE_DONE;
  if (!s) {
    sqlite3_int64 article = 0, actor = 0;
    long n = 0, actor_uid = -1;
    const char *article_uid = NULL; /* of ARTICLE, in g->sb; NULL: not an article */
    for (;;) {
      rc = sqlite3_step(st);
      int more = rc == SQLITE_ROW && gm_ok(g);
      sqlite3_int64 a = more ? sqlite3_column_int64(st, 0) : 0;
      sqlite3_int64 b = more ? sqlite3_column_int64(st, 1) : 0;
      if (n && (!more || a != article || b != actor)) { /* a group ends */
        if (article_uid)
          mention_edge(g, article_uid, sb_str(g, actor_uid), n);
        n = 0;
      }
      if (!more)
        break;
      if (n == 0) { /* a group starts */
        if (a != article || !article_uid) {
          g->sb_len = 0;
          article_uid = NULL;
          if (side_at(&art, a)) {
            long off = sb_col(g, art.st, 1);
            article_uid = off < 0 ? NULL : g->sb + off;
          }
        }
        /* the article's uid stays at the start of g->sb; the actor's follows it */
        g->sb_len = article_uid ? strlen(article_uid) + 1 : 0;
        article = a, actor = b;
        actor_uid = sb_col(g, st, 2);
        article_uid = article_uid ? g->sb : NULL; /* sb may have moved */
      }
      n++;
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
      s = nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
    else if (art.rc != SQLITE_DONE && art.rc != SQLITE_ROW)
      s = nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  }
  sqlite3_finalize(art.st);
  sqlite3_finalize(st);
  return s;
}

/* Source and participant actor → event; event → target actor, in the order of (event, role,
   actor): the rows come in primary-key order (event, actor, role), without SQLite's sort,
   and each event's few participants are sorted here. */
static const char participants_sql[] =
    "SELECT q.event_id, q.role, q.actor_id, ac.uid, e.uid"
    " FROM event_participants q JOIN sel_events t ON t.id = q.event_id"
    " JOIN sel_actors k ON k.id = q.actor_id JOIN actors ac ON ac.id = q.actor_id"
    " JOIN events e ON e.id = q.event_id ORDER BY q.event_id, q.actor_id, q.role";

/* One participant in g->items: role at off (len bytes), actor uid at n (an offset, -1 for
   NULL), actor id in seq. */
static int by_role_actor(const void *a, const void *b)
{
  int c = by_bytes(a, b);
  if (c)
    return c;
  const item *x = a, *y = b;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

static void participants_flush(gm *g, long n, long event_uid)
{
  items_point(g, n);
  qsort(g->items, (size_t)n, sizeof *g->items, by_role_actor);
  for (long i = 0; i < n && gm_ok(g); i++) {
    const item *it = &g->items[i];
    const char *role = g->sb + it->off, *ev = sb_str(g, event_uid);
    const char *ac = sb_str(g, (long)it->n);
    int target = it->len == 6 && !memcmp(role, "target", 6);
    const char *from = target ? ev : ac, *to = target ? ac : ev;
    edge_start(g, from, from ? strlen(from) : 0, to, to ? strlen(to) : 0);
    DATA_N(g, "e_relation", role, it->len);
    elem_open(g);
    PUT(g, W1_DATA);
    edge_end(g);
  }
}

static nk_status participant_edges(gm *g, nk_error *err)
{
  sqlite3_stmt *st = NULL;
  nk_status s = prepare(g, participants_sql, &st, err);
  if (s)
    return s;
  int rc;
  sqlite3_int64 event = 0;
  long n = 0, event_uid = -1;
  for (;;) {
    rc = sqlite3_step(st);
    int more = rc == SQLITE_ROW && gm_ok(g);
    sqlite3_int64 e = more ? sqlite3_column_int64(st, 0) : 0;
    if (n && (!more || e != event)) {
      participants_flush(g, n, event_uid);
      n = 0;
    }
    if (!more)
      break;
    if (n == 0) {
      g->sb_len = 0;
      event = e;
      event_uid = sb_col(g, st, 4);
    }
    /* role (NUL-terminated, so it reads as a string), then the actor's uid */
    const char *role = col(st, 1);
    size_t len = role ? (size_t)sqlite3_column_bytes(st, 1) : 0;
    if (reserve_items(g, (size_t)n + 1) || sb_reserve(g, len + 1)) {
      g->x.failed = 1;
      break;
    }
    item *it = &g->items[n++];
    it->off = g->sb_len, it->len = len;
    if (len)
      memcpy(g->sb + g->sb_len, role, len);
    g->sb[g->sb_len + len] = '\0';
    g->sb_len += len + 1;
    it->seq = sqlite3_column_int64(st, 2);
    it->n = sb_col(g, st, 3);
  }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    s = nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  sqlite3_finalize(st);
  return s;
}

/* actor → actor, weighted by the number of articles that tell it: GROUP BY from, to, kind
   and count(DISTINCT article) done here over the rows in the order of the relations'
   unique index, which holds them all (SQLite's per-group DISTINCT table cost more than the
   rest of the query: ~5 000 instructions per relation). */
static const char relations_sql[] =
    "SELECT r.from_id, r.to_id, r.kind, r.article_id, f.uid, d.uid FROM relations r"
    " JOIN sel_scope s ON s.id = r.article_id JOIN sel_actors k1 ON k1.id = r.from_id"
    " JOIN sel_actors k2 ON k2.id = r.to_id JOIN actors f ON f.id = r.from_id"
    " JOIN actors d ON d.id = r.to_id ORDER BY r.from_id, r.to_id, r.kind, r.article_id";

/* A value kept from an earlier row: what GROUP BY and DISTINCT compare (storage class, then
   value; the columns' INTEGER affinity keeps an integral real from standing for an integer),
   and its text (at OFF in g->sb, LEN bytes, NUL-terminated) for writing it. */
typedef struct kept {
  int type;
  sqlite3_int64 i;
  double d;
  size_t off, len;
} kept;

/* Column C of ST's row equals K. */
static int same_value(const gm *g, sqlite3_stmt *st, int c, const kept *k)
{
  int t = sqlite3_column_type(st, c);
  if (t != k->type)
    return 0;
  switch (t) {
  case SQLITE_NULL: return 1;
  case SQLITE_INTEGER: return sqlite3_column_int64(st, c) == k->i;
  case SQLITE_FLOAT: return sqlite3_column_double(st, c) == k->d;
  default: break;
  }
  const void *v = t == SQLITE_BLOB ? sqlite3_column_blob(st, c) : sqlite3_column_text(st, c);
  size_t n = (size_t)sqlite3_column_bytes(st, c);
  return n == k->len && (n == 0 || !memcmp(v, g->sb + k->off, n));
}

/* Keeps column C of ST's row in K (its text appended to g->sb); -1 out of memory. */
static int keep_value(gm *g, sqlite3_stmt *st, int c, kept *k)
{
  k->type = sqlite3_column_type(st, c); /* before any conversion */
  k->i = k->type == SQLITE_INTEGER ? sqlite3_column_int64(st, c) : 0;
  k->d = k->type == SQLITE_FLOAT ? sqlite3_column_double(st, c) : 0.0;
  k->off = g->sb_len, k->len = 0;
  if (k->type == SQLITE_NULL)
    return 0;
  const void *v = k->type == SQLITE_BLOB ? sqlite3_column_blob(st, c) : sqlite3_column_text(st, c);
  size_t n = (size_t)sqlite3_column_bytes(st, c);
  if (sb_reserve(g, n + 1))
    return -1;
  if (n)
    memcpy(g->sb + g->sb_len, v, n);
  g->sb[g->sb_len + n] = '\0';
  g->sb_len += n + 1;
  k->len = n;
  return 0;
}

static nk_status relation_edges(gm *g, nk_error *err)
{
  sqlite3_stmt *st = NULL;
  nk_status s = prepare(g, relations_sql, &st, err);
  if (s)
    return s;
  int rc;
  long n = 0; /* rows in the group; 0: no group */
  long long distinct = 0;
  sqlite3_int64 from = 0, to = 0;
  long from_uid = -1, to_uid = -1;
  kept kind = {SQLITE_NULL, 0, 0.0, 0, 0}, art = kind;
  size_t art_at = 0; /* where the last article's value goes in g->sb, after the group's */
  for (;;) {
    rc = sqlite3_step(st);
    int more = rc == SQLITE_ROW && gm_ok(g);
    /* from and to are integers: they equal an actor's rowid (the joins) */
    sqlite3_int64 f = more ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_int64 t = more ? sqlite3_column_int64(st, 1) : 0;
    int same = more && n && f == from && t == to && same_value(g, st, 2, &kind);
    if (n && !same) { /* a group ends */
      edge_start(g, sb_str(g, from_uid), from_uid < 0 ? 0 : strlen(g->sb + from_uid),
                 sb_str(g, to_uid), to_uid < 0 ? 0 : strlen(g->sb + to_uid));
      DATA(g, "e_relation", kind.type == SQLITE_NULL ? NULL : g->sb + kind.off);
      DATA_DOUBLE(g, "e_weight", (double)distinct);
      edge_end(g);
      n = 0;
    }
    if (!more)
      break;
    if (n == 0) { /* a group starts: its uids, kind and first article kept in g->sb */
      g->sb_len = 0;
      from = f, to = t, distinct = 0;
      from_uid = sb_col(g, st, 4);
      to_uid = sb_col(g, st, 5);
      if (keep_value(g, st, 2, &kind)) {
        g->x.failed = 1;
        break;
      }
      art.type = SQLITE_NULL;
      art_at = g->sb_len;
    }
    /* count(DISTINCT article_id): equal values come together in index order; NULL is not
       counted */
    if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
        (art.type == SQLITE_NULL || !same_value(g, st, 3, &art))) {
      distinct++;
      g->sb_len = art_at; /* only the last one is compared: g->sb stays one group's size */
      if (keep_value(g, st, 3, &art)) {
        g->x.failed = 1;
        break;
      }
    }
    n++;
  }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    s = nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  sqlite3_finalize(st);
  return s;
}

/* ----------------------------------------------------------------------- driver */

static nk_status each_edge(gm *g, const edge_q *q, nk_error *err)
{
  sqlite3_stmt *st = NULL;
  nk_status s = prepare(g, q->sql, &st, err);
  if (s)
    return s;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && gm_ok(g))
    edge_row(g, st, q);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    s = nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  sqlite3_finalize(st);
  return s;
}

typedef void (*node_fn)(gm *g, sqlite3_stmt *st, side *sd);

/* Called once the nodes are written, with their sides (all read to the end). */
typedef void (*after_fn)(gm *g, const side *sd);

/* Streams Q (ordered by id, id in column 0) to FN with its N side queries in step, then calls
   AFTER (may be NULL). */
static nk_status each_node(gm *g, const node_sql *q, const side_sql *sides, size_t n,
                           node_fn fn, after_fn after, nk_error *err)
{
  side sd[MAX_SIDES];
  memset(sd, 0, sizeof sd);
  sqlite3_stmt *st = NULL;
  nk_status s;
  if (g->bare)
    s = sqlite3_prepare_v2(g->db, q->bare, -1, &st, NULL) == SQLITE_OK
            ? NK_OK
            : nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  else
    s = prepare(g, q->sel, &st, err);
  for (size_t i = 0; i < n && !s; i++)
    s = side_open(g, &sd[i], &sides[i], err);
  if (!s) {
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && gm_ok(g))
      fn(g, st, sd);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
      s = nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
    for (size_t i = 0; i < n && !s; i++)
      if (sd[i].rc != SQLITE_DONE && sd[i].rc != SQLITE_ROW)
        s = nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
    if (!s && after && gm_ok(g)) {
      for (size_t i = 0; i < n; i++) /* the rows after the last node */
        while (sd[i].rc == SQLITE_ROW)
          sd[i].strays = 1, side_step(&sd[i]);
      after(g, sd);
    }
  }
  for (size_t i = 0; i < n; i++)
    sqlite3_finalize(sd[i].st);
  sqlite3_finalize(st);
  return s;
}

#define EACH_NODE(g, sql, sides, fn, after, err)                                           \
  each_node(g, sql, sides, sizeof sides / sizeof sides[0], fn, after, err)

static void position_cb(const char *uid, double x, double y, void *user)
{
  gm *g = user;
  if (g->pos_failed || !uid)
    return;
  sqlite3_bind_text(g->pos_insert, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double(g->pos_insert, 2, x);
  sqlite3_bind_double(g->pos_insert, 3, y);
  if (sqlite3_step(g->pos_insert) != SQLITE_DONE)
    g->pos_failed = 1;
  sqlite3_reset(g->pos_insert);
}

/* Fills sel_pos from the Graphviz layout. Positions are a convenience: a layout failure
   leaves the table empty (nodes are written without x/y) rather than failing the export. */
static nk_status collect_positions(gm *g, int positions, nk_error *err)
{
  if (sqlite3_exec(g->db,
                   "DROP TABLE IF EXISTS temp.sel_pos;"
                   "CREATE TEMP TABLE sel_pos(uid TEXT PRIMARY KEY, x REAL, y REAL);",
                   NULL, NULL, NULL) != SQLITE_OK)
    return nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  if (!positions)
    return NK_OK;
  if (sqlite3_prepare_v2(g->db, "INSERT OR REPLACE INTO sel_pos(uid, x, y) VALUES (?1, ?2, ?3)",
                         -1, &g->pos_insert, NULL) != SQLITE_OK)
    return nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  nk_error ignored;
  if (nk_graphviz_positions_db(g->db, position_cb, g, &ignored) != NK_OK || g->pos_failed)
    sqlite3_exec(g->db, "DELETE FROM sel_pos", NULL, NULL, NULL);
  sqlite3_finalize(g->pos_insert);
  g->pos_insert = NULL;
  return NK_OK;
}

static nk_status graphml_write(sqlite3 *db, const nk_export_options *opt, int positions,
                               int bare, FILE *out, nk_error *err);

nk_status nk_graphml_write(sqlite3 *db, const nk_export_options *opt, FILE *out, nk_error *err)
{
  return graphml_write(db, opt, 1, 0, out, err);
}

nk_status nk_graphml_write_ex(sqlite3 *db, const nk_export_options *opt, int positions,
                              FILE *out, nk_error *err)
{
  return graphml_write(db, opt, positions, 0, out, err);
}

nk_status nk_graphml_write_bare(sqlite3 *db, FILE *out, nk_error *err)
{
  return graphml_write(db, NULL, 0, 1, out, err);
}

/* 1 when an unfiltered GraphML export of DB can skip the selection (g->bare): the graph is
   too large to be laid out (so no positions, and no sel_pos), and every statement's article
   exists (the one row an unfiltered selection leaves out). The selection would then be every
   row of every table: building it (copying ~73 000 ids into TEMP tables at 1 M triples, a
   scan of the articles table among them) and joining it cost ~10% of the export. */
int nk_graphml_bare_ok(sqlite3 *db)
{
  sqlite3_stmt *st = NULL;
  int ok = 0;
  /* count(*) reads each table's smallest index; the orphan test reads statements_article
     and looks each distinct article up once (a NULL article_id joins no article either). */
  if (sqlite3_prepare_v2(db,
                         "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM actors)"
                         " + (SELECT count(*) FROM events) + (SELECT count(*) FROM statements),"
                         " EXISTS (SELECT 1 FROM (SELECT DISTINCT article_id AS a FROM statements)"
                         " WHERE a IS NULL OR a NOT IN (SELECT id FROM articles))",
                         -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    ok = sqlite3_column_int64(st, 0) > NK_GV_POSITIONS_MAX && sqlite3_column_int(st, 1) == 0;
  sqlite3_finalize(st);
  return ok;
}

static nk_status graphml_write(sqlite3 *db, const nk_export_options *opt, int positions,
                               int bare, FILE *out, nk_error *err)
{
  gm g;
  memset(&g, 0, sizeof g);
  g.db = db;
  g.bare = bare;
  nk_status st = bare ? NK_OK : collect_positions(&g, positions, err);
  if (st)
    return st;
  if (!(g.b = malloc(sizeof *g.b)))
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  g.all = bare || nk_select_all(db, opt); /* the selection tables already reflect OPT */
  if (bare)
    cameo_load(&g);
  g.size_memo = calloc(SIZE_MEMO, sizeof *g.size_memo);
  if ((st = nk_xml_open(&g.x, out, 1, err))) {
    free(g.b);
    return st;
  }
  nk_xbuf_init_xml(g.b, &g.x);
  nk_xml *x = &g.x;
  nk_xml_start(x, "graphml");
  nk_xml_attr(x, "xmlns", GRAPHML_NS);
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    nk_xml_start(x, "key");
    nk_xml_attr(x, "id", keys[i].id);
    nk_xml_attr(x, "for", keys[i].domain);
    nk_xml_attr(x, "attr.name", keys[i].name);
    nk_xml_attr(x, "attr.type", keys[i].type);
    nk_xml_end(x);
  }
  nk_xml_start(x, "graph");
  nk_xml_attr(x, "id", "newskg");
  nk_xml_attr(x, "edgedefault", "directed");
  if (!(st = EACH_NODE(&g, &articles_sql, article_sides, article_row, NULL, err)) &&
      !(st = EACH_NODE(&g, &actors_sql, actor_sides, actor_row, g.bare ? speakers_seen : NULL,
                       err)) &&
      !(st = EACH_NODE(&g, g.n_cameo ? &events_sql_cameo : &events_sql, event_sides, event_row,
                       NULL, err)) &&
      !(st = EACH_NODE(&g, g.speakers_exact ? &statements_sql_exact : &statements_sql,
                       statement_sides, statement_row, NULL, err))) {
    for (size_t i = 0; i < sizeof edges / sizeof edges[0] && !st; i++)
      st = edges[i].sql ? each_edge(&g, &edges[i], err)
           : i == 0     ? mention_edges(&g, err)
           : i == 5     ? participant_edges(&g, err)
                        : relation_edges(&g, err);
  }
  if (nk_xbuf_flush(g.b))
    g.x.io_error = 1; /* reported by nk_xml_close() */
  free(g.b);
  free(g.sb);
  free(g.items);
  free(g.cameo);
  free(g.cameo_text);
  free(g.size_memo);
  if (g.body)
    nk_xml_raw(x, "  "); /* the indentation libxml2 skips after raw output */
  nk_xml_end(x); /* graph */
  nk_xml_end(x); /* graphml */
  nk_error cerr;
  nk_status cst = nk_xml_close(&g.x, &cerr);
  if (st)
    return st;
  if (cst)
    return nk_error_set(err, cst, "graphml: %s", cerr.msg);
  return NK_OK;
}
