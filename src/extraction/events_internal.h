/* Internal to the event stage (events*.c): the loaded tables, the candidate events of one
   article and the helpers the stage's files share. Other stages see only extractor.h.

   How the stage works (one article):
     1. events.c scans story sentences for trigger phrases (event_triggers.tsv) and makes one
        candidate per trigger; refiners (event_refiners.tsv) then make codes more precise
        ("appel" + "humanitaire" → 0233) and absorb the triggers they cover.
     2. events_participants.c finds each candidate's source/target actors from the clause.
     3. events_time.c finds its time and place.
     4. events_factuality.c applies factuality cues (factuality.tsv), tense and reported
        speech, and turns coercion told on someone's word into that someone's accusation.
     5. events_merge.c merges the mentions of one event, drops events nobody takes part in,
        writes the events to the graph and links statements to them. */
#ifndef NK_EVENTS_INTERNAL_H
#define NK_EVENTS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "extraction/extractor.h"
#include "extraction/lexicon.h"

/* Trigger classes (column 3 of event_triggers.tsv). */
typedef enum ev_class {
  EVC_VERB = 0,  /* a verb form: subject → source, object and prepositions → target */
  EVC_NOUN,      /* a nominalisation whose "de X" is the agent: "médiation d'Oman" */
  EVC_NOUN_OBJ,  /* a nominalisation whose "de X" is the patient: "libération de X" */
  EVC_INTENT,    /* intention or promise ("prêt à", "promised to"): governs what follows */
  EVC_GOVERN,    /* appeal or demand ("appeler à", "réclamer"): refined by what follows */
  EVC_STOP       /* a phrase that looks like a trigger but is none ("à l'appel de") */
} ev_class;

/* Trigger flags (column 4). */
enum {
  EVF_REQ = 1u << 0,   /* kept only when a refiner of its root follows ("send" + "vaccines") */
  EVF_SPEECH = 1u << 1, /* a speech act (deny, decline comment): its own factuality stays
                           asserted, the cue applies to what it is about */
  EVF_BLAME = 1u << 2   /* "X sont seules responsables", told on someone's word: X is the
                           target, whoever says it the source */
};

/* Roles of the words before a mention (event_roles.tsv). */
typedef enum ev_prep {
  EVP_NONE = 0, /* no preposition: subject or direct object */
  EVP_AGENT,    /* "par", "by", "à l'appel de": the initiator */
  EVP_TARGET,   /* "avec", "contre", "with", "against", "vers", "dont" */
  EVP_DATIVE,   /* "à", "to": a target, or a place when the actor is a place */
  EVP_LOC,      /* "en", "in", "at", "dans": a place */
  EVP_BOARD,    /* "à bord de", "aboard": a place, written with its preposition */
  EVP_BETWEEN,  /* "entre", "between" */
  EVP_GEN,      /* "de", "du", "of": depends on the trigger class */
  EVP_SKIP,     /* "selon", "according to", "pour", "sur": not a participant */
  EVP_RECIP,    /* "each other", "l'un l'autre": targets are the sources */
  EVP_HOSTILE,  /* "on", "sur": the target of a hostile act ("sanctions on Russia", "frappes
                   sur Gaza"), otherwise not a participant */
  EVP_LIGHT     /* a light verb before a nominalisation ("a eu", "a lancé", "held"): the
                   clause subject is the nominalisation's source */
} ev_prep;

struct nk_events_lex {
  nk_lex *trig[2];     /* [0] French, [1] English */
  nk_lex *refine[2];
  nk_lex *roles[2];
  nk_lex *time[2];
  nk_lex *fact[2];
  nk_lex *cameo;       /* cameo.tsv: code → labels */
  /* nk_lex_lookup(cameo, code) for every code written in cameo.tsv, sorted by code: the
     lookup segments its phrase, a few thousand instructions, for each event's label */
  struct ev_code_entry *codes;
  size_t n_codes;
  /* The clause words of ev_is_clause_break by fold hash (open addressing, 64 slots):
     clause_word[j] is 1 + the word's index in the list, 0 for an empty slot. */
  uint32_t clause_hash[64];
  unsigned char clause_word[64];
};

typedef struct ev_code_entry {
  const char *code;
  const nk_lex_entry *e;
} ev_code_entry;

/* nk_lex_lookup(l->cameo, code), from l->codes when the code is there. */
const nk_lex_entry *ev_cameo_lookup(const struct nk_events_lex *l, const char *code);

#define EV_MAX_PARTS 16

typedef struct ev_part {
  int32_t actor;
  nk_role role;
} ev_part;

/* One mention of an event in the text. */
typedef struct ev_cand {
  char code[8];
  size_t t_first, t_end;   /* trigger tokens */
  size_t sent;
  ev_class cls;
  unsigned flags;
  int passive;
  int planned_by_intent;   /* governed by an intention cue */
  int refined;             /* a refiner set its code */
  int refine_prio;         /* that refiner's priority + 1 (0: not refined) */
  int headline_taken;      /* a title event that a story event has joined */
  int32_t stmt;            /* the statement that made it (stance events), or -1 */
  int fact;                /* nk_factuality */
  ev_part parts[EV_MAX_PARTS];
  size_t n_parts;
  int has_agent;           /* a source came from the clause (not a fallback) */
  int32_t time_first;      /* token span of its time expression, or -1 */
  int32_t time_end;
  char *time_text, *time_norm; /* owned */
  char *place_text;        /* owned */
  int32_t place;
  int32_t into;            /* merged into this candidate, or -1 */
  int dead;                /* absorbed or dropped */
  int32_t out;             /* index of the graph event, or -1 */
} ev_cand;

