/* Graphviz diagrams: every diagram renders in every format from a store holding hostile text
   (quotes, backslashes, markup, newlines, control characters, invalid UTF-8, 10 KB labels);
   the DOT reparses, the SVG is well-formed XML, PNG and PDF have their signatures; labels are
   cut on a UTF-8 boundary with the whole text in the tooltip; the node cap holds; positions
   come for every node. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <libxml/parser.h>
#include <sqlite3.h>

#include "export/graphviz.h"
#include "newskg/export.h"
#include "newskg/store.h"
#include "store/store_internal.h"

static int failures;
#define CHECK(cond)                                                                           \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                                  \
      failures++;                                                                             \
    }                                                                                         \
  } while (0)

static void exec(nk_store *s, const char *sql) {
  char *msg = NULL;
  if (sqlite3_exec(nk_store_db(s), sql, NULL, NULL, &msg) != SQLITE_OK) {
    printf("FAIL sql: %s\n  in: %.200s\n", msg ? msg : "?", sql);
    failures++;
  }
  sqlite3_free(msg);
}

/* Inserts one row with text parameters (NULL → SQL NULL). */
static void insert(nk_store *s, const char *sql, int n, const char *const *v) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(nk_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
    printf("FAIL prepare: %s\n", sqlite3_errmsg(nk_store_db(s)));
    failures++;
    return;
  }
  for (int i = 0; i < n; i++) {
    if (v[i]) sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_TRANSIENT);
  }
  if (sqlite3_step(st) != SQLITE_DONE) {
    printf("FAIL insert: %s\n", sqlite3_errmsg(nk_store_db(s)));
    failures++;
  }
  sqlite3_finalize(st);
}

/* The hostile strings every label must survive. */
static char *big;         /* 10 KB of words */
static const char *nasty[] = {
    "Jean \"Le Boss\" O'Neil \\N \\G \\\\ <b>bold</b> & Co &amp; &foo; ]]> --> {|}",
    "line one\nline two\r\n\ttabbed\x01\x02\x1f\x7f end",
    "bad utf8 \xff\xfe\xc3( \xe2\x82 \xed\xa0\x80 \xf4\x90\x80\x80 done",
    "Émile Zoé — « guillemets » “curly” 日本語 🇫🇷 flags",
};

