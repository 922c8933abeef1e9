/* Speech verbs and source cues, sentence by sentence: the reported clause each introduces and
   the quotations each attributes.

   For a speech verb (speech_verbs.tsv), the complement decides what was said, tried in order:
   1. a complementiser within a few words ("a dit à l'agence TASS qu'…", "said on Tuesday
      that…"): an indirect statement from after it to the end of the clause;
   2. a colon then a quote ("a écrit sur Truth Social : « … »"): the quote is his;
   3. a bare infinitive ("a indiqué dimanche ne pouvoir confirmer…"): indirect, from it;
   4. a postposed verb ("« … », a-t-il ajouté", "…, a prévenu la SNCF", "\"…,\" he said"):
      the quote or the clause before it is his, the speaker being the inverted clitic, the
      subject between quote and verb (English) or the subject after the verb (French);
   5. an object noun phrase ("a annoncé l'ouverture…") or an English clause without "that"
      ("said the agency would…"): indirect, quotes inside included;
   6. quotes later in the sentence ("a jugé le mouvement « disproportionné »"): his fragments.
   A source cue ("Selon X, …", "…, according to X") makes the clause around it X's.
   A reported clause ends at the end of the sentence, a semicolon, or a comma or conjunction
   that starts something else (", mais a ajouté", "et que", ", comme", ", selon", ", a-t-il
   dit", a participle clause); quotes inside it are part of it. A speech verb inside another
   speaker's clause ("Selon Trump, le président russe aurait affirmé que…") yields one
   statement: the reporter speaks, the inner subject is who it is attributed to. */
#include <string.h>

#include "extraction/statements_internal.h"

static size_t min_sz(size_t a, size_t b)
{
  return a < b ? a : b;
}

static int ends_with(const char *s, const char *suf)
{
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && strcmp(s + n - m, suf) == 0;
}

/* Skips adverbials (one or several tokens) from I; returns the next token. */
static size_t skip_adv(const st_ctx *x, size_t i, size_t b)
{
  while (i < b) {
    size_t n = st_phrase(x, i, SC_ADV);
    if (!n)
      break;
    i += n;
  }
  return i;
}

/* The quotation chain whose last part ends at token K (its closing mark, or its last token
   when it was never closed), or -1. */
static int32_t quote_ending_at(const st_ctx *x, size_t k)
{
  int32_t q = x->qat[k];
  if (q < 0)
    return -1;
  const st_quote *p = &x->q[q];
  if (p->next >= 0)
    return -1;
  if ((p->close >= 0 && (size_t)p->close == k) || (p->close < 0 && p->end == k + 1))
    return st_chain_head(x, q);
  return -1;
}

/* A speech verb starting at N after auxiliaries, adverbs or an inverted clitic. */
static const nk_lex_entry *verb_after(const st_ctx *x, size_t n, size_t b)
{
  for (size_t k = n; k < n + 4 && k < b; k++) {
    if (x->qat[k] >= 0)
      return NULL;
    const nk_lex_entry *e = st_verb_at(x, k);
    if (e)
      return e;
    if (!((st_cls(x, k) & (SC_AUX | SC_ADV)) || (x->doc->toks[k].flags & NK_TF_INVERTED)))
      return NULL;
  }
  return NULL;
}

static int is_participle_clause(const st_ctx *x, size_t n, size_t b)
{
  if (n < b && (st_tok_is(x, n, "se") || st_tok_is(x, n, "s'")))
    n++;
  if (n >= b)
    return 0;
  const nk_token *t = &x->doc->toks[n];
  if (t->kind != NK_TOK_WORD || (t->flags & NK_TF_CAP) || st_cls(x, n))
    return 0;
  if (!x->L->fr) /* ", sending its shares down…" (", including…" goes on) */
    return ends_with(t->fold, "ing") && strlen(t->fold) > 5 && strcmp(t->fold, "including");
  /* ", se targuant de…", ", évoquée la semaine dernière…": a participle clause */
  size_t len = t->end - t->start;
  const char *w = x->doc->text + t->start;
  if ((len > 4 && memcmp(w + len - 3, "\xC3\xA9" "e", 3) == 0) ||
      (len > 5 && memcmp(w + len - 4, "\xC3\xA9" "es", 4) == 0))
    return 1;
  return ends_with(t->fold, "ant") && strlen(t->fold) > 5;
}

