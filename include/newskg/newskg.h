/* newskg: news articles to a knowledge graph. Umbrella header.
   Pipeline: nk_article_read_file → nk_doc_segment → nk_extract → nk_store_put → nk_export. */
#ifndef NEWSKG_H
#define NEWSKG_H

#include "newskg/status.h"
#include "newskg/article.h"
#include "newskg/text.h"
#include "newskg/graph.h"
#include "newskg/extract.h"
#include "newskg/store.h"
#include "newskg/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* "0.1.0" */
const char *nk_version(void);

/* Reads, segments, extracts and stores one article file. *warning (may be NULL) gets a
   reader warning; returns NK_DUPLICATE when already stored. */
nk_status nk_ingest_file(nk_store *s, const nk_extractor *x, const char *path,
                         const char **warning, nk_error *err);

/* What became of one file of nk_ingest_files. Everything it points to is owned by the
   pipeline and valid only during the callback. */
typedef struct nk_ingest_report {
  size_t index;         /* the file's position in the list */
  const char *path;
  nk_status status;     /* NK_OK (stored), NK_DUPLICATE, or why it was rejected */
  const char *warning;  /* a reader warning ("transcoded from Windows-1252"), or NULL */
  const nk_error *err;  /* the one-line reason when status is an error */
} nk_ingest_report;

/* Called on the thread that called nk_ingest_files, once per file, in list order, after
   the file's article is stored or rejected. Returns nonzero to stop the run there. */
typedef int (*nk_ingest_fn)(const nk_ingest_report *r, void *user);

/* Ingests PATHS[0..N) ("-" is standard input). JOBS threads (0: one per CPU) read, segment
   and extract in parallel, while the calling thread stores the articles one at a time in
   list order, so the database is the same whatever JOBS is. At most a few articles per
   thread are held in memory at once. A rejected file is reported through FN (may be NULL)
   and the run goes on; FN decides when a failure should stop it (a database error, say).
   Returns NK_OK, or NK_ERR_NOMEM when the pipeline itself cannot be set up. Puts are
   grouped into transactions: call nk_store_commit afterwards to learn that the last group
   is safe. */
nk_status nk_ingest_files(nk_store *s, const nk_extractor *x, const char *const *paths,
                          size_t n, unsigned jobs, nk_ingest_fn fn, void *user, nk_error *err);

/* The number of CPUs online (at least 1): nk_ingest_files' default for JOBS. */
unsigned nk_ingest_default_jobs(void);

#ifdef __cplusplus
}
#endif
#endif
