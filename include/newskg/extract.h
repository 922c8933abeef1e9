/* newskg extraction: actors, statements and events from a segmented article. */
#ifndef NEWSKG_EXTRACT_H
#define NEWSKG_EXTRACT_H

#include "newskg/article.h"
#include "newskg/graph.h"
#include "newskg/status.h"
#include "newskg/text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The lexicons and tables (schemas/lexicons, schemas/world.tsv, schemas/cameo.tsv) loaded
   once. Read-only after creation: one extractor may serve any number of articles. */
typedef struct nk_extractor nk_extractor;

/* *out is a new extractor freed with nk_extractor_free(). Fails only on a malformed embedded
   lexicon (NK_ERR_INTERNAL, naming the file and line) or memory. */
nk_status nk_extractor_new(nk_extractor **out, nk_error *err);
void nk_extractor_free(nk_extractor *x);

/* Fills G (empty, from nk_graph_new) with the actors, mentions, relations, statements,
   events and links found in DOC, which was segmented from ART->text. */
nk_status nk_extract(const nk_extractor *x, const nk_article *art, const nk_doc *doc,
                     nk_graph *g, nk_error *err);

/* The key under which names are compared within and across articles: folded (case, accents,
   punctuation), courtesy titles removed, transliteration variants made equal ("Dmitry" and
   "Dmitri", "Zelenskyy" and "Zelensky"). Returns a new string the caller frees. */
char *nk_name_key(const char *name);

#ifdef __cplusplus
}
#endif
#endif
