/* Phrase tables: the TSV lexicons of schemas/ matched against a doc's tokens.
   Format of a lexicon file: UTF-8, one entry per line, fields separated by TABs; the first
   field is the phrase as written ("porte-parole du", "a déclaré", "White House"); '#' starts a
   comment line; blank lines are skipped. The phrase is tokenised with the text layer and
   folded, so "Président" in a lexicon matches "président", "PRESIDENT" and "president". */
#ifndef NK_LEXICON_H
#define NK_LEXICON_H

#include <stddef.h>
#include "newskg/status.h"
#include "newskg/text.h"

typedef struct nk_lex nk_lex;

typedef struct nk_lex_entry {
  const char *phrase;        /* as written in the file */
  const char *const *fields; /* fields[0] is the phrase, then the other columns */
  size_t n_fields;
  size_t n_tokens;           /* length of the phrase in tokens */
  size_t line;               /* line number in its file */
} nk_lex_entry;

/* Loads one embedded file (path relative to schemas/). Several files may be merged into one
   table by calling nk_lex_add_resource() again. *out is freed with nk_lex_free(). */
nk_status nk_lex_load(const char *resource, nk_lex **out, nk_error *err);
nk_status nk_lex_add_resource(nk_lex *lex, const char *resource, nk_error *err);
void nk_lex_free(nk_lex *lex);

/* The longest entry whose tokens equal the doc's tokens from token I on (folded comparison),
   staying within I's sentence; NULL when none. */
const nk_lex_entry *nk_lex_match(const nk_lex *lex, const nk_doc *doc, size_t i);

/* nk_lex_match's answers for one table and one doc, kept per token: a stage that scans a
   sentence once per candidate asks the same tokens many times. Zeroed, it asks nothing yet;
   per article state (the tables themselves are shared read-only between threads). */
typedef struct nk_lex_memo {
  const nk_lex_entry **at; /* per token: NULL when not asked yet, else the answer */
  size_t n;
} nk_lex_memo;

/* Readies the COUNT memos M[0..COUNT) (one per table a run asks) for a doc of N_TOKS tokens,
   in one allocation that M[0] holds: 0, or -1 when out of memory. */
int nk_lex_memos_init(nk_lex_memo *m, size_t count, size_t n_toks);
void nk_lex_memos_free(nk_lex_memo *m, size_t count);
/* The memo's answer for "no entry" (NULL in the memo means not asked yet). */
extern const nk_lex_entry nk_lex_no_entry;
/* Asks nk_lex_match and records the answer in M (I < M->n): nk_lex_match_memo's miss. */
const nk_lex_entry *nk_lex_memo_fill(nk_lex_memo *m, const nk_lex *lex, const nk_doc *doc,
                                     size_t i);
/* nk_lex_match(LEX, DOC, I), remembered in M, which must serve only this LEX and DOC. Inline:
   the events stage asks it millions of times per corpus, half of them answered by the memo,
   and a call cost more than the answer. */
static inline const nk_lex_entry *nk_lex_match_memo(nk_lex_memo *m, const nk_lex *lex,
                                                    const nk_doc *doc, size_t i)
{
  if (i >= m->n)
    return nk_lex_match(lex, doc, i);
  const nk_lex_entry *e = m->at[i];
  if (!e)
    return nk_lex_memo_fill(m, lex, doc, i);
  return e == &nk_lex_no_entry ? NULL : e;
}

/* The entry for a phrase (folded and tokenised like the file's), or NULL. */
const nk_lex_entry *nk_lex_lookup(const nk_lex *lex, const char *phrase);

/* Iteration over every entry, in file order. */
size_t nk_lex_count(const nk_lex *lex);
const nk_lex_entry *nk_lex_at(const nk_lex *lex, size_t i);

#endif