/* End (exclusive) of the clause starting at CS, within the sentence ending at B. When a
   coordinated complement clause follows ("et que …"), *coord receives its complementiser. */
static size_t clause_end(const st_ctx *x, size_t cs, size_t b, size_t *coord)
{
  const nk_doc *d = x->doc;
  *coord = SIZE_MAX;
  size_t lim = min_sz(b, cs + 80), words = 0;
  for (size_t k = cs; k < lim; k++) {
    /* a reported clause of more than 40 words has run past its end */
    if ((d->toks[k].kind == NK_TOK_WORD || d->toks[k].kind == NK_TOK_NUMBER) && ++words > 40)
      return k;
    if (x->qat[k] >= 0)
      continue;
    /* "…was \"fair and necessary,\" as unions…": the comma inside the quote counts */
    if (k > cs + 1 && d->toks[k - 1].kind == NK_TOK_QUOTE && st_is_punct(x, k - 2, ",") &&
        (st_phrase(x, k, SC_COORD | SC_STOP | SC_SOURCE) || verb_after(x, k, b)))
      return k;
    if (d->toks[k].kind == NK_TOK_PUNCT) {
      if (k > cs && (st_is_terminal(x, k) || st_is_punct(x, k, ";")))
        return k;
      if (st_is_punct(x, k, ",") && k + 1 < b) {
        size_t n = k + 1;
        if (st_phrase(x, n, SC_COORD | SC_STOP | SC_SOURCE) || verb_after(x, n, b) ||
            is_participle_clause(x, n, b))
          return k;
      }
      continue;
    }
    if (k > cs && (st_cls(x, k) & SC_COORD)) {
      size_t n = k + 1;
      while (n < b && (st_cls(x, n) & SC_ADV))
        n++;
      if (n < b && (st_cls(x, n) & SC_COMP)) {
        *coord = n;
        return k;
      }
      if (verb_after(x, n, b))
        return k;
    }
  }
  return lim;
}

static size_t words_in(const st_ctx *x, size_t tf, size_t te)
{
  size_t n = 0;
  for (size_t k = tf; k < te; k++)
    if (x->doc->toks[k].kind == NK_TOK_WORD || x->doc->toks[k].kind == NK_TOK_NUMBER)
      n++;
  return n;
}

static int is_infinitive(const st_ctx *x, size_t k, size_t b)
{
  /* "ne pouvoir", "ne pas vouloir", "s'être", "ne jamais avoir" */
  if (k < b && (st_tok_is(x, k, "ne") || st_tok_is(x, k, "n'"))) {
    k++;
    if (k < b && (st_tok_is(x, k, "pas") || st_tok_is(x, k, "plus") ||
                  st_tok_is(x, k, "jamais") || st_tok_is(x, k, "rien")))
      k++;
  }
  if (k < b && (st_tok_is(x, k, "se") || st_tok_is(x, k, "s'")))
    k++;
  if (k >= b)
    return 0;
  const nk_token *t = &x->doc->toks[k];
  if (t->kind != NK_TOK_WORD || (t->flags & NK_TF_CAP) || st_cls(x, k) || strlen(t->fold) < 4)
    return 0;
  return ends_with(t->fold, "er") || ends_with(t->fold, "ir") || ends_with(t->fold, "re") ||
         ends_with(t->fold, "oir");
}

/* A reported clause [cs, …) with its speaker; also the clauses coordinated to it. */
/* The clause [a, e) before a postposed verb or source ("<clause>, a prévenu la SNCF"), as it
   is: its end is known. A dateline at the start of the sentence ("SEATTLE (Reuters) —") is
   no part of it. */
/* A reported clause [tf, te) of sentence S as a candidate statement. 0, or -1 (memory). */
static int push_clause(st_ctx *x, size_t s, size_t tf, size_t te, const char *verb,
                       nk_stance stance, int32_t speaker, size_t head, size_t subj)
{
  st_cand *c = st_push(x);
  if (!c)
    return -1;
  c->tf = (uint32_t)tf;
  c->te = (uint32_t)te;
  c->kind = NK_INDIRECT;
  c->verb = verb;
  c->stance = stance;
  c->speaker = speaker;
  c->sent = (uint32_t)s;
  c->head = (uint32_t)head;
  c->subj = (uint32_t)subj;
  return 0;
}

