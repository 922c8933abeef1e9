/* Who takes part in an event: the subject of the trigger's clause (with the actors
   coordinated with it) is the source; direct objects and the complements introduced by the
   prepositions of event_roles.tsv ("avec", "contre", "entre X et Y", "par", "with"...) are
   targets or sources. Participants are always actors of the graph, found through their
   mentions, never raw strings. */
#include <string.h>

#include "extraction/events_internal.h"

#define SUBJECT_REACH 30 /* tokens looked back for a subject */
#define OBJECT_REACH 16  /* tokens looked ahead for objects and complements */
#define ADJUNCT_REACH 40 /* tokens looked ahead for complements with an explicit role */

static int is_coord(const ev_run *r, size_t i)
{
  return ev_is_punct(r, i, ",") || ev_is(r, i, "et") || ev_is(r, i, "and") ||
         ev_is(r, i, "ainsi") || ev_is(r, i, "as") || ev_is(r, i, "&") ||
         ev_is(r, i, "ou") || ev_is(r, i, "or");
}

/* A genitive that heads the mention directly ("du Kremlin", "de la CIA"): the mention is a
   complement inside a larger noun phrase. */
static int direct_genitive(const ev_run *r, size_t mf, size_t lo)
{
  size_t j = mf;
  int steps = 0;
  while (j > lo && steps < 3) {
    j--;
    steps++;
    const char *f = ev_fold(r, j);
    if (!strcmp(f, "le") || !strcmp(f, "la") || !strcmp(f, "l'") || !strcmp(f, "les") ||
        !strcmp(f, "the"))
      continue;
    return !strcmp(f, "de") || !strcmp(f, "du") || !strcmp(f, "des") || !strcmp(f, "d'") ||
           !strcmp(f, "of");
  }
  return 0;
}

/* The speaker of the quotation that holds token I, for first-person subjects. */
static int32_t quote_speaker(const ev_run *r, size_t i)
{
  int32_t k = ev_statement_covering(r, r->doc->toks[i].start, 2);
  return k >= 0 ? r->g->statements[k].speaker : NK_NONE;
}

static const char *const third_pronouns[] = {"il", "elle", "ils", "elles", "lui", "he", "she", "it",
                                             "they", NULL};
static const char *const first_pronouns[] = {"je", "j'", "nous", "i", "we", "moi", NULL};

/* "À Bercy, on salue…": a fronted place name followed by the impersonal "on" stands for the
   institution seated there. */
static int32_t fronted_place(const ev_run *r, size_t sf, size_t on)
{
  if (!(ev_is(r, sf, "a") || ev_is(r, sf, "au")))
    return NK_NONE;
  size_t mf, me;
  int32_t a = ev_actor_at(r, sf + 1, &mf, &me);
  if (a == NK_NONE)
    return NK_NONE;
  if (me < on && ev_is_punct(r, me, ",") && me + 1 == on)
    return a;
  return NK_NONE;
}

/* Adds the actors coordinated before the mention starting at MF ("Valmeris et Hélior",
   "Rubio, Ratcliffe, Waltz et Witkoff"). */
static void coordinated_before(ev_run *r, ev_cand *c, size_t mf, size_t lo, nk_role role)
{
  size_t j = mf;
  int sep = 0, words = 0;
  while (j > lo) {
    j--;
    if (ev_is_clause_break(r, j))
      return;
    size_t f2, e2;
    int32_t a = ev_actor_at(r, j, &f2, &e2);
    if (a != NK_NONE) {
      if (f2 < lo)
        return;
      if (direct_genitive(r, f2, lo)) { /* "directeur de la CIA John Ratcliffe" */
        j = f2;
        continue;
      }
      if (!sep)
        return;
      /* "D'après Mme Okafor, les FSR…": who tells it is no conjunct of the subject */
      ev_prep p = ev_prep_before(r, f2, lo, NULL);
      if (p == EVP_SKIP || p == EVP_AGENT || p == EVP_LOC || p == EVP_LIGHT)
        return;
      /* "À Paris, le ministre…": a fronted place tells where, not who */
      if (p == EVP_DATIVE && r->g->actors[a].type == NK_PLACE)
        return;
      ev_add_part(c, a, role);
      sep = 0;
      words = 0;
      j = f2;
      continue;
    }
    if (is_coord(r, j))
      sep = 1;
    else if (++words > 8)
      return;
  }
}

/* Auxiliaries, negation and adverbs between a subject and its verb. */
static const char *const aux[] = {
    "a", "ont", "avait", "avaient", "aura", "auront", "aurait", "est", "sont", "etait",
    "etaient", "sera", "seront", "va", "vont", "doit", "doivent", "s'", "se", "ne", "n'",
    "pas", "deja", "egalement", "par", "ailleurs", "alors", "aussi", "encore", "jamais",
    "ete", "auraient", "pourrait", "devrait", "has", "have", "had", "was", "were", "is", "are", "will", "would", "also", "already",
    "not", "never", NULL};
static const char *const dets_fr[] = {"le", "la", "l'", "les", "un", "une", "des", "ce",
                                      "cette", "ces", NULL};
static const char *const dets_en[] = {"the", "a", "an", "this", "these", NULL};

/* "les supporters défilent", "l'armée aurait arrêté": a noun phrase led by a determiner
   right before the verb is its subject, even when no actor is named in it. Returns 0 when
   there is none (search on), 1 when it names an actor (added), 2 when it names none: the
   search must not reach past it to an actor of another clause. *at gets its first token. */
