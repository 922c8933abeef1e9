/* Within-article resolution: which candidate names are the same actor, and the graph built
   from them.
     - an acronym defined in the text, and every later use of it, is its long form;
     - names with the same world entry, or the same name key (nk_name_key), are one actor;
     - a lone word (or title + word: "M. Durand", "Dr Amadou") is the person whose full name
       ends with it ("Paul Durand"), or else starts with it ("Amadou Diallo Keita");
       when two full names share it, the most recent one before it;
     - a description ("le président américain", "la ministre") is the actor introduced with a
       role holding those words ("Le président américain Paul Durand").
   The canonical name is the longest name seen, without courtesy title; names[] keeps every
   form seen, as written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extraction/actors_internal.h"

static int32_t root(ak_work *w, int32_t i)
{
  while (w->c[i].link != i) {
    w->c[i].link = w->c[w->c[i].link].link;
    i = w->c[i].link;
  }
  return i;
}

static void unite(ak_work *w, int32_t a, int32_t b)
{
  a = root(w, a);
  b = root(w, b);
  if (a == b)
    return;
  if (a < b)
    w->c[b].link = a;
  else
    w->c[a].link = b;
}

static size_t words_of(const char *key)
{
  size_t n = key[0] ? 1 : 0;
  for (const char *p = key; *p; p++)
    n += *p == ' ';
  return n;
}

/* A name written with lowercase letters, not all in capitals. */
static int mixed_case(const char *s)
{
  for (; *s; s++)
    if (*s >= 'a' && *s <= 'z')
      return 1;
  return 0;
}

/* Every word of A is a word of B. */
static int words_within(const char *a, const char *b)
{
  size_t bl = strlen(b);
  while (*a) {
    const char *sp = strchr(a, ' ');
    size_t n = sp ? (size_t)(sp - a) : strlen(a);
    int found = 0;
    for (size_t i = 0; i + n <= bl; i++) {
      if ((i == 0 || b[i - 1] == ' ') && (i + n == bl || b[i + n] == ' ') && memcmp(b + i, a, n) == 0) {
        found = 1;
        break;
      }
    }
    if (!found)
      return 0;
    a += n;
    while (*a == ' ')
      a++;
  }
  return 1;
}

static char *token_key(const nk_doc *doc, size_t i)
{
  char *t = ak_span_text(doc, i, i + 1);
  if (!t)
    return NULL;
  char *k = nk_name_key(t);
  free(t);
  return k;
}

/* Full person names, with the keys of their last and first words. */
typedef struct full_names {
  int32_t *cand;   /* candidate of each full name, in candidate order */
  size_t n;
  ak_map word[2];  /* [0] last word, [1] first word → its group number */
  int32_t *head[2];/* per group: its first full name (index into cand) */
  int32_t *next[2];/* per full name: the next full name of its group, or -1 */
  ak_map hit[2];   /* last/first word key → candidate: -1 absent, -2 shared by two people */
} full_names;

static void full_names_free(full_names *f)
{
  free(f->cand);
  for (int which = 0; which < 2; which++) {
    ak_map_free(&f->word[which]);
    ak_map_free(&f->hit[which]);
    free(f->head[which]);
    free(f->next[which]);
  }
}

/* Full person names indexed by their last and first word keys. Full names sharing a word are
   chained in candidate order, so that nearest_full() visits only those (scanning every full
   name for every lone word was quadratic in long articles). */
