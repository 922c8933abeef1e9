/* Exports on a small hand-made store: GraphML validated against schemas/graphml.xsd, node and
   edge counts per selection, hostile strings (markup, control characters, invalid UTF-8,
   emoji, RTL marks) surviving as well-formed XML, RDF/XML parsed back, IRIs escaped, errors
   reported. The store is filled with plain SQL so this test depends on the schema only. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <sqlite3.h>

#include "export/writers.h"
#include "export/xmlout.h"
#include "util/resources.h"

static int failures;

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                            \
    }                                                                        \
  } while (0)

static const char fill_sql[] =
    "INSERT INTO articles (id, uid, hash, file, path, format, title, date, lang, text) VALUES"
    " (1, 'a-h1', 'h1', 'one.txt', '/x/one.txt', 'txt', 'Talks <&> \"quoted\"', '2025-02-14',"
    "  'en', 'Talks. Trump said: we had a great call.'),"
    " (2, 'a-h2', 'h2', 'two.txt', '/x/two.txt', 'txt', NULL, '2025-03-01', 'fr', 'Bonjour.');"
    "INSERT INTO actors (id, uid, name, type, credit_only) VALUES"
    " (1, 'p-1', 'Donald Trump', 'person', 0), (3, 'o-1', 'Kremlin', 'organization', 0),"
    " (4, 'l-1', 'Helsinki', 'place', 0), (5, 'p-3', 'Lonely Person', 'person', 1);"
    "INSERT INTO actor_names (actor_id, name, key) VALUES (1, 'Donald Trump', 'donald trump'),"
    " (1, 'Trump', 'trump'), (1, 'M. Trump', 'trump'), (3, 'Kremlin', 'kremlin');"
    "INSERT INTO mentions (article_id, actor_id, kind, start, \"end\", text) VALUES"
    " (1, 1, 'name', 7, 12, 'Trump'), (1, 1, 'pronoun', 20, 22, 'we'),"
    " (1, 2, 'name', 0, 1, 'x'), (1, 3, 'name', 0, 1, 'x'), (1, 4, 'name', 0, 1, 'x'),"
    " (2, 5, 'name', 0, 1, 'x'), (2, 2, 'name', 0, 1, 'x'), (2, 6, 'name', 0, 1, 'x');"
    "INSERT INTO relations (from_id, to_id, kind, article_id) VALUES"
    " (2, 3, 'affiliated_with', 1), (2, 3, 'affiliated_with', 2);"
    "INSERT INTO statements (id, uid, article_id, speaker_id, attributed_to, kind, text, verb,"
    " stance, start, \"end\") VALUES"
    " (1, 's-1', 1, 1, NULL, 'direct', 'we had a great call', 'say', 'assert', 20, 39),"
    " (2, 's-2', 1, 2, 1, 'indirect', 'he never agreed', 'deny', 'deny', 0, 5),"
    " (3, 's-3', 2, 5, NULL, 'partial', 'bonjour', NULL, 'assert', 0, 7);"
    "INSERT INTO cameo (code, label_en, label_fr) VALUES ('042', 'Make a visit', 'Visiter');"
    "INSERT INTO events (id, uid, cameo, label, time_norm, place_id) VALUES"
    " (1, 'e-1', '042', 'Trump – Putin call', '2025-02-12', 4),"
    " (2, 'e-2', '0841', 'return', NULL, NULL);"
    "INSERT INTO event_accounts (event_id, article_id, trigger, factuality, start, \"end\") VALUES"
    " (1, 1, 'call', 'asserted', 0, 10), (1, 2, 'appel', 'denied', 0, 5),"
    " (2, 2, 'return', 'reported', 0, 5);"
    "INSERT INTO event_participants (event_id, actor_id, role) VALUES"
    " (1, 1, 'source'), (1, 2, 'target'), (2, 5, 'participant');"
    "INSERT INTO statement_links (statement_id, event_id, actor_id, kind) VALUES"
    " (2, 1, NULL, 'denies'), (1, NULL, 2, 'about');";

/* Actor 2 and 6 carry the hostile strings, inserted through bindings (raw bytes). */
#define HOSTILE_NAME "Vladimir <Putin> & \"Co\"\x01\x1f\xff\xc3 \xF0\x9F\x98\x80 \xE2\x80\xAE end"
#define WEIRD_UID "p-weird uid \xC3\xA9/<x>"

