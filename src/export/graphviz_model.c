/* Reads the part of the store a diagram shows into a plain model. The cap is applied in SQL
   (gvsel_* TEMP tables) so a million-triple store never comes into memory: only the kept
   nodes and the edges between them do. Prepared statements only; every string read is copied
   (the model owns it). */
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "export/graphviz_internal.h"
#include "newskg/text.h"

static nk_status db_fail(sqlite3 *db, nk_error *err, const char *what) {
  return nk_error_set(err, NK_ERR_DB, "diagram: %s: %s", what, sqlite3_errmsg(db));
}

static nk_status exec(sqlite3 *db, const char *sql, nk_error *err) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    nk_status st = nk_error_set(err, NK_ERR_DB, "diagram: %s", msg ? msg : "sqlite error");
    sqlite3_free(msg);
    return st;
  }
  return NK_OK;
}

static char *dup_col(sqlite3_stmt *st, int col) {
  const unsigned char *t = sqlite3_column_text(st, col);
  if (!t) return NULL;
  size_t n = (size_t)sqlite3_column_bytes(st, col);
  char *s = malloc(n + 1);
  if (s) {
    memcpy(s, t, n);
    s[n] = '\0';
  }
  return s;
}

void nk_gv_model_free(nk_gv_model *m) {
  if (!m) return;
  for (size_t i = 0; i < m->n_nodes; i++) {
    nk_gv_node *n = &m->nodes[i];
    free(n->uid); free(n->text); free(n->type); free(n->extra); free(n->tip);
  }
  for (size_t i = 0; i < m->n_edges; i++) {
    free(m->edges[i].label);
    free(m->edges[i].tip);
  }
  free(m->nodes);
  free(m->edges);
  memset(m, 0, sizeof *m);
}

static nk_gv_node *add_node(nk_gv_model *m) {
  if (m->n_nodes == m->cap_nodes) {
    size_t cap = m->cap_nodes ? m->cap_nodes * 2 : 64;
    nk_gv_node *t = realloc(m->nodes, cap * sizeof *t);
    if (!t) return NULL;
    m->nodes = t;
    m->cap_nodes = cap;
  }
  nk_gv_node *n = &m->nodes[m->n_nodes++];
  memset(n, 0, sizeof *n);
  return n;
}

static nk_gv_edge *add_edge(nk_gv_model *m, size_t from, size_t to, nk_gv_edge_kind kind) {
  if (m->n_edges == m->cap_edges) {
    size_t cap = m->cap_edges ? m->cap_edges * 2 : 64;
    nk_gv_edge *t = realloc(m->edges, cap * sizeof *t);
    if (!t) return NULL;
    m->edges = t;
    m->cap_edges = cap;
  }
  nk_gv_edge *e = &m->edges[m->n_edges++];
  memset(e, 0, sizeof *e);
  e->from = from;
  e->to = to;
  e->kind = kind;
  e->directed = kind != NK_GV_E_PARTICIPANT;
  e->weight = 1;
  return e;
}

size_t nk_gv_find(const nk_gv_model *m, nk_gv_kind kind, int64_t id) {
  size_t lo = m->first[kind], hi = m->first[kind + 1];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->nodes[mid].id < id) lo = mid + 1;
    else if (m->nodes[mid].id > id) hi = mid;
    else return mid;
  }
  return (size_t)-1;
}

nk_status nk_gv_selection_size(sqlite3 *db, int64_t *nodes, nk_error *err) {
  static const char sql[] =
      "SELECT (SELECT count(*) FROM sel_articles) + (SELECT count(*) FROM sel_actors) + "
      "(SELECT count(*) FROM sel_events) + (SELECT count(*) FROM sel_statements)";
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "counting the selection");
  int rc = sqlite3_step(st);
  *nodes = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return rc == SQLITE_ROW ? NK_OK : db_fail(db, err, "counting the selection");
}

