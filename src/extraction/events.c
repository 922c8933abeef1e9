/* The event stage: loads its tables, finds trigger phrases in story sentences, refines
   their CAMEO codes, then hands each candidate to the participant, time/place and
   factuality passes and finally to the merge/emit pass (see events_internal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extraction/events_internal.h"

/* ---------------------------------------------------------------- token helpers */

const char *ev_fold(const ev_run *r, size_t i)
{
  if (i >= r->doc->n_toks || !r->doc->toks[i].fold)
    return "";
  return r->doc->toks[i].fold;
}

int ev_is(const ev_run *r, size_t i, const char *fold)
{
  if (i >= r->doc->n_toks)
    return 0;
  const char *f = ev_fold(r, i);
  return f[0] == fold[0] && strcmp(f, fold) == 0; /* first byte first: most tokens differ there */
}

int ev_is_word(const ev_run *r, size_t i, const char *const *list)
{
  if (i >= r->doc->n_toks)
    return 0;
  const char *f = ev_fold(r, i);
  for (size_t k = 0; list[k]; k++)
    if (f[0] == list[k][0] && strcmp(f, list[k]) == 0)
      return 1;
  return 0;
}

size_t ev_sent_first(const ev_run *r, size_t sent)
{
  return r->doc->sents[sent].tok_first;
}

size_t ev_sent_end(const ev_run *r, size_t sent)
{
  return r->doc->sents[sent].tok_first + r->doc->sents[sent].tok_count;
}

/* Relative and subordinating words: they end a clause for participant search. */
static const char *const clause_words[] = {
    "qui", "que", "qu'", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "lorsque",
    "lorsqu'", "quand", "si", "s'", "mais", "tandis", "car", "puisque", "puisqu'",
    "that", "which", "who", "whom", "when", "while", "but", "whether", "if", "because",
    "although", NULL};

/* Fills L's clause word table. */
static void index_clause_words(struct nk_events_lex *l)
{
  for (size_t k = 0; clause_words[k]; k++) {
    uint32_t h = nk_fold_hash(clause_words[k]);
    size_t j = h & 63;
    while (l->clause_word[j])
      j = (j + 1) & 63;
    l->clause_hash[j] = h;
    l->clause_word[j] = (unsigned char)(k + 1);
  }
}

/* 1 when token I's fold F is a clause word. Called for most tokens a participant search
   crosses: the fold hash rules out nearly every other word before any string compare. */
static int is_clause_word(const ev_run *r, size_t i, const char *f)
{
  const nk_token *t = &r->doc->toks[i];
  uint32_t h = t->fold_hash ? t->fold_hash : nk_fold_hash(f);
  const struct nk_events_lex *l = r->lex;
  for (size_t j = h & 63; l->clause_word[j]; j = (j + 1) & 63)
    if (l->clause_hash[j] == h && strcmp(f, clause_words[l->clause_word[j] - 1]) == 0)
      return 1;
  return 0;
}

