/* The text layer as a reader of the token stream sees it: sentences, tokens, flags, folds,
   offsets, noise lines and language, on French and English sentences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/text.h"

#include "nk_check.h"

static nk_doc *seg(const char *text)
{
  nk_doc *d = NULL;
  nk_error err;
  nk_status st = nk_doc_segment(text, strlen(text), NULL, NULL, &d, &err);
  if (st != NK_OK) {
    printf("FAIL segment(%s): %s\n", text, err.msg);
    failures++;
    return NULL;
  }
  return d;
}

/* The text of token I, for messages. */
static const char *tok_text(const nk_doc *d, size_t i)
{
  static char buf[4][256]; /* test helper only: a small ring of buffers for messages */
  static int k;
  char *b = buf[k++ & 3];
  size_t n = d->toks[i].end - d->toks[i].start;
  if (n > 255) n = 255;
  memcpy(b, d->text + d->toks[i].start, n);
  b[n] = '\0';
  return b;
}

/* "tok|tok|tok" of the whole doc. */
static void joined(const nk_doc *d, char *out, size_t cap)
{
  size_t w = 0;
  out[0] = '\0';
  for (size_t i = 0; i < d->n_toks && w + 2 < cap; i++) {
    int n = snprintf(out + w, cap - w, "%s%s", i ? "|" : "", tok_text(d, i));
    if (n < 0) break;
    w += (size_t)n;
  }
}

/* Index of the first token whose text is S, or -1. */
static long find_tok(const nk_doc *d, const char *s)
{
  for (size_t i = 0; i < d->n_toks; i++)
    if (strcmp(tok_text(d, i), s) == 0) return (long)i;
  return -1;
}

static void check_tokens(const char *text, const char *expect)
{
  nk_doc *d = seg(text);
  if (!d) return;
  char got[2048];
  joined(d, got, sizeof got);
  CHECK(strcmp(got, expect) == 0, "tokens of \"%s\": got %s, want %s", text, got, expect);
  nk_doc_free(d);
}

static void check_sentences(const char *text, size_t n)
{
  nk_doc *d = seg(text);
  if (!d) return;
  CHECK(d->n_sents == n, "\"%s\": %zu sentences, want %zu", text, d->n_sents, n);
  if (d->n_sents != n)
    for (size_t i = 0; i < d->n_sents; i++)
      printf("   [%.*s]\n", (int)(d->sents[i].end - d->sents[i].start),
             d->text + d->sents[i].start);
  nk_doc_free(d);
}

/* Token S in TEXT has all of FLAGS (and kind KIND when KIND >= 0) and folds to FOLD (if set). */
static void check_tok(const char *text, const char *s, int kind, unsigned flags, const char *fold)
{
  nk_doc *d = seg(text);
  if (!d) return;
  long i = find_tok(d, s);
  CHECK(i >= 0, "no token \"%s\" in \"%s\"", s, text);
  if (i >= 0) {
    const nk_token *t = &d->toks[i];
    CHECK(kind < 0 || t->kind == kind, "\"%s\" kind %d, want %d", s, t->kind, kind);
    CHECK((t->flags & flags) == flags, "\"%s\" flags %#x, want %#x", s, t->flags, flags);
    CHECK(!fold || strcmp(t->fold, fold) == 0, "\"%s\" fold \"%s\", want \"%s\"", s, t->fold,
          fold);
  }
  nk_doc_free(d);
}

static void check_not_flag(const char *text, const char *s, unsigned flag)
{
  nk_doc *d = seg(text);
  if (!d) return;
  long i = find_tok(d, s);
  CHECK(i >= 0 && !(d->toks[i].flags & flag), "\"%s\" in \"%s\" should not have %#x", s, text,
        flag);
  nk_doc_free(d);
}

static void check_noise(const char *text, size_t para, nk_noise want)
{
  nk_doc *d = NULL;
  nk_error err;
  const char *title = "Le titre de l'article";
  if (nk_doc_segment(text, strlen(text), title, NULL, &d, &err) != NK_OK) {
    printf("FAIL segment: %s\n", err.msg);
    failures++;
    return;
  }
  CHECK(para < d->n_paras && d->paras[para].noise == want, "paragraph %zu of \"%s\": noise %d, want %d",
        para, text, para < d->n_paras ? (int)d->paras[para].noise : -1, (int)want);
  nk_doc_free(d);
}

