/* The reader as a user meets it: plain text and HTML articles, encodings, bad inputs with
   one-line reasons, dates, titles, content hashes. Bad-input samples live in
   tests/data/reader/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/article.h"
#include "newskg/text.h"

#include "nk_check.h"

static const char *data_dir(void)
{
  const char *d = getenv("NK_TEST_DATA");
  return d ? d : "tests/data";
}

static nk_status read_sample(const char *name, nk_article **a, const char **warning,
                             nk_error *err)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/reader/%s", data_dir(), name);
  return nk_article_read_file(path, a, warning, err);
}

static nk_status read_str(const char *s, size_t n, nk_format fmt, nk_article **a,
                          const char **warning, nk_error *err)
{
  return nk_article_read_buffer("mem.txt", s, n, fmt, a, warning, err);
}

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static void test_plain_text(void)
{
  const char *s = "La grève se durcit\n\nLa grève se durcit\n\nPARIS, 14 mai 2025 — Les "
                  "syndicats ont appelé à une nouvelle journée.\r\nLe ministre a refusé.\n";
  nk_article *a = NULL;
  nk_error err;
  const char *w = "x";
  CHECK(read_str(s, strlen(s), NK_FORMAT_TXT, &a, &w, &err) == NK_OK, "%s", err.msg);
  if (!a) return;
  CHECK(w == NULL, "no warning for UTF-8");
  CHECK(streq(a->title, "La grève se durcit"), "title [%s]", a->title);
  CHECK(streq(a->date, "2025-05-14"), "date from dateline [%s]", a->date ? a->date : "null");
  CHECK(streq(a->lang, "fr"), "lang %s", a->lang);
  CHECK(strlen(a->hash) == 32, "hash %s", a->hash);
  CHECK(streq(a->file, "mem.txt") && a->format == NK_FORMAT_TXT, "file/format");
  CHECK(!strchr(a->text, '\r'), "CRLF normalised");
  CHECK(a->author == NULL && a->site == NULL, "no author/site in text");
  /* the title line and its repetition */
  nk_doc *d = NULL;
  CHECK(nk_doc_segment(a->text, a->text_len, a->title, NULL, &d, &err) == NK_OK, "%s", err.msg);
  if (d) {
    CHECK(d->n_paras == 4, "%zu paragraphs", d->n_paras);
    CHECK(d->paras[0].noise == NK_NOISE_TITLE, "title marked");
    CHECK(d->paras[1].noise == NK_NOISE_TITLE_DUP, "repeated title marked");
    CHECK(d->paras[2].noise == NK_NOISE_NONE, "story text not noise");
    nk_doc_free(d);
  }
  /* same text, same hash; different text, different hash */
  nk_article *b = NULL;
  CHECK(nk_article_read_buffer("other/name.txt", s, strlen(s), NK_FORMAT_TXT, &b, NULL, &err) ==
            NK_OK, "%s", err.msg);
  CHECK(b && strcmp(a->hash, b->hash) == 0, "same text, same hash");
  CHECK(b && streq(b->file, "name.txt"), "base name [%s]", b ? b->file : "");
  nk_article_free(b);
  b = NULL;
  CHECK(read_str("Autre titre\n\nAutre texte.", 24, NK_FORMAT_TXT, &b, NULL, &err) == NK_OK,
        "%s", err.msg);
  CHECK(b && strcmp(a->hash, b->hash) != 0, "different text, different hash");
  nk_article_free(b);
  nk_article_free(a);

  /* SHA-256("abc") starts with ba7816bf8f01cfea414140de5dae2223 */
  a = NULL;
  CHECK(read_str("abc", 3, NK_FORMAT_TXT, &a, NULL, &err) == NK_OK, "%s", err.msg);
  CHECK(a && streq(a->hash, "ba7816bf8f01cfea414140de5dae2223"), "hash is SHA-256/128: %s",
        a ? a->hash : "");
  nk_article_free(a);
}