static int np_subject(ev_run *r, ev_cand *c, nk_role role, size_t *at)
{
  const char *const *dets = r->en ? dets_en : dets_fr;
  if (c->cls == EVC_NOUN || c->cls == EVC_NOUN_OBJ)
    return 0; /* its subject is the light verb's */
  /* a participle ("a resolution calling for", "une résolution appelant") modifies the noun
     before it, which is no subject */
  const char *w = ev_fold(r, c->t_first);
  size_t wl = strlen(w);
  if (wl > 4 && (!strcmp(w + wl - 3, "ing") || !strcmp(w + wl - 3, "ant")))
    return 0;
  size_t sf = ev_sent_first(r, c->sent);
  size_t k = c->t_first;
  while (k > sf && ev_is_word(r, k - 1, aux))
    k--;
  /* "… de recourir à des sous-traitants et a proposé": a verb coordinated with an earlier
     one has that verb's subject, not the noun phrase its object ends with */
  if (k > sf && (ev_is(r, k - 1, "et") || ev_is(r, k - 1, "and")))
    return 0;
  size_t j = k;
  while (j > sf && k - j < 6) {
    const nk_token *t = &r->doc->toks[j - 1];
    size_t mf, me;
    /* numbers belong to the noun phrase: "les deux otages", "the two hostages" */
    if ((t->kind != NK_TOK_WORD && t->kind != NK_TOK_NUMBER) || ev_is_clause_break(r, j - 1) ||
        ev_actor_at(r, j - 1, &mf, &me) != NK_NONE ||
        ((t->flags & NK_TF_CAP) && !(t->flags & NK_TF_SENT_START)))
      return 0;
    j--;
    if (ev_is_word(r, j, dets) && k - j >= 2) {
      int32_t a = nk_actors_resolve_span_memo(r->memo, r->al, r->doc, r->g, j, k);
      if (a >= 0 && (size_t)a < r->g->n_actors && r->g->actors[a].type != NK_PLACE &&
          !r->g->actors[a].credit_only) {
        ev_add_part(c, a, role);
        *at = j;
        return 1;
      }
      /* "les FSR et l'armée soudanaise ont…": an unnamed conjunct lets the search on */
      if (j > sf && (is_coord(r, j - 1)))
        return 0;
      return 2;
    }
  }
  return 0;
}

/* A subject the actor stage left without a mention: a description ("L'organisation
   humanitaire avait dénoncé", "l'agence onusienne a déjà acheminé") right before the verb
   and its auxiliaries, resolved by the actor stage. Returns its first token or SIZE_MAX. */
static size_t description_subject(ev_run *r, ev_cand *c, nk_role role)
{
  size_t sf = ev_sent_first(r, c->sent);
  size_t k = c->t_first;
  while (k > sf && ev_is_word(r, k - 1, aux))
    k--;
  size_t np_end = k, start = k;
  while (start > sf && np_end - start < 6) {
    size_t j = start - 1;
    if (ev_is_punct(r, j, ",") || ev_is_clause_break(r, j) ||
        r->doc->toks[j].kind != NK_TOK_WORD)
      break;
    start = j;
  }
  /* the description starts at its determiner */
  while (start < np_end && !ev_is_word(r, start, r->en ? dets_en : dets_fr))
    start++;
  if (start + 1 >= np_end)
    return SIZE_MAX;
  int32_t a = nk_actors_resolve_span_memo(r->memo, r->al, r->doc, r->g, start, np_end);
  if (a == NK_NONE || a < 0 || (size_t)a >= r->g->n_actors ||
      r->g->actors[a].type == NK_PLACE || r->g->actors[a].credit_only)
    return SIZE_MAX;
  ev_add_part(c, a, role);
  return start;
}

/* 1 when the place mention ending at ME qualifies a noun before C's verb ("the Lisbon club",
   "Malawi's main opposition party"): lowercase words that are no auxiliary, adverb or
   preposition follow it (after a possessive "'s"). [*hf, *he) receives those words. */
static int place_modifier(const ev_run *r, const ev_cand *c, size_t me, size_t *hf,
                          size_t *he)
{
  size_t j = me;
  if (j < c->t_first && (ev_is(r, j, "'s") || ev_is(r, j, "\xE2\x80\x99s")))
    j++;
  size_t first = j;
  while (j < c->t_first) {
    const nk_token *t = &r->doc->toks[j];
    size_t n = 0;
    if (t->kind != NK_TOK_WORD || (t->flags & NK_TF_CAP) || ev_is_word(r, j, aux) ||
        ev_prep_at(r, j, &n) != EVP_NONE || ev_is_clause_break(r, j))
      break;
    j++;
  }
  if (j == first)
    return 0;
  *hf = first;
  *he = j;
  return 1;
}

/* The subject of the trigger's clause as an actor's mention (or a pronoun); returns the
   first token of its mention or SIZE_MAX. */
