/* Internal to the actor stage (actors*.c, names.c): the loaded tables, the per-article work
   state, and the helpers the stage's files share. Nothing here is seen by other stages: they use
   the services declared in extractor.h. */
#ifndef NK_ACTORS_INTERNAL_H
#define NK_ACTORS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "extraction/extractor.h"

/* ---------------------------------------------------------------- string → int map */

/* Open addressing, FNV-1a. Owns copies of its keys. The first value put under a key stays.
   Each slot keeps its key's hash and length: a probe compares those before the bytes, so a
   lookup (done for every token against every cue table) does no strlen/strcmp on misses.
   The slot arrays are one allocation (keys points to its start), and the key copies live in
   an arena freed at once: most maps are built and dropped per article. */
typedef struct ak_map {
  char **keys;
  int32_t *vals;
  uint64_t *hashes;
  size_t *lens;
  uint64_t *bloom; /* cap * 8 bits: a key's bit is set (see actors_map.c) */
  size_t cap, n;
  struct nk_arena *key_store; /* the key copies; NULL until the first put */
} ak_map;

int ak_map_put(ak_map *m, const char *key, size_t len, int32_t val); /* 0, or -1 (memory) */
int32_t ak_map_get(const ak_map *m, const char *key, size_t len);     /* -1 when absent */
/* Overwrites the value of a key already present: 0, or -1 when absent. */
int ak_map_set(ak_map *m, const char *key, size_t len, int32_t val);
#define AK_PREFIX (-3) /* value of a key that is only the start of longer phrases (TSV maps) */
void ak_map_free(ak_map *m);

/* ---------------------------------------------------------------- TSV tables */

/* One TSV file (or several merged): rows of fields. Maps from normalised phrases (see ak_norm)
   to rows are built beside it with ak_tab_index. */
typedef struct ak_row {
  char **f;
  size_t n;
} ak_row;

typedef struct ak_tab {
  ak_row *rows;
  size_t n, cap;
} ak_tab;

/* Appends the rows of an embedded resource. Rows with fewer than MINF fields are an error. */
nk_status ak_tab_load(ak_tab *t, const char *resource, size_t minf, nk_error *err);
/* Indexes column COL of rows [from, to) ('|'-separated alternatives) into MAP; *MAXWORDS (may be
   NULL) grows to the longest phrase in words, which bounds a phrase match in tokens. */
int ak_tab_index(ak_tab *t, ak_map *map, size_t col, size_t from, size_t to, size_t *maxwords);
void ak_tab_free(ak_tab *t);
/* The field COL of row R, or "" when the row is shorter. */
const char *ak_field(const ak_tab *t, int32_t r, size_t col);

/* ---------------------------------------------------------------- normalisation (names.c) */

/* Writes into OUT (room for LEN+1 bytes) the normalised form of a folded string: every byte
   that is not a letter or digit becomes a space, spaces collapse, no leading/trailing space.
   Returns the length. This is the scorer's comparison of names without the title removal. */
size_t ak_norm(const char *fold, size_t len, char *out);

/* ---------------------------------------------------------------- the loaded lexicons */

/* World table columns (schemas/world.tsv). */
enum { W_ID = 0, W_TYPE, W_CANON, W_NAMES, W_DEMONYMS };

/* Cue classes (column 2 of actor_cues.tsv). */
typedef enum ak_cue {
  CUE_NONE = 0,
  CUE_TITLE,      /* courtesy title before a person name: M., Mme, Dr, Mr. */
  CUE_ROLE,       /* a function: président, porte-parole, ministre, CEO, spokesman */
  CUE_ORG_WORD,   /* a word inside an organisation name: Commission, Post, Forces, Inc. */
  CUE_PLACE_WORD, /* a word inside a place name: Stadium, Gare, Province */
  CUE_ORG_NOUN,   /* a common noun announcing an organisation: groupe, agence, club, the agency */
  CUE_PLACE_NOUN, /* a common noun announcing a place: province, ville, region */
  CUE_PLACE_PREP, /* a preposition before a place: à, en, au, in, near */
  CUE_AGENT_AFTER,/* a word after a subject that acts: a, ont, n', has, said */
  CUE_AGENT_BEFORE,/* a word before an agent: par, by, guerre de */
  CUE_CONNECTOR,  /* a lowercase word inside a name: de, du, von, van, ben, al */
  CUE_DET,        /* a determiner/possessive before a description: le, la, the, son */
  CUE_PRONOUN,    /* il, elle, he, she (gender column) */
  CUE_ADJ,        /* a lowercase adjective kept in an organisation name: publique, étrangères */
  CUE_ORG_HEAD,   /* a lowercase head of an organisation name: ministère (du Travail) */
  CUE_PLACE_HEAD, /* a lowercase head of a place name: gare (de l'Est), place (de la République) */
  CUE_STOP,       /* capitalised common words that are no name: Selon, Lundi, ONG */
  CUE_ROLE_MOD,   /* a word opening a title before a role: Acting, Labor, ancien */
  CUE_ORG_POSSESSOR, /* a common noun whose possessive opens an organisation's name:
                        Prosecutor('s Office), Workers(' Union), People('s Party) */
  CUE_COUNT
} ak_cue;

