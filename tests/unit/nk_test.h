/* Shared by the extraction unit tests: a CHECK macro that counts failures, and extract(),
   which runs a short article written for the test through the text layer and the whole
   extractor. Include it once per test program: it defines the static `failures` and `X`. */
#ifndef NK_TEST_H
#define NK_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "newskg/extract.h"
#include "newskg/text.h"

#include "nk_check.h"

typedef struct run {
  nk_doc *doc;
  nk_graph *g;
  const char *name;
} run;

/* The extractor every case shares (made once in main). */
static nk_extractor *X;

/* Extracts TEXT (its first line is the title). Free with done(). */
static run extract(const char *name, const char *text)
{
  run r = {NULL, NULL, name};
  nk_error err;
  size_t tl = strcspn(text, "\n");
  char *title = malloc(tl + 1);
  memcpy(title, text, tl);
  title[tl] = '\0';
  nk_article art;
  memset(&art, 0, sizeof art);
  art.path = art.file = (char *)name;
  art.title = title;
  art.text = (char *)text;
  art.text_len = strlen(text);
  memcpy(art.lang, nk_text_detect_lang(text, strlen(text)), 3);
  if (nk_doc_segment(text, strlen(text), title, NULL, &r.doc, &err) != NK_OK) {
    CHECK(0, "%s: segment: %s", name, err.msg);
    free(title);
    return r;
  }
  r.g = nk_graph_new();
  nk_status st = nk_extract(X, &art, r.doc, r.g, &err);
  CHECK(st == NK_OK, "%s: extract: %s", name, err.msg);
  free(title);
  return r;
}

static void done(run *r)
{
  nk_graph_free(r->g);
  nk_doc_free(r->doc);
}

#endif
