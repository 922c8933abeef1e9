/* The statement stage: loading its tables, the shared token helpers, and the run that ties the
   passes together and writes statements into the graph (see statements_internal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extraction/statements_internal.h"

/* ---------------------------------------------------------------- one-token cue set */

/* The classes of KEY, whose nk_fold_hash is H (a token's fold_hash), or 0. */
static unsigned set_get(const st_set *s, const char *key, uint32_t h)
{
  if (!s->cap || !key)
    return 0;
  for (size_t j = h & (s->cap - 1);; j = (j + 1) & (s->cap - 1)) {
    if (!s->keys[j])
      return 0;
    if (s->hashes[j] == h && strcmp(s->keys[j], key) == 0)
      return s->vals[j];
  }
}

/* Adds MASK to KEY's classes. KEY is taken (freed on failure). 0 or -1. */
static int set_add(st_set *s, char *key, unsigned mask)
{
  uint32_t h = nk_fold_hash(key);
  for (size_t j = h & (s->cap - 1);; j = (j + 1) & (s->cap - 1)) {
    if (!s->keys[j]) {
      s->keys[j] = key;
      s->vals[j] = mask;
      s->hashes[j] = h;
      return 0;
    }
    if (s->hashes[j] == h && strcmp(s->keys[j], key) == 0) {
      s->vals[j] |= mask;
      free(key);
      return 0;
    }
  }
}

static void set_free(st_set *s)
{
  for (size_t i = 0; i < s->cap; i++)
    free(s->keys[i]);
  free(s->keys);
  free(s->vals);
  free(s->hashes);
  memset(s, 0, sizeof *s);
}

static unsigned parse_classes(const char *s, int *bad)
{
  static const char *const names[] = {"source", "comp", "coord", "stop", "aux", "adv",
                                      "prep", "det", "pronoun", "obj", "relative", "indef",
                                      "title", "naming", "group"};
  unsigned m = 0;
  while (*s) {
    size_t n = strcspn(s, "|");
    size_t k = 0;
    for (; k < sizeof names / sizeof names[0]; k++)
      if (strlen(names[k]) == n && strncmp(names[k], s, n) == 0)
        break;
    if (k == sizeof names / sizeof names[0]) {
      if (bad)
        *bad = 1;
    } else {
      m |= 1u << k;
    }
    s += n;
    if (*s == '|')
      s++;
  }
  return m;
}

unsigned st_parse_comps(const char *s)
{
  static const char *const names[] = {"que", "inf", "zero", "np", "quote", "post"};
  unsigned m = 0;
  while (s && *s) {
    size_t n = strcspn(s, ", ");
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
      if (strlen(names[k]) == n && strncmp(names[k], s, n) == 0)
        m |= 1u << k;
    s += n;
    while (*s == ',' || *s == ' ')
      s++;
  }
  return m;
}

nk_stance st_parse_stance(const char *s)
{
  static const struct { const char *n; nk_stance v; } t[] = {
    {"assert", NK_STANCE_ASSERT}, {"deny", NK_STANCE_DENY}, {"refuse", NK_STANCE_REFUSE},
    {"promise", NK_STANCE_PROMISE}, {"warn", NK_STANCE_WARN}, {"accuse", NK_STANCE_ACCUSE},
    {"confirm", NK_STANCE_CONFIRM}, {"question", NK_STANCE_QUESTION},
    {"uncertain", NK_STANCE_UNCERTAIN}};
  for (size_t i = 0; s && i < sizeof t / sizeof t[0]; i++)
    if (strcmp(t[i].n, s) == 0)
      return t[i].v;
  return NK_STANCE_ASSERT;
}

/* ---------------------------------------------------------------- loading */