static void fill(nk_store *s) {
  exec(s, "BEGIN;"
          "INSERT OR IGNORE INTO cameo(code, label_en, label_fr) VALUES"
          " ('041', 'discuss by telephone', 'discuter par téléphone'),"
          " ('010', 'make statement', 'faire une déclaration');"
          "INSERT INTO articles(id, uid, hash, file, path, format, title, date, lang, text) VALUES"
          " (1, 'a-1', 'h1', 'one.txt', '/x/one.txt', 'txt', 'Trump <and> \"Putin\" & co', "
          "  '2025-02-13', 'en', 'text'),"
          " (2, 'a-2', 'h2', 'two.txt', '/x/two.txt', 'txt', NULL, NULL, 'fr', 'texte');"
          "INSERT INTO actors(id, uid, name, type) VALUES"
          " (1, 'p-trump', 'Donald Trump', 'person'),"
          " (2, 'p-putin', 'Vladimir Putin', 'person'),"
          " (3, 'o-kremlin', 'Kremlin', 'organization'),"
          " (4, 'l-ukraine', 'Ukraine', 'place');"
          "INSERT INTO actor_names(actor_id, name, key) VALUES"
          " (1, 'Donald Trump', 'donald trump'), (2, 'Vladimir Poutine', 'vladimir poutine');"
          "INSERT INTO mentions(article_id, actor_id, kind, start, \"end\", text) VALUES"
          " (1, 1, 'name', 0, 1, 'x'), (1, 2, 'name', 0, 1, 'x'), (2, 1, 'name', 0, 1, 'x'),"
          " (1, 3, 'name', 0, 1, 'x'), (2, 4, 'name', 0, 1, 'x');"
          "INSERT INTO events(id, uid, cameo, label, time_norm, place_id) VALUES"
          " (1, 'e-1', '041', 'phone call Trump – Putin', '2025-02-12', NULL),"
          " (2, 'e-2', '999', 'unknown code & <stuff>', NULL, 4);"
          "INSERT INTO event_accounts(event_id, article_id, trigger, factuality, start, \"end\")"
          " VALUES (1, 1, 'spoke', 'reported', 0, 1), (1, 2, 'a parlé', 'asserted', 0, 1),"
          "        (2, 2, 'x', 'denied', 0, 1);"
          "INSERT INTO event_participants(event_id, actor_id, role) VALUES"
          " (1, 1, 'source'), (1, 2, 'target'), (2, 3, 'participant'), (2, 2, 'participant');"
          "INSERT INTO relations(from_id, to_id, kind, article_id) VALUES (2, 3, 'affiliated_with', 1);"
          "COMMIT;");
  /* Hostile actors and statements, bound as parameters. */
  char id[16], uid[32];
  for (int i = 0; i < 5; i++) {
    const char *name = i < 4 ? nasty[i] : big;
    snprintf(id, sizeof id, "%d", 10 + i);
    snprintf(uid, sizeof uid, "p-nasty-%d", i);
    const char *a[] = {id, uid, name};
    insert(s, "INSERT INTO actors(id, uid, name, type) VALUES (?1, ?2, ?3, 'person')", 3, a);
    const char *m[] = {id};
    insert(s, "INSERT INTO mentions(article_id, actor_id, kind, start, \"end\", text)"
              " VALUES (1, ?1, 'name', 0, 1, 'x')", 1, m);
    snprintf(uid, sizeof uid, "s-nasty-%d", i);
    const char *st[] = {uid, name, id};
    insert(s, "INSERT INTO statements(uid, article_id, speaker_id, kind, text, stance, start,"
              " \"end\") VALUES (?1, 1, ?3, 'direct', ?2, 'assert', 0, 1)", 3, st);
    snprintf(uid, sizeof uid, "e-nasty-%d", i);
    const char *ev[] = {uid, name};
    insert(s, "INSERT INTO events(uid, cameo, label) VALUES (?1, '010', ?2)", 2, ev);
    insert(s, "INSERT INTO event_accounts(event_id, article_id, trigger, factuality, time_text,"
              " start, \"end\") VALUES (last_insert_rowid(), 1, ?2, 'planned', ?2, 0, 1)", 2, ev);
  }
  exec(s, "INSERT INTO statements(uid, article_id, speaker_id, attributed_to, kind, text, stance,"
          " start, \"end\") VALUES ('s-1', 1, 1, 2, 'indirect', 'Putin wants people to stop"
          " dying, said the president who spoke at length about the war in Ukraine', 'assert',"
          " 0, 1);"
          "INSERT INTO statement_links(statement_id, event_id, actor_id, kind)"
          " SELECT id, 1, NULL, 'about' FROM statements WHERE uid = 's-1';"
          "INSERT INTO statement_links(statement_id, event_id, actor_id, kind)"
          " SELECT id, NULL, 4, 'about' FROM statements WHERE uid = 's-1';");
}

/* Runs nk_export into memory. */
static char *render(nk_store *s, nk_export_format f, const nk_export_options *o, size_t *len,
                    nk_status *st) {
  FILE *tmp = tmpfile();
  nk_error err;
  memset(&err, 0, sizeof err);
  *st = nk_export(s, f, o, tmp, &err);
  long n = ftell(tmp);
  char *buf = malloc((size_t)(n > 0 ? n : 0) + 1);
  rewind(tmp);
  *len = n > 0 ? fread(buf, 1, (size_t)n, tmp) : 0;
  buf[*len] = '\0';
  fclose(tmp);
  return buf;
}

static int count_nodes(Agraph_t *g, const char *prefix) {
  int n = 0;
  for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v))
    if (strncmp(agnameof(v), prefix, strlen(prefix)) == 0) n++;
  return n;
}