static void test_abbreviations(void)
{
  check_sentences("M. Dupont est arrivé. Il a parlé.", 2);
  check_sentences("Mme Martin et MM. Durand et Petit ont signé. Le texte est publié.", 2);
  check_sentences("Dr. Amina Okafor spoke. She left.", 2);
  check_sentences("Mr. and Mrs. Smith met Ms. Jones at St. Mary's church.", 1);
  check_sentences("The U.S. and the U.K. signed a deal. It was late.", 2);
  check_sentences("Il est né en 52 av. J.-C. à Rome.", 1);
  check_sentences("John F. Kennedy was elected in 1960.", 1);
  check_sentences("Ils ont acheté des pommes, des poires, etc. pour la fête.", 1);
  check_sentences("Ils ont acheté des pommes, des poires, etc. Ensuite ils sont partis.", 2);
  check_sentences("La croissance a atteint 3.5 points. Le chômage recule.", 2);
  check_sentences("He moved to the U.S. The move was quick.", 2);
  check_tok("M. Dupont est là.", "M.", NK_TOK_WORD, NK_TF_ABBREV | NK_TF_CAP, "m.");
  check_tok("The U.S. Army", "U.S.", NK_TOK_WORD, NK_TF_ABBREV | NK_TF_ALLCAPS, "u.s.");
  check_tok("en 52 av. J.-C. à Rome", "J.-C.", NK_TOK_WORD, NK_TF_ABBREV, NULL);
  check_tok("John F. Kennedy", "F.", NK_TOK_WORD, NK_TF_ABBREV | NK_TF_CAP, "f.");
}

static void test_quotes_in_sentences(void)
{
  check_sentences("« Nous ne céderons pas. Jamais », a-t-il dit. La réunion a suivi.", 2);
  check_sentences("“We are running out of time. Every day costs lives,” Dr. Okafor said. "
                  "She left.", 2);
  check_sentences("\"We are running out of time. Every day costs lives,\" she said.", 1);
  check_sentences("« C'est fini. » Le ministre est parti.", 2);
  check_sentences("Il a affirmé : « C'est fini. » Puis il est parti.", 2);
  check_sentences("« Pourquoi ? » a-t-elle demandé.", 1);
  check_sentences("« Nous avons […] décidé de partir », a-t-il dit.", 1);
  check_sentences("« Nous ne céderons pas. Jamais. » Le ministre est parti. Il reviendra.", 4);
}

