/* Candidate names from text cues, so that names never seen before are found:
     - capitalised token runs, with name connectors (de, von der, ben, al…) and the lowercase
       adjective an organisation name may end with ("Commission européenne"); after an
       organisation word, lowercase complements too ("Union des ports de France", "Chambre
       de commerce"; see head_lower_complement);
     - a demonym with a state body's noun ("the Qatari foreign ministry") → an organisation;
       a demonym alone is never a name;
     - a courtesy title before a capitalised word (M., Mme, Dr, Mr.) → a person;
     - a lowercase head noun with its capitalised complement ("ministère du Travail",
       "gare de l'Est") → an organisation or a place;
     - world knowledge (schemas/world.tsv): the longest known name at a position;
     - acronyms defined in the text: "l'Organisation mondiale de la santé (OMS)", with
       alternatives in the same parenthesis ("(GSIM, ou JNIM …)") or abbreviating the last words
       of a name ("Union des entreprises de transport et logistique de France (TLF)"); one
       spelled by lowercase words abbreviates a common noun ("travaux publics (BTP)"): no name;
     - name edges: a possessive inside a venue's name ("St James' Park"), a capitalised
       function word opening one ("the Premier League", "the daily A Bola"); a hyphenated
       adjective ("Brussels-based") and a generic word opening a sentence ("Island nations
       walk out") are no names;
     - role phrases ("le porte-parole du Kremlin, X", "X, secrétaire général de Y",
       "le président américain X") → X is a person with that role, affiliated with Y.
   A capitalised word alone at the start of a sentence is a name only when it is also seen
   capitalised mid-sentence, is world knowledge, or is followed by an auxiliary ("a", "said"):
   "Selon", "Habituellement", "Position" are not names. */
#include <stdlib.h>
#include <string.h>

#include "extraction/actors_internal.h"

#define N(i) ak_n(&w->nm, (i))

static size_t cue(const ak_work *w, size_t i, ak_cue cls, int32_t *row)
{
  return ak_cue_at(w->l, w->doc, &w->nm, i, cls, row);
}

static const char *cue_extra(const ak_work *w, int32_t row)
{
  return ak_field(&w->l->cues, row, C_EXTRA);
}

/* Callers give a name of at least one token (FIRST < END): an empty span has no text, and
   its NULL would read as out of memory. */
int32_t ak_add_cand(ak_work *w, size_t tfirst, size_t first, size_t end)
{
  if (w->nc == w->capc) {
    size_t nc = w->capc ? w->capc * 2 : 64;
    ak_cand *c = realloc(w->c, nc * sizeof *c);
    if (!c)
      return -1;
    w->c = c;
    w->capc = nc;
  }
  ak_cand *c = &w->c[w->nc];
  memset(c, 0, sizeof *c);
  c->tfirst = tfirst;
  c->first = first;
  c->end = end;
  c->world = -1;
  c->acr_of = -1;
  c->link = (int32_t)w->nc;
  c->actor = -1;
  c->text = ak_span_text(w->doc, first, end);
  c->full = ak_span_text(w->doc, tfirst, end);
  c->key = c->text ? nk_name_key(c->text) : NULL;
  if (!c->text || !c->full || !c->key) {
    free(c->text);
    free(c->full);
    free(c->key);
    return -1;
  }
  c->ntoks = end - first;
  return (int32_t)w->nc++;
}

/* A verb with an inverted clitic capitalised in a garbled text ("Sentez-vous"): no name. */
static int verb_clitic(const ak_work *w, size_t i)
{
  static const char *const SUF[] = {"-vous", "-nous", "-il", "-elle", "-je", "-tu", "-on",
                                    "-ils", "-elles", "-moi", "-toi", "-le", "-la", "-les",
                                    "-lui", "-leur", NULL};
  const char *f = w->doc->toks[i].fold;
  const nk_token *t = &w->doc->toks[i];
  /* every clitic is written after a hyphen: most words have none, and need no suffix test */
  if (t->end - t->start < 3 || !memchr(w->doc->text + t->start + 1, '-', t->end - t->start - 1))
    return 0;
  size_t n = f ? strlen(f) : 0;
  for (size_t k = 0; SUF[k]; k++) {
    size_t sl = strlen(SUF[k]);
    /* the clitic is written in lowercase: "Firmin-Le" is a name */
    if (n > sl && memcmp(f + n - sl, SUF[k], sl) == 0 && t->end - t->start > sl &&
        w->doc->text[t->end - sl] == '-' && w->doc->text[t->end - sl + 1] >= 'a' &&
        w->doc->text[t->end - sl + 1] <= 'z')
      return 1;
  }
  return 0;
}

/* "SUD-Rail", "CGT-Cheminots": a hyphenated word whose first part is an acronym. */
int ak_hyphen_acronym(const nk_doc *doc, size_t i)
{
  if (!ak_is_word(doc, i))
    return 0;
  const nk_token *t = &doc->toks[i];
  size_t n = 0;
  for (uint32_t p = t->start; p < t->end; p++, n++) {
    char c = doc->text[p];
    if (c == '-')
      return n >= 2;
    if (!(c >= 'A' && c <= 'Z'))
      return 0;
  }
  return 0;
}

int ak_acronym(const nk_doc *doc, size_t i)
{
  return ak_is_word(doc, i) && (doc->toks[i].flags & NK_TF_ALLCAPS);
}

static int nameable_(const ak_work *w, size_t i);
static int nameable(const ak_work *w, size_t i);

/* "Brussels-based", "Kremlin-backed", "US-led": a capitalised word joined by a hyphen to a
   lowercase last part is a compound adjective, no name ("Fos-sur-Mer", "Al-Qaïda" end with a
   capital). */
static int lowercase_compound(const nk_doc *doc, size_t i)
{
  const nk_token *t = &doc->toks[i];
  uint32_t last = t->end;
  for (uint32_t p = t->start + 1; p + 1 < t->end; p++)
    if (doc->text[p] == '-')
      last = p + 1;
  if (last >= t->end || t->end - last < 2)
    return 0;
  unsigned char c = (unsigned char)doc->text[last];
  return c >= 'a' && c <= 'z';
}

/* A capitalised function word that opens a name mid-sentence, the next word being nameable:
   before an organisation word ("the Premier League"), or after a common noun announcing an
   organisation, a newspaper's title ("the sports daily A Bola", "le quotidien Le Monde"). */
static int stop_word_opens_name(const ak_work *w, size_t i)
{
  const nk_doc *doc = w->doc;
  if (ak_acronym(doc, i) || ak_sent_initial(w, i) || !ak_is_cap(doc, i + 1) ||
      (doc->toks[i + 1].flags & NK_TF_SPACE_BEFORE) == 0 || !nameable(w, i + 1))
    return 0;
  if (cue(w, i + 1, CUE_ORG_WORD, NULL))
    return 1;
  size_t sf = ak_sent_first(doc, i);
  for (size_t len = 1; len <= 3 && len <= i - sf; len++) {
    size_t t = i - len;
    if (!ak_is_cap(doc, t) && cue(w, t, CUE_ORG_NOUN, NULL) == len)
      return 1;
  }
  return 0;
}

/* A capitalised token that may be part of a name (memoised: asked many times per token). */
static int nameable(const ak_work *w, size_t i)
{
  if (i >= w->doc->n_toks)
    return 0;
  if (w->nameable[i] < 0)
    w->nameable[i] = (signed char)nameable_(w, i);
  return w->nameable[i];
}

