/* When and where: the time expression nearest to the trigger in its sentence (weekdays,
   dates, months, years, "mardi soir", "la semaine prochaine", "next month"), kept as written
   and normalised against the article date when it is known; the place is the nearest place
   actor introduced by a locative preposition ("à Helsinki", "in Geneva", "à bord de …"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extraction/events_internal.h"

#define TIME_REACH 12  /* tokens between a trigger and its time expression, at most */
#define PLACE_REACH 12

typedef struct texp {
  size_t first, end;  /* tokens */
  int weekday;        /* 1 (Monday) … 7, or 0 */
  int day, month, year;
  char rel_unit;      /* 'd', 'w', 'm', 'y' or 0 */
  int rel_n;          /* offset in units; with rel_unit */
  int vague;          /* "il y a quelques jours": no normal form */
  int next, last;     /* "prochain", "next"; "dernier", "last" */
} texp;

static int num_value(const ev_run *r, size_t i)
{
  const nk_token *t = &r->doc->toks[i];
  if (t->kind != NK_TOK_NUMBER)
    return -1;
  int v = 0;
  for (uint32_t k = t->start; k < t->end; k++) {
    char ch = r->doc->text[k];
    if (ch < '0' || ch > '9')
      return k > t->start && (ch == 'e' || ch == 's') ? v : -1; /* "1er", "1st" */
    v = v * 10 + (ch - '0');
    if (v > 100000)
      return -1;
  }
  return v;
}

static const nk_lex_entry *time_entry(const ev_run *r, size_t i)
{
  const nk_lex_entry *e = nk_lex_match_memo(&r->lm[EV_LM_TIME], r->lex->time[r->en], r->doc, i);
  return e && e->n_fields >= 3 ? e : NULL;
}

/* Reads the time expression starting at token I (if any) into *x. */
static int read_texp(const ev_run *r, size_t i, size_t end, texp *x)
{
  memset(x, 0, sizeof *x);
  x->first = i;
  size_t j = i;
  int got = 0;
  /* a leading preposition belongs to the text only when a time word follows */
  const nk_lex_entry *e = time_entry(r, j);
  if (e && strcmp(e->fields[1], "prep") == 0) {
    j += e->n_tokens;
    e = j < end ? time_entry(r, j) : NULL;
    if (!e && !(j < end && num_value(r, j) >= 0))
      return 0;
  }
  while (j < end) {
    e = time_entry(r, j);
    int v = num_value(r, j);
    if (e) {
      const char *kind = e->fields[1];
      int val = atoi(e->fields[2]);
      if (!strcmp(kind, "weekday") && !x->weekday && !x->month)
        x->weekday = val;
      else if (!strcmp(kind, "month") && !x->month)
        x->month = val;
      else if (!strcmp(kind, "part") && got)
        ;
      else if (!strcmp(kind, "next") && (got || j == x->first))
        x->next = 1;
      else if (!strcmp(kind, "last") && (got || j == x->first))
        x->last = 1;
      else if (!strcmp(kind, "rel") && !got) {
        const char *s = e->fields[2];
        if (s[0] == 'v') { /* "il y a quelques jours"; "v+": "dans les prochains jours" */
          x->vague = 1;
          x->next = s[1] == '+';
        }
        else {
          x->rel_unit = s[0];
          x->rel_n = atoi(s + 1);
        }
      } else
        break;
      if (strcmp(kind, "next") && strcmp(kind, "last"))
        got = 1;
      j += e->n_tokens;
      continue;
    }
    if (v >= 1 && v <= 31 && !x->day && !x->year && j + 1 < end) {
      const nk_lex_entry *m = time_entry(r, j + 1);
      if (m && !strcmp(m->fields[1], "month")) { /* "3 avril", "14 May" */
        x->day = v;
        j++;
        continue;
      }
      if (x->month && !x->day) { /* "May 14" */
        x->day = v;
        got = 1;
        j++;
        continue;
      }
    }
    if (v >= 1900 && v <= 2099 && !x->year) {
      int prep = j > x->first || ev_is(r, j - 1, "en") || ev_is(r, j - 1, "in") ||
                 ev_is(r, j - 1, "depuis") || ev_is(r, j - 1, "since");
      if (x->month || prep) {
        x->year = v;
        got = 1;
        j++;
        continue;
      }
    }
    break;
  }
  /* "jeudi matin" is one expression; a bare "next"/"prochain" is none */
  if (!got)
    return 0;
  if (x->first == j)
    return 0;
  x->end = j;
  return 1;
}

