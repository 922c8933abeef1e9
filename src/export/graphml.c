/* GraphML export: one node per selected article, actor, event and statement (id = store
   uid), one edge per relation between two selected nodes, streamed row by row from SQLite.
   The attributes are the contract of eval/README.md plus Gephi's viz attributes (r, g, b,
   size, x, y) and timeline (start). Memory does not grow with the graph: every query is a
   cursor, and positions (when Graphviz provides them) sit in a TEMP table joined to the node
   queries.
   libxml2 writes the head (declaration, keys, <graph>) and the tail; the nodes and edges go
   through nk_xbuf, a plain buffered writer with the same cleaning, escaping and indentation
   (the bytes are identical; test_export checks the escaping against libxml2): per element,
   xmlTextWriter's calls, mallocs and copies were about half of the export time at 1 M triples
   (tests/bench/export.sh). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export/graphviz.h"
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
  nk_xml x;    /* libxml2: head and tail of the document */
  nk_xbuf *b;  /* nodes and edges, on the same FILE* */
  int open;    /* a <node ...> or <edge ...> start tag still waits for its '>' */
  int all;     /* the selection holds every row: queries without the sel_* filters */
  int body;    /* libxml2 has handed the FILE* to nk_xbuf (at the first node or edge) */
  sqlite3 *db;
  sqlite3_stmt *pos_insert; /* INSERT INTO sel_pos, while positions are collected */
  int pos_failed;
} gm;

static const char *col(sqlite3_stmt *st, int i)
{
  return (const char *)sqlite3_column_text(st, i);
}

#define PUT(g, lit) nk_xbuf_put((g)->b, lit, sizeof lit - 1)

static int gm_ok(const gm *g)
{
  return nk_xml_ok(&g->x) && !g->b->io_error;
}

/* Before the first node or edge: libxml2 closes the <graph> start tag and flushes; nk_xbuf
   writes from there on. (An empty graph stays <graph .../>.) */
static void body(gm *g)
{
  if (!g->body) {
    nk_xml_raw(&g->x, "\n");
    nk_xml_flush(&g->x);
    g->body = 1;
  }
}

/* Element start with the attributes written by the caller (attr()); the '>' waits for the
   first child, so an element without children ends in "/>", as libxml2 writes it. */
static void elem_open(gm *g)
{
  if (g->open) {
    PUT(g, ">\n");
    g->open = 0;
  }
}

/* NAME is ' name="' (a literal); nothing is written for a NULL value. */
static void attr(gm *g, const char *name, size_t name_len, const char *v)
{
  if (!v)
    return;
  nk_xbuf_put(g->b, name, name_len);
  nk_xbuf_esc(g->b, v, 1);
  PUT(g, "\"");
}
#define ATTR(g, lit, v) attr(g, lit, sizeof lit - 1, v)

static void elem_end(gm *g, const char *close, size_t close_len)
{
  if (g->open) {
    PUT(g, "/>\n");
    g->open = 0;
  } else {
    nk_xbuf_put(g->b, close, close_len);
  }
}

static void data(gm *g, const char *k, const char *v)
{
  if (!v)
    return;
  elem_open(g);
  PUT(g, "      <data key=\"");
  nk_xbuf_put(g->b, k, strlen(k));
  PUT(g, "\">");
  nk_xbuf_esc(g->b, v, 0);
  PUT(g, "</data>\n");
}

