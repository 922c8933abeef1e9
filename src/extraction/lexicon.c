/* Phrase tables loaded from embedded TSV files and matched on token folds.
   Entries are indexed by the fold hash of their first token. Each bucket is a run of compact
   slots, longest phrase first, so the first full match is the longest one; a slot carries
   what rejects most entries (first and second fold hashes, length) so that a walk reads the
   entries themselves only for a likely match. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extraction/lexicon.h"
#include "util/resources.h"

typedef struct lex_item {
  nk_lex_entry e;
  char **folds;      /* n_tokens folded tokens (owned) */
  uint32_t *hashes;  /* nk_fold_hash of each fold: compared before the strings */
} lex_item;

/* One entry in its bucket's run. */
typedef struct lex_slot {
  uint32_t hash0;    /* hashes[0] of the item */
  uint32_t hash1;    /* hashes[1], 0 for a phrase of one token */
  uint32_t n_tokens;
  uint32_t item;     /* index in items */
  const char *fold0; /* the item's first fold, shared by every slot of the bucket with the
                        same string: a walk compares token I's fold with it once, not once
                        per phrase starting with that word ("se", "s'" start dozens) */
} lex_slot;

struct nk_lex {
  lex_item *items;
  size_t n, cap;
  char **files;      /* copies of the loaded files, fields point into them */
  size_t n_files;
  uint32_t *bucket;  /* n_heads + 1 offsets: bucket h is slots[bucket[h] .. bucket[h + 1]) */
  lex_slot *slots;   /* n slots, grouped by bucket */
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
  free(lex->bucket);
  free(lex->slots);
  free(lex->bloom);
  free(lex);
}

