/* Speaker finders: who is the subject of a speech verb or of a source cue. They work on the
   mentions the actor stage put in the graph (sorted by token) and fall back on
   nk_actors_resolve_span for descriptions and pronouns that have no mention. A name after a
   preposition ("le porte-parole du Kremlin", "a spokesman for the RSF") is a complement, not
   the subject; when a person and an organisation both qualify, the person speaks ("Le
   porte-parole du Kremlin, Dmitri Peskov, a déclaré"). */
#include <stdlib.h>
#include <string.h>

#include "extraction/statements_internal.h"
#include "newskg/text.h"

static int is_person(const st_ctx *x, int32_t a);
static int after_prep(const st_ctx *x, size_t k, size_t from);
static int32_t org_by_word(const st_ctx *x, size_t from, size_t end);
static int32_t org_by_head(const st_ctx *x, size_t from, size_t end);

/* The nearest actor of TYPE named before token FIRST, outside quotations, not after a
   preposition, within the current and previous paragraph; NK_NONE when none. */
static int32_t nearest_before(const st_ctx *x, size_t first, nk_actor_type type)
{
  const nk_doc *d = x->doc;
  if (first >= d->n_toks)
    return NK_NONE;
  size_t para = d->sents[d->toks[first].sent].para;
  size_t lo = para > 0 ? d->paras[para - 1].start : 0;
  for (size_t k = first; k-- > 0;) {
    if (d->toks[k].start < lo || first - k > 200)
      break;
    if (x->qat[k] >= 0)
      continue;
    int32_t m = nk_mention_at(x->g, k);
    if (m < 0)
      continue;
    const nk_mention *mm = &x->g->mentions[m];
    if (mm->kind != NK_MENTION_CREDIT && mm->kind != NK_MENTION_PRONOUN &&
        x->g->actors[mm->actor].type == type && !after_prep(x, mm->tok_first, 0))
      return mm->actor;
    if (mm->tok_first < k)
      k = mm->tok_first;
  }
  return NK_NONE;
}

/* "a insisté un porte-parole", "a spokesman said": an unnamed member speaks for the
   organisation last named as a subject. */
static int32_t unnamed_member(const st_ctx *x, size_t from)
{
  if (!(st_tok_is(x, from, "un") || st_tok_is(x, from, "une") || st_tok_is(x, from, "a") ||
        st_tok_is(x, from, "an")))
    return NK_NONE;
  return nearest_before(x, from, NK_ORGANIZATION);
}

/* "Le ministre a déclaré", "poursuit l'entraîneur espagnol": a definite description that
   nobody resolved is the speaker the story is quoting, when there is one nearby. A
   description of a collective ("the 39-member group", "le syndicat") is the organisation
   named last instead: a group is no person. */
static int32_t definite_current(const st_ctx *x, size_t from, size_t end)
{
  if (!(st_tok_is(x, from, "le") || st_tok_is(x, from, "la") || st_tok_is(x, from, "l'") ||
        st_tok_is(x, from, "the")))
    return NK_NONE;
  for (size_t k = from + 1; k < end; k++)
    if (st_cls(x, k) & SC_GROUP)
      return nearest_before(x, from, NK_ORGANIZATION);
  if (x->last_sp == NK_NONE || x->cur_para > x->last_para + 2)
    return NK_NONE;
  return x->last_sp;
}

/* A singular subject pronoun of a speech verb ("il", "-t-elle", "he") refers to the nearest
   person named as a subject before it: not one after a preposition, not one inside a
   quotation ("il avait parlé à Poutine. « … », a-t-il dit" is not Poutine; "Trump a écrit :
   « J'ai demandé à Steve Witkoff… » Il a ajouté" is Trump). Looks back over the current and
   previous paragraph. */
static int32_t salient(const st_ctx *x, size_t first, size_t end)
{
  const char *f = x->doc->toks[first].fold;
  if (end != first + 1 ||
      !(strcmp(f, "il") == 0 || strcmp(f, "elle") == 0 || strcmp(f, "lui") == 0 ||
        strcmp(f, "he") == 0 || strcmp(f, "she") == 0 || strcmp(f, "him") == 0 ||
        strcmp(f, "her") == 0))
    return NK_NONE; /* "selon lui", "according to him" too */
  return nearest_before(x, first, NK_PERSON);
}

