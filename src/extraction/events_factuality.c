/* Factuality: asserted unless a cue says otherwise. Cues are data (factuality.tsv: phrase,
   value, scope); tense and reported speech are read here:
     - French future ("recevra") → planned; conditional ("recevrait") → planned when the time
       points forward or the clause is reported speech ("a indiqué qu'il recevrait"),
       reported otherwise ("s'inscrirait": the journalistic conditional);
     - an intention cue before the trigger ("organiser une réunion") → planned;
     - inside an indirect statement ("indiquant qu'une réunion s'était tenue") → reported.
   When several cues apply the strongest wins: denied > uncertain > negated > planned >
   reported > asserted. */
#include <stdio.h>
#include <string.h>

#include "extraction/events_internal.h"

#define BEFORE_REACH 8 /* tokens between a "before" cue and the trigger */
#define NEAR_REACH 3

static int rank(int f)
{
  switch (f) {
  case NK_FACT_DENIED: return 6;
  case NK_FACT_UNCERTAIN: return 5;
  case NK_FACT_NEGATED: return 4;
  case NK_FACT_PLANNED: return 3;
  case NK_FACT_REPORTED: return 2;
  default: return 1;
  }
}

static int value_of(const char *s)
{
  if (!strcmp(s, "reported")) return NK_FACT_REPORTED;
  if (!strcmp(s, "denied")) return NK_FACT_DENIED;
  if (!strcmp(s, "uncertain")) return NK_FACT_UNCERTAIN;
  if (!strcmp(s, "planned")) return NK_FACT_PLANNED;
  if (!strcmp(s, "negated")) return NK_FACT_NEGATED;
  return NK_FACT_ASSERTED;
}

static void apply(ev_cand *c, int f)
{
  if (rank(f) > rank(c->fact))
    c->fact = f;
}

/* Speech acts (a denial, a refusal to comment) are themselves asserted: the cue they carry
   is about something else. Only negation and plans change them. */
static int allowed(const ev_cand *c, int f)
{
  if (!(c->flags & EVF_SPEECH))
    return 1;
  return f == NK_FACT_NEGATED || f == NK_FACT_PLANNED;
}

static int ends_with(const char *w, size_t n, const char *suf)
{
  size_t m = strlen(suf);
  return n > m + 2 && memcmp(w + n - m, suf, m) == 0;
}

/* 1 when the reported words S are a complement clause ("a indiqué qu'une réunion…", "said
   the agency had…"): a postposed attribution ("…, a annoncé l'Élysée") leaves the account
   the newspaper's. */