static nk_status lang_load(st_lang *L, const char *lang, nk_error *err)
{
  char path[64];
  snprintf(path, sizeof path, "lexicons/%s/speech_verbs.tsv", lang);
  nk_status st = nk_lex_load(path, &L->verbs, err);
  if (st != NK_OK)
    return st;
  for (size_t i = 0; i < nk_lex_count(L->verbs); i++) {
    const nk_lex_entry *e = nk_lex_at(L->verbs, i);
    if (e->n_fields < 4 || !st_parse_comps(e->fields[3]))
      return nk_error_set(err, NK_ERR_INTERNAL, "%s:%zu: expected phrase, lemma, stance, "
                          "complements", path, e->line);
  }
  snprintf(path, sizeof path, "lexicons/%s/statement_cues.tsv", lang);
  if ((st = nk_lex_load(path, &L->cues, err)) != NK_OK)
    return st;
  size_t n = nk_lex_count(L->cues), cap = 64;
  while (cap < n * 2)
    cap *= 2;
  L->words.keys = calloc(cap, sizeof *L->words.keys);
  L->words.vals = calloc(cap, sizeof *L->words.vals);
  L->words.hashes = calloc(cap, sizeof *L->words.hashes);
  if (!L->words.keys || !L->words.vals || !L->words.hashes)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading %s", path);
  L->words.cap = cap;
  for (size_t i = 0; i < n; i++) {
    const nk_lex_entry *e = nk_lex_at(L->cues, i);
    int bad = e->n_fields < 2;
    unsigned m = bad ? 0 : parse_classes(e->fields[1], &bad);
    if (bad || !m)
      return nk_error_set(err, NK_ERR_INTERNAL, "%s:%zu: unknown cue class", path, e->line);
    /* one-word cues are looked up by fold: the lexicon's tokeniser splits a lone elided
       word ("qu'", "l'") in two, while in running text it is one token */
    if (strchr(e->phrase, ' ') || (e->n_tokens != 1 && !strchr(e->phrase, '\'')))
      continue;
    char *key = nk_text_fold(e->phrase, strlen(e->phrase));
    if (!key || set_add(&L->words, key, m) != 0)
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading %s", path);
  }
  L->fr = strcmp(lang, "fr") == 0;
  return NK_OK;
}

static void lang_free(st_lang *L)
{
  nk_lex_free(L->verbs);
  nk_lex_free(L->cues);
  set_free(&L->words);
}

nk_status nk_statements_init(struct nk_stmts_lex **out, nk_error *err)
{
  struct nk_stmts_lex *l = calloc(1, sizeof *l);
  if (!l)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  nk_status st = lang_load(&l->fr, "fr", err);
  if (st == NK_OK)
    st = lang_load(&l->en, "en", err);
  if (st != NK_OK) {
    nk_statements_free(l);
    return st;
  }
  *out = l;
  return NK_OK;
}

void nk_statements_free(struct nk_stmts_lex *l)
{
  if (!l)
    return;
  lang_free(&l->fr);
  lang_free(&l->en);
  free(l);
}

/* ---------------------------------------------------------------- token helpers */

unsigned st_cls_fill(const st_ctx *x, size_t i)
{
  const nk_token *t = &x->doc->toks[i];
  uint32_t h = t->fold_hash || !t->fold ? t->fold_hash : nk_fold_hash(t->fold);
  x->cls[i] = ST_CLS_KNOWN | set_get(&x->L->words, t->fold, h);
  return x->cls[i] & ~ST_CLS_KNOWN;
}

size_t st_phrase(const st_ctx *x, size_t i, unsigned mask)
{
  if (i >= x->doc->n_toks)
    return 0;
  /* The longest phrase wins: "selon lesquelles" is a complementiser, though "selon"
     alone introduces a source. */
  const nk_lex_entry *e = nk_lex_match(x->L->cues, x->doc, i);
  if (e && e->n_tokens > 1 && e->n_fields > 1)
    return (parse_classes(e->fields[1], NULL) & mask) ? e->n_tokens : 0;
  return (st_cls(x, i) & mask) ? 1 : 0;
}

int st_tok_is(const st_ctx *x, size_t i, const char *fold)
{
  return i < x->doc->n_toks && x->doc->toks[i].fold && strcmp(x->doc->toks[i].fold, fold) == 0;
}

int st_is_terminal(const st_ctx *x, size_t i)
{
  return st_is_punct(x, i, ".") || st_is_punct(x, i, "!") || st_is_punct(x, i, "?") ||
         st_is_punct(x, i, "\xE2\x80\xA6");
}