static nk_status index_full_names(ak_work *w, full_names *f)
{
  size_t cap = w->nc ? w->nc : 1;
  f->cand = malloc(cap * sizeof *f->cand);
  f->next[0] = malloc(cap * sizeof *f->next[0]);
  f->next[1] = malloc(cap * sizeof *f->next[1]);
  f->head[0] = malloc(cap * sizeof *f->head[0]);
  f->head[1] = malloc(cap * sizeof *f->head[1]);
  int32_t *tail[2] = {malloc(cap * sizeof(int32_t)), malloc(cap * sizeof(int32_t))};
  nk_status st = NK_OK;
  if (!f->cand || !f->next[0] || !f->next[1] || !f->head[0] || !f->head[1] || !tail[0] ||
      !tail[1])
    st = NK_ERR_NOMEM;
  f->n = 0;
  size_t ngroups[2] = {0, 0};
  for (size_t k = 0; st == NK_OK && k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead || c->world >= 0 || c->acr_of >= 0 || c->head || c->end - c->first < 2 ||
        ak_cand_type(w, c) != NK_PERSON)
      continue;
    int32_t fi = (int32_t)f->n++;
    f->cand[fi] = (int32_t)k;
    for (int which = 0; which < 2 && st == NK_OK; which++) {
      char *tk = token_key(w->doc, which ? c->first : c->end - 1);
      if (!tk) {
        st = NK_ERR_NOMEM;
        break;
      }
      size_t tl = strlen(tk);
      /* the chain of full names with this word: word[] maps the key to its group, head[]
         and tail[] hold the group's first and last full names */
      f->next[which][fi] = -1;
      int32_t grp = ak_map_get(&f->word[which], tk, tl);
      if (grp < 0) {
        grp = (int32_t)ngroups[which]++;
        f->head[which][grp] = fi;
        if (ak_map_put(&f->word[which], tk, tl, grp) != 0)
          st = NK_ERR_NOMEM;
      } else {
        f->next[which][tail[which][grp]] = fi;
      }
      tail[which][grp] = fi;
      ak_map *m = &f->hit[which];
      int32_t prev = ak_map_get(m, tk, tl);
      if (st == NK_OK && prev == -1) {
        if (ak_map_put(m, tk, tl, (int32_t)k) != 0)
          st = NK_ERR_NOMEM;
      } else if (st == NK_OK && prev >= 0 && root(w, prev) != root(w, (int32_t)k)) {
        /* shared by two people: mark it (the map keeps its first value, so rewrite it) */
        ak_map_set(m, tk, tl, -2);
      }
      free(tk);
    }
  }
  free(tail[0]);
  free(tail[1]);
  return st;
}

/* The full name whose word at WHICH end equals KEY, most recent before POS (else the first
   after it, in candidate order). */
static int32_t nearest_full(ak_work *w, const full_names *f, const char *key, int which,
                            size_t pos)
{
  int32_t grp = ak_map_get(&f->word[which], key, strlen(key));
  if (grp < 0)
    return -1;
  int32_t before = -1, after = -1;
  for (int32_t fi = f->head[which][grp]; fi >= 0; fi = f->next[which][fi]) {
    ak_cand *c = &w->c[f->cand[fi]];
    if (c->tfirst < pos && (before < 0 || c->tfirst > w->c[before].tfirst))
      before = f->cand[fi];
    if (c->tfirst >= pos && after < 0)
      after = f->cand[fi];
  }
  return before >= 0 ? before : after;
}

/* "M. Le Maire", "Le Pen": a name of several words ending a longer person name. */
static nk_status multiword_short_names(ak_work *w, const int32_t *full, size_t nfull)
{
  ak_map suffix = {0};
  nk_status st = NK_OK;
  for (size_t f = 0; f < nfull && st == NK_OK; f++) {
    const char *k = w->c[full[f]].key;
    for (const char *p = strchr(k, ' '); p; p = strchr(p + 1, ' ')) {
      const char *sfx = p + 1;
      if (!strchr(sfx, ' '))
        break; /* one word: short_names() does those */
      int32_t prev = ak_map_get(&suffix, sfx, strlen(sfx));
      if (prev == -1) {
        if (ak_map_put(&suffix, sfx, strlen(sfx), full[f]) != 0)
          st = NK_ERR_NOMEM;
      } else if (prev >= 0 && root(w, prev) != root(w, full[f])) {
        ak_map_set(&suffix, sfx, strlen(sfx), -2); /* shared by two people: no attachment */
      }
    }
  }
  for (size_t k = 0; st == NK_OK && suffix.n && k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead || c->world >= 0 || c->acr_of >= 0 || c->head || c->end - c->first < 2)
      continue;
    int32_t hit = ak_map_get(&suffix, c->key, strlen(c->key));
    if (hit >= 0)
      unite(w, (int32_t)k, hit);
  }
  ak_map_free(&suffix);
  return st;
}