/* Runs one INSERT with up to two integer parameters. */
static nk_status run_insert(sqlite3 *db, const char *sql, int64_t p1, int64_t p2,
                            nk_error *err) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "selecting the diagram");
  int np = sqlite3_bind_parameter_count(st);
  if (np >= 1) sqlite3_bind_int64(st, 1, p1);
  if (np >= 2) sqlite3_bind_int64(st, 2, p2);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? NK_OK : db_fail(db, err, "selecting the diagram");
}

nk_status nk_gv_select(sqlite3 *db, int64_t max_actors, int64_t max_other, int all,
                       nk_error *err) {
  nk_status st = exec(db,
      "CREATE TEMP TABLE IF NOT EXISTS gvsel_deg(id INTEGER PRIMARY KEY, deg INTEGER);"
      "CREATE TEMP TABLE IF NOT EXISTS gvsel_actors(id INTEGER PRIMARY KEY, deg INTEGER);"
      "CREATE TEMP TABLE IF NOT EXISTS gvsel_events(id INTEGER PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS gvsel_statements(id INTEGER PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS gvsel_articles(id INTEGER PRIMARY KEY);"
      "DELETE FROM gvsel_deg; DELETE FROM gvsel_actors; DELETE FROM gvsel_events;"
      "DELETE FROM gvsel_statements; DELETE FROM gvsel_articles;", err);
  if (st) return st;

  /* Degree: every link an actor has within the selection. */
  st = run_insert(db,
      "INSERT INTO gvsel_deg(id, deg) SELECT x, count(*) FROM ("
      " SELECT p.actor_id AS x FROM event_participants p JOIN sel_events e ON e.id = p.event_id"
      " UNION ALL SELECT ev.place_id FROM events ev JOIN sel_events e ON e.id = ev.id"
      "  WHERE ev.place_id IS NOT NULL"
      " UNION ALL SELECT s.speaker_id FROM statements s JOIN sel_statements t ON t.id = s.id"
      "  WHERE s.speaker_id IS NOT NULL"
      " UNION ALL SELECT s.attributed_to FROM statements s JOIN sel_statements t ON t.id = s.id"
      "  WHERE s.attributed_to IS NOT NULL"
      " UNION ALL SELECT l.actor_id FROM statement_links l"
      "  JOIN sel_statements t ON t.id = l.statement_id WHERE l.actor_id IS NOT NULL"
      " UNION ALL SELECT r.from_id FROM relations r JOIN sel_articles a ON a.id = r.article_id"
      " UNION ALL SELECT r.to_id FROM relations r JOIN sel_articles a ON a.id = r.article_id"
      ") JOIN sel_actors k ON k.id = x GROUP BY x",
      0, 0, err);
  if (st) return st;

  st = run_insert(db,
      "INSERT INTO gvsel_actors(id, deg)"
      " SELECT k.id, coalesce(d.deg, 0) FROM sel_actors k JOIN actors a ON a.id = k.id"
      " LEFT JOIN gvsel_deg d ON d.id = k.id"
      " WHERE ?2 OR a.credit_only = 0 OR d.deg > 0"
      " ORDER BY coalesce(d.deg, 0) DESC, k.id LIMIT ?1",
      max_actors, all, err);
  if (st) return st;

  /* Events with a kept participant (most kept participants first), and events none of
     whose participants is in the selection at all (nothing was cut from them). */
  st = run_insert(db,
      "INSERT INTO gvsel_events(id)"
      " SELECT e.id FROM sel_events e LEFT JOIN ("
      "  SELECT p.event_id AS eid, count(*) AS c FROM event_participants p"
      "  JOIN gvsel_actors k ON k.id = p.actor_id GROUP BY p.event_id) kp ON kp.eid = e.id"
      " WHERE kp.c > 0 OR NOT EXISTS (SELECT 1 FROM event_participants p"
      "  JOIN sel_actors s ON s.id = p.actor_id WHERE p.event_id = e.id)"
      " ORDER BY coalesce(kp.c, 0) DESC, e.id LIMIT ?1",
      max_other, 0, err);
  if (st) return st;

  /* Statements round-robin over speakers (each one's first, then each one's second...), so
     one talkative speaker does not take the whole budget. */
  st = run_insert(db,
      "INSERT INTO gvsel_statements(id) SELECT id FROM ("
      " SELECT s.id AS id, coalesce(k.deg, 0) AS deg,"
      "  row_number() OVER (PARTITION BY s.speaker_id ORDER BY s.id) AS turn"
      " FROM sel_statements t JOIN statements s ON s.id = t.id"
      " LEFT JOIN gvsel_actors k ON k.id = s.speaker_id"
      " WHERE s.speaker_id IS NULL OR k.id IS NOT NULL"
      "  OR s.speaker_id NOT IN (SELECT id FROM sel_actors))"
      " ORDER BY turn, deg DESC, id LIMIT ?1",
      max_other, 0, err);
  if (st) return st;

  return run_insert(db,
      "INSERT INTO gvsel_articles(id)"
      " SELECT a.id FROM sel_articles a WHERE ?1"
      "  OR EXISTS (SELECT 1 FROM statements s JOIN gvsel_statements g ON g.id = s.id"
      "             WHERE s.article_id = a.id)"
      "  OR EXISTS (SELECT 1 FROM event_accounts c JOIN gvsel_events g ON g.id = c.event_id"
      "             WHERE c.article_id = a.id)"
      "  OR EXISTS (SELECT 1 FROM mentions m JOIN gvsel_actors g ON g.id = m.actor_id"
      "             WHERE m.article_id = a.id)",
      all, 0, err);
}

