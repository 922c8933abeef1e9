/* Fuzzes the XML exporters with hostile store contents: the input bytes become an actor name,
   an alias, a role, a statement text, an article title and an event label. The GraphML and
   RDF/XML written must always parse as XML. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <sqlite3.h>

#include "export/select.h"
#include "export/writers.h"
#include "util/resources.h"

static const char fill_sql[] =
    "INSERT INTO articles (id, uid, hash, file, path, format, title, lang, text)"
    " VALUES (1, 'a-1', 'h', ?1, ?1, 'txt', ?1, 'en', ?1);"
    "INSERT INTO actors (id, uid, name, type) VALUES (1, 'p-1', ?1, 'person');"
    "INSERT INTO actor_names (actor_id, name, key) VALUES (1, ?1, ?1);"
    "INSERT INTO actor_roles (actor_id, role, article_id) VALUES (1, ?1, 1);"
    "INSERT INTO mentions (article_id, actor_id, kind, start, \"end\", text)"
    " VALUES (1, 1, 'name', 0, 1, ?1);"
    "INSERT INTO statements (id, uid, article_id, speaker_id, kind, text, verb, stance, start,"
    " \"end\") VALUES (1, 's-1', 1, 1, 'direct', ?1, ?1, 'assert', 0, 1);"
    "INSERT INTO events (id, uid, cameo, label, time_norm) VALUES (1, 'e-1', '040', ?1, ?1);"
    "INSERT INTO event_accounts (event_id, article_id, trigger, factuality, time_text, start,"
    " \"end\") VALUES (1, 1, ?1, 'asserted', ?1, 0, 1);";

static void export_and_parse(sqlite3 *db, nk_export_format f)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (!m)
    return;
  nk_error err;
  /* GraphML without the Graphviz layout: positions are numbers, not strings from the input,
     and the layout would make each run a hundred times slower. */
  nk_status st = nk_select_prepare(db, NULL, &err);
  if (st == NK_OK)
    st = f == NK_EXPORT_GRAPHML ? nk_graphml_write_ex(db, NULL, 0, m, &err)
                                : nk_rdfxml_write(db, NULL, m, &err);
  fclose(m);
  if (st != NK_OK)
    abort();
  xmlDocPtr doc = xmlReadMemory(buf, (int)len, "x.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                XML_PARSE_NOWARNING);
  if (!doc)
    abort(); /* an export that does not parse is the bug this target looks for */
  xmlFreeDoc(doc);
  free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size > 4096)
    return 0;
  sqlite3 *db = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK)
    return 0;
  const char *schema = nk_resource_get("schema.sql", NULL);
  if (schema && sqlite3_exec(db, schema, NULL, NULL, NULL) == SQLITE_OK) {
    const char *sql = fill_sql;
    int ok = 1;
    while (ok && *sql) {
      sqlite3_stmt *st = NULL;
      const char *tail = NULL;
      if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK || !st) {
        ok = 0;
        break;
      }
      sqlite3_bind_text(st, 1, (const char *)data, (int)size, SQLITE_TRANSIENT);
      ok = sqlite3_step(st) == SQLITE_DONE;
      sqlite3_finalize(st);
      sql = tail;
    }
    if (ok) {
      export_and_parse(db, NK_EXPORT_GRAPHML);
      export_and_parse(db, NK_EXPORT_RDFXML);
    }
  }
  sqlite3_close(db);
  return 0;
}