/* "the Canadian Armed Forces", "the Royal Canadian Mounted Police", "the Philippine Coast
   Guard": a capitalised demonym followed, in the same sentence, by a capitalised run that
   holds an organisation or place word is the first word of that name, not a nationality. A
   role after it ("Russian President Vladimir Putin") or a lowercase word ("Canadian
   troops") keeps it out. */
static int demonym_opens_name(const ak_work *w, size_t i)
{
  const nk_doc *doc = w->doc;
  size_t send = ak_sent_end(doc, i);
  for (size_t k = i + 1; k < send && k < i + 7; k++) {
    if (!ak_is_word(doc, k) || !ak_is_cap(doc, k) || ak_demonym(w->l, N(k)) >= 0 ||
        !nameable(w, k))
      return 0;
    if (cue(w, k, CUE_ORG_WORD, NULL) || cue(w, k, CUE_PLACE_WORD, NULL))
      return 1;
  }
  return 0;
}

/* "Central African", "South Korean": a demonym of two words starting at I. */
static int demonym2(const ak_work *w, size_t i)
{
  const nk_doc *doc = w->doc;
  if (!ak_is_cap(doc, i) || !ak_is_cap(doc, i + 1))
    return 0;
  size_t a = ak_nlen(&w->nm, i), b = ak_nlen(&w->nm, i + 1);
  char buf[96];
  if (!a || !b || a + b + 2 > sizeof buf)
    return 0;
  memcpy(buf, N(i), a);
  buf[a] = ' ';
  memcpy(buf + a + 1, N(i + 1), b + 1);
  return ak_demonym(w->l, buf) >= 0;
}

static int nameable_(const ak_work *w, size_t i)
{
  if (!ak_is_cap(w->doc, i) || !w->story[i])
    return 0;
  const char *n = N(i);
  if (!n || !n[0] || verb_clitic(w, i) || lowercase_compound(w->doc, i))
    return 0;
  if (ak_is_stop(w->l, n) && !stop_word_opens_name(w, i))
    return 0;
  if (w->doc->toks[i].flags & NK_TF_ELISION)
    return 0;
  if (ak_demonym(w->l, n) >= 0 && !ak_acronym(w->doc, i) && !demonym_opens_name(w, i))
    return 0;
  if (i + 1 < w->doc->n_toks && (w->doc->toks[i + 1].flags & NK_TF_INVERTED))
    return 0; /* "Sentez-vous": a verb */
  if (cue(w, i, CUE_ROLE, NULL) || cue(w, i, CUE_TITLE, NULL))
    return 0;
  /* a demonym of two words is an adjective as one of one word is: "the Central African
     minister" (but "the Central African Armed Forces") */
  if ((demonym2(w, i) && !demonym_opens_name(w, i + 1)) ||
      (i > 0 && demonym2(w, i - 1) && !demonym_opens_name(w, i)))
    return 0;
  return 1;
}

int ak_sent_initial(const ak_work *w, size_t i)
{
  const nk_doc *doc = w->doc;
  if (doc->toks[i].flags & NK_TF_SENT_START)
    return 1;
  if (i == ak_sent_first(doc, i))
    return 1;
  if (i > 0 && (ak_is_punct(doc, i - 1, ":") || ak_is_punct(doc, i - 1, ".") ||
                ak_is_punct(doc, i - 1, "!") || ak_is_punct(doc, i - 1, "?") ||
                ak_is_punct(doc, i - 1, "\xe2\x80\xa6") || (doc->toks[i - 1].flags & NK_TF_QUOTE_OPEN) ||
                ak_is_punct(doc, i - 1, "\xe2\x80\x94") || ak_is_punct(doc, i - 1, "\xe2\x80\x93")))
    return 1;
  return 0;
}

/* "Le Pen" after a title ("Mme Le Pen"): a capitalised particle then a capitalised word. */
static int particle_start(const ak_work *w, size_t i)
{
  int32_t row;
  return ak_is_cap(w->doc, i) && !ak_acronym(w->doc, i) && ak_is_cap(w->doc, i + 1) &&
         !ak_acronym(w->doc, i + 1) && cue(w, i, CUE_CONNECTOR, &row) == 1 &&
         strcmp(cue_extra(w, row), "particle") == 0 && !ak_is_stop(w->l, N(i + 1));
}

static size_t run_end(const ak_work *w, size_t i, size_t send);

/* A lowercase noun that may stand inside an organisation's name: a plain word, no function
   word, cue or number ("ports", "commerce", "ministres"; not "a", "le", "il", "à"). */
static int inner_noun(const ak_work *w, size_t k, size_t send)
{
  const nk_doc *doc = w->doc;
  if (k >= send || !ak_is_word(doc, k) || ak_is_cap(doc, k) || !N(k) || strlen(N(k)) < 3 ||
      (doc->toks[k].flags & NK_TF_ELISION))
    return 0;
  static const ak_cue NOT[] = {CUE_AGENT_AFTER, CUE_AGENT_BEFORE, CUE_DET, CUE_PRONOUN,
                               CUE_CONNECTOR, CUE_PLACE_PREP, CUE_TITLE};
  for (size_t c = 0; c < sizeof NOT / sizeof *NOT; c++)
    if (cue(w, k, NOT[c], NULL))
      return 0;
  return !ak_is_stop(w->l, N(k)); /* "lundi", "janvier" */
}

/* Up to two lowercase institutional adjectives from K ("nationale", "administratif"), and
   demonyms when DEMONYMS ("ministère russe"): the end of them. */
static size_t adjectives(const ak_work *w, size_t k, size_t send, int demonyms)
{
  const nk_doc *doc = w->doc;
  for (int a = 0; a < 2 && k < send && ak_is_word(doc, k) && !ak_is_cap(doc, k); a++) {
    size_t al = cue(w, k, CUE_ADJ, NULL);
    if (!al && demonyms && ak_demonym(w->l, N(k)) >= 0)
      al = 1;
    if (!al)
      break;
    k += al;
  }
  return k;
}

/* "de France", "d'Île-de-France" at K: the end of that name, or K. */
static size_t closing_name(const ak_work *w, size_t k, size_t send)
{
  const nk_doc *doc = w->doc;
  int32_t row;
  size_t c2 = cue(w, k, CUE_CONNECTOR, &row);
  if (!c2 || !ak_prep_connector(w->l, row) || cue(w, k, CUE_PLACE_PREP, NULL))
    return k;
  size_t s = k + c2;
  if (s < send && (doc->toks[s].flags & NK_TF_ELISION) && !ak_is_cap(doc, s))
    s++;
  if (!nameable(w, s))
    return k;
  size_t e = run_end(w, s, send);
  return e > s ? e : k;
}

/* "Union des ports de France", "Chambre de commerce", "Conseil des ministres", "Programme des
   Nations unies pour l'environnement": after a name opening with an organisation word, a
   complement "de/des/du/pour [det] + lowercase noun [et noun] [adjectives]" stays in the name,
   with a closing "de + Name" or acronym ("… de France", "… docks CGT"). It stops at verbs,
   punctuation and function words. A complement after a capitalised one ("Nations unies pour
   …") needs a determiner-led noun; up to three complements. Returns the new end (J if none). */