/* Runs SQL and calls ROW for each result row. */
typedef nk_status (*row_fn)(sqlite3_stmt *st, nk_gv_model *m);

static nk_status each_row(sqlite3 *db, nk_gv_model *m, const char *sql, row_fn row,
                          nk_error *err) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "reading the diagram");
  int rc;
  nk_status s = NK_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    s = row(st, m);
    if (s) break;
  }
  sqlite3_finalize(st);
  if (s == NK_ERR_NOMEM) return nk_error_set(err, NK_ERR_NOMEM, "diagram: out of memory");
  if (s) return s;
  return rc == SQLITE_DONE ? NK_OK : db_fail(db, err, "reading the diagram");
}

/* Node rows: id, uid, text, type, extra, tip, cluster, degree. */
static nk_status node_row(sqlite3_stmt *st, nk_gv_model *m, nk_gv_kind kind) {
  nk_gv_node *n = add_node(m);
  if (!n) return NK_ERR_NOMEM;
  n->kind = kind;
  n->id = sqlite3_column_int64(st, 0);
  n->uid = dup_col(st, 1);
  n->text = dup_col(st, 2);
  n->type = dup_col(st, 3);
  n->extra = dup_col(st, 4);
  n->tip = dup_col(st, 5);
  n->cluster = sqlite3_column_int64(st, 6);
  n->degree = sqlite3_column_int64(st, 7);
  if (!n->uid) return NK_ERR_NOMEM;
  if (!n->text && !(n->text = calloc(1, 1))) return NK_ERR_NOMEM;
  return NK_OK;
}
static nk_status article_row(sqlite3_stmt *st, nk_gv_model *m) {
  return node_row(st, m, NK_GV_ARTICLE);
}
static nk_status actor_row(sqlite3_stmt *st, nk_gv_model *m) {
  return node_row(st, m, NK_GV_ACTOR);
}
static nk_status event_row(sqlite3_stmt *st, nk_gv_model *m) {
  return node_row(st, m, NK_GV_EVENT);
}
static nk_status statement_row(sqlite3_stmt *st, nk_gv_model *m) {
  return node_row(st, m, NK_GV_STATEMENT);
}

static const char SQL_ARTICLES[] =
    "SELECT a.id, a.uid, coalesce(a.title, a.file), a.date,"
    " CASE WHEN a.title IS NOT NULL THEN a.file END, NULL, 0, 0"
    " FROM gvsel_articles g JOIN articles a ON a.id = g.id ORDER BY a.id";

