/* Typing candidates: person, organization or place, from evidence around each name.
     - world knowledge gives the type; a place used as an agent ("Moscou a démenti",
       "Washington et Moscou n'ont…", "proposée par le Royaume-Uni", "Britain has drafted",
       "la guerre de Moscou") is the government: an organization;
     - a place preposition before (à, en, au, in, near) → place; a place noun before or after
       (la province du X, X province) → place;
     - an organisation noun shortly before (le groupe belge X, l'agence de presse iranienne X)
       or a cue word inside (Commission, Post, Forces) or an acronym → organization;
     - titles and role phrases (found earlier) → person;
     - otherwise a run of several capitalised words is a person, a lone word an organization.
   Coordinated names share place and agent evidence ("de Douai et de Liège"). */
#include <stdlib.h>
#include <string.h>

#include "extraction/actors_internal.h"

#define N(i) ak_n(&w->nm, (i))

static size_t cue(const ak_work *w, size_t i, ak_cue cls, int32_t *row)
{
  return ak_cue_at(w->l, w->doc, &w->nm, i, cls, row);
}

/* The length of a cue of class CLS that ends exactly at token E (exclusive), or 0. */
static size_t cue_ending(const ak_work *w, size_t e, size_t sf, ak_cue cls, int32_t *row)
{
  for (size_t len = 1; len <= 3 && len <= e - sf; len++)
    if (cue(w, e - len, cls, row) == len)
      return len;
  return 0;
}

static int lower_det(const ak_work *w, size_t i)
{
  return ak_is_word(w->doc, i) && !(w->doc->toks[i].flags & NK_TF_CAP) &&
         cue(w, i, CUE_DET, NULL) == 1;
}

static void evidence(ak_work *w, ak_cand *c)
{
  const nk_doc *doc = w->doc;
  size_t sf = ak_sent_first(doc, c->tfirst), send = ak_sent_end(doc, c->tfirst);
  size_t q = c->tfirst;
  int32_t row, row2;
  int located = 0;
  if (q > sf && lower_det(w, q - 1))
    q--;
  size_t pl = q > sf ? cue_ending(w, q, sf, CUE_PLACE_PREP, &row) : 0;
  if (pl) {
    int weight = atoi(ak_field(&w->l->cues, row, C_EXTRA));
    c->place += weight > 0 ? weight : 2;
    located = 1;
    c->located = 1;
  }
  /* an organisation or place noun shortly before, with no punctuation between */
  for (size_t k = q; k > sf && q - k < 6; k--) {
    size_t t = k - 1;
    if (!ak_is_word(doc, t))
      break;
    size_t l;
    if ((l = cue(w, t, CUE_ORG_NOUN, NULL)) != 0 && t + l <= q) {
      c->org += 3;
      break;
    }
    if ((l = cue(w, t, CUE_PLACE_NOUN, NULL)) != 0 && t + l <= q) {
      c->place += 3;
      break;
    }
  }
  if (c->end < send && !ak_is_cap(doc, c->end) && cue(w, c->end, CUE_PLACE_NOUN, NULL))
    c->place += 3; /* "Ouaddai province" */
  for (size_t t = c->first; t < c->end; t++) {
    if (cue(w, t, CUE_ORG_WORD, NULL))
      c->org += 3;
    if (cue(w, t, CUE_PLACE_WORD, NULL))
      c->place += 3;
    if (t > c->first && !ak_is_cap(doc, t) && cue(w, t, CUE_ADJ, NULL) == 1 &&
        ak_demonym(w->l, N(t)) < 0)
      c->org += 2; /* "Sécurité sociale": a lowercase institutional adjective */
  }
  if (c->end - c->first == 1 && (ak_acronym(doc, c->first) || ak_hyphen_acronym(doc, c->first)))
    c->org += 3;
  if (c->end - c->first >= 2 && ak_acronym(doc, c->first))
    c->org += 2; /* "IAM District", "SUD Santé" */
  /* "France Bleu", "Ouest-France" are no people: a run opening with a known place */
  if (c->world < 0 && c->end - c->first >= 2 &&
      ak_world_at(w->l, doc, &w->nm, c->first, &row2) &&
      strcmp(ak_field(&w->l->world, row2, W_TYPE), "place") == 0)
    c->org += 2;
  if (!located && !ak_possessive(doc, c->end - 1)) { /* "by Ireland's regulator": not Ireland */
    /* "le CHU de Nantes a déclenché": a noun's complement is not the subject */
    int complement = q > sf && cue_ending(w, q, sf, CUE_CONNECTOR, &row2) &&
                     ak_prep_connector(w->l, row2);
    if (!complement && c->end < send && !ak_poss_s(doc, c->end) &&
        cue(w, c->end, CUE_AGENT_AFTER, NULL))
      c->agent = 1;
    if (q > sf && cue_ending(w, q, sf, CUE_AGENT_BEFORE, NULL))
      c->agent = 1;
  }
  if (c->world >= 0 && strcmp(ak_field(&w->l->world, c->world, W_TYPE), "place") == 0)
    c->place += 3; /* shared with coordinated names: "de Douai et de Liège" */
  if (c->end - c->first >= 2)
    c->person += 1;
  else
    c->org += 1;
}