static size_t head_lower_complement(const ak_work *w, size_t i, size_t j, size_t send)
{
  const nk_doc *doc = w->doc;
  int32_t row;
  if (ak_acronym(doc, i) || !cue(w, i, CUE_ORG_WORD, &row) ||
      strcmp(cue_extra(w, row), "club") == 0)
    return j;
  int capped = 0; /* a capitalised word after the head */
  for (size_t t = i + 1; t < j; t++)
    capped |= ak_is_cap(doc, t);
  for (int n = 0; n < 3 && j < send; n++) {
    size_t k = j;
    /* complements joined by "et": "Commission nationale de l'informatique et des libertés" */
    if (n > 0 && N(k) && (strcmp(N(k), "et") == 0 || strcmp(N(k), "and") == 0))
      k++;
    size_t cl = cue(w, k, CUE_CONNECTOR, &row);
    if (!cl || !ak_prep_connector(w->l, row) || cue(w, k, CUE_PLACE_PREP, NULL))
      break;
    k += cl;
    int det = 0;
    if (k < send && ak_is_word(doc, k) && !ak_is_cap(doc, k) && cue(w, k, CUE_DET, NULL) == 1) {
      k++; /* "pour l'environnement", "pour les réfugiés" */
      det = 1;
    } else if (k < send && (doc->toks[k].flags & NK_TF_ELISION) && !ak_is_cap(doc, k)) {
      k++;
      det = 1;
    }
    if (capped && !det)
      break;
    if (!inner_noun(w, k, send))
      break;
    k++;
    /* "ports et docks", "l'alimentation et l'agriculture" */
    if (k + 1 < send && N(k) && (strcmp(N(k), "et") == 0 || strcmp(N(k), "and") == 0)) {
      size_t k2 = k + 1;
      if ((doc->toks[k2].flags & NK_TF_ELISION) && !ak_is_cap(doc, k2))
        k2++;
      if (inner_noun(w, k2, send))
        k = k2 + 1;
    }
    k = adjectives(w, k, send, 1);
    /* a closing name: an acronym or "de + Name", maybe after one more lowercase word
       ("Association des maires ruraux de France") */
    if (k < send && ak_acronym(doc, k) && nameable(w, k)) {
      k++; /* "Fédération des ports et docks CGT" */
    } else {
      size_t e = closing_name(w, k, send);
      if (e == k && inner_noun(w, k, send))
        e = closing_name(w, k + 1, send);
      if (e > k + 1 || (e > k && !inner_noun(w, k, send)))
        k = e; /* "… des ports de France" */
    }
    j = k;
  }
  return j;
}

/* The apostrophe of a plural possessive, written alone after a word ending in s: "James'". */
static int apostrophe_after_s(const nk_doc *doc, size_t k)
{
  if (k == 0 || k >= doc->n_toks || doc->toks[k].kind == NK_TOK_WORD ||
      (doc->toks[k].flags & NK_TF_SPACE_BEFORE) || !ak_is_word(doc, k - 1))
    return 0;
  const nk_token *p = &doc->toks[k - 1];
  return (ak_is_punct(doc, k, "'") || ak_is_punct(doc, k, "\xe2\x80\x99")) &&
         (doc->text[p->end - 1] == 's' || doc->text[p->end - 1] == 'S');
}

/* "St James' Park", "Queen's Park": a possessive inside a venue's name, the words after it
   closing with a place word; "the Regional Prosecutor's Office", "the Railway Workers'
   Union": the possessive of a common noun (an org-possessor cue) inside an organisation's
   name, the words after it closing with an organisation word. [I, J) is the run up to the
   possessive; returns the end of the name, or J. A known possessor is no venue's name:
   "Britain's National Park". */
static size_t possessive_venue(const ak_work *w, size_t i, size_t j, size_t send)
{
  const nk_doc *doc = w->doc;
  size_t k = j;
  if (ak_poss_s(doc, k) || apostrophe_after_s(doc, k))
    k++;
  if (ak_world_at(w->l, doc, &w->nm, i, NULL) == j - i)
    return j;
  size_t e = k;
  while (e < send && e < k + 3 && nameable(w, e) && !ak_possessive(doc, e))
    e++;
  if (e == k || !(cue(w, e - 1, CUE_PLACE_WORD, NULL) ||
                  (cue(w, e - 1, CUE_ORG_WORD, NULL) && cue(w, j - 1, CUE_ORG_POSSESSOR, NULL))))
    return j;
  return e;
}

/* The end of the name run starting at I (I when no name starts there). */
/* Whether the capitalised run from K holds an organisation word within four words. */
static int orgish_after(const ak_work *w, size_t k, size_t send)
{
  for (size_t m = k; m < send && m < k + 4 && nameable(w, m); m++)
    if (cue(w, m, CUE_ORG_WORD, NULL))
      return 1;
  return 0;
}

static size_t run_end(const ak_work *w, size_t i, size_t send)
{
  const nk_doc *doc = w->doc;
  size_t j = i;
  int32_t row;
  if (i >= send)
    return i; /* a name never starts in the next sentence */
  if (ak_is_word(doc, i) && (doc->toks[i].flags & NK_TF_ELISION) &&
      (doc->toks[i].flags & NK_TF_CAP) && !ak_sent_initial(w, i) && nameable(w, i + 1))
    j = i + 1; /* "au quotidien L'Équipe" */
  if (j == i && i + 1 < send && !ak_sent_initial(w, i) && particle_start(w, i)) {
    j = i + 2;
    if (!ak_possessive(doc, j - 1))
      while (j < send && nameable(w, j))
        j++;
    return j;
  }
  if (!nameable(w, j))
    return i;
  int orgish = cue(w, j, CUE_ORG_WORD, NULL) || cue(w, j, CUE_PLACE_WORD, NULL);
  int of_seen = 0; /* an "of" complement is open */
  while (j < send) {
    if (nameable(w, j)) {
      int word = cue(w, j, CUE_ORG_WORD, NULL) || cue(w, j, CUE_PLACE_WORD, NULL);
      /* an acronym and a person name beside it are two names: "la CIA Paul Verne"; an
         acronym and one word are one: "SUD Santé", "WWF France" */
      if (j > i && !word &&
          ((ak_acronym(doc, j - 1) && !ak_acronym(doc, j) && nameable(w, j + 1) &&
            !orgish_after(w, j, send)) || /* but "BC Wildfire Service" is one */
           (ak_acronym(doc, j) && !ak_acronym(doc, j - 1) &&
            ak_world_at(w->l, doc, &w->nm, j, NULL)))) /* but "Paul DURAND" is one name */
        break;
      if (word)
        orgish = 1;
      j++;
      if (ak_possessive(doc, j - 1)) {
        size_t v = possessive_venue(w, i, j, send);
        if (v == j)
          break;
        j = v;
      }
      continue;
    }
    /* "the Lodz Regional Prosecutor's Office": a capitalised role noun whose possessive opens
       an organisation's name (an org-possessor) is inside the name, not a person's role */
    if (j > i && ak_is_cap(doc, j) && ak_possessive(doc, j) &&
        cue(w, j, CUE_ORG_POSSESSOR, NULL) == 1) {
      size_t v = possessive_venue(w, i, j + 1, send);
      if (v > j + 1) {
        j = v;
        continue;
      }
    }
    /* "Brückner & Hahn", "Marks & Spencer": names joined by an ampersand are one firm's */
    if (j > i && ak_is_punct(doc, j, "&") && nameable(w, j + 1) && j + 1 < send) {
      j++;
      continue;
    }
    if (j > i && apostrophe_after_s(doc, j)) {
      size_t v = possessive_venue(w, i, j, send);
      if (v > j) {
        j = v;
        continue;
      }
    }
    if (j > i) {
      size_t cl = cue(w, j, CUE_CONNECTOR, &row);
      /* "Le Pen", "Le Maire", "La Fontaine": a capitalised article inside a person name */
      if (cl == 1 && ak_is_cap(doc, j) && !ak_acronym(doc, j) && j + 1 < send &&
          ak_is_cap(doc, j + 1) && !ak_acronym(doc, j + 1) && !ak_sent_initial(w, j) &&
          strcmp(cue_extra(w, row), "particle") == 0 && !ak_is_stop(w->l, N(j + 1)) &&
          !cue(w, j + 1, CUE_ORG_WORD, NULL)) {
        j += 2;
        continue;
      }
      if (cl && j + cl < send && nameable(w, j + cl)) {
        int particle = strcmp(cue_extra(w, row), "particle") == 0;
        int name = strcmp(cue_extra(w, row), "name") == 0;
        /* "the Armed Forces of the Philippines": after an organisation's name, "of the" and
           a capitalised name complete it */
        int of_the = orgish && cl == 2 && N(j) && strcmp(N(j), "of") == 0;
        if (particle || (name && (j - i == 1 || orgish)) || of_the) {
          of_seen |= name || of_the;
          j += cl;
          continue;
        }
      }
      /* "the Department of Labor and Industries": inside an "of" complement, "and" and a
         capitalised word go on; "the Peace and Security Council": two capitalised words
         joined by "and" before an organisation word. Two names side by side ("Kenya Airways
         and Qatar Airways") meet neither. */
      if (N(j) && strcmp(N(j), "and") == 0 && j + 1 < send && nameable(w, j + 1) &&
          (of_seen ||
           (!orgish && j - i <= 2 && orgish_after(w, j + 1, send)))) {
        j++;
        continue;
      }
    }
    break;
  }
  /* "Sécurité sociale", "Éducation nationale": one capitalised word and an institutional
     adjective name an institution */
  if (!orgish && j == i + 1 && j < send && ak_is_word(doc, j) && !ak_is_cap(doc, j) &&
      cue(w, j, CUE_ADJ, NULL) == 1 && ak_demonym(w->l, N(j)) < 0 && !ak_sent_initial(w, i))
    orgish = 1;
  if (orgish) {
    j = adjectives(w, j, send, 1);
    size_t c = head_lower_complement(w, i, j, send);
    /* "Société civile du Lualaba": an organisation's name closed by "de + Name" at once */
    j = c > j ? c : closing_name(w, j, send);
  }
  return j;
}