/* "Meta" after "Meta Platforms Inc.": a one-word organisation name that begins a longer
   organisation name of the article (not a place: "Washington" is no short "Washington Post"). */
static nk_status org_short_names(ak_work *w)
{
  ak_map head = {0};
  for (size_t k = 0; k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead || c->world >= 0 || c->head || c->acr_of >= 0 || c->end - c->first < 2 ||
        ak_cand_type(w, c) != NK_ORGANIZATION)
      continue;
    char *tk = token_key(w->doc, c->first);
    if (!tk) {
      ak_map_free(&head);
      return NK_ERR_NOMEM;
    }
    int32_t prev = ak_map_get(&head, tk, strlen(tk));
    int rc = 0;
    if (prev == -1)
      rc = ak_map_put(&head, tk, strlen(tk), (int32_t)k);
    else if (prev >= 0 && root(w, prev) != root(w, (int32_t)k))
      ak_map_set(&head, tk, strlen(tk), -2);
    free(tk);
    if (rc != 0) {
      ak_map_free(&head);
      return NK_ERR_NOMEM;
    }
  }
  for (size_t k = 0; head.n && k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead || c->end - c->first != 1 || c->acr_of >= 0 ||
        (c->world >= 0 && ak_world_type(w->l, c->world, 0) != NK_ORGANIZATION) ||
        (c->world < 0 && ak_cand_type(w, c) != NK_ORGANIZATION))
      continue;
    int32_t hit = ak_map_get(&head, c->key, strlen(c->key));
    if (hit >= 0)
      unite(w, (int32_t)k, hit);
  }
  ak_map_free(&head);
  return NK_OK;
}

static nk_status short_names(ak_work *w)
{
  full_names f;
  memset(&f, 0, sizeof f);
  nk_status st = index_full_names(w, &f);
  if (st == NK_OK)
    st = multiword_short_names(w, f.cand, f.n);
  if (st == NK_OK)
    st = org_short_names(w);
  for (size_t k = 0; st == NK_OK && k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead || c->world >= 0 || c->acr_of >= 0 || c->head ||
        (c->end - c->first != 1 && words_of(c->key) != 1) || ak_acronym(w->doc, c->first))
      continue;
    for (int which = 0; which < 2; which++) {
      int32_t hit = ak_map_get(&f.hit[which], c->key, strlen(c->key));
      if (hit == -2)
        hit = nearest_full(w, &f, c->key, which, c->tfirst);
      if (hit >= 0) {
        unite(w, (int32_t)k, hit);
        break;
      }
    }
  }
  full_names_free(&f);
  return st;
}

/* A city's name alone, not after a place preposition, in an article naming a sports club of
   that city, is the club: "le joueur quitte Lyon" with "l'Olympique lyonnais" in the article,
   "avec Madrid" with "le Real Madrid". The candidate takes the club's key. */