int32_t st_resolve(const st_ctx *x, size_t first, size_t end)
{
  if (first >= end)
    return NK_NONE;
  int32_t a = salient(x, first, end);
  if (a != NK_NONE || !x->al)
    return a;
  return nk_actors_resolve_span_memo(x->memo, x->al, x->doc, x->g, first, end);
}

/* Whether the word at K follows a preposition (directly or through a determiner), looking no
   further back than FROM. */
static int after_prep(const st_ctx *x, size_t k, size_t from)
{
  if (k <= from)
    return 0;
  unsigned c = st_cls(x, k - 1);
  if (c & SC_PREP)
    return 1;
  if ((c & SC_DET) && k - 1 > from && (st_cls(x, k - 2) & SC_PREP))
    return 1;
  return 0;
}

static int is_place(const st_ctx *x, int32_t a)
{
  return a >= 0 && (size_t)a < x->g->n_actors && x->g->actors[a].type == NK_PLACE;
}

static int is_person(const st_ctx *x, int32_t a)
{
  return a >= 0 && (size_t)a < x->g->n_actors && x->g->actors[a].type == NK_PERSON;
}

/* Candidate speakers in [from, end) in order: calls FN for each (actor, first token). */
typedef struct pick {
  int32_t person, other, place;
  size_t person_at, other_at, place_at;
  int first;  /* keep the first of each kind instead of the last */
} pick;

static void consider(pick *p, const st_ctx *x, int32_t a, size_t at)
{
  if (a < 0)
    return;
  if (is_person(x, a)) {
    if (!p->first || p->person < 0) {
      p->person = a;
      p->person_at = at;
    }
  } else if (is_place(x, a)) {
    if (!p->first || p->place < 0) {
      p->place = a;
      p->place_at = at;
    }
  } else if (!p->first || p->other < 0) {
    p->other = a;
    p->other_at = at;
  }
}

static void scan(pick *p, const st_ctx *x, size_t from, size_t end)
{
  const nk_graph *g = x->g;
  for (size_t k = from; k < end; k++) {
    if (x->qat[k] >= 0)
      continue; /* names inside a quotation are the quoted words, not their speaker */
    int32_t m = nk_mention_at(g, k);
    if (m >= 0) {
      const nk_mention *mm = &g->mentions[m];
      /* "Israel's ambassador": a possessive is no subject */
      if (mm->tok_first >= from && mm->kind != NK_MENTION_CREDIT &&
          !after_prep(x, mm->tok_first, from) && !st_tok_is(x, mm->tok_end, "'s"))
        consider(p, x, mm->actor, mm->tok_first);
      if (mm->tok_end > k + 1)
        k = mm->tok_end - 1;
      continue;
    }
    if ((st_cls(x, k) & SC_PRONOUN) && !after_prep(x, k, from))
      consider(p, x, st_resolve(x, k, k + 1), k);
  }
}

static int32_t best(const pick *p, size_t *at)
{
  if (p->person >= 0) {
    *at = p->person_at;
    return p->person;
  }
  if (p->other >= 0) {
    *at = p->other_at;
    return p->other;
  }
  if (p->place >= 0) {
    *at = p->place_at;
    return p->place;
  }
  return NK_NONE;
}

/* "À Bercy, on salue …": the impersonal "on" speaks for the place named before it. */
int32_t st_indef_place(const st_ctx *x, size_t a, size_t o)
{
  if (!(st_cls(x, a) & SC_PREP))
    return NK_NONE;
  int32_t m = nk_mention_at(x->g, a + 1);
  if (m < 0)
    return NK_NONE;
  size_t k = x->g->mentions[m].tok_end;
  if (k + 1 < o && st_is_punct(x, k, ",") && (st_cls(x, k + 1) & SC_INDEF))
    return x->g->mentions[m].actor;
  return NK_NONE;
}

size_t st_region_start(const st_ctx *x, size_t a, size_t head)
{
  const nk_doc *d = x->doc;
  /* a subject is near its verb: bounded, so that a run-on "sentence" stays linear */
  size_t r = head > a + 80 ? head - 80 : a;
  for (size_t k = r; k < head; k++) {
    if (x->qat[k] >= 0 && d->toks[k].kind != NK_TOK_QUOTE)
      continue;
    unsigned c = st_cls(x, k);
    if ((c & SC_COMP) || st_is_punct(x, k, ":") || st_is_punct(x, k, ";") ||
        st_is_punct(x, k, "\xE2\x80\x94") || st_is_punct(x, k, "\xE2\x80\x93") ||
        (d->toks[k].kind == NK_TOK_QUOTE && (d->toks[k].flags & NK_TF_QUOTE_CLOSE))) {
      r = k + 1;
      continue;
    }
    size_t n = st_phrase(x, k, SC_SOURCE);
    if (n) {
      /* "Selon Trump, le président russe aurait affirmé": the subject comes after the
         source's noun phrase */
      size_t j = k + n;
      while (j < head && !st_is_punct(x, j, ","))
        j++;
      if (j < head) {
        r = j + 1;
        k = j;
      }
    }
  }
  return r;
}

