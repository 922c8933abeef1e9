/* Internal to the statement stage (statements*.c): the loaded tables, the per-article work
   state and the helpers its files share. Other stages see only nk_statements_* (extractor.h).

   The stage reads a doc in three passes, all linear in its tokens:
   1. statements_quotes.c   finds quotation spans (balanced, nested, mismatched, unclosed,
                            running over paragraphs) and chains the parts of one quotation;
   2. statements_indirect.c finds speech verbs and source cues ("selon X") sentence by
                            sentence, the reported clause each one introduces, and the
                            quotations each one attributes (before or after the quote);
   3. statements.c          attributes what is left (a quote after a colon, a quote
                            continuing the previous speaker's words, a fragment in narration),
                            then writes the statements into the graph in text order.
   statements_attrib.c holds the speaker finders (subject before a verb, subject after an
   inverted verb, the noun phrase of a source cue). */
#ifndef NK_STATEMENTS_INTERNAL_H
#define NK_STATEMENTS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "extraction/extractor.h"
#include "extraction/lexicon.h"

/* Classes of statement_cues.tsv (column 2, '|'-separated). */
enum {
  SC_SOURCE = 1u << 0, SC_COMP = 1u << 1, SC_COORD = 1u << 2, SC_STOP = 1u << 3,
  SC_AUX = 1u << 4, SC_ADV = 1u << 5, SC_PREP = 1u << 6, SC_DET = 1u << 7,
  SC_PRONOUN = 1u << 8, SC_OBJ = 1u << 9, SC_RELATIVE = 1u << 10, SC_INDEF = 1u << 11, SC_TITLE = 1u << 12,
  SC_NAMING = 1u << 13, SC_GROUP = 1u << 14
};

/* Complements of speech_verbs.tsv (column 4, ','-separated). */
enum {
  VC_QUE = 1u << 0, VC_INF = 1u << 1, VC_ZERO = 1u << 2, VC_NP = 1u << 3,
  VC_QUOTE = 1u << 4, VC_POST = 1u << 5
};

/* Fold of a one-token cue → its class mask. Open addressing by nk_fold_hash, so that a
   token's fold_hash serves as it is; owns its keys. */
typedef struct st_set {
  char **keys;
  unsigned *vals;
  uint32_t *hashes; /* nk_fold_hash of each key, compared before the strings */
  size_t cap; /* power of two, 0 when empty */
} st_set;

/* The tables of one language. */
typedef struct st_lang {
  nk_lex *verbs; /* lexicons/LANG/speech_verbs.tsv */
  nk_lex *cues;  /* lexicons/LANG/statement_cues.tsv */
  st_set words;  /* the one-token cues by fold */
  int fr;        /* French rules (bare infinitive complements) */
} st_lang;

struct nk_stmts_lex {
  st_lang fr, en;
};

/* One part of a quotation: a paragraph's share of it. */
typedef struct st_quote {
  uint32_t open;    /* the opening mark, or FIRST when the part has none */
  uint32_t first;   /* content tokens [first, end) */
  uint32_t end;
  uint32_t after;   /* first token after the part (its closing mark excluded) */
  int32_t close;    /* closing mark token, or -1 (unclosed, recovered) */
  int32_t prev;     /* the part before (previous paragraph), or -1 */
  int32_t next;     /* the part after, or -1 */
  int32_t inc;      /* an incise inside it ("…, a-t-il ajouté, …"): its comma, or -1 */
  uint32_t inc_end; /* end of the incise (exclusive) */
  /* attribution found by a speech verb (set on the chain's first part) */
  int attributed;
  int32_t speaker, attributed_to;
  const char *verb;
  nk_stance stance;
  nk_stmt_kind kind;
  int absorbed;     /* inside a reported clause: no statement of its own */
} st_quote;

/* A statement found, before it is written: reported tokens [tf, te), or a quotation chain. */
typedef struct st_cand {
  uint32_t tf, te;
  int32_t quote;      /* first part of a quotation chain, or -1 */
  nk_stmt_kind kind;
  const char *verb;
  nk_stance stance;
  int32_t speaker, attributed_to;
  uint32_t sent;      /* sentence of its trigger */
  uint32_t head;      /* first token of its trigger (auxiliary included) */
  uint32_t subj;      /* first token of the trigger's subject (== head when none before) */
  int dropped;
} st_cand;