static int add_before(st_ctx *x, size_t s, size_t a, size_t e, const char *verb,
                      nk_stance stance, int32_t speaker, size_t head)
{
  for (size_t k = a; k < e && k < a + 10; k++)
    if (st_is_punct(x, k, "\xE2\x80\x94") || st_is_punct(x, k, "\xE2\x80\x93")) {
      a = k + 1;
      break;
    }
  if (words_in(x, a, e) < 3)
    return 0;
  return push_clause(x, s, a, e, verb, stance, speaker, head, head);
}

static int add_clauses(st_ctx *x, size_t s, size_t cs, size_t b, const char *verb,
                       nk_stance stance, int32_t speaker, size_t head, size_t subj)
{
  for (int guard = 0; guard < 4 && cs < b; guard++) {
    while (cs < b && st_is_punct(x, cs, ","))
      cs++;
    size_t coord;
    size_t ce = clause_end(x, cs, b, &coord);
    if (words_in(x, cs, ce) >= 1 &&
        push_clause(x, s, cs, ce, verb, stance, speaker, head, subj) != 0)
      return -1;
    if (coord == SIZE_MAX)
      break;
    cs = coord + 1;
  }
  return 0;
}

static void attribute(st_ctx *x, int32_t q, int32_t speaker, const char *verb, nk_stance stance,
                      nk_stmt_kind kind)
{
  st_quote *p = &x->q[q];
  if (p->attributed)
    return;
  p->attributed = 1;
  p->speaker = speaker;
  p->verb = verb;
  p->stance = stance;
  p->kind = kind;
}

/* "\"We are ready,\" he said, \"but not at any price.\"": a quotation that resumes right
   after the attribution that follows quote Q (from token E on) is the same utterance. */
static void join_after(st_ctx *x, int32_t q, size_t e, size_t b)
{
  for (size_t k = e; k < b && k < e + 12; k++) {
    if (st_is_terminal(x, k) || st_is_punct(x, k, ";") || st_is_punct(x, k, ":"))
      return;
    int32_t r = x->qat[k];
    if (r < 0)
      continue;
    if (x->q[r].open != k || x->q[r].prev >= 0 || x->q[r].attributed || r == q ||
        !st_is_punct(x, k - 1, ","))
      return;
    int32_t t = st_chain_tail(x, q);
    x->q[t].next = r;
    x->q[r].prev = t;
    return;
  }
}

/* Whether a candidate of this sentence (from FIRST on) already covers a token of [tf, te). */
static int covered(const st_ctx *x, size_t first, size_t tf, size_t te)
{
  for (size_t i = first; i < x->nc; i++)
    if (!x->c[i].dropped && x->c[i].quote < 0 && x->c[i].tf < te && tf < x->c[i].te)
      return 1;
  return 0;
}

/* The quotation a postposed verb group starting at HEAD attributes: one ending right before it
   (« … », a-t-il dit), the one whose incise it is (« …, a-t-il dit, … »), or in English one
   followed by the subject ("\"…,\" Dr. Okafor told reporters"). -1 when none. */