/* Is S valid UTF-8? */
static int utf8_ok(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
          : (*p & 0xF8) == 0xF0 ? 4 : 0;
    if (!n) return 0;
    for (int i = 1; i < n; i++)
      if ((p[i] & 0xC0) != 0x80) return 0;
    p += n;
  }
  return 1;
}

static void test_labels(void) {
  char *t = nk_gv_label_text("a\\Nb & c\n\td\x01", 0, 0);
  CHECK(t && strcmp(t, "a\\\\Nb &amp; c d") == 0);
  free(t);
  t = nk_gv_label_text("x\xff\xfey", 0, 0);
  CHECK(t && strcmp(t, "x\xEF\xBF\xBD\xEF\xBF\xBDy") == 0);
  free(t);
  /* 100 "é": cut to 60 code points ("…" included), never inside a character. */
  char e[201];
  for (int i = 0; i < 100; i++) memcpy(e + 2 * i, "\xC3\xA9", 2);
  e[200] = '\0';
  t = nk_gv_label_text(e, 60, 0);
  CHECK(t && utf8_ok(t) && strlen(t) == 59 * 2 + 3);
  free(t);
  /* Wrapped on word boundaries with the Graphviz escape. */
  t = nk_gv_label_text("one two three four five six seven eight nine ten", 0, 12);
  CHECK(t && strstr(t, "\\n") && !strstr(t, " \\n"));
  free(t);
  t = nk_gv_label_text(big, 60, 30);
  CHECK(t && strlen(t) < 200 && utf8_ok(t));
  free(t);
  t = nk_gv_label_text(NULL, 10, 0);
  CHECK(t && *t == '\0');
  free(t);
}