/* Per-article work state. Borrowed pointers; owned arrays are freed by st_ctx_free. */
typedef struct st_ctx {
  const st_lang *L;
  const struct nk_actors_lex *al;
  const nk_doc *doc;
  nk_graph *g;
  unsigned char *story;  /* per paragraph: 1 when it is read (story text or the title) */
  int32_t *qat;          /* per token: the quote part holding it (marks included), or -1 */
  st_quote *q;
  size_t nq, capq;
  st_cand *c;
  size_t nc, capc;
  /* the last speaker found, in text order, and the paragraph where: a quotation standing
     alone, or a description nobody resolved ("poursuit l'entraîneur"), continues it */
  int32_t last_sp;
  size_t last_para;
  size_t cur_para;
  nk_span_memo *memo;    /* for nk_actors_resolve_span_memo */
  /* per token, its one-token classes (st_cls) with ST_CLS_KNOWN once looked up: the same
     tokens are asked about many times per sentence */
  unsigned *cls;
} st_ctx;

#define ST_CLS_KNOWN (1u << 31)

/* statements.c */
/* One-token classes of token I. Inline for the answers x->cls already holds (most of the
   million asks per corpus); st_cls_fill looks up the others. */
unsigned st_cls_fill(const st_ctx *x, size_t i);
static inline unsigned st_cls(const st_ctx *x, size_t i)
{
  if (i >= x->doc->n_toks)
    return 0;
  unsigned c = x->cls[i];
  return (c & ST_CLS_KNOWN) ? c & ~ST_CLS_KNOWN : st_cls_fill(x, i);
}
size_t st_phrase(const st_ctx *x, size_t i, unsigned mask); /* tokens of a cue of MASK at I */
int st_tok_is(const st_ctx *x, size_t i, const char *fold);
/* PUNCT token spelled S. */
static inline int st_is_punct(const st_ctx *x, size_t i, const char *s)
{
  return i < x->doc->n_toks && x->doc->toks[i].kind == NK_TOK_PUNCT &&
         nk_tok_spelled(x->doc, &x->doc->toks[i], s);
}
int st_is_terminal(const st_ctx *x, size_t i);             /* . ! ? … */
unsigned st_parse_comps(const char *s);
nk_stance st_parse_stance(const char *s);
/* The speech verb entry at token I (a form used as a verb: not after a determiner), or NULL. */
const nk_lex_entry *st_verb_at(const st_ctx *x, size_t i);
size_t st_sent_end(const st_ctx *x, size_t i);             /* end token of I's sentence */
size_t st_sent_first(const st_ctx *x, size_t i);
st_cand *st_push(st_ctx *x);                               /* zeroed, or NULL (memory) */
int32_t st_chain_head(const st_ctx *x, int32_t q);
int32_t st_chain_tail(const st_ctx *x, int32_t q);
void st_note_speaker(st_ctx *x, int32_t sp); /* records SP as the last speaker */

/* statements_quotes.c: fills x->q and x->qat. 0, or -1 on memory failure. */
int st_find_quotes(st_ctx *x);

/* statements_attrib.c */
/* Start of the subject region of a verb whose group starts at HEAD, in sentence [a, HEAD). */
size_t st_region_start(const st_ctx *x, size_t a, size_t head);
/* The subject actor in [from, head): the last person named there not after a preposition,
   else the last actor, else the actor the span describes. *subj receives its first token. */
int32_t st_subject_before(const st_ctx *x, size_t from, size_t head, size_t *subj);
/* The subject of a participle clause (", indiquant que…", ", saying…"): the sentence's first
   actor that is no complement. */
int32_t st_subject_first(const st_ctx *x, size_t from, size_t head, size_t *subj);
/* "À Bercy, on salue …": the place named before an impersonal "on" in [a, o), or NK_NONE. */
int32_t st_indef_place(const st_ctx *x, size_t a, size_t o);
/* The actor named after a postposed verb ("…, a déclaré X", "…, said X"), or NK_NONE. */
int32_t st_subject_after(const st_ctx *x, size_t from, size_t end);
/* The actor of a source cue's noun phrase [from, end) ("selon le Dr Tedros"). */
int32_t st_source_np(const st_ctx *x, size_t from, size_t end);
/* The first token of a verb group ending at verb token I: auxiliaries, negation, adverbs and
   an inverted clitic are taken in; *inv receives the inverted clitic token or SIZE_MAX. */
size_t st_verb_head(const st_ctx *x, size_t lo, size_t i, size_t *inv);
int32_t st_resolve(const st_ctx *x, size_t first, size_t end);
/* A new actor (and its mention) for a capitalised name in [from, end) that no mention covers,
   or NK_NONE. WHOLE: the name runs to END (a source's noun phrase, cut at its comma). */
int32_t st_new_actor(const st_ctx *x, size_t from, size_t end, int whole);

/* statements_indirect.c: the speech verbs and cues of sentence S. 0, or -1 (memory). */
int st_sentence(st_ctx *x, size_t s);

#endif
