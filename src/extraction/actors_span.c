/* nk_actors_resolve_span: the actor a span of tokens refers to, for the later stages (speakers
   of statements, participants of events).
     1. a mention found by the actor stage covering the span (a name, a role description);
     2. a pronoun (il, elle, lui, -t-il, he, she, him…): the most recent person of compatible
        gender before the span (gender from titles M./Mme/Mr/Ms and from "la ministre",
        "le porte-parole"); "it", "they" → the most recent organisation; a pronoun opening
        its sentence is first the previous sentence's subject (see prev_subject);
     3. a description ("le porte-parole", "la ministre", "the agency"): the actor whose role
        holds its words, most recently mentioned; an organisation noun → the most recent
        organisation;
     4. a name: the actor with that name key, or whose name ends with that word.
   Only the graph and the doc are read; a memo (nk_span_memo) keeps indexes of the graph
   between the calls made on one article. */
#include <stdlib.h>
#include <string.h>

#include "extraction/actors_internal.h"

#define LOOKBACK 300 /* mentions searched back for an antecedent */

/* The index of the first mention starting at or after token I. */
static size_t lower_bound(const nk_graph *g, size_t i)
{
  size_t lo = 0, hi = g->n_mentions;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (g->mentions[mid].tok_first < i)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Gender evidence of one mention: a title before a name, a determiner or gendered role at the
   start of a description. */
static int mention_gender(const struct nk_actors_lex *l, const nk_doc *doc, const nk_mention *m)
{
  ak_norms nm;
  int gender = G_UNKNOWN;
  size_t e = m->tok_first + 3 < m->tok_end ? m->tok_first + 3 : m->tok_end;
  if (ak_norms_fill(&nm, doc, m->tok_first, e) != 0) {
    ak_norms_free(&nm);
    return G_UNKNOWN;
  }
  int32_t row;
  if (m->kind == NK_MENTION_NAME) {
    if (ak_cue_at(l, doc, &nm, m->tok_first, CUE_TITLE, &row))
      gender = ak_cue_gender(l, row);
  } else if (m->kind == NK_MENTION_DESCRIPTION) {
    size_t k = m->tok_first;
    size_t dl = ak_cue_at(l, doc, &nm, k, CUE_DET, &row);
    int dg = dl ? ak_cue_gender(l, row) : G_UNKNOWN;
    if (ak_cue_at(l, doc, &nm, k + dl, CUE_ROLE, &row))
      gender = ak_cue_gender(l, row);
    if (gender == G_UNKNOWN)
      gender = dg;
  }
  ak_norms_free(&nm);
  return gender;
}

int ak_gender_of_actor(const struct nk_actors_lex *l, const nk_doc *doc, const nk_graph *g,
                       int32_t actor)
{
  int male = 0, female = 0;
  for (size_t i = 0; i < g->n_mentions; i++) {
    if (g->mentions[i].actor != actor)
      continue;
    int gd = mention_gender(l, doc, &g->mentions[i]);
    male += gd == G_MALE;
    female += gd == G_FEMALE;
  }
  return male > female ? G_MALE : female > male ? G_FEMALE : G_UNKNOWN;
}

/* What nk_actors_resolve_span keeps between calls on one article's graph, so that a call
   costs the same however many actors the article has: the name keys of the actors (by_name
   compared the span with every name of every actor, each folded anew: quadratic in long
   articles) and a per-actor scratch array (antecedent allocated and zeroed one per call). */
struct nk_span_memo {
  const nk_graph *g;   /* the graph indexed */
  size_t n_indexed;    /* actors [0, n_indexed) are in names */
  ak_map names;        /* name key, and every tail of it after a space → first such actor */
  int *ev;             /* per actor, all zero between calls */
  size_t ev_cap;
};

nk_span_memo *nk_span_memo_new(void)
{
  return calloc(1, sizeof(nk_span_memo));
}

void nk_span_memo_free(nk_span_memo *m)
{
  if (!m)
    return;
  ak_map_free(&m->names);
  free(m->ev);
  free(m);
}

/* Indexes the actors added since the last call. The actor stage gives actors all their names
   before any span is resolved; later stages only append new actors (with their one name), so
   the names of actors already indexed do not change. Actors are indexed in order and the map
   keeps the first value put, so a key maps to the lowest actor holding it, as a scan would. */
static int memo_sync(nk_span_memo *m, const nk_graph *g)
{
  if (m->g != g || m->n_indexed > g->n_actors) {
    ak_map_free(&m->names);
    m->g = g;
    m->n_indexed = 0;
  }
  for (; m->n_indexed < g->n_actors; m->n_indexed++) {
    const nk_actor *a = &g->actors[m->n_indexed];
    for (size_t n = 0; n < a->n_names; n++) {
      char *nk = nk_name_key(a->names[n]);
      if (!nk)
        continue;
      /* the whole key, and each ending after a space: "durand" finds "paul durand" */
      int rc = nk[0] ? ak_map_put(&m->names, nk, strlen(nk), (int32_t)m->n_indexed) : 0;
      for (const char *sp = strchr(nk, ' '); rc == 0 && sp; sp = strchr(sp + 1, ' '))
        if (sp[1])
          rc = ak_map_put(&m->names, sp + 1, strlen(sp + 1), (int32_t)m->n_indexed);
      free(nk);
      if (rc != 0)
        return -1;
    }
  }
  if (m->ev_cap < g->n_actors) {
    size_t cap = m->ev_cap ? m->ev_cap : 64;
    while (cap < g->n_actors)
      cap *= 2;
    int *ev = realloc(m->ev, cap * sizeof *ev);
    if (!ev)
      return -1;
    memset(ev + m->ev_cap, 0, (cap - m->ev_cap) * sizeof *ev);
    m->ev = ev;
    m->ev_cap = cap;
  }
  return 0;
}

/* A person of compatible gender (EV: the gender evidence of each actor, >0 male, <0 female). */
static int person_fits(const nk_graph *g, int32_t a, const int *ev, int gender)
{
  if (a < 0 || (size_t)a >= g->n_actors || g->actors[a].type != NK_PERSON)
    return 0;
  int e = ev[a];
  return gender == G_UNKNOWN || e == 0 || (gender == G_MALE && e > 0) ||
         (gender == G_FEMALE && e < 0);
}

/* The first word token of sentence S at or after token FROM. */
static size_t first_word(const nk_doc *doc, size_t s, size_t from)
{
  size_t e = doc->sents[s].tok_first + doc->sents[s].tok_count;
  for (size_t i = from; i < e; i++)
    if (doc->toks[i].kind == NK_TOK_WORD)
      return i;
  return e;
}

/* A pronoun opening a sentence ("Il a également remercié…", "He also promised…") continues
   the previous sentence's subject, whoever was mentioned last: the person named at the start
   of that sentence, else the speaker of a statement reported in it, else the person named
   right after its opening adverbial ("Lors de sa campagne, X a affirmé…"). NK_NONE when the
   pronoun does not open its sentence or no such subject fits. */
static int32_t prev_subject(const nk_doc *doc, const nk_graph *g, size_t first, const int *ev,
                            int gender)
{
  size_t s = doc->toks[first].sent;
  if (s == 0 || first_word(doc, s, doc->sents[s].tok_first) != first)
    return NK_NONE;
  size_t ps = s - 1;
  while (ps > 0 && doc->sents[ps].tok_count == 0)
    ps--;
  const nk_sentence *p = &doc->sents[ps];
  if (p->tok_count == 0)
    return NK_NONE;
  size_t pf = p->tok_first, pe = p->tok_first + p->tok_count;
  size_t w0 = first_word(doc, ps, pf);
  size_t lo = lower_bound(g, pf), hi = lower_bound(g, pe);
  /* 1. a person named at the start of the sentence */
  for (size_t k = lo; k < hi; k++)
    if (g->mentions[k].tok_first == w0 && person_fits(g, g->mentions[k].actor, ev, gender))
      return g->mentions[k].actor;
  /* 2. the speaker of the last statement reported in it */
  uint32_t bs = doc->toks[pf].start, be = doc->toks[pe - 1].end;
  int32_t spk = NK_NONE;
  for (size_t k = 0; k < g->n_statements; k++) {
    const nk_statement *st = &g->statements[k];
    if (st->start >= bs && st->start < be && person_fits(g, st->speaker, ev, gender))
      spk = st->speaker;
  }
  if (spk != NK_NONE)
    return spk;
  /* 3. the person named right after an opening adverbial and its comma */
  for (size_t k = lo; k < hi; k++) {
    const nk_mention *m = &g->mentions[k];
    if (m->tok_first > pf && m->tok_first < pe && doc->toks[m->tok_first - 1].kind == NK_TOK_PUNCT &&
        doc->toks[m->tok_first - 1].end - doc->toks[m->tok_first - 1].start == 1 &&
        doc->text[doc->toks[m->tok_first - 1].start] == ',') {
      if (person_fits(g, m->actor, ev, gender))
        return m->actor;
      break; /* only the first comma-led mention is the subject */
    }
  }
  return NK_NONE;
}

static int32_t antecedent(nk_span_memo *memo, const struct nk_actors_lex *l, const nk_doc *doc,
                          const nk_graph *g, size_t first, int gender, int want_org)
{
  size_t hi = lower_bound(g, first);
  size_t lo = hi > LOOKBACK ? hi - LOOKBACK : 0;
  /* gender evidence of the actors in the window (memo->ev is all zero on entry, and is
     zeroed again below for the actors of the window) */
  int *ev = memo->ev;
  for (size_t k = lo; k < hi; k++) {
    const nk_mention *m = &g->mentions[k];
    if (m->actor < 0 || (size_t)m->actor >= g->n_actors)
      continue;
    int gd = mention_gender(l, doc, m);
    ev[m->actor] += gd == G_MALE ? 1 : gd == G_FEMALE ? -1 : 0;
  }
  int32_t found = want_org ? NK_NONE : prev_subject(doc, g, first, ev, gender);
  for (size_t k = hi; found == NK_NONE && k > lo; k--) {
    const nk_mention *m = &g->mentions[k - 1];
    if (m->actor < 0 || (size_t)m->actor >= g->n_actors || m->tok_end > first)
      continue;
    nk_actor_type t = g->actors[m->actor].type;
    if (want_org) {
      if (t == NK_ORGANIZATION) {
        found = m->actor;
        break;
      }
      continue;
    }
    if (t != NK_PERSON)
      continue;
    int e = ev[m->actor];
    if (gender == G_UNKNOWN || e == 0 || (gender == G_MALE && e > 0) || (gender == G_FEMALE && e < 0)) {
      found = m->actor;
      break;
    }
  }
  for (size_t k = lo; k < hi; k++) {
    const nk_mention *m = &g->mentions[k];
    if (m->actor >= 0 && (size_t)m->actor < g->n_actors)
      ev[m->actor] = 0;
  }
  return found;
}

static int32_t by_role(const struct nk_actors_lex *l, const nk_doc *doc, const nk_graph *g,
                       size_t first, const char *key)
{
  size_t hi = lower_bound(g, first);
  /* the most recently mentioned actor holding such a role */
  for (size_t k = hi; k > 0 && hi - k < LOOKBACK; k--) {
    const nk_mention *m = &g->mentions[k - 1];
    if (m->actor < 0 || (size_t)m->actor >= g->n_actors)
      continue;
    const nk_actor *a = &g->actors[m->actor];
    for (size_t r = 0; r < a->n_roles; r++) {
      char *f = nk_text_fold(a->roles[r], strlen(a->roles[r]));
      if (!f)
        continue;
      char *n = malloc(strlen(f) + 1);
      int ok = 0;
      if (n) {
        ak_norm(f, strlen(f), n);
        /* every word of the description within the role */
        ok = 1;
        const char *p = key;
        while (*p && ok) {
          const char *sp = strchr(p, ' ');
          size_t wl = sp ? (size_t)(sp - p) : strlen(p);
          size_t nl = strlen(n);
          int hit = 0;
          for (size_t i = 0; i + wl <= nl && !hit; i++)
            hit = (i == 0 || n[i - 1] == ' ') && (i + wl == nl || n[i + wl] == ' ') &&
                  memcmp(n + i, p, wl) == 0;
          ok = hit;
          p += wl;
          while (*p == ' ')
            p++;
        }
      }
      free(n);
      free(f);
      if (ok)
        return m->actor;
    }
  }
  (void)l;
  (void)doc;
  return NK_NONE;
}

/* The first actor with a name whose key is the span's, or ends with it after a space. */
static int32_t by_name(const nk_span_memo *memo, const nk_doc *doc, size_t first, size_t end)
{
  char *t = ak_span_text(doc, first, end);
  char *k = t ? nk_name_key(t) : NULL;
  free(t);
  if (!k || !k[0]) {
    free(k);
    return NK_NONE;
  }
  int32_t found = ak_map_get(&memo->names, k, strlen(k));
  free(k);
  return found >= 0 ? found : NK_NONE;
}

/* The actor of the country whose demonym is a word of [first, end), when the article has it. */
static int32_t by_demonym(const struct nk_actors_lex *l, const nk_graph *g, const ak_norms *nm,
                          size_t first, size_t end)
{
  for (size_t i = first; i < end; i++) {
    int32_t row = ak_demonym(l, ak_n(nm, i));
    if (row < 0)
      continue;
    const char *id = ak_field(&l->world, row, W_ID);
    for (size_t a = 0; id[0] && a < g->n_actors; a++)
      if (g->actors[a].wk_id && strcmp(g->actors[a].wk_id, id) == 0)
        return (int32_t)a;
    return NK_NONE;
  }
  return NK_NONE;
}

int32_t nk_actors_resolve_span(const struct nk_actors_lex *l, const nk_doc *doc, const nk_graph *g,
                               size_t first, size_t end)
{
  nk_span_memo *memo = nk_span_memo_new();
  if (!memo)
    return NK_NONE;
  int32_t a = nk_actors_resolve_span_memo(memo, l, doc, g, first, end);
  nk_span_memo_free(memo);
  return a;
}

int32_t nk_actors_resolve_span_memo(nk_span_memo *memo, const struct nk_actors_lex *l,
                                    const nk_doc *doc, const nk_graph *g, size_t first,
                                    size_t end)
{
  if (!l || !doc || !g || first >= end || end > doc->n_toks)
    return NK_NONE;
  /* 1. a mention inside or around the span: names first, then the longest */
  size_t hi = lower_bound(g, end);
  int32_t best = NK_NONE;
  int best_name = 0;
  uint32_t best_len = 0;
  for (size_t k = hi; k > 0; k--) {
    const nk_mention *m = &g->mentions[k - 1];
    if (m->tok_first + 64 < first)
      break;
    if (m->tok_end <= first || m->tok_first >= end)
      continue;
    int is_name = m->kind == NK_MENTION_NAME;
    uint32_t len = m->tok_end - m->tok_first;
    if (best == NK_NONE || (is_name && !best_name) || (is_name == best_name && len > best_len)) {
      best = m->actor;
      best_name = is_name;
      best_len = len;
    }
  }
  if (best != NK_NONE)
    return best;

  if (memo_sync(memo, g) != 0)
    return NK_NONE;
  ak_norms nm;
  if (ak_norms_fill(&nm, doc, first, end) != 0) {
    ak_norms_free(&nm);
    return NK_NONE;
  }
  int32_t found = NK_NONE;
  int32_t row;
  /* 2. a pronoun */
  for (size_t i = first; i < end && found == NK_NONE; i++) {
    if (ak_cue_at(l, doc, &nm, i, CUE_PRONOUN, &row)) {
      const char *kind = ak_field(&l->cues, row, C_EXTRA);
      found = antecedent(memo, l, doc, g, first, ak_cue_gender(l, row),
                         strcmp(kind, "org") == 0);
      goto out;
    }
  }
  /* 3. a description */
  {
    size_t k = first;
    while (k < end && ak_cue_at(l, doc, &nm, k, CUE_DET, &row))
      k++;
    if (k < end && ak_cue_at(l, doc, &nm, k, CUE_ROLE, &row)) {
      char key[512];
      size_t kl = 0;
      for (size_t i = k; i < end; i++) {
        const char *n = ak_n(&nm, i);
        if (!n || !n[0] || ak_cue_at(l, doc, &nm, i, CUE_DET, NULL) ||
            ak_cue_at(l, doc, &nm, i, CUE_CONNECTOR, NULL))
          continue;
        size_t nl = strlen(n);
        if (kl + nl + 2 >= sizeof key)
          break;
        if (kl)
          key[kl++] = ' ';
        memcpy(key + kl, n, nl);
        kl += nl;
      }
      key[kl] = '\0';
      found = by_role(l, doc, g, first, key);
      goto out;
    }
    if (k < end && ak_cue_at(l, doc, &nm, k, CUE_ORG_NOUN, &row)) {
      found = antecedent(memo, l, doc, g, first, G_UNKNOWN, 1);
      goto out;
    }
  }
  /* 4. a name */
  found = by_name(memo, doc, first, end);
out:
  /* 5. a demonym: "the Egyptian envoy", "le gouvernement allemand" → the country's actor */
  if (found == NK_NONE && end - first <= 6)
    found = by_demonym(l, g, &nm, first, end);
  ak_norms_free(&nm);
  return found;
}

int nk_actors_is_demonym(const struct nk_actors_lex *l, const nk_doc *doc, size_t i)
{
  if (!l || !doc || i >= doc->n_toks || doc->toks[i].kind != NK_TOK_WORD)
    return 0;
  ak_norms nm;
  int r = ak_norms_fill(&nm, doc, i, i + 1) == 0 && ak_demonym(l, ak_n(&nm, i)) >= 0;
  ak_norms_free(&nm);
  return r;
}