/* ---------------------------------------------------------------- calendar */

static long days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yy + (*m <= 2));
}

static int weekday_of(long days) /* 1 = Monday */
{
  long w = (days + 3) % 7; /* 1970-01-01 was a Thursday (3 from Monday) */
  if (w < 0)
    w += 7;
  return (int)w + 1;
}

static int parse_date(const char *s, int *y, int *m, int *d)
{
  if (!s)
    return 0;
  return sscanf(s, "%4d-%2d-%2d", y, m, d) == 3 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

/* The ISO form of X against the article date; FUTURE tells which way a bare weekday or
   month points. NULL when it cannot be normalised. */
static char *normalise(const ev_run *r, const texp *x, int future)
{
  int ay, am, ad;
  char buf[16];
  int have = parse_date(r->art ? r->art->date : NULL, &ay, &am, &ad);
  if (x->year && x->month && x->day)
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", x->year, x->month, x->day);
  else if (x->year && x->month)
    snprintf(buf, sizeof buf, "%04d-%02d", x->year, x->month);
  else if (x->year)
    snprintf(buf, sizeof buf, "%04d", x->year);
  else if (!have || x->vague)
    return NULL;
  else if (x->month) {
    int y = ay;
    int fut = future || x->next;
    if (!fut && (x->month > am || (x->month == am && x->day > ad)))
      y--;
    else if (fut && (x->month < am || (x->month == am && x->day && x->day < ad)))
      y++;
    if (x->day)
      snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, x->month, x->day);
    else
      snprintf(buf, sizeof buf, "%04d-%02d", y, x->month);
  } else if (x->weekday) {
    long today = days_from_civil(ay, am, ad);
    int aw = weekday_of(today);
    long day;
    if (future || x->next) {
      int delta = (x->weekday - aw + 7) % 7;
      if (delta == 0 && x->next)
        delta = 7;
      day = today + delta;
    } else {
      int delta = (aw - x->weekday + 7) % 7;
      if (x->last && delta == 0)
        delta = 7;
      day = today - delta;
    }
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  } else if (x->rel_unit) {
    long today = days_from_civil(ay, am, ad);
    int y, m, d;
    switch (x->rel_unit) {
    case 'd':
      civil_from_days(today + x->rel_n, &y, &m, &d);
      snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      break;
    case 'w': { /* ISO week of the shifted day */
      long day = today + 7L * x->rel_n;
      int wd = weekday_of(day);
      long thursday = day - wd + 4;
      int ty, tm, td;
      civil_from_days(thursday, &ty, &tm, &td);
      long jan1 = days_from_civil(ty, 1, 1);
      int week = (int)((thursday - jan1) / 7 + 1);
      snprintf(buf, sizeof buf, "%04d-W%02d", ty, week);
      break;
    }
    case 'm': {
      int mm = am - 1 + x->rel_n;
      y = ay + (mm < 0 ? (mm - 11) / 12 : mm / 12);
      mm = ((mm % 12) + 12) % 12;
      snprintf(buf, sizeof buf, "%04d-%02d", y, mm + 1);
      break;
    }
    case 'y':
      snprintf(buf, sizeof buf, "%04d", ay + x->rel_n);
      break;
    default:
      return NULL;
    }
  } else
    return NULL;
  return ev_strndup(buf, strlen(buf));
}

int ev_time_is_future(const ev_run *r, const ev_cand *c)
{
  texp x;
  if (c->time_first < 0 || !read_texp(r, (size_t)c->time_first, ev_sent_end(r, c->sent), &x))
    return 0;
  return x.next || (x.rel_unit && x.rel_n > 0);
}

static size_t gap(size_t a_first, size_t a_end, size_t b_first, size_t b_end)
{
  if (a_end <= b_first)
    return b_first - a_end;
  if (b_end <= a_first)
    return a_first - b_end;
  return 0;
}