int32_t st_subject_before(const st_ctx *x, size_t from, size_t head, size_t *subj)
{
  pick p = {NK_NONE, NK_NONE, NK_NONE, 0, 0, 0, 0};
  *subj = head;
  if (from >= head)
    return NK_NONE;
  scan(&p, x, from, head);
  int32_t a = best(&p, subj);
  if (a != NK_NONE)
    return a;
  if ((a = st_indef_place(x, from, head)) != NK_NONE)
    return a;
  /* "Le ministre a déclaré", "Interrogé par l'AFP, un porte-parole de l'exécutif européen
     a refusé…": a description the actor stage did not mark, after the last comma */
  size_t first_comma = head;
  for (size_t k = from; k < head; k++)
    if (st_is_punct(x, k, ",")) {
      first_comma = k;
      break;
    }
  for (size_t k = head; k-- > from;)
    if (st_is_punct(x, k, ",")) {
      /* "The company, which employs 5,000 people, said": the noun phrase before the comma */
      if (k + 1 == head)
        head = first_comma;
      else
        from = k + 1;
      break;
    }
  if (from < head && head - from <= 8) {
    a = org_by_head(x, from, head);
    if (a == NK_NONE)
      a = st_resolve(x, from, head);
    if (is_place(x, a))
      a = NK_NONE; /* "diplomats in New York said": the place is no speaker */
    if (a == NK_NONE)
      a = st_new_actor(x, from, head, 0);
    if (a == NK_NONE)
      a = unnamed_member(x, from);
    if (a == NK_NONE && head - from != 2) /* two words: org_by_head asked already */
      a = org_by_word(x, from, head);
    if (a == NK_NONE)
      a = definite_current(x, from, head);
    if (a != NK_NONE)
      *subj = from;
  }
  return a;
}

int32_t st_subject_first(const st_ctx *x, size_t from, size_t head, size_t *subj)
{
  pick p = {NK_NONE, NK_NONE, NK_NONE, 0, 0, 0, 1};
  *subj = head;
  scan(&p, x, from, head);
  return best(&p, subj);
}

/* Whether the folded NAME holds WORD as a whole word. */
static int has_word(const char *name, const char *word)
{
  size_t n = strlen(word);
  for (const char *p = strstr(name, word); p; p = strstr(p + 1, word)) {
    int start = p == name || p[-1] == ' ' || p[-1] == '-' || p[-1] == '\'';
    int end = p[n] == '\0' || p[n] == ' ' || p[n] == '-';
    if (start && end)
      return 1;
  }
  return 0;
}

/* "a indiqué la direction du port", "the company said": a definite description holding a
   word of the name of exactly one organisation of the article speaks for it (the port, the
   "Grand Port maritime de Marseille"). Words under four letters say too little. */
static int32_t org_by_word(const st_ctx *x, size_t from, size_t end)
{
  const nk_doc *d = x->doc;
  if (end <= from || end - from > 6 ||
      !(st_tok_is(x, from, "le") || st_tok_is(x, from, "la") || st_tok_is(x, from, "l'") ||
        st_tok_is(x, from, "les") || st_tok_is(x, from, "the")))
    return NK_NONE;
  int32_t found = NK_NONE;
  for (size_t a = 0; a < x->g->n_actors; a++) {
    if (x->g->actors[a].type != NK_ORGANIZATION || !x->g->actors[a].name)
      continue;
    char *name = nk_text_fold(x->g->actors[a].name, strlen(x->g->actors[a].name));
    int hit = 0;
    for (size_t k = from + 1; name && k < end && !hit; k++) {
      const nk_token *t = &d->toks[k];
      hit = t->kind == NK_TOK_WORD && !(t->flags & NK_TF_CAP) && t->fold &&
            strlen(t->fold) >= 4 && !(st_cls(x, k) & ~(unsigned)SC_GROUP) && has_word(name, t->fold);
    }
    free(name);
    if (hit) {
      if (found != NK_NONE)
        return NK_NONE; /* two organisations answer: say nothing */
      found = (int32_t)a;
    }
  }
  return found;
}

