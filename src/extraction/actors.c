/* The actor stage: loading its tables, running the find → type → resolve passes over an
   article, and the services later stages call (nk_actors_resolve_span, nk_mention_at).

   Tables (all data, under schemas/):
     world.tsv                       world knowledge: countries, cities, organisations, media
     lexicons/{fr,en}/actor_cues.tsv titles, roles, organisation/place cue words, connectors…
     lexicons/{fr,en}/name_stopwords.tsv capitalised words that never begin a name */
#include <stdlib.h>
#include <string.h>

#include "extraction/actors_internal.h"

static const char *const CUE_NAMES[CUE_COUNT] = {
    "", "title", "role", "org-word", "place-word", "org-noun", "place-noun", "place-prep",
    "agent-after", "agent-before", "connector", "det", "pronoun", "adj", "org-head",
    "place-head", "stop", "role-mod", "org-possessor"};

static const char *const CUE_FILES[] = {"lexicons/fr/actor_cues.tsv", "lexicons/en/actor_cues.tsv",
                                        NULL};
static const char *const STOP_FILES[] = {"lexicons/fr/name_stopwords.tsv",
                                         "lexicons/en/name_stopwords.tsv", NULL};

static ak_cue class_of(const char *s)
{
  for (int c = 1; c < CUE_COUNT; c++)
    if (strcmp(s, CUE_NAMES[c]) == 0)
      return (ak_cue)c;
  return CUE_NONE;
}

/* Fills l->cue_keys from the class maps. 0, or -1 when out of memory. */
static int index_cue_keys(struct nk_actors_lex *l)
{
  for (int c = 1; c < CUE_COUNT; c++) {
    const ak_map *m = &l->cue_map[c];
    for (size_t k = 0; k < m->cap; k++) {
      if (!m->keys[k])
        continue;
      int32_t mask = ak_map_get(&l->cue_keys, m->keys[k], m->lens[k]);
      int32_t bit = (int32_t)1 << c;
      if (mask < 0 ? ak_map_put(&l->cue_keys, m->keys[k], m->lens[k], bit)
                   : ak_map_set(&l->cue_keys, m->keys[k], m->lens[k], mask | bit))
        return -1;
    }
  }
  return 0;
}

nk_status nk_actors_init(struct nk_actors_lex **out, nk_error *err)
{
  struct nk_actors_lex *l = calloc(1, sizeof *l);
  nk_status st;
  if (!l)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  if ((st = ak_tab_load(&l->world, "world.tsv", 4, err)) != NK_OK)
    goto fail;
  if (ak_tab_index(&l->world, &l->world_names, W_NAMES, 0, l->world.n, &l->world_maxwords) ||
      ak_tab_index(&l->world, &l->world_names, W_CANON, 0, l->world.n, &l->world_maxwords) ||
      ak_tab_index(&l->world, &l->demonyms, W_DEMONYMS, 0, l->world.n, NULL)) {
    st = nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    goto fail;
  }
  for (size_t f = 0; CUE_FILES[f]; f++) {
    size_t from = l->cues.n;
    if ((st = ak_tab_load(&l->cues, CUE_FILES[f], 2, err)) != NK_OK)
      goto fail;
    for (size_t r = from; r < l->cues.n; r++) {
      ak_cue c = class_of(l->cues.rows[r].f[C_CLASS]);
      if (c == CUE_NONE) {
        st = nk_error_set(err, NK_ERR_INTERNAL, "%s: unknown cue class '%s' for '%s'",
                          CUE_FILES[f], l->cues.rows[r].f[C_CLASS], l->cues.rows[r].f[0]);
        goto fail;
      }
      if (ak_tab_index(&l->cues, &l->cue_map[c], C_PHRASE, r, r + 1, &l->cue_maxwords[c])) {
        st = nk_error_set(err, NK_ERR_NOMEM, "out of memory");
        goto fail;
      }
    }
  }
  for (size_t f = 0; STOP_FILES[f]; f++) {
    size_t from = l->cues.n;
    if ((st = ak_tab_load(&l->cues, STOP_FILES[f], 1, err)) != NK_OK)
      goto fail;
    if (ak_tab_index(&l->cues, &l->cue_map[CUE_STOP], C_PHRASE, from, l->cues.n,
                     &l->cue_maxwords[CUE_STOP])) {
      st = nk_error_set(err, NK_ERR_NOMEM, "out of memory");
      goto fail;
    }
  }
  if (index_cue_keys(l)) {
    st = nk_error_set(err, NK_ERR_NOMEM, "out of memory");
    goto fail;
  }
  *out = l;
  return NK_OK;
fail:
  nk_actors_free(l);
  return st;
}