static void test_wrapped_title(void)
{
  /* a hard-wrapped text without blank lines: the title spans two lines */
  const char *s =
      "Grève à la SNCF : les syndicats maintiennent la pression, le\ngouvernement refuse de "
      "céder\nLe trafic ferroviaire restera très perturbé jeudi et\nvendredi, a prévenu la SNCF "
      "mercredi soir, au lendemain\nd'une journée de grève massivement suivie.\nDes cheminots "
      "grévistes devant la gare de l'Est.\n© Claire Morvan / Hans Lucas\nLa ministre du "
      "Travail, Hélène Ferrand-Castel, a jugé le\nmouvement « disproportionné » et a ajouté "
      "qu'elle ne\ncéderait pas.";
  nk_article *a = NULL;
  nk_error err;
  CHECK(read_str(s, strlen(s), NK_FORMAT_TXT, &a, NULL, &err) == NK_OK, "%s", err.msg);
  if (!a) return;
  CHECK(streq(a->title, "Grève à la SNCF : les syndicats maintiennent la pression, le "
                        "gouvernement refuse de céder"), "wrapped title [%s]", a->title);
  nk_doc *d = NULL;
  CHECK(nk_doc_segment(a->text, a->text_len, a->title, NULL, &d, &err) == NK_OK, "%s", err.msg);
  if (d) {
    CHECK(d->n_paras == 5, "%zu paragraphs, want 5", d->n_paras);
    CHECK(d->paras[0].noise == NK_NOISE_TITLE, "wrapped title marked");
    CHECK(d->n_paras == 5 && d->paras[3].noise == NK_NOISE_CREDIT, "credit line on its own");
    CHECK(d->n_paras == 5 && d->paras[4].noise == NK_NOISE_NONE, "story after the credit");
    nk_doc_free(d);
  }
  nk_article_free(a);
}