/* "selon l'agence", "the agency said", "a indiqué le parquet": a bare definite description,
   a determiner and its head noun, whose noun is a word of exactly one organisation's name
   is that organisation. Asked before the actor stage's resolution, which takes the
   organisation named last for any such description ("les laboratoires X" after "l'agence
   Y" would answer X). */
static int32_t org_by_head(const st_ctx *x, size_t from, size_t end)
{
  if (end != from + 2)
    return NK_NONE;
  return org_by_word(x, from, end);
}

int32_t st_subject_after(const st_ctx *x, size_t from, size_t end)
{
  const nk_doc *d = x->doc;
  const nk_graph *g = x->g;
  size_t lim = from + 16 < end ? from + 16 : end;
  int32_t other = NK_NONE;
  size_t stop = lim;
  for (size_t k = from; k < lim; k++) {
    const nk_token *t = &d->toks[k];
    if (t->kind == NK_TOK_QUOTE || st_is_terminal(x, k) || st_is_punct(x, k, ";") ||
        (st_cls(x, k) & SC_COMP)) {
      stop = k;
      break;
    }
    if (st_is_punct(x, k, ",") && other != NK_NONE) {
      stop = k;
      break;
    }
    int32_t m = nk_mention_at(g, k);
    if (m >= 0) {
      const nk_mention *mm = &g->mentions[m];
      if (mm->kind != NK_MENTION_CREDIT && !after_prep(x, mm->tok_first, from)) {
        if (is_person(x, mm->actor))
          return mm->actor;
        if (other == NK_NONE)
          other = mm->actor;
      }
      if (mm->tok_end > k + 1)
        k = mm->tok_end - 1;
      continue;
    }
    if ((st_cls(x, k) & SC_PRONOUN) && other == NK_NONE && k == from) {
      int32_t a = st_resolve(x, k, k + 1);
      if (a != NK_NONE)
        return a;
    }
  }
  if (other != NK_NONE)
    return other;
  /* "a ajouté le porte-parole": a description up to the next punctuation */
  size_t e = from;
  while (e < stop && d->toks[e].kind != NK_TOK_PUNCT)
    e++;
  int32_t a = org_by_head(x, from, e);
  if (a == NK_NONE && e > from && e - from <= 8)
    a = st_resolve(x, from, e);
  if (a == NK_NONE)
    a = st_new_actor(x, from, e, 0);
  if (a == NK_NONE)
    a = unnamed_member(x, from);
  if (a == NK_NONE && e - from != 2) /* two words: org_by_head asked already */
    a = org_by_word(x, from, e);
  return a != NK_NONE ? a : definite_current(x, from, e);
}

int32_t st_source_np(const st_ctx *x, size_t from, size_t end)
{
  const nk_graph *g = x->g;
  int32_t other = NK_NONE, place = NK_NONE;
  for (size_t k = from; k < end; k++) {
    int32_t m = nk_mention_at(g, k);
    if (m < 0)
      continue;
    const nk_mention *mm = &g->mentions[m];
    if (mm->kind == NK_MENTION_CREDIT)
      continue;
    if (is_person(x, mm->actor))
      return mm->actor;
    if (is_place(x, mm->actor)) {
      if (place == NK_NONE)
        place = mm->actor;
    } else {
      other = mm->actor; /* the last organisation: "la direction de la SNCF" */
    }
    if (mm->tok_end > k + 1)
      k = mm->tok_end - 1;
  }
  if (other != NK_NONE)
    return other;
  int32_t a = org_by_head(x, from, end);
  if (a == NK_NONE && end - from <= 10)
    a = st_resolve(x, from, end);
  if (a == NK_NONE && place == NK_NONE)
    a = st_new_actor(x, from, end, 1);
  return a != NK_NONE ? a : place;
}