void nk_actors_free(struct nk_actors_lex *l)
{
  if (!l)
    return;
  ak_tab_free(&l->world);
  ak_map_free(&l->world_names);
  ak_map_free(&l->demonyms);
  ak_tab_free(&l->cues);
  for (int c = 0; c < CUE_COUNT; c++)
    ak_map_free(&l->cue_map[c]);
  ak_map_free(&l->cue_keys);
  free(l);
}

/* ---------------------------------------------------------------- token helpers */

size_t ak_sent_end(const nk_doc *doc, size_t i)
{
  const nk_sentence *s = &doc->sents[doc->toks[i].sent];
  return s->tok_first + s->tok_count;
}

size_t ak_sent_first(const nk_doc *doc, size_t i)
{
  return doc->sents[doc->toks[i].sent].tok_first;
}

int ak_poss_s(const nk_doc *doc, size_t i)
{
  if (!ak_is_word(doc, i) || (doc->toks[i].flags & NK_TF_SPACE_BEFORE))
    return 0;
  const char *f = doc->toks[i].fold;
  return f && (strcmp(f, "'s") == 0 || strcmp(f, "'") == 0 ||
               (strcmp(f, "s") == 0 && i > 0 && doc->toks[i - 1].kind == NK_TOK_PUNCT));
}

int ak_possessive(const nk_doc *doc, size_t i)
{
  if (!ak_is_word(doc, i))
    return 0;
  if (ak_poss_s(doc, i + 1))
    return 1;
  const char *f = doc->toks[i].fold;
  size_t n = f ? strlen(f) : 0;
  return n > 2 && f[n - 1] == 's' && f[n - 2] == '\'';
}

char *ak_span_text(const nk_doc *doc, size_t first, size_t end)
{
  if (first >= end || end > doc->n_toks)
    return NULL;
  uint32_t a = doc->toks[first].start, b = doc->toks[end - 1].end;
  /* an English possessive is not part of the name: "Chad's" → "Chad" */
  if (ak_possessive(doc, end - 1) && !ak_poss_s(doc, end) && b - a > 2) {
    b -= 2;
    if (b > a && (unsigned char)doc->text[b - 1] == 0x80 && b - a > 2 &&
        (unsigned char)doc->text[b - 2] == 0xe2) /* "’s": the apostrophe is 3 bytes */
      b -= 1;
  }
  /* a right single quotation mark is 3 bytes: E2 80 99 */
  while (b > a + 2 && (unsigned char)doc->text[b - 1] == 0x99 &&
         (unsigned char)doc->text[b - 2] == 0x80 && (unsigned char)doc->text[b - 3] == 0xe2)
    b -= 3;
  char *s = malloc((size_t)(b - a) + 1);
  if (s) {
    memcpy(s, doc->text + a, b - a);
    s[b - a] = '\0';
  }
  return s;
}

/* ---------------------------------------------------------------- table lookups */

