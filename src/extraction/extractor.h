/* The extractor's parts. Each stage owns its lexicons: actors.c, statements.c, events.c each
   define their own struct and its init/free/run functions; extractor.c ties them together and
   runs them in order: actors (mentions and resolution) → statements → events → links. */
#ifndef NK_EXTRACTOR_H
#define NK_EXTRACTOR_H

#include <string.h>

#include "newskg/extract.h"

struct nk_actors_lex;
struct nk_stmts_lex;
struct nk_events_lex;

struct nk_extractor {
  struct nk_actors_lex *actors;
  struct nk_stmts_lex *stmts;
  struct nk_events_lex *events;
};

nk_status nk_actors_init(struct nk_actors_lex **out, nk_error *err);
void nk_actors_free(struct nk_actors_lex *l);
/* Finds actors and mentions (names, descriptions, pronouns), resolves them within the
   article, and adds roles and relations. */
nk_status nk_actors_run(const struct nk_actors_lex *l, const nk_article *art,
                        const nk_doc *doc, nk_graph *g, nk_error *err);

nk_status nk_statements_init(struct nk_stmts_lex **out, nk_error *err);
void nk_statements_free(struct nk_stmts_lex *l);
nk_status nk_statements_run(const struct nk_stmts_lex *l, const struct nk_actors_lex *al,
                            const nk_article *art, const nk_doc *doc, nk_graph *g,
                            nk_error *err);

nk_status nk_events_init(struct nk_events_lex **out, nk_error *err);
void nk_events_free(struct nk_events_lex *l);
/* Also links statements to the events they confirm, deny or are about. */
nk_status nk_events_run(const struct nk_events_lex *l, const struct nk_actors_lex *al,
                        const nk_article *art, const nk_doc *doc, nk_graph *g,
                        nk_error *err);

/* Services of the actor stage to the later stages (actors.c). */

/* The actor a span of tokens [first, end) refers to: a name, a title+name, a description
   ("le porte-parole", "the agency"), or a pronoun ("il", "elle", "he", "she", "-t-il")
   resolved to the most recent compatible actor before token FIRST. NK_NONE when unknown. */
int32_t nk_actors_resolve_span(const struct nk_actors_lex *l, const nk_doc *doc,
                               const nk_graph *g, size_t first, size_t end);

/* The same, for the many calls a stage makes on one article: MEMO keeps indexes of G between
   calls (see actors_span.c). A memo serves one graph at a time; new actors may be added to
   the graph between calls, existing actors' names must not change. */
typedef struct nk_span_memo nk_span_memo;
nk_span_memo *nk_span_memo_new(void); /* NULL on allocation failure */
void nk_span_memo_free(nk_span_memo *memo);
int32_t nk_actors_resolve_span_memo(nk_span_memo *memo, const struct nk_actors_lex *l,
                                    const nk_doc *doc, const nk_graph *g, size_t first,
                                    size_t end);

/* The mention that covers token I (NK_NONE when none): mentions are sorted by tok_first. */
int32_t nk_mention_at(const nk_graph *g, size_t i);
/* nk_mention_at for every token 0 to N_TOKS-1 into OUT[0..n_toks), for a stage that asks
   many times and adds no mentions. -1 on allocation failure. */
int nk_mention_index(const nk_graph *g, size_t n_toks, int32_t *out);

/* Token I is a nationality adjective ("Qatari", "allemand"): never an actor's name alone. */
int nk_actors_is_demonym(const struct nk_actors_lex *l, const nk_doc *doc, size_t i);

/* Whether token T of DOC is spelled S. Inline, as the stages' punctuation tests built on it
   are asked of most tokens they cross, always with a literal S whose length the compiler
   then knows: no call, no strlen. */
static inline int nk_tok_spelled(const nk_doc *doc, const nk_token *t, const char *s)
{
  size_t n = strlen(s);
  return t->end - t->start == n && memcmp(doc->text + t->start, s, n) == 0;
}

#endif