/* An actor is drawn inside its article's box when all its mentions are in that article. */
static const char SQL_ACTORS[] =
    "SELECT a.id, a.uid, a.name, a.type,"
    " (SELECT min(role) FROM actor_roles r WHERE r.actor_id = a.id),"
    " (SELECT group_concat(role, '; ') FROM (SELECT DISTINCT role FROM actor_roles r"
    "   WHERE r.actor_id = a.id LIMIT 6)),"
    " (SELECT CASE WHEN min(m.article_id) = max(m.article_id) THEN min(m.article_id) END"
    "   FROM mentions m JOIN gvsel_articles ga ON ga.id = m.article_id"
    "   WHERE m.actor_id = a.id),"
    " k.deg FROM gvsel_actors k JOIN actors a ON a.id = k.id ORDER BY a.id";

static const char SQL_EVENTS[] =
    "SELECT e.id, e.uid, coalesce(c.label_en, e.label),"
    " (SELECT factuality FROM event_accounts x WHERE x.event_id = e.id ORDER BY x.id LIMIT 1),"
    " coalesce((SELECT coalesce(x.time_norm, x.time_text) FROM event_accounts x"
    "   WHERE x.event_id = e.id ORDER BY x.time_norm IS NULL, x.id LIMIT 1), e.time_norm),"
    " e.label || coalesce(' (' || (SELECT trigger FROM event_accounts x"
    "   WHERE x.event_id = e.id ORDER BY x.id LIMIT 1) || ')', ''),"
    " (SELECT CASE WHEN min(x.article_id) = max(x.article_id) THEN min(x.article_id) END"
    "   FROM event_accounts x JOIN gvsel_articles ga ON ga.id = x.article_id"
    "   WHERE x.event_id = e.id),"
    " 0 FROM gvsel_events g JOIN events e ON e.id = g.id"
    " LEFT JOIN cameo c ON c.code = e.cameo ORDER BY e.id";

static const char SQL_STATEMENTS[] =
    "SELECT s.id, s.uid, s.text, s.stance, sp.name, s.verb,"
    " CASE WHEN s.article_id IN (SELECT id FROM gvsel_articles) THEN s.article_id END, 0"
    " FROM gvsel_statements g JOIN statements s ON s.id = g.id"
    " LEFT JOIN actors sp ON sp.id = s.speaker_id ORDER BY s.id";

/* Edge rows: kind (nk_gv_kind) and id of each end, the edge kind, a label. */
static nk_status edge_row(sqlite3_stmt *st, nk_gv_model *m) {
  size_t a = nk_gv_find(m, (nk_gv_kind)sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1));
  size_t b = nk_gv_find(m, (nk_gv_kind)sqlite3_column_int(st, 2), sqlite3_column_int64(st, 3));
  if (a == (size_t)-1 || b == (size_t)-1) return NK_OK; /* end not drawn */
  nk_gv_edge *e = add_edge(m, a, b, (nk_gv_edge_kind)sqlite3_column_int(st, 4));
  if (!e) return NK_ERR_NOMEM;
  if (sqlite3_column_type(st, 5) != SQLITE_NULL && !(e->label = dup_col(st, 5)))
    return NK_ERR_NOMEM;
  return NK_OK;
}

/* The enumerations as SQL literals (checked against the enums below). */
#define Q_GV_ARTICLE "0"
#define Q_GV_ACTOR "1"
#define Q_GV_EVENT "2"
#define Q_GV_STATEMENT "3"
#define Q_GV_E_SOURCE "0"
#define Q_GV_E_TARGET "1"
#define Q_GV_E_PARTICIPANT "2"
#define Q_GV_E_PLACE "3"
#define Q_GV_E_SAID "4"
#define Q_GV_E_ATTRIBUTED "5"
#define Q_GV_E_ABOUT "6"
#define Q_GV_E_CONFIRMS "7"
#define Q_GV_E_DENIES "8"
#define Q_GV_E_RELATION "9"
#define Q_GV_E_CONTAINS "11"
_Static_assert(NK_GV_ARTICLE == 0 && NK_GV_ACTOR == 1 && NK_GV_EVENT == 2 &&
               NK_GV_STATEMENT == 3, "Q_GV_* out of date");