static sqlite3 *make_db(int fill)
{
  sqlite3 *db = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK)
    return NULL;
  const char *schema = nk_resource_get("schema.sql", NULL);
  CHECK(schema != NULL);
  if (!schema || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "schema: %s\n", sqlite3_errmsg(db));
    failures++;
    return db;
  }
  if (!fill)
    return db;
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2(db,
                     "INSERT INTO actors (id, uid, name, type) VALUES (2, 'p-2', ?1, 'person'),"
                     " (6, ?2, 'Weird', 'organization')",
                     -1, &st, NULL);
  sqlite3_bind_text(st, 1, HOSTILE_NAME, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, WEIRD_UID, -1, SQLITE_STATIC);
  CHECK(sqlite3_step(st) == SQLITE_DONE);
  sqlite3_finalize(st);
  if (sqlite3_exec(db, fill_sql, NULL, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "fill: %s\n", sqlite3_errmsg(db));
    failures++;
  }
  return db;
}

/* Runs an export into memory. Returns the status; *out gets the bytes (caller frees). */
static nk_status run(sqlite3 *db, nk_export_format f, const nk_export_options *opt, char **out,
                     size_t *len, nk_error *err)
{
  FILE *m = open_memstream(out, len);
  nk_status st = nk_export_db(db, f, opt, m, err);
  fclose(m);
  return st;
}

static void count_elems(xmlNode *n, const char *name, int *count)
{
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
      (*count)++;
    count_elems(n->children, name, count);
  }
}

static xmlDocPtr parse(const char *buf, size_t len)
{
  return xmlReadMemory(buf, (int)len, "export.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
}

static void quiet(void *ctx, const char *msg, ...)
{
  (void)ctx, (void)msg;
}

/* 0 when DOC is valid against schemas/graphml.xsd; the reasons go to stderr unless QUIET. */
static int validate_graphml_q(xmlDocPtr doc, int be_quiet)
{
  size_t n = 0;
  const char *xsd = nk_resource_get("graphml.xsd", &n);
  if (!xsd)
    return -1;
  xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(xsd, (int)n);
  xmlSchemaPtr schema = xmlSchemaParse(pc);
  xmlSchemaFreeParserCtxt(pc);
  if (!schema)
    return -1;
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
  if (be_quiet)
    xmlSchemaSetValidErrors(vc, quiet, quiet, NULL);
  int rc = xmlSchemaValidateDoc(vc, doc);
  xmlSchemaFreeValidCtxt(vc);
  xmlSchemaFree(schema);
  return rc;
}

static int validate_graphml(xmlDocPtr doc)
{
  return validate_graphml_q(doc, 0);
}

/* The text of <data key=KEY> under the node with id ID, or NULL (caller frees with xmlFree). */
static xmlChar *node_data(xmlDocPtr doc, const char *id, const char *key)
{
  xmlNode *graph = NULL;
  for (xmlNode *c = xmlDocGetRootElement(doc)->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "graph"))
      graph = c;
  for (xmlNode *n = graph ? graph->children : NULL; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "node"))
      continue;
    xmlChar *nid = xmlGetProp(n, BAD_CAST "id");
    int hit = nid && !strcmp((const char *)nid, id);
    xmlFree(nid);
    if (!hit)
      continue;
    for (xmlNode *d = n->children; d; d = d->next) {
      xmlChar *k = d->type == XML_ELEMENT_NODE ? xmlGetProp(d, BAD_CAST "key") : NULL;
      int match = k && !strcmp((const char *)k, key);
      xmlFree(k);
      if (match)
        return xmlNodeGetContent(d);
    }
  }
  return NULL;
}

