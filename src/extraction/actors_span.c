/* nk_actors_resolve_span: the actor a span of tokens refers to, for the later stages (speakers
   of statements, participants of events).
     1. a mention found by the actor stage covering the span (a name, a role description);
     2. a pronoun (il, elle, lui, -t-il, he, she, him…): the most recent person of compatible
        gender before the span (gender from titles M./Mme/Mr/Ms and from "la ministre",
        "le porte-parole"); "it", "they" → the most recent organisation;
     3. a description ("le porte-parole", "la ministre", "the agency"): the actor whose role
        holds its words, most recently mentioned; an organisation noun → the most recent
        organisation;
     4. a name: the actor with that name key, or whose name ends with that word.
   Only the graph and the doc are read: no state is kept between calls. */
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

static int32_t antecedent(const struct nk_actors_lex *l, const nk_doc *doc, const nk_graph *g,
                          size_t first, int gender, int want_org)
{
  size_t hi = lower_bound(g, first);
  size_t lo = hi > LOOKBACK ? hi - LOOKBACK : 0;
  /* gender evidence of the actors in the window */
  int *ev = calloc(g->n_actors ? g->n_actors : 1, sizeof *ev);
  if (!ev)
    return NK_NONE;
  for (size_t k = lo; k < hi; k++) {
    const nk_mention *m = &g->mentions[k];
    if (m->actor < 0 || (size_t)m->actor >= g->n_actors)
      continue;
    int gd = mention_gender(l, doc, m);
    ev[m->actor] += gd == G_MALE ? 1 : gd == G_FEMALE ? -1 : 0;
  }
  int32_t found = NK_NONE;
  for (size_t k = hi; k > lo; k--) {
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
  free(ev);
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

static int32_t by_name(const nk_doc *doc, const nk_graph *g, size_t first, size_t end)
{
  char *t = ak_span_text(doc, first, end);
  char *k = t ? nk_name_key(t) : NULL;
  free(t);
  if (!k || !k[0]) {
    free(k);
    return NK_NONE;
  }
  int32_t found = NK_NONE;
  size_t kl = strlen(k);
  for (size_t a = 0; a < g->n_actors && found == NK_NONE; a++) {
    for (size_t n = 0; n < g->actors[a].n_names && found == NK_NONE; n++) {
      char *nk = nk_name_key(g->actors[a].names[n]);
      if (!nk)
        continue;
      size_t nl = strlen(nk);
      if (strcmp(nk, k) == 0 || (nl > kl && nk[nl - kl - 1] == ' ' && strcmp(nk + nl - kl, k) == 0))
        found = (int32_t)a;
      free(nk);
    }
  }
  free(k);
  return found;
}

int32_t nk_actors_resolve_span(const struct nk_actors_lex *l, const nk_doc *doc, const nk_graph *g,
                               size_t first, size_t end)
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
      found = antecedent(l, doc, g, first, ak_cue_gender(l, row), strcmp(kind, "org") == 0);
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
      found = antecedent(l, doc, g, first, G_UNKNOWN, 1);
      goto out;
    }
  }
  /* 4. a name */
  found = by_name(doc, g, first, end);
out:
  ak_norms_free(&nm);
  return found;
}