static void test_tokens(void)
{
  check_tokens("Le porte-parole Jean-Noël Lemaire-Duval", "Le|porte-parole|Jean-Noël|Lemaire-Duval");
  check_tokens("a-t-il dit", "a|-t-il|dit");
  check_tokens("a dit-elle, ajoute-t-on.", "a|dit|-elle|,|ajoute|-t-on|.");
  check_tok("« Oui », a-t-il dit", "-t-il", NK_TOK_WORD, NK_TF_INVERTED, "il");
  check_tok("« Oui », dit-elle", "-elle", NK_TOK_WORD, NK_TF_INVERTED, "elle");
  check_tok("Que puis-je dire ?", "-je", NK_TOK_WORD, NK_TF_INVERTED, "je");
  check_tokens("l'État et l’OMS", "l'|État|et|l’|OMS");
  check_tok("l’OMS", "l’", NK_TOK_WORD, NK_TF_ELISION, "l'");
  check_tok("d'autres", "d'", NK_TOK_WORD, NK_TF_ELISION, "d'");
  check_tokens("qu'il jusqu’à lorsqu'on puisqu’elle", "qu'|il|jusqu’|à|lorsqu'|on|puisqu’|elle");
  check_tokens("j'ai n'est s'il c'est m'a t'es", "j'|ai|n'|est|s'|il|c'|est|m'|a|t'|es");
  check_tok("L'Élysée", "L'", NK_TOK_WORD, NK_TF_ELISION | NK_TF_CAP, "l'");
  check_tokens("aujourd'hui", "aujourd'hui");
  check_tokens("the WHO's director", "the|WHO|'s|director");
  check_tok("the WHO's director", "WHO", NK_TOK_WORD, NK_TF_ALLCAPS | NK_TF_CAP, "who");
  /* numbers with no-break, narrow no-break and plain spaces; decimals; percent */
  check_tokens("21\xc2\xa0" "000 personnes", "21\xc2\xa0" "000|personnes");
  check_tok("21\xe2\x80\xaf" "000 personnes", "21\xe2\x80\xaf" "000", NK_TOK_NUMBER, 0, "21000");
  check_tok("Il y a 21 000 cas", "21 000", NK_TOK_NUMBER, 0, "21000");
  check_tokens("9,5 %", "9,5|%");
  check_tok("un taux de 9,5 %", "9,5", NK_TOK_NUMBER, 0, "9,5");
  check_tok("more than 12,000 cases", "12,000", NK_TOK_NUMBER, 0, NULL);
  check_tok("le 1er mai", "1er", NK_TOK_NUMBER, 0, NULL);
  check_tokens("le 20 janvier 2025", "le|20|janvier|2025");
  /* quotes */
  check_tok("« Oui »", "«", NK_TOK_QUOTE, NK_TF_QUOTE_OPEN, NULL);
  check_tok("« Oui »", "»", NK_TOK_QUOTE, NK_TF_QUOTE_CLOSE, NULL);
  check_tokens("«\xc2\xa0Oui\xc2\xa0»", "«|Oui|»");
  check_tokens("«\xe2\x80\xafOui\xe2\x80\xaf»", "«|Oui|»");
  check_tokens("«Oui»", "«|Oui|»");
  check_tok("“Oui”", "“", NK_TOK_QUOTE, NK_TF_QUOTE_OPEN, NULL);
  check_tok("“Oui”", "”", NK_TOK_QUOTE, NK_TF_QUOTE_CLOSE, NULL);
  check_tok("„Ja“", "„", NK_TOK_QUOTE, NK_TF_QUOTE_OPEN, NULL);
  check_tok("‹ Oui ›", "‹", NK_TOK_QUOTE, NK_TF_QUOTE_OPEN, NULL);
  check_tok("‹ Oui ›", "›", NK_TOK_QUOTE, NK_TF_QUOTE_CLOSE, NULL);
  check_tok("he said ‘no’ twice", "‘", NK_TOK_QUOTE, NK_TF_QUOTE_OPEN, NULL);
  check_tok("he said ‘no’ twice", "’", NK_TOK_QUOTE, NK_TF_QUOTE_CLOSE, NULL);
  {
    nk_doc *d = seg("He said \"no\", then \"yes\".");
    if (d) {
      long q = 0;
      unsigned want[4] = {NK_TF_QUOTE_OPEN, NK_TF_QUOTE_CLOSE, NK_TF_QUOTE_OPEN,
                          NK_TF_QUOTE_CLOSE};
      for (size_t i = 0; i < d->n_toks; i++)
        if (d->toks[i].kind == NK_TOK_QUOTE) {
          CHECK(q < 4 && (d->toks[i].flags & want[q]), "straight quote %ld wrong side", q);
          q++;
        }
      CHECK(q == 4, "%ld straight quotes, want 4", q);
      nk_doc_free(d);
    }
  }
  /* emoji and flags are symbols, one token per flag */
  check_tokens("🇺🇸🇷🇺 Trump", "🇺🇸|🇷🇺|Trump");
  check_tok("Bravo 👍🏽 !", "👍🏽", NK_TOK_SYMBOL, 0, NULL);
  /* capitals and sentence starts */
  check_tok("« Nous partons », dit-il.", "Nous", NK_TOK_WORD, NK_TF_SENT_START | NK_TF_CAP, "nous");
  check_not_flag("« Nous partons », dit-il.", "«", NK_TF_SENT_START);
  check_tok("La CGT appelle.", "CGT", NK_TOK_WORD, NK_TF_ALLCAPS | NK_TF_SPACE_BEFORE, "cgt");
  check_not_flag("La CGT appelle.", "La", NK_TF_SPACE_BEFORE);
  check_tok("Le Président a parlé", "Président", NK_TOK_WORD, NK_TF_CAP, "president");
}