int ak_norms_fill(ak_norms *nm, const nk_doc *doc, size_t first, size_t end)
{
  memset(nm, 0, sizeof *nm);
  if (end > doc->n_toks)
    end = doc->n_toks;
  if (first >= end)
    return 0;
  /* v, first_cue and len in one allocation (v points to it): spans of a few tokens are
     filled tens of thousands of times per corpus */
  nm->v = calloc(end - first, sizeof *nm->v + sizeof *nm->first_cue + sizeof *nm->len);
  if (!nm->v)
    return -1;
  nm->first_cue = (uint64_t *)(nm->v + (end - first));
  nm->len = (uint32_t *)(nm->first_cue + (end - first));
  nm->base = first;
  nm->n = end - first;
  /* Two passes: the lengths (a possessive "'s" is left out of the word), then the words.
     The first pass keeps each length in first_cue, which the second zeroes again: one strlen
     per token (ak_norms_fill runs over every token of every article). */
  size_t total = 0;
  for (size_t i = first; i < end; i++) {
    const nk_token *t = &doc->toks[i];
    if (t->kind == NK_TOK_WORD || t->kind == NK_TOK_NUMBER) {
      size_t fl = t->fold ? strlen(t->fold) : 0;
      nm->first_cue[i - first] = fl;
      total += fl + 1;
    }
  }
  if (!(nm->chars = malloc(total ? total : 1)))
    return -1;
  char *w = nm->chars;
  for (size_t i = first; i < end; i++) {
    const nk_token *t = &doc->toks[i];
    if (t->kind != NK_TOK_WORD && t->kind != NK_TOK_NUMBER)
      continue;
    const char *f = t->fold ? t->fold : "";
    size_t fl = (size_t)nm->first_cue[i - first];
    nm->first_cue[i - first] = 0;
    /* ak_possessive(doc, i) && !ak_poss_s(doc, i + 1), with the word's own "'s" tested
       first: a possessive "'s" written as the next token keeps the word whole */
    if (t->kind == NK_TOK_WORD && fl > 2 && f[fl - 1] == 's' && f[fl - 2] == '\'' &&
        !ak_poss_s(doc, i + 1))
      fl -= 2;
    nm->v[i - first] = w;
    size_t nl = ak_norm(f, fl, w);
    nm->len[i - first] = (uint32_t)nl;
    w += nl + 1;
  }
  return 0;
}

void ak_norms_free(ak_norms *nm)
{
  free(nm->chars);
  free(nm->v); /* and first_cue and len, allocated with it */
  memset(nm, 0, sizeof *nm);
}

#define AK_PHRASE_BUF 512 /* longest phrase key phrase_at builds, plus room for a space and NUL */
_Static_assert(CUE_COUNT <= 31, "cue_keys masks and ak_norms.first_cue keep one bit per cue class");

/* Builds the key of tokens [i, i+k) into BUF; 0 when a token breaks the phrase. Hyphens and
   apostrophes written as separate tokens without space before them join (a tokeniser may split
   "porte-parole"); other punctuation breaks. */
static size_t phrase_at(const nk_doc *doc, const ak_norms *nm, size_t i, const ak_map *map,
                        size_t maxwords, int32_t *row)
{
  char buf[AK_PHRASE_BUF];
  size_t bl = 0, best = 0, end = ak_sent_end(doc, i);
  size_t words = 0;
  const char *n0 = ak_n(nm, i);
  if (!n0 || !n0[0])
    return 0;
  for (size_t j = i; j < end && words < maxwords; j++) {
    const char *n = ak_n(nm, j);
    if (!n || !n[0]) {
      if (doc->toks[j].kind == NK_TOK_PUNCT && !(doc->toks[j].flags & NK_TF_SPACE_BEFORE) &&
          (ak_is_punct(doc, j, "-") || ak_is_punct(doc, j, "'") || ak_is_punct(doc, j, "\xe2\x80\x99")))
        continue;
      break;
    }
    size_t nl = ak_nlen(nm, j);
    if (bl + nl + 2 >= sizeof buf)
      break;
    if (bl)
      buf[bl++] = ' ';
    memcpy(buf + bl, n, nl);
    bl += nl;
    for (size_t k = 0; k < nl; k++)
      words += n[k] == ' ';
    words++;
    int32_t r = ak_map_get(map, buf, bl);
    if (r >= 0) {
      best = j + 1 - i;
      if (row)
        *row = r;
    } else if (r != AK_PREFIX) {
      break; /* no entry starts so */
    }
  }
  return best;
}

