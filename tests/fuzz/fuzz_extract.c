/* Fuzz target: the whole extractor (actors, statements, events) on arbitrary text, French
   or English as detected, with the invariants the store relies on: every index points
   inside its array, every offset inside the text, every string set. The extractor is built
   once: it is read-only after that, as in the ingest pipeline. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/newskg.h"

static nk_extractor *X;

static int actor_ok(const nk_graph *g, int32_t a, int may_be_none)
{
  return (may_be_none && a == NK_NONE) || (a >= 0 && (size_t)a < g->n_actors);
}

static void check(const nk_graph *g, size_t len)
{
  for (size_t i = 0; i < g->n_actors; i++)
    if (!g->actors[i].name) abort();
  for (size_t i = 0; i < g->n_mentions; i++) {
    const nk_mention *m = &g->mentions[i];
    if (!actor_ok(g, m->actor, 0) || m->start > m->end || m->end > len) abort();
  }
  for (size_t i = 0; i < g->n_statements; i++) {
    const nk_statement *s = &g->statements[i];
    if (!s->text || !actor_ok(g, s->speaker, 1) || !actor_ok(g, s->attributed_to, 1) ||
        s->start > s->end || s->end > len)
      abort();
  }
  for (size_t i = 0; i < g->n_events; i++) {
    const nk_event *e = &g->events[i];
    if (!e->cameo || !e->label || !e->trigger || !actor_ok(g, e->place, 1) || e->start > e->end ||
        e->end > len)
      abort();
    for (size_t k = 0; k < e->n_parts; k++)
      if (!actor_ok(g, e->parts[k].actor, 0)) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nk_error err;
  if (!X && nk_extractor_new(&X, &err) != NK_OK) abort();
  nk_article *art = NULL;
  /* rejected input (binary, empty, undecodable) is the reader's business, fuzzed elsewhere */
  if (nk_article_read_buffer("fuzz.txt", (const char *)data, size, NK_FORMAT_TXT, &art, NULL,
                             &err) != NK_OK)
    return 0;
  nk_doc *doc = NULL;
  nk_graph *g = nk_graph_new();
  if (!g) abort();
  if (nk_doc_segment(art->text, art->text_len, art->title, art->lang, &doc, &err) != NK_OK ||
      nk_extract(X, art, doc, g, &err) != NK_OK)
    abort();
  check(g, art->text_len);
  nk_graph_free(g);
  nk_doc_free(doc);
  nk_article_free(art);
  return 0;
}