static void test_offsets(void)
{
  const char *text = "Titre\n\n« L’État, c’est moi », a-t-il dit à 21\xc2\xa0" "000 personnes.\n"
                     "Second paragraphe. Deux phrases.";
  nk_doc *d = seg(text);
  if (!d) return;
  CHECK(d->n_paras == 3, "%zu paragraphs, want 3", d->n_paras);
  CHECK(d->n_sents == 4, "%zu sentences, want 4", d->n_sents);
  for (size_t i = 0; i < d->n_toks; i++) {
    const nk_token *t = &d->toks[i];
    CHECK(t->start < t->end && t->end <= d->len, "token %zu offsets", i);
    const nk_sentence *s = &d->sents[t->sent];
    CHECK(i >= s->tok_first && i < s->tok_first + s->tok_count, "token %zu sentence", i);
    CHECK(t->start >= s->start && t->end <= s->end, "token %zu outside its sentence", i);
  }
  for (size_t i = 0; i < d->n_paras; i++) {
    const nk_paragraph *p = &d->paras[i];
    CHECK(text[p->end] == '\n' || text[p->end] == '\0', "paragraph %zu ends at a line end", i);
  }
  long k = find_tok(d, "État");
  CHECK(k >= 0 && strncmp(text + d->toks[k].start, "État", strlen("État")) == 0, "État offset");
  CHECK(d->paras[2].start == (uint32_t)(strstr(text, "Second") - text), "paragraph 2 start");
  CHECK(d->sents[3].start == (uint32_t)(strstr(text, "Deux") - text), "sentence 3 start");
  nk_doc_free(d);
}

static void test_wrapped_lines(void)
{
  /* a hard-wrapped paragraph is one paragraph; a line per paragraph stays so */
  nk_doc *d = seg("Titre\nLe ministre a déclaré mardi que la réforme\nserait appliquée. Il est parti.\n"
                  "Photo : AFP\nJean Dupont");
  if (!d) return;
  CHECK(d->n_paras == 4, "%zu paragraphs, want 4", d->n_paras);
  CHECK(d->n_sents == 5, "%zu sentences, want 5", d->n_sents);
  nk_doc_free(d);
}

static void test_fold(void)
{
  char *f = nk_text_fold("Président de l’État ÉLYSÉE", strlen("Président de l’État ÉLYSÉE"));
  CHECK(f && strcmp(f, "president de l'etat elysee") == 0, "fold: %s", f ? f : "(null)");
  free(f);
  f = nk_text_fold("Straße", strlen("Straße"));
  CHECK(f && strcmp(f, "strasse") == 0, "fold ß: %s", f ? f : "(null)");
  free(f);
  /* the same word decomposed (e + combining acute) folds the same */
  f = nk_text_fold("re\xcc\x81gion", strlen("re\xcc\x81gion"));
  CHECK(f && strcmp(f, "region") == 0, "fold decomposed: %s", f ? f : "(null)");
  free(f);
  size_t n = 0;
  char *c = nk_text_nfc("re\xcc\x81gion", strlen("re\xcc\x81gion"), &n);
  CHECK(c && strcmp(c, "région") == 0 && n == strlen("région"), "nfc");
  free(c);
  c = nk_text_nfc("\xff\xfe", 2, &n);
  CHECK(c == NULL, "nfc of invalid UTF-8 is NULL");
  free(c);
}

static void test_lang(void)
{
  const char *fr = "Le gouvernement a annoncé mardi qu'il ne céderait pas sur la réforme des "
                   "retraites, selon les syndicats.";
  const char *en = "The government said on Tuesday that it would not back down on the pension "
                   "reform, according to the unions.";
  CHECK(strcmp(nk_text_detect_lang(fr, strlen(fr)), "fr") == 0, "French detected");
  CHECK(strcmp(nk_text_detect_lang(en, strlen(en)), "en") == 0, "English detected");
  nk_doc *d = seg(en);
  CHECK(d && strcmp(d->lang, "en") == 0, "doc lang en");
  nk_doc_free(d);
}