static size_t find_subject_mention(ev_run *r, ev_cand *c, nk_role role)
{
  size_t sf = ev_sent_first(r, c->sent);
  size_t lo = c->t_first > sf + SUBJECT_REACH ? c->t_first - SUBJECT_REACH : sf;
  size_t j = c->t_first;
  /* "X said that … and urged Y": a verb coordinated after a complement clause has the
     subject of the main clause */
  int coord_vp = 0;
  for (size_t k = c->t_first, n = 0; k > sf && n < 3; n++) {
    k--;
    if (ev_is(r, k, "and") || ev_is(r, k, "et")) {
      coord_vp = 1;
      break;
    }
    if (r->doc->toks[k].kind != NK_TOK_WORD)
      break;
  }
  while (j > lo) {
    j--;
    if (ev_is_punct(r, j, ")")) {
      /* a parenthesis after a name holds its acronym: "Doctors Without Borders (MSF)" */
      size_t k = j;
      while (k > lo && j - k < 8 && !ev_is_punct(r, k, "("))
        k--;
      if (ev_is_punct(r, k, "(")) {
        size_t mf, me;
        int32_t a = k > lo ? ev_actor_at(r, k - 1, &mf, &me) : NK_NONE;
        if (a == NK_NONE && (a = ev_actor_at(r, j - 1, &mf, &me)) != NK_NONE)
          mf = k; /* coordination goes on before the parenthesis */
        if (a != NK_NONE) {
          ev_add_part(c, a, role);
          return mf;
        }
        j = k;
        continue;
      }
    }
    if (coord_vp && (ev_is(r, j, "that") || ev_is(r, j, "que") || ev_is(r, j, "qu'"))) {
      coord_vp = 0;
      continue;
    }
    if (ev_is_clause_break(r, j)) {
      /* a relative "qui"/"who": its antecedent is the subject */
      if (ev_is(r, j, "qui") || ev_is(r, j, "who") || ev_is(r, j, "which")) {
        size_t k = j;
        while (k > sf && ev_is_punct(r, k - 1, ","))
          k--;
        size_t mf, me;
        int32_t a = k > sf ? ev_actor_at(r, k - 1, &mf, &me) : NK_NONE;
        /* "several hundred APR supporters who…": a name modifying the antecedent's head
           noun stands for the people it names */
        if (a == NK_NONE && k > sf + 1 && r->doc->toks[k - 1].kind == NK_TOK_WORD &&
            !(r->doc->toks[k - 1].flags & NK_TF_CAP)) {
          a = ev_actor_at(r, k - 2, &mf, &me);
          if (a != NK_NONE && r->g->actors[a].type == NK_PLACE)
            a = NK_NONE; /* "the Lisbon residents who": where they live, not who they are */
        }
        if (a != NK_NONE) {
          ev_add_part(c, a, role);
          return mf;
        }
      }
      return SIZE_MAX;
    }
    size_t mf, me;
    int32_t a = ev_actor_at(r, j, &mf, &me);
    if (a != NK_NONE) {
      if (mf < lo)
        return SIZE_MAX;
      ev_prep p = ev_prep_before(r, mf, lo, NULL);
      /* "it was aware of the EMA's findings and was reviewing": in a coordinated verb
         phrase, a genitive belongs to the first verb's complement */
      if (coord_vp && p == EVP_GEN) {
        j = mf;
        continue;
      }
      if ((p == EVP_NONE || p == EVP_GEN) && r->g->actors[a].type != NK_PLACE) {
        ev_add_part(c, a, role);
        return mf;
      }
      if (p == EVP_NONE) { /* a country or city as subject: "Moscou a démenti" */
        size_t hf, he;
        if (place_modifier(r, c, me, &hf, &he)) {
          /* "the Lisbon club had turned down", "Malawi's main opposition party rejected":
             the place only qualifies the subject, which is the noun after it */
          int32_t h = nk_actors_resolve_span_memo(r->memo, r->al, r->doc, r->g, hf, he);
          if (h < 0 || (size_t)h >= r->g->n_actors || r->g->actors[h].type == NK_PLACE ||
              r->g->actors[h].credit_only)
            return SIZE_MAX;
          ev_add_part(c, h, role);
          return mf;
        }
        ev_add_part(c, a, role);
        return mf;
      }
      j = mf;
      continue;
    }
    if (ev_is_word(r, j, third_pronouns)) {
      a = nk_actors_resolve_span_memo(r->memo, r->al, r->doc, r->g, j, j + 1);
      if (a != NK_NONE) {
        ev_add_part(c, a, role);
        return j;
      }
      return SIZE_MAX;
    }
    if (ev_is_word(r, j, first_pronouns)) {
      a = quote_speaker(r, j);
      if (a != NK_NONE)
        ev_add_part(c, a, role);
      return a != NK_NONE ? j : SIZE_MAX;
    }
    if (!r->en && ev_is(r, j, "on")) {
      a = fronted_place(r, sf, j);
      if (a != NK_NONE)
        ev_add_part(c, a, role);
      return a != NK_NONE ? j : SIZE_MAX;
    }
  }
  return SIZE_MAX;
}

/* The subject of the trigger's clause: a mention, else a description. */
static size_t find_subject(ev_run *r, ev_cand *c, nk_role role)
{
  size_t at = SIZE_MAX;
  switch (np_subject(r, c, role, &at)) {
  case 1:
    return at;
  case 2:
    return SIZE_MAX;
  default:
    break;
  }
  size_t found = find_subject_mention(r, c, role);
  return found != SIZE_MAX ? found : description_subject(r, c, role);
}

/* 1 when a light verb ("a eu", "a lancé", "held", "ont annoncé") introduces the
   nominalisation: its subject is then the event's source. */