_Static_assert(NK_GV_E_SOURCE == 0 && NK_GV_E_TARGET == 1 && NK_GV_E_PARTICIPANT == 2 &&
               NK_GV_E_PLACE == 3 && NK_GV_E_SAID == 4 && NK_GV_E_ATTRIBUTED == 5 &&
               NK_GV_E_ABOUT == 6 && NK_GV_E_CONFIRMS == 7 && NK_GV_E_DENIES == 8 &&
               NK_GV_E_RELATION == 9 && NK_GV_E_CONTAINS == 11, "Q_GV_E_* out of date");

static const char SQL_EDGES[] =
    /* participants: source actor → event → target actor */
    "SELECT CASE p.role WHEN 'target' THEN " Q_GV_EVENT " ELSE " Q_GV_ACTOR " END,"
    " CASE p.role WHEN 'target' THEN p.event_id ELSE p.actor_id END,"
    " CASE p.role WHEN 'target' THEN " Q_GV_ACTOR " ELSE " Q_GV_EVENT " END,"
    " CASE p.role WHEN 'target' THEN p.actor_id ELSE p.event_id END,"
    " CASE p.role WHEN 'source' THEN " Q_GV_E_SOURCE " WHEN 'target' THEN "
    Q_GV_E_TARGET " ELSE " Q_GV_E_PARTICIPANT " END, NULL"
    " FROM event_participants p JOIN gvsel_events ge ON ge.id = p.event_id"
    " JOIN gvsel_actors ga ON ga.id = p.actor_id"
    " UNION ALL SELECT " Q_GV_EVENT ", e.id, " Q_GV_ACTOR ", e.place_id, "
    Q_GV_E_PLACE ", NULL FROM events e JOIN gvsel_events g ON g.id = e.id"
    " WHERE e.place_id IN (SELECT id FROM gvsel_actors) AND NOT EXISTS (SELECT 1 FROM"
    "  event_participants p WHERE p.event_id = e.id AND p.actor_id = e.place_id)"
    " UNION ALL SELECT " Q_GV_ACTOR ", s.speaker_id, " Q_GV_STATEMENT ", s.id, "
    Q_GV_E_SAID ", s.verb FROM statements s JOIN gvsel_statements g ON g.id = s.id"
    " WHERE s.speaker_id IN (SELECT id FROM gvsel_actors)"
    " UNION ALL SELECT " Q_GV_STATEMENT ", s.id, " Q_GV_ACTOR ", s.attributed_to, "
    Q_GV_E_ATTRIBUTED ", NULL FROM statements s JOIN gvsel_statements g ON g.id = s.id"
    " WHERE s.attributed_to IN (SELECT id FROM gvsel_actors)"
    " UNION ALL SELECT " Q_GV_STATEMENT ", l.statement_id,"
    " CASE WHEN l.event_id IS NULL THEN " Q_GV_ACTOR " ELSE " Q_GV_EVENT " END,"
    " coalesce(l.event_id, l.actor_id),"
    " CASE l.kind WHEN 'confirms' THEN " Q_GV_E_CONFIRMS " WHEN 'denies' THEN "
    Q_GV_E_DENIES " ELSE " Q_GV_E_ABOUT " END, NULL"
    " FROM statement_links l JOIN gvsel_statements g ON g.id = l.statement_id"
    " UNION ALL SELECT DISTINCT " Q_GV_ACTOR ", r.from_id, " Q_GV_ACTOR ", r.to_id, "
    Q_GV_E_RELATION ", r.kind FROM relations r"
    " JOIN gvsel_actors a ON a.id = r.from_id JOIN gvsel_actors b ON b.id = r.to_id"
    " WHERE r.article_id IN (SELECT id FROM sel_articles)";