static void test_noise(void)
{
  const char *a = "Le titre de l'article\n\nLe titre de l'article\n\nLe ministre a parlé.\n\n"
                  "Des cheminots devant la gare. © Claire Morvan / Hans Lucas\n\n"
                  "Photo : Jean Dupont / AFP\n\nLire aussi : Les usagers excédés\n\n"
                  "Partager\n\nLaisser un commentaire\n\n20 − un =\n\n3 + 4 = ?";
  check_noise(a, 0, NK_NOISE_TITLE);
  check_noise(a, 1, NK_NOISE_TITLE_DUP);
  check_noise(a, 2, NK_NOISE_NONE);
  check_noise(a, 3, NK_NOISE_CAPTION);
  check_noise(a, 4, NK_NOISE_CAPTION);
  check_noise(a, 5, NK_NOISE_READ_ALSO);
  check_noise(a, 6, NK_NOISE_SHARE);
  check_noise(a, 7, NK_NOISE_COMMENT);
  check_noise(a, 8, NK_NOISE_CAPTCHA);
  check_noise(a, 9, NK_NOISE_CAPTCHA);
  const char *b = "Le titre de l'article\n\nA child in Adre, eastern Chad. Photo: WHO/Khadija Oumar\n\n"
                  "Khadija Oumar\n\nThe minister spoke.\n\nRead more: Sudan's crisis\n\nShare\n\n"
                  "Leave a comment\n\n© Reuters";
  check_noise(b, 1, NK_NOISE_CAPTION);
  check_noise(b, 2, NK_NOISE_CAPTION);
  check_noise(b, 3, NK_NOISE_NONE);
  check_noise(b, 4, NK_NOISE_READ_ALSO);
  check_noise(b, 5, NK_NOISE_SHARE);
  check_noise(b, 6, NK_NOISE_COMMENT);
  check_noise(b, 7, NK_NOISE_CREDIT);
  /* a repeated title differing in case and accents */
  check_noise("Le titre de l'article\n\nLE TITRE DE L’ARTICLE\n\nFin.", 1, NK_NOISE_TITLE_DUP);
  /* comment-form furniture */
  check_noise("Le titre de l'article\n\nLe texte.\n\nVotre adresse e-mail ne sera pas publiée. "
              "Les champs obligatoires sont indiqués avec *\n\nCommentaire *\n\nNom *", 2,
              NK_NOISE_COMMENT);
  check_noise("Le titre de l'article\n\nLe texte.\n\nCommentaire *\n\nNom *", 3,
              NK_NOISE_COMMENT);
  /* a photographer's name right under the title */
  check_noise("Le titre de l'article\n\nMilos Schmidt\n\nLe ministre a parlé.", 1,
              NK_NOISE_CAPTION);
  check_noise("Le titre de l'article\n\nJean de La Fontaine\n\nLe ministre a parlé.", 1,
              NK_NOISE_CAPTION);
  /* a short story line is not noise, even right under the title */
  check_noise("Le titre de l'article\n\nIl a dit\n\nLe ministre a parlé.", 1, NK_NOISE_NONE);
  check_noise("Le titre de l'article\n\nLe ministre a parlé.\n\nLes syndicats restent sceptiques.",
              2, NK_NOISE_NONE);
  check_noise("Le titre de l'article\n\nÀ lire aussi : la grève\n\nFin.", 1, NK_NOISE_READ_ALSO);
}

static void test_robustness(void)
{
  /* invalid bytes and control characters never fail and keep offsets in range */
  const char bad[] = "ab\xff\xfe c\x01 \xe2\x80 \"\" '' \xc2\xab";
  nk_doc *d = NULL;
  nk_error err;
  CHECK(nk_doc_segment(bad, sizeof bad - 1, NULL, NULL, &d, &err) == NK_OK, "bad bytes");
  if (d) {
    for (size_t i = 0; i < d->n_toks; i++)
      CHECK(d->toks[i].end <= d->len && d->toks[i].fold, "token %zu", i);
    nk_doc_free(d);
  }
  CHECK(nk_doc_segment("", 0, NULL, NULL, &d, &err) == NK_OK && d && d->n_paras == 0, "empty");
  nk_doc_free(d);
}

int main(void)
{
  test_abbreviations();
  test_quotes_in_sentences();
  test_tokens();
  test_offsets();
  test_wrapped_lines();
  test_fold();
  test_lang();
  test_noise();
  test_robustness();
  if (failures) printf("%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
