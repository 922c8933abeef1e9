/* RDF/XML export: the selected graph in the vocabulary of schemas/ontology.rdf (schema.org,
   FOAF, PROV-O, SEM, and nk: for what they lack), streamed row by row through libxml2's
   writer. IRIs are --base-iri + uid (percent-encoded per RFC 3987). No triple is written
   twice, so a parser that counts statements (rapper) and one that holds a set (rdflib) agree.
   References to other resources (a statement's speaker, an article's mentions) are written
   whether or not the referenced resource is itself in the selection: IRIs are global. */
#include <stdlib.h>
#include <string.h>

#include "export/writers.h"
#include "export/xmlout.h"

#define DEFAULT_BASE "https://newskg.org/id/"
#define XSD "http://www.w3.org/2001/XMLSchema#"

static const struct {
  const char *prefix, *iri;
} namespaces[] = {
    {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
    {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
    {"schema", "http://schema.org/"},
    {"foaf", "http://xmlns.com/foaf/0.1/"},
    {"prov", "http://www.w3.org/ns/prov#"},
    {"sem", "http://semanticweb.cs.vu.nl/2009/11/sem/"},
    {"nk", "https://newskg.org/ns#"},
};

/* Nested per-resource queries, prepared once and rebound per row. */
enum {
  Q_MENTIONS, Q_NAMES, Q_ROLES, Q_RELATIONS, Q_PARTS, Q_EVENT_ARTICLES, Q_ACCOUNTS, Q_LINKS,
  Q_COUNT
};

static const char *const nested_sql[Q_COUNT] = {
    [Q_MENTIONS] = "SELECT DISTINCT ac.uid FROM mentions m JOIN actors ac ON ac.id = m.actor_id"
                   " WHERE m.article_id = ?1 ORDER BY ac.id",
    [Q_NAMES] = "SELECT n.name FROM actor_names n JOIN actors a ON a.id = n.actor_id"
                " WHERE n.actor_id = ?1 AND n.name <> a.name ORDER BY n.name",
    /* a role is in the language of the article that gives it */
    [Q_ROLES] = "SELECT DISTINCT r.role, a.lang FROM actor_roles r JOIN articles a"
                " ON a.id = r.article_id WHERE r.actor_id = ?1 ORDER BY 1, 2",
    [Q_RELATIONS] = "SELECT DISTINCT r.kind, t.uid FROM relations r JOIN sel_scope s"
                    " ON s.id = r.article_id JOIN actors t ON t.id = r.to_id"
                    " WHERE r.from_id = ?1 ORDER BY r.kind, t.id",
    [Q_PARTS] = "SELECT p.role, a.uid FROM event_participants p JOIN actors a ON a.id = p.actor_id"
                " WHERE p.event_id = ?1 ORDER BY a.id, p.role",
    [Q_EVENT_ARTICLES] = "SELECT DISTINCT ar.uid FROM event_accounts c JOIN sel_scope s"
                         " ON s.id = c.article_id JOIN articles ar ON ar.id = c.article_id"
                         " WHERE c.event_id = ?1 ORDER BY ar.id",
    /* one account per (article, span): the account IRI is built from them */
    [Q_ACCOUNTS] = "SELECT ar.uid, c.start, c.\"end\", c.factuality, c.trigger, c.time_text,"
                   " c.time_norm, c.place_text, ar.lang FROM event_accounts c"
                   " JOIN sel_scope s ON s.id = c.article_id JOIN articles ar"
                   " ON ar.id = c.article_id WHERE c.event_id = ?1"
                   " AND c.id = (SELECT min(c2.id) FROM event_accounts c2 WHERE"
                   "  c2.event_id = c.event_id AND c2.article_id = c.article_id"
                   "  AND c2.start = c.start AND c2.\"end\" = c.\"end\")"
                   " ORDER BY c.id",
    [Q_LINKS] = "SELECT DISTINCT l.kind, coalesce(e.uid, a.uid) FROM statement_links l"
                " LEFT JOIN events e ON e.id = l.event_id LEFT JOIN actors a ON a.id = l.actor_id"
                " WHERE l.statement_id = ?1 AND coalesce(e.uid, a.uid) IS NOT NULL ORDER BY 1, 2",
};

typedef struct rx {
  nk_xml x;
  sqlite3 *db;
  const char *base;
  sqlite3_stmt *q[Q_COUNT];
  int nomem;
} rx;

static const char *col(sqlite3_stmt *st, int i)
{
  return (const char *)sqlite3_column_text(st, i);
}

/* ----------------------------------------------------------------------- IRIs and dates */

/* RFC 3987 ucschar: the non-ASCII code points allowed unescaped in an IRI path. */
static int is_ucschar(unsigned long c)
{
  if (c < 0xA0)
    return 0;
  if (c <= 0xD7FF)
    return 1;
  if (c >= 0xF900 && c <= 0xFDCF)
    return 1;
  if (c >= 0xFDF0 && c <= 0xFFEF)
    return 1;
  /* RFC 3987 ucschar: planes 1 to 13 whole, plane 14 from U+E1000; the noncharacters
     xFFFE/xFFFF of each plane excluded. */
  if (c >= 0x10000 && c <= 0xEFFFD && (c < 0xE0000 || c >= 0xE1000))
    return (c & 0xFFFF) <= 0xFFFD;
  return 0;
}

/* BASE + UID with every character of UID outside iunreserved percent-encoded (a '/' too: the
   uid is one path segment). Returns a new string or NULL on allocation failure. */
static char *make_iri(const char *base, const char *uid)
{
  size_t bl = strlen(base), ul = strlen(uid);
  char *out = malloc(bl + ul * 3 + 1);
  if (!out)
    return NULL;
  memcpy(out, base, bl);
  size_t o = bl;
  const unsigned char *p = (const unsigned char *)uid;
  for (size_t i = 0; i < ul;) {
    unsigned long cp;
    size_t n = nk_utf8_decode(p + i, ul - i, &cp);
    unsigned char c = p[i];
    if (n == 1 && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '.' || c == '_' || c == '~')) {
      out[o++] = (char)c;
    } else if (n > 1 && is_ucschar(cp)) {
      memcpy(out + o, p + i, n);
      o += n;
    } else {
      if (n == 0)
        n = 1; /* an invalid byte is escaped on its own */
      for (size_t k = 0; k < n; k++) {
        static const char hex[] = "0123456789ABCDEF";
        out[o++] = '%';
        out[o++] = hex[p[i + k] >> 4];
        out[o++] = hex[p[i + k] & 15];
      }
    }
    i += n;
  }
  out[o] = '\0';
  return out;
}

/* An absolute IRI we can safely prefix: scheme ":" then no space, control, or the characters
   RFC 3987 excludes (<>"{}|\^`), and valid UTF-8. */
static int base_iri_ok(const char *s)
{
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s), i = 0;
  if (!n || !((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z'))
    return 0;
  while (i < n && ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z' ? 1 : (p[i] >= '0' && p[i] <= '9') ||
                                                                  p[i] == '+' || p[i] == '-' ||
                                                                  p[i] == '.'))
    i++;
  if (i >= n || p[i] != ':')
    return 0;
  while (i < n) {
    unsigned long cp;
    size_t k = nk_utf8_decode(p + i, n - i, &cp);
    if (k == 0 || cp <= 0x20 || cp == 0x7F || (cp < 0x80 && strchr("<>\"{}|\\^`", (int)cp)) ||
        (cp >= 0x80 && cp < 0xA0))
      return 0;
    i += k;
  }
  return 1;
}

static int digits(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

static int num(const char *s, size_t n)
{
  int v = 0;
  for (size_t i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

static int valid_ymd(const char *s)
{
  if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
    return 0;
  int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
    return 0;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 0;
  return 1;
}

/* The XSD datatype of S: xsd:date for "YYYY-MM-DD", xsd:dateTime for
   "YYYY-MM-DDThh:mm:ss[.s+][Z|(+|-)hh:mm]", NULL otherwise (written as a plain literal). */
static const char *date_type(const char *s)
{
  size_t n = strlen(s);
  if (n < 10 || !valid_ymd(s))
    return NULL;
  if (n == 10)
    return XSD "date";
  const char *t = s + 10;
  if (t[0] != 'T' || strlen(t) < 9 || !digits(t + 1, 2) || t[3] != ':' || !digits(t + 4, 2) ||
      t[6] != ':' || !digits(t + 7, 2))
    return NULL;
  if (num(t + 1, 2) > 23 || num(t + 4, 2) > 59 || num(t + 7, 2) > 59)
    return NULL;
  t += 9;
  if (*t == '.') {
    size_t k = 1;
    while (t[k] >= '0' && t[k] <= '9')
      k++;
    if (k == 1)
      return NULL;
    t += k;
  }
  if (*t == 'Z')
    t++;
  else if ((*t == '+' || *t == '-') && digits(t + 1, 2) && t[3] == ':' && digits(t + 4, 2) &&
           num(t + 1, 2) <= 14 && num(t + 4, 2) <= 59)
    t += 6;
  return *t ? NULL : XSD "dateTime";
}

/* ----------------------------------------------------------------------- writing */

static void res_start(rx *r, const char *type, const char *uid)
{
  char *iri = make_iri(r->base, uid);
  if (!iri)
    r->nomem = r->x.failed = 1;
  nk_xml_start(&r->x, type);
  nk_xml_attr(&r->x, "rdf:about", iri);
  free(iri);
}

/* <prop rdf:resource="BASE+uid"/> */
static void ref(rx *r, const char *prop, const char *uid)
{
  if (!uid)
    return;
  char *iri = make_iri(r->base, uid);
  if (!iri)
    r->nomem = r->x.failed = 1;
  nk_xml_start(&r->x, prop);
  nk_xml_attr(&r->x, "rdf:resource", iri);
  nk_xml_end(&r->x);
  free(iri);
}

/* <prop rdf:resource="IRI"/> for a vocabulary IRI. */
static void ref_iri(rx *r, const char *prop, const char *iri)
{
  nk_xml_start(&r->x, prop);
  nk_xml_attr(&r->x, "rdf:resource", iri);
  nk_xml_end(&r->x);
}

/* A literal, with xml:lang LANG (may be NULL) or datatype TYPE (may be NULL). */
static void lit(rx *r, const char *prop, const char *value, const char *lang, const char *type)
{
  if (!value)
    return;
  nk_xml_start(&r->x, prop);
  if (type)
    nk_xml_attr(&r->x, "rdf:datatype", type);
  else if (lang && *lang)
    nk_xml_attr(&r->x, "xml:lang", lang);
  nk_xml_text(&r->x, value);
  nk_xml_end(&r->x);
}

static void lit_int(rx *r, const char *prop, long long v)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", v);
  lit(r, prop, buf, NULL, XSD "nonNegativeInteger");
}

static void lit_date(rx *r, const char *prop, const char *value)
{
  if (value)
    lit(r, prop, value, NULL, date_type(value));
}

/* Steps nested query Q bound to ID; calls FN per row. Returns 0 on a database error. */
typedef void (*nested_fn)(rx *r, sqlite3_stmt *st, void *user);
static int nested(rx *r, int q, sqlite3_int64 id, nested_fn fn, void *user)
{
  sqlite3_stmt *st = r->q[q];
  sqlite3_reset(st);
  sqlite3_bind_int64(st, 1, id);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    fn(r, st, user);
  sqlite3_reset(st);
  return rc == SQLITE_DONE;
}

static void mention_fn(rx *r, sqlite3_stmt *st, void *user)
{
  (void)user;
  ref(r, "schema:mentions", col(st, 0));
}

static void name_fn(rx *r, sqlite3_stmt *st, void *user)
{
  (void)user;
  lit(r, "schema:alternateName", col(st, 0), NULL, NULL);
}

static void role_fn(rx *r, sqlite3_stmt *st, void *user)
{
  (void)user;
  lit(r, "nk:role", col(st, 0), col(st, 1), NULL);
}

static void relation_fn(rx *r, sqlite3_stmt *st, void *user)
{
  (void)user;
  const char *k = col(st, 0);
  const char *prop = !k ? NULL
                     : !strcmp(k, "affiliated_with") ? "nk:affiliatedWith"
                     : !strcmp(k, "nationality")     ? "nk:nationality"
                     : !strcmp(k, "located_in")      ? "schema:location"
                                                     : NULL;
  if (prop)
    ref(r, prop, col(st, 1));
}

/* Participants: nk:source / nk:target per role, sem:hasActor once per actor (rows come
   ordered by actor). USER is the previous actor uid buffer. */
static void part_fn(rx *r, sqlite3_stmt *st, void *user)
{
  char *prev = user;
  const char *role = col(st, 0), *uid = col(st, 1);
  if (!role || !uid)
    return;
  if (!strcmp(role, "source"))
    ref(r, "nk:source", uid);
  else if (!strcmp(role, "target"))
    ref(r, "nk:target", uid);
  if (strncmp(prev, uid, 127) != 0) {
    ref(r, "sem:hasActor", uid);
    snprintf(prev, 128, "%s", uid);
  }
}

static void derived_fn(rx *r, sqlite3_stmt *st, void *user)
{
  (void)user;
  ref(r, "prov:wasDerivedFrom", col(st, 0));
}

/* One nk:EventAccount, nested in the event's nk:account. USER is the event uid. */
static void account_fn(rx *r, sqlite3_stmt *st, void *user)
{
  const char *event_uid = user, *art = col(st, 0), *lang = col(st, 8);
  if (!art)
    return;
  nk_xml_start(&r->x, "nk:account");
  /* the '/' separators are part of the IRI: escape the parts, not the whole */
  char *iri = make_iri(r->base, event_uid);
  char *tail = make_iri("", art);
  size_t n = (iri ? strlen(iri) : 0) + (tail ? strlen(tail) : 0) + 64;
  char *full = iri && tail ? malloc(n) : NULL;
  if (full)
    snprintf(full, n, "%s/account/%s-%lld-%lld", iri, tail, (long long)sqlite3_column_int64(st, 1),
             (long long)sqlite3_column_int64(st, 2));
  else
    r->nomem = r->x.failed = 1;
  nk_xml_start(&r->x, "nk:EventAccount");
  nk_xml_attr(&r->x, "rdf:about", full);
  free(iri), free(tail), free(full);
  ref(r, "prov:wasDerivedFrom", art);
  lit(r, "nk:factuality", col(st, 3), NULL, NULL);
  lit(r, "nk:trigger", col(st, 4), lang, NULL);
  lit(r, "nk:timeText", col(st, 5), lang, NULL);
  lit_date(r, "schema:startDate", col(st, 6));
  lit(r, "nk:placeText", col(st, 7), lang, NULL);
  lit_int(r, "nk:startOffset", sqlite3_column_int64(st, 1));
  lit_int(r, "nk:endOffset", sqlite3_column_int64(st, 2));
  nk_xml_end(&r->x);
  nk_xml_end(&r->x);
}

static void link_fn(rx *r, sqlite3_stmt *st, void *user)
{
  (void)user;
  const char *k = col(st, 0);
  const char *prop = !k ? NULL
                     : !strcmp(k, "about")    ? "schema:about"
                     : !strcmp(k, "confirms") ? "nk:confirms"
                     : !strcmp(k, "denies")   ? "nk:denies"
                                              : NULL;
  if (prop)
    ref(r, prop, col(st, 1));
}

/* ----------------------------------------------------------------------- resources */

static const char articles_sql[] =
    "SELECT a.id, a.uid, a.title, a.date, a.author, a.site, a.lang, a.file, a.hash, a.text"
    " FROM sel_articles s JOIN articles a ON a.id = s.id ORDER BY a.id";

static int article_row(rx *r, sqlite3_stmt *st)
{
  const char *lang = col(st, 6);
  res_start(r, "schema:NewsArticle", col(st, 1));
  lit(r, "schema:headline", col(st, 2), lang, NULL);
  lit(r, "rdfs:label", col(st, 2) ? col(st, 2) : col(st, 7), col(st, 2) ? lang : NULL, NULL);
  lit_date(r, "schema:datePublished", col(st, 3));
  lit(r, "schema:author", col(st, 4), NULL, NULL);
  lit(r, "schema:publisher", col(st, 5), NULL, NULL);
  lit(r, "schema:inLanguage", lang, NULL, NULL);
  lit(r, "nk:file", col(st, 7), NULL, NULL);
  lit(r, "schema:identifier", col(st, 8), NULL, NULL);
  lit(r, "schema:articleBody", col(st, 9), lang, NULL);
  int ok = nested(r, Q_MENTIONS, sqlite3_column_int64(st, 0), mention_fn, NULL);
  nk_xml_end(&r->x);
  return ok;
}

static const char actors_sql[] =
    "SELECT a.id, a.uid, a.name, a.type, a.credit_only FROM sel_actors s"
    " JOIN actors a ON a.id = s.id ORDER BY a.id";

static int actor_row(rx *r, sqlite3_stmt *st)
{
  const char *type = col(st, 3);
  sqlite3_int64 id = sqlite3_column_int64(st, 0);
  int org = type && !strcmp(type, "organization"), place = type && !strcmp(type, "place");
  res_start(r, org ? "schema:Organization" : place ? "schema:Place" : "schema:Person",
            col(st, 1));
  if (!place)
    ref_iri(r, "rdf:type",
            org ? "http://xmlns.com/foaf/0.1/Organization" : "http://xmlns.com/foaf/0.1/Person");
  lit(r, "schema:name", col(st, 2), NULL, NULL);
  lit(r, "rdfs:label", col(st, 2), NULL, NULL);
  if (sqlite3_column_int(st, 4))
    lit(r, "nk:creditOnly", "true", NULL, XSD "boolean");
  int ok = nested(r, Q_NAMES, id, name_fn, NULL) && nested(r, Q_ROLES, id, role_fn, NULL) &&
           nested(r, Q_RELATIONS, id, relation_fn, NULL);
  nk_xml_end(&r->x);
  return ok;
}

static const char events_sql[] =
    "SELECT e.id, e.uid, e.cameo, e.label, e.time_norm, pl.uid, cm.label_en, cm.label_fr,"
    " coalesce((SELECT c.factuality FROM event_accounts c JOIN sel_scope s"
    "  ON s.id = c.article_id WHERE c.event_id = e.id ORDER BY c.id LIMIT 1),"
    " (SELECT c.factuality FROM event_accounts c WHERE c.event_id = e.id ORDER BY c.id LIMIT 1))"
    " FROM sel_events t JOIN events e ON e.id = t.id LEFT JOIN actors pl ON pl.id = e.place_id"
    " LEFT JOIN cameo cm ON cm.code = e.cameo ORDER BY e.id";

static int event_row(rx *r, sqlite3_stmt *st)
{
  sqlite3_int64 id = sqlite3_column_int64(st, 0);
  const char *uid = col(st, 1);
  if (!uid)
    return 1;
  res_start(r, "sem:Event", uid);
  ref_iri(r, "rdf:type", "http://schema.org/Event");
  lit(r, "schema:name", col(st, 3), NULL, NULL);
  lit(r, "rdfs:label", col(st, 3), NULL, NULL);
  lit(r, "nk:cameoCode", col(st, 2), NULL, NULL);
  lit(r, "nk:cameoLabel", col(st, 6), "en", NULL);
  if (col(st, 7) && (!col(st, 6) || strcmp(col(st, 6), col(st, 7))))
    lit(r, "nk:cameoLabel", col(st, 7), "fr", NULL);
  lit(r, "nk:factuality", col(st, 8), NULL, NULL);
  lit_date(r, "schema:startDate", col(st, 4));
  ref(r, "schema:location", col(st, 5));
  char prev[128] = "";
  /* UID stays valid while the nested queries run: they are other cursors, and this row's
     statement is not stepped until they are done. */
  int ok = nested(r, Q_PARTS, id, part_fn, prev) &&
           nested(r, Q_EVENT_ARTICLES, id, derived_fn, NULL) &&
           nested(r, Q_ACCOUNTS, id, account_fn, (void *)uid);
  nk_xml_end(&r->x);
  return ok;
}

static const char statements_sql[] =
    "SELECT s.id, s.uid, s.text, s.kind, s.stance, s.verb, s.start, s.\"end\", ar.uid, ar.lang,"
    " sp.uid, at.uid FROM sel_statements t JOIN statements s ON s.id = t.id"
    " JOIN articles ar ON ar.id = s.article_id LEFT JOIN actors sp ON sp.id = s.speaker_id"
    " LEFT JOIN actors at ON at.id = s.attributed_to ORDER BY s.id";

static int statement_row(rx *r, sqlite3_stmt *st)
{
  const char *lang = col(st, 9);
  res_start(r, "schema:Quotation", col(st, 1));
  lit(r, "schema:text", col(st, 2), lang, NULL);
  ref(r, "schema:creator", col(st, 10));
  ref(r, "prov:wasAttributedTo", col(st, 10));
  ref(r, "nk:attributedTo", col(st, 11));
  lit(r, "nk:statementKind", col(st, 3), NULL, NULL);
  lit(r, "nk:stance", col(st, 4), NULL, NULL);
  lit(r, "nk:verb", col(st, 5), NULL, NULL);
  ref(r, "prov:wasDerivedFrom", col(st, 8));
  ref(r, "schema:isPartOf", col(st, 8));
  lit_int(r, "nk:startOffset", sqlite3_column_int64(st, 6));
  lit_int(r, "nk:endOffset", sqlite3_column_int64(st, 7));
  int ok = nested(r, Q_LINKS, sqlite3_column_int64(st, 0), link_fn, NULL);
  nk_xml_end(&r->x);
  return ok;
}

typedef int (*row_fn)(rx *r, sqlite3_stmt *st);

static nk_status each_row(rx *r, const char *sql, row_fn fn, nk_error *err)
{
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK)
    return nk_error_set(err, NK_ERR_DB, "rdfxml: %s", sqlite3_errmsg(r->db));
  int rc, ok = 1;
  while (ok && nk_xml_ok(&r->x) && (rc = sqlite3_step(st)) == SQLITE_ROW)
    ok = fn(r, st);
  nk_status s = NK_OK;
  if (!ok || (nk_xml_ok(&r->x) && rc != SQLITE_DONE))
    s = nk_error_set(err, NK_ERR_DB, "rdfxml: %s", sqlite3_errmsg(r->db));
  sqlite3_finalize(st);
  return s;
}

nk_status nk_rdfxml_write(sqlite3 *db, const nk_export_options *opt, FILE *out, nk_error *err)
{
  rx r;
  memset(&r, 0, sizeof r);
  r.db = db;
  r.base = opt && opt->base_iri && *opt->base_iri ? opt->base_iri : DEFAULT_BASE;
  if (!base_iri_ok(r.base))
    return nk_error_set(err, NK_ERR_USAGE, "invalid base IRI (an absolute IRI is expected)");
  nk_status st = NK_OK;
  for (int i = 0; i < Q_COUNT; i++)
    if (sqlite3_prepare_v2(db, nested_sql[i], -1, &r.q[i], NULL) != SQLITE_OK) {
      st = nk_error_set(err, NK_ERR_DB, "rdfxml: %s", sqlite3_errmsg(db));
      goto done;
    }
  if ((st = nk_xml_open(&r.x, out, 1, err)))
    goto done;
  nk_xml_start(&r.x, "rdf:RDF");
  for (size_t i = 0; i < sizeof namespaces / sizeof namespaces[0]; i++) {
    char attr[32];
    snprintf(attr, sizeof attr, "xmlns:%s", namespaces[i].prefix);
    nk_xml_attr(&r.x, attr, namespaces[i].iri);
  }
  if (!(st = each_row(&r, articles_sql, article_row, err)) &&
      !(st = each_row(&r, actors_sql, actor_row, err)) &&
      !(st = each_row(&r, events_sql, event_row, err)))
    st = each_row(&r, statements_sql, statement_row, err);
  nk_xml_end(&r.x);
  nk_error cerr;
  nk_status cst = nk_xml_close(&r.x, &cerr);
  if (!st && r.nomem)
    st = nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  if (!st && cst)
    st = nk_error_set(err, cst, "rdfxml: %s", cerr.msg);
done:
  for (int i = 0; i < Q_COUNT; i++)
    sqlite3_finalize(r.q[i]);
  return st;
}