/* Cue table columns: phrase, class, gender ("m", "f" or "-"), extra (class-specific: "portfolio",
   "place", "particle", "name", "prep", "indef", "org", "club", a weight). */
enum { C_PHRASE = 0, C_CLASS, C_GENDER, C_EXTRA };

struct nk_actors_lex {
  ak_tab world;      /* world.tsv */
  ak_map world_names;/* normalised name → world row */
  ak_map demonyms;   /* normalised demonym ("russe", "Russian") → world row */
  size_t world_maxwords;
  ak_tab cues;       /* lexicons/{fr,en}/actor_cues.tsv: titles, roles, org/place cue words */
  ak_map cue_map[CUE_COUNT];/* per cue class: normalised phrase → cues row */
  size_t cue_maxwords[CUE_COUNT];
  /* Every key of the cue maps (phrases and their starts) → the bit mask of the classes whose
     map holds it: one lookup tells, for a token's word, which classes a cue may start with. */
  ak_map cue_keys;
};

/* The normalised folds of a range of tokens [base, base+n) ("" or NULL for punctuation). */
typedef struct ak_norms {
  char **v;      /* per token, its normalised word (NULL for punctuation), in chars; the
                    allocation also holds first_cue and len */
  uint32_t *len; /* per token, the length of its normalised word (0 for punctuation) */
  char *chars;   /* one block holding every word, so a sentence costs one allocation */
  size_t base, n;
  /* Per token, which cue classes have an entry (a whole phrase or the start of one) for the
     token's own normalised word: bit 0 says the token was looked up, bit 32 + c that class c
     has one. ak_cue_at is asked about the same token for many classes and many times per
     article; most answers are "no cue starts here", which this gives after one lookup per
     token (in the lexicon's cue_keys) instead of one per class and call. */
  uint64_t *first_cue;
} ak_norms;

static inline const char *ak_n(const ak_norms *nm, size_t i)
{
  return i >= nm->base && i - nm->base < nm->n ? nm->v[i - nm->base] : NULL;
}
/* strlen(ak_n(nm, i)), 0 where ak_n is NULL. */
static inline size_t ak_nlen(const ak_norms *nm, size_t i)
{
  return i >= nm->base && i - nm->base < nm->n ? nm->len[i - nm->base] : 0;
}
/* Fills NM for tokens [first, end) of DOC. */
int ak_norms_fill(ak_norms *nm, const nk_doc *doc, size_t first, size_t end);
void ak_norms_free(ak_norms *nm);

/* The longest cue of class starting at token I (within its sentence): its length in tokens
   (0 when none) and, in *row, the table row. */
size_t ak_cue_at_lookup(const struct nk_actors_lex *l, const nk_doc *doc, const ak_norms *nm,
                        size_t i, ak_cue cls, int32_t *row);
static inline size_t ak_cue_at(const struct nk_actors_lex *l, const nk_doc *doc,
                               const ak_norms *nm, size_t i, ak_cue cls, int32_t *row)
{
  /* Asked millions of times, mostly where first_cue already says no entry starts: that
     answer is given here, without a call. */
  if (i >= nm->base && i - nm->base < nm->n && nm->first_cue) {
    uint64_t memo = nm->first_cue[i - nm->base];
    if ((memo & 1) && !(memo & ((uint64_t)1 << (32 + cls))))
      return 0;
  }
  return ak_cue_at_lookup(l, doc, nm, i, cls, row);
}
/* The longest world name starting at token I: its length in tokens (0 when none). */
size_t ak_world_at(const struct nk_actors_lex *l, const nk_doc *doc, const ak_norms *nm,
                   size_t i, int32_t *row);
int ak_is_stop(const struct nk_actors_lex *l, const char *norm);
int32_t ak_demonym(const struct nk_actors_lex *l, const char *norm);
ak_cue ak_cue_class(const struct nk_actors_lex *l, int32_t row);
int ak_cue_gender(const struct nk_actors_lex *l, int32_t row); /* 0 unknown, 1 m, 2 f */
/* A connector that is a preposition (de, du, of, au), not a name particle or "et". */
int ak_prep_connector(const struct nk_actors_lex *l, int32_t row);

/* ---------------------------------------------------------------- per-article work */

enum { G_UNKNOWN = 0, G_MALE = 1, G_FEMALE = 2 };