static int32_t postposed_quote(const st_ctx *x, size_t a, size_t head, size_t first_cand)
{
  int32_t q = -1;
  size_t between = head;
  size_t c0 = head - 1;
  if (st_is_punct(x, c0, ",") && x->qat[c0] < 0 && c0 > 0 && x->qat[c0 - 1] >= 0 &&
      x->q[x->qat[c0 - 1]].inc == (int32_t)c0)
    return st_chain_head(x, x->qat[c0 - 1]);
  for (size_t k = head; k-- > a && k + 16 >= head;) {
    if ((q = quote_ending_at(x, k)) >= 0) {
      between = k + 1;
      break;
    }
    if (x->qat[k] >= 0 || st_is_terminal(x, k) || (st_cls(x, k) & SC_COMP))
      break;
  }
  if (q < 0)
    return -1;
  /* A quotation that closes a clause of narration ("Fourteen people were arrested for
     \"unlawful assembly,\" he added") is a fragment of that reported clause, which the
     verb attributes whole (4b); only a quotation that opens its clause is the verb's own. */
  size_t open = x->q[st_chain_head(x, q)].open, start = a;
  for (size_t k = a; k < open; k++)
    if (st_is_punct(x, k, ":") || st_is_punct(x, k, ";") || x->qat[k] >= 0)
      start = k + 1;
  if (open > start && st_is_punct(x, open - 1, ",")) /* "Pour le ministre, « … »" */
    start = open;
  if (words_in(x, start, open) >= 4)
    return -1;
  while (between < head && st_is_punct(x, between, ","))
    between++;
  /* only a subject may stand between the quote and its verb, and only in English; French
     puts it after ("« … », a déclaré X") */
  if (between < head) {
    if (x->L->fr || head - between > 14 || x->q[q].attributed)
      return -1;
    int subject = 0;
    for (size_t k = between; k < head; k++) {
      if ((st_cls(x, k) & (SC_COORD | SC_COMP)) || x->qat[k] >= 0)
        return -1;
      if (nk_mention_at(x->g, k) >= 0 || (st_cls(x, k) & SC_PRONOUN))
        subject = 1;
    }
    if (!subject) /* "\"…\" talks on grain exports, saying…" has no subject there */
      return -1;
  }
  if (covered(x, first_cand, x->q[q].open, x->q[q].open + 1))
    return -1;
  return q;
}

/* English inverts only a short subject that ends the sentence: "…, said a spokesman." */
static int subject_ends(const st_ctx *x, size_t e, size_t b)
{
  size_t k = skip_adv(x, e, b);
  if (k < b && (st_cls(x, k) & SC_PRONOUN))
    return 0; /* "…, said it would…" is a clause */
  while (k < b && k < e + 8 && x->doc->toks[k].kind == NK_TOK_WORD) {
    if (st_cls(x, k) & SC_AUX)
      return 0;
    k++;
  }
  return k >= b || st_is_terminal(x, k) || st_is_punct(x, k, ",");
}

/* A comma right before token HEAD, or one that ends a quotation closing there (American
   style puts it inside the marks: "…as \"baseless,\" saying…"). */
static int comma_before(const st_ctx *x, size_t a, size_t head)
{
  if (head > a && st_is_punct(x, head - 1, ","))
    return 1;
  return head > a + 1 && x->doc->toks[head - 1].kind == NK_TOK_QUOTE &&
         st_is_punct(x, head - 2, ",");
}

static int32_t speaker_before(const st_ctx *x, size_t a, size_t head, size_t verb, size_t inv,
                              int32_t prev, size_t *subj)
{
  *subj = head;
  if (inv != SIZE_MAX) {
    *subj = inv;
    return st_resolve(x, inv, inv + 1);
  }
  size_t k = head;
  if (k > a && st_is_punct(x, k - 1, ","))
    k--;
  if (k > a && (st_cls(x, k - 1) & SC_COORD) && prev != NK_NONE)
    return prev; /* "… et a annoncé", "…, but warned" */
  const char *f = x->doc->toks[verb].fold;
  if (comma_before(x, a, head) && (ends_with(f, "ant") || ends_with(f, "ing")))
    return st_subject_first(x, head > a + 80 ? head - 80 : a, head - 1, subj); /* ", saying" */
  return st_subject_before(x, st_region_start(x, a, head), head, subj);
}