static nk_status clubs(ak_work *w)
{
  int32_t club[16];
  size_t nclub = 0;
  for (size_t k = 0; k < w->nc && nclub < 16; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead || (c->world >= 0 && ak_world_type(w->l, c->world, 0) != NK_ORGANIZATION))
      continue;
    for (size_t t = c->first; t < c->end; t++) {
      int32_t row;
      if (ak_cue_at(w->l, w->doc, &w->nm, t, CUE_ORG_WORD, &row) &&
          strcmp(ak_field(&w->l->cues, row, C_EXTRA), "club") == 0) {
        club[nclub++] = (int32_t)k;
        break;
      }
    }
  }
  for (size_t k = 0; nclub && k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead || c->world < 0 || c->located || c->end - c->first != 1 ||
        ak_world_type(w->l, c->world, 0) != NK_PLACE)
      continue;
    /* the city's name and demonyms, normalised */
    char forms[1024];
    size_t fl = 0;
    const char *d = ak_field(&w->l->world, c->world, W_DEMONYMS);
    char *fd = nk_text_fold(d, strlen(d));
    if (!fd)
      return NK_ERR_NOMEM;
    for (char *p = fd; *p; p++)
      if (*p == ' ')
        *p = '_'; /* keep multi-word demonyms whole; '|' separates */
    char *fc = nk_text_fold(c->text, strlen(c->text));
    if (!fc) {
      free(fd);
      return NK_ERR_NOMEM;
    }
    size_t n = strlen(fc);
    if (n + strlen(fd) + 4 < sizeof forms) {
      memcpy(forms, fc, n);
      forms[n] = '|';
      memcpy(forms + n + 1, fd, strlen(fd) + 1);
      fl = strlen(forms);
    }
    free(fd);
    free(fc);
    for (size_t o = 0; fl && o < nclub; o++) {
      ak_cand *cl = &w->c[club[o]];
      if (club[o] == (int32_t)k)
        continue;
      char key[512];
      char *ft = nk_text_fold(cl->text, strlen(cl->text));
      if (!ft)
        return NK_ERR_NOMEM;
      if (strlen(ft) >= sizeof key) {
        free(ft);
        continue;
      }
      ak_norm(ft, strlen(ft), key);
      free(ft);
      /* does a word of the club's name equal one of the forms? */
      int hit = 0;
      for (const char *f = forms; *f && !hit;) {
        const char *bar = strchr(f, '|');
        size_t len = bar ? (size_t)(bar - f) : strlen(f);
        char word[128];
        if (len > 0 && len < sizeof word) {
          memcpy(word, f, len);
          word[len] = '\0';
          char *nw = malloc(len + 1);
          if (!nw)
            return NK_ERR_NOMEM;
          ak_norm(word, len, nw);
          size_t wl = strlen(nw), kl = strlen(key);
          for (size_t i = 0; wl && i + wl <= kl && !hit; i++)
            hit = (i == 0 || key[i - 1] == ' ') && (i + wl == kl || key[i + wl] == ' ') &&
                  memcmp(key + i, nw, wl) == 0;
          free(nw);
        }
        f += len;
        if (*f == '|')
          f++;
      }
      if (hit) {
        char *nk = malloc(strlen(cl->key) + 1);
        if (!nk)
          return NK_ERR_NOMEM;
        strcpy(nk, cl->key);
        free(c->key);
        c->key = nk;
        c->world = -1;
        c->org += 3;
        break;
      }
    }
  }
  return NK_OK;
}

typedef struct group {
  int32_t root;
  size_t pos;       /* first token of its first mention */
  int32_t canon;    /* candidate giving the canonical name */
  int32_t world;
  int person, org, place, agent, multi;
  int lone;         /* mentions of one word */
  int32_t actor;
} group;