static void test_dates(void)
{
  struct {
    const char *text, *date;
  } cases[] = {
      {"Titre\n\nPublié le 14 mai 2025 à 10h32\n\nLe texte. Le 3 avril 2019, rien.", "2025-05-14"},
      {"Title\n\nGENEVA, May 14, 2025 (Reuters) - The WHO said.", "2025-05-14"},
      {"Title\n\nPublished 2024-11-03T10:00:00Z\n\nText.", "2024-11-03"},
      {"Titre\n\nLe 1er août 2023, à Paris, la grève a commencé.", "2023-08-01"},
      {"Titre\n\nLe texte parle du 3 avril sans année.", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    nk_article *a = NULL;
    nk_error err;
    CHECK(read_str(cases[i].text, strlen(cases[i].text), NK_FORMAT_TXT, &a, NULL, &err) == NK_OK,
          "%s", err.msg);
    if (!a) continue;
    if (cases[i].date)
      CHECK(streq(a->date, cases[i].date), "date of case %zu: %s", i, a->date ? a->date : "null");
    else
      CHECK(a->date == NULL, "no date in case %zu: %s", i, a->date);
    nk_article_free(a);
  }
}

static void test_encodings(void)
{
  nk_article *a = NULL;
  nk_error err;
  const char *w = NULL;
  CHECK(read_sample("latin1.txt", &a, &w, &err) == NK_OK, "%s", err.msg);
  if (a) {
    CHECK(a->transcoded == 1, "transcoded flag");
    CHECK(streq(w, "transcoded from Windows-1252"), "warning %s", w ? w : "null");
    CHECK(streq(a->title, "Grève à la SNCF : le gouvernement cède"), "title [%s]", a->title);
    CHECK(strstr(a->text, "« non »") && strstr(a->text, "l’AFP") && strstr(a->text, "5 €"),
          "Windows-1252 quotes, apostrophe and euro: %s", a->text);
    nk_article_free(a);
    a = NULL;
  }
  CHECK(read_sample("mixed.txt", &a, NULL, &err) == NK_ERR_ENCODING, "mixed encodings");
  CHECK(strstr(err.msg, "UTF-8") != NULL, "reason names UTF-8: %s", err.msg);
  nk_article_free(a);
  a = NULL;
  /* a byte Windows-1252 leaves undefined is not text */
  CHECK(read_str("Titre \x81\x8d\x90 texte", 15, NK_FORMAT_TXT, &a, NULL, &err) ==
            NK_ERR_ENCODING, "undefined Windows-1252 bytes");
  nk_article_free(a);
  a = NULL;
  /* UTF-8 BOM dropped, UTF-16 decoded */
  CHECK(read_str("\xef\xbb\xbfTitre\n\nTexte.", 16, NK_FORMAT_TXT, &a, NULL, &err) == NK_OK,
        "%s", err.msg);
  CHECK(a && streq(a->title, "Titre"), "BOM stripped from the title");
  nk_article_free(a);
  a = NULL;
  const char u16[] = "\xff\xfe" "T\0i\0t\0r\0\xe9\0\n\0\n\0O\0k\0.\0";
  CHECK(read_str(u16, sizeof u16 - 1, NK_FORMAT_TXT, &a, &w, &err) == NK_OK, "%s", err.msg);
  CHECK(a && streq(a->title, "Titré"), "UTF-16 title [%s]", a ? a->title : "");
  nk_article_free(a);
  a = NULL;
  /* NFC: a decomposed é is composed */
  CHECK(read_str("Re\xcc\x81sume\xcc\x81\n", 11, NK_FORMAT_TXT, &a, NULL, &err) == NK_OK, "%s",
        err.msg);
  CHECK(a && streq(a->title, "Résumé"), "NFC title [%s]", a ? a->title : "");
  nk_article_free(a);
}

static void test_bad_inputs(void)
{
  nk_article *a = NULL;
  nk_error err;
  CHECK(read_sample("empty.txt", &a, NULL, &err) == NK_ERR_EMPTY && !a, "empty file");
  CHECK(read_sample("blank.txt", &a, NULL, &err) == NK_ERR_EMPTY && !a, "blank file");
  CHECK(read_sample("nul.txt", &a, NULL, &err) == NK_ERR_BINARY && !a, "NUL bytes");
  CHECK(strstr(err.msg, "NUL") && !strchr(err.msg, '\n'), "one-line reason: %s", err.msg);
  char bin[256];
  for (size_t i = 0; i < sizeof bin; i++) bin[i] = (char)(i % 31 + 1);
  CHECK(read_str(bin, sizeof bin, NK_FORMAT_TXT, &a, NULL, &err) == NK_ERR_BINARY && !a,
        "control bytes are binary");
  CHECK(read_sample("no-such-file.txt", &a, NULL, &err) == NK_ERR_IO && !a, "missing file");
  CHECK(read_sample("", &a, NULL, &err) == NK_ERR_IO && !a, "a directory is not an article: %s",
        err.msg);
  CHECK(read_str("<html><body></body></html>", 26, NK_FORMAT_HTML, &a, NULL, &err) ==
            NK_ERR_EMPTY && !a, "HTML without text");
}

static void test_html(void)
{
  nk_article *a = NULL;
  nk_error err;
  CHECK(read_sample("article.html", &a, NULL, &err) == NK_OK, "%s", err.msg);
  if (!a) return;
  CHECK(a->format == NK_FORMAT_HTML, "format");
  CHECK(streq(a->title, "Grève : le gouvernement refuse de céder"), "og:title [%s]", a->title);
  CHECK(streq(a->date, "2025-05-14"), "meta date [%s]", a->date ? a->date : "null");
  CHECK(streq(a->author, "Claire Martin"), "author [%s]", a->author ? a->author : "null");
  CHECK(streq(a->site, "Le Journal"), "site [%s]", a->site ? a->site : "null");
  CHECK(strncmp(a->text, "Grève : le gouvernement refuse de céder\n\nLe trafic restera très "
                         "perturbé jeudi",
                strlen("Grève : le gouvernement refuse de céder\n\nLe trafic restera très "
                       "perturbé jeudi")) == 0,
        "title line, blank line, body: %s", a->text);
  CHECK(!strstr(a->text, "var x") && !strstr(a->text, "color"), "script and style dropped");
  CHECK(!strstr(a->text, "Menu") && !strstr(a->text, "Accueil"), "nav dropped");
  CHECK(!strstr(a->text, "© Le Journal"), "footer dropped");
  CHECK(!strstr(a->text, "Lire aussi"), "aside dropped");
  CHECK(!strstr(a->text, "commentaire"), "comments dropped");
  CHECK(strstr(a->text, "M.\xc2\xa0Marchal") != NULL, "&nbsp; kept as a no-break space");
  CHECK(strstr(a->text, "démenti.\n\nDeuxième ligne.") != NULL, "<br> breaks paragraphs");
  nk_doc *d = NULL;
  CHECK(nk_doc_segment(a->text, a->text_len, a->title, a->lang, &d, &err) == NK_OK, "%s",
        err.msg);
  if (d) {
    CHECK(d->paras[0].noise == NK_NOISE_TITLE, "HTML title line is the title");
    for (size_t i = 1; i < d->n_paras; i++)
      CHECK(d->paras[i].noise != NK_NOISE_TITLE_DUP, "the <h1> is not repeated (para %zu)", i);
    nk_doc_free(d);
  }
  nk_article_free(a);

  /* no <article>: the <p>s; <title> when nothing better; a Windows-1252 page; <time> date */
  const char *page = "<html><head><title>Page \xe9t\xe9</title></head><body><div>menu</div>"
                     "<p>Premier paragraphe.</p><p>Second <i>paragraphe</i>.</p>"
                     "<time datetime=\"2024-02-29\">29 f\xe9vrier</time></body></html>";
  a = NULL;
  const char *w = NULL;
  CHECK(nk_article_read_buffer("p.html", page, strlen(page), NK_FORMAT_HTML, &a, &w, &err) ==
            NK_OK, "%s", err.msg);
  if (a) {
    CHECK(streq(a->title, "Page été"), "title [%s]", a->title);
    CHECK(streq(w, "transcoded from Windows-1252"), "warning");
    CHECK(streq(a->text, "Page été\n\nPremier paragraphe.\n\nSecond paragraphe."), "text [%s]",
          a->text);
    CHECK(streq(a->date, "2024-02-29"), "time date [%s]", a->date ? a->date : "null");
    nk_article_free(a);
  }
  /* a byline gives the author when no <meta> does, and is not story text */
  const char *by = "<html><body><article><h1>Le titre</h1><p class=\"byline\">Par Jean Dupont</p>"
                   "<p>Le texte.</p></article></body></html>";
  a = NULL;
  CHECK(nk_article_read_buffer("b.html", by, strlen(by), NK_FORMAT_HTML, &a, NULL, &err) ==
            NK_OK, "%s", err.msg);
  if (a) {
    CHECK(streq(a->author, "Jean Dupont"), "byline author [%s]", a->author ? a->author : "null");
    CHECK(streq(a->text, "Le titre\n\nLe texte."), "text [%s]", a->text);
    nk_article_free(a);
  }
  /* class names: a "has-sidebar" wrapper is not furniture, a "sidebar" block is */
  const char *cls = "<html><body class=\"post has-sidebar\"><div class=\"wrap has-sidebar\">"
                    "<article><h1>Titre</h1><p>Le texte.</p><div class=\"share-bar\">"
                    "<p>Partager</p></div></article></div><div class=\"sidebar\"><p>Pub"
                    "</p></div></body></html>";
  a = NULL;
  CHECK(nk_article_read_buffer("c.html", cls, strlen(cls), NK_FORMAT_HTML, &a, NULL, &err) ==
            NK_OK, "%s", err.msg);
  if (a) {
    CHECK(streq(a->text, "Titre\n\nLe texte."), "text [%s]", a->text);
    nk_article_free(a);
  }
  /* a page of <div>s only, without a title: every block, the first one as the title line */
  const char *divs = "<html><body><div>Premier bloc</div><div>Second bloc.</div></body></html>";
  a = NULL;
  CHECK(nk_article_read_buffer("d.html", divs, strlen(divs), NK_FORMAT_HTML, &a, NULL, &err) ==
            NK_OK, "%s", err.msg);
  if (a) {
    CHECK(streq(a->title, "Premier bloc"), "title [%s]", a->title);
    CHECK(streq(a->text, "Premier bloc\n\nSecond bloc."), "text [%s]", a->text);
    nk_article_free(a);
  }
  /* external entities are never fetched or expanded */
  const char *xxe = "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><html><body>"
                    "<p>Titre</p><p>a &x; b</p></body></html>";
  a = NULL;
  nk_status st = nk_article_read_buffer("x.html", xxe, strlen(xxe), NK_FORMAT_HTML, &a, NULL,
                                        &err);
  CHECK(st != NK_OK || !strstr(a->text, "root:"), "no external entity expansion");
  nk_article_free(a);
}

int main(void)
{
  test_plain_text();
  test_wrapped_title();
  test_dates();
  test_encodings();
  test_bad_inputs();
  test_html();
  if (failures) printf("%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
