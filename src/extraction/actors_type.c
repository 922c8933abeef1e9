/* Typing candidates: person, organization or place, from evidence around each name.
     - world knowledge gives the type; a place used as an agent ("Moscou a démenti",
       "Washington et Moscou n'ont…", "proposée par le Royaume-Uni", "Britain has drafted",
       "la guerre de Moscou") is the government: an organization;
     - a place preposition before (à, en, au, in, near) → place; a place noun before or after
       (la province du X, X province) → place;
     - an organisation noun shortly before (le groupe belge X, l'agence de presse iranienne X)
       or a cue word inside (Commission, Post, Forces), "for"/"pour" inside (Fridays for
       Future) or an acronym → organization; a hyphenated French toponym (Fos-sur-Mer) → place;
     - titles and role phrases (found earlier) → person;
     - otherwise a run of several capitalised words is a person, a lone word an organization
       (that default counts once per actor: see ak_type_from).
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

/* Tokens [from, q) are exactly one preposition: "de", "du", "d'". */
static int of_complement(const ak_work *w, size_t from, size_t q)
{
  int32_t row;
  size_t l = from < q ? cue(w, from, CUE_CONNECTOR, &row) : 0;
  if (l && from + l == q && ak_prep_connector(w->l, row))
    return 1;
  return from + 1 == q && (w->doc->toks[from].flags & NK_TF_ELISION) &&
         N(from) && strcmp(N(from), "d") == 0;
}

/* A French place name built with a hyphenated preposition: "Fos-sur-Mer", "Aix-en-Provence",
   "Boulogne-sur-Seine", "Plessis-lès-Tours", "Mandelieu-la-Napoule" is no person or firm. */
static int toponym_compound(const nk_doc *doc, const ak_cand *c)
{
  static const char *const LINK[] = {"-sur-", "-sous-", "-lès-", "-lez-", "-en-", "-aux-",
                                     "-le-", "-la-", NULL};
  if (c->end - c->first != 1)
    return 0;
  const nk_token *t = &doc->toks[c->first];
  for (size_t k = 0; LINK[k]; k++) {
    size_t n = strlen(LINK[k]);
    for (uint32_t p = t->start + 1; p + n < t->end; p++)
      if (memcmp(doc->text + p, LINK[k], n) == 0)
        return 1;
  }
  return 0;
}

/* "KAMLOOPS, British Columbia —", "AIGLE (Suisse) —", "PERPIGNAN —": a name that opens a
   paragraph and reaches a dash through nothing but names, commas and a parenthesis is the
   city of the dateline. */