/* Article membership, for positions (articles are nodes there). */
static const char SQL_CONTAINS[] =
    "SELECT " Q_GV_ARTICLE ", s.article_id, " Q_GV_STATEMENT ", s.id, "
    Q_GV_E_CONTAINS ", NULL FROM statements s JOIN gvsel_statements g ON g.id = s.id"
    " UNION ALL SELECT DISTINCT " Q_GV_ARTICLE ", c.article_id, " Q_GV_EVENT
    ", c.event_id, " Q_GV_E_CONTAINS ", NULL FROM event_accounts c"
    " JOIN gvsel_events g ON g.id = c.event_id"
    " UNION ALL SELECT DISTINCT " Q_GV_ARTICLE ", m.article_id, " Q_GV_ACTOR
    ", m.actor_id, " Q_GV_E_CONTAINS ", NULL FROM mentions m"
    " JOIN gvsel_actors g ON g.id = m.actor_id";

static nk_status load_nodes(sqlite3 *db, nk_gv_model *m, int articles, int details,
                            nk_error *err) {
  nk_status st;
  m->first[NK_GV_ARTICLE] = m->n_nodes;
  if (articles && (st = each_row(db, m, SQL_ARTICLES, article_row, err))) return st;
  m->first[NK_GV_ACTOR] = m->n_nodes;
  if ((st = each_row(db, m, SQL_ACTORS, actor_row, err))) return st;
  m->first[NK_GV_EVENT] = m->n_nodes;
  if (details && (st = each_row(db, m, SQL_EVENTS, event_row, err))) return st;
  m->first[NK_GV_STATEMENT] = m->n_nodes;
  if (details && (st = each_row(db, m, SQL_STATEMENTS, statement_row, err))) return st;
  m->first[NK_GV_KINDS] = m->n_nodes;
  return NK_OK;
}

static nk_status count_actors(sqlite3 *db, nk_gv_model *m, nk_error *err) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sel_actors", -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "counting actors");
  if (sqlite3_step(st) == SQLITE_ROW) m->sel_actors = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  m->kept_actors = (int64_t)(m->first[NK_GV_ACTOR + 1] - m->first[NK_GV_ACTOR]);
  return NK_OK;
}

nk_status nk_gv_load_detail(sqlite3 *db, nk_gv_model *m, int with_articles, nk_error *err) {
  nk_status st = load_nodes(db, m, 1, 1, err);
  if (!st) st = each_row(db, m, SQL_EDGES, edge_row, err);
  if (!st && with_articles) st = each_row(db, m, SQL_CONTAINS, edge_row, err);
  if (!st) st = count_actors(db, m, err);
  return st;
}

/* ---- actors diagram: actor → actor edges aggregated ------------------------------------ */

typedef struct pair_row {
  int64_t a, b;
  int directed;
  char *label;
} pair_row;

typedef struct pair_rows {
  pair_row *v;
  size_t n, cap;
} pair_rows;

static int cmp_pair(const void *x, const void *y) {
  const pair_row *p = x, *q = y;
  if (p->a != q->a) return p->a < q->a ? -1 : 1;
  if (p->b != q->b) return p->b < q->b ? -1 : 1;
  if (p->directed != q->directed) return p->directed - q->directed;
  return strcmp(p->label, q->label);
}