const nk_lex_entry *st_verb_at(const st_ctx *x, size_t i)
{
  const nk_token *t = &x->doc->toks[i];
  if (t->kind != NK_TOK_WORD)
    return NULL;
  /* a capitalised form inside a sentence is a name ("United States"), not a verb, except in
     an English title-case headline ("Trump Says He Will…") */
  if ((t->flags & NK_TF_CAP) && !(t->flags & NK_TF_SENT_START) &&
      (x->L->fr || x->doc->paras[x->doc->sents[t->sent].para].noise != NK_NOISE_TITLE))
    return NULL;
  const nk_lex_entry *e = nk_lex_match(x->L->verbs, x->doc, i);
  if (!e)
    return NULL;
  /* after a determiner or a preposition the form is a noun or an infinitive ("le juge") */
  if (i > 0 && x->doc->toks[i - 1].sent == t->sent && (st_cls(x, i - 1) & (SC_DET | SC_PREP)) &&
      !(st_cls(x, i - 1) & SC_AUX))
    return NULL;
  return e;
}

size_t st_sent_first(const st_ctx *x, size_t i)
{
  return x->doc->sents[x->doc->toks[i].sent].tok_first;
}

size_t st_sent_end(const st_ctx *x, size_t i)
{
  const nk_sentence *s = &x->doc->sents[x->doc->toks[i].sent];
  return (size_t)s->tok_first + s->tok_count;
}

st_cand *st_push(st_ctx *x)
{
  if (x->nc == x->capc) {
    size_t cap = x->capc ? x->capc * 2 : 32;
    st_cand *c = realloc(x->c, cap * sizeof *c);
    if (!c)
      return NULL;
    x->c = c;
    x->capc = cap;
  }
  st_cand *c = &x->c[x->nc++];
  memset(c, 0, sizeof *c);
  c->quote = -1;
  c->speaker = c->attributed_to = NK_NONE;
  return c;
}

void st_note_speaker(st_ctx *x, int32_t sp)
{
  if (sp == NK_NONE)
    return;
  x->last_sp = sp;
  x->last_para = x->cur_para;
}

int32_t st_chain_head(const st_ctx *x, int32_t q)
{
  while (q >= 0 && x->q[q].prev >= 0)
    q = x->q[q].prev;
  return q;
}

int32_t st_chain_tail(const st_ctx *x, int32_t q)
{
  while (q >= 0 && x->q[q].next >= 0)
    q = x->q[q].next;
  return q;
}

/* ---------------------------------------------------------------- text of a statement */

typedef struct sbuf {
  char *s;
  size_t n, cap;
  int oom;
} sbuf;

static void sb_put(sbuf *b, const char *p, size_t n)
{
  if (b->oom)
    return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->n + n + 1)
      cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
      b->oom = 1;
      return;
    }
    b->s = s;
    b->cap = cap;
  }
  memcpy(b->s + b->n, p, n);
  b->n += n;
  b->s[b->n] = '\0';
}

/* Appends tokens [tf, te) as written, one space where the text had white space, quote marks
   left out (the reported words are stored without them). */
static void sb_tokens(sbuf *b, const nk_doc *d, size_t tf, size_t te, const int32_t *qat)
{
  int space = b->n > 0;
  for (size_t k = tf; k < te; k++) {
    const nk_token *t = &d->toks[k];
    if (qat && qat[k] < 0)
      continue; /* an incise: "« Il faut agir vite, a-t-elle déclaré. Nous… »" */
    if (k > tf && (t->flags & NK_TF_SPACE_BEFORE))
      space = 1;
    if (t->kind == NK_TOK_QUOTE)
      continue;
    if (t->kind == NK_TOK_PUNCT && !(t->flags & NK_TF_SPACE_BEFORE))
      space = 0; /* "« le pouvoir du dollar », ainsi": the comma stays on its word */
    if (space && b->n)
      sb_put(b, " ", 1);
    space = 0;
    sb_put(b, d->text + t->start, t->end - t->start);
  }
}

/* Narrows [*tf, *te) to drop punctuation that only frames the words (", " "—"); keeps a
   final . ! ? … which belongs to a quoted sentence. */
static void trim_frame(const st_ctx *x, size_t *tf, size_t *te, int keep_final)
{
  const nk_doc *d = x->doc;
  while (*tf < *te && (d->toks[*tf].kind == NK_TOK_PUNCT || d->toks[*tf].kind == NK_TOK_QUOTE))
    (*tf)++;
  while (*te > *tf) {
    size_t k = *te - 1;
    if (d->toks[k].kind == NK_TOK_QUOTE ||
        (d->toks[k].kind == NK_TOK_PUNCT && !(keep_final && st_is_terminal(x, k)) &&
         !st_is_punct(x, k, ")")))
      (*te)--;
    else
      break;
  }
}