static int complement(const ev_run *r, const nk_statement *s)
{
  size_t lo = 0, hi = r->doc->n_toks;
  while (lo < hi) { /* first token at or after the statement's start */
    size_t mid = lo + (hi - lo) / 2;
    if (r->doc->toks[mid].start < s->start)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (ev_is(r, lo, "qu'") || ev_is(r, lo, "que") || ev_is(r, lo, "that"))
    return 1;
  /* right after its verb or complementizer ("said the agency had…", "a indiqué qu'…"), not
     at the start of a sentence or after a quote or comma */
  return lo > 0 && lo < r->doc->n_toks && r->doc->toks[lo - 1].kind == NK_TOK_WORD &&
         r->doc->toks[lo - 1].sent == r->doc->toks[lo].sent;
}

/* 1 when token I lies inside an indirect statement's reported words and is not the start of
   a coordinated verb phrase after it ("said that … and urged"). */
static int in_indirect(const ev_run *r, const ev_cand *c)
{
  int32_t k = ev_statement_covering(r, r->doc->toks[c->t_first].start, 1);
  if (k < 0 || !complement(r, &r->g->statements[k]))
    return 0;
  size_t sf = ev_sent_first(r, c->sent);
  for (size_t j = c->t_first, n = 0; j > sf && n < 3; n++) {
    j--;
    if (ev_is(r, j, "et") || ev_is(r, j, "and"))
      return 0;
  }
  return 1;
}

static int tense(const ev_run *r, const ev_cand *c)
{
  if (r->en || c->cls != EVC_VERB)
    return NK_FACT_ASSERTED;
  const char *w = ev_fold(r, c->t_end - 1);
  size_t n = strlen(w);
  if (ends_with(w, n, "rait") || ends_with(w, n, "raient")) {
    if (ev_time_is_future(r, c) || in_indirect(r, c))
      return NK_FACT_PLANNED;
    return NK_FACT_REPORTED;
  }
  if (ends_with(w, n, "ra") || ends_with(w, n, "ront") || ends_with(w, n, "rons") ||
      ends_with(w, n, "rai"))
    return NK_FACT_PLANNED;
  return NK_FACT_ASSERTED;
}

void ev_factuality(ev_run *r, ev_cand *c)
{
  size_t sf = ev_sent_first(r, c->sent), se = ev_sent_end(r, c->sent);
  const nk_lex *lex = r->lex->fact[r->en];
  for (size_t j = sf; j < se;) {
    const nk_lex_entry *e = nk_lex_match_memo(&r->lm[EV_LM_FACT], lex, r->doc, j);
    if (!e || e->n_fields < 3) {
      j++;
      continue;
    }
    size_t cf = j, ce = j + e->n_tokens;
    j = ce;
    if (cf < c->t_end && ce > c->t_first)
      continue; /* the trigger itself */
    int f = value_of(e->fields[1]);
    const char *scope = e->fields[2];
    int hit = 0;
    if (!strcmp(scope, "sent"))
      hit = 1;
    else if (!strcmp(scope, "after"))
      hit = cf >= c->t_end;
    else if (!strcmp(scope, "near"))
      hit = ce <= c->t_first && c->t_first - ce <= NEAR_REACH;
    else if (!strcmp(scope, "before") || !strcmp(scope, "anaphor")) {
      hit = ce <= c->t_first && c->t_first - ce <= BEFORE_REACH;
      /* the cue governs its own clause: "a démenti cette affirmation, indiquant qu'une
         réunion s'était tenue" does not deny the meeting */
      for (size_t k = ce; hit && k < c->t_first; k++)
        if (ev_is_punct(r, k, ",") || ev_is_clause_break(r, k))
          hit = 0;
    }
    if (hit && allowed(c, f))
      apply(c, f);
  }
  if (!(c->flags & EVF_SPEECH)) {
    apply(c, tense(r, c));
    if (c->planned_by_intent || c->cls == EVC_INTENT || ev_time_is_future(r, c))
      apply(c, NK_FACT_PLANNED);
    if (in_indirect(r, c))
      apply(c, NK_FACT_REPORTED);
  }
  ev_time_normalise(r, c);
}

/* "Le Kremlin avait alors démenti l'information.": a cue whose object refers back applies to
   the events of the previous sentence when its own sentence tells none after it. */
void ev_factuality_anaphora(ev_run *r)
{
  const nk_lex *lex = r->lex->fact[r->en];
  size_t k0 = 0; /* first candidate of the current sentence (candidates are sorted) */
  for (size_t s = 0; s < r->doc->n_sents; s++) {
    while (k0 < r->n && r->c[k0].sent < s)
      k0++;
    if (!r->story[s])
      continue;
    size_t sf = ev_sent_first(r, s), se = ev_sent_end(r, s);
    for (size_t j = sf; j < se;) {
      const nk_lex_entry *e = nk_lex_match_memo(&r->lm[EV_LM_FACT], lex, r->doc, j);
      if (!e || e->n_fields < 3) {
        j++;
        continue;
      }
      size_t ce = j + e->n_tokens;
      j = ce;
      if (strcmp(e->fields[2], "anaphor"))
        continue;
      int own = 0;
      for (size_t k = k0; k < r->n && r->c[k].sent == s; k++)
        if (!r->c[k].dead && !(r->c[k].flags & EVF_SPEECH) && r->c[k].t_first >= ce)
          own = 1;
      if (own)
        continue;
      int f = value_of(e->fields[1]);
      /* the events of the nearest earlier story sentence that has any */
      size_t k = k0;
      size_t target = SIZE_MAX;
      while (k > 0) {
        k--;
        if (r->c[k].dead || (r->c[k].flags & EVF_SPEECH))
          continue;
        if (target == SIZE_MAX) {
          if (s - r->c[k].sent > 2)
            break;
          target = r->c[k].sent;
        }
        if (r->c[k].sent != target)
          break;
        if (rank(f) > rank(r->c[k].fact))
          r->c[k].fact = f;
      }
    }
  }
}

/* 1 for the codes an allegation is about: coercion, assault, fighting, and blocking access. */
static int wrongdoing(const char *code)
{
  return code[0] == '1' && (code[1] == '7' || code[1] == '8' || code[1] == '9' ||
                            !strcmp(code, "1245"));
}

/* The actor who vouches for sentence S's content: the first actor named within six tokens
   after a cue marked "source" ("selon X", "comme l'affirmait la semaine dernière X"), not
   taking part in C; a news source ("according to Reuters") only when ANY is set. */
int32_t ev_vouching_actor(const ev_run *r, size_t s, const ev_cand *c, int any)
{
  size_t sf = ev_sent_first(r, s), se = ev_sent_end(r, s);
  const nk_lex *lex = r->lex->fact[r->en];
  for (size_t j = sf; j < se;) {
    const nk_lex_entry *e = nk_lex_match_memo(&r->lm[EV_LM_FACT], lex, r->doc, j);
    if (!e || e->n_fields < 4 || strcmp(e->fields[3], "source")) {
      j += e ? e->n_tokens : 1;
      continue;
    }
    size_t ce = j + e->n_tokens;
    /* "selon X", "according to X" name a source that may only report (a news agency);
       "comme l'affirmait X" names a claimant. A person who is the source claims. */
    int claim = strcmp(e->fields[2], "sent") != 0;
    for (size_t k = ce; k < se && k < ce + 6; k++) {
      size_t mf, me;
      int32_t a = ev_actor_at(r, k, &mf, &me);
      if (a != NK_NONE && !ev_has_actor(c, a) &&
          (any || claim || r->g->actors[a].type == NK_PERSON))
        return a;
      if (ev_is_punct(r, k, ",") && k > ce)
        break;
    }
    j = ce;
  }
  return NK_NONE;
}

nk_status ev_allegations(ev_run *r)
{
  size_t n = r->n;
  for (size_t k = 0; k < n; k++) {
    if (r->c[k].dead || !wrongdoing(r->c[k].code) || r->c[k].n_parts == 0)
      continue;
    int32_t x = ev_vouching_actor(r, r->c[k].sent, &r->c[k], 0);
    if (x == NK_NONE)
      continue;
    ev_cand *a = ev_new_cand(r);
    if (!a)
      return NK_ERR_NOMEM;
    const ev_cand *c = &r->c[k]; /* after the append: the array may have moved */
    snprintf(a->code, sizeof a->code, "112");
    a->sent = c->sent;
    a->t_first = c->t_first;
    a->t_end = c->t_end;
    a->cls = EVC_VERB;
    a->flags = EVF_SPEECH;
    a->fact = NK_FACT_ASSERTED;
    ev_add_part(a, x, NK_ROLE_SOURCE);
    a->has_agent = 1;
    int any = 0;
    for (size_t p = 0; p < c->n_parts; p++)
      if (c->parts[p].role == NK_ROLE_SOURCE)
        any |= ev_add_part(a, c->parts[p].actor, NK_ROLE_TARGET);
    for (size_t p = 0; !any && p < c->n_parts; p++)
      ev_add_part(a, c->parts[p].actor, NK_ROLE_TARGET);
    /* what is only alleged is the accusation; a denied act stays an event of its own */
    if (r->c[k].fact == NK_FACT_REPORTED)
      r->c[k].dead = 1;
  }
  return NK_OK;
}
