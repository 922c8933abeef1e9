/* The per-article graph: growable arrays with copy-in appenders. */
#include <stdlib.h>
#include <string.h>

#include "newskg/graph.h"

nk_graph *nk_graph_new(void)
{
  return calloc(1, sizeof(nk_graph));
}

static void free_strv(char **v, size_t n)
{
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

void nk_graph_free(nk_graph *g)
{
  if (!g)
    return;
  for (size_t i = 0; i < g->n_actors; i++) {
    nk_actor *a = &g->actors[i];
    free(a->name);
    free(a->wk_id);
    free_strv(a->names, a->n_names);
    free_strv(a->roles, a->n_roles);
  }
  for (size_t i = 0; i < g->n_statements; i++) {
    free(g->statements[i].text);
    free(g->statements[i].verb);
  }
  for (size_t i = 0; i < g->n_events; i++) {
    nk_event *e = &g->events[i];
    free(e->cameo);
    free(e->label);
    free(e->trigger);
    free(e->time_text);
    free(e->time_norm);
    free(e->place_text);
    free(e->parts);
  }
  free(g->actors);
  free(g->mentions);
  free(g->statements);
  free(g->events);
  free(g->relations);
  free(g->links);
  free(g);
}

/* Makes room for one more element of SIZE bytes in *arr (n used, *cap allocated). */
static int grow(void **arr, size_t n, size_t *cap, size_t size)
{
  if (n < *cap)
    return 0;
  size_t ncap = *cap ? *cap * 2 : 16;
  void *p = realloc(*arr, ncap * size);
  if (!p)
    return -1;
  memset((char *)p + n * size, 0, (ncap - n) * size);
  *arr = p;
  *cap = ncap;
  return 0;
}

int nk_graph_set_str(char **slot, const char *s)
{
  char *copy = NULL;
  if (s && !(copy = strdup(s)))
    return -1;
  free(*slot);
  *slot = copy;
  return 0;
}

/* Appends a copy of S to the string vector *v unless an equal string is there. */
static int strv_add_unique(char ***v, size_t *n, const char *s)
{
  for (size_t i = 0; i < *n; i++)
    if (strcmp((*v)[i], s) == 0)
      return 0;
  char **p = realloc(*v, (*n + 1) * sizeof **v);
  if (!p)
    return -1;
  *v = p;
  if (!(p[*n] = strdup(s)))
    return -1;
  (*n)++;
  return 0;
}

int32_t nk_graph_add_actor(nk_graph *g, const char *name, nk_actor_type type)
{
  if (!name || grow((void **)&g->actors, g->n_actors, &g->cap_actors, sizeof *g->actors))
    return -1;
  nk_actor *a = &g->actors[g->n_actors];
  memset(a, 0, sizeof *a);
  a->type = type;
  if (!(a->name = strdup(name)) || strv_add_unique(&a->names, &a->n_names, name)) {
    free(a->name);
    free_strv(a->names, a->n_names);
    memset(a, 0, sizeof *a);
    return -1;
  }
  return (int32_t)g->n_actors++;
}

int nk_graph_actor_add_name(nk_graph *g, int32_t actor, const char *name)
{
  if (actor < 0 || (size_t)actor >= g->n_actors || !name)
    return -1;
  nk_actor *a = &g->actors[actor];
  return strv_add_unique(&a->names, &a->n_names, name);
}

int nk_graph_actor_add_role(nk_graph *g, int32_t actor, const char *role)
{
  if (actor < 0 || (size_t)actor >= g->n_actors || !role)
    return -1;
  nk_actor *a = &g->actors[actor];
  return strv_add_unique(&a->roles, &a->n_roles, role);
}

int32_t nk_graph_add_mention(nk_graph *g, const nk_mention *m)
{
  if (grow((void **)&g->mentions, g->n_mentions, &g->cap_mentions, sizeof *g->mentions))
    return -1;
  g->mentions[g->n_mentions] = *m;
  return (int32_t)g->n_mentions++;
}

int32_t nk_graph_add_statement(nk_graph *g, const char *text, nk_stmt_kind kind,
                               const char *verb, nk_stance stance, int32_t speaker,
                               uint32_t start, uint32_t end)
{
  if (!text || grow((void **)&g->statements, g->n_statements, &g->cap_statements,
                    sizeof *g->statements))
    return -1;
  nk_statement *s = &g->statements[g->n_statements];
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->stance = stance;
  s->speaker = speaker;
  s->attributed_to = NK_NONE;
  s->start = start;
  s->end = end;
  if (nk_graph_set_str(&s->text, text) || nk_graph_set_str(&s->verb, verb)) {
    free(s->text);
    free(s->verb);
    memset(s, 0, sizeof *s);
    return -1;
  }
  return (int32_t)g->n_statements++;
}

int32_t nk_graph_add_event(nk_graph *g, const char *cameo, const char *trigger,
                           nk_factuality fact, uint32_t start, uint32_t end)
{
  if (!cameo || !trigger ||
      grow((void **)&g->events, g->n_events, &g->cap_events, sizeof *g->events))
    return -1;
  nk_event *e = &g->events[g->n_events];
  memset(e, 0, sizeof *e);
  e->factuality = fact;
  e->place = NK_NONE;
  e->start = start;
  e->end = end;
  if (nk_graph_set_str(&e->cameo, cameo) || nk_graph_set_str(&e->trigger, trigger)) {
    free(e->cameo);
    free(e->trigger);
    memset(e, 0, sizeof *e);
    return -1;
  }
  return (int32_t)g->n_events++;
}

int nk_graph_event_add_participant(nk_graph *g, int32_t event, int32_t actor, nk_role role)
{
  if (event < 0 || (size_t)event >= g->n_events || actor < 0 || (size_t)actor >= g->n_actors)
    return -1;
  nk_event *e = &g->events[event];
  for (size_t i = 0; i < e->n_parts; i++)
    if (e->parts[i].actor == actor && e->parts[i].role == role)
      return 0;
  nk_participant *p = realloc(e->parts, (e->n_parts + 1) * sizeof *p);
  if (!p)
    return -1;
  e->parts = p;
  p[e->n_parts].actor = actor;
  p[e->n_parts].role = role;
  e->n_parts++;
  return 0;
}

int32_t nk_graph_add_relation(nk_graph *g, int32_t from, int32_t to, nk_rel_kind kind)
{
  if (from < 0 || to < 0 || (size_t)from >= g->n_actors || (size_t)to >= g->n_actors ||
      from == to)
    return -1;
  for (size_t i = 0; i < g->n_relations; i++) {
    nk_relation *r = &g->relations[i];
    if (r->from == from && r->to == to && r->kind == kind)
      return (int32_t)i;
  }
  if (grow((void **)&g->relations, g->n_relations, &g->cap_relations, sizeof *g->relations))
    return -1;
  g->relations[g->n_relations] = (nk_relation){from, to, kind};
  return (int32_t)g->n_relations++;
}

int32_t nk_graph_add_link(nk_graph *g, int32_t statement, int32_t event, int32_t actor,
                          nk_link_kind kind)
{
  if (statement < 0 || (size_t)statement >= g->n_statements || (event == NK_NONE) == (actor == NK_NONE))
    return -1;
  if (grow((void **)&g->links, g->n_links, &g->cap_links, sizeof *g->links))
    return -1;
  g->links[g->n_links] = (nk_link){statement, event, actor, kind};
  return (int32_t)g->n_links++;
}

/* The names below are the values of the CHECK constraints in schemas/schema.sql. */
const char *nk_actor_type_name(nk_actor_type t)
{
  static const char *const n[] = {"person", "organization", "place"};
  return (unsigned)t < 3 ? n[t] : "person";
}

const char *nk_stmt_kind_name(nk_stmt_kind k)
{
  static const char *const n[] = {"direct", "partial", "indirect"};
  return (unsigned)k < 3 ? n[k] : "direct";
}

const char *nk_stance_name(nk_stance s)
{
  static const char *const n[] = {"assert", "deny", "refuse", "promise", "warn",
                                  "accuse", "confirm", "question", "uncertain"};
  return (unsigned)s < 9 ? n[s] : "assert";
}

const char *nk_factuality_name(nk_factuality f)
{
  static const char *const n[] = {"asserted", "reported", "denied",
                                  "uncertain", "planned", "negated"};
  return (unsigned)f < 6 ? n[f] : "asserted";
}

const char *nk_role_name(nk_role r)
{
  static const char *const n[] = {"source", "target", "participant"};
  return (unsigned)r < 3 ? n[r] : "participant";
}

const char *nk_rel_kind_name(nk_rel_kind k)
{
  static const char *const n[] = {"affiliated_with", "nationality", "located_in"};
  return (unsigned)k < 3 ? n[k] : "affiliated_with";
}

const char *nk_link_kind_name(nk_link_kind k)
{
  static const char *const n[] = {"about", "confirms", "denies"};
  return (unsigned)k < 3 ? n[k] : "about";
}

const char *nk_mention_kind_name(nk_mention_kind k)
{
  static const char *const n[] = {"name", "description", "pronoun", "credit"};
  return (unsigned)k < 4 ? n[k] : "name";
}