/* Writes the decimal digits of V backwards, ending just before END; returns the first. */
static char *digits(char *end, unsigned long long v)
{
  do {
    *--end = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return end;
}

static void data_int(gm *g, const char *k, long long v)
{
  char buf[32], *end = buf + sizeof buf - 1;
  *end = '\0';
  char *p = digits(end, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
  if (v < 0)
    *--p = '-';
  data(g, k, p);
}

/* Two decimals, always with a '.': printf's %f follows LC_NUMERIC, and a program linking the
   library may run under a locale that writes "2,50", which no GraphML reader takes. */
static void data_double(gm *g, const char *k, double v)
{
  if (!isfinite(v) || fabs(v) > 1e15)
    return;
  long long c = llround(fabs(v) * 100.0);
  char buf[48], *end = buf + sizeof buf - 1;
  *end = '\0';
  *--end = (char)('0' + c % 10);
  *--end = (char)('0' + c / 10 % 10);
  *--end = '.';
  char *p = digits(end, (unsigned long long)(c / 100));
  if (v < 0 && c)
    *--p = '-';
  data(g, k, p);
}

/* Colour, size (from degree) and position shared by every node kind. X and Y are columns
   that may be NULL (no layout). */
static void viz(gm *g, int r, int gr, int b, long long degree, sqlite3_stmt *st, int xcol)
{
  data_int(g, "n_degree", degree);
  data_int(g, "n_r", r);
  data_int(g, "n_g", gr);
  data_int(g, "n_b", b);
  data_double(g, "n_size", 10.0 + 6.0 * sqrt((double)(degree > 0 ? degree : 0)));
  if (sqlite3_column_type(st, xcol) != SQLITE_NULL &&
      sqlite3_column_type(st, xcol + 1) != SQLITE_NULL) {
    data_double(g, "n_x", sqlite3_column_double(st, xcol));
    data_double(g, "n_y", sqlite3_column_double(st, xcol + 1));
  }
}

static void node_start(gm *g, const char *uid, const char *kind)
{
  body(g);
  PUT(g, "    <node");
  ATTR(g, " id=\"", uid);
  g->open = 1;
  data(g, "n_kind", kind);
}

static void node_end(gm *g)
{
  elem_end(g, "    </node>\n", sizeof "    </node>\n" - 1);
}

static void offsets(gm *g, sqlite3_stmt *st, int c)
{
  if (sqlite3_column_type(st, c) == SQLITE_NULL)
    return;
  char buf[48];
  snprintf(buf, sizeof buf, "%lld-%lld", (long long)sqlite3_column_int64(st, c),
           (long long)sqlite3_column_int64(st, c + 1));
  data(g, "n_offsets", buf);
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

/* ----------------------------------------------------------------------- nodes */

#define POS_JOIN(T) " LEFT JOIN sel_pos p ON p.uid = " T ".uid"

static const char articles_sql[] =
    "SELECT a.uid, coalesce(a.title, a.file), a.file, a.date, a.lang,"
    " (SELECT count(DISTINCT m.actor_id) FROM mentions m JOIN sel_actors k ON k.id = m.actor_id"
    "   WHERE m.article_id = a.id)"
    " + (SELECT count(*) FROM statements s JOIN sel_statements t ON t.id = s.id"
    "   WHERE s.article_id = a.id)"
    " + (SELECT count(*) FROM event_accounts c JOIN sel_events e ON e.id = c.event_id"
    "   WHERE c.article_id = a.id),"
    " p.x, p.y"
    " FROM sel_articles s JOIN articles a ON a.id = s.id" POS_JOIN("a") " ORDER BY a.id";

static void article_row(gm *g, sqlite3_stmt *st)
{
  node_start(g, col(st, 0), "article");
  data(g, "n_label", col(st, 1));
  data(g, "n_file", col(st, 2));
  data(g, "n_date", col(st, 3));
  data(g, "n_lang", col(st, 4));
  data(g, "n_uid", col(st, 0));
  viz(g, 140, 140, 140, sqlite3_column_int64(st, 5), st, 6);
  node_end(g);
}

/* '|' separates aliases and roles: one inside a name becomes '/'. */
static const char actors_sql[] =
    "SELECT a.uid, a.name, a.type,"
    " (SELECT group_concat(nm, '|') FROM (SELECT replace(n.name, '|', '/') AS nm"
    "   FROM actor_names n WHERE n.actor_id = a.id ORDER BY n.n DESC, n.name)),"
    " (SELECT group_concat(rl, '|') FROM (SELECT DISTINCT replace(r.role, '|', '/') AS rl"
    "   FROM actor_roles r WHERE r.actor_id = a.id ORDER BY 1)),"
    " a.credit_only,"
    " (SELECT count(DISTINCT m.article_id) FROM mentions m"
    "   JOIN sel_articles s ON s.id = m.article_id WHERE m.actor_id = a.id)"
    " + (SELECT count(*) FROM statements s JOIN sel_statements t ON t.id = s.id"
    "   WHERE s.speaker_id = a.id)"
    " + (SELECT count(*) FROM event_participants q JOIN sel_events e ON e.id = q.event_id"
    "   WHERE q.actor_id = a.id),"
    " p.x, p.y"
    " FROM sel_actors k JOIN actors a ON a.id = k.id" POS_JOIN("a") " ORDER BY a.id";

static void actor_row(gm *g, sqlite3_stmt *st)
{
  const char *type = col(st, 2);
  int r = 66, gr = 133, b = 244; /* person: blue */
  if (type && !strcmp(type, "organization"))
    r = 219, gr = 68, b = 55;
  else if (type && !strcmp(type, "place"))
    r = 15, gr = 157, b = 88;
  node_start(g, col(st, 0), "actor");
  data(g, "n_type", type);
  data(g, "n_label", col(st, 1));
  data(g, "n_aliases", col(st, 3));
  data(g, "n_roles", col(st, 4));
  data(g, "n_credit_only", sqlite3_column_int(st, 5) ? "true" : "false");
  data(g, "n_uid", col(st, 0));
  viz(g, r, gr, b, sqlite3_column_int64(st, 6), st, 7);
  node_end(g);
}

/* The event's factuality, start and end are its first account's within the articles in
   scope (any account when none is): the account's id is looked up once per event. */
static const char events_sql[] =
    "SELECT e.uid, e.cameo, e.label, e.time_norm, cm.label_en, fa.factuality, fa.start,"
    " fa.\"end\","
    " (SELECT count(*) FROM event_participants q JOIN sel_actors k ON k.id = q.actor_id"
    "   WHERE q.event_id = e.id)"
    " + (SELECT count(*) FROM event_accounts c JOIN sel_articles s ON s.id = c.article_id"
    "   WHERE c.event_id = e.id),"
    " p.x, p.y"
    " FROM sel_events t JOIN events e ON e.id = t.id LEFT JOIN cameo cm ON cm.code = e.cameo"
    " LEFT JOIN event_accounts fa ON fa.id = coalesce("
    "   (SELECT c.id FROM event_accounts c JOIN sel_scope s ON s.id = c.article_id"
    "     WHERE c.event_id = e.id ORDER BY c.id LIMIT 1),"
    "   (SELECT min(c.id) FROM event_accounts c WHERE c.event_id = e.id))"
    POS_JOIN("e") " ORDER BY e.id";

static void event_row(gm *g, sqlite3_stmt *st)
{
  node_start(g, col(st, 0), "event");
  data(g, "n_type", col(st, 1));
  data(g, "n_label", col(st, 2));
  data(g, "n_cameo", col(st, 1));
  data(g, "n_cameo_label", col(st, 4));
  data(g, "n_factuality", col(st, 5));
  data(g, "n_date", col(st, 3));
  if (is_iso_date(col(st, 3)))
    data(g, "n_start", col(st, 3));
  offsets(g, st, 6);
  data(g, "n_uid", col(st, 0));
  viz(g, 244, 160, 0, sqlite3_column_int64(st, 8), st, 9);
  node_end(g);
}

static const char statements_sql[] =
    "SELECT s.uid, s.kind, s.text, s.verb, s.stance, s.start, s.\"end\","
    /* coalesce: a NULL speaker or attributed_to makes IN yield NULL, and NULL + ... would
       turn the whole degree into NULL (read as 0). */
    " coalesce(s.speaker_id IN (SELECT id FROM sel_actors), 0)"
    " + coalesce(s.attributed_to IN (SELECT id FROM sel_actors), 0)"
    " + (s.article_id IN (SELECT id FROM sel_articles))"
    " + (SELECT count(*) FROM statement_links l WHERE l.statement_id = s.id"
    "    AND (l.event_id IN (SELECT id FROM sel_events)"
    "         OR l.actor_id IN (SELECT id FROM sel_actors))),"
    " p.x, p.y"
    " FROM sel_statements t JOIN statements s ON s.id = t.id" POS_JOIN("s") " ORDER BY s.id";

static void statement_row(gm *g, sqlite3_stmt *st)
{
  const char *text = col(st, 2);
  char *label = text ? nk_short_text(text, 60) : NULL;
  if (text && !label)
    g->x.failed = 1;
  node_start(g, col(st, 0), "statement");
  data(g, "n_type", col(st, 1));
  data(g, "n_label", label);
  data(g, "n_text", text);
  data(g, "n_verb", col(st, 3));
  data(g, "n_stance", col(st, 4));
  offsets(g, st, 5);
  data(g, "n_uid", col(st, 0));
  viz(g, 142, 68, 173, sqlite3_column_int64(st, 7), st, 8);
  node_end(g);
  free(label);
}

/* ----------------------------------------------------------------------- edges */

/* Every edge query yields: source uid, target uid, relation, weight, factuality (or NULL). */
static const char *const edges_sql[] = {
    /* article → actor it mentions, weighted by the number of mentions */
    "SELECT ar.uid, ac.uid, 'mentions', count(*), NULL FROM mentions m"
    " JOIN sel_articles s ON s.id = m.article_id JOIN sel_actors k ON k.id = m.actor_id"
    " JOIN articles ar ON ar.id = m.article_id JOIN actors ac ON ac.id = m.actor_id"
    " GROUP BY m.article_id, m.actor_id ORDER BY m.article_id, m.actor_id",
    /* article → statement */
    "SELECT ar.uid, st.uid, 'contains', 1, NULL FROM statements st"
    " JOIN sel_statements t ON t.id = st.id JOIN sel_articles s ON s.id = st.article_id"
    " JOIN articles ar ON ar.id = st.article_id ORDER BY st.id",
    /* article → event, one per account, with the account's own factuality */
    "SELECT ar.uid, e.uid, 'contains', 1, c.factuality FROM event_accounts c"
    " JOIN sel_events t ON t.id = c.event_id JOIN sel_articles s ON s.id = c.article_id"
    " JOIN articles ar ON ar.id = c.article_id JOIN events e ON e.id = c.event_id ORDER BY c.id",
    /* speaker → statement */
    "SELECT ac.uid, st.uid, 'said', 1, NULL FROM statements st"
    " JOIN sel_statements t ON t.id = st.id JOIN sel_actors k ON k.id = st.speaker_id"
    " JOIN actors ac ON ac.id = st.speaker_id ORDER BY st.id",
    /* statement → actor whose words the speaker reports */
    "SELECT st.uid, ac.uid, 'attributed_to', 1, NULL FROM statements st"
    " JOIN sel_statements t ON t.id = st.id JOIN sel_actors k ON k.id = st.attributed_to"
    " JOIN actors ac ON ac.id = st.attributed_to ORDER BY st.id",
    /* source and participant actor → event; event → target actor */
    "SELECT CASE WHEN q.role = 'target' THEN e.uid ELSE ac.uid END,"
    " CASE WHEN q.role = 'target' THEN ac.uid ELSE e.uid END, q.role, 1, NULL"
    " FROM event_participants q JOIN sel_events t ON t.id = q.event_id"
    " JOIN sel_actors k ON k.id = q.actor_id JOIN actors ac ON ac.id = q.actor_id"
    " JOIN events e ON e.id = q.event_id ORDER BY q.event_id, q.role, q.actor_id",
    /* event → place */
    "SELECT e.uid, ac.uid, 'place', 1, NULL FROM events e JOIN sel_events t ON t.id = e.id"
    " JOIN sel_actors k ON k.id = e.place_id JOIN actors ac ON ac.id = e.place_id ORDER BY e.id",
    /* statement → event it is about, confirms or denies */
    "SELECT st.uid, e.uid, l.kind, 1, NULL FROM statement_links l"
    " JOIN sel_statements t ON t.id = l.statement_id JOIN sel_events u ON u.id = l.event_id"
    " JOIN statements st ON st.id = l.statement_id JOIN events e ON e.id = l.event_id"
    " ORDER BY l.statement_id, e.id",
    /* statement → actor it is about */
    "SELECT st.uid, ac.uid, l.kind, 1, NULL FROM statement_links l"
    " JOIN sel_statements t ON t.id = l.statement_id JOIN sel_actors k ON k.id = l.actor_id"
    " JOIN statements st ON st.id = l.statement_id JOIN actors ac ON ac.id = l.actor_id"
    " ORDER BY l.statement_id, ac.id",
    /* actor → actor, weighted by the number of articles that tell it */
    "SELECT f.uid, d.uid, r.kind, count(DISTINCT r.article_id), NULL FROM relations r"
    " JOIN sel_scope s ON s.id = r.article_id JOIN sel_actors k1 ON k1.id = r.from_id"
    " JOIN sel_actors k2 ON k2.id = r.to_id JOIN actors f ON f.id = r.from_id"
    " JOIN actors d ON d.id = r.to_id GROUP BY r.from_id, r.to_id, r.kind"
    " ORDER BY r.from_id, r.to_id, r.kind",
};

static void edge_row(gm *g, sqlite3_stmt *st)
{
  body(g);
  PUT(g, "    <edge");
  ATTR(g, " source=\"", col(st, 0));
  ATTR(g, " target=\"", col(st, 1));
  g->open = 1;
  data(g, "e_relation", col(st, 2));
  data_double(g, "e_weight", sqlite3_column_double(st, 3));
  data(g, "e_factuality", col(st, 4));
  elem_end(g, "    </edge>\n", sizeof "    </edge>\n" - 1);
}

/* ----------------------------------------------------------------------- driver */

typedef void (*row_fn)(gm *g, sqlite3_stmt *st);

/* 1 when the selection holds every article, actor, event and statement (an unfiltered
   export): the queries then need not check each row and endpoint against it. */
static int selects_all(sqlite3 *db)
{
  static const char sql[] =
      "SELECT (SELECT count(*) FROM sel_articles k JOIN articles a ON a.id = k.id)"
      "   = (SELECT count(*) FROM articles)"
      " AND (SELECT count(*) FROM sel_scope k JOIN articles a ON a.id = k.id)"
      "   = (SELECT count(*) FROM articles)"
      " AND (SELECT count(*) FROM sel_actors k JOIN actors a ON a.id = k.id)"
      "   = (SELECT count(*) FROM actors)"
      " AND (SELECT count(*) FROM sel_events k JOIN events a ON a.id = k.id)"
      "   = (SELECT count(*) FROM events)"
      " AND (SELECT count(*) FROM sel_statements k JOIN statements a ON a.id = k.id)"
      "   = (SELECT count(*) FROM statements)";
  sqlite3_stmt *st = NULL;
  int all = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    all = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return all;
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

static nk_status each_row(gm *g, const char *sql, row_fn fn, nk_error *err)
{
  sqlite3_stmt *st = NULL;
  char *all = g->all ? unselect(sql) : NULL;
  if (g->all && !all)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  int prc = sqlite3_prepare_v2(g->db, all ? all : sql, -1, &st, NULL);
  free(all);
  if (prc != SQLITE_OK)
    return nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && gm_ok(g))
    fn(g, st);
  nk_status s = NK_OK;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    s = nk_error_set(err, NK_ERR_DB, "graphml: %s", sqlite3_errmsg(g->db));
  sqlite3_finalize(st);
  return s;
}

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

nk_status nk_graphml_write(sqlite3 *db, const nk_export_options *opt, FILE *out, nk_error *err)
{
  return nk_graphml_write_ex(db, opt, 1, out, err);
}

nk_status nk_graphml_write_ex(sqlite3 *db, const nk_export_options *opt, int positions,
                              FILE *out, nk_error *err)
{
  (void)opt; /* the selection tables already reflect it */
  gm g;
  memset(&g, 0, sizeof g);
  g.db = db;
  nk_status st = collect_positions(&g, positions, err);
  if (st)
    return st;
  if (!(g.b = malloc(sizeof *g.b)))
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  nk_xbuf_init(g.b, out);
  g.all = selects_all(db);
  if ((st = nk_xml_open(&g.x, out, 1, err))) {
    free(g.b);
    return st;
  }
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
  if (!(st = each_row(&g, articles_sql, article_row, err)) &&
      !(st = each_row(&g, actors_sql, actor_row, err)) &&
      !(st = each_row(&g, events_sql, event_row, err)) &&
      !(st = each_row(&g, statements_sql, statement_row, err))) {
    for (size_t i = 0; i < sizeof edges_sql / sizeof edges_sql[0] && !st; i++)
      st = each_row(&g, edges_sql[i], edge_row, err);
  }
  if (nk_xbuf_flush(g.b))
    g.x.io_error = 1; /* reported by nk_xml_close() */
  free(g.b);
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