/* Exports GraphML with OPT, validates it, and checks its node and edge counts. */
static void graphml_counts(sqlite3 *db, const nk_export_options *opt, int nodes, int edges,
                           const char *what)
{
  char *buf = NULL;
  size_t len = 0;
  nk_error err = {{0}};
  nk_status st = run(db, NK_EXPORT_GRAPHML, opt, &buf, &len, &err);
  if (st != NK_OK) {
    fprintf(stderr, "%s: export failed: %s\n", what, err.msg);
    failures++;
    free(buf);
    return;
  }
  xmlDocPtr doc = parse(buf, len);
  CHECK(doc != NULL);
  if (doc) {
    int rc = validate_graphml(doc);
    if (rc != 0) {
      fprintf(stderr, "%s: GraphML not valid against graphml.xsd (%d)\n", what, rc);
      failures++;
    }
    int n = 0, e = 0;
    count_elems(xmlDocGetRootElement(doc), "node", &n);
    count_elems(xmlDocGetRootElement(doc), "edge", &e);
    if (n != nodes || (edges >= 0 && e != edges)) {
      fprintf(stderr, "%s: %d nodes, %d edges; expected %d, %d\n", what, n, e, nodes, edges);
      failures++;
    }
    xmlFreeDoc(doc);
  }
  free(buf);
}

/* The schema must reject what we never write, or validating our output proves nothing. */
static void test_schema_strict(void)
{
  static const char *const bad[] = {
      /* edge to a node that does not exist */
      "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph edgedefault='directed'>"
      "<node id='a'/><edge source='a' target='b'/></graph></graphml>",
      /* data naming an undeclared key */
      "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph edgedefault='directed'>"
      "<node id='a'><data key='n_kind'>actor</data></node></graph></graphml>",
      /* key without attr.type */
      "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>"
      "<key id='k' for='node' attr.name='kind'/><graph edgedefault='directed'/></graphml>",
      /* duplicate node ids */
      "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph edgedefault='directed'>"
      "<node id='a'/><node id='a'/></graph></graphml>",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    xmlDocPtr doc = parse(bad[i], strlen(bad[i]));
    CHECK(doc != NULL);
    if (doc) {
      if (validate_graphml_q(doc, 1) == 0) {
        fprintf(stderr, "graphml.xsd accepts bad document %zu\n", i);
        failures++;
      }
      xmlFreeDoc(doc);
    }
  }
  static const char good[] =
      "<graphml xmlns='http://graphml.graphdrawing.org/xmlns'>"
      "<key id='n_kind' for='node' attr.name='kind' attr.type='string'/>"
      "<graph edgedefault='directed'><node id='a'><data key='n_kind'>actor</data></node>"
      "<node id='b'/><edge source='a' target='b'/></graph></graphml>";
  xmlDocPtr doc = parse(good, strlen(good));
  CHECK(doc && validate_graphml(doc) == 0);
  xmlFreeDoc(doc);
}

