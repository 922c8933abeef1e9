/* newskg dump: what extraction finds in one article, printed as text (no database). For
   people working on the lexicons and rules. */
#include <string.h>

#include "cli/cli.h"

static const char dump_usage[] =
    "Usage: newskg dump [--tokens] FILE\n"
    "\n"
    "Reads one article and prints its paragraphs (with noise marks), actors (names, roles),\n"
    "relations, statements (with speakers) and events (with participants, time, place and\n"
    "factuality). Nothing is stored. --tokens also prints every token with its fold.\n";

static const char *noise_name(nk_noise n)
{
  static const char *const names[] = {"", "title", "title-dup", "caption", "credit",
                                      "read-also", "share", "comment", "captcha"};
  return (unsigned)n < sizeof names / sizeof names[0] ? names[n] : "?";
}

static const char *actor_name(const nk_graph *g, int32_t i)
{
  return i >= 0 && (size_t)i < g->n_actors ? g->actors[i].name : "-";
}

static void print_graph(const nk_article *art, const nk_doc *doc, const nk_graph *g, int toks)
{
  printf("article %s lang=%s date=%s title=%s\n", art->file, art->lang,
         art->date ? art->date : "-", art->title ? art->title : "-");
  for (size_t i = 0; i < doc->n_paras; i++) {
    const nk_paragraph *p = &doc->paras[i];
    printf("  para %zu [%u,%u) %s sentences=%u\n", i, p->start, p->end, noise_name(p->noise),
           p->sent_count);
  }
  if (toks)
    for (size_t i = 0; i < doc->n_toks; i++) {
      const nk_token *t = &doc->toks[i];
      printf("    tok %zu s%u [%u,%u) k%u f%#x %.*s → %s\n", i, t->sent, t->start, t->end,
             t->kind, t->flags, (int)(t->end - t->start), doc->text + t->start,
             t->fold ? t->fold : "");
    }
  for (size_t i = 0; i < g->n_actors; i++) {
    const nk_actor *a = &g->actors[i];
    printf("actor %zu %s (%s)%s%s%s", i, a->name, nk_actor_type_name(a->type),
           a->wk_id ? " wk=" : "", a->wk_id ? a->wk_id : "", a->credit_only ? " credit" : "");
    for (size_t k = 0; k < a->n_names; k++)
      printf("%s%s", k ? " | " : "  names: ", a->names[k]);
    for (size_t k = 0; k < a->n_roles; k++)
      printf("%s%s", k ? " | " : "  roles: ", a->roles[k]);
    putchar('\n');
  }
  for (size_t i = 0; i < g->n_mentions; i++) {
    const nk_mention *m = &g->mentions[i];
    printf("mention %s [%u,%u) %.*s → %s\n", nk_mention_kind_name(m->kind), m->start, m->end,
           (int)(m->end - m->start), doc->text + m->start, actor_name(g, m->actor));
  }
  for (size_t i = 0; i < g->n_relations; i++)
    printf("relation %s %s %s\n", actor_name(g, g->relations[i].from),
           nk_rel_kind_name(g->relations[i].kind), actor_name(g, g->relations[i].to));
  for (size_t i = 0; i < g->n_statements; i++) {
    const nk_statement *s = &g->statements[i];
    printf("statement %zu %s by %s%s%s verb=%s stance=%s [%u,%u): %s\n", i,
           nk_stmt_kind_name(s->kind), actor_name(g, s->speaker),
           s->attributed_to != NK_NONE ? " of " : "",
           s->attributed_to != NK_NONE ? actor_name(g, s->attributed_to) : "",
           s->verb ? s->verb : "-", nk_stance_name(s->stance), s->start, s->end, s->text);
  }
  for (size_t i = 0; i < g->n_events; i++) {
    const nk_event *e = &g->events[i];
    printf("event %zu %s %s \"%s\" fact=%s time=%s/%s place=%s:", i, e->cameo,
           e->label ? e->label : "-", e->trigger, nk_factuality_name(e->factuality),
           e->time_text ? e->time_text : "-", e->time_norm ? e->time_norm : "-",
           e->place_text ? e->place_text : "-");
    for (size_t k = 0; k < e->n_parts; k++)
      printf(" %s=%s", nk_role_name(e->parts[k].role), actor_name(g, e->parts[k].actor));
    putchar('\n');
  }
  for (size_t i = 0; i < g->n_links; i++) {
    const nk_link *l = &g->links[i];
    printf("link statement %d %s %s %d\n", l->statement, nk_link_kind_name(l->kind),
           l->event != NK_NONE ? "event" : "actor", l->event != NK_NONE ? l->event : l->actor);
  }
}

int nk_cli_dump(int argc, char **argv)
{
  const char *path = NULL;
  int toks = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(dump_usage, stdout);
      return 0;
    } else if (!strcmp(argv[i], "--tokens")) {
      toks = 1;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      return nk_cli_usage("dump", "unknown option '%s'", argv[i]);
    } else if (path) {
      return nk_cli_usage("dump", "one file at a time");
    } else {
      path = argv[i];
    }
  }
  if (!path)
    return nk_cli_usage("dump", "no article to read");

  nk_error err = {{0}};
  nk_article *art = NULL;
  nk_doc *doc = NULL;
  nk_graph *g = NULL;
  nk_extractor *x = NULL;
  const char *warning = NULL;
  nk_status st = nk_article_read_file(path, &art, &warning, &err);
  if (st == NK_OK)
    st = nk_doc_segment(art->text, art->text_len, art->title, art->lang, &doc, &err);
  if (st == NK_OK)
    st = nk_extractor_new(&x, &err);
  if (st == NK_OK && !(g = nk_graph_new()))
    st = nk_error_set(&err, NK_ERR_NOMEM, "out of memory");
  if (st == NK_OK)
    st = nk_extract(x, art, doc, g, &err);
  if (warning)
    fprintf(stderr, "newskg: warning: %s: %s\n", path, warning);
  if (st == NK_OK) {
    print_graph(art, doc, g, toks);
    if (fflush(stdout) != 0 || ferror(stdout))
      st = nk_error_set(&err, NK_ERR_IO, "cannot write the output");
  }
  if (st != NK_OK)
    fprintf(stderr, "newskg: %s: %s\n", path, err.msg[0] ? err.msg : nk_status_str(st));
  nk_graph_free(g);
  nk_extractor_free(x);
  nk_doc_free(doc);
  nk_article_free(art);
  return st == NK_OK ? 0 : 1;
}
