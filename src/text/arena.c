/* Bump allocator: a linked list of chunks, each at least the arena's chunk size (NK_ARENA_CHUNK
   unless asked otherwise). Requests larger than a chunk get a chunk of their own, so any size is
   served. */
#include "text/arena.h"

#include <stdlib.h>
#include <string.h>

#define NK_ARENA_CHUNK ((size_t)64 * 1024)
#define NK_ARENA_ALIGN ((size_t)sizeof(void *))

typedef struct nk_chunk {
  struct nk_chunk *next;
  size_t used, cap;
  /* data follows, aligned because the header is a multiple of the pointer size */
} nk_chunk;

struct nk_arena {
  nk_chunk *head;
  size_t chunk; /* bytes of a fresh chunk */
};

nk_arena *nk_arena_new_chunked(size_t chunk)
{
  nk_arena *a = calloc(1, sizeof(nk_arena));
  if (a) a->chunk = chunk ? chunk : NK_ARENA_CHUNK;
  return a;
}

nk_arena *nk_arena_new(void) { return nk_arena_new_chunked(NK_ARENA_CHUNK); }

void nk_arena_free(nk_arena *a)
{
  if (!a) return;
  nk_chunk *c = a->head;
  while (c) {
    nk_chunk *next = c->next;
    free(c);
    c = next;
  }
  free(a);
}

void *nk_arena_alloc(nk_arena *a, size_t n)
{
  n = (n + NK_ARENA_ALIGN - 1) & ~(NK_ARENA_ALIGN - 1);
  if (n == 0) n = NK_ARENA_ALIGN;
  nk_chunk *c = a->head;
  if (!c || c->cap - c->used < n) {
    size_t cap = n > a->chunk ? n : a->chunk;
    if (cap > (size_t)-1 - sizeof(nk_chunk)) return NULL;
    nk_chunk *fresh = malloc(sizeof(nk_chunk) + cap);
    if (!fresh) return NULL;
    fresh->used = 0;
    fresh->cap = cap;
    if (c && n > a->chunk) {
      /* A big one-off block goes behind the current chunk so that the current chunk's free
         space is still used for the next small requests. */
      fresh->next = c->next;
      c->next = fresh;
      fresh->used = n;
      return (char *)(fresh + 1);
    }
    fresh->next = c;
    a->head = fresh;
    c = fresh;
  }
  void *p = (char *)(c + 1) + c->used;
  c->used += n;
  return p;
}

char *nk_arena_strndup(nk_arena *a, const char *s, size_t len)
{
  char *p = nk_arena_alloc(a, len + 1);
  if (!p) return NULL;
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  return p;
}