/* Tokens between two coordinated names: ",", "et", "and", then prepositions/determiners. */
static int coordinated(const ak_work *w, const ak_cand *a, const ak_cand *b)
{
  const nk_doc *doc = w->doc;
  if (b->tfirst <= a->end || b->tfirst - a->end > 3 || doc->toks[a->end].sent != doc->toks[b->tfirst].sent)
    return 0;
  size_t t = a->end;
  const char *n = N(t);
  if (ak_is_punct(doc, t, ","))
    t++;
  else if (n && (strcmp(n, "et") == 0 || strcmp(n, "and") == 0 || strcmp(n, "ou") == 0 ||
                 strcmp(n, "or") == 0))
    t++;
  else
    return 0;
  while (t < b->tfirst) {
    if (!ak_is_word(doc, t) || (!cue(w, t, CUE_PLACE_PREP, NULL) && !cue(w, t, CUE_DET, NULL) &&
                                !cue(w, t, CUE_CONNECTOR, NULL)))
      return 0;
    t++;
  }
  return 1;
}

void ak_type(ak_work *w)
{
  for (size_t k = 0; k < w->nc; k++)
    if (!w->c[k].dead)
      evidence(w, &w->c[k]);
  /* coordination: both ways, once */
  int32_t prev = -1;
  for (size_t k = 0; k < w->nc; k++) {
    ak_cand *b = &w->c[k];
    if (b->dead)
      continue;
    if (prev >= 0 && coordinated(w, &w->c[prev], b)) {
      ak_cand *a = &w->c[prev];
      if (b->agent && ak_is_word(w->doc, a->end) && !ak_is_punct(w->doc, a->end, ","))
        a->agent = 1;
      if (a->place > 0 && b->place == 0 && !b->strong && b->end - b->first == 1)
        b->place += 2;
      else if (b->place > 0 && a->place == 0 && !a->strong && a->end - a->first == 1)
        a->place += 2;
    }
    prev = (int32_t)k;
  }
}

nk_actor_type ak_type_from(int person, int org, int place, int multi)
{
  if (multi) {
    if (person >= org && person >= place)
      return NK_PERSON;
    return place >= org ? NK_PLACE : NK_ORGANIZATION;
  }
  if (place >= org && place >= person)
    return NK_PLACE;
  return org >= person ? NK_ORGANIZATION : NK_PERSON;
}

nk_actor_type ak_world_type(const struct nk_actors_lex *l, int32_t row, int agent)
{
  const char *t = ak_field(&l->world, row, W_TYPE);
  if (strcmp(t, "person") == 0)
    return NK_PERSON;
  if (strcmp(t, "place") == 0)
    return agent ? NK_ORGANIZATION : NK_PLACE;
  return NK_ORGANIZATION;
}

nk_actor_type ak_cand_type(const ak_work *w, const ak_cand *c)
{
  if (c->world >= 0)
    return ak_world_type(w->l, c->world, c->agent);
  return ak_type_from(c->person, c->org, c->place, c->end - c->first >= 2);
}