static void test_clean(void)
{
  char *c = nk_xml_clean("a\x01" "b\tc\xff" "d\xEF\xBF\xBE" "e\xED\xA0\x80" "f\xF0\x9F\x98\x80", 19);
  CHECK(c && !strcmp(c, "ab\tc\xEF\xBF\xBD" "de\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                        "f\xF0\x9F\x98\x80"));
  free(c);
  c = nk_xml_clean("\xC0\xAF", 2); /* overlong '/' */
  CHECK(c && !strcmp(c, "\xEF\xBF\xBD\xEF\xBF\xBD"));
  free(c);
  char *s = nk_short_text("one two three four", 9);
  CHECK(s && !strcmp(s, "one two\xE2\x80\xA6"));
  free(s);
  s = nk_short_text("short", 60);
  CHECK(s && !strcmp(s, "short"));
  free(s);
}

/* V as libxml2 writes it: the text of <d>V</d> (ATTR 0) or the value of <d k="V"/>
   (ATTR 1), or as nk_xbuf writes it (MINE 1). Returns the bytes between the markers. */
static char *xml_value(const char *v, int attr, int mine)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (!m)
    return NULL;
  nk_xml x;
  nk_error err;
  static nk_xbuf b;
  if (nk_xml_open(&x, m, 0, &err) == NK_OK) {
    nk_xml_start(&x, "d");
    if (!mine) {
      if (attr)
        nk_xml_attr(&x, "k", v);
      else
        nk_xml_text(&x, v);
    } else {
      nk_xml_raw(&x, ""); /* closes the start tag: <d> */
      nk_xml_flush(&x);
      nk_xbuf_init(&b, m);
      if (attr)
        nk_xbuf_put(&b, " k=\"", 4); /* <d> k="V"</d>: the value between quotes */
      nk_xbuf_esc(&b, v, attr);
      if (attr)
        nk_xbuf_put(&b, "\"", 1);
      nk_xbuf_flush(&b);
    }
    nk_xml_end(&x);
    nk_xml_close(&x, &err);
  }
  fclose(m);
  char *d = buf ? strstr(buf, "<d") : NULL, *out = NULL;
  if (d) {
    char *from = attr ? strchr(d, '"') : strchr(d, '>');
    char *to = attr ? (from ? strchr(from + 1, '"') : NULL) : strstr(d, "</d>");
    if (from && to && to > from && (out = malloc((size_t)(to - from))))
      memcpy(out, from + 1, (size_t)(to - from - 1)), out[to - from - 1] = '\0';
  }
  free(buf);
  return out;
}

/* The GraphML hot path writes values with nk_xbuf: same bytes as libxml2's writer for
   strings built from markup, control characters, invalid and valid UTF-8. */
static void test_xbuf(void)
{
  static const char *const pieces[] = {
      "a",  "&",  "<",  ">",  "\"", "'",  "\r", "\n", "\t", "\x01", "\x7f", "\xC3\xA9",
      "\xE2\x80\xA6", "\xF0\x9F\x87\xBA", "\xEF\xBF\xBE", "\xEF\xBF\xBD", "\xC3",
      "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "\x80", "\xE2\x82", " ",
      /* around the 2- and 3-byte fast paths of nk_xbuf_esc_n() */
      "\xC2\xA0", "\xDF\xBF", "\xC2", "\xDF", "\xE1\x80\x80", "\xEC\xBF\xBF", "\xEE\x80\x80",
      "\xE0\xA0\x80", "\xE0\x80\x80", "\xED\x9F\xBF", "\xEF\xBF\xBF", "\xE1\x80", "\xEE",
      "\xE2\x80\x99"};
  unsigned long seed = 1;
  int bad = 0;
  for (int it = 0; it < 3000 && bad < 3; it++) {
    char v[128] = "";
    seed = seed * 1103515245ul + 12345ul;
    int k = (int)((seed >> 16) % 10);
    for (int i = 0; i < k; i++) {
      seed = seed * 1103515245ul + 12345ul;
      strcat(v, pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])]);
    }
    for (int attr = 0; attr < 2; attr++) {
      char *lib = xml_value(v, attr, 0), *mine = xml_value(v, attr, 1);
      if (!lib || !mine || strcmp(lib, mine)) {
        fprintf(stderr, "nk_xbuf differs from libxml2 (%s): [%s] [%s]\n",
                attr ? "attribute" : "text", lib ? lib : "?", mine ? mine : "?");
        bad++;
      }
      free(lib);
      free(mine);
    }
  }
  CHECK(bad == 0);
  /* A length SQLite counted may run past a NUL: the value ends there, as a C string. */
  static nk_xbuf nb;
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  CHECK(m != NULL);
  if (m) {
    nk_xbuf_init(&nb, m);
    nk_xbuf_esc_n(&nb, "a&b\0<c", 6, 0);
    nk_xbuf_put(&nb, "|", 1);
    nk_xbuf_esc_n(&nb, "\xC3\xA9\0x", 4, 1);
    nk_xbuf_flush(&nb);
    fclose(m);
    CHECK(buf && !strcmp(buf, "a&amp;b|\xC3\xA9"));
    free(buf);
  }
  int cut = 0;
  CHECK(nk_short_cut_n("ab\0cd", 5, 60, &cut) == 2 && !cut);
}