static void test_formats(nk_store *s) {
  static const nk_diagram diagrams[] = {NK_DIAGRAM_GRAPH, NK_DIAGRAM_ACTORS, NK_DIAGRAM_ARTICLE,
                                        NK_DIAGRAM_EGO};
  for (size_t d = 0; d < 4; d++) {
    nk_export_options o;
    memset(&o, 0, sizeof o);
    o.diagram = diagrams[d];
    if (o.diagram == NK_DIAGRAM_ARTICLE) o.article = "one.txt";
    if (o.diagram == NK_DIAGRAM_EGO) o.actor = "Vladimir Putin";
    size_t len;
    nk_status st;

    char *dot = render(s, NK_EXPORT_DOT, &o, &len, &st);
    CHECK(st == NK_OK && len > 0);
    Agraph_t *g = agmemread(dot);
    CHECK(g != NULL);
    if (g) {
      CHECK(count_nodes(g, "legend_") > 0);
      if (o.diagram == NK_DIAGRAM_GRAPH) {
        CHECK(agsubg(g, (char *)"cluster_1", 0) != NULL);
        CHECK(agsubg(g, (char *)"cluster_legend", 0) != NULL);
        CHECK(count_nodes(g, "s-nasty-") == 5);
        Agnode_t *n = agnode(g, (char *)"s-nasty-4", 0); /* the 10 KB statement */
        CHECK(n && strlen(agget(n, (char *)"label")) < 200);
        CHECK(n && strlen(agget(n, (char *)"tooltip")) > 1000);
        n = agnode(g, (char *)"s-1", 0);
        CHECK(n && strstr(agget(n, (char *)"label"), "\xE2\x80\xA6")); /* cut: … */
        CHECK(n && strstr(agget(n, (char *)"tooltip"), "about the war in Ukraine"));
        n = agnode(g, (char *)"e-1", 0);
        CHECK(n && strstr(agget(n, (char *)"label"), "discuss by telephone"));
        CHECK(n && strstr(agget(n, (char *)"label"), "2025-02-12"));
      }
      if (o.diagram == NK_DIAGRAM_ACTORS) {
        CHECK(count_nodes(g, "s-") == 0 && count_nodes(g, "e-") == 0);
        Agnode_t *a = agnode(g, (char *)"p-trump", 0), *b = agnode(g, (char *)"p-putin", 0);
        Agedge_t *e = a && b ? agedge(g, a, b, NULL, 0) : NULL;
        CHECK(e != NULL);
        CHECK(e && strstr(agget(e, (char *)"label"), "discuss by telephone"));
      }
      if (o.diagram == NK_DIAGRAM_EGO) {
        Agnode_t *n = agnode(g, (char *)"p-putin", 0);
        CHECK(n && strcmp(agget(n, (char *)"peripheries"), "2") == 0);
      }
      agclose(g);
    }
    free(dot);

    char *svg = render(s, NK_EXPORT_SVG, &o, &len, &st);
    CHECK(st == NK_OK && len > 0);
    xmlDocPtr doc = xmlReadMemory(svg, (int)len, "diagram.svg", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    CHECK(doc != NULL);
    /* Backslash escapes and markup come out as the text had them, in labels and tooltips. */
    if (o.diagram == NK_DIAGRAM_GRAPH) {
      CHECK(strstr(svg, "xlink:title=\"Jean &quot;Le Boss&quot; O&#39;Neil \\N \\G \\\\ "
                        "&lt;b&gt;bold&lt;/b&gt; &amp; Co &amp;amp; &amp;foo;") != NULL);
      CHECK(strstr(svg, ">Jean &quot;Le Boss&quot;<") != NULL);
    }
    if (!doc) {
      FILE *f = fopen("/tmp/test_graphviz_bad.svg", "wb");
      if (f) {
        fwrite(svg, 1, len, f);
        fclose(f);
      }
    }
    xmlFreeDoc(doc);
    free(svg);

    char *png = render(s, NK_EXPORT_PNG, &o, &len, &st);
    CHECK(st == NK_OK && len > 8 && memcmp(png, "\x89PNG", 4) == 0);
    free(png);
    char *pdf = render(s, NK_EXPORT_PDF, &o, &len, &st);
    CHECK(st == NK_OK && len > 8 && memcmp(pdf, "%PDF", 4) == 0);
    free(pdf);
  }
}

static void test_usage(nk_store *s) {
  nk_export_options o;
  memset(&o, 0, sizeof o);
  size_t len;
  nk_status st;
  o.diagram = NK_DIAGRAM_ARTICLE;
  free(render(s, NK_EXPORT_DOT, &o, &len, &st));
  CHECK(st == NK_ERR_USAGE);
  o.diagram = NK_DIAGRAM_EGO;
  free(render(s, NK_EXPORT_SVG, &o, &len, &st));
  CHECK(st == NK_ERR_USAGE);
}

/* A star: one hub and 300 spokes each speaking once; capped to 20 actors. */
static void test_cap(nk_store *s) {
  exec(s, "BEGIN");
  for (int i = 0; i < 300; i++) {
    char sql[512];
    snprintf(sql, sizeof sql,
             "INSERT INTO actors(id, uid, name, type) VALUES (%d, 'p-spoke-%d', 'Spoke %d',"
             " 'person');"
             "INSERT INTO statements(uid, article_id, speaker_id, kind, text, stance, start,"
             " \"end\") VALUES ('s-spoke-%d', 2, %d, 'direct', 'words %d', 'assert', 0, 1);"
             "INSERT INTO relations(from_id, to_id, kind, article_id) VALUES (%d, 3,"
             " 'affiliated_with', 2);",
             1000 + i, i, i, i, 1000 + i, i, 1000 + i);
    exec(s, sql);
  }
  exec(s, "COMMIT");
  nk_export_options o;
  memset(&o, 0, sizeof o);
  o.max_nodes = 20;
  size_t len;
  nk_status st;
  char *dot = render(s, NK_EXPORT_DOT, &o, &len, &st);
  Agraph_t *g = st == NK_OK ? agmemread(dot) : NULL;
  CHECK(g != NULL);
  if (g) {
    int actors = count_nodes(g, "p-") + count_nodes(g, "o-") + count_nodes(g, "l-");
    CHECK(actors <= 20 && actors > 0);
    CHECK(agnode(g, (char *)"o-kremlin", 0) != NULL); /* the hub is best connected */
    CHECK(count_nodes(g, "s-") <= 20);
    CHECK(strstr(agget(g, (char *)"label"), "best-connected") != NULL);
    agclose(g);
  }
  free(dot);
  /* Beyond 200 nodes the layout switches to sfdp and still renders. */
  o.max_nodes = 400;
  o.diagram = NK_DIAGRAM_ACTORS;
  char *svg = render(s, NK_EXPORT_SVG, &o, &len, &st);
  CHECK(st == NK_OK && strstr(svg, "</svg>"));
  CHECK(strstr(svg, ">person<") != NULL); /* the legend, in the title there */
  free(svg);
  /* sfdp's HTML-like title holds the article title: markup there stays text. */
  exec(s, "UPDATE articles SET title = '<b>&amp; \"x\" \\N ]]> <TABLE>' WHERE id = 2");
  o.diagram = NK_DIAGRAM_ARTICLE;
  o.article = "two.txt";
  svg = render(s, NK_EXPORT_SVG, &o, &len, &st);
  CHECK(st == NK_OK);
  xmlDocPtr doc = xmlReadMemory(svg, (int)len, "a.svg", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  CHECK(doc != NULL);
  xmlFreeDoc(doc);
  CHECK(strstr(svg, "&lt;b&gt;&amp;amp; &quot;x&quot; \\N ]]&gt; &lt;TABLE&gt;") != NULL);
  CHECK(strstr(svg, ">event (reported)<") != NULL);
  free(svg);
}

typedef struct {
  int calls, bad;
} pos_count;

static void on_pos(const char *uid, double x, double y, void *user) {
  pos_count *c = user;
  c->calls++;
  if (!uid || !*uid || !isfinite(x) || !isfinite(y)) c->bad++;
}

static void test_positions(nk_store *s) {
  nk_export_options o;
  memset(&o, 0, sizeof o);
  pos_count c = {0, 0};
  nk_error err;
  CHECK(nk_graphviz_positions(s, &o, on_pos, &c, &err) == NK_OK);
  sqlite3_stmt *st = NULL;
  long long want = -1;
  if (sqlite3_prepare_v2(nk_store_db(s),
                         "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM actors)"
                         " + (SELECT count(*) FROM events) + (SELECT count(*) FROM statements)",
                         -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    want = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  CHECK(c.calls == want);
  CHECK(c.bad == 0);
}

int main(void) {
  char dir[] = "/tmp/nk-test-gv.XXXXXX";
  if (!mkdtemp(dir)) return 1;
  char path[128];
  snprintf(path, sizeof path, "%s/g.db", dir);
  big = malloc(10241);
  for (int i = 0; i < 10240; i++) big[i] = "lorem ipsum dolor sit amet "[i % 27];
  big[10240] = '\0';

  test_labels();
  nk_store *s = NULL;
  nk_error err;
  if (nk_store_open(path, NK_STORE_CREATE, &s, &err) != NK_OK) {
    printf("FAIL cannot open store: %s\n", err.msg);
    return 1;
  }
  fill(s);
  test_formats(s);
  test_usage(s);
  test_positions(s);
  test_cap(s);
  nk_store_close(s);
  if (getenv("NK_GV_TEST_KEEP")) { /* to look at the pictures */
    printf("kept %s\n", path);
    return failures ? 1 : 0;
  }
  unlink(path);
  char wal[160];
  snprintf(wal, sizeof wal, "%s-wal", path);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", path);
  unlink(wal);
  rmdir(dir);
  free(big);
  xmlCleanupParser();
  if (failures) printf("%d failure(s)\n", failures);
  else printf("ok\n");
  return failures ? 1 : 0;
}