static int light_verb_before(const ev_run *r, const ev_cand *c)
{
  static const char *const spans[] = {"hours", "days", "weeks", "months", "rounds", "heures",
                                      "jours", "semaines", "mois", "series", NULL};
  static const char *const opening[] = {"ouverture", "lancement", "opening", "launch", NULL};
  size_t sf = ev_sent_first(r, c->sent);
  size_t lo = c->t_first > sf + 6 ? c->t_first - 6 : sf;
  for (size_t j = c->t_first; j > lo;) {
    j--;
    size_t n = 0;
    ev_prep p = ev_prep_at(r, j, &n);
    if (p == EVP_LIGHT && j + n <= c->t_first)
      return 1;
    /* "held three hours of talks", "après deux jours de négociations": a duration or a
       count before the noun is no complement; nor is the opening or launch of the act
       ("a annoncé l'ouverture d'une enquête", "announced the launch of an inquiry") */
    if (p == EVP_GEN && j > lo && (ev_is_word(r, j - 1, spans) || ev_is_word(r, j - 1, opening)))
      continue;
    if (p != EVP_NONE || ev_is_clause_break(r, j) || ev_is_punct(r, j, ","))
      return 0;
  }
  return 0;
}

/* 1 when a possessive determiner opens the nominalisation ("ont voté la reconduction de leur
   grève", "announced their strike") and no other event verb of the sentence stands before it:
   the owner is then the clause subject. After another event verb the owner may be anyone
   ("a dénoncé leur grève"), and the nominalisation is left to its complements. */
static int possessive_before(const ev_run *r, const ev_cand *c)
{
  static const char *const poss[] = {"leur", "leurs", "sa", "son", "ses", "their", "its",
                                     "his", NULL};
  size_t sf = ev_sent_first(r, c->sent);
  if (c->t_first == sf || !ev_is_word(r, c->t_first - 1, poss))
    return 0;
  for (size_t k = (size_t)(c - r->c); k > 0;) {
    const ev_cand *d = &r->c[--k];
    if (d->sent != c->sent)
      break;
    if (!d->dead && d->cls != EVC_NOUN && d->cls != EVC_NOUN_OBJ && d->t_end <= c->t_first)
      return 0;
  }
  return 1;
}

static int is_military(const ev_cand *c)
{
  return (c->code[0] == '1' && c->code[1] == '9') || (c->code[0] == '2' && c->code[1] == '0');
}

/* Threats, sanctions, coercion, assault, fighting: acts done to someone. */
static int is_hostile(const ev_cand *c)
{
  return c->code[0] == '2' || (c->code[0] == '1' && (c->code[1] == '3' || c->code[1] >= '6'));
}

/* Aid and material cooperation given or pledged (06, 07, 031, 033): "à X", "to X" is who
   receives, country or not. */
static int gives(const ev_cand *c)
{
  return c->code[0] == '0' &&
         (c->code[1] == '6' || c->code[1] == '7' || !strncmp(c->code, "033", 3) ||
          !strncmp(c->code, "031", 3));
}

/* Demonstrations and rallies (141): "à X", "in X", "devant X" tell where they are held. */
static int is_protest(const ev_cand *c)
{
  return !strncmp(c->code, "141", 3);
}

/* Meetings and visits (04): "à X" is where they happen unless X is a person. */
static int is_meeting(const ev_cand *c)
{
  return c->code[0] == '0' && c->code[1] == '4';
}

/* 1 when only a conjunction (with a repeated preposition or determiner) stands between the
   complement ending at END and the mention starting at MF: "la CGT et de SUD-Rail". */
static int conjunct(const ev_run *r, size_t end, size_t mf)
{
  int coord = 0;
  for (size_t j = end; j < mf; j++) {
    if (ev_is(r, j, "et") || ev_is(r, j, "and") || ev_is_punct(r, j, ","))
      coord = 1;
    else if (!(ev_is(r, j, "de") || ev_is(r, j, "du") || ev_is(r, j, "des") ||
               ev_is(r, j, "d'") || ev_is(r, j, "la") || ev_is(r, j, "le") ||
               ev_is(r, j, "l'") || ev_is(r, j, "les") || ev_is(r, j, "the") ||
               ev_is(r, j, "of") || ev_is(r, j, "avec") || ev_is(r, j, "with")))
      return 0;
  }
  return coord;
}

/* Whether token I, as written, ends like a French past participle: -é, -és, -ée, -ées after
   at least three bytes (the fold drops the accent). */
static int fr_past_participle(const ev_run *r, size_t i)
{
  static const char *const ends[] = {"\xC3\xA9", "\xC3\xA9s", "\xC3\xA9" "e", "\xC3\xA9" "es",
                                     NULL};
  const nk_token *t = &r->doc->toks[i];
  const char *w = r->doc->text + t->start;
  size_t n = t->end - t->start;
  for (size_t k = 0; ends[k]; k++) {
    size_t m = strlen(ends[k]);
    if (n > m + 2 && memcmp(w + n - m, ends[k], m) == 0)
      return 1;
  }
  return 0;
}

/* 1 when a past participle other than the trigger stands just before the agent phrase at
   AT ("un médicament fabriqué par X", "jugé depuis lundi par le tribunal", "a drug made by
   X"): "par X", "by X" is that participle's agent, not the event's. Up to three words of a
   time or manner adjunct may stand between. */