static int dateline(const ak_work *w, const ak_cand *c)
{
  const nk_doc *doc = w->doc;
  size_t t = c->tfirst;
  const nk_sentence *s = &doc->sents[doc->toks[t].sent];
  if (t != s->tok_first || doc->toks[t].sent != doc->paras[s->para].sent_first)
    return 0;
  size_t send = ak_sent_end(doc, t);
  for (size_t k = c->end; k < send && k < c->end + 8; k++) {
    if (ak_is_punct(doc, k, "\xe2\x80\x94") || ak_is_punct(doc, k, "\xe2\x80\x93") ||
        ak_is_punct(doc, k, "-"))
      return 1;
    if (!(ak_is_punct(doc, k, ",") || ak_is_punct(doc, k, "(") || ak_is_punct(doc, k, ")") ||
          (ak_is_word(doc, k) && ak_is_cap(doc, k))))
      return 0;
  }
  return 0;
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
  /* "shares in X", "analysts at X": the preposition ends an organisation noun, not a place's */
  if (pl && cue_ending(w, q, sf, CUE_ORG_NOUN, NULL) > pl)
    pl = 0;
  int weight = 0;
  if (dateline(w, c)) {
    c->place += 6;
    c->located = 1;
  }
  if (pl) {
    weight = atoi(ak_field(&w->l->cues, row, C_EXTRA));
    weight = weight > 0 ? weight : 2;
    c->place += weight;
    located = 1;
    c->located = 1;
  }
  /* an organisation or place noun shortly before, with no punctuation between; a plainly
     locative preposition just before the name closes that look back: "the commission's tally
     centre in X" names a centre located in X, not X (but "analysts at X" may be X's) */
  for (size_t k = weight >= 2 ? sf : q; k > sf && q - k < 6; k--) {
    size_t t = k - 1;
    if (!ak_is_word(doc, t))
      break;
    size_t l;
    if ((l = cue(w, t, CUE_ORG_NOUN, NULL)) != 0 && t + l <= q) {
      c->org += 3;
      break;
    }
    if ((l = cue(w, t, CUE_PLACE_NOUN, &row)) != 0 && t + l <= q) {
      /* extra 'of': a site named after its place only through "de": "l'usine de X", "la
         route de X" (but "l'usine Renault" is the firm's) */
      if (strcmp(ak_field(&w->l->cues, row, C_EXTRA), "of") != 0 || of_complement(w, t + l, q))
        c->place += 3;
      break;
    }
  }
  if (toponym_compound(doc, c))
    c->place += 3;
  if (c->end < send && !ak_is_cap(doc, c->end) && cue(w, c->end, CUE_PLACE_NOUN, NULL))
    c->place += 3; /* "Ouaddai province" */
  /* cue words inside the name; of two cues starting on one word, the longer reads the words:
     "Conference Center" is a venue, though "Conference" and "Center" alone name bodies */
  for (size_t t = c->first, skip = 0; t < c->end; t++) {
    size_t lo = t >= skip ? cue(w, t, CUE_ORG_WORD, NULL) : 0;
    size_t lp = t >= skip ? cue(w, t, CUE_PLACE_WORD, NULL) : 0;
    if (lo && lo >= lp)
      c->org += 3;
    if (lp && lp >= lo)
      c->place += 3;
    if (lo != lp)
      skip = t + (lo > lp ? lo : lp);
    /* "Fridays for Future", "Alliance for Progress", "Médecins pour la paix": a name holding
       a purpose is an organisation's (people's and places' names do not) */
    if (t > c->first && !ak_is_cap(doc, t) && N(t) &&
        (strcmp(N(t), "for") == 0 || strcmp(N(t), "pour") == 0))
      c->org += 3;
    if (ak_is_punct(doc, t, "&"))
      c->org += 3; /* "Brückner & Hahn": partners' names make a firm's */
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
  /* "said the Lisbon club had…": a name before a lowercase organisation noun modifies it and
     is no agent; "by Ireland's regulator" is not Ireland's act */
  int modifier = c->end < send && !ak_is_cap(doc, c->end) && cue(w, c->end, CUE_ORG_NOUN, NULL);
  if (!located && !modifier && !ak_possessive(doc, c->end - 1)) {
    /* "le CHU de Nantes a déclenché": a noun's complement is not the subject */
    int complement = q > sf && cue_ending(w, q, sf, CUE_CONNECTOR, &row2) &&
                     ak_prep_connector(w->l, row2);
    c->complement = complement;
    if (!complement && c->end < send && !ak_poss_s(doc, c->end) &&
        cue(w, c->end, CUE_AGENT_AFTER, NULL))
      c->agent = c->agent_after = 1;
    if (q > sf && cue_ending(w, q, sf, CUE_AGENT_BEFORE, NULL)) {
      c->agent = 1;
      c->agent_after = 0; /* an agent whatever follows */
    }
  }
  if (c->world >= 0 && strcmp(ak_field(&w->l->world, c->world, W_TYPE), "place") == 0)
    c->place += 3; /* shared with coordinated names: "de Douai et de Liège" */
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
      /* "the ministers of Peru and Bolivia signed": the second name of a complement is one
         too, and no subject */
      if (a->complement && b->agent_after) {
        b->agent = b->agent_after = 0;
        b->complement = 1;
      }
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
  /* With no evidence, the name's shape decides: several words are a person, one word an
     organisation. Counted once per actor, not per mention: a firm named four times without a
     cue is no person, nor is "Nogueira" said three times after "Duarte Nogueira" a firm. */
  if (multi)
    person += 1;
  else
    org += 1;
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