/* ---------------------------------------------------------------- run */

static int quote_is_direct(const st_ctx *x, int32_t q)
{
  const nk_doc *d = x->doc;
  const st_quote *p = &x->q[q];
  if (p->next >= 0 || p->prev >= 0)
    return 1;
  size_t words = 0, terminal = 0;
  for (size_t k = p->first; k < p->end; k++) {
    if (d->toks[k].kind == NK_TOK_WORD || d->toks[k].kind == NK_TOK_NUMBER)
      words++;
    else if (st_is_terminal(x, k) && k + 1 < p->end)
      terminal = 1;
  }
  if (terminal)
    return 1;
  /* opens its sentence (or follows a colon or a dash) and says a clause's worth */
  size_t o = p->open, a = st_sent_first(x, o);
  int starts = o == a || (o > a && (st_is_punct(x, o - 1, ":") ||
                                    st_is_punct(x, o - 1, "\xE2\x80\x94") ||
                                    st_is_punct(x, o - 1, "-")));
  if (o > 0 && d->toks[o - 1].sent != d->toks[o].sent)
    starts = 1;
  return starts && words >= 3;
}

/* A fragment in quotes that names rather than reports: a title or a name (« Le Parisien »,
   "Operation Barkhane": every word capitalised), or a quote after a naming word (l'opération
   baptisée « Bouclier », a plan dubbed "the deal"). */
static int is_name(const st_ctx *x, int32_t q)
{
  const nk_doc *d = x->doc;
  const st_quote *p = &x->q[q];
  if (p->kind == NK_DIRECT || p->next >= 0)
    return 0;
  size_t o = p->open;
  if (o > 0 && (st_cls(x, o - 1) & SC_NAMING))
    return 1;
  if (o > 1 && (st_cls(x, o - 1) & SC_DET) && (st_cls(x, o - 2) & SC_NAMING))
    return 1;
  size_t words = 0;
  for (size_t k = p->first; k < p->end; k++) {
    const nk_token *t = &d->toks[k];
    if (t->kind == NK_TOK_NUMBER)
      continue;
    if (t->kind != NK_TOK_WORD)
      continue;
    if (!(t->flags & NK_TF_CAP) && !(st_cls(x, k) & (SC_PREP | SC_DET)))
      return 0;
    words++;
  }
  return words > 0 && words <= 5;
}

static int cand_cmp(const void *a, const void *b)
{
  const st_cand *x = a, *y = b;
  return x->tf < y->tf ? -1 : x->tf > y->tf ? 1 : 0;
}

/* Speaker of a quotation no speech verb claimed. */
static void attribute_rest(st_ctx *x, int32_t q)
{
  const nk_doc *d = x->doc;
  st_quote *p = &x->q[q];
  const st_quote *tail = &x->q[st_chain_tail(x, q)];
  size_t send = st_sent_end(x, tail->after ? tail->after - 1 : 0);
  /* « … », a-t-il botté en touche: an inverted clitic right after the quote */
  size_t k = tail->after;
  if (k < d->n_toks && st_is_punct(x, k, ","))
    k++;
  for (size_t j = k; j < k + 3 && j < send && j < d->n_toks; j++)
    if (d->toks[j].flags & NK_TF_INVERTED) {
      p->speaker = st_resolve(x, j, j + 1);
      p->attributed = p->speaker != NK_NONE;
      if (p->attributed)
        return;
    }
  /* « Nous ne céderons pas » : Marc Olivier défie le gouvernement (a headline) */
  if (tail->after < send && st_is_punct(x, tail->after, ":")) {
    int32_t sp = st_subject_after(x, tail->after + 1, send);
    if (sp != NK_NONE) {
      p->speaker = sp;
      p->attributed = 1;
      p->kind = NK_DIRECT;
      return;
    }
  }
  size_t o = p->open, a = st_sent_first(x, o);
  if (o > a && st_is_punct(x, o - 1, ":")) {
    /* Trump révèle … : "Un plan concret …": the subject of the sentence speaks */
    size_t subj;
    p->speaker = st_subject_before(x, a, o - 1, &subj);
    if (p->speaker == NK_NONE)
      p->speaker = x->last_sp;
    p->attributed = p->speaker != NK_NONE;
    p->kind = NK_DIRECT;
    return;
  }
  if (!quote_is_direct(x, q) && o > a) {
    int32_t sp = st_indef_place(x, a, o);
    size_t subj;
    if (sp == NK_NONE)
      sp = st_subject_before(x, st_region_start(x, a, o), o, &subj);
    p->speaker = sp;
    p->attributed = sp != NK_NONE;
    p->kind = NK_PARTIAL;
    return;
  }
  /* a quotation standing alone continues the current speaker's words */
  p->speaker = x->last_sp;
  p->kind = quote_is_direct(x, q) ? NK_DIRECT : NK_PARTIAL;
}

