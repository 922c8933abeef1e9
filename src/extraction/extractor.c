/* The extractor: loads every stage's lexicons once, then runs the stages in order. */
#include <stdlib.h>

#include "extraction/extractor.h"

nk_status nk_extractor_new(nk_extractor **out, nk_error *err)
{
  nk_extractor *x = calloc(1, sizeof *x);
  if (!x)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  nk_status st = nk_actors_init(&x->actors, err);
  if (st == NK_OK)
    st = nk_statements_init(&x->stmts, err);
  if (st == NK_OK)
    st = nk_events_init(&x->events, err);
  if (st != NK_OK) {
    nk_extractor_free(x);
    return st;
  }
  *out = x;
  return NK_OK;
}

void nk_extractor_free(nk_extractor *x)
{
  if (!x)
    return;
  nk_events_free(x->events);
  nk_statements_free(x->stmts);
  nk_actors_free(x->actors);
  free(x);
}

nk_status nk_extract(const nk_extractor *x, const nk_article *art, const nk_doc *doc,
                     nk_graph *g, nk_error *err)
{
  /* Order matters: statements need resolved actors for their speakers, and events need
     statements to code denials and refusals and to link statements to what they are about. */
  nk_status st = nk_actors_run(x->actors, art, doc, g, err);
  if (st == NK_OK)
    st = nk_statements_run(x->stmts, x->actors, art, doc, g, err);
  if (st == NK_OK)
    st = nk_events_run(x->events, x->actors, art, doc, g, err);
  return st;
}