/* A candidate name found in the text. */
typedef struct ak_cand {
  size_t first, end;     /* the name's tokens [first, end), courtesy title excluded */
  size_t tfirst;         /* first token with the courtesy title (== first without one) */
  int gender;            /* from the title or the role */
  int32_t world;         /* world row or -1 */
  int person, org, place;/* type evidence (weights) */
  int agent;             /* used as the subject/agent of an action */
  int agent_after;       /* agent only by the word after it ("X a déclaré") */
  int complement;        /* a noun's complement ("le CHU de Nantes"): no subject */
  int located;           /* after a place preposition ("à Lyon", "in Geneva") */
  int strong;            /* 1: type fixed (world entry, title, role apposition, acronym) */
  int sent_initial;      /* a single token at the start of a sentence */
  int dead;              /* dropped (inside a longer name, a ministry's portfolio…) */
  int head;              /* 1: built from a lowercase head noun ("ministère du Travail") */
  int32_t acr_of;        /* candidate this acronym defines, or -1 */
  int abbreviated;       /* 1: the long form of an acronym defined in the text */
  int32_t link;          /* union-find parent */
  int32_t actor;         /* graph actor, once built */
  char *key;             /* nk_name_key of the name */
  char *text;            /* the name as written, title excluded */
  char *full;            /* the name as written, title included */
  size_t ntoks;          /* words in the key */
} ak_cand;

/* A role phrase attached to a candidate ("porte-parole du Kremlin"). */
typedef struct ak_role {
  size_t first, end;     /* role tokens (determiner excluded) */
  size_t dfirst;         /* with its determiner: the description mention */
  int32_t cand;          /* the person it describes */
  int32_t org_cand;      /* an organisation/place named in it, or -1 */
  int gender;
  char *text;
  char *key;             /* normalised role text */
} ak_role;

typedef struct ak_work {
  const struct nk_actors_lex *l;
  const nk_doc *doc;
  ak_norms nm;           /* normalised fold of each token */
  unsigned char *story;  /* 1 when the token's paragraph is story text */
  ak_cand *c;
  size_t nc, capc;
  ak_role *r;
  size_t nr, capr;
  ak_map midcaps;        /* norms of capitalised words seen mid-sentence */
  int32_t *by_start;     /* per token: the candidate starting (title included) there, or -1 */
  int32_t *by_end;       /* per token: the candidate ending just before it, or -1 */
  signed char *nameable; /* per token: -1 not computed yet, 0 or 1 */
} ak_work;

/* actors_find.c */
nk_status ak_find(ak_work *w);
int32_t ak_add_cand(ak_work *w, size_t tfirst, size_t first, size_t end);
int ak_hyphen_acronym(const nk_doc *doc, size_t i);
int ak_acronym(const nk_doc *doc, size_t i);
int ak_sent_initial(const ak_work *w, size_t i);
/* actors_type.c */
void ak_type(ak_work *w);
nk_actor_type ak_cand_type(const ak_work *w, const ak_cand *c);
nk_actor_type ak_type_from(int person, int org, int place, int multi);
nk_actor_type ak_world_type(const struct nk_actors_lex *l, int32_t row, int agent);
/* actors_resolve.c */
nk_status ak_resolve(ak_work *w, nk_graph *g);

/* Shared small helpers (actors.c). */
char *ak_span_text(const nk_doc *doc, size_t first, size_t end);
/* Inline, like ak_is_punct: asked millions of times per corpus. */
static inline int ak_is_word(const nk_doc *doc, size_t i)
{
  return i < doc->n_toks && doc->toks[i].kind == NK_TOK_WORD;
}
static inline int ak_is_cap(const nk_doc *doc, size_t i)
{
  return ak_is_word(doc, i) && (doc->toks[i].flags & (NK_TF_CAP | NK_TF_ALLCAPS));
}
/* A punctuation or quote token, spelled MARK unless MARK is NULL. */
static inline int ak_is_punct(const nk_doc *doc, size_t i, const char *mark)
{
  if (i >= doc->n_toks)
    return 0;
  const nk_token *t = &doc->toks[i];
  if (t->kind != NK_TOK_PUNCT && t->kind != NK_TOK_QUOTE)
    return 0;
  return !mark || nk_tok_spelled(doc, t, mark);
}
size_t ak_sent_end(const nk_doc *doc, size_t i);
size_t ak_sent_first(const nk_doc *doc, size_t i);
int ak_possessive(const nk_doc *doc, size_t i); /* English "Chad's" */
int ak_poss_s(const nk_doc *doc, size_t i);     /* a separate "'s" token */
int ak_gender_of_actor(const struct nk_actors_lex *l, const nk_doc *doc, const nk_graph *g,
                       int32_t actor);

#endif
