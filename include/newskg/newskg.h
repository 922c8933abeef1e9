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

#ifdef __cplusplus
}
#endif
#endif