/* Whether a reported word of candidate C (quote parts or clause) has this fold. */
static int cand_has_fold(const st_ctx *x, const st_cand *c, const char *fold)
{
  const nk_doc *d = x->doc;
  if (c->quote < 0) {
    for (size_t k = c->tf; k < c->te; k++)
      if (d->toks[k].kind == NK_TOK_WORD && strcmp(d->toks[k].fold, fold) == 0)
        return 1;
    return 0;
  }
  for (int32_t r = c->quote; r >= 0; r = x->q[r].next)
    for (size_t k = x->q[r].first; k < x->q[r].end; k++)
      if (d->toks[k].kind == NK_TOK_WORD && x->qat[k] >= 0 && strcmp(d->toks[k].fold, fold) == 0)
        return 1;
  return 0;
}

/* Whether candidate T (in the title) is repeated by a later candidate: four fifths of its
   words are found there. The body's version, with its attribution, is kept. */
static int repeated_later(const st_ctx *x, size_t t)
{
  const nk_doc *d = x->doc;
  const st_cand *c = &x->c[t];
  size_t tf = c->quote >= 0 ? x->q[c->quote].first : c->tf;
  size_t te = c->quote >= 0 ? x->q[c->quote].end : c->te;
  size_t n = 0;
  for (size_t k = tf; k < te; k++)
    n += d->toks[k].kind == NK_TOK_WORD;
  if (n == 0)
    return 0;
  for (size_t i = t + 1; i < x->nc; i++) {
    const st_cand *o = &x->c[i];
    if (o->dropped || (o->quote >= 0 && x->q[o->quote].absorbed))
      continue;
    size_t hit = 0;
    for (size_t k = tf; k < te; k++)
      if (d->toks[k].kind == NK_TOK_WORD && cand_has_fold(x, o, d->toks[k].fold))
        hit++;
    if (hit * 5 >= n * 4)
      return 1;
  }
  return 0;
}

static nk_status emit(st_ctx *x, nk_error *err)
{
  const nk_doc *d = x->doc;
  int32_t last = NK_NONE;
  for (size_t i = 0; i < x->nc; i++) {
    st_cand *c = &x->c[i];
    if (c->dropped)
      continue;
    size_t first = c->quote >= 0 ? x->q[c->quote].first : c->tf;
    if (first < d->n_toks && d->paras[d->sents[d->toks[first].sent].para].noise == NK_NOISE_TITLE &&
        repeated_later(x, i))
      continue;
    sbuf b = {0};
    size_t start, end;
    if (c->quote >= 0) {
      const st_quote *p = &x->q[c->quote];
      if (p->absorbed)
        continue;
      c->speaker = p->speaker;
      c->attributed_to = p->attributed_to;
      c->verb = p->verb;
      c->stance = p->stance;
      c->kind = p->kind;
      if (c->speaker == NK_NONE && !p->attributed)
        c->speaker = last; /* a quote continuing the previous speaker's words */
      start = SIZE_MAX;
      end = 0;
      for (int32_t r = c->quote; r >= 0; r = x->q[r].next) {
        size_t tf = x->q[r].first, te = x->q[r].end;
        trim_frame(x, &tf, &te, 1);
        if (tf >= te)
          continue;
        if (start == SIZE_MAX)
          start = d->toks[tf].start;
        end = d->toks[te - 1].end;
        sb_tokens(&b, d, tf, te, x->qat);
      }
      if (start == SIZE_MAX) {
        free(b.s);
        continue;
      }
    } else {
      size_t tf = c->tf, te = c->te;
      trim_frame(x, &tf, &te, 0);
      if (tf >= te)
        continue;
      start = d->toks[tf].start;
      end = d->toks[te - 1].end;
      sb_tokens(&b, d, tf, te, NULL);
    }
    if (b.oom) {
      free(b.s);
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    }
    /* a quotation that asks ("Pourquoi maintenant ?") is a question */
    nk_stance stance = c->stance;
    if (c->quote >= 0 && stance == NK_STANCE_ASSERT && b.n && b.s[b.n - 1] == '?')
      stance = NK_STANCE_QUESTION;
    int32_t s = nk_graph_add_statement(x->g, b.s ? b.s : "", c->kind, c->verb, stance,
                                       c->speaker, (uint32_t)start, (uint32_t)end);
    free(b.s);
    if (s < 0)
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    x->g->statements[s].attributed_to = c->attributed_to;
    if (c->speaker != NK_NONE)
      last = c->speaker;
  }
  return NK_OK;
}