/* ev_is_clause_break without the memo. */
static int clause_break(const ev_run *r, size_t i)
{
  const nk_token *t = &r->doc->toks[i];
  if (t->kind == NK_TOK_PUNCT) {
    const char *p = r->doc->text + t->start;
    char c = p[0];
    if (c == ';' || c == ':' || c == '(' || c == ')' || c == '?' || c == '!')
      return 1;
    /* dashes – and — (UTF-8 E2 80 93 / E2 80 94) open or close an incise */
    if (t->end - t->start == 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
      return 1;
    return 0;
  }
  if (t->kind != NK_TOK_WORD)
    return 0;
  /* "WHO" the organisation, not the relative pronoun */
  if ((t->flags & NK_TF_ALLCAPS) || ((t->flags & NK_TF_CAP) && !(t->flags & NK_TF_SENT_START)))
    return 0;
  const char *f = ev_fold(r, i);
  /* "as" opens a clause ("as protests erupt"), except in "as well as" */
  if (strcmp(f, "as") == 0)
    return !ev_is(r, i + 1, "well") && !(i > 0 && ev_is(r, i - 1, "well"));
  /* "s'" is a clause break only as "s'il"/"s'ils" (si + il), not as a reflexive */
  if (strcmp(f, "s'") == 0)
    return ev_is(r, i + 1, "il") || ev_is(r, i + 1, "ils");
  return is_clause_word(r, i, f);
}

int ev_is_clause_break(const ev_run *r, size_t i)
{
  if (!r->brk[i])
    r->brk[i] = (unsigned char)(1 + clause_break(r, i));
  return r->brk[i] - 1;
}

static ev_prep prep_of(const char *name)
{
  static const struct { const char *n; ev_prep p; } map[] = {
      {"agent", EVP_AGENT},     {"target", EVP_TARGET}, {"dative", EVP_DATIVE},
      {"loc", EVP_LOC},         {"board", EVP_BOARD},   {"between", EVP_BETWEEN},
      {"gen", EVP_GEN},         {"skip", EVP_SKIP},     {"recip", EVP_RECIP},
      {"light", EVP_LIGHT},     {"hostile", EVP_HOSTILE}, {NULL, EVP_NONE}};
  for (size_t k = 0; map[k].n; k++)
    if (map[k].n[0] == name[0] && strcmp(map[k].n, name) == 0) /* first byte first */
      return map[k].p;
  return EVP_NONE;
}

ev_prep ev_prep_at(const ev_run *r, size_t i, size_t *len)
{
  const nk_lex_entry *e = nk_lex_match_memo(&r->lm[EV_LM_ROLES], r->lex->roles[r->en], r->doc, i);
  if (!e || e->n_fields < 2) {
    /* an elided "d'" cannot end a lexicon phrase: it is "de" */
    if (i < r->doc->n_toks && (r->doc->toks[i].flags & NK_TF_ELISION) && ev_is(r, i, "d'")) {
      if (len)
        *len = 1;
      return EVP_GEN;
    }
    return EVP_NONE;
  }
  if (len)
    *len = e->n_tokens;
  return prep_of(e->fields[1]);
}

/* Words that may stand between a preposition and the name it introduces: determiners,
   possessives and lowercase title or description words ("avec le président russe Vladimir
   Poutine"). */
static int is_np_filler(const ev_run *r, size_t i)
{
  const nk_token *t = &r->doc->toks[i];
  if (t->kind == NK_TOK_QUOTE)
    return 1;
  if (t->kind != NK_TOK_WORD && t->kind != NK_TOK_NUMBER)
    return 0;
  if (t->kind == NK_TOK_WORD && (t->flags & NK_TF_CAP) && !(t->flags & NK_TF_SENT_START))
    return 1; /* part of a longer name the mention does not cover */
  return !(t->flags & NK_TF_CAP) || (t->flags & NK_TF_SENT_START);
}

ev_prep ev_prep_before(const ev_run *r, size_t i, size_t lo, size_t *at)
{
  /* Look back at most six tokens for a role phrase ending right before the words of the
     noun phrase. A role phrase is at most four tokens long. */
  size_t steps = 0;
  for (size_t j = i; j > lo && steps < 7; steps++) {
    j--;
    for (size_t len = 4; len >= 1; len--) {
      if (j + 1 < len || j + 1 - len < lo)
        continue;
      size_t k = j + 1 - len, n = 0;
      ev_prep p = ev_prep_at(r, k, &n);
      /* "about 200 activists": before a number "about" means roughly, no preposition */
      if (p == EVP_SKIP && ev_is(r, k, "about") && k + 1 < r->doc->n_toks &&
          r->doc->toks[k + 1].kind == NK_TOK_NUMBER)
        p = EVP_NONE;
      if (p != EVP_NONE && n == len) {
        size_t n2 = 0;
        /* "à bord d'Air Force One": the genitive belongs to the locative before it */
        if (p == EVP_GEN && k >= lo + 2 && ev_prep_at(r, k - 2, &n2) == EVP_BOARD && n2 == 2)
          k -= 2, p = EVP_BOARD;
        if (at)
          *at = k;
        return p;
      }
    }
    if (!is_np_filler(r, j) || ev_is_clause_break(r, j))
      return EVP_NONE;
  }
  return EVP_NONE;
}

static int32_t mention_at(const ev_run *r, size_t i)
{
  return i < r->doc->n_toks ? r->mention_of[i] : nk_mention_at(r->g, i);
}

int32_t ev_actor_at(const ev_run *r, size_t i, size_t *m_first, size_t *m_end)
{
  int32_t m = mention_at(r, i);
  if (m == NK_NONE || m < 0 || (size_t)m >= r->g->n_mentions)
    return NK_NONE;
  const nk_mention *mm = &r->g->mentions[m];
  if (mm->kind == NK_MENTION_CREDIT || mm->actor < 0 || (size_t)mm->actor >= r->g->n_actors)
    return NK_NONE;
  if (r->g->actors[mm->actor].credit_only)
    return NK_NONE;
  if (m_first)
    *m_first = mm->tok_first;
  if (m_end)
    *m_end = mm->tok_end;
  return mm->actor;
}

int ev_has_actor(const ev_cand *c, int32_t actor)
{
  for (size_t k = 0; k < c->n_parts; k++)
    if (c->parts[k].actor == actor)
      return 1;
  return 0;
}

int ev_add_part(ev_cand *c, int32_t actor, nk_role role)
{
  if (actor < 0)
    return 0;
  for (size_t k = 0; k < c->n_parts; k++)
    if (c->parts[k].actor == actor && c->parts[k].role == role)
      return 0;
  if (c->n_parts == EV_MAX_PARTS)
    return 0;
  c->parts[c->n_parts].actor = actor;
  c->parts[c->n_parts].role = role;
  c->n_parts++;
  return 1;
}

char *ev_strndup(const char *s, size_t n)
{
  char *p = malloc(n + 1);
  if (p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

/* ---------------------------------------------------------------- statements by offset */

/* Index of the first entry of stmt_order whose statement starts at or after OFF. */
static size_t stmt_lower(const ev_run *r, uint32_t off)
{
  size_t lo = 0, hi = r->g->n_statements;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (r->stmts[mid].start < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

int32_t ev_statement_covering(const ev_run *r, uint32_t off, int want)
{
  if (!r->stmts)
    return -1;
  /* statements starting at or before OFF, nearest first; a few steps back suffice since
     reported words rarely nest deeper */
  size_t k = stmt_lower(r, off + 1);
  for (size_t steps = 0; k > 0 && steps < 16; steps++) {
    k--;
    const nk_statement *s = &r->g->statements[r->stmts[k].stmt];
    if (off >= s->end)
      continue;
    if (want == 1 && s->kind != NK_INDIRECT)
      continue;
    if (want == 2 && s->kind == NK_INDIRECT)
      continue;
    return r->stmts[k].stmt;
  }
  return -1;
}

int32_t ev_statement_in(const ev_run *r, uint32_t start, uint32_t end)
{
  if (!r->stmts)
    return -1;
  for (size_t k = stmt_lower(r, start); k < r->g->n_statements; k++) {
    const nk_statement *s = &r->g->statements[r->stmts[k].stmt];
    if (s->start >= end)
      break;
    if (s->speaker >= 0)
      return r->stmts[k].stmt;
  }
  return -1;
}

static int stmt_key_cmp(const void *a, const void *b)
{
  const ev_stmt_key *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->stmt < y->stmt ? -1 : x->stmt > y->stmt;
}

/* ---------------------------------------------------------------- init / free */

void nk_events_free(struct nk_events_lex *l)
{
  if (!l)
    return;
  for (int k = 0; k < 2; k++) {
    nk_lex_free(l->trig[k]);
    nk_lex_free(l->refine[k]);
    nk_lex_free(l->roles[k]);
    nk_lex_free(l->time[k]);
    nk_lex_free(l->fact[k]);
  }
  nk_lex_free(l->cameo);
  free(l->codes);
  free(l);
}

static int code_cmp(const void *a, const void *b)
{
  return strcmp(((const ev_code_entry *)a)->code, ((const ev_code_entry *)b)->code);
}

/* Fills l->codes: each entry's own phrase, looked up once here. */
static nk_status index_codes(struct nk_events_lex *l, nk_error *err)
{
  size_t n = nk_lex_count(l->cameo);
  if (!(l->codes = malloc((n ? n : 1) * sizeof *l->codes)))
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  for (size_t k = 0; k < n; k++) {
    const char *code = nk_lex_at(l->cameo, k)->phrase;
    l->codes[k].code = code;
    l->codes[k].e = nk_lex_lookup(l->cameo, code);
  }
  qsort(l->codes, n, sizeof *l->codes, code_cmp);
  l->n_codes = n;
  return NK_OK;
}

const nk_lex_entry *ev_cameo_lookup(const struct nk_events_lex *l, const char *code)
{
  ev_code_entry key = {code, NULL};
  const ev_code_entry *hit = bsearch(&key, l->codes, l->n_codes, sizeof key, code_cmp);
  return hit ? hit->e : nk_lex_lookup(l->cameo, code);
}

nk_status nk_events_init(struct nk_events_lex **out, nk_error *err)
{
  static const char *const langs[2] = {"fr", "en"};
  struct nk_events_lex *l = calloc(1, sizeof *l);
  if (!l)
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  nk_status st = NK_OK;
  char path[96];
  for (int k = 0; k < 2 && st == NK_OK; k++) {
    struct { const char *file; nk_lex **slot; } files[] = {
        {"event_triggers.tsv", &l->trig[k]}, {"event_refiners.tsv", &l->refine[k]},
        {"event_roles.tsv", &l->roles[k]},   {"time.tsv", &l->time[k]},
        {"factuality.tsv", &l->fact[k]}};
    for (size_t f = 0; f < sizeof files / sizeof files[0] && st == NK_OK; f++) {
      snprintf(path, sizeof path, "lexicons/%s/%s", langs[k], files[f].file);
      st = nk_lex_load(path, files[f].slot, err);
    }
  }
  if (st == NK_OK)
    st = nk_lex_load("cameo.tsv", &l->cameo, err);
  if (st == NK_OK)
    st = index_codes(l, err);
  index_clause_words(l);
  if (st != NK_OK) {
    nk_events_free(l);
    return st;
  }
  *out = l;
  return NK_OK;
}

/* ---------------------------------------------------------------- triggers */

static ev_class class_of(const char *s)
{
  if (strcmp(s, "noun") == 0)
    return EVC_NOUN;
  if (strcmp(s, "noun-obj") == 0)
    return EVC_NOUN_OBJ;
  if (strcmp(s, "intent") == 0)
    return EVC_INTENT;
  if (strcmp(s, "govern") == 0)
    return EVC_GOVERN;
  if (strcmp(s, "stop") == 0)
    return EVC_STOP;
  return EVC_VERB;
}

static unsigned flags_of(const char *s)
{
  unsigned f = 0;
  if (strstr(s, "req"))
    f |= EVF_REQ;
  if (strstr(s, "speech"))
    f |= EVF_SPEECH;
  if (strstr(s, "blame"))
    f |= EVF_BLAME | EVF_SPEECH;
  return f;
}

ev_cand *ev_new_cand(ev_run *r)
{
  if (r->n == r->cap) {
    size_t ncap = r->cap ? r->cap * 2 : 32;
    ev_cand *p = realloc(r->c, ncap * sizeof *p);
    if (!p)
      return NULL;
    r->c = p;
    r->cap = ncap;
  }
  ev_cand *c = &r->c[r->n++];
  memset(c, 0, sizeof *c);
  c->time_first = c->time_end = -1;
  c->place = NK_NONE;
  c->into = -1;
  c->out = -1;
  c->stmt = -1;
  return c;
}

/* The code a refiner entry gives to root ROOT: its second field lists "root=code" pairs. */
static const char *refined_code(const nk_lex_entry *e, const char *root, char *buf, size_t cap)
{
  if (e->n_fields < 2)
    return NULL;
  const char *p = e->fields[1];
  while (*p) {
    while (*p == ' ' || *p == ',')
      p++;
    const char *eq = strchr(p, '=');
    if (!eq)
      return NULL;
    const char *end = eq + 1;
    while (*end && *end != ' ' && *end != ',')
      end++;
    if ((size_t)(eq - p) == 2 && memcmp(p, root, 2) == 0 && (size_t)(end - eq - 1) < cap) {
      memcpy(buf, eq + 1, (size_t)(end - eq - 1));
      buf[end - eq - 1] = '\0';
      return buf;
    }
    p = end;
  }
  return NULL;
}

/* Refines candidate CI from the words after its trigger and absorbs the triggers a refiner
   covers ("appelant l'Iran à libérer": the release is what is appealed for). Candidates
   [lo, hi) are those of the same sentence. */
static void refine(ev_run *r, size_t ci, size_t lo, size_t hi)
{
  ev_cand *c = &r->c[ci];
  size_t end = ev_sent_end(r, c->sent);
  size_t window = c->cls == EVC_GOVERN ? 24 : c->cls == EVC_INTENT ? 8 : 14;
  if (c->t_end + window < end)
    end = c->t_end + window;
  char root[3] = {c->code[0], c->code[1], '\0'};
  char buf[8], best[8];
  int best_prio = -1;
  size_t best_at = 0, best_len = 0;
  for (size_t j = c->t_end; j < end; j++) {
    if (ev_is_punct(r, j, ";") || ev_is_punct(r, j, ":"))
      break;
    const nk_lex_entry *e =
        nk_lex_match_memo(&r->lm[EV_LM_REFINE], r->lex->refine[r->en], r->doc, j);
    if (!e)
      continue;
    const char *code = refined_code(e, root, buf, sizeof buf);
    /* a refiner of another root ("tribunal": a court seized is a lawsuit, not a seizure)
       recodes only a trigger that waits for what follows: an appeal, an intention, a verb
       that tells nothing alone; "arrêté puis présenté à un juge" stays an arrest */
    if (code && (code[0] != root[0] || code[1] != root[1]) && c->cls != EVC_GOVERN &&
        c->cls != EVC_INTENT && !(c->flags & EVF_REQ))
      code = NULL;
    int prio = e->n_fields > 2 ? atoi(e->fields[2]) : 1;
    if (code && prio > best_prio) {
      best_prio = prio;
      snprintf(best, sizeof best, "%s", code);
      best_at = j;
      best_len = e->n_tokens;
    }
    j += e->n_tokens - 1;
  }
  if (best_prio < 0)
    return;
  /* "appelé à la grève": what an appeal or demand calls for is still to come */
  if (c->cls == EVC_GOVERN && (best[0] != c->code[0] || best[1] != c->code[1]))
    c->planned_by_intent = 1;
  snprintf(c->code, sizeof c->code, "%s", best);
  c->flags &= ~(unsigned)EVF_REQ;
  c->refined = 1;
  c->refine_prio = best_prio + 1;
  for (size_t k = lo; k < hi; k++)
    if (k != ci && r->c[k].t_first < best_at + best_len && r->c[k].t_end > best_at)
      r->c[k].dead = 1;
}

/* 1 when token I is inside a proper name ("Médecins sans frontières", "Conseil de
   sécurité"): its words tell no event. The first word of a name may still be a trigger the
   name was wrongly stretched over ("Grève à la SNCF" in a headline). */
static int inside_name(const ev_run *r, size_t i)
{
  int32_t m = mention_at(r, i);
  if (m < 0 || (size_t)m >= r->g->n_mentions)
    return 0;
  const nk_mention *mm = &r->g->mentions[m];
  return mm->kind == NK_MENTION_NAME && mm->tok_first < i;
}

/* 1 when the direct object of C's verb is an actor other than a place: the first mention
   after the verb in its clause, its noun phrase led by a determiner (or the mention itself)
   with no preposition before it ("a suspendu pour quatre ans le coureur X"). */
static int sanctioned_object(const ev_run *r, const ev_cand *c)
{
  static const char *const dets[] = {"le", "la", "l'", "les", "the", "a", "an", NULL};
  size_t end = ev_sent_end(r, c->sent);
  if (end > c->t_end + 10)
    end = c->t_end + 10;
  for (size_t j = c->t_end; j < end; j++) {
    if (ev_is_clause_break(r, j) || ev_is_punct(r, j, ",") || ev_is_punct(r, j, ";"))
      return 0;
    size_t mf, me;
    int32_t a = ev_actor_at(r, j, &mf, &me);
    if (a == NK_NONE)
      continue;
    if (r->g->actors[a].type == NK_PLACE)
      return 0;
    /* back from the mention to its determiner (a description starts with it), then the
       word before the noun phrase */
    size_t k = mf;
    int det = ev_is_word(r, k, dets);
    while (!det && k > c->t_end) {
      det = ev_is_word(r, k - 1, dets);
      if (!det && ev_prep_at(r, k - 1, NULL) != EVP_NONE)
        return 0;
      k--;
    }
    return k == c->t_end || ev_prep_at(r, k - 1, NULL) == EVP_NONE;
  }
  return 0;
}

/* Finds the triggers of sentence S. */
static nk_status scan_sentence(ev_run *r, size_t s)
{
  size_t first = ev_sent_first(r, s), end = ev_sent_end(r, s);
  size_t lo = r->n;
  const nk_lex *lex = r->lex->trig[r->en];
  for (size_t i = first; i < end;) {
    const nk_lex_entry *e = nk_lex_match(lex, r->doc, i);
    if (!e || e->n_fields < 3) {
      i++;
      continue;
    }
    ev_class cls = class_of(e->fields[2]);
    if (cls != EVC_STOP && inside_name(r, i)) {
      i++;
      continue;
    }
    /* "will visit", "to protest": an English noun form used as a verb */
    if ((cls == EVC_NOUN || cls == EVC_NOUN_OBJ) && r->en && i > first &&
        (ev_is(r, i - 1, "will") || ev_is(r, i - 1, "would") || ev_is(r, i - 1, "to") ||
         ev_is(r, i - 1, "can") || ev_is(r, i - 1, "could") || ev_is(r, i - 1, "should") ||
         ev_is(r, i - 1, "must") || ev_is(r, i - 1, "may") || ev_is(r, i - 1, "might") ||
         ev_is(r, i - 1, "did") || ev_is(r, i - 1, "they") || ev_is(r, i - 1, "we")))
      cls = EVC_VERB;
    if (cls != EVC_STOP) {
      ev_cand *c = ev_new_cand(r);
      if (!c)
        return NK_ERR_NOMEM;
      snprintf(c->code, sizeof c->code, "%s", e->fields[1]);
      c->t_first = i;
      c->t_end = i + e->n_tokens;
      c->sent = s;
      c->cls = cls;
      c->flags = e->n_fields > 3 ? flags_of(e->fields[3]) : 0;
      c->fact = NK_FACT_ASSERTED;
    }
    i += e->n_tokens;
  }
  size_t hi = r->n;
  for (size_t k = lo; k < hi; k++)
    if (!r->c[k].dead)
      refine(r, k, lo, hi);
  /* An intention cue directly followed by another trigger ("prêt à recevoir", "promised to
     visit") is that event, planned; alone it is an event of its own ("prête à ouvrir des
     couloirs": 030). */
  for (size_t k = lo; k < hi; k++) {
    ev_cand *c = &r->c[k];
    if (c->dead || c->cls != EVC_INTENT || c->refined)
      continue;
    for (size_t m = k + 1; m < hi; m++) {
      ev_cand *d = &r->c[m];
      if (d->dead)
        continue;
      if (d->t_first <= c->t_end + 3) {
        d->planned_by_intent = 1;
        c->dead = 1;
      }
      break;
    }
  }
  /* "a appelé les bailleurs à débloquer 40 millions": what an appeal or demand asks for
     (an infinitive after "à", "de", "to") is no event of its own */
  for (size_t k = lo; k < hi; k++) {
    const ev_cand *c = &r->c[k];
    if (c->dead || c->cls != EVC_GOVERN)
      continue;
    for (size_t m = k + 1; m < hi; m++) {
      ev_cand *d = &r->c[m];
      if (d->dead || d->t_first > c->t_end + 12 || d->t_first == 0)
        continue;
      size_t before = d->t_first - 1;
      const nk_token *bt = &r->doc->toks[before];
      int a_grave = bt->end - bt->start == 2 && !memcmp(r->doc->text + bt->start, "\xC3\xA0", 2);
      if (a_grave || ev_is(r, before, "de") || ev_is(r, before, "d'") || ev_is(r, before, "to"))
        d->dead = 1;
    }
  }
  for (size_t k = lo; k < hi; k++) {
    ev_cand *c = &r->c[k];
    if (!(c->flags & EVF_REQ))
      continue;
    /* "a suspendu pour quatre ans le coureur X", "suspended the official": a person or
       body cut off is sanctioned (172) */
    if (c->code[0] == '1' && c->code[1] == '6' && sanctioned_object(r, c)) {
      snprintf(c->code, sizeof c->code, "172");
      c->flags &= ~(unsigned)EVF_REQ;
      continue;
    }
    c->dead = 1; /* no refiner found: not the kind of event the trigger needs */
  }
  return NK_OK;
}

/* ---------------------------------------------------------------- statement-driven events */

/* A statement whose stance is itself an event (a denial is CAMEO 016, declining to comment
   011, an accusation 112) makes that event when no trigger in its sentence already did. */
static nk_status stance_events(ev_run *r)
{
  const nk_doc *doc = r->doc;
  size_t n_cand = r->n;
  for (size_t si = 0; si < r->g->n_statements; si++) {
    const nk_statement *st = &r->g->statements[si];
    const char *code = NULL;
    switch (st->stance) {
    case NK_STANCE_DENY: code = "016"; break;
    case NK_STANCE_REFUSE: code = "011"; break;
    case NK_STANCE_UNCERTAIN: code = "011"; break;
    case NK_STANCE_ACCUSE: code = "112"; break;
    default: break;
    }
    if (!code || st->speaker < 0)
      continue;
    /* the sentence holding the statement's first word */
    size_t lo = 0, hi = doc->n_sents;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (doc->sents[mid].end <= st->start)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo >= doc->n_sents || !r->story[lo])
      continue;
    /* the scan made candidates in sentence order: find this sentence's */
    size_t a = 0, b = n_cand;
    while (a < b) {
      size_t mid = a + (b - a) / 2;
      if (r->c[mid].sent < lo)
        a = mid + 1;
      else
        b = mid;
    }
    int seen = 0;
    for (size_t k = a; k < n_cand && r->c[k].sent == lo && !seen; k++)
      if (!r->c[k].dead && memcmp(r->c[k].code, code, 2) == 0)
        seen = 1;
    if (seen)
      continue;
    ev_cand *c = ev_new_cand(r);
    if (!c)
      return NK_ERR_NOMEM;
    snprintf(c->code, sizeof c->code, "%s", code);
    c->sent = lo;
    c->t_first = ev_sent_first(r, lo);
    c->t_end = c->t_first;
    /* place the trigger on the first token of the statement's words */
    for (size_t t = ev_sent_first(r, lo); t < ev_sent_end(r, lo); t++)
      if (doc->toks[t].start >= st->start) {
        c->t_first = c->t_end = t;
        break;
      }
    c->cls = EVC_VERB;
    c->flags = EVF_SPEECH;
    c->fact = NK_FACT_ASSERTED;
    c->stmt = (int32_t)si;
    ev_add_part(c, st->speaker, NK_ROLE_SOURCE);
    c->has_agent = 1;
  }
  return NK_OK;
}

static int cand_cmp(const void *a, const void *b)
{
  const ev_cand *x = a, *y = b;
  if (x->sent != y->sent)
    return x->sent < y->sent ? -1 : 1;
  if (x->t_first != y->t_first)
    return x->t_first < y->t_first ? -1 : 1;
  return 0;
}

nk_status nk_events_run(const struct nk_events_lex *l, const struct nk_actors_lex *al,
                        const nk_article *art, const nk_doc *doc, nk_graph *g,
                        nk_error *err)
{
  ev_run r;
  memset(&r, 0, sizeof r);
  r.lex = l;
  r.al = al;
  r.art = art;
  r.doc = doc;
  r.g = g;
  r.en = strcmp(doc->lang, "en") == 0;
  nk_status st = NK_OK;
  r.story = calloc(doc->n_sents + 1, 1);
  r.memo = nk_span_memo_new();
  r.mention_of = malloc((doc->n_toks ? doc->n_toks : 1) * sizeof *r.mention_of);
  r.brk = calloc(doc->n_toks ? doc->n_toks : 1, 1);
  nk_lex_memo lm[EV_LM_COUNT] = {{0}};
  r.lm = lm;
  if (nk_lex_memos_init(lm, EV_LM_COUNT, doc->n_toks) != 0)
    st = NK_ERR_NOMEM;
  if (st != NK_OK || !r.story || !r.memo || !r.mention_of || !r.brk ||
      nk_mention_index(g, doc->n_toks, r.mention_of)) {
    st = NK_ERR_NOMEM;
    goto done;
  }
  if (g->n_statements) {
    r.stmts = malloc(g->n_statements * sizeof *r.stmts);
    if (!r.stmts) {
      st = NK_ERR_NOMEM;
      goto done;
    }
    for (size_t k = 0; k < g->n_statements; k++) {
      r.stmts[k].start = g->statements[k].start;
      r.stmts[k].stmt = (int32_t)k;
    }
    qsort(r.stmts, g->n_statements, sizeof *r.stmts, stmt_key_cmp);
  }
  for (size_t s = 0; s < doc->n_sents; s++) {
    nk_noise nz = doc->paras[doc->sents[s].para].noise;
    r.story[s] = nz == NK_NOISE_NONE || nz == NK_NOISE_TITLE;
  }
  for (size_t s = 0; s < doc->n_sents && st == NK_OK; s++)
    if (r.story[s])
      st = scan_sentence(&r, s);
  if (st == NK_OK)
    st = stance_events(&r);
  if (st != NK_OK)
    goto done;
  if (r.n)
    qsort(r.c, r.n, sizeof *r.c, cand_cmp);
  for (size_t k = 0; k < r.n; k++) {
    if (r.c[k].dead)
      continue;
    if (r.c[k].stmt < 0)
      ev_participants(&r, &r.c[k]);
    ev_time_place(&r, &r.c[k]);
    ev_factuality(&r, &r.c[k]);
  }
  ev_factuality_anaphora(&r);
  if ((st = ev_allegations(&r)) != NK_OK)
    goto done;
  if (r.n)
    qsort(r.c, r.n, sizeof *r.c, cand_cmp);
  st = ev_merge_emit(&r, err);
  if (st != NK_OK)
    goto done_err;
done:
  if (st == NK_ERR_NOMEM)
    nk_error_set(err, st, "out of memory extracting events");
done_err:
  for (size_t k = 0; k < r.n; k++) {
    free(r.c[k].time_text);
    free(r.c[k].time_norm);
    free(r.c[k].place_text);
  }
  free(r.c);
  free(r.story);
  free(r.stmts);
  free(r.mention_of);
  free(r.brk);
  nk_lex_memos_free(lm, EV_LM_COUNT);
  nk_span_memo_free(r.memo);
  return st;
}