/* An institution's complement closed by a name: "de + Name", or, up to DEPTH times, "de/des
   [det] + lowercase noun [adjectives]" before one ("des pêches de Bretagne", "de la mer du
   Nord"). Returns its end, or K when there is none. */
static size_t named_complement(const ak_work *w, size_t k, size_t send, int depth)
{
  const nk_doc *doc = w->doc;
  int32_t row;
  size_t cl = cue(w, k, CUE_CONNECTOR, &row);
  if (!cl || !ak_prep_connector(w->l, row) || cue(w, k, CUE_PLACE_PREP, NULL))
    return k; /* "the strike office in Dunmarrow": a location, no complement */
  size_t t = k + cl;
  if (t < send && ak_is_word(doc, t) && !ak_is_cap(doc, t) &&
      ((doc->toks[t].flags & NK_TF_ELISION) || cue(w, t, CUE_DET, NULL) == 1))
    t++;
  if (nameable(w, t)) {
    size_t e = run_end(w, t, send);
    return e > t ? e : k;
  }
  if (depth == 0 || !inner_noun(w, t, send))
    return k;
  t++;
  t = adjectives(w, t, send, 0);
  size_t e = named_complement(w, t, send, depth - 1);
  return e > t ? e : k;
}

/* After a lowercase head noun ("ministère", "gare"): [demonym] de/du/des + capitalised run
   [et des + run] [adjectives]. Returns the end, or J when there is no such complement. */
static size_t head_complement(const ak_work *w, size_t j, size_t send, int place, int depth)
{
  const nk_doc *doc = w->doc;
  size_t k = j;
  int32_t row;
  if (k < send && ak_is_word(doc, k) && !ak_is_cap(doc, k) && ak_demonym(w->l, N(k)) >= 0)
    k++;
  /* "tribunal administratif de Montpellier", "conseil départemental du Gard" */
  k = adjectives(w, k, send, 0);
  /* "hôpital Pontchaillou", "gare Saint-Lazare": a place named right after its head noun */
  if (place && k == j && nameable(w, k) && !ak_sent_initial(w, k) &&
      !ak_world_at(w->l, doc, &w->nm, k, NULL)) {
    size_t e = run_end(w, k, send);
    if (e > k)
      return e;
  }
  size_t cl = cue(w, k, CUE_CONNECTOR, &row);
  if (!cl || !ak_prep_connector(w->l, row))
    return j;
  size_t e;
  if (!place) {
    /* an institution's head noun: "parquet de Paris", "comité régional des pêches de Bretagne",
       "préfecture maritime de la Manche et de la mer du Nord" */
    e = named_complement(w, k, send, depth);
    if (e == k)
      return j;
    for (size_t e2; e + 1 < send && N(e) && strcmp(N(e), "et") == 0 &&
                    (e2 = named_complement(w, e + 1, send, depth ? 1 : 0)) > e + 1;)
      e = e2;
  } else {
  k += cl;
  if (k < send && (doc->toks[k].flags & NK_TF_ELISION) && !ak_is_cap(doc, k))
    k++;
  if (!nameable(w, k))
    return j;
  if (ak_world_at(w->l, doc, &w->nm, k, NULL))
    return j; /* "la place de la France": the country, not a square */
  e = run_end(w, k, send);
  if (e == k)
    return j;
  }
  /* "de l'Europe et des Affaires étrangères" */
  while (e + 1 < send && (strcmp(N(e) ? N(e) : "", "et") == 0 || strcmp(N(e) ? N(e) : "", "and") == 0)) {
    size_t c2 = cue(w, e + 1, CUE_CONNECTOR, &row);
    if (!c2 || !nameable(w, e + 1 + c2))
      break;
    size_t e2 = run_end(w, e + 1 + c2, send);
    if (e2 == e + 1 + c2)
      break;
    e = e2;
  }
  e = adjectives(w, e, send, 1);
  return e;
}

/* Candidates by position: filled once the names are found (index), and kept up to date as
   candidates are added or dropped. */
static int index_cands(ak_work *w)
{
  size_t n = w->doc->n_toks + 1;
  w->by_start = malloc(n * sizeof *w->by_start);
  w->by_end = malloc(n * sizeof *w->by_end);
  if (!w->by_start || !w->by_end)
    return -1;
  for (size_t i = 0; i < n; i++)
    w->by_start[i] = w->by_end[i] = -1;
  for (size_t k = 0; k < w->nc; k++)
    if (!w->c[k].dead) {
      w->by_start[w->c[k].tfirst] = (int32_t)k;
      w->by_end[w->c[k].end] = (int32_t)k;
    }
  return 0;
}

static void index_one(ak_work *w, int32_t k)
{
  if (w->by_start && k >= 0) {
    w->by_start[w->c[k].tfirst] = k;
    w->by_end[w->c[k].end] = k;
  }
}

static int32_t cand_starting(const ak_work *w, size_t i)
{
  int32_t k = i < w->doc->n_toks ? w->by_start[i] : -1;
  return k >= 0 && !w->c[k].dead ? k : -1;
}

static int32_t cand_ending(const ak_work *w, size_t e)
{
  int32_t k = e <= w->doc->n_toks ? w->by_end[e] : -1;
  return k >= 0 && !w->c[k].dead ? k : -1;
}