static int participle_agent(const ev_run *r, const ev_cand *c, size_t at)
{
  static const char *const made[] = {"made", "led", "run", "held", "owned", "built", "brought",
                                     "written", "taken", "given", "chosen", "set", NULL};
  int nominal = c->cls == EVC_NOUN || c->cls == EVC_NOUN_OBJ;
  for (size_t j = at, steps = 0; j > c->t_end && steps < 4; steps++) {
    j--;
    if (nominal && j == c->t_end)
      return 0; /* "l'interdiction prononcée par X": the participle tells the noun's agent */
    const nk_token *t = &r->doc->toks[j];
    if (t->kind != NK_TOK_WORD || ev_is_clause_break(r, j) ||
        ((t->flags & NK_TF_CAP) && !(t->flags & NK_TF_SENT_START)))
      return 0;
    if (r->en) {
      const char *w = ev_fold(r, j);
      size_t n = strlen(w);
      if ((n > 3 && !strcmp(w + n - 2, "ed")) || ev_is_word(r, j, made))
        return 1;
      continue;
    }
    if (fr_past_participle(r, j))
      return 1;
  }
  return 0;
}

/* 1 when token I is "pour" opening a purpose infinitive ("un accord pour acquérir X",
   "s'est allié pour racheter X"): the infinitive's object is what the event is about, so it
   is read as an object, not skipped as a "pour" complement. */
static int purpose_infinitive(const ev_run *r, size_t i)
{
  if (!ev_is(r, i, "pour") || i + 1 >= r->doc->n_toks)
    return 0;
  const char *f = ev_fold(r, i + 1);
  size_t n = strlen(f);
  return n > 3 && (!strcmp(f + n - 2, "er") || !strcmp(f + n - 2, "ir") ||
                   !strcmp(f + n - 2, "re"));
}

/* 1 when the mention ending at ME is the subject of another event verb of the sentence (that
   verb starts right after it, maybe after an auxiliary): "… libérés, Paris dément tout
   versement". A name after a comma is then no apposition or conjunct of C's object. */
static int subject_of_next_verb(const ev_run *r, const ev_cand *c, size_t me)
{
  for (size_t k = (size_t)(c - r->c) + 1; k < r->n; k++) {
    const ev_cand *d = &r->c[k];
    if (d->sent != c->sent || d->t_first > me + 2)
      break;
    if (d->dead || d->t_first < me || d->cls == EVC_NOUN || d->cls == EVC_NOUN_OBJ)
      continue;
    size_t j = me;
    while (j < d->t_first && ev_is_word(r, j, aux))
      j++;
    if (j == d->t_first)
      return 1;
  }
  return 0;
}

/* A direct object that names no actor but describes one ("accuse le port de…", "thanked
   the agency"): a determiner and up to three lowercase words right after the verb,
   resolved by the actor stage. Adds it as a target. */
static void description_object(ev_run *r, ev_cand *c)
{
  if (c->cls != EVC_VERB || c->passive || (c->flags & EVF_SPEECH))
    return;
  size_t se = ev_sent_end(r, c->sent), j = c->t_end;
  if (j >= se || !ev_is_word(r, j, r->en ? dets_en : dets_fr))
    return;
  size_t e = j + 1;
  while (e < se && e - j <= 3 && r->doc->toks[e].kind == NK_TOK_WORD &&
         !(r->doc->toks[e].flags & NK_TF_CAP) && ev_prep_at(r, e, NULL) == EVP_NONE &&
         !ev_is_clause_break(r, e) && !is_coord(r, e))
    e++;
  if (e == j + 1 || e - j > 3)
    return;
  size_t mf, me;
  if (e < se && ev_actor_at(r, e, &mf, &me) != NK_NONE)
    return; /* "the port of Marseille": the name says it */
  int32_t a = nk_actors_resolve_span_memo(r->memo, r->al, r->doc, r->g, j, e);
  if (a < 0 || (size_t)a >= r->g->n_actors || r->g->actors[a].type == NK_PLACE ||
      r->g->actors[a].credit_only || ev_has_actor(c, a))
    return;
  ev_add_part(c, a, NK_ROLE_TARGET);
}

/* The number of tokens of a duration adjunct opening at I ("pour quatre ans", "for two
   years", "pendant six mois"), 0 when there is none: it ends no search for the object that
   follows ("a suspendu pour quatre ans le coureur X"). */
static size_t duration_adjunct(const ev_run *r, size_t i)
{
  static const char *const counts[] = {"un", "une", "deux", "trois", "quatre", "cinq", "six",
                                       "huit", "dix", "douze", "one", "two", "three", "four",
                                       "five", "six", "eight", "ten", "twelve", "several",
                                       "plusieurs", NULL};
  static const char *const units[] = {"ans", "an", "annees", "mois", "semaines", "jours",
                                      "matchs", "years", "year", "months", "weeks", "days",
                                      "matches", "games", NULL};
  if (!(ev_is(r, i, "pour") || ev_is(r, i, "pendant") || ev_is(r, i, "for")) ||
      i + 2 >= r->doc->n_toks)
    return 0;
  if (r->doc->toks[i + 1].kind != NK_TOK_NUMBER && !ev_is_word(r, i + 1, counts))
    return 0;
  return ev_is_word(r, i + 2, units) ? 3 : 0;
}