/* Rebuilds the first-token index; buckets keep longer phrases first. */
static nk_status reindex(nk_lex *lex, nk_error *err)
{
  size_t want = 64;
  while (want < lex->n * 2)
    want *= 2;
  uint32_t *bucket = calloc(want + 1, sizeof *bucket);
  lex_slot *slots = malloc((lex->n ? lex->n : 1) * sizeof *slots);
  unsigned bits = 6;
  while (((size_t)1 << bits) < want * 8)
    bits++;
  uint64_t *bloom = calloc((size_t)1 << (bits - 6), sizeof *bloom);
  if (!bucket || !slots || !bloom || lex->n > UINT32_MAX) {
    free(bucket);
    free(slots);
    free(bloom);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
  }
  /* bucket[h + 1] counts bucket h, then the prefix sums make them offsets */
  size_t max_len = 0;
  for (size_t i = 0; i < lex->n; i++) {
    bucket[(lex->items[i].hashes[0] & (want - 1)) + 1]++;
    if (lex->items[i].e.n_tokens > max_len)
      max_len = lex->items[i].e.n_tokens;
  }
  for (size_t h = 0; h < want; h++)
    bucket[h + 1] += bucket[h];
  /* Longest first in each bucket; among equals, the later line first, so a later line can
     override an earlier one. FILL[h] is the next free slot of bucket h. */
  uint32_t *fill = malloc(want * sizeof *fill);
  if (!fill) {
    free(bucket);
    free(slots);
    free(bloom);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory loading lexicons");
  }
  memcpy(fill, bucket, want * sizeof *fill);
  for (size_t len = max_len; len >= 1; len--)
    for (size_t i = lex->n; i-- > 0;) {
      const lex_item *it = &lex->items[i];
      if (it->e.n_tokens != len)
        continue;
      size_t h = (size_t)(it->hashes[0] & (want - 1));
      lex_slot *sl = &slots[fill[h]++];
      sl->hash0 = it->hashes[0];
      sl->hash1 = len > 1 ? it->hashes[1] : 0;
      sl->n_tokens = (uint32_t)len;
      sl->item = (uint32_t)i;
      sl->fold0 = it->folds[0];
      for (const lex_slot *o = &slots[bucket[h]]; o < sl; o++)
        if (o->hash0 == sl->hash0 && strcmp(o->fold0, sl->fold0) == 0) {
          sl->fold0 = o->fold0;
          break;
        }
      size_t b = bloom_bit(it->hashes[0], bits);
      bloom[b >> 6] |= (uint64_t)1 << (b & 63);
    }
  free(fill);
  free(lex->bucket);
  free(lex->slots);
  free(lex->bloom);
  lex->bucket = bucket;
  lex->slots = slots;
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

/* The longest entry of T's bucket that matches from T on, ROOM tokens being left in the
   sentence. Apart from nk_lex_match so that the tokens the filter rejects (most of them) pay
   for a short function, not for the registers this loop needs (hence noinline). */
__attribute__((noinline)) static const nk_lex_entry *match_bucket(const nk_lex *lex, const nk_token *t, size_t room,
                                        uint32_t th)
{
  /* the second token, compared by hash before any entry of two tokens or more is read */
  int has1 = room > 1 && t[1].fold;
  uint32_t h1 = has1 ? tok_hash(&t[1]) : 0;
  const char *fold0_ok = NULL; /* a slot's fold0 already found equal to T's fold */
  size_t h = (size_t)(th & (lex->n_heads - 1));
  const lex_slot *end = &lex->slots[lex->bucket[h + 1]];
  for (const lex_slot *sl = &lex->slots[lex->bucket[h]]; sl < end; sl++) {
    if (sl->hash0 != th || sl->n_tokens > room ||
        (sl->n_tokens > 1 && (!has1 || sl->hash1 != h1)))
      continue;
    if (sl->fold0 != fold0_ok) {
      if (strcmp(t->fold, sl->fold0) != 0)
        continue;
      fold0_ok = sl->fold0;
    }
    const lex_item *it = &lex->items[sl->item];
    size_t j = 1;
    while (j < sl->n_tokens && t[j].fold && tok_hash(&t[j]) == it->hashes[j] &&
           strcmp(t[j].fold, it->folds[j]) == 0)
      j++;
    if (j == sl->n_tokens)
      return &it->e;
  }
  return NULL;
}

/* nk_lex_match once token I's fold hash TH is known: the filter, then the bucket. */
static const nk_lex_entry *match_hashed(const nk_lex *lex, const nk_doc *doc, size_t i,
                                        uint32_t th)
{
  size_t b = bloom_bit(th, lex->bloom_bits);
  if (!(lex->bloom[b >> 6] & ((uint64_t)1 << (b & 63))))
    return NULL;
  const nk_token *t = &doc->toks[i];
  const nk_sentence *s = &doc->sents[t->sent];
  return match_bucket(lex, t, s->tok_first + s->tok_count - i, th);
}

/* For a token built without its fold hash: out of line, so that nk_lex_match makes no call
   of its own (a call would make it save registers on every token). */
__attribute__((noinline)) static const nk_lex_entry *match_unhashed(const nk_lex *lex,
                                                                  const nk_doc *doc, size_t i)
{
  return match_hashed(lex, doc, i, nk_fold_hash(doc->toks[i].fold));
}

const nk_lex_entry *nk_lex_match(const nk_lex *lex, const nk_doc *doc, size_t i)
{
  if (!lex || !lex->bucket || i >= doc->n_toks || !doc->toks[i].fold)
    return NULL;
  uint32_t th = doc->toks[i].fold_hash;
  return th ? match_hashed(lex, doc, i, th) : match_unhashed(lex, doc, i);
}

const nk_lex_entry nk_lex_no_entry;

int nk_lex_memos_init(nk_lex_memo *m, size_t count, size_t n_toks)
{
  if (!count)
    return 0;
  const nk_lex_entry **at = calloc(count * (n_toks ? n_toks : 1), sizeof *at);
  if (!at)
    return -1;
  for (size_t k = 0; k < count; k++) {
    m[k].at = at + k * (n_toks ? n_toks : 1);
    m[k].n = n_toks;
  }
  return 0;
}

void nk_lex_memos_free(nk_lex_memo *m, size_t count)
{
  if (count)
    free((void *)m[0].at);
  for (size_t k = 0; k < count; k++) {
    m[k].at = NULL;
    m[k].n = 0;
  }
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