static int break_between(const ev_run *r, size_t a, size_t b)
{
  if (a > b) {
    size_t t = a;
    a = b;
    b = t;
  }
  for (size_t j = a; j < b; j++)
    if (ev_is_punct(r, j, ";") || ev_is_punct(r, j, ":") ||
        r->doc->toks[j].kind == NK_TOK_QUOTE)
      return 1;
  return 0;
}

static void find_time(ev_run *r, ev_cand *c)
{
  size_t sf = ev_sent_first(r, c->sent), se = ev_sent_end(r, c->sent);
  size_t lo = c->t_first > sf + TIME_REACH ? c->t_first - TIME_REACH : sf;
  size_t hi = c->t_end + TIME_REACH < se ? c->t_end + TIME_REACH : se;
  texp best;
  size_t best_d = SIZE_MAX;
  for (size_t j = lo; j < hi; j++) {
    texp x;
    if (!read_texp(r, j, se, &x))
      continue;
    if (x.first < c->t_end && x.end > c->t_first) { /* overlaps the trigger */
      j = x.end - 1;
      continue;
    }
    size_t d = gap(c->t_first, c->t_end, x.first, x.end);
    if (x.first < c->t_first)
      d += 2; /* after the trigger is the usual place */
    size_t from = x.first < c->t_first ? x.first : c->t_end;
    size_t to = x.first < c->t_first ? c->t_first : x.first;
    if (break_between(r, from, to))
      d += TIME_REACH;
    for (size_t k = from; k < to; k++) /* "depuis qu'il a prêté serment le 20 janvier" */
      if (ev_is_clause_break(r, k)) {
        d += 6;
        break;
      }
    if (d < best_d && d <= TIME_REACH) {
      best_d = d;
      best = x;
    }
    j = x.end - 1;
  }
  if (best_d == SIZE_MAX)
    return;
  const nk_token *a = &r->doc->toks[best.first], *b = &r->doc->toks[best.end - 1];
  c->time_first = (int32_t)best.first;
  c->time_end = (int32_t)best.end;
  c->time_text = ev_strndup(r->doc->text + a->start, b->end - a->start);
  /* the norm waits for factuality (future or past): see ev_time_normalise */
}

static void find_place(ev_run *r, ev_cand *c)
{
  size_t sf = ev_sent_first(r, c->sent), se = ev_sent_end(r, c->sent);
  size_t lo = c->t_first > sf + PLACE_REACH ? c->t_first - PLACE_REACH : sf;
  size_t hi = c->t_end + PLACE_REACH < se ? c->t_end + PLACE_REACH : se;
  size_t best_d = SIZE_MAX, bf = 0, be = 0;
  int32_t best_a = NK_NONE;
  for (size_t j = lo; j < hi; j++) {
    size_t mf, me, at = 0;
    int32_t a = ev_actor_at(r, j, &mf, &me);
    if (a == NK_NONE)
      continue;
    ev_prep p = ev_prep_before(r, mf, sf, &at);
    int place = r->g->actors[a].type == NK_PLACE;
    if (p == EVP_BOARD || ((p == EVP_LOC || p == EVP_DATIVE) && place)) {
      size_t d = gap(c->t_first, c->t_end, mf, me);
      if (d < best_d) {
        best_d = d;
        best_a = a;
        bf = p == EVP_BOARD ? at : mf;
        be = me;
      }
    }
    j = me > j ? me - 1 : j;
  }
  if (best_a == NK_NONE)
    return;
  const nk_token *a = &r->doc->toks[bf], *b = &r->doc->toks[be - 1];
  c->place_text = ev_strndup(r->doc->text + a->start, b->end - a->start);
  c->place = r->g->actors[best_a].type == NK_PLACE ? best_a : NK_NONE;
}

void ev_time_place(ev_run *r, ev_cand *c)
{
  find_time(r, c);
  find_place(r, c);
}

/* Called once factuality is known: planned events point forward in time. */
void ev_time_normalise(ev_run *r, ev_cand *c)
{
  if (c->time_first < 0)
    return;
  texp x;
  if (!read_texp(r, (size_t)c->time_first, ev_sent_end(r, c->sent), &x))
    return;
  free(c->time_norm);
  c->time_norm = normalise(r, &x, c->fact == NK_FACT_PLANNED);
}