static const char SQL_PAIRS[] =
    /* co-participants: source → target directed; any other pair once, undirected */
    "SELECT p1.actor_id, p2.actor_id,"
    " p1.role = 'source' AND p2.role = 'target', coalesce(c.label_en, e.label)"
    " FROM event_participants p1 JOIN sel_events se ON se.id = p1.event_id"
    " JOIN gvsel_actors k1 ON k1.id = p1.actor_id"
    " JOIN event_participants p2 ON p2.event_id = p1.event_id AND p2.actor_id <> p1.actor_id"
    " JOIN gvsel_actors k2 ON k2.id = p2.actor_id"
    " JOIN events e ON e.id = p1.event_id LEFT JOIN cameo c ON c.code = e.cameo"
    " WHERE (p1.role = 'source' AND p2.role = 'target') OR (p1.actor_id < p2.actor_id AND NOT"
    "  ((p1.role = 'source' AND p2.role = 'target') OR (p1.role = 'target' AND p2.role = 'source')))"
    " UNION ALL SELECT s.speaker_id, l.actor_id, 1,"
    "  CASE l.kind WHEN 'about' THEN 'said about' ELSE l.kind END"
    " FROM statement_links l JOIN sel_statements t ON t.id = l.statement_id"
    " JOIN statements s ON s.id = l.statement_id"
    " JOIN gvsel_actors k1 ON k1.id = s.speaker_id JOIN gvsel_actors k2 ON k2.id = l.actor_id"
    " WHERE l.actor_id <> s.speaker_id"
    " UNION ALL SELECT s.speaker_id, s.attributed_to, 1, 'quotes'"
    " FROM statements s JOIN sel_statements t ON t.id = s.id"
    " JOIN gvsel_actors k1 ON k1.id = s.speaker_id JOIN gvsel_actors k2 ON k2.id = s.attributed_to"
    " WHERE s.attributed_to <> s.speaker_id"
    " UNION ALL SELECT r.from_id, r.to_id, 1, replace(r.kind, '_', ' ')"
    " FROM relations r JOIN sel_articles sa ON sa.id = r.article_id"
    " JOIN gvsel_actors k1 ON k1.id = r.from_id JOIN gvsel_actors k2 ON k2.id = r.to_id"
    " WHERE r.from_id <> r.to_id";

static nk_status read_pairs(sqlite3 *db, pair_rows *rows, nk_error *err) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, SQL_PAIRS, -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "reading actor links");
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (rows->n == rows->cap) {
      size_t cap = rows->cap ? rows->cap * 2 : 256;
      pair_row *t = realloc(rows->v, cap * sizeof *t);
      if (!t) break;
      rows->v = t;
      rows->cap = cap;
    }
    pair_row *r = &rows->v[rows->n];
    r->a = sqlite3_column_int64(st, 0);
    r->b = sqlite3_column_int64(st, 1);
    r->directed = sqlite3_column_int(st, 2) != 0;
    r->label = dup_col(st, 3);
    if (!r->label && !(r->label = calloc(1, 1))) break;
    rows->n++;
  }
  sqlite3_finalize(st);
  if (rc == SQLITE_ROW) return nk_error_set(err, NK_ERR_NOMEM, "diagram: out of memory");
  return rc == SQLITE_DONE ? NK_OK : db_fail(db, err, "reading actor links");
}

/* One aggregated edge from rows [i, j) (same pair, sorted by label): label "discuss ×2"
   from the most frequent relation, tooltip with every relation and its count. */
static nk_status aggregate(nk_gv_model *m, const pair_row *v, size_t i, size_t j) {
  size_t a = nk_gv_find(m, NK_GV_ACTOR, v[i].a), b = nk_gv_find(m, NK_GV_ACTOR, v[i].b);
  if (a == (size_t)-1 || b == (size_t)-1) return NK_OK;
  nk_gv_edge *e = add_edge(m, a, b, NK_GV_E_AGGREGATE);
  if (!e) return NK_ERR_NOMEM;
  e->directed = v[i].directed;
  e->weight = (int64_t)(j - i);
  nk_gv_buf tip = {0};
  size_t best = i, best_n = 0, k = i, kinds = 0;
  while (k < j) {
    size_t l = k;
    while (l < j && strcmp(v[l].label, v[k].label) == 0) l++;
    if (l - k > best_n) {
      best_n = l - k;
      best = k;
    }
    char num[32];
    snprintf(num, sizeof num, " \xC3\x97%zu", l - k); /* " ×n" */
    if (kinds++) nk_gv_buf_puts(&tip, "; ");
    nk_gv_buf_puts(&tip, v[k].label);
    nk_gv_buf_puts(&tip, num);
    k = l;
  }
  nk_gv_buf lab = {0};
  nk_gv_buf_puts(&lab, v[best].label);
  if (best_n > 1) {
    char num[32];
    snprintf(num, sizeof num, " \xC3\x97%zu", best_n);
    nk_gv_buf_puts(&lab, num);
  }
  if (kinds > 1) {
    char more[48];
    snprintf(more, sizeof more, " (+%zu more)", (j - i) - best_n);
    nk_gv_buf_puts(&lab, more);
  }
  e->label = nk_gv_buf_take(&lab);
  e->tip = nk_gv_buf_take(&tip);
  if (lab.oom || tip.oom || !e->label || !e->tip) return NK_ERR_NOMEM;
  return NK_OK;
}