static void test_graphml(sqlite3 *db)
{
  graphml_counts(db, NULL, 13, 24, "full");
  nk_export_options o = {0};
  o.article = "one.txt";
  graphml_counts(db, &o, 8, -1, "--article one.txt");
  o.article = "h2"; /* by content hash */
  /* article 2 mentions 3 actors; event 1, told there too, brings its 2 participants and
     place (actor 2 is both) */
  graphml_counts(db, &o, 1 + 5 + 1 + 2, 3 + 1 + 2 + 1 + 3 + 1, "--article h2");
  memset(&o, 0, sizeof o);
  o.kinds = "actor";
  graphml_counts(db, &o, 6, 1, "--kind actor");
  o.kinds = "actors, statement";
  /* said, attributed_to, about (actor), and the actor relation */
  graphml_counts(db, &o, 9, 3 + 1 + 1 + 1, "--kind actors,statement");
  memset(&o, 0, sizeof o);
  o.actor = "trump"; /* folded match on a name seen */
  graphml_counts(db, &o, 2 + 3 + 1 + 2, -1, "--actor trump");
  o.depth = -1; /* 0 hops: the actor and the articles that mention it */
  graphml_counts(db, &o, 1 + 1, -1, "--actor trump --depth 0");
  memset(&o, 0, sizeof o);
  o.since = "2025-03-01";
  graphml_counts(db, &o, 6, -1, "--since 2025-03-01");
  o.since = NULL;
  o.until = "2025-02";
  graphml_counts(db, &o, 1 + 4 + 2 + 1, -1, "--until 2025-02");

  /* Errors: unknown actor, unknown kind, unknown article. */
  char *buf = NULL;
  size_t len = 0;
  nk_error err = {{0}};
  memset(&o, 0, sizeof o);
  o.actor = "Nobody At All";
  CHECK(run(db, NK_EXPORT_GRAPHML, &o, &buf, &len, &err) == NK_ERR_USAGE);
  free(buf), buf = NULL;
  memset(&o, 0, sizeof o);
  o.kinds = "actor,bogus";
  CHECK(run(db, NK_EXPORT_GRAPHML, &o, &buf, &len, &err) == NK_ERR_USAGE);
  CHECK(strstr(err.msg, "bogus") != NULL);
  free(buf), buf = NULL;
  memset(&o, 0, sizeof o);
  o.article = "missing.txt";
  CHECK(run(db, NK_EXPORT_GRAPHML, &o, &buf, &len, &err) == NK_ERR_USAGE);
  free(buf), buf = NULL;

  /* Hostile name: parsed back with its markup intact, forbidden characters gone. */
  CHECK(run(db, NK_EXPORT_GRAPHML, NULL, &buf, &len, &err) == NK_OK);
  xmlDocPtr doc = parse(buf, len);
  CHECK(doc != NULL);
  if (doc) {
    xmlChar *label = node_data(doc, "p-2", "n_label");
    CHECK(label && strstr((char *)label, "<Putin> & \"Co\"") && !strchr((char *)label, '\x01') &&
          strstr((char *)label, "\xF0\x9F\x98\x80") && strstr((char *)label, "\xE2\x80\xAE") &&
          strstr((char *)label, "\xEF\xBF\xBD"));
    xmlFree(label);
    xmlChar *aliases = node_data(doc, "p-1", "n_aliases");
    CHECK(aliases && !strcmp((char *)aliases, "Donald Trump|M. Trump|Trump"));
    xmlFree(aliases);
    xmlChar *fact = node_data(doc, "e-1", "n_factuality"); /* first account's */
    CHECK(fact && !strcmp((char *)fact, "asserted"));
    xmlFree(fact);
    xmlChar *file = node_data(doc, "a-h2", "n_label"); /* untitled: the file name */
    CHECK(file && !strcmp((char *)file, "two.txt"));
    xmlFree(file);
    xmlFreeDoc(doc);
  }
  CHECK(strstr(buf, "attr.name=\"kind\"") && strstr(buf, "edgedefault=\"directed\""));
  CHECK(strstr(buf, "<data key=\"e_factuality\">denied</data>") != NULL);
  free(buf);
}