size_t ak_cue_at_lookup(const struct nk_actors_lex *l, const nk_doc *doc, const ak_norms *nm,
                        size_t i, ak_cue cls, int32_t *row)
{
  if (i >= doc->n_toks)
    return 0;
  /* No entry of the class for the token's own word: phrase_at would stop at its first lookup
     and find nothing. The answer for every class at once (one lookup in cue_keys) is kept
     per token in nm->first_cue. */
  if (i >= nm->base && i - nm->base < nm->n && nm->first_cue) {
    uint64_t *memo = &nm->first_cue[i - nm->base];
    if (!(*memo & 1)) {
      const char *n0 = nm->v[i - nm->base];
      size_t nl = nm->len[i - nm->base];
      int32_t mask = nl && nl + 2 < AK_PHRASE_BUF ? ak_map_get(&l->cue_keys, n0, nl) : -1;
      *memo = 1 | (mask > 0 ? (uint64_t)(uint32_t)mask << 32 : 0);
    }
    if (!(*memo & ((uint64_t)1 << (32 + cls))))
      return 0;
  }
  int32_t r = -1;
  size_t n = phrase_at(doc, nm, i, &l->cue_map[cls], l->cue_maxwords[cls], &r);
  /* folding makes the verb "a" and the preposition "à" equal: for one-word cues where that
     matters, the accents of the text must agree with the lexicon's */
  if (n == 1 && (cls == CUE_AGENT_AFTER || cls == CUE_PLACE_PREP || cls == CUE_CONNECTOR ||
                 cls == CUE_DET || cls == CUE_PRONOUN)) {
    const unsigned char *p = (const unsigned char *)l->cues.rows[r].f[C_PHRASE];
    int lex_plain = p[0] < 0x80;
    int tok_plain = (unsigned char)doc->text[doc->toks[i].start] < 0x80;
    if (lex_plain != tok_plain)
      return 0;
  }
  if (n && row)
    *row = r;
  return n;
}

size_t ak_world_at(const struct nk_actors_lex *l, const nk_doc *doc, const ak_norms *nm, size_t i,
                   int32_t *row)
{
  if (i >= doc->n_toks)
    return 0;
  return phrase_at(doc, nm, i, &l->world_names, l->world_maxwords, row);
}

int ak_is_stop(const struct nk_actors_lex *l, const char *norm)
{
  return norm && norm[0] && ak_map_get(&l->cue_map[CUE_STOP], norm, strlen(norm)) >= 0;
}

int32_t ak_demonym(const struct nk_actors_lex *l, const char *norm)
{
  if (!norm || !norm[0])
    return -1;
  return ak_map_get(&l->demonyms, norm, strlen(norm));
}

ak_cue ak_cue_class(const struct nk_actors_lex *l, int32_t row)
{
  if (row < 0 || (size_t)row >= l->cues.n)
    return CUE_NONE;
  if (l->cues.rows[row].n < 2)
    return CUE_STOP;
  return class_of(l->cues.rows[row].f[C_CLASS]);
}

int ak_prep_connector(const struct nk_actors_lex *l, int32_t row)
{
  const char *x = ak_field(&l->cues, row, C_EXTRA);
  return strcmp(x, "name") == 0 || strcmp(x, "prep") == 0;
}

int ak_cue_gender(const struct nk_actors_lex *l, int32_t row)
{
  const char *g = ak_field(&l->cues, row, C_GENDER);
  return g[0] == 'm' ? G_MALE : g[0] == 'f' ? G_FEMALE : G_UNKNOWN;
}

/* ---------------------------------------------------------------- the run */

static void work_free(ak_work *w)
{
  ak_norms_free(&w->nm);
  free(w->story);
  for (size_t i = 0; i < w->nc; i++) {
    free(w->c[i].key);
    free(w->c[i].text);
    free(w->c[i].full);
  }
  free(w->c);
  for (size_t i = 0; i < w->nr; i++) {
    free(w->r[i].text);
    free(w->r[i].key);
  }
  free(w->r);
  ak_map_free(&w->midcaps);
  free(w->by_start);
  free(w->nameable);
  free(w->by_end);
}

/* The normalised fold of every token, story flags, and the capitalised words seen
   mid-sentence (which tell a name from a capitalised sentence start). */
