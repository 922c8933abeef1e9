/* newskg store: the SQLite database that holds the graph (schema in schemas/schema.sql). */
#ifndef NEWSKG_STORE_H
#define NEWSKG_STORE_H

#include <stdint.h>
#include "newskg/article.h"
#include "newskg/graph.h"
#include "newskg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nk_store nk_store;

enum {
  NK_STORE_READONLY = 1 << 0, /* open for reading only (exports, stats) */
  NK_STORE_CREATE = 1 << 1    /* create the file (and the schema) when missing */
};

/* Opens (creating the schema when the file is new) PATH with WAL and a busy timeout.
   Refuses a database of a newer schema version (NK_ERR_DB_VERSION), a corrupt or non-SQLite
   file (NK_ERR_DB_CORRUPT), an unwritable one opened for writing (NK_ERR_DB_READONLY).
   *out is freed with nk_store_close(). */
nk_status nk_store_open(const char *path, int flags, nk_store **out, nk_error *err);
void nk_store_close(nk_store *s);

/* Stores one article and its graph in one transaction: all or nothing. Actors are merged with
   actors already stored (world-knowledge id, then name keys), events with the same event told
   elsewhere. Returns NK_DUPLICATE (and stores nothing) when an article with the same content
   hash is present. *article_id (may be NULL) receives the article's row id. */
nk_status nk_store_put(nk_store *s, const nk_article *art, const nk_graph *g,
                       int64_t *article_id, nk_error *err);

/* Puts are committed in groups (up to a quarter second of work) for speed; this commits the
   open group now, so a caller can report what is stored before it closes. nk_store_close()
   commits too, but cannot report a failure. On failure the group is lost (as after a crash)
   and err says how many articles it held. */
nk_status nk_store_commit(nk_store *s, nk_error *err);

/* Calls FN once per (kind, type, count) row: kind "articles", "actors", "mentions",
   "statements", "events", "accounts" (one per article telling an event), "relations"; type
   the language, actor type, mention or statement kind, CAMEO root ("04"), factuality
   (accounts)... or "" for the total of a kind, which comes first. */
typedef void (*nk_stats_fn)(const char *kind, const char *type, int64_t count, void *user);
nk_status nk_store_stats(nk_store *s, nk_stats_fn fn, void *user, nk_error *err);

#ifdef __cplusplus
}
#endif
#endif
