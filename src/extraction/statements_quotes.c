/* Quotation spans. One pass over each read paragraph with a small state machine:
   - a quote opens at a mark flagged opening (or an unflagged one) and closes at the first
     closing mark at its own depth; marks of another family inside it nest (‹ › or “ ” inside
     « »), one level is enough for news text;
   - a mark of the opening family seen while open ("« … réussira. « ") closes the quote when
     nothing could close it later in the paragraph, or when it ends the paragraph or precedes
     punctuation: writers and OCR often type the wrong guillemet;
   - a quote never closed ends at the end of its paragraph, or earlier, at a comma followed by
     its own attribution ("« C'est un rêve…, a-t-il confié sur Instagram. Il passera…"), so it
     never swallows the rest of the article;
   - a quote still open at the end of a paragraph continues into the next one when that one
     re-opens with a mark (French and English style) or closes a mark before opening any
     (continuation without a mark); the parts are chained (prev/next). */
#include <stdlib.h>
#include <string.h>

#include "extraction/statements_internal.h"

enum { QF_GUIL = 1, QF_CURLY, QF_LOW, QF_STRAIGHT, QF_ANGLE, QF_SINGLE };

/* The family of the quote mark at token I. „ is its own family: it is closed by “ or ”. */
static int family(const nk_doc *d, size_t i)
{
  const unsigned char *s = (const unsigned char *)d->text + d->toks[i].start;
  size_t n = d->toks[i].end - d->toks[i].start;
  if (n == 1)
    return s[0] == '"' ? QF_STRAIGHT : QF_SINGLE;
  if (n == 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB))
    return QF_GUIL;
  if (n == 3 && s[0] == 0xE2 && s[1] == 0x80) {
    switch (s[2]) {
    case 0x9C: case 0x9D: return QF_CURLY;
    case 0x9E: return QF_LOW;
    case 0xB9: case 0xBA: return QF_ANGLE;
    default: return QF_SINGLE;
    }
  }
  return QF_CURLY;
}

static int push_quote(st_ctx *x, size_t open, size_t first)
{
  if (x->nq == x->capq) {
    size_t cap = x->capq ? x->capq * 2 : 16;
    st_quote *q = realloc(x->q, cap * sizeof *q);
    if (!q)
      return -1;
    x->q = q;
    x->capq = cap;
  }
  st_quote *q = &x->q[x->nq];
  memset(q, 0, sizeof *q);
  q->open = (uint32_t)open;
  q->first = (uint32_t)first;
  q->end = q->after = (uint32_t)first;
  q->close = q->prev = q->next = q->inc = -1;
  q->speaker = q->attributed_to = NK_NONE;
  q->kind = NK_DIRECT;
  return (int)x->nq++;
}

/* An inverted clitic that can name a speaker ("-t-il", "-elle"); "Sentez-vous" is no
   attribution. */
static int third_person(const char *f)
{
  return strcmp(f, "il") == 0 || strcmp(f, "elle") == 0 || strcmp(f, "ils") == 0 ||
         strcmp(f, "elles") == 0 || strcmp(f, "on") == 0;
}

/* Whether the comma at K is followed by the quote's own attribution: an inverted clitic
   within three tokens ("…, a-t-il confié"), or a postposable speech verb, possibly after an
   auxiliary ("…, a déclaré X"). */
static int attribution_follows(const st_ctx *x, size_t k, size_t end)
{
  const nk_doc *d = x->doc;
  for (size_t j = k + 1; j < k + 4 && j < end; j++)
    if ((d->toks[j].flags & NK_TF_INVERTED) && third_person(d->toks[j].fold))
      return 1;
  size_t j = k + 1;
  while (j < end && j < k + 3 && (st_cls(x, j) & SC_AUX))
    j++;
  if (j >= end)
    return 0;
  const nk_lex_entry *e = st_verb_at(x, j);
  if (!e || !(st_parse_comps(e->fields[3]) & VC_POST))
    return 0;
  /* "…, a déclaré que …" is a new clause, not the attribution of what came before */
  size_t after = j + e->n_tokens;
  return !(after < end && (st_cls(x, after) & SC_COMP));
}

/* Tokens of paragraph P: [*a, *b). */
static void para_tokens(const nk_doc *d, size_t p, size_t *a, size_t *b)
{
  const nk_paragraph *pp = &d->paras[p];
  *a = *b = 0;
  if (pp->sent_count == 0)
    return;
  const nk_sentence *f = &d->sents[pp->sent_first];
  const nk_sentence *l = &d->sents[pp->sent_first + pp->sent_count - 1];
  *a = f->tok_first;
  *b = (size_t)l->tok_first + l->tok_count;
}

/* Whether paragraph P continues a quotation left open: it starts with an opening mark, or it
   closes a mark before opening any. */
static int continues(const nk_doc *d, size_t p)
{
  size_t a, b;
  para_tokens(d, p, &a, &b);
  if (a >= b)
    return 0;
  if (d->toks[a].kind == NK_TOK_QUOTE && (d->toks[a].flags & NK_TF_QUOTE_OPEN))
    return 1;
  for (size_t k = a; k < b; k++) {
    if (d->toks[k].kind != NK_TOK_QUOTE)
      continue;
    return (d->toks[k].flags & NK_TF_QUOTE_CLOSE) && !(d->toks[k].flags & NK_TF_QUOTE_OPEN);
  }
  return 0;
}