/* Objects and prepositional complements after the trigger. Direct objects and "de X" are
   read up to the first comma that opens no apposition or list; beyond it, and to the end of
   the clause, only complements with an explicit role count (", à l'appel de la CGT"). */
static int complements(ev_run *r, ev_cand *c)
{
  size_t se = ev_sent_end(r, c->sent);
  size_t end = c->t_end + OBJECT_REACH < se ? c->t_end + OBJECT_REACH : se;
  int between = 0, recip = 0, adjunct_only = 0;
  size_t last_end = 0;      /* end of the last complement taken, for conjuncts */
  ev_prep last_role = EVP_NONE;
  int speech = (c->flags & EVF_SPEECH) != 0;
  size_t commas = 0;
  size_t np_lo = c->t_end; /* where a complement's preposition may start */
  for (size_t j = c->t_end; j < end; j++) {
    size_t n = 0;
    ev_prep p = ev_prep_at(r, j, &n);
    if (p == EVP_SKIP && purpose_infinitive(r, j)) {
      j++; /* the infinitive: its object follows */
      continue;
    }
    size_t dur = p == EVP_SKIP ? duration_adjunct(r, j) : 0;
    if (dur) {
      j += dur - 1;
      np_lo = j + 1;
      continue;
    }
    if ((p == EVP_SKIP || (p == EVP_HOSTILE && !is_hostile(c))) && !adjunct_only)
      break;
    if (p == EVP_RECIP)
      recip = 1;
    if (ev_is_clause_break(r, j)) {
      if (!(ev_is(r, j, "dont") || ev_is(r, j, "including")))
        break;
      continue;
    }
    if (ev_is_punct(r, j, ",")) {
      /* go on into an apposition or a list: a name or "et" right after the comma */
      size_t f2, e2, n2 = 0;
      ev_prep next = ev_prep_at(r, j + 1, &n2);
      int named = ev_actor_at(r, j + 1, &f2, &e2) != NK_NONE;
      if (named && subject_of_next_verb(r, c, e2))
        break; /* a new clause with its own subject */
      int goes_on = named || is_coord(r, j + 1) ||
                    next == EVP_AGENT || next == EVP_TARGET || next == EVP_BETWEEN;
      if (++commas > 2 || !goes_on) {
        adjunct_only = 1;
        end = se < c->t_end + ADJUNCT_REACH ? se : c->t_end + ADJUNCT_REACH;
      }
      continue;
    }
    size_t mf, me;
    int32_t a = ev_actor_at(r, j, &mf, &me);
    if (a == NK_NONE)
      continue;
    j = me > j ? me - 1 : j;
    if (mf < c->t_end && me > c->t_first)
      continue; /* the trigger is part of this mention */
    size_t q_at = 0;
    ev_prep q = ev_prep_before(r, mf > np_lo ? mf : np_lo, np_lo, &q_at);
    if (q == EVP_SKIP && purpose_infinitive(r, q_at))
      q = EVP_NONE; /* "pour acquérir les Fromageries": the object of the purpose */
    /* "à l'appel de la CGT et de SUD-Rail", "avec X et Y": a conjunct keeps the role of
       the complement it is coordinated with */
    if (last_end && (q == EVP_GEN || q == EVP_NONE) && conjunct(r, last_end, mf))
      q = last_role;
    if (q == EVP_BETWEEN || between) {
      /* a speech act does not take part in the meeting it speaks of ("ne peut confirmer
         un appel entre X et Y") */
      if (speech)
        continue;
    }
    /* past the comma only an explicit agent is still ours (", à l'appel de la CGT"); an
       "avec X" there belongs to another clause */
    if (adjunct_only && q != EVP_AGENT && q != EVP_BETWEEN)
      continue;
    int place = r->g->actors[a].type == NK_PLACE;
    last_end = me;
    last_role = q;
    switch (q) {
    case EVP_AGENT:
      if (participle_agent(r, c, q_at))
        break; /* "a drug made by X": the participle's agent */
      if (speech) { /* "rejected claims by MSF": the claimant is who the denial answers */
        ev_add_part(c, a, NK_ROLE_TARGET);
        break;
      }
      ev_add_part(c, a, NK_ROLE_SOURCE);
      c->has_agent = 1;
      break;
    case EVP_BETWEEN: /* "entre X et Y": X initiates, Y receives */
      ev_add_part(c, a, between ? NK_ROLE_TARGET : NK_ROLE_SOURCE);
      between = 1;
      break;
    case EVP_LOC:
    case EVP_BOARD:
      /* a strike on a town is against it; a rally outside a ministry is aimed at it */
      if (place ? is_military(c) : q == EVP_LOC && is_protest(c))
        ev_add_part(c, a, NK_ROLE_TARGET);
      break;
    case EVP_DATIVE:
      /* "a livré des armes à l'Ukraine": a country receives; "a reçu à l'Élysée",
         "s'est rendu à Kiev": a meeting's "à" tells where */
      if (is_meeting(c) ? r->g->actors[a].type == NK_PERSON : (!place || gives(c)))
        ev_add_part(c, a, NK_ROLE_TARGET);
      break;
    case EVP_HOSTILE:
      if (is_hostile(c))
        ev_add_part(c, a, NK_ROLE_TARGET);
      break;
    case EVP_GEN:
      if (place && !is_military(c) && c->cls != EVC_NOUN)
        break; /* "les civils du Darfour": a place that only locates a noun; but a country
                  is the agent of "la médiation d'Oman" */
      if (c->cls == EVC_NOUN && !c->has_agent && !ev_has_actor(c, a)) {
        ev_add_part(c, a, NK_ROLE_SOURCE);
        c->has_agent = 1;
      } else {
        ev_add_part(c, a, NK_ROLE_TARGET);
      }
      break;
    case EVP_SKIP:
    case EVP_LIGHT:
    case EVP_RECIP:
      break;
    case EVP_TARGET:
    case EVP_NONE:
    default:
      if (q == EVP_NONE && place && (is_meeting(c) || is_protest(c)))
        break; /* "will visit Brussels", "gathered outside the stadium": where, not whom */
      if (!ev_has_actor(c, a))
        ev_add_part(c, a, NK_ROLE_TARGET);
      break;
    }
  }
  return recip;
}