typedef struct ev_stmt_key {
  uint32_t start;
  int32_t stmt;
} ev_stmt_key;

/* The tables whose answers an article's run keeps per token (ev_run.lm). */
enum { EV_LM_FACT, EV_LM_TIME, EV_LM_ROLES, EV_LM_REFINE, EV_LM_COUNT };

typedef struct ev_run {
  const struct nk_events_lex *lex;
  const struct nk_actors_lex *al;
  const nk_article *art;
  const nk_doc *doc;
  nk_graph *g;
  int en;                  /* 1 for English */
  ev_cand *c;
  size_t n, cap;
  unsigned char *story;    /* per sentence: 1 when its paragraph is story text or title */
  ev_stmt_key *stmts;      /* the graph's statements sorted by start offset */
  nk_span_memo *memo;      /* for nk_actors_resolve_span_memo */
  int32_t *mention_of;     /* per token: nk_mention_at, asked hundreds of times per article
                              (events add no mentions, so it is computed once) */
  /* nk_lex_match answers of the fact, time, roles and refine tables: factuality, time and
     participants scan the same sentence once per candidate. Pointed to, so that the many
     helpers taking a const ev_run may fill it. */
  nk_lex_memo *lm;
  /* per token: ev_is_clause_break's answer plus one, 0 when not asked yet (participant search
     asks it of the same tokens once per candidate) */
  unsigned char *brk;
} ev_run;

/* ---------------------------------------------------------------- token helpers (events.c) */

const char *ev_fold(const ev_run *r, size_t i);  /* "" for tokens without a fold */
int ev_is(const ev_run *r, size_t i, const char *fold);
/* Whether token I's fold is one of LIST (NULL-terminated). */
int ev_is_word(const ev_run *r, size_t i, const char *const *list);
/* PUNCT token spelled MARK. */
static inline int ev_is_punct(const ev_run *r, size_t i, const char *mark)
{
  return i < r->doc->n_toks && r->doc->toks[i].kind == NK_TOK_PUNCT &&
         nk_tok_spelled(r->doc, &r->doc->toks[i], mark);
}
size_t ev_sent_first(const ev_run *r, size_t sent);
size_t ev_sent_end(const ev_run *r, size_t sent);
/* 1 when token I ends a clause for participant search (";", ":", parentheses, dashes,
   relative and subordinating words). */
int ev_is_clause_break(const ev_run *r, size_t i);
/* Role of the words just before token I (event_roles.tsv), skipping determiners and
   lowercase title words; *at receives the first token of the role phrase. */
ev_prep ev_prep_before(const ev_run *r, size_t i, size_t lo, size_t *at);
/* The role phrase that starts at token I, or EVP_NONE; *len its length in tokens. */
ev_prep ev_prep_at(const ev_run *r, size_t i, size_t *len);
/* The actor of the mention covering token I (excluding credits), or NK_NONE. */
int32_t ev_actor_at(const ev_run *r, size_t i, size_t *m_first, size_t *m_end);
int ev_add_part(ev_cand *c, int32_t actor, nk_role role);
/* Appends a zeroed candidate (NULL on allocation failure); earlier pointers may move. */
ev_cand *ev_new_cand(ev_run *r);
int ev_has_actor(const ev_cand *c, int32_t actor);
char *ev_strndup(const char *s, size_t n);
/* The statement whose reported words cover offset OFF (want: 0 any, 1 indirect only, 2 direct
   or partial only), or -1. */
int32_t ev_statement_covering(const ev_run *r, uint32_t off, int want);
/* The first statement with a known speaker starting in [start, end), or -1. */
int32_t ev_statement_in(const ev_run *r, uint32_t start, uint32_t end);

/* ---------------------------------------------------------------- the stage's parts */

void ev_participants(ev_run *r, ev_cand *c);
void ev_time_place(ev_run *r, ev_cand *c);
/* 1 when its time expression points forward ("la semaine prochaine", "next month"). */
int ev_time_is_future(const ev_run *r, const ev_cand *c);
/* Sets time_norm once factuality is known (planned events look forward). */
void ev_time_normalise(ev_run *r, ev_cand *c);
void ev_factuality(ev_run *r, ev_cand *c);
/* Cues that refer back to the previous sentence ("a démenti l'information"). */
void ev_factuality_anaphora(ev_run *r);
/* Coercion or violence told on someone's word ("D'après X, Y a pris en otage…") is also
   X's accusation of Y (112). */
nk_status ev_allegations(ev_run *r);
/* Who vouches for sentence S ("selon X", "comme l'affirmait X"), not a participant of C;
   persons only unless ANY. NK_NONE when nobody is named. */
int32_t ev_vouching_actor(const ev_run *r, size_t s, const ev_cand *c, int any);
nk_status ev_merge_emit(ev_run *r, nk_error *err);

#endif