void nk_gv_hide_unlinked(nk_gv_model *m) {
  int *linked = calloc(m->n_nodes + 1, sizeof *linked);
  if (!linked) return; /* drawing them all is a fine fallback */
  for (size_t i = 0; i < m->n_edges; i++) linked[m->edges[i].from] = linked[m->edges[i].to] = 1;
  for (size_t i = m->first[NK_GV_ACTOR]; i < m->first[NK_GV_ACTOR + 1]; i++) {
    if (!linked[i] && !m->nodes[i].ego) {
      m->nodes[i].hidden = 1;
      m->unlinked++;
    }
  }
  free(linked);
}

nk_status nk_gv_load_actors(sqlite3 *db, nk_gv_model *m, nk_error *err) {
  nk_status st = load_nodes(db, m, 0, 0, err);
  if (!st) st = count_actors(db, m, err);
  if (st) return st;
  pair_rows rows = {0};
  st = read_pairs(db, &rows, err);
  if (!st && rows.n) {
    qsort(rows.v, rows.n, sizeof *rows.v, cmp_pair);
    size_t i = 0;
    while (i < rows.n && !st) {
      size_t j = i;
      while (j < rows.n && rows.v[j].a == rows.v[i].a && rows.v[j].b == rows.v[i].b &&
             rows.v[j].directed == rows.v[i].directed)
        j++;
      if (aggregate(m, rows.v, i, j)) st = nk_error_set(err, NK_ERR_NOMEM, "diagram: out of memory");
      i = j;
    }
  }
  for (size_t i = 0; i < rows.n; i++) free(rows.v[i].label);
  free(rows.v);
  /* An actor linked to no one says nothing in a "who is linked to whom" diagram. */
  if (!st) nk_gv_hide_unlinked(m);
  return st;
}

/* Names compare folded (case and accents), as the selection compares them. */
nk_status nk_gv_mark_ego(sqlite3 *db, nk_gv_model *m, const char *name, nk_error *err) {
  char *want = nk_text_fold(name, strlen(name));
  if (!want) return nk_error_set(err, NK_ERR_NOMEM, "diagram: out of memory");
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db,
          "SELECT a.id, a.name, a.uid FROM actors a JOIN gvsel_actors k ON k.id = a.id"
          " UNION ALL SELECT n.actor_id, n.name, NULL FROM actor_names n"
          " JOIN gvsel_actors k ON k.id = n.actor_id",
          -1, &st, NULL) != SQLITE_OK) {
    free(want);
    return db_fail(db, err, "finding the actor");
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *n = (const char *)sqlite3_column_text(st, 1);
    const char *uid = (const char *)sqlite3_column_text(st, 2);
    char *f = n ? nk_text_fold(n, (size_t)sqlite3_column_bytes(st, 1)) : NULL;
    if ((f && strcmp(f, want) == 0) || (uid && strcmp(uid, name) == 0)) {
      size_t i = nk_gv_find(m, NK_GV_ACTOR, sqlite3_column_int64(st, 0));
      if (i != (size_t)-1) m->nodes[i].ego = 1;
    }
    free(f);
  }
  sqlite3_finalize(st);
  free(want);
  return rc == SQLITE_DONE ? NK_OK : db_fail(db, err, "finding the actor");
}