int st_find_quotes(st_ctx *x)
{
  const nk_doc *d = x->doc;
  for (size_t i = 0; i < d->n_toks; i++)
    x->qat[i] = -1;
  int32_t pending = -1; /* a part left open by the previous read paragraph */
  for (size_t p = 0; p < d->n_paras; p++) {
    if (!x->story[p])
      continue;
    size_t a, b;
    para_tokens(d, p, &a, &b);
    if (a >= b)
      continue;
    size_t last_close = SIZE_MAX; /* the last closing mark of the paragraph */
    for (size_t k = a; k < b; k++)
      if (d->toks[k].kind == NK_TOK_QUOTE && (d->toks[k].flags & NK_TF_QUOTE_CLOSE))
        last_close = k;
    int32_t open = -1;
    int fam = 0, depth = 0;
    size_t k = a;
    if (pending >= 0 && !(d->toks[a].kind == NK_TOK_QUOTE &&
                          (d->toks[a].flags & NK_TF_QUOTE_OPEN))) {
      /* continuation without a mark: the part runs to the first closing mark */
      int q = push_quote(x, a, a);
      if (q < 0)
        return -1;
      open = q;
      fam = d->toks[x->q[pending].open].kind == NK_TOK_QUOTE ? family(d, x->q[pending].open)
                                                               : QF_GUIL;
      x->q[q].prev = pending;
      x->q[pending].next = q;
    }
    for (; k < b; k++) {
      const nk_token *t = &d->toks[k];
      if (t->kind != NK_TOK_QUOTE) {
        if (open >= 0 && depth == 0 && st_is_punct(x, k, ",") && attribution_follows(x, k, b)) {
          st_quote *q = &x->q[open];
          if (last_close == SIZE_MAX || last_close < k) {
            q->end = q->after = (uint32_t)k; /* never closed: its attribution ends it */
            open = -1;
          } else if (q->inc < 0) {
            /* an incise inside the quotation: « Il faut agir, a déclaré le ministre. Nous… »
               runs to the next comma or full stop */
            size_t e = k + 1;
            while (e < b && d->toks[e].kind != NK_TOK_QUOTE && !st_is_punct(x, e, ",") &&
                   !st_is_terminal(x, e))
              e++;
            if (e < b && d->toks[e].kind != NK_TOK_QUOTE && e - k <= 14) {
              q->inc = (int32_t)k;
              q->inc_end = (uint32_t)(st_is_punct(x, e, ",") ? e + 1 : e);
              k = e - 1;
            }
          }
        }
        continue;
      }
      int f = family(d, k);
      if (open < 0) {
        if ((t->flags & NK_TF_QUOTE_OPEN) || !(t->flags & NK_TF_QUOTE_CLOSE)) {
          int q = push_quote(x, k, k + 1);
          if (q < 0)
            return -1;
          open = q;
          fam = f;
          depth = 0;
          if (k == a && pending >= 0) {
            x->q[q].prev = pending;
            x->q[pending].next = q;
          }
        }
        continue; /* a stray closing mark: nothing to close */
      }
      int closes = 0;
      if (depth > 0) {
        if ((t->flags & NK_TF_QUOTE_CLOSE) && f != fam) {
          depth--;
          continue;
        }
        if ((t->flags & NK_TF_QUOTE_OPEN) && f != fam) {
          depth++;
          continue;
        }
        closes = (t->flags & NK_TF_QUOTE_CLOSE) != 0;
      } else if (t->flags & NK_TF_QUOTE_CLOSE) {
        closes = 1; /* its own closing mark, or a mismatched one: the quote ends */
      } else if (fam == QF_LOW && f == QF_CURLY) {
        closes = 1; /* „ … “ */
      } else if (f == fam || fam == QF_STRAIGHT) {
        /* the opening mark again: a mistyped closing mark unless a closer follows */
        closes = k + 1 >= b || d->toks[k + 1].kind == NK_TOK_PUNCT ||
                 last_close == SIZE_MAX || last_close < k;
        if (!closes)
          depth++;
      } else {
        depth++; /* another family opening: a nested quote */
      }
      if (closes) {
        st_quote *q = &x->q[open];
        q->end = (uint32_t)k;
        q->close = (int32_t)k;
        q->after = (uint32_t)(k + 1);
        open = -1;
        depth = 0;
      }
    }
    pending = -1;
    if (open >= 0) {
      st_quote *q = &x->q[open];
      q->end = q->after = (uint32_t)b;
      /* the next read paragraph may carry the quotation on */
      size_t p2 = p + 1;
      while (p2 < d->n_paras && !x->story[p2])
        p2++;
      if (p2 < d->n_paras && d->paras[p2].noise == NK_NOISE_NONE && continues(d, p2))
        pending = open;
    }
  }
  /* mark every token of every part */
  for (size_t q = 0; q < x->nq; q++) {
    const st_quote *p = &x->q[q];
    size_t last = p->close >= 0 ? (size_t)p->close + 1 : p->end;
    for (size_t k = p->open; k < last && k < d->n_toks; k++)
      x->qat[k] = (int32_t)q;
    if (p->inc >= 0) /* the incise is narration */
      for (size_t k = (size_t)p->inc; k < p->inc_end && k < d->n_toks; k++)
        x->qat[k] = -1;
  }
  return 0;
}
