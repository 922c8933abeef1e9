/* One event per happening: the mentions of an event told several times in the article are
   merged (same CAMEO root, overlapping participants, compatible time and factuality), events
   nobody takes part in are dropped, the rest are written to the graph with a short label,
   and statements are linked to the events they are about, deny or confirm. Cross-article
   merging is the store's job. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extraction/events_internal.h"

#define MERGE_LOOKBACK 64    /* earlier events an event is compared with */
#define ORPHAN_SENTENCES 2   /* a mention without participants joins an event this close */

/* Two codes of one happening: equal, or one is the other's generic form (040 and 041,
   084 and 0841). Distinct codes of one root stay apart: declining to comment (011) is not
   a denial (016), criticising (111) not accusing (112). */
static int same_root(const ev_cand *a, const ev_cand *b)
{
  if (a->code[0] != b->code[0] || a->code[1] != b->code[1])
    return 0;
  size_t la = strlen(a->code), lb = strlen(b->code);
  if (la < 3 || lb < 3 || (la == 3 && a->code[2] == '0') || (lb == 3 && b->code[2] == '0'))
    return 1; /* a root or a generic x0 code */
  size_t n = la < lb ? la : lb;
  return memcmp(a->code, b->code, n) == 0; /* equal, or 084 and 0841 */
}

/* Whether A's code is more specific than B's: longer, then not ending in 0, then made
   precise by a weightier refiner (what is given outranks how much: 073 over 071). */
static int more_specific(const ev_cand *a, const ev_cand *b)
{
  size_t la = strlen(a->code), lb = strlen(b->code);
  if (la != lb)
    return la > lb;
  int a0 = a->code[la - 1] == '0', b0 = b->code[lb - 1] == '0';
  if (a0 != b0)
    return b0;
  return a->refine_prio > b->refine_prio;
}

static int fact_class(int f)
{
  switch (f) {
  case NK_FACT_PLANNED: return 1;
  case NK_FACT_DENIED:
  case NK_FACT_NEGATED: return 2;
  default: return 0; /* asserted, reported, uncertain: one happening, told with more or less
                        certainty */
  }
}

static int32_t head_of(const ev_run *r, size_t k)
{
  int32_t h = (int32_t)k;
  while (r->c[h].into >= 0)
    h = r->c[h].into;
  return h;
}

/* Actors that stand for each other: the same, or one speaks for the other (a spokesman
   and the Kremlin, through an affiliation relation). */
static int same_side(const int32_t *aff, int32_t a, int32_t b)
{
  return a == b || (aff && (aff[a] == b || aff[b] == a));
}

static int has_role(const ev_cand *c, nk_role role)
{
  for (size_t i = 0; i < c->n_parts; i++)
    if (c->parts[i].role == role)
      return 1;
  return 0;
}

/* Participants in common. When both mentions name who acts, those must meet: two accusers
   of the same target make two accusations. */
static int overlap(const int32_t *aff, const ev_cand *a, const ev_cand *b)
{
  int sources = has_role(a, NK_ROLE_SOURCE) && has_role(b, NK_ROLE_SOURCE);
  for (size_t i = 0; i < a->n_parts; i++)
    for (size_t j = 0; j < b->n_parts; j++) {
      if (sources && (a->parts[i].role != NK_ROLE_SOURCE || b->parts[j].role != NK_ROLE_SOURCE))
        continue;
      if (same_side(aff, a->parts[i].actor, b->parts[j].actor))
        return 1;
    }
  /* a meeting told from either side: "X a rencontré Y", "Y s'est entretenu avec X" */
  if (sources && a->code[0] == '0' && a->code[1] == '4')
    for (size_t i = 0; i < a->n_parts; i++)
      for (size_t j = 0; j < b->n_parts; j++)
        if (same_side(aff, a->parts[i].actor, b->parts[j].actor))
          return 1;
  return 0;
}

static int time_compatible(const ev_cand *a, const ev_cand *b)
{
  if (a->time_norm && b->time_norm)
    return strcmp(a->time_norm, b->time_norm) == 0;
  if (a->time_text && b->time_text && !a->time_norm && !b->time_norm)
    return strcmp(a->time_text, b->time_text) == 0;
  return 1;
}