static int cmp_group(const void *a, const void *b)
{
  const group *x = a, *y = b;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int cmp_mention(const void *a, const void *b)
{
  const nk_mention *x = a, *y = b;
  if (x->tok_first != y->tok_first)
    return x->tok_first < y->tok_first ? -1 : 1;
  return x->tok_end > y->tok_end ? -1 : x->tok_end < y->tok_end;
}

/* The actor of the role introduced before POS (else after) whose words hold KEY's. */
static int role_fits(ak_work *w, const ak_role *r, const ak_role *d)
{
  return r->cand >= 0 && !w->c[r->cand].dead && w->c[r->cand].actor >= 0 &&
         words_within(d->key, r->key);
}

/* Roles are in text order: look back (a bounded number) for the latest fitting one, else ahead. */
static int32_t description_actor(ak_work *w, size_t di)
{
  const ak_role *d = &w->r[di];
  for (size_t k = di, n = 0; k > 0 && n < 200; k--, n++)
    if (role_fits(w, &w->r[k - 1], d))
      return w->c[w->r[k - 1].cand].actor;
  for (size_t k = di + 1, n = 0; k < w->nr && n < 50; k++, n++)
    if (role_fits(w, &w->r[k], d))
      return w->c[w->r[k].cand].actor;
  return -1;
}

/* Relations are added once: SEEN holds "from:to:kind". Returns 1 when already there, 0 when
   newly noted, -1 on memory failure. */
static int has_relation(ak_map *seen, int32_t from, int32_t to, nk_rel_kind kind)
{
  char key[64];
  int n = snprintf(key, sizeof key, "\x02%d:%d:%d", (int)from, (int)to, (int)kind);
  if (ak_map_get(seen, key, (size_t)n) >= 0)
    return 1;
  return ak_map_put(seen, key, (size_t)n, 1) != 0 ? -1 : 0;
}

nk_status ak_resolve(ak_work *w, nk_graph *g)
{
  nk_status st = NK_OK;
  ak_map seen = {0};
  group *gr = NULL;
  int32_t *slot = NULL;
  nk_mention *ms = NULL;
  size_t ng = 0, nms = 0;

  if ((st = clubs(w)) != NK_OK)
    goto done;
  /* 1. links: acronyms, world entries, equal keys */
  for (size_t k = 0; k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead)
      continue;
    if (c->acr_of >= 0 && !w->c[c->acr_of].dead)
      unite(w, (int32_t)k, c->acr_of);
    char wk[32];
    if (c->world >= 0) {
      int n = snprintf(wk, sizeof wk, "\x01%d", (int)c->world);
      int32_t prev = ak_map_get(&seen, wk, (size_t)n);
      if (prev >= 0)
        unite(w, (int32_t)k, prev);
      else if (ak_map_put(&seen, wk, (size_t)n, (int32_t)k) != 0)
        goto nomem;
    }
    if (c->key[0]) {
      int32_t prev = ak_map_get(&seen, c->key, strlen(c->key));
      if (prev >= 0)
        unite(w, (int32_t)k, prev);
      else if (ak_map_put(&seen, c->key, strlen(c->key), (int32_t)k) != 0)
        goto nomem;
    }
  }
  /* 2. lone surnames and first names */
  if ((st = short_names(w)) != NK_OK)
    goto done;

  /* 3. groups */
  gr = calloc(w->nc ? w->nc : 1, sizeof *gr);
  slot = malloc((w->nc ? w->nc : 1) * sizeof *slot);
  if (!gr || !slot)
    goto nomem;
  {
    for (size_t k = 0; k < w->nc; k++)
      slot[k] = -1;
    for (size_t k = 0; k < w->nc; k++) {
      ak_cand *c = &w->c[k];
      if (c->dead)
        continue;
      int32_t r = root(w, (int32_t)k);
      if (slot[r] < 0) {
        slot[r] = (int32_t)ng;
        gr[ng].root = r;
        gr[ng].pos = c->tfirst;
        gr[ng].canon = (int32_t)k;
        gr[ng].world = -1;
        gr[ng].actor = -1;
        ng++;
      }
      group *x = &gr[slot[r]];
      if (c->tfirst < x->pos)
        x->pos = c->tfirst;
      ak_cand *cc = &w->c[x->canon];
      size_t wa = words_of(c->key), wb = words_of(cc->key);
      /* the same name in capitals ("DOHA —" in a dateline) and in mixed case: the mixed case */
      int same = strcmp(c->key, cc->key) == 0;
      int ma = same ? mixed_case(c->text) : 0, mb = same ? mixed_case(cc->text) : 0;
      if (ma != mb) {
        if (ma)
          x->canon = (int32_t)k;
      } else if (wa > wb || (wa == wb && strlen(c->text) > strlen(cc->text)) ||
                 (wa == wb && strlen(c->text) == strlen(cc->text) && c->tfirst < cc->tfirst))
        x->canon = (int32_t)k;
      if (c->world >= 0 && x->world < 0)
        x->world = c->world;
      x->person += c->person;
      x->org += c->org;
      x->place += c->place;
      x->agent |= c->agent;
      x->multi |= c->end - c->first >= 2;
      x->lone += c->end - c->first == 1;
    }
    /* the long form of a defined acronym decides the world entry */
    for (size_t k = 0; k < w->nc; k++) {
      ak_cand *c = &w->c[k];
      if (!c->dead && c->acr_of >= 0 && !w->c[c->acr_of].dead)
        gr[slot[root(w, (int32_t)k)]].world = w->c[c->acr_of].world;
    }
  }
  qsort(gr, ng, sizeof *gr, cmp_group);
  for (size_t i = 0; i < ng; i++)
    slot[gr[i].root] = (int32_t)i;

  /* 4. actors */
  for (size_t i = 0; i < ng; i++) {
    group *x = &gr[i];
    nk_actor_type t;
    if (x->world >= 0)
      t = ak_world_type(w->l, x->world, x->agent);
    else /* a name said alone each time leans to an organisation each time ("Benfica"); short
            forms of a longer name ("Nogueira" after "Duarte Nogueira") add nothing to it */
      t = ak_type_from(x->person, x->org + (x->multi ? 0 : x->lone - 1), x->place, x->multi);
    int32_t a = nk_graph_add_actor(g, w->c[x->canon].text, t);
    if (a < 0)
      goto nomem;
    x->actor = a;
    if (x->world >= 0 && nk_graph_set_str(&g->actors[a].wk_id, ak_field(&w->l->world, x->world, W_ID)) != 0)
      goto nomem;
  }
  for (size_t k = 0; k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead)
      continue;
    c->actor = gr[slot[root(w, (int32_t)k)]].actor;
  }
  /* names, in text order */
  {
    int32_t *order = malloc((w->nc ? w->nc : 1) * sizeof *order);
    size_t no = 0;
    if (!order)
      goto nomem;
    for (size_t k = 0; k < w->nc; k++)
      if (!w->c[k].dead)
        order[no++] = (int32_t)k;
    for (size_t i = 1; i < no; i++) /* insertion sort: candidates are nearly in order */
      for (size_t j = i; j > 0 && w->c[order[j - 1]].tfirst > w->c[order[j]].tfirst; j--) {
        int32_t t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
    for (size_t i = 0; i < no; i++) {
      ak_cand *c = &w->c[order[i]];
      if (nk_graph_actor_add_name(g, c->actor, c->full) != 0 ||
          nk_graph_actor_add_name(g, c->actor, c->text) != 0) {
        free(order);
        goto nomem;
      }
    }
    free(order);
  }

  /* 5. roles, relations, mentions */
  ms = malloc((w->nc + w->nr + 1) * sizeof *ms);
  if (!ms)
    goto nomem;
  for (size_t k = 0; k < w->nc; k++) {
    ak_cand *c = &w->c[k];
    if (c->dead)
      continue;
    nk_mention m = {c->actor, w->doc->toks[c->tfirst].start, w->doc->toks[c->end - 1].end,
                    (uint32_t)c->tfirst, (uint32_t)c->end, NK_MENTION_NAME};
    ms[nms++] = m;
  }
  for (size_t k = 0; k < w->nr; k++) {
    ak_role *r = &w->r[k];
    int32_t actor = -1;
    if (r->cand >= 0 && !w->c[r->cand].dead) {
      actor = w->c[r->cand].actor;
      if (nk_graph_actor_add_role(g, actor, r->text) != 0)
        goto nomem;
      if (r->org_cand >= 0 && !w->c[r->org_cand].dead) {
        int32_t org = w->c[r->org_cand].actor;
        if (org >= 0 && org != actor && g->actors[org].type != NK_PERSON) {
          int hr = has_relation(&seen, actor, org, NK_REL_AFFILIATED);
          if (hr < 0 || (hr == 0 && nk_graph_add_relation(g, actor, org, NK_REL_AFFILIATED) < 0))
            goto nomem;
        }
      }
    } else if (r->cand < 0) {
      actor = description_actor(w, k);
    }
    if (actor >= 0) {
      nk_mention m = {actor, w->doc->toks[r->dfirst].start, w->doc->toks[r->end - 1].end,
                      (uint32_t)r->dfirst, (uint32_t)r->end, NK_MENTION_DESCRIPTION};
      ms[nms++] = m;
    }
  }
  qsort(ms, nms, sizeof *ms, cmp_mention);
  for (size_t i = 0; i < nms; i++)
    if (nk_graph_add_mention(g, &ms[i]) < 0)
      goto nomem;
  goto done;
nomem:
  st = NK_ERR_NOMEM;
done:
  ak_map_free(&seen);
  free(gr);
  free(slot);
  free(ms);
  return st;
}