static nk_status prepare(ak_work *w)
{
  const nk_doc *doc = w->doc;
  w->story = calloc(doc->n_toks ? doc->n_toks : 1, 1);
  w->nameable = malloc(doc->n_toks + 1);
  if (w->nameable)
    memset(w->nameable, -1, doc->n_toks + 1);
  if (!w->story || !w->nameable || ak_norms_fill(&w->nm, doc, 0, doc->n_toks) != 0)
    return NK_ERR_NOMEM;
  for (size_t i = 0; i < doc->n_toks; i++) {
    const nk_token *t = &doc->toks[i];
    const nk_paragraph *p = &doc->paras[doc->sents[t->sent].para];
    w->story[i] = p->noise == NK_NOISE_NONE || p->noise == NK_NOISE_TITLE;
  }
  for (size_t i = 0; i < doc->n_toks; i++) {
    const nk_token *t = &doc->toks[i];
    if (!w->story[i] || !ak_is_cap(doc, i) || ak_sent_initial(w, i))
      continue;
    if (doc->paras[doc->sents[t->sent].para].noise == NK_NOISE_TITLE)
      continue; /* titles may capitalise every word */
    const char *n = ak_n(&w->nm, i);
    if (ak_map_put(&w->midcaps, n, strlen(n), 1) != 0)
      return NK_ERR_NOMEM;
  }
  return NK_OK;
}

nk_status nk_actors_run(const struct nk_actors_lex *l, const nk_article *art, const nk_doc *doc,
                        nk_graph *g, nk_error *err)
{
  (void)art;
  if (!doc || doc->n_toks == 0)
    return NK_OK;
  ak_work w;
  memset(&w, 0, sizeof w);
  w.l = l;
  w.doc = doc;
  nk_status st = prepare(&w);
  if (st == NK_OK)
    st = ak_find(&w);
  if (st == NK_OK) {
    ak_type(&w);
    st = ak_resolve(&w, g);
  }
  work_free(&w);
  if (st != NK_OK)
    return nk_error_set(err, st, "actors: %s", nk_status_str(st));
  return NK_OK;
}

/* ---------------------------------------------------------------- services */

int32_t nk_mention_at(const nk_graph *g, size_t i)
{
  /* mentions are sorted by tok_first; they may nest (a description holding a name), so look
     back a few from the last one starting at or before I and prefer the innermost */
  size_t lo = 0, hi = g->n_mentions;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (g->mentions[mid].tok_first <= i)
      lo = mid + 1;
    else
      hi = mid;
  }
  int32_t best = NK_NONE;
  uint32_t best_len = UINT32_MAX;
  for (size_t k = lo, n = 0; k > 0 && n < 16; k--, n++) {
    const nk_mention *m = &g->mentions[k - 1];
    if (m->tok_first <= i && i < m->tok_end && m->tok_end - m->tok_first < best_len) {
      best = (int32_t)(k - 1);
      best_len = m->tok_end - m->tok_first;
    }
  }
  return best;
}

int nk_mention_index(const nk_graph *g, size_t n_toks, int32_t *out)
{
  /* nk_mention_at's answer for every token in one pass over the mentions rather than a
     search and a 16-mention look-back per token: mention K is a candidate for the tokens it
     covers when it is among the 16 last mentions starting at or before the token (K + 16 >=
     starts[t]); the shortest wins, and among equals the later one, as in nk_mention_at. */
  uint32_t *starts = malloc((n_toks ? n_toks : 1) * sizeof *starts);
  if (!starts)
    return -1;
  size_t hi = 0;
  for (size_t t = 0; t < n_toks; t++) {
    while (hi < g->n_mentions && g->mentions[hi].tok_first <= t)
      hi++;
    starts[t] = (uint32_t)hi;
    out[t] = NK_NONE;
  }
  for (size_t k = 0; k < g->n_mentions; k++) {
    const nk_mention *m = &g->mentions[k];
    uint32_t len = m->tok_end - m->tok_first;
    for (size_t t = m->tok_first; t < m->tok_end && t < n_toks; t++)
      if (k + 16 >= starts[t] &&
          (out[t] == NK_NONE || len <= g->mentions[out[t]].tok_end - g->mentions[out[t]].tok_first))
        out[t] = (int32_t)k;
  }
  free(starts);
  return 0;
}