static void take_str(char **dst, char **src)
{
  if (!*dst && *src) {
    *dst = *src;
    *src = NULL;
  }
}

/* Merges candidate B into A (A is earlier: its factuality, told first, stays). A mention
   without participants ("la guerre") only refers back: its sentence's time and place are
   not the event's. */
static void merge_into(ev_cand *a, ev_cand *b, int32_t ai)
{
  if (b->n_parts == 0) {
    if (more_specific(b, a))
      memcpy(a->code, b->code, sizeof a->code);
    b->into = ai;
    return;
  }
  for (size_t k = 0; k < b->n_parts; k++)
    if (!ev_has_actor(a, b->parts[k].actor))
      ev_add_part(a, b->parts[k].actor, b->parts[k].role);
  if (more_specific(b, a))
    memcpy(a->code, b->code, sizeof a->code);
  take_str(&a->time_text, &b->time_text);
  take_str(&a->time_norm, &b->time_norm);
  if (!a->place_text && b->place_text) {
    take_str(&a->place_text, &b->place_text);
    a->place = b->place;
  }
  b->into = ai;
}

/* Two mentions one sentence may tell as one happening: same_root, or the same root where
   one code was only made precise by the words after a generic trigger ("announced $30
   million to help UNICEF buy doses": a grant, 071 from the money, 073 from the doses). */
static int one_happening(const ev_cand *a, const ev_cand *b)
{
  if (same_root(a, b))
    return 1;
  return a->sent == b->sent && a->code[0] == b->code[0] && a->code[1] == b->code[1] &&
         (a->refined || b->refined);
}

/* Whether sentence S belongs to the article's title. */
static int in_title(const ev_run *r, size_t s)
{
  const nk_doc *doc = r->doc;
  return s < doc->n_sents && doc->sents[s].para < doc->n_paras &&
         doc->paras[doc->sents[s].para].noise == NK_NOISE_TITLE;
}

/* A place is where a statement, an appeal, a criticism or a protest happens, never who
   makes it ("une manifestation devant la gare du Nord" is not the station protesting): a
   place taken as the source of such an event (CAMEO roots 01 to 14) becomes its setting.
   Countries and capitals (world knowledge) stay: a state acts ("l'Allemagne aurait refusé"). */
static void places_as_settings(ev_run *r)
{
  for (size_t k = 0; k < r->n; k++) {
    ev_cand *c = &r->c[k];
    int root = (c->code[0] - '0') * 10 + (c->code[1] - '0');
    if (c->dead || root < 1 || root > 14)
      continue;
    size_t kept = 0;
    for (size_t p = 0; p < c->n_parts; p++) {
      int32_t a = c->parts[p].actor;
      if (c->parts[p].role == NK_ROLE_SOURCE && a >= 0 && (size_t)a < r->g->n_actors &&
          r->g->actors[a].type == NK_PLACE && !r->g->actors[a].wk_id) {
        if (c->place < 0 && !c->place_text)
          c->place = a;
        continue;
      }
      c->parts[kept++] = c->parts[p];
    }
    c->n_parts = kept;
  }
}