static int handle_verb(st_ctx *x, size_t s, size_t a, size_t b, size_t i,
                       const nk_lex_entry *ent, int32_t *prev, size_t first_cand)
{
  const nk_doc *d = x->doc;
  unsigned comps = st_parse_comps(ent->fields[3]);
  const char *lemma = ent->fields[1];
  nk_stance stance = st_parse_stance(ent->fields[2]);
  size_t e = i + ent->n_tokens, inv;
  size_t head = st_verb_head(x, a, i, &inv);
  if (e < b && (d->toks[e].flags & NK_TF_INVERTED)) {
    inv = e; /* "ajoute-t-elle" */
    e++;
  }
  size_t subj;
  size_t j = skip_adv(x, e, b);

  /* 1-2: a complementiser, or a colon and a quote, within a few words */
  for (size_t k = e; k < min_sz(b, e + 14); k++) {
    if (d->toks[k].kind == NK_TOK_QUOTE)
      break;
    if (st_is_punct(x, k, ":")) {
      /* the quotation may open the next paragraph ("il a détaillé ses mesures :¶« … ») */
      int32_t q = k + 1 < x->doc->n_toks && (k + 1 < b || st_sent_end(x, k) == k + 1)
                      ? x->qat[k + 1]
                      : -1;
      if (q >= 0 && x->q[q].open == k + 1 && x->q[q].prev < 0) {
        int32_t sp = speaker_before(x, a, head, i, inv, *prev, &subj);
        attribute(x, q, sp, lemma, stance, NK_DIRECT);
        *prev = sp;
        return 0;
      }
      break;
    }
    /* an adverb set off by commas: "He conceded, however, that …" */
    if (st_is_punct(x, k, ",") && k + 2 < b && (st_cls(x, k + 1) & SC_ADV) &&
        st_is_punct(x, k + 2, ",")) {
      k += 2;
      continue;
    }
    if (d->toks[k].kind == NK_TOK_PUNCT || (k > e && st_verb_at(x, k)))
      break;
    size_t comp = (comps & VC_QUE) ? st_phrase(x, k, SC_COMP) : 0; /* "que", "selon lesquelles" */
    if (comp) {
      int32_t sp = speaker_before(x, a, head, i, inv, *prev, &subj);
      *prev = sp;
      return add_clauses(x, s, k + comp, b, lemma, stance, sp, head, subj);
    }
  }
  /* 3: a bare infinitive */
  if ((comps & VC_INF) && x->L->fr && is_infinitive(x, j, b)) {
    int32_t sp = speaker_before(x, a, head, i, inv, *prev, &subj);
    *prev = sp;
    return add_clauses(x, s, j, b, lemma, stance, sp, head, subj);
  }
  /* 4a: a postposed verb right after a quotation: « … », a-t-il promis, « … ». Not a
     participle: "dismissed them as \"baseless,\" saying every sheet…" goes on with the
     subject's next statement, it does not attribute the quotation before it. */
  const char *vfold = d->toks[i].fold;
  int participle = ends_with(vfold, "ant") || ends_with(vfold, "ing");
  if ((comps & VC_POST) && head > a && !participle) {
    int32_t q = postposed_quote(x, a, head, first_cand);
    if (q >= 0) {
      int32_t sp = NK_NONE;
      if (inv != SIZE_MAX)
        sp = st_resolve(x, inv, inv + 1);
      size_t between = x->q[st_chain_tail(x, q)].after;
      while (between < head && st_is_punct(x, between, ","))
        between++;
      if (sp == NK_NONE && between < head)
        sp = st_subject_before(x, between, head, &subj); /* "\"…,\" he said" */
      if (sp == NK_NONE && between >= head)
        sp = st_subject_after(x, e, b);                  /* "« … », a déclaré X" */
      attribute(x, q, sp, lemma, stance, NK_DIRECT);
      join_after(x, q, e, b);
      *prev = sp;
      return 0;
    }
  }
  /* 4b: postposed: the words before the verb group are reported */
  if ((comps & VC_POST) && head > a) {
    /* "Le trafic restera perturbé, a prévenu la SNCF": a clause, then a comma, then the verb
       and its subject; not an apposition ("La ministre, Hélène X, a jugé…") */
    size_t c = head - 1;
    int32_t m = c > a ? nk_mention_at(x->g, c - 1) : -1;
    if (st_is_punct(x, c, ",") && c > a && (m < 0 || x->g->mentions[m].tok_end != c) &&
        !participle && (x->L->fr || subject_ends(x, e, b)) &&
        words_in(x, a, c) >= 3 && !covered(x, first_cand, a, c)) {
      int32_t sp = inv != SIZE_MAX ? st_resolve(x, inv, inv + 1) : NK_NONE;
      if (sp == NK_NONE && j < b && d->toks[j].kind == NK_TOK_WORD)
        sp = st_subject_after(x, e, b);
      if (sp != NK_NONE) {
        *prev = sp;
        return add_before(x, s, a, c, lemma, stance, sp, head);
      }
      return 0;
    }
    /* English "…, diplomats in New York said.", "…, Kelly Ortberg said in a memo on
       Friday.": the subject sits between comma and verb, only adverbials follow */
    size_t after = skip_adv(x, e, b);
    /* "…, Paul Ndegwa told AFP.": the one told, a name, may follow the verb */
    int32_t told = after < b ? nk_mention_at(x->g, after) : -1;
    if (told >= 0 && x->g->mentions[told].tok_first == after)
      after = skip_adv(x, x->g->mentions[told].tok_end, b);
    if (!x->L->fr && (after + 1 >= b || st_is_terminal(x, after) ||
                      (st_cls(x, after) & SC_PREP))) {
      size_t k = head;
      while (k > a && k + 6 > head && !comma_before(x, a, k))
        k--;
      if (comma_before(x, a, k)) {
        size_t comma = st_is_punct(x, k - 1, ",") ? k - 1 : k - 2;
        int32_t sp =
            covered(x, first_cand, a, comma) ? NK_NONE : st_subject_before(x, k, head, &subj);
        if (sp != NK_NONE) {
          *prev = sp;
          /* a comma inside the closing mark: the clause runs to the mark, fragment included */
          return add_before(x, s, a, comma == k - 1 ? comma : k, lemma, stance, sp, head);
        }
      }
    }
  }
  /* 5: an object noun phrase, or an English clause without "that" */
  if (j < b && x->qat[j] < 0) {
    const nk_token *t = &d->toks[j];
    unsigned cl = st_cls(x, j);
    int np = (comps & VC_NP) && (cl & SC_DET) && !(cl & SC_OBJ);
    int zero = (comps & VC_ZERO) && (t->kind == NK_TOK_WORD || t->kind == NK_TOK_NUMBER) &&
               !(cl & (SC_PREP | SC_COMP | SC_ADV | SC_AUX | SC_OBJ)) &&
               !(t->flags & NK_TF_INVERTED) && !st_verb_at(x, j);
    if (zero && (t->flags & NK_TF_CAP)) {
      /* "said Omar Haddad." is a postposed subject, "said Britain would…" a clause */
      int32_t m = nk_mention_at(x->g, j);
      size_t after = m >= 0 ? x->g->mentions[m].tok_end : j + 1;
      zero = after < b && d->toks[after].kind == NK_TOK_WORD;
    }
    /* "denied making an offer", "admitted receiving the funds": an English verb that takes a
       clause takes a gerund clause too */
    int gerund = !x->L->fr && (comps & VC_QUE) && t->kind == NK_TOK_WORD &&
                 !(t->flags & NK_TF_CAP) && !cl && strlen(t->fold) > 5 && ends_with(t->fold, "ing");
    if (np || zero || gerund) {
      int32_t sp = speaker_before(x, a, head, i, inv, *prev, &subj);
      *prev = sp;
      return add_clauses(x, s, j, b, lemma, stance, sp, head, subj);
    }
  }
  /* 6: quotes later in the sentence, up to the next speech verb */
  if (comps & VC_QUOTE) {
    int32_t sp = NK_NONE;
    int any = 0;
    for (size_t k = e; k < b && k < e + 80; k++) {
      int32_t q = x->qat[k];
      if (q < 0) {
        if (st_verb_at(x, k))
          break;
        continue;
      }
      if (x->q[q].open == k && x->q[q].prev < 0 && !x->q[q].attributed) {
        if (!any)
          sp = speaker_before(x, a, head, i, inv, *prev, &subj);
        any = 1;
        int starts = k == j && words_in(x, x->q[q].first, x->q[q].end) >= 6;
        attribute(x, q, sp, lemma, stance, starts ? NK_DIRECT : NK_PARTIAL);
      }
    }
    if (any) {
      *prev = sp;
      return 0;
    }
  }
  return 0;
}

