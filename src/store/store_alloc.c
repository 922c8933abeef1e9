/* A memory allocator for SQLite (SQLITE_CONFIG_MALLOC), for the program to install.

   SQLite as Debian builds it has no lookaside memory (SQLITE_OMIT_LOOKASIDE), so every cursor
   it opens (one per foreign key checked, per row inserted), every record it builds and every
   chunk of an in-memory statement journal is a malloc and a free: about 400 of each an
   article, 6% of the storing thread's instructions in glibc. Blocks of up to NK_ALLOC_SMALL
   bytes come here from free lists by size class, kept per thread (no lock: a block freed by
   another thread than the one that took it joins the freeing thread's list), carved from
   chunks that are never given back; larger blocks (the page cache's pages) go to malloc.
   Memory held stays at the peak of what SQLite held at once, by class. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* Under the sanitizers SQLite's memory stays with malloc, which they watch. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define NK_ALLOC_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define NK_ALLOC_OFF 1
#endif
#endif

#ifndef NK_ALLOC_OFF

/* Size classes: 16-byte steps up to 1 KiB, 128-byte steps up to NK_ALLOC_SMALL (an
   in-memory journal's chunks are a little over 1 KiB). */
#define STEP1 16
#define LIM1 1024
#define STEP2 128
#define NK_ALLOC_SMALL 2048
#define N1 (LIM1 / STEP1)
#define NCLASS (N1 + (NK_ALLOC_SMALL - LIM1) / STEP2)
/* Blocks are carved from chunks of this size. */
#define CHUNK (256 * 1024)

/* Every block starts with one 8-byte word: its class, or NCLASS + size for a block from
   malloc. SQLite asks for 8-byte alignment, which this keeps. */
typedef uint64_t head;

typedef struct blk {
  struct blk *next;
} blk;

static _Thread_local blk *free_list[NCLASS];
static _Thread_local char *arena, *arena_end;

/* Chunks, linked through their first word, so that they stay reachable (leak checkers). */
static void *chunks;
static pthread_mutex_t chunks_lock = PTHREAD_MUTEX_INITIALIZER;

static int class_of(size_t n)
{
  if (n <= LIM1)
    return n ? (int)((n + STEP1 - 1) / STEP1) - 1 : 0;
  return N1 + (int)((n - LIM1 + STEP2 - 1) / STEP2) - 1;
}

static size_t class_size(int c)
{
  return c < N1 ? (size_t)(c + 1) * STEP1 : LIM1 + (size_t)(c - N1 + 1) * STEP2;
}

static void *carve(size_t bytes)
{
  if ((size_t)(arena_end - arena) < bytes) {
    char *ch = malloc(CHUNK);
    if (!ch)
      return NULL;
    pthread_mutex_lock(&chunks_lock);
    memcpy(ch, &chunks, sizeof chunks);
    chunks = ch;
    pthread_mutex_unlock(&chunks_lock);
    arena = ch + 16;
    arena_end = ch + CHUNK;
  }
  void *p = arena;
  arena += bytes;
  return p;
}

static void *fa_malloc(int n)
{
  size_t sz = n > 0 ? (size_t)n : 1;
  head *h;
  if (sz > NK_ALLOC_SMALL) {
    if (!(h = malloc(sizeof *h + sz)))
      return NULL;
    *h = NCLASS + (head)sz;
    return h + 1;
  }
  int c = class_of(sz);
  blk *b = free_list[c];
  if (b) {
    free_list[c] = b->next;
    h = (head *)b - 1;
  } else if (!(h = carve(sizeof *h + class_size(c)))) {
    return NULL;
  }
  *h = (head)c;
  return h + 1;
}

static void fa_free(void *p)
{
  if (!p)
    return;
  head *h = (head *)p - 1;
  if (*h >= NCLASS) {
    free(h);
    return;
  }
  blk *b = p;
  b->next = free_list[*h];
  free_list[*h] = b;
}

static int fa_size(void *p)
{
  if (!p)
    return 0;
  head h = ((head *)p)[-1];
  return (int)(h >= NCLASS ? h - NCLASS : class_size((int)h));
}

static int fa_roundup(int n)
{
  size_t sz = n > 0 ? (size_t)n : 1;
  return sz > NK_ALLOC_SMALL ? n : (int)class_size(class_of(sz));
}

static void *fa_realloc(void *p, int n)
{
  int have = fa_size(p);
  if (n <= have && fa_roundup(n) == have)
    return p;
  void *q = fa_malloc(n);
  if (!q)
    return NULL;
  memcpy(q, p, (size_t)(have < n ? have : n));
  fa_free(p);
  return q;
}

static int fa_init(void *unused)
{
  (void)unused;
  return SQLITE_OK;
}

static void fa_shutdown(void *unused)
{
  (void)unused;
}

#endif /* NK_ALLOC_OFF */

int nk_store_use_allocator(void)
{
#ifdef NK_ALLOC_OFF
  return SQLITE_OK;
#else
  static const sqlite3_mem_methods m = {fa_malloc, fa_free,  fa_realloc, fa_size,
                                        fa_roundup, fa_init, fa_shutdown, NULL};
  return sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
#endif
}