static int has_source(const ev_cand *c)
{
  for (size_t k = 0; k < c->n_parts; k++)
    if (c->parts[k].role == NK_ROLE_SOURCE)
      return 1;
  return 0;
}

/* 1 when token I is a present participle ("accusing", "accusant"). */
static int is_present_participle(const ev_run *r, size_t i)
{
  const char *w = ev_fold(r, i);
  size_t n = strlen(w);
  return n > 5 && !strcmp(w + n - 3, r->en ? "ing" : "ant");
}

/* The event of the verb C is coordinated with ("… et a menacé", "… and thanked") or whose
   participial clause C opens (", accusing"): the previous candidate of the sentence, when
   it has a source (a participial clause takes it even without) and C has no subject of its
   own between them. NULL otherwise. */
static const ev_cand *coordinated_verb(const ev_run *r, const ev_cand *c)
{
  if (c->cls == EVC_NOUN || c->cls == EVC_NOUN_OBJ || c->passive)
    return NULL;
  size_t ci = (size_t)(c - r->c);
  while (ci > 0 && r->c[ci - 1].sent == c->sent && r->c[ci - 1].dead)
    ci--; /* absorbed mentions ("walked out of … talks") are no verbs of their own */
  if (ci == 0)
    return NULL;
  const ev_cand *p = &r->c[ci - 1];
  if (p->sent != c->sent || p->dead || p->passive || p->cls == EVC_NOUN ||
      p->cls == EVC_NOUN_OBJ)
    return NULL;
  /* ", accusing wealthy countries", ", accusant Paris": a participial clause after the
     main verb has its subject, even when that subject names no actor (the search would
     reach into the main verb's complements) */
  if (c->t_first > p->t_end && ev_is_punct(r, c->t_first - 1, ",") &&
      is_present_participle(r, c->t_first))
    return p;
  if (!has_source(p))
    return NULL;
  /* "et"/"and" right before the verb (an auxiliary may stand between) */
  size_t j = c->t_first;
  int steps = 0;
  while (j > p->t_end && steps < 3) {
    j--;
    steps++;
    if (ev_is(r, j, "et") || ev_is(r, j, "and"))
      return p;
    if (!(ev_is(r, j, "a") || ev_is(r, j, "ont") || ev_is(r, j, "has") ||
          ev_is(r, j, "have") || ev_is(r, j, "had") || ev_is(r, j, "avait")))
      return NULL;
  }
  return NULL;
}

/* Passive voice ("ont été libérés", "was arrested", a bare French participle "libérés") turns
   the subject into the target. */
static int is_passive(const ev_run *r, const ev_cand *c)
{
  static const char *const adverbs[] = {"pas", "jamais", "deja", "egalement", "alors",
                                        "aussi", "ensuite", "finalement", "rapidement",
                                        "ne", "n'", "not", "never", "also", "already",
                                        "reportedly", "since", "then", "plus", NULL};
  static const char *const have[] = {"a", "ont", "avait", "avaient", "aura", "auront", "ai",
                                     "as", "avons", "avez", "avoir", "eu", "ayant", "aurait",
                                     "auraient", "has", "have", "had", "having", NULL};
  static const char *const be_fr[] = {"est", "sont", "etait", "etaient", "sera", "seront",
                                      "etre", "soit", "soient", "serait", "seraient", NULL};
  static const char *const be_en[] = {"was", "were", "been", "being", "be", "is", "are",
                                      "got", "get", NULL};
  static const char *const reflexive[] = {"s'", "se", "me", "m'", "nous", "vous", "t'",
                                          NULL};
  if (c->cls != EVC_VERB)
    return 0;
  /* a trigger written with its auxiliary ("été rejetée": the bare agreed participle is an
     adjective, so the lexicon lists the passive whole) */
  if (ev_is(r, c->t_first, "ete"))
    return 1;
  /* a trigger written with its "have" auxiliary ("a démissionné") is active */
  if (ev_is_word(r, c->t_first, have))
    return 0;
  /* "is reviewing", "are considering": a progressive, not a passive */
  if (r->en) {
    const char *f = ev_fold(r, c->t_first);
    size_t n = strlen(f);
    if (n > 4 && strcmp(f + n - 3, "ing") == 0)
      return 0;
  }
  size_t sf = ev_sent_first(r, c->sent);
  size_t j = c->t_first;
  for (int steps = 0; j > sf && steps < 4; steps++) {
    j--;
    if (ev_is_word(r, j, adverbs))
      continue;
    if (ev_is(r, j, "ete"))
      return 1;
    if (ev_is_word(r, j, have))
      return 0;
    if (!r->en && ev_is_word(r, j, be_fr))
      return !(j > sf && ev_is_word(r, j - 1, reflexive));
    if (r->en && ev_is_word(r, j, be_en))
      return 1;
    break;
  }
  if (r->en)
    return 0;
  /* a bare French past participle used as an adjective: "Deux Français libérés" */
  if (fr_past_participle(r, c->t_end - 1))
    return j < c->t_first && (ev_is_punct(r, j, ",") || r->doc->toks[j].kind == NK_TOK_WORD)
               ? !ev_is_word(r, j, reflexive)
               : 1;
  return 0;
}