/* ---------------------------------------------------------------- pass 1: names */

/* A title in Title Case ("EU Leaders Agree New Sanctions Package") capitalises common words:
   there, a run of capitalised words is a name only when its words are seen capitalised in the
   body too. */
static int title_case(const ak_work *w, size_t sf)
{
  const nk_doc *doc = w->doc;
  const nk_paragraph *p = &doc->paras[doc->sents[doc->toks[sf].sent].para];
  if (p->noise != NK_NOISE_TITLE)
    return 0;
  size_t words = 0, caps = 0;
  for (size_t s = p->sent_first; s < p->sent_first + p->sent_count; s++)
    for (size_t i = doc->sents[s].tok_first; i < doc->sents[s].tok_first + doc->sents[s].tok_count; i++) {
      if (!ak_is_word(doc, i) || !N(i) || strlen(N(i)) < 4)
        continue; /* short function words stay lowercase in Title Case */
      words++;
      caps += ak_is_cap(doc, i) != 0;
    }
  return words >= 3 && caps * 4 >= words * 3;
}

static int seen_in_body(const ak_work *w, size_t first, size_t end)
{
  for (size_t i = first; i < end; i++)
    if (ak_is_cap(w->doc, i) && ak_map_get(&w->midcaps, N(i), strlen(N(i))) < 0)
      return 0;
  return 1;
}

/* A capitalised demonym then up to two lowercase words ending with a state body's noun (an
   org-noun marked 'state': ministry, embassy): "Qatari foreign ministry". The end, or I. */
static size_t state_body(const ak_work *w, size_t i, size_t send)
{
  const nk_doc *doc = w->doc;
  if (ak_acronym(doc, i) || ak_demonym(w->l, N(i)) < 0)
    return i;
  for (size_t k = i + 1; k < send && k <= i + 3; k++) {
    int32_t row;
    size_t ol;
    if (!ak_is_word(doc, k) || ak_is_cap(doc, k))
      return i;
    if ((ol = cue(w, k, CUE_ORG_NOUN, &row)) != 0 && strcmp(cue_extra(w, row), "state") == 0)
      return k + ol;
    if (!inner_noun(w, k, send))
      return i;
  }
  return i;
}

static nk_status scan_sentence(ak_work *w, size_t sf, size_t send)
{
  const nk_doc *doc = w->doc;
  size_t i = sf;
  int tcase = title_case(w, sf);
  while (i < send) {
    if (!ak_is_word(doc, i)) {
      i++;
      continue;
    }
    int32_t row;
    size_t tl = cue(w, i, CUE_TITLE, &row);
    /* a title that ends its sentence ("M.\n Benkirane", a line broken after the title)
       names no one: run_end finds no name past the sentence */
    size_t te = 0;
    if (tl && ak_is_cap(doc, i) && (nameable(w, i + tl) || particle_start(w, i + tl)) &&
        (te = run_end(w, i + tl, send)) > i + tl) {
      int32_t c = ak_add_cand(w, i, i + tl, te);
      if (c < 0)
        return NK_ERR_NOMEM;
      w->c[c].person += 5;
      w->c[c].strong = 1;
      w->c[c].gender = ak_cue_gender(w->l, row);
      i = te;
      continue;
    }
    int place = 0;
    size_t hl = cue(w, i, CUE_ORG_HEAD, NULL);
    if (!hl && (hl = cue(w, i, CUE_PLACE_HEAD, NULL)) != 0)
      place = 1;
    if (hl && !ak_is_cap(doc, i)) {
      /* in a role's complement, a body named by its remit belongs to the employer named after
         it: "présidente du conseil de surveillance de Vaudreuil" */
      int in_role = 0;
      if (i >= sf + 2 && cue(w, i - 1, CUE_CONNECTOR, NULL) == 1)
        for (size_t t = i - 1; t > sf && t + 5 > i && !in_role; t--)
          in_role = cue(w, t - 1, CUE_ROLE, NULL) == i - t;
      size_t e = head_complement(w, i + hl, send, place, in_role ? 0 : 2);
      if (e > i + hl) {
        int32_t c = ak_add_cand(w, i, i, e);
        if (c < 0)
          return NK_ERR_NOMEM;
        if (place)
          w->c[c].place += 6;
        else
          w->c[c].org += 6;
        w->c[c].strong = 1;
        w->c[c].head = 1;
        /* a body known by this very name: "ministère des Affaires étrangères" is the Quai
           d'Orsay (but "ministère russe des Affaires étrangères" is not) */
        int32_t wr;
        if (ak_world_at(w->l, doc, &w->nm, i, &wr) == e - i)
          w->c[c].world = wr;
        i = e;
        continue;
      }
    }
    size_t rl = cue(w, i, CUE_ROLE, NULL);
    if (rl) {
      i += rl; /* the words of a role are no names: "secrétaire d'État" */
      continue;
    }
    if (!ak_is_cap(doc, i)) {
      i++;
      continue;
    }
    /* "the Qatari foreign ministry": a demonym is no name alone, but with a state body's noun
       after it names that body */
    size_t sb = state_body(w, i, send);
    if (sb > i) {
      int32_t c = ak_add_cand(w, i, i, sb);
      if (c < 0)
        return NK_ERR_NOMEM;
      w->c[c].org += 6;
      w->c[c].strong = 1;
      w->c[c].head = 1;
      i = sb;
      continue;
    }
    size_t wl = ak_world_at(w->l, doc, &w->nm, i, &row);
    if (wl == 1 && !ak_acronym(doc, i) && ak_is_stop(w->l, N(i)))
      wl = 0; /* "Un", "Au", "Who": a function word, not the acronym UN, AU, WHO */
    size_t re = run_end(w, i, send);
    if (wl && i + wl >= re) {
      int32_t c = ak_add_cand(w, i, i, i + wl);
      if (c < 0)
        return NK_ERR_NOMEM;
      w->c[c].world = row;
      w->c[c].strong = 1;
      i += wl;
      continue;
    }
    if (re == i) {
      i++;
      continue;
    }
    /* "Invitée de France Inter", "Grève à la SNCF": a capitalised sentence start joined by a
       connector to the name after it is no part of it */
    if (re - i >= 2 && ak_sent_initial(w, i) && !ak_acronym(doc, i) &&
        ak_map_get(&w->midcaps, N(i), strlen(N(i))) < 0 && cue(w, i + 1, CUE_CONNECTOR, NULL)) {
      i++;
      continue;
    }
    /* a rubric: "Santé : les urgences…" */
    if (re - i == 1 && ak_sent_initial(w, i) && ak_is_punct(doc, re, ":") && !ak_acronym(doc, i)) {
      i++;
      continue;
    }
    /* a capitalised modifier of a common noun opening a sentence: "Vaccine maker opens…" */
    if (re - i == 1 && ak_sent_initial(w, i) && !ak_acronym(doc, i) && !ak_hyphen_acronym(doc, i) &&
        ak_is_word(doc, re) && !ak_is_cap(doc, re) &&
        (cue(w, re, CUE_ORG_NOUN, NULL) || cue(w, re, CUE_ROLE, NULL))) {
      i++;
      continue;
    }
    /* a sentence opening with a generic word of names, then a lowercase noun: "Island nations
       walk out", "Court rulings vary" (the word was seen capitalised only inside a name) */
    if (re - i == 1 && ak_sent_initial(w, i) && !ak_acronym(doc, i) && !wl &&
        (cue(w, i, CUE_ORG_WORD, NULL) == 1 || cue(w, i, CUE_PLACE_WORD, NULL) == 1) &&
        ak_is_word(doc, re) && !ak_is_cap(doc, re) && !cue(w, re, CUE_AGENT_AFTER, NULL)) {
      i++;
      continue;
    }
    if (re - i == 1 && ak_sent_initial(w, i) && !ak_acronym(doc, i) && !ak_hyphen_acronym(doc, i) &&
        ak_map_get(&w->midcaps, N(i), strlen(N(i))) < 0 && !cue(w, i + 1, CUE_AGENT_AFTER, NULL)) {
      i++;
      continue;
    }
    if (tcase && !seen_in_body(w, i, re)) {
      i = re;
      continue;
    }
    int32_t c = ak_add_cand(w, i, i, re);
    if (c < 0)
      return NK_ERR_NOMEM;
    w->c[c].sent_initial = re - i == 1 && ak_sent_initial(w, i);
    i = re;
  }
  return NK_OK;
}