static int handle_cue(st_ctx *x, size_t s, size_t a, size_t b, size_t i, size_t first_cand)
{
  const nk_lex_entry *ent = nk_lex_match(x->L->cues, x->doc, i);
  size_t n = st_phrase(x, i, SC_SOURCE);
  const char *verb = ent && ent->n_tokens == n ? ent->phrase : x->doc->toks[i].fold;
  /* a source opens its clause: at the start of the sentence, after a colon or a semicolon,
     or after a conjunction ("mais selon lui, …") */
  size_t f = a;
  while (f < i && (x->doc->toks[f].kind == NK_TOK_PUNCT || x->doc->toks[f].kind == NK_TOK_QUOTE))
    f++;
  int opens = i == f || st_is_punct(x, i - 1, ":") || st_is_punct(x, i - 1, ";") ||
              (st_cls(x, i - 1) & SC_COORD);
  if (!opens) {
    /* "<clause>, according to X", "… a été tué selon l'armée" */
    size_t e = i + n;
    while (e < b && x->doc->toks[e].kind != NK_TOK_PUNCT)
      e++;
    int32_t sp = st_source_np(x, i + n, e);
    if (sp == NK_NONE)
      return 0;
    size_t end = st_is_punct(x, i - 1, ",") ? i - 1 : i;
    int32_t q = end >= 1 ? quote_ending_at(x, end - 1) : -1;
    if (q >= 0) {
      attribute(x, q, sp, verb, NK_STANCE_ASSERT, NK_DIRECT);
      return 0;
    }
    if (covered(x, first_cand, a, end))
      return 0;
    return add_before(x, s, a, end, verb, NK_STANCE_ASSERT, sp, i);
  }
  /* "Selon X, <clause>"; "According to X, who heads …, <clause>" */
  size_t c = i + n;
  while (c < b && c < i + n + 16 && !st_is_punct(x, c, ","))
    c++;
  if (c >= b || !st_is_punct(x, c, ","))
    return 0;
  int32_t sp = st_source_np(x, i + n, c);
  if (sp == NK_NONE)
    return 0;
  if (c + 1 < b && (st_cls(x, c + 1) & SC_RELATIVE)) {
    size_t c2 = c + 1;
    while (c2 < b && c2 < c + 24 && !st_is_punct(x, c2, ","))
      c2++;
    if (c2 >= b || !st_is_punct(x, c2, ","))
      return 0;
    c = c2;
  }
  return add_clauses(x, s, c + 1, b, verb, NK_STANCE_ASSERT, sp, i, i);
}