/* 1 when the folded word FOLD and the lemma VERB (as written, maybe accented) share their
   first four letters: the trigger is the verb that introduced a statement ("accuse" and
   "accuser", "dénonce" and "dénoncer"). A two-byte letter of VERB matches any letter. */
static int same_verb(const char *fold, const char *verb)
{
  if (!verb)
    return 0;
  int n = 0;
  for (; n < 4 && *fold && *verb; n++, fold++) {
    if ((unsigned char)*verb >= 0xC0) { /* an accented letter: the fold has it bare */
      verb += 2;
      continue;
    }
    if (*verb != *fold)
      return 0;
    verb++;
  }
  return n == 4;
}

void ev_participants(ev_run *r, ev_cand *c)
{
  int nominal = c->cls == EVC_NOUN || c->cls == EVC_NOUN_OBJ;
  c->passive = is_passive(r, c);
  /* complements first: "par X" tells a passive's agent, "de X" a nominalisation's */
  int recip = complements(r, c);
  description_object(r, c);
  const ev_cand *prev = coordinated_verb(r, c);
  if (prev) {
    /* "Roger Kamba visited Goma on Sunday and thanked the WHO": a verb coordinated with
       the one before it in the sentence shares its subject */
    for (size_t k = 0; k < prev->n_parts; k++)
      if (prev->parts[k].role == NK_ROLE_SOURCE)
        ev_add_part(c, prev->parts[k].actor, NK_ROLE_SOURCE);
    c->has_agent = has_source(prev);
  } else if (!nominal || light_verb_before(r, c) || possessive_before(r, c)) {
    nk_role role = c->passive || (c->flags & EVF_BLAME) ? NK_ROLE_TARGET : NK_ROLE_SOURCE;
    size_t sf = ev_sent_first(r, c->sent);
    size_t before = c->n_parts;
    size_t mf = find_subject(r, c, role);
    if (mf != SIZE_MAX) {
      if (role == NK_ROLE_SOURCE)
        c->has_agent = 1;
      if (c->n_parts > before)
        coordinated_before(r, c, mf, sf, role);
    }
  }
  if ((c->flags & EVF_BLAME) && !has_source(c)) {
    /* "Selon lui, les FSR sont seules responsables": who says it blames */
    int32_t a = ev_vouching_actor(r, c->sent, c, 1);
    if (a == NK_NONE) {
      int32_t k = ev_statement_covering(r, r->doc->toks[c->t_first].start, 0);
      a = k >= 0 ? r->g->statements[k].speaker : NK_NONE;
    }
    if (a != NK_NONE && !ev_has_actor(c, a))
      ev_add_part(c, a, NK_ROLE_SOURCE);
  }
  if (!has_source(c) && c->cls == EVC_VERB && !c->passive && c->t_end < r->doc->n_toks) {
    /* "Le syndicaliste accuse le port de vouloir « sous-traiter »": a verb whose subject
       names no actor but that introduces reported words has their speaker as subject */
    const nk_sentence *s = &r->doc->sents[c->sent];
    int32_t k = ev_statement_in(r, r->doc->toks[c->t_end].start, s->end);
    if (k >= 0 && r->g->statements[k].start < r->doc->toks[c->t_end].end + 80 &&
        same_verb(ev_fold(r, c->t_first), r->g->statements[k].verb))
      ev_add_part(c, r->g->statements[k].speaker, NK_ROLE_SOURCE);
  }
  if ((c->flags & EVF_SPEECH) && !has_source(c)) {
    /* "WHO officials dismissed reports…, saying there was “no evidence”": a speech act
       whose subject is no actor's mention belongs to the speaker of its sentence */
    const nk_sentence *s = &r->doc->sents[c->sent];
    int32_t k = ev_statement_in(r, s->start, s->end);
    if (k >= 0)
      ev_add_part(c, r->g->statements[k].speaker, NK_ROLE_SOURCE);
  }
  if (recip) { /* "each other": every source is a target too */
    size_t n = c->n_parts;
    for (size_t k = 0; k < n; k++)
      if (c->parts[k].role == NK_ROLE_SOURCE)
        ev_add_part(c, c->parts[k].actor, NK_ROLE_TARGET);
    return;
  }
  /* an actor both source and target (subject repeated as object) stays source only */
  size_t w = 0;
  for (size_t k = 0; k < c->n_parts; k++) {
    ev_part p = c->parts[k];
    int dup = 0;
    if (p.role == NK_ROLE_TARGET)
      for (size_t m = 0; m < c->n_parts; m++)
        if (m != k && c->parts[m].actor == p.actor && c->parts[m].role == NK_ROLE_SOURCE)
          dup = 1;
    if (!dup)
      c->parts[w++] = p;
  }
  c->n_parts = w;
}