/* ---------------------------------------------------------------- pass 2: acronyms */

/* The acronym a parenthesis opening at X defines: "(OMS)", "(GSIM, ou JNIM selon…)",
   "(UNFCCC; formerly…)". The acronym is the first word and closes the parenthesis or is
   followed by a comma or semicolon. */
/* "(Cnil)", "(Anssi)": French writes an acronym read as a word in title case; it is one when
   the long form before it spells it (see long_form). */
static int word_acronym(const ak_work *w, size_t t)
{
  const nk_doc *doc = w->doc;
  return ak_is_cap(doc, t) && !ak_acronym(doc, t) && ak_nlen(&w->nm, t) >= 3 &&
         ak_nlen(&w->nm, t) <= 8 && !strchr(N(t), ' ');
}

static int acronym_def(const ak_work *w, size_t x)
{
  const nk_doc *doc = w->doc;
  return w->story[x] && ak_is_punct(doc, x, "(") && (ak_acronym(doc, x + 1) || word_acronym(w, x + 1)) &&
         (ak_is_punct(doc, x + 2, ")") || ak_is_punct(doc, x + 2, ",") ||
          ak_is_punct(doc, x + 2, ";"));
}

/* A word that gives its initial to an acronym: not a connector, determiner or preposition
   ("de", "et", "the", "à", "l'"). */
static int initial_word(const ak_work *w, size_t t)
{
  const nk_doc *doc = w->doc;
  return ak_is_word(doc, t) && N(t) && N(t)[0] && !(doc->toks[t].flags & NK_TF_ELISION) &&
         !cue(w, t, CUE_CONNECTOR, NULL) && !cue(w, t, CUE_DET, NULL) &&
         !cue(w, t, CUE_PLACE_PREP, NULL);
}

/* The words just before X, back to FROM at most, end with words whose initials spell ACR
   ("transport et logistique de France" for TLF, "bâtiment et travaux publics" for BTP), each
   initial word counted, function words skipped. Returns the first of them, or X. */
static size_t initials_before(const ak_work *w, size_t from, size_t x, const char *acr)
{
  size_t n = strlen(acr), t = x;
  while (n > 0 && t > from) {
    t--;
    if (!ak_is_word(w->doc, t))
      return x;
    if (!initial_word(w, t))
      continue;
    /* a hyphenated name gives the initials of its capitalised parts: "Hauts-de-Loire" (HL) */
    char ini[8];
    size_t m = 0;
    ini[m++] = N(t)[0];
    const nk_token *tok = &w->doc->toks[t];
    for (uint32_t q = tok->start + 1; q + 1 < tok->end && m < sizeof ini; q++)
      if (w->doc->text[q] == '-' && w->doc->text[q + 1] >= 'A' && w->doc->text[q + 1] <= 'Z')
        ini[m++] = (char)(w->doc->text[q + 1] - 'A' + 'a');
    if (m > 1 && m <= n && memcmp(ini, acr + n - m, m) == 0)
      n -= m;
    else if (N(t)[0] == acr[n - 1])
      n--;
    else
      return x;
  }
  return n == 0 ? t : x;
}

/* An acronym spelled by the lowercase words before it abbreviates a common noun ("le
   bâtiment et les travaux publics (BTP)", "le produit intérieur brut (PIB)"): no name. */
static int common_noun_acronym(const ak_work *w, size_t x, const char *acr)
{
  size_t sf = ak_sent_first(w->doc, x);
  size_t s = initials_before(w, sf, x, acr);
  if (s == x || ak_world_at(w->l, w->doc, &w->nm, x + 1, NULL))
    return 0;
  for (size_t t = s; t < x; t++)
    if (ak_is_cap(w->doc, t))
      return 0;
  return 1;
}

/* The candidate ending at X of which the acronym abbreviates the last words: "l'Union des
   entreprises de transport et logistique de France (TLF)". -1 when none. */
static int32_t tail_long_form(const ak_work *w, size_t x, const char *acr)
{
  int32_t k = cand_ending(w, x);
  if (k < 0 || w->c[k].end - w->c[k].first < 3 || ak_acronym(w->doc, w->c[k].first))
    return -1;
  return initials_before(w, w->c[k].first, x, acr) < x ? k : -1;
}

/* Capitalised words spelling ACR with short lowercase words among them, each giving its
   initial: "Tiako i Madagasikara (TIM)". The first word, or X. */
static size_t spelled_long_form(const ak_work *w, size_t sf, size_t x, const char *acr)
{
  size_t s = initials_before(w, sf, x, acr);
  if (s >= x || x - s < 2 || !ak_is_cap(w->doc, s) || !ak_is_cap(w->doc, x - 1))
    return x;
  for (size_t t = s; t < x; t++)
    if (!ak_is_cap(w->doc, t) && ak_nlen(&w->nm, t) > 3)
      return x;
  return s;
}

/* The initials of the words [S, X) hold the letters of ACR in order, the first word's giving
   its first letter: "Office central de lutte contre les atteintes à l'environnement et à la
   santé publique" for Oclaesp ("contre" gives none). */
static int spells_in_order(const ak_work *w, size_t s, size_t x, const char *acr)
{
  size_t n = 0, len = strlen(acr);
  for (size_t t = s; t < x && n < len; t++)
    if (initial_word(w, t) && N(t)[0] == acr[n])
      n++;
    else if (t == s)
      return 0;
  return n == len;
}

/* The long form before the parenthesis at X of ACR: the words from the first capitalised
   word that begins with the acronym's letter, or a candidate whose last words it abbreviates.
   Overlapping candidates are dropped. The long form, -1 when there is none, -2 on memory. */