static void test_rdfxml(sqlite3 *db)
{
  char *buf = NULL;
  size_t len = 0;
  nk_error err = {{0}};
  CHECK(run(db, NK_EXPORT_RDFXML, NULL, &buf, &len, &err) == NK_OK);
  xmlDocPtr doc = buf ? parse(buf, len) : NULL;
  CHECK(doc != NULL);
  xmlFreeDoc(doc);
  /* uid escaped per RFC 3987: space, '/' and '<' encoded, é kept */
  CHECK(buf && strstr(buf, "https://newskg.org/id/p-weird%20uid%20\xC3\xA9%2F%3Cx%3E\""));
  CHECK(buf && strstr(buf, "rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">2025-02-14<"));
  CHECK(buf && strstr(buf, "<schema:text xml:lang=\"en\">we had a great call</schema:text>"));
  free(buf), buf = NULL;

  nk_export_options o = {0};
  o.base_iri = "urn:x-test:";
  CHECK(run(db, NK_EXPORT_RDFXML, &o, &buf, &len, &err) == NK_OK);
  CHECK(buf && strstr(buf, "rdf:about=\"urn:x-test:p-1\""));
  free(buf), buf = NULL;
  o.base_iri = "not an iri";
  CHECK(run(db, NK_EXPORT_RDFXML, &o, &buf, &len, &err) == NK_ERR_USAGE);
  free(buf), buf = NULL;
  o.base_iri = "http://x/\"><evil/>";
  CHECK(run(db, NK_EXPORT_RDFXML, &o, &buf, &len, &err) == NK_ERR_USAGE);
  free(buf);
}

static void test_empty(void)
{
  sqlite3 *db = make_db(0);
  graphml_counts(db, NULL, 0, 0, "empty");
  char *buf = NULL;
  size_t len = 0;
  nk_error err = {{0}};
  CHECK(run(db, NK_EXPORT_RDFXML, NULL, &buf, &len, &err) == NK_OK);
  xmlDocPtr doc = buf ? parse(buf, len) : NULL;
  CHECK(doc != NULL);
  xmlFreeDoc(doc);
  free(buf);
  sqlite3_close(db);
}

/* Random bytes as names, texts, titles and uids (deterministic generator): every export must
   still parse, and the GraphML validate. */
static void test_random_bytes(void)
{
  sqlite3 *db = make_db(0);
  unsigned long x = 12345;
  sqlite3_stmt *st[4] = {NULL, NULL, NULL, NULL};
  sqlite3_prepare_v2(db, "INSERT INTO articles (id, uid, hash, file, path, format, title, lang,"
                         " text) VALUES (?1, ?2, ?2, ?3, ?3, 'txt', ?3, 'fr', ?3)", -1, &st[0], NULL);
  sqlite3_prepare_v2(db, "INSERT INTO actors (id, uid, name, type) VALUES (?1, ?2, ?3, 'person')",
                     -1, &st[1], NULL);
  sqlite3_prepare_v2(db, "INSERT INTO statements (id, uid, article_id, speaker_id, kind, text,"
                         " stance, start, \"end\") VALUES (?1, ?2, 1, ?1, 'direct', ?3, 'assert', 0, 1)",
                     -1, &st[2], NULL);
  sqlite3_prepare_v2(db, "INSERT INTO mentions (article_id, actor_id, kind, start, \"end\", text)"
                     " VALUES (1, ?1, 'name', 0, 1, ?3)", -1, &st[3], NULL);
  for (int i = 1; i <= 60; i++) {
    char uid[40], text[64];
    size_t n = 0;
    for (n = 0; n < sizeof text - 1; n++) {
      x = x * 1103515245u + 12345u;
      text[n] = (char)((x >> 16) & 0xFF);
      if (text[n] == 0)
        text[n] = '<';
    }
    text[n] = 0;
    for (int k = 0; k < 4; k++) {
      if (k == 0 && i > 1)
        continue;
      /* uids are unique across tables (the store prefixes them by kind); some need escaping
         in IRIs */
      snprintf(uid, sizeof uid, "%c-%d%s", "asp?"[k], i, i % 3 ? "" : " \xC3\xA9/?#%");
      sqlite3_bind_int(st[k], 1, i);
      sqlite3_bind_text(st[k], 2, uid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st[k], 3, text, -1, SQLITE_TRANSIENT);
      CHECK(sqlite3_step(st[k]) == SQLITE_DONE);
      sqlite3_reset(st[k]);
    }
  }
  for (int k = 0; k < 4; k++)
    sqlite3_finalize(st[k]);
  graphml_counts(db, NULL, 1 + 60 + 60, 60 + 60 + 60, "random bytes");
  char *buf = NULL;
  size_t len = 0;
  nk_error err = {{0}};
  CHECK(run(db, NK_EXPORT_RDFXML, NULL, &buf, &len, &err) == NK_OK);
  xmlDocPtr doc = buf ? parse(buf, len) : NULL;
  CHECK(doc != NULL);
  xmlFreeDoc(doc);
  CHECK(buf && strstr(buf, "rdf:about=\"https://newskg.org/id/p-3%20\xC3\xA9%2F%3F%23%25\""));
  free(buf);
  sqlite3_close(db);
}

static void test_write_error(sqlite3 *db)
{
  FILE *full = fopen("/dev/full", "w");
  if (!full)
    return; /* not on this system */
  nk_error err = {{0}};
  CHECK(nk_export_db(db, NK_EXPORT_GRAPHML, NULL, full, &err) == NK_ERR_IO);
  CHECK(nk_export_db(db, NK_EXPORT_RDFXML, NULL, full, &err) == NK_ERR_IO);
  fclose(full);
}

static void test_formats(void)
{
  CHECK(nk_export_format_parse("graphml") == NK_EXPORT_GRAPHML);
  CHECK(nk_export_format_parse("rdfxml") == NK_EXPORT_RDFXML);
  CHECK(nk_export_format_parse("pdf") == NK_EXPORT_PDF);
  CHECK(nk_export_format_parse("GraphML ") == -1);
  CHECK(nk_export_format_parse(NULL) == -1);
  CHECK(!strcmp(nk_export_format_ext(NK_EXPORT_RDFXML), "rdf"));
  CHECK(nk_export_format_ext((nk_export_format)42) == NULL);
}

int main(void)
{
  test_clean();
  test_xbuf();
  test_formats();
  test_schema_strict();
  sqlite3 *db = make_db(1);
  CHECK(db != NULL);
  if (db) {
    test_graphml(db);
    test_rdfxml(db);
    test_write_error(db);
    sqlite3_close(db);
  }
  test_empty();
  test_random_bytes();
  xmlCleanupParser();
  if (failures)
    fprintf(stderr, "test_export: %d failure(s)\n", failures);
  return failures ? 1 : 0;
}
