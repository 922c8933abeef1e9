/* Phrase tables loaded from embedded TSV files and matched on token folds.
   Entries are indexed by the fold of their first token; each bucket lists its entries
   longest first, so the first full match is the longest one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extraction/lexicon.h"
#include "util/resources.h"

typedef struct lex_item {
  nk_lex_entry e;
  char **folds;      /* n_tokens folded tokens (owned) */
  uint32_t *hashes;  /* nk_fold_hash of each fold: compared before the strings */
  size_t next;       /* next entry in the same bucket, SIZE_MAX ends */
  uint32_t hash0;    /* hashes[0], kept here: a bucket walk then reads no other memory for
                        the entries of other first words sharing the bucket */
} lex_item;

struct nk_lex {
  lex_item *items;
  size_t n, cap;
  char **files;      /* copies of the loaded files, fields point into them */
  size_t n_files;
  size_t *heads;     /* hash of first fold → first item, SIZE_MAX when empty */
  size_t n_heads;    /* power of two */
  /* A bit per (multiplied) first-fold hash, 16 or more bits per entry: most tokens start no
     entry, and this answers them from a few hot cache lines, where the buckets and the items
     would each cost a cache miss. */
  uint64_t *bloom;
  unsigned bloom_bits; /* log2 of the bit count */
};

static size_t bloom_bit(uint32_t h, unsigned bits)
{
  return (size_t)((uint32_t)(h * 0x9E3779B1u) >> (32 - bits));
}

/* The token's fold hash: set by nk_doc_segment, computed here for a token built otherwise. */
static uint32_t tok_hash(const nk_token *t)
{
  return t->fold_hash ? t->fold_hash : nk_fold_hash(t->fold);
}

void nk_lex_free(nk_lex *lex)
{
  if (!lex)
    return;
  for (size_t i = 0; i < lex->n; i++) {
    for (size_t k = 0; k < lex->items[i].e.n_tokens; k++)
      free(lex->items[i].folds[k]);
    free(lex->items[i].folds);
    free(lex->items[i].hashes);
    free((void *)lex->items[i].e.fields);
  }
  for (size_t i = 0; i < lex->n_files; i++)
    free(lex->files[i]);
  free(lex->files);
  free(lex->items);
  free(lex->heads);
  free(lex->bloom);
  free(lex);
}

/* Rebuilds the first-token index; buckets keep longer phrases first. */
static nk_status reindex(nk_lex *lex, nk_error *err)
{
  size_t want = 64;
  while (want < lex->n * 2)
    want *= 2;
  size_t *heads = malloc(want * sizeof *heads);
  unsigned bits = 6;
  while (((size_t)1 << bits) < want * 8)
    bits++;
  uint64_t *bloom = calloc((size_t)1 << (bits - 6), sizeof *bloom);
  if (!heads || !bloom) {
    free(heads);
    free(bloom);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
  }
  for (size_t i = 0; i < want; i++)
    heads[i] = SIZE_MAX;
  /* Insert shortest first at the head of each list, so the longest end up in front; among
     equals, the later line ends up first, so a later line can override an earlier one. */
  size_t max_len = 0;
  for (size_t i = 0; i < lex->n; i++)
    if (lex->items[i].e.n_tokens > max_len)
      max_len = lex->items[i].e.n_tokens;
  for (size_t len = 1; len <= max_len; len++)
    for (size_t i = 0; i < lex->n; i++) {
      lex_item *it = &lex->items[i];
      if (it->e.n_tokens != len)
        continue;
      it->hash0 = it->hashes[0];
      size_t h = (size_t)(it->hash0 & (want - 1));
      it->next = heads[h];
      heads[h] = i;
      size_t b = bloom_bit(it->hash0, bits);
      bloom[b >> 6] |= (uint64_t)1 << (b & 63);
    }
  free(lex->heads);
  free(lex->bloom);
  lex->heads = heads;
  lex->n_heads = want;
  lex->bloom = bloom;
  lex->bloom_bits = bits;
  return NK_OK;
}

/* Splits LINE (modified in place) on TABs into a new field vector. */
static const char **split_fields(char *line, size_t *n)
{
  size_t count = 1;
  for (char *p = line; *p; p++)
    count += *p == '\t';
  const char **f = malloc(count * sizeof *f);
  if (!f)
    return NULL;
  size_t k = 0;
  f[k++] = line;
  for (char *p = line; *p; p++)
    if (*p == '\t') {
      *p = '\0';
      f[k++] = p + 1;
    }
  /* Trim trailing spaces and CRs of every field: spreadsheets leave them behind. */
  for (size_t i = 0; i < k; i++) {
    char *s = (char *)f[i];
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\r'))
      s[--len] = '\0';
    while (*s == ' ')
      s++;
    f[i] = s;
  }
  *n = k;
  return f;
}

