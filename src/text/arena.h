/* A bump allocator for the text layer: a doc's fold strings live in one arena so that
   segmenting never calls malloc per token and freeing a doc is a handful of free() calls. */
#ifndef NK_TEXT_ARENA_H
#define NK_TEXT_ARENA_H
#include <stddef.h>

typedef struct nk_arena nk_arena;

/* A new empty arena, or NULL when out of memory. Freed with nk_arena_free(). */
nk_arena *nk_arena_new(void);
/* The same with chunks of CHUNK bytes (0: the default, 64 KiB): smaller for an arena that
   mostly stays small, such as a per-article map's keys. */
nk_arena *nk_arena_new_chunked(size_t chunk);
void nk_arena_free(nk_arena *a);

/* N bytes aligned for any pointer-sized object, owned by the arena; NULL when out of memory. */
void *nk_arena_alloc(nk_arena *a, size_t n);

/* A NUL-terminated copy of S[0..len), owned by the arena; NULL when out of memory. */
char *nk_arena_strndup(nk_arena *a, const char *s, size_t len);

#endif