static int32_t long_form(ak_work *w, size_t x, const char *acr)
{
  const nk_doc *doc = w->doc;
  size_t sf = ak_sent_first(doc, x), start = x;
  /* a letter's word and up to two function words each */
  size_t reach = strlen(acr) * 3 > 14 ? strlen(acr) * 3 : 14;
  int word = !ak_acronym(doc, x + 1);
  for (size_t t = x; t > sf && x - t < reach; t--) {
    size_t p = t - 1;
    if (!ak_is_word(doc, p))
      break;
    if (cue(w, p, CUE_DET, NULL) && ak_is_cap(doc, p + 1))
      break;
    if (!ak_is_cap(doc, p) && !cue(w, p, CUE_CONNECTOR, NULL) && !cue(w, p, CUE_DET, NULL) &&
        ak_is_cap(doc, p + 1))
      break;
    start = p;
  }
  while (start < x && !(ak_is_cap(doc, start) && !(doc->toks[start].flags & NK_TF_ELISION) &&
                        N(start) && N(start)[0] == acr[0]))
    start++;
  if (word && (start >= x || !spells_in_order(w, start, x, acr)))
    return -1;
  if (start >= x) {
    int32_t k = tail_long_form(w, x, acr);
    if (k >= 0)
      return k;
    if ((start = spelled_long_form(w, sf, x, acr)) >= x)
      return -1;
  }
  /* an acronym spelled in another language's word order ("the Central African Armed Forces
     (FACA)"): its letter may start inside the name just before it, which is the long form
     whole */
  int32_t whole = cand_ending(w, x);
  if (whole >= 0 && !w->c[whole].dead && w->c[whole].tfirst < start && w->c[whole].tfirst >= sf &&
      !ak_acronym(doc, w->c[whole].first))
    return whole;
  /* the long form replaces whatever candidates overlapped it */
  int32_t lf = -1;
  for (size_t t = start; t < x; t++) {
    int32_t k = cand_starting(w, t);
    if (k < 0)
      continue;
    if (w->c[k].tfirst == start && w->c[k].end == x)
      lf = k;
    else
      w->c[k].dead = 1;
  }
  for (size_t t = start + 1; t <= x; t++) {
    int32_t k = cand_ending(w, t);
    if (k >= 0 && k != lf && w->c[k].tfirst < start)
      w->c[k].dead = 1; /* a candidate straddling the start */
  }
  if (lf < 0) {
    if ((lf = ak_add_cand(w, start, start, x)) < 0)
      return -2;
    index_one(w, lf);
    int32_t row;
    if (ak_world_at(w->l, doc, &w->nm, start, &row) == x - start)
      w->c[lf].world = row;
  }
  return lf;
}

/* Notes the acronym at token T as a name of the long form LF. 0, or -1 on memory. */
static int define_acronym(ak_work *w, ak_map *defs, size_t t, int32_t lf)
{
  int32_t a = cand_starting(w, t);
  if (a < 0) {
    if ((a = ak_add_cand(w, t, t, t + 1)) < 0)
      return -1;
    index_one(w, a);
  }
  return ak_map_put(defs, w->c[a].key, strlen(w->c[a].key), lf) != 0 ? -1 : 0;
}

/* Acronyms given as alternatives in the same parenthesis: "(GSIM, ou JNIM selon son acronyme
   arabe)", "(FAO or UNFAO)". 0, or -1 on memory. */
static int alternative_acronyms(ak_work *w, ak_map *defs, size_t x, int32_t lf)
{
  const nk_doc *doc = w->doc;
  size_t send = ak_sent_end(doc, x);
  for (size_t t = x + 2; t < send && t < x + 10 && !ak_is_punct(doc, t, ")"); t++) {
    const char *prev = N(t - 1);
    if (ak_acronym(doc, t) && prev && (strcmp(prev, "ou") == 0 || strcmp(prev, "or") == 0) &&
        define_acronym(w, defs, t, lf) != 0)
      return -1;
  }
  return 0;
}

static nk_status acronyms(ak_work *w)
{
  const nk_doc *doc = w->doc;
  ak_map defs = {0};   /* acronym key → long form */
  ak_map common = {0}; /* keys of acronyms of common nouns */
  nk_status st = NK_OK;
  for (size_t x = 1; x + 2 < doc->n_toks && st == NK_OK; x++) {
    if (!acronym_def(w, x))
      continue;
    const char *acr = N(x + 1);
    int32_t lf = long_form(w, x, acr);
    if (lf == -2) {
      st = NK_ERR_NOMEM;
    } else if (lf < 0) {
      if (ak_acronym(doc, x + 1) && common_noun_acronym(w, x, acr) && ak_map_put(&common, acr, strlen(acr), 1) != 0)
        st = NK_ERR_NOMEM;
    } else {
      w->c[lf].org += 5;
      w->c[lf].strong = 1;
      w->c[lf].abbreviated = 1;
      if (define_acronym(w, &defs, x + 1, lf) != 0 || alternative_acronyms(w, &defs, x, lf) != 0)
        st = NK_ERR_NOMEM;
    }
  }
  /* every use of a defined acronym in the article is its organisation; an acronym of a common
     noun is no actor anywhere in it */
  for (size_t k = 0; st == NK_OK && k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead)
      continue;
    if (common.n && c->end - c->first == 1 && ak_acronym(doc, c->first) && c->world < 0 &&
        ak_map_get(&common, N(c->first), strlen(N(c->first))) >= 0) {
      c->dead = 1;
      continue;
    }
    int32_t lf = ak_map_get(&defs, c->key, strlen(c->key));
    if (lf < 0 || (int32_t)k == lf)
      continue;
    c->acr_of = lf;
    if (w->c[lf].world < 0)
      w->c[lf].world = c->world; /* "(Cnil)": the acronym is the known name */
    c->world = w->c[lf].world;
    c->org += 5;
    c->strong = 1;
  }
  ak_map_free(&defs);
  ak_map_free(&common);
  return st;
}

/* ---------------------------------------------------------------- pass 3: roles */

static int person_able(const ak_work *w, int32_t c)
{
  if (c < 0)
    return 0;
  const ak_cand *k = &w->c[c];
  return !k->dead && k->world < 0 && !k->head && k->acr_of < 0 &&
         !(k->end - k->first == 1 && (ak_acronym(w->doc, k->first) || ak_hyphen_acronym(w->doc, k->first)));
}

static nk_status add_role(ak_work *w, size_t first, size_t end, size_t dfirst, int32_t cand,
                          int32_t org, int gender)
{
  if (w->nr == w->capr) {
    size_t nc = w->capr ? w->capr * 2 : 32;
    ak_role *r = realloc(w->r, nc * sizeof *r);
    if (!r)
      return NK_ERR_NOMEM;
    w->r = r;
    w->capr = nc;
  }
  ak_role *r = &w->r[w->nr];
  memset(r, 0, sizeof *r);
  r->first = first;
  r->end = end;
  r->dfirst = dfirst;
  r->cand = cand;
  r->org_cand = org;
  r->gender = gender;
  r->text = ak_span_text(w->doc, first, end);
  if (!r->text)
    return NK_ERR_NOMEM;
  char *f = nk_text_fold(r->text, strlen(r->text));
  if (!f)
    return NK_ERR_NOMEM;
  r->key = malloc(strlen(f) + 1);
  if (!r->key) {
    free(f);
    return NK_ERR_NOMEM;
  }
  ak_norm(f, strlen(f), r->key);
  free(f);
  w->nr++;
  return NK_OK;
}

/* Token I lies inside a live candidate that starts before it. */
static int inside_name(const ak_work *w, size_t i)
{
  for (size_t t = i, n = 0; t > 0 && n < 12; t--, n++) {
    int32_t k = cand_starting(w, t - 1);
    if (k >= 0 && w->c[k].end > i)
      return 1;
  }
  return 0;
}

