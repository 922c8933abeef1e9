/* The pipeline for one file: read → segment → extract → store. */
#include "newskg/newskg.h"

const char *nk_version(void)
{
  return NK_VERSION;
}

nk_status nk_ingest_file(nk_store *s, const nk_extractor *x, const char *path,
                         const char **warning, nk_error *err)
{
  nk_article *art = NULL;
  nk_doc *doc = NULL;
  nk_graph *g = NULL;
  nk_status st = nk_article_read_file(path, &art, warning, err);
  if (st == NK_OK)
    st = nk_doc_segment(art->text, art->text_len, art->title, art->lang, &doc, err);
  if (st == NK_OK && !(g = nk_graph_new()))
    st = nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  if (st == NK_OK)
    st = nk_extract(x, art, doc, g, err);
  if (st == NK_OK)
    st = nk_store_put(s, art, g, NULL, err);
  nk_graph_free(g);
  nk_doc_free(doc);
  nk_article_free(art);
  return st;
}