static nk_status add_line(nk_lex *lex, char *line, size_t lineno, const char *resource,
                          nk_error *err)
{
  size_t nf;
  const char **fields = split_fields(line, &nf);
  if (!fields)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
  if (!fields[0][0]) {
    free((void *)fields);
    return NK_OK;
  }
  nk_doc *doc = NULL;
  nk_status st = nk_doc_segment(fields[0], strlen(fields[0]), NULL, "fr", &doc, err);
  if (st != NK_OK || doc->n_toks == 0) {
    free((void *)fields);
    nk_doc_free(doc);
    return st != NK_OK ? st
                       : nk_error_set(err, NK_ERR_INTERNAL, "schemas/%s:%zu: empty phrase",
                                      resource, lineno);
  }
  if (lex->n == lex->cap) {
    size_t ncap = lex->cap ? lex->cap * 2 : 256;
    lex_item *p = realloc(lex->items, ncap * sizeof *p);
    if (!p) {
      free((void *)fields);
      nk_doc_free(doc);
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
    }
    lex->items = p;
    lex->cap = ncap;
  }
  lex_item *it = &lex->items[lex->n];
  memset(it, 0, sizeof *it);
  it->folds = calloc(doc->n_toks, sizeof *it->folds);
  it->hashes = calloc(doc->n_toks, sizeof *it->hashes);
  if (!it->folds || !it->hashes) {
    free(it->folds);
    free(it->hashes);
    free((void *)fields);
    nk_doc_free(doc);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
  }
  it->e.phrase = fields[0];
  it->e.fields = fields;
  it->e.n_fields = nf;
  it->e.line = lineno;
  it->e.n_tokens = doc->n_toks;
  lex->n++; /* from here on nk_lex_free releases it */
  for (size_t k = 0; k < doc->n_toks; k++)
    if (!(it->folds[k] = strdup(doc->toks[k].fold ? doc->toks[k].fold : ""))) {
      it->e.n_tokens = k;
      nk_doc_free(doc);
      return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
    }
  for (size_t k = 0; k < doc->n_toks; k++)
    it->hashes[k] = nk_fold_hash(it->folds[k]);
  nk_doc_free(doc);
  return NK_OK;
}

nk_status nk_lex_add_resource(nk_lex *lex, const char *resource, nk_error *err)
{
  size_t len;
  const char *data = nk_resource_get(resource, &len);
  if (!data)
    return nk_error_set(err, NK_ERR_INTERNAL, "schemas/%s: not embedded in this build",
                        resource);
  char **files = realloc(lex->files, (lex->n_files + 1) * sizeof *files);
  if (!files)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
  lex->files = files;
  char *copy = malloc(len + 1);
  if (!copy)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
  memcpy(copy, data, len);
  copy[len] = '\0';
  lex->files[lex->n_files++] = copy;

  size_t lineno = 0;
  for (char *line = copy; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    lineno++;
    if (line[0] != '#') {
      nk_status st = add_line(lex, line, lineno, resource, err);
      if (st != NK_OK)
        return st;
    }
    line = nl ? nl + 1 : NULL;
  }
  return reindex(lex, err);
}

nk_status nk_lex_load(const char *resource, nk_lex **out, nk_error *err)
{
  nk_lex *lex = calloc(1, sizeof *lex);
  if (!lex)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
  nk_status st = nk_lex_add_resource(lex, resource, err);
  if (st != NK_OK) {
    nk_lex_free(lex);
    return st;
  }
  *out = lex;
  return NK_OK;
}

const nk_lex_entry *nk_lex_match(const nk_lex *lex, const nk_doc *doc, size_t i)
{
  if (!lex || !lex->heads || i >= doc->n_toks || !doc->toks[i].fold)
    return NULL;
  const nk_token *t = &doc->toks[i];
  const nk_sentence *s = &doc->sents[t->sent];
  size_t sent_end = s->tok_first + s->tok_count;
  uint32_t th = tok_hash(t);
  size_t b = bloom_bit(th, lex->bloom_bits);
  if (!(lex->bloom[b >> 6] & ((uint64_t)1 << (b & 63))))
    return NULL;
  size_t h = (size_t)(th & (lex->n_heads - 1));
  for (size_t k = lex->heads[h]; k != SIZE_MAX; k = lex->items[k].next) {
    const lex_item *it = &lex->items[k];
    /* Another first word (every entry has at least one token): no match. */
    if (it->hash0 != th || i + it->e.n_tokens > sent_end)
      continue;
    size_t j = 0;
    while (j < it->e.n_tokens && doc->toks[i + j].fold &&
           tok_hash(&doc->toks[i + j]) == it->hashes[j] &&
           strcmp(doc->toks[i + j].fold, it->folds[j]) == 0)
      j++;
    if (j == it->e.n_tokens)
      return &it->e;
  }
  return NULL;
}

const nk_lex_entry nk_lex_no_entry;

int nk_lex_memo_init(nk_lex_memo *m, size_t n_toks)
{
  m->n = n_toks;
  m->at = calloc(n_toks ? n_toks : 1, sizeof *m->at);
  return m->at ? 0 : -1;
}

void nk_lex_memo_free(nk_lex_memo *m)
{
  free((void *)m->at);
  m->at = NULL;
  m->n = 0;
}

const nk_lex_entry *nk_lex_memo_fill(nk_lex_memo *m, const nk_lex *lex, const nk_doc *doc,
                                     size_t i)
{
  const nk_lex_entry *e = nk_lex_match(lex, doc, i);
  m->at[i] = e ? e : &nk_lex_no_entry;
  return e;
}

const nk_lex_entry *nk_lex_lookup(const nk_lex *lex, const char *phrase)
{
  nk_doc *doc = NULL;
  nk_error err;
  if (nk_doc_segment(phrase, strlen(phrase), NULL, "fr", &doc, &err) != NK_OK)
    return NULL;
  const nk_lex_entry *e = doc->n_toks ? nk_lex_match(lex, doc, 0) : NULL;
  if (e && e->n_tokens != doc->n_toks)
    e = NULL;
  nk_doc_free(doc);
  return e;
}

size_t nk_lex_count(const nk_lex *lex)
{
  return lex ? lex->n : 0;
}

const nk_lex_entry *nk_lex_at(const nk_lex *lex, size_t i)
{
  return lex && i < lex->n ? &lex->items[i].e : NULL;
}
