/* newskg graph: what extraction finds in one article, before it is stored. Plain arrays; the
   store turns article-local indexes into database ids and merges actors and events across
   articles. */
#ifndef NEWSKG_GRAPH_H
#define NEWSKG_GRAPH_H

#include <stddef.h>
#include <stdint.h>
#include "newskg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NK_NONE (-1) /* an absent index */

typedef enum nk_actor_type { NK_PERSON = 0, NK_ORGANIZATION = 1, NK_PLACE = 2 } nk_actor_type;

typedef enum nk_mention_kind {
  NK_MENTION_NAME = 0,    /* a proper name: "Donald Trump", "Trump", "M. Trump", "OMS" */
  NK_MENTION_DESCRIPTION, /* "le président américain", "the agency" */
  NK_MENTION_PRONOUN,     /* "il", "elle", "he", "she" */
  NK_MENTION_CREDIT       /* a photographer or agency credit line (not a participant) */
} nk_mention_kind;

typedef enum nk_stmt_kind { NK_DIRECT = 0, NK_PARTIAL = 1, NK_INDIRECT = 2 } nk_stmt_kind;

typedef enum nk_stance {
  NK_STANCE_ASSERT = 0, NK_STANCE_DENY, NK_STANCE_REFUSE, /* refuse to comment */
  NK_STANCE_PROMISE, NK_STANCE_WARN, NK_STANCE_ACCUSE, NK_STANCE_CONFIRM,
  NK_STANCE_QUESTION, NK_STANCE_UNCERTAIN
} nk_stance;

typedef enum nk_factuality {
  NK_FACT_ASSERTED = 0, NK_FACT_REPORTED, NK_FACT_DENIED, NK_FACT_UNCERTAIN,
  NK_FACT_PLANNED, NK_FACT_NEGATED
} nk_factuality;

typedef enum nk_role { NK_ROLE_SOURCE = 0, NK_ROLE_TARGET, NK_ROLE_PARTICIPANT } nk_role;

typedef enum nk_rel_kind { NK_REL_AFFILIATED = 0, NK_REL_NATIONALITY, NK_REL_LOCATED_IN } nk_rel_kind;

typedef enum nk_link_kind { NK_LINK_ABOUT = 0, NK_LINK_CONFIRMS, NK_LINK_DENIES } nk_link_kind;

/* Strings in the graph are owned by the graph (allocated with nk_graph_strdup or malloc and
   freed by nk_graph_free). Index fields refer to the arrays of the same graph. */
typedef struct nk_actor {
  char *name;           /* canonical display name: the longest proper name seen */
  nk_actor_type type;
  char **names;         /* every proper name seen (as written, titles kept: "M. Trump") */
  size_t n_names;
  char **roles;         /* "porte-parole du Kremlin", "président américain" */
  size_t n_roles;
  char *wk_id;          /* world-knowledge id from schemas/world.tsv ("russia", "who"), or NULL:
                           actors with the same wk_id are one actor across articles/languages */
  int credit_only;      /* 1: only seen in a credit line (kept, but not a story participant) */
} nk_actor;

typedef struct nk_mention {
  int32_t actor;        /* index into actors */
  uint32_t start, end;  /* byte offsets in the article text */
  uint32_t tok_first, tok_end; /* token range [tok_first, tok_end) */
  nk_mention_kind kind;
} nk_mention;

typedef struct nk_statement {
  char *text;           /* the words reported, without quote marks */
  nk_stmt_kind kind;
  char *verb;           /* speech verb lemma ("déclarer", "say") or cue ("selon"), may be NULL */
  nk_stance stance;
  int32_t speaker;      /* actor index or NK_NONE */
  int32_t attributed_to;/* actor the speaker reports it of ("Trump says Putin said…"), or NK_NONE */
  uint32_t start, end;  /* offsets of the reported words */
} nk_statement;

typedef struct nk_participant {
  int32_t actor;
  nk_role role;
} nk_participant;

typedef struct nk_event {
  char *cameo;          /* "041", "0841" */
  char *label;          /* short human label ("discuss by telephone: Trump – Putin") */
  char *trigger;        /* the words that triggered it, as written */
  nk_factuality factuality;
  char *time_text;      /* as written ("vendredi", "mardi soir"), or NULL */
  char *time_norm;      /* ISO date/partial date against the article date ("2025-02-14",
                           "2024-11"), or NULL */
  char *place_text;     /* "Helsinki", "à bord d'Air Force One", or NULL */
  int32_t place;        /* place actor index or NK_NONE */
  uint32_t start, end;  /* offsets of the clause/sentence that reports it */
  nk_participant *parts;
  size_t n_parts;
} nk_event;

typedef struct nk_relation {
  int32_t from, to;     /* actor indexes */
  nk_rel_kind kind;
} nk_relation;

typedef struct nk_link {  /* statement → event or actor it is about */
  int32_t statement;
  int32_t event;        /* or NK_NONE */
  int32_t actor;        /* or NK_NONE */
  nk_link_kind kind;
} nk_link;

typedef struct nk_graph {
  nk_actor *actors;         size_t n_actors, cap_actors;
  nk_mention *mentions;     size_t n_mentions, cap_mentions;
  nk_statement *statements; size_t n_statements, cap_statements;
  nk_event *events;         size_t n_events, cap_events;
  nk_relation *relations;   size_t n_relations, cap_relations;
  nk_link *links;           size_t n_links, cap_links;
} nk_graph;

/* A new empty graph (caller frees with nk_graph_free), or NULL on allocation failure. */
nk_graph *nk_graph_new(void);
void nk_graph_free(nk_graph *g);

/* Appenders: return the new element's index, or -1 on allocation failure. They take
   ownership of nothing: strings are copied. */
int32_t nk_graph_add_actor(nk_graph *g, const char *name, nk_actor_type type);
int nk_graph_actor_add_name(nk_graph *g, int32_t actor, const char *name);  /* no duplicates */
int nk_graph_actor_add_role(nk_graph *g, int32_t actor, const char *role);  /* no duplicates */
int32_t nk_graph_add_mention(nk_graph *g, const nk_mention *m);
int32_t nk_graph_add_statement(nk_graph *g, const char *text, nk_stmt_kind kind,
                               const char *verb, nk_stance stance, int32_t speaker,
                               uint32_t start, uint32_t end);
int32_t nk_graph_add_event(nk_graph *g, const char *cameo, const char *trigger,
                           nk_factuality fact, uint32_t start, uint32_t end);
int nk_graph_event_add_participant(nk_graph *g, int32_t event, int32_t actor, nk_role role);
int32_t nk_graph_add_relation(nk_graph *g, int32_t from, int32_t to, nk_rel_kind kind);
int32_t nk_graph_add_link(nk_graph *g, int32_t statement, int32_t event, int32_t actor,
                          nk_link_kind kind);
/* Replaces *slot (freeing the old value) with a copy of s (NULL clears). 0 or -1. */
int nk_graph_set_str(char **slot, const char *s);

/* Names of the enumerations as stored and exported ("person", "direct", "asserted"…). */
const char *nk_actor_type_name(nk_actor_type t);
const char *nk_stmt_kind_name(nk_stmt_kind k);
const char *nk_stance_name(nk_stance s);
const char *nk_factuality_name(nk_factuality f);
const char *nk_role_name(nk_role r);
const char *nk_rel_kind_name(nk_rel_kind k);
const char *nk_link_kind_name(nk_link_kind k);
const char *nk_mention_kind_name(nk_mention_kind k);

#ifdef __cplusplus
}
#endif
#endif