static void ctx_free(st_ctx *x)
{
  free(x->story);
  free(x->qat);
  free(x->q);
  free(x->c);
  free(x->cls);
  nk_span_memo_free(x->memo);
}

nk_status nk_statements_run(const struct nk_stmts_lex *l, const struct nk_actors_lex *al,
                            const nk_article *art, const nk_doc *doc, nk_graph *g,
                            nk_error *err)
{
  (void)art;
  if (!doc || doc->n_toks == 0)
    return NK_OK;
  st_ctx x = {0};
  x.last_sp = NK_NONE;
  x.L = strcmp(doc->lang, "en") == 0 ? &l->en : &l->fr;
  x.al = al;
  x.doc = doc;
  x.g = g;
  x.story = malloc(doc->n_paras ? doc->n_paras : 1);
  x.qat = malloc(doc->n_toks * sizeof *x.qat);
  x.cls = calloc(doc->n_toks, sizeof *x.cls);
  x.memo = nk_span_memo_new();
  if (!x.story || !x.qat || !x.cls || !x.memo) {
    ctx_free(&x);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  }
  for (size_t p = 0; p < doc->n_paras; p++)
    x.story[p] = doc->paras[p].noise == NK_NOISE_NONE || doc->paras[p].noise == NK_NOISE_TITLE;
  if (st_find_quotes(&x) != 0) {
    ctx_free(&x);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  }
  /* Sentences in text order; after each, the quotations that end in it and that no speech
     verb claimed are attributed, so that "the current speaker" is the one of that point. */
  size_t qp = 0;
  for (size_t s = 0; s < doc->n_sents; s++) {
    if (!x.story[doc->sents[s].para] || doc->sents[s].tok_count == 0)
      continue;
    x.cur_para = doc->sents[s].para;
    size_t first = x.nc;
    if (st_sentence(&x, s) != 0) {
      ctx_free(&x);
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    }
    /* quotations inside a kept reported clause belong to it */
    for (size_t i = first; i < x.nc; i++) {
      const st_cand *c = &x.c[i];
      if (c->dropped || c->quote >= 0)
        continue;
      for (size_t k = c->tf; k < c->te; k++)
        if (x.qat[k] >= 0)
          x.q[st_chain_head(&x, x.qat[k])].absorbed = 1;
      st_note_speaker(&x, c->speaker);
    }
    for (; qp < x.nq; qp++) {
      st_quote *p = &x.q[qp];
      if (p->prev >= 0)
        continue;
      const st_quote *t = &x.q[st_chain_tail(&x, (int32_t)qp)];
      size_t last = t->after > t->first ? t->after - 1 : t->first;
      if (last < doc->n_toks && doc->toks[last].sent > s)
        break;
      if (p->absorbed)
        continue;
      if (!p->attributed)
        attribute_rest(&x, (int32_t)qp);
      st_note_speaker(&x, p->speaker);
    }
  }
  for (size_t q = 0; q < x.nq; q++) {
    if (x.q[q].prev >= 0 || x.q[q].absorbed || is_name(&x, (int32_t)q))
      continue;
    st_cand *c = st_push(&x);
    if (!c) {
      ctx_free(&x);
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    }
    c->quote = (int32_t)q;
    c->tf = x.q[q].open;
    c->te = x.q[q].after;
  }
  if (x.nc)
    qsort(x.c, x.nc, sizeof *x.c, cand_cmp);
  nk_status st = emit(&x, err);
  ctx_free(&x);
  return st;
}