/* A speech verb inside another speaker's reported clause: the clause stops before the inner
   subject, the reporter speaks for the inner statement. */
static void nest(st_ctx *x, size_t first)
{
  for (size_t i = first; i < x->nc; i++) {
    st_cand *c = &x->c[i];
    if (c->dropped || c->quote >= 0)
      continue;
    int cut_any = 0;
    for (size_t j = first; j < x->nc; j++) {
      st_cand *in = &x->c[j];
      if (j == i || in->dropped || in->quote >= 0 || in->head <= c->tf || in->head >= c->te)
        continue;
      size_t cut = in->subj >= c->tf && in->subj < in->head ? in->subj : in->head;
      if (cut < c->te) {
        c->te = (uint32_t)cut;
        cut_any = 1;
      }
      if (c->speaker != NK_NONE && c->speaker != in->speaker) {
        in->attributed_to = in->speaker;
        in->speaker = c->speaker;
      }
    }
    /* what is left before an inner speaker is usually that speaker's description ("le
       président russe"): a reported clause needs more than that */
    if (words_in(x, c->tf, c->te) < (cut_any ? 5u : 2u))
      c->dropped = 1;
  }
  /* a clause nobody could be found to have said is not reported speech we can use */
  for (size_t i = first; i < x->nc; i++)
    if (x->c[i].quote < 0 && x->c[i].speaker == NK_NONE)
      x->c[i].dropped = 1;
}

int st_sentence(st_ctx *x, size_t s)
{
  const nk_sentence *se = &x->doc->sents[s];
  size_t a = se->tok_first, b = a + se->tok_count;
  size_t first = x->nc;
  int32_t prev = NK_NONE;
  for (size_t i = a; i < b; i++) {
    if (x->qat[i] >= 0)
      continue;
    size_t n = st_phrase(x, i, SC_SOURCE);
    if (n) {
      if (handle_cue(x, s, a, b, i, first) != 0)
        return -1;
      i += n - 1;
      continue;
    }
    const nk_lex_entry *e = st_verb_at(x, i);
    if (e) {
      if (handle_verb(x, s, a, b, i, e, &prev, first) != 0)
        return -1;
      i += e->n_tokens - 1;
    }
  }
  nest(x, first);
  return 0;
}