size_t st_verb_head(const st_ctx *x, size_t lo, size_t i, size_t *inv)
{
  const nk_doc *d = x->doc;
  size_t k = i;
  *inv = SIZE_MAX;
  for (int steps = 0; k > lo && steps < 8; steps++) {
    size_t j = k - 1;
    if (d->toks[j].flags & NK_TF_INVERTED) {
      *inv = j;
      k = j;
      continue;
    }
    if (st_cls(x, j) & (SC_AUX | SC_ADV)) {
      k = j;
      continue;
    }
    /* an adverb in -ment / -ly between auxiliary and participle ("a simplement glissé") */
    const char *f = d->toks[j].fold;
    size_t fl = strlen(f);
    if (j > lo && (st_cls(x, j - 1) & SC_AUX) && d->toks[j].kind == NK_TOK_WORD &&
        ((fl > 6 && strcmp(f + fl - 4, "ment") == 0) || (fl > 4 && strcmp(f + fl - 2, "ly") == 0))) {
      k = j;
      continue;
    }
    int found = 0;
    for (size_t n = 2; n <= 4 && !found; n++)
      if (k >= lo + n && st_phrase(x, k - n, SC_ADV) == n) {
        k -= n;
        found = 1;
      }
    if (!found)
      break;
  }
  return k;
}

/* A speaker named in [from, end) that the actor stage did not take for an actor ("selon
   l'agence Tasnim" with Tasnim unknown): the first run of capitalised words (with lowercase
   connectors between them) that no mention covers becomes a new actor, a person when a
   courtesy title precedes it, else an organisation, with a mention so that later stages and
   resolution see it. A lone capitalised word opening the sentence is not taken ("Hier"). */
int32_t st_new_actor(const st_ctx *x, size_t from, size_t end, int whole)
{
  const nk_doc *d = x->doc;
  nk_graph *g = x->g;
  for (size_t k = from; k < end; k++) {
    const nk_token *t = &d->toks[k];
    if (t->kind != NK_TOK_WORD || !(t->flags & NK_TF_CAP) || nk_mention_at(g, k) >= 0 ||
        x->qat[k] >= 0 || (st_cls(x, k) & ~(unsigned)SC_TITLE))
      continue;
    /* a nationality is no actor's name alone: "the Egyptian envoy said" names "Egyptian
       envoy", a bare "Egyptian" nothing */
    int demonym = nk_actors_is_demonym(x->al, d, k);
    int title = k > from && (st_cls(x, k - 1) & SC_TITLE);
    if (st_cls(x, k) & SC_TITLE)
      continue;
    size_t e = k + 1, last = k + 1;
    if (demonym) {
      while (last < end && last < k + 4 && d->toks[last].kind == NK_TOK_WORD &&
             !(d->toks[last].flags & NK_TF_CAP) && nk_mention_at(g, last) < 0)
        last++;
      if (last == k + 1)
        continue;
      e = end; /* no further capitalised words */
      whole = 0;
    }
    while (e < end && nk_mention_at(g, e) < 0 && d->toks[e].kind == NK_TOK_WORD) {
      if (d->toks[e].flags & NK_TF_CAP)
        last = e + 1;
      else if (!(st_cls(x, e) & SC_PREP) || e - k > 4)
        break;
      e++;
    }
    if ((t->flags & NK_TF_SENT_START) && last == k + 1 && !title)
      return NK_NONE;
    if (whole) {
      /* a source's noun phrase ends at its comma: "selon le Conseil d'orientation des
         retraites," names the whole council */
      last = end;
      while (last > k + 1 && (d->toks[last - 1].kind != NK_TOK_WORD ||
                              nk_mention_at(g, last - 1) >= 0))
        last--;
      for (size_t j = k; j < last; j++)
        if (nk_mention_at(g, j) >= 0 || d->toks[j].kind == NK_TOK_PUNCT) {
          last = j;
          break;
        }
    }
    char name[256];
    size_t n = d->toks[last - 1].end - t->start;
    if (n >= sizeof name)
      return NK_NONE;
    memcpy(name, d->text + t->start, n);
    name[n] = '\0';
    int32_t a = nk_graph_add_actor(g, name, title ? NK_PERSON : NK_ORGANIZATION);
    if (a < 0)
      return NK_NONE;
    nk_mention m = {a, t->start, d->toks[last - 1].end, (uint32_t)k, (uint32_t)last,
                    NK_MENTION_NAME};
    if (nk_graph_add_mention(g, &m) < 0)
      return a;
    /* keep mentions sorted by first token: nk_mention_at searches them */
    size_t i = g->n_mentions - 1;
    while (i > 0 && g->mentions[i - 1].tok_first > m.tok_first) {
      g->mentions[i] = g->mentions[i - 1];
      i--;
    }
    g->mentions[i] = m;
    return a;
  }
  return NK_NONE;
}