static void merge(ev_run *r, const int32_t *aff)
{
  for (size_t k = 0; k < r->n; k++) {
    ev_cand *c = &r->c[k];
    if (c->dead)
      continue;
    size_t lo = k > MERGE_LOOKBACK ? k - MERGE_LOOKBACK : 0;
    for (size_t m = k; m > lo;) {
      m--;
      ev_cand *d = &r->c[m];
      if (d->dead || d->into >= 0 || !one_happening(c, d))
        continue;
      if (c->n_parts == 0) {
        /* "Une conversation téléphonique dont…": a mention with no participants of its own
           continues the event just told */
        if (c->sent - d->sent <= ORPHAN_SENTENCES) {
          merge_into(d, c, (int32_t)m);
          break;
        }
        continue;
      }
      /* one sentence tells one happening of a kind ("la libération de X dans le cadre d'un
         échange de prisonniers avec Y"); across sentences the participants must meet */
      int same_sentence = c->sent == d->sent && !(c->flags & EVF_SPEECH) &&
                          !(d->flags & EVF_SPEECH);
      /* a headline announces what the story then tells: its event is the story's first
         event of that kind, whoever each names ("les dockers bloquent Le Havre" and "Les
         dockers de la CGT ont bloqué jeudi les terminaux du Havre") */
      int headline = in_title(r, d->sent) && !in_title(r, c->sent) && d->into < 0 &&
                     !d->headline_taken;
      if (headline && fact_class(c->fact) == fact_class(d->fact) && time_compatible(c, d)) {
        d->headline_taken = 1;
        merge_into(d, c, (int32_t)m);
        break;
      }
      if (d->n_parts && (same_sentence || overlap(aff, c, d)) &&
          (same_sentence || fact_class(c->fact) == fact_class(d->fact)) &&
          time_compatible(c, d)) {
        merge_into(d, c, (int32_t)m);
        break;
      }
    }
  }
}

/* ---------------------------------------------------------------- labels */

static const char *cameo_label(const ev_run *r, const char *code)
{
  char buf[8];
  const nk_lex_entry *e = ev_cameo_lookup(r->lex, code);
  if (!e && strlen(code) > 2) {
    snprintf(buf, sizeof buf, "%.2s0", code);
    e = ev_cameo_lookup(r->lex, buf);
  }
  return e && e->n_fields > 1 ? e->fields[1] : "event";
}

static void append(char *buf, size_t cap, size_t *len, const char *s)
{
  size_t n = strlen(s);
  if (*len + n >= cap)
    n = cap - *len - 1;
  memcpy(buf + *len, s, n);
  *len += n;
  buf[*len] = '\0';
}

/* "discuss by telephone: Donald Trump – Vladimir Putin" (sources – targets). */
static void label_of(const ev_run *r, const ev_cand *c, char *buf, size_t cap)
{
  size_t len = 0;
  buf[0] = '\0';
  append(buf, cap, &len, cameo_label(r, c->code));
  int n_src = 0, n_tgt = 0;
  for (int pass = 0; pass < 2; pass++) {
    nk_role want = pass == 0 ? NK_ROLE_SOURCE : NK_ROLE_TARGET;
    int *count = pass == 0 ? &n_src : &n_tgt;
    for (size_t k = 0; k < c->n_parts; k++) {
      if (c->parts[k].role != want)
        continue;
      const char *name = r->g->actors[c->parts[k].actor].name;
      const char *sep = *count ? ", " : (n_src + n_tgt == 0 ? ": " : " \xE2\x80\x93 ");
      append(buf, cap, &len, sep);
      append(buf, cap, &len, name ? name : "?");
      (*count)++;
    }
  }
}

/* ---------------------------------------------------------------- emit */

static nk_status emit(ev_run *r, size_t k)
{
  ev_cand *c = &r->c[k];
  const nk_doc *doc = r->doc;
  const nk_sentence *s = &doc->sents[c->sent];
  char *trigger = NULL;
  if (c->t_end > c->t_first) {
    const nk_token *a = &doc->toks[c->t_first], *b = &doc->toks[c->t_end - 1];
    trigger = ev_strndup(doc->text + a->start, b->end - a->start);
  } else if (c->stmt >= 0 && r->g->statements[c->stmt].verb) {
    const char *v = r->g->statements[c->stmt].verb;
    trigger = ev_strndup(v, strlen(v));
  }
  int32_t e = nk_graph_add_event(r->g, c->code, trigger ? trigger : c->code,
                                 (nk_factuality)c->fact, s->start, s->end);
  free(trigger);
  if (e < 0)
    return NK_ERR_NOMEM;
  c->out = e;
  for (int pass = 0; pass < 3; pass++)
    for (size_t p = 0; p < c->n_parts; p++)
      if ((int)c->parts[p].role == pass &&
          nk_graph_event_add_participant(r->g, e, c->parts[p].actor, c->parts[p].role) < 0)
        return NK_ERR_NOMEM;
  char label[512];
  label_of(r, c, label, sizeof label);
  nk_event *ev = &r->g->events[e];
  if (nk_graph_set_str(&ev->label, label) < 0 ||
      nk_graph_set_str(&ev->time_text, c->time_text) < 0 ||
      nk_graph_set_str(&ev->time_norm, c->time_norm) < 0 ||
      nk_graph_set_str(&ev->place_text, c->place_text) < 0)
    return NK_ERR_NOMEM;
  ev->place = c->place;
  return NK_OK;
}