static nk_status roles(ak_work *w)
{
  const nk_doc *doc = w->doc;
  for (size_t r = 0; r < doc->n_toks; r++) {
    int32_t row, drow = -1;
    size_t rl;
    if (!w->story[r] || !ak_is_word(doc, r) || !(rl = cue(w, r, CUE_ROLE, &row)))
      continue;
    if (inside_name(w, r))
      continue; /* "Conseil des ministres": a word of an organisation's name */
    size_t sf = ak_sent_first(doc, r), send = ak_sent_end(doc, r);
    int portfolio = strcmp(cue_extra(w, row), "portfolio") == 0;
    int of_place = strcmp(cue_extra(w, row), "place") == 0; /* "maire de X": X is a place */
    int gender = ak_cue_gender(w->l, row);
    size_t rs = r;
    int32_t org = -1;
    /* capitalised title words before a role: "Acting Labor Secretary Julie Su" */
    while (rs > sf && ak_is_word(doc, rs - 1) && cue(w, rs - 1, CUE_ROLE_MOD, NULL) == 1) {
      int32_t m = cand_ending(w, rs);
      if (m >= 0) {
        int all = 1;
        for (size_t t = w->c[m].tfirst; t < w->c[m].end && all; t++)
          all = cue(w, t, CUE_ROLE_MOD, NULL) == 1;
        if (!all || w->c[m].world >= 0)
          break;
        w->c[m].dead = 1;
      }
      rs--;
    }
    /* pre-modifiers: "Russian President", "WHO Director-General", "Chad's health minister" */
    if (rs > sf && ak_is_word(doc, rs - 1) && ak_demonym(w->l, N(rs - 1)) >= 0)
      rs--;
    int32_t pre = rs > sf && ak_poss_s(doc, rs - 1) ? cand_ending(w, rs - 1) : cand_ending(w, rs);
    if (pre >= 0 && (ak_possessive(doc, rs - 1) || !person_able(w, pre))) {
      org = pre;
      rs = w->c[pre].tfirst;
    }
    size_t dfirst = rs;
    if (rs > sf && cue(w, rs - 1, CUE_DET, &drow) == 1)
      dfirst = rs - 1;
    if (drow >= 0 && strcmp(cue_extra(w, drow), "indef") == 0)
      drow = -2; /* "un porte-parole": someone new, not a known actor */
    if (gender == G_UNKNOWN && drow >= 0)
      gender = ak_cue_gender(w->l, drow);
    /* the complement: demonyms, "de/du/of/for [det] NAME", "des urgences sanitaires" */
    size_t e = r + rl;
    while (e < send && e < r + 16) {
      if (ak_is_word(doc, e) && !ak_is_cap(doc, e) &&
          (ak_demonym(w->l, N(e)) >= 0 || cue(w, e, CUE_ADJ, NULL) == 1)) {
        e++;
        continue;
      }
      /* "secrétaire d'État chargé de la Mer": the participle introduces the portfolio */
      if (portfolio && e == r + rl && N(e) && strncmp(N(e), "charge", 6) == 0 &&
          ak_nlen(&w->nm, e) <= 8 && ak_is_word(doc, e) && !ak_is_cap(doc, e)) {
        e++;
        continue;
      }
      size_t pl = cue(w, e, CUE_CONNECTOR, &row);
      if (pl && ak_prep_connector(w->l, row)) {
        size_t k = e + pl;
        size_t dl = cue(w, k, CUE_DET, NULL);
        if (dl == 1 && !(doc->toks[k].flags & NK_TF_CAP))
          k++;
        int32_t c = cand_starting(w, k);
        /* the long form of an acronym is an organisation's name, never a portfolio: "executive
           secretary of the United Nations Framework Convention on Climate Change (UNFCCC)" */
        int portfolio_here = portfolio && c >= 0 && !w->c[c].abbreviated;
        if (c >= 0) {
          if (portfolio_here && !ak_acronym(doc, w->c[c].first) && w->c[c].end - w->c[c].first >= 3 &&
              w->c[c].world < 0) {
            /* "ministre de l'Économie Bruno Le Maire": the portfolio, then the person */
            ak_cand *pc = &w->c[c];
            pc->dead = 1;
            int32_t nc = ak_add_cand(w, pc->first + 1, pc->first + 1, w->c[c].end);
            if (nc < 0)
              return NK_ERR_NOMEM;
            index_one(w, nc);
            e = w->c[nc].first;
            continue;
          }
          if (portfolio_here && !ak_acronym(doc, w->c[c].first))
            w->c[c].dead = 1; /* "ministre de l'Économie": a portfolio, not an actor */
          else if (org < 0)
            org = c;
          if (of_place && !w->c[c].dead)
            w->c[c].place += 3;
          e = w->c[c].end;
          if (w->c[c].dead) {
            /* the portfolio's lowercase words: "de la Transition écologique, X" */
            size_t m = e;
            while (m < send && m < e + 2 && inner_noun(w, m, send))
              m++;
            if (m > e && m < send && (ak_is_punct(doc, m, ",") || cand_starting(w, m) >= 0))
              e = m;
          }
          continue;
        }
        size_t m = k;
        int count = 0;
        while (m < send && count < 3 && ak_is_word(doc, m) && !ak_is_cap(doc, m) &&
               !cue(w, m, CUE_AGENT_AFTER, NULL) && !cue(w, m, CUE_CONNECTOR, NULL) &&
               !cue(w, m, CUE_DET, NULL) && !cue(w, m, CUE_PRONOUN, NULL)) {
          m++;
          count++;
        }
        if (count) {
          e = m;
          continue;
        }
        break;
      }
      if (e + 1 < send && N(e) && (strcmp(N(e), "et") == 0 || strcmp(N(e), "and") == 0) &&
          cue(w, e + 1, CUE_CONNECTOR, &row) && ak_prep_connector(w->l, row)) {
        e++;
        continue;
      }
      break;
    }
    /* whom it describes */
    int32_t fwd = -1, back = -1;
    int direct = 0;
    size_t k = e;
    if (k < send && ak_is_punct(doc, k, ",")) {
      k++;
      if (cue(w, k, CUE_DET, NULL) == 1)
        k++;
      if (k < send && ak_is_word(doc, k) && ak_demonym(w->l, N(k)) >= 0)
        k++; /* "l'Espagnol Luis Ortega" */
      fwd = cand_starting(w, k);
    } else {
      fwd = cand_starting(w, k);
      direct = fwd >= 0;
    }
    if (!person_able(w, fwd))
      fwd = -1;
    /* "X, secrétaire général de Y," — an apposition closes with punctuation */
    if (dfirst > sf && ak_is_punct(doc, dfirst - 1, ",") && (e >= send || ak_is_punct(doc, e, NULL)))
      back = cand_ending(w, dfirst - 1);
    if (!person_able(w, back))
      back = -1;
    int32_t target;
    if (fwd >= 0 && (direct || drow >= 0 || dfirst == sf || back < 0))
      target = fwd;
    else
      target = back >= 0 ? back : fwd;
    if (target >= 0) {
      w->c[target].person += 5;
      w->c[target].strong = 1;
      if (gender != G_UNKNOWN && w->c[target].gender == G_UNKNOWN)
        w->c[target].gender = gender;
    } else if (drow == -2) {
      r = e > r ? e - 1 : r;
      continue;
    }
    nk_status st = add_role(w, rs, e, dfirst, target, org, gender);
    if (st != NK_OK)
      return st;
    r = e > r ? e - 1 : r;
  }
  return NK_OK;
}

nk_status ak_find(ak_work *w)
{
  const nk_doc *doc = w->doc;
  for (size_t s = 0; s < doc->n_sents; s++) {
    const nk_sentence *se = &doc->sents[s];
    if (se->tok_count == 0 || !w->story[se->tok_first])
      continue;
    nk_status st = scan_sentence(w, se->tok_first, se->tok_first + se->tok_count);
    if (st != NK_OK)
      return st;
  }
  if (index_cands(w) != 0)
    return NK_ERR_NOMEM;
  nk_status st = acronyms(w);
  if (st == NK_OK)
    st = roles(w);
  return st;
}