/* ---------------------------------------------------------------- statement links */

static size_t sentence_of(const nk_doc *doc, uint32_t off)
{
  size_t lo = 0, hi = doc->n_sents;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (doc->sents[mid].end <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Links each statement to the events told in the sentences it spans: a denial denies them,
   a confirmation confirms them, anything else is about them. */
static nk_status link_statements(ev_run *r)
{
  int32_t seen[32];
  for (size_t si = 0; si < r->g->n_statements; si++) {
    const nk_statement *st = &r->g->statements[si];
    size_t s0 = sentence_of(r->doc, st->start);
    size_t s1 = sentence_of(r->doc, st->end > st->start ? st->end - 1 : st->start);
    /* first candidate of sentence s0 */
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (r->c[mid].sent < s0)
        lo = mid + 1;
      else
        hi = mid;
    }
    size_t n_seen = 0;
    for (size_t k = lo; k < r->n && r->c[k].sent <= s1; k++) {
      if (r->c[k].dead || r->c[k].stmt == (int32_t)si)
        continue;
      int32_t h = head_of(r, k);
      int32_t e = r->c[h].out;
      if (e < 0)
        continue;
      int dup = 0;
      for (size_t q = 0; q < n_seen; q++)
        dup |= seen[q] == e;
      if (dup || n_seen == sizeof seen / sizeof seen[0])
        continue;
      seen[n_seen++] = e;
      nk_link_kind kind = NK_LINK_ABOUT;
      int speech = (r->c[k].flags & EVF_SPEECH) != 0;
      if (st->stance == NK_STANCE_DENY && !speech)
        kind = NK_LINK_DENIES;
      else if (st->stance == NK_STANCE_CONFIRM && !speech)
        kind = NK_LINK_CONFIRMS;
      if (nk_graph_add_link(r->g, (int32_t)si, e, NK_NONE, kind) < 0)
        return NK_ERR_NOMEM;
    }
  }
  return NK_OK;
}

nk_status ev_merge_emit(ev_run *r, nk_error *err)
{
  int32_t *aff = NULL;
  if (r->g->n_actors) {
    aff = malloc(r->g->n_actors * sizeof *aff);
    if (aff) {
      for (size_t a = 0; a < r->g->n_actors; a++)
        aff[a] = NK_NONE;
      for (size_t k = 0; k < r->g->n_relations; k++) {
        const nk_relation *rel = &r->g->relations[k];
        if (rel->kind == NK_REL_AFFILIATED && rel->from >= 0 && rel->to >= 0 &&
            (size_t)rel->from < r->g->n_actors && (size_t)rel->to < r->g->n_actors &&
            aff[rel->from] == NK_NONE)
          aff[rel->from] = rel->to;
      }
    }
  }
  places_as_settings(r);
  merge(r, aff);
  free(aff);
  nk_status st = NK_OK;
  for (size_t k = 0; k < r->n && st == NK_OK; k++) {
    ev_cand *c = &r->c[k];
    if (c->dead || c->into >= 0 || c->n_parts == 0)
      continue; /* absorbed, merged, or nobody takes part: not an event of the graph */
    /* "la guerre en Ukraine" named in passing, with nobody waging it, is background to the
       story, not an event it tells */
    if ((c->cls == EVC_NOUN || c->cls == EVC_NOUN_OBJ) && !has_role(c, NK_ROLE_SOURCE) &&
        ((c->code[0] == '1' && c->code[1] == '9') || (c->code[0] == '2' && c->code[1] == '0')))
      continue;
    st = emit(r, k);
  }
  if (st == NK_OK)
    st = link_statements(r);
  if (st != NK_OK)
    return nk_error_set(err, st, "out of memory writing events");
  return NK_OK;
}
